using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.Payments;

/// <summary>
/// The characters replaced in the CP932 files of one export (<see cref="Cp932Text"/>, docs/formats/cp932-replacement.md),
/// file by file: what the CLI prints on stderr, the manifest lists and the audit entry records.
/// </summary>
public sealed class Cp932ReplacementLog
{
    private readonly List<(string File, Cp932Replacement Replacement)> entries = [];

    public IReadOnlyList<(string File, Cp932Replacement Replacement)> Entries => entries;

    public void Add(string file, IEnumerable<Cp932Replacement> replacements)
    {
        ArgumentNullException.ThrowIfNull(replacements);
        entries.AddRange(replacements.Select(r => (file, r)));
    }

    /// <summary>One report line per replaced character: <c>accounting-202608.csv 3行目: 𠮷（U+20BB7）→ 吉</c>.</summary>
    public IReadOnlyList<string> ReportLines() => [.. entries.Select(e => $"{e.File} {e.Replacement}")];

    /// <summary>
    /// The audit value: file, line, code point and what was written (<c>accounting-202608.csv:3:U+20BB7→吉</c>),
    /// the code point rather than the character so that the audit holds no part of a name as text.
    /// </summary>
    public string AuditValue() =>
        string.Join(";", entries.Select(e => $"{e.File}:{e.Replacement.Line}:{e.Replacement.CodePoints}→{(e.Replacement.Replacement.Length == 0 ? "-" : e.Replacement.Replacement)}"));
}

/// <summary>Adds the replacements to an audit entry's details, only when there are any (earlier entries keep their form).</summary>
public static class Cp932AuditDetails
{
    public static Dictionary<string, object?> WithCp932Replacements(this Dictionary<string, object?> details, Cp932ReplacementLog log)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(log);
        if (log.Entries.Count > 0)
        {
            details["cp932Replacements"] = log.AuditValue();
        }

        return details;
    }
}
