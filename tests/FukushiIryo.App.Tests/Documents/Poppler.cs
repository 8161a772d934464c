using System.Diagnostics;
using System.Text;

namespace FukushiIryo.App.Tests.Documents;

/// <summary>
/// poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm): PDFsharp writes PDFs but cannot read their
/// text back, so the tests read it as a person's viewer would. test.sh installs the package; a test
/// that finds it missing fails and says so (never skipped).
/// </summary>
internal static class Poppler
{
    /// <summary>The text of the pages <paramref name="first"/>..<paramref name="last"/> (all when null), laid out.</summary>
    public static string Text(byte[] pdf, int? first = null, int? last = null)
    {
        var arguments = new List<string> { "-layout", "-enc", "UTF-8" };
        if (first is { } f)
        {
            arguments.AddRange(["-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        if (last is { } l)
        {
            arguments.AddRange(["-l", l.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return Run("pdftotext", pdf, arguments, output: "-");
    }

    /// <summary>The text with every space (half and full width) and line break removed: for searching words.</summary>
    public static string Compact(string text) =>
        new([.. text.Where(c => !char.IsWhiteSpace(c))]);

    /// <summary>pdfinfo's lines (Title, Creator, Producer, Pages…).</summary>
    public static string Info(byte[] pdf) => Run("pdfinfo", pdf, ["-enc", "UTF-8"], output: null);

    /// <summary>pdffonts' table: name, type, encoding, emb, sub, uni.</summary>
    public static string Fonts(byte[] pdf) => Run("pdffonts", pdf, [], output: null);

    /// <summary>Renders page 1 to <paramref name="pngPath"/> (for a person to look at).</summary>
    public static void Png(byte[] pdf, string pngPath, int dpi = 100)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pngPath)!, Path.GetFileNameWithoutExtension(pngPath));
        Run("pdftoppm", pdf, ["-png", "-singlefile", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture)], output: prefix);
    }

    private static string Run(string tool, byte[] pdf, IEnumerable<string> arguments, string? output)
    {
        var path = $"/usr/bin/{tool}";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{tool} is missing: install poppler-utils (./test.sh does: apt-get install -y poppler-utils).");
        }

        var file = Path.Combine(Path.GetTempPath(), $"fukushi-doc-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            var start = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(file);
            if (output is not null)
            {
                start.ArgumentList.Add(output);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {stderr.Result}");
            }

            return stdout.Result;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary><c>artifacts/screenshots</c> at the repository root (git-ignored).</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "FukushiIryo.sln")))
            {
                root = root.Parent;
            }

            var directory = Path.Combine(root?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }
}
