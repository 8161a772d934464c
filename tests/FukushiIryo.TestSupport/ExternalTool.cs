using System.Diagnostics;

namespace FukushiIryo.TestSupport;

/// <summary>Runs an operating-system tool (mount, umount, pdfinfo …) for a test: whether it succeeded and its standard error.</summary>
public static class ExternalTool
{
    /// <summary>Runs <paramref name="tool"/> with <paramref name="args"/>; a tool that is not installed is a failure with the reason.</summary>
    public static async Task<(bool Ok, string Error)> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            await output.ConfigureAwait(false);
            return (process.ExitCode == 0, error);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (false, exception.Message);
        }
    }
}
