namespace FukushiIryo.Cli;

/// <summary>What a CLI run reads and writes: standard streams, environment variables and the clock. Tests replace them.</summary>
internal sealed class CliEnvironment
{
    public TextReader In { get; init; } = System.Console.In;

    public TextWriter Out { get; init; } = System.Console.Out;

    public TextWriter Error { get; init; } = System.Console.Error;

    public Func<string, string?> Variable { get; init; } = System.Environment.GetEnvironmentVariable;

    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Standard output is a terminal (not redirected): long commands show their progress there.</summary>
    public bool IsOutputTerminal { get; init; }

    public static CliEnvironment Process { get; } = new() { IsOutputTerminal = !System.Console.IsOutputRedirected };
}
