using PdfSharp.Fonts;

namespace FukushiIryo.App.Documents;

/// <summary>
/// The fonts of the PDF documents, shipped beside the assembly in <c>Documents/Fonts</c> (licences in
/// the README there) and handed to PDFsharp by a custom <see cref="IFontResolver"/>, so that no font
/// package is needed. PDFsharp embeds the glyphs used (a subset) in every document.
/// </summary>
/// <remarks>
/// IPAex covers JIS X 0208 and a part of JIS X 0213, not every character of the 住民基本台帳: 𠮷
/// (U+20BB7) is missing from it. Names and addresses as the 宛名 holds them are therefore drawn in
/// IPAmj明朝 (the 文字情報基盤 font made for 住基・戸籍 characters), everything else in IPAex (ADR 0012).
/// </remarks>
public static class DocumentFonts
{
    /// <summary>IPAexゴシック: titles, labels, numbers.</summary>
    public const string Gothic = "IPAexGothic";

    /// <summary>IPAex明朝: the body text of the notices.</summary>
    public const string Mincho = "IPAexMincho";

    /// <summary>IPAmj明朝: names and addresses as the 宛名 holds them (any 住基 character).</summary>
    public const string Registry = "IPAmjMincho";

    private static readonly Dictionary<string, string> Files = new(StringComparer.OrdinalIgnoreCase)
    {
        [Gothic] = "ipaexg.ttf",
        [Mincho] = "ipaexm.ttf",
        [Registry] = "ipamjm.ttf",
    };

    private static readonly Lock Gate = new();

    private static readonly Resolver Instance = new();

    /// <summary>The folder the font files are read from: <c>Documents/Fonts</c> beside this assembly.</summary>
    public static string Folder { get; } = Path.Combine(
        Path.GetDirectoryName(typeof(DocumentFonts).Assembly.Location) is { Length: > 0 } directory ? directory : AppContext.BaseDirectory,
        "Documents",
        "Fonts");

    /// <summary>
    /// Makes PDFsharp use these fonts: sets the process-wide font resolver once (PDFsharp allows it to
    /// be set only before the first font is used, and only ever to the same instance). Called by every
    /// document builder; harmless to call again.
    /// </summary>
    /// <exception cref="InvalidOperationException">another font resolver was set in this process.</exception>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                return;
            }

            if (GlobalFontSettings.FontResolver is not null)
            {
                throw new InvalidOperationException("Another PDFsharp font resolver is set in this process; the documents need DocumentFonts' own.");
            }

            GlobalFontSettings.FontResolver = Instance;
        }
    }

    private sealed class Resolver : IFontResolver
    {
        private readonly Dictionary<string, byte[]> loaded = new(StringComparer.Ordinal);

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            Files.TryGetValue(familyName, out var file)
                ? new FontResolverInfo(file, bold, italic)
                : null;

        public byte[]? GetFont(string faceName)
        {
            lock (loaded)
            {
                if (!loaded.TryGetValue(faceName, out var bytes))
                {
                    var path = Path.Combine(Folder, faceName);
                    if (!File.Exists(path))
                    {
                        throw new FileNotFoundException($"The document font {faceName} is missing from {Folder}: it ships with the application (Documents/Fonts).", path);
                    }

                    bytes = File.ReadAllBytes(path);
                    loaded[faceName] = bytes;
                }

                return bytes;
            }
        }
    }
}
