using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace FukushiIryo.App.Tests.Fuzzing;

/// <summary>
/// The property-based fuzzer of the four readers (issue 16 item 4, ADR 0036): any input gives rows or
/// per-row / file problems, never an exception and never a hang. In the normal suite each reader gets a
/// short smoke run (<see cref="SmokeSeconds"/>, ≤ 30 s for all four); <c>scripts/fuzz.sh SECONDS</c>
/// sets <c>FUKUSHI_FUZZ_SECONDS</c> for a longer run by hand. A failure is shrunk and printed as
/// pasteable C# (<see cref="ReaderFuzzTargets.Describe"/>) for a regression test beside this class (none so far: no crash found).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class ReaderFuzzTests
{
    /// <summary>Seconds per reader when <c>FUKUSHI_FUZZ_SECONDS</c> is not set.</summary>
    public const int SmokeSeconds = 6;

    /// <summary>One input taking longer than this is a hang (the largest generated input reads in milliseconds).</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Targets => new() { "uke", "autopay", "residents", "tax" };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Any_input_gives_rows_or_problems_never_an_exception_or_a_hang(string target)
    {
        var budget = TimeSpan.FromSeconds(Budget());
        var read = ReaderFuzzTargets.All[target];
        var property = Prop.ForAll(FuzzInputs.For(target), bytes => Survives(read, bytes));
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        do
        {
            // A new random seed each round; a failure throws with the shrunk input and FsCheck's replay seed.
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true), property);
            rounds++;
        }
        while (clock.Elapsed < budget);

        Assert.True(rounds > 0);
    }

    /// <summary>The seeds themselves read without a single problem (so the mutations start from a valid file).</summary>
    [Theory]
    [MemberData(nameof(Targets))]
    public void The_seed_of_each_reader_is_a_valid_file(string target)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", FuzzInputs.Seeds[target]) + "\r\n");
        var errors = ReaderFuzzTargets.All[target](bytes).Where(problem => problem.Severity == Formats.Import.ImportSeverity.Error).ToList();
        Assert.Empty(errors);
    }

    /// <summary>The fuzzer itself: a reader planted with a crash on a KO record of more than 12 fields is caught, and the input shrunk to a few bytes.</summary>
    [Fact]
    public void A_planted_crash_is_found_and_shrunk()
    {
        static IReadOnlyList<Formats.Import.ImportProblem> Planted(byte[] bytes)
        {
            var text = System.Text.Encoding.Latin1.GetString(bytes);
            return text.Split('\n').Any(line => line.StartsWith("KO", StringComparison.Ordinal) && line.Split(',').Length > 12)
                ? throw new FormatException("planted")
                : [];
        }

        var property = Prop.ForAll(FuzzInputs.For("uke"), bytes => Survives(Planted, bytes));
        var found = Record.Exception(() =>
        {
            for (int round = 0; round < 50; round++)
            {
                Check.One(Config.QuickThrowOnFailure.WithMaxTest(100).WithQuietOnSuccess(true), property);
            }
        });
        Assert.NotNull(found);
        Assert.Contains("FormatException: planted", found.Message, StringComparison.Ordinal);
        Assert.Contains("Convert.FromHexString(\"", found.Message, StringComparison.Ordinal);
        Assert.Contains("/* 14 bytes: KO,,,,,,,,,,,, */", found.Message, StringComparison.Ordinal);
    }

    private static bool Survives(Func<byte[], IReadOnlyList<Formats.Import.ImportProblem>> read, byte[] bytes)
    {
        var run = Task.Run(() => read(bytes));
        bool finished;
        try
        {
            finished = run.Wait(HangAfter);
        }
        catch (AggregateException exception)
        {
            throw new InvalidOperationException(
                $"{exception.InnerException!.GetType().Name}: {exception.InnerException.Message} — input {ReaderFuzzTargets.Describe(bytes)}",
                exception.InnerException);
        }

        return finished ? true : throw new TimeoutException($"no result after {HangAfter}: input {ReaderFuzzTargets.Describe(bytes)}");
    }

    private static double Budget() =>
        Environment.GetEnvironmentVariable("FUKUSHI_FUZZ_SECONDS") is { Length: > 0 } text
            ? double.Parse(text, CultureInfo.InvariantCulture)
            : SmokeSeconds;
}
