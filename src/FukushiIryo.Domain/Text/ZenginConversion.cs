namespace FukushiIryo.Domain.Text;

/// <summary>
/// A character of the input that <see cref="ZenginText.Convert"/> could not write in 全銀 (Zengin)
/// characters (a kanji, an emoji, a symbol, a sound mark with no kana before it, …).
/// </summary>
/// <param name="Index">Its UTF-16 index in the input.</param>
/// <param name="Character">The character itself (two UTF-16 units for a character outside the BMP).</param>
public readonly record struct ZenginRejection(int Index, string Character);

/// <summary>
/// What <see cref="ZenginText.Convert"/> made of a text: the converted half-width text and the
/// characters it could not convert. Rejected characters are left out of <see cref="Text"/>, so a
/// caller must check <see cref="IsComplete"/> and turn the rejections into an error: a name is
/// never written to a transfer file with characters silently missing.
/// </summary>
public sealed class ZenginConversion
{
    internal ZenginConversion(string text, IReadOnlyList<ZenginRejection> rejected)
    {
        Text = text;
        Rejected = rejected;
    }

    /// <summary>The converted text: only characters for which <see cref="ZenginText.IsAllowed(char)"/> holds.</summary>
    public string Text { get; }

    /// <summary>The characters that have no 全銀 form, in input order.</summary>
    public IReadOnlyList<ZenginRejection> Rejected { get; }

    /// <summary>True when every character of the input was converted.</summary>
    public bool IsComplete => Rejected.Count == 0;
}
