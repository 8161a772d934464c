using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Masters;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi demo seed [--households N] [--seed S] [--files DIR] [--as-of DATE]</c> (interfaces.md §7,
/// システム管理): fills an empty 台帳 with a generated 奈良市 population and, with <c>--files</c>,
/// writes the same population as residents and tax files plus residents-changes.csv, and claim files
/// of the last three 処理年月 with planted doubtful cases (DemoClaims). Creates no
/// staff account.
/// </summary>
internal static class DemoCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var households = new Option<int>("--households")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"世帯数（1〜{DemoOptions.MaxHouseholds:N0}、既定 {DemoOptions.DefaultHouseholds:N0}）"),
            DefaultValueFactory = _ => DemoOptions.DefaultHouseholds,
        };
        households.Validators.Add(result =>
        {
            // A token that is not a number is the parser's own error; only the range is checked here.
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                && value is < 1 or > DemoOptions.MaxHouseholds)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--households は 1〜{DemoOptions.MaxHouseholds:N0} で指定してください: {value}"));
            }
        });
        var seed = new Option<long>("--seed")
        {
            Description = "乱数の種（同じ種・世帯数・基準日からは同じデータ）",
            DefaultValueFactory = _ => DemoOptions.DefaultSeed,
        };
        var files = new Option<string?>("--files") { Description = "住民・税務の取込ファイル、residents-changes.csv、直近3か月のレセプト（自動償還 CSV・UKE）と claims-cases.txt を書き出すフォルダ" };
        var asOf = new Option<string?>("--as-of") { Description = "基準日（既定: 今日）。年齢・資格・課税年度はこの日で決まる" };

        var seedCommand = new Command("seed", "架空の奈良市の住民で空の台帳を埋める（システム管理）") { households, seed, files, asOf };
        seedCommand.SetAction(async (parsed, cancellationToken) =>
        {
            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "demo seed", cancellationToken).ConfigureAwait(false);
            var referenceDate = ParseDate(parsed.GetValue(asOf)) ?? JstClock.Today(environment.Clock);
            var demoOptions = new DemoOptions(parsed.GetValue(households), parsed.GetValue(seed), referenceDate);
            try
            {
                demoOptions.Validate();
            }
            catch (ArgumentOutOfRangeException exception)
            {
                throw new CliExitException(ExitCodes.Usage, exception.Message);
            }

            var db = session.Db;

            var existing = await db.Persons.CountAsync(cancellationToken).ConfigureAwait(false);
            if (existing > 0)
            {
                throw new CliExitException(ExitCodes.Rejected, new DemoSeedRefusedException(existing).Message);
            }

            var total = Stopwatch.StartNew();
            var brackets = await db.AgeBrackets.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            var payers = await db.PublicPayers.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
            var income = new IncomeMasterRows(
                await db.IncomeLimits.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false),
                await db.IncomeDeductions.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false),
                await db.SalaryDeductionBands.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false));
            var reference = await DemoReferenceData.LoadAsync(brackets, payers, income, cancellationToken).ConfigureAwait(false);
            DemoPopulation population;
            try
            {
                population = DemoGenerator.Generate(demoOptions, reference);
            }
            catch (MasterDataMissingException exception)
            {
                throw new CliExitException(ExitCodes.Environment, exception.Message);
            }

            var generated = total.Elapsed;

            IReadOnlyList<string> written = [];
            if (parsed.GetValue(files) is { } folder && !string.IsNullOrWhiteSpace(folder))
            {
                try
                {
                    written = DemoFiles.Write(population, Path.GetFullPath(folder));
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    throw new CliExitException(ExitCodes.Environment, $"ファイルを書き込めません: {folder}（{exception.Message}）");
                }
            }

            var filesWritten = total.Elapsed;
            var progress = environment.IsOutputTerminal ? new TerminalProgress(environment.Out) : null;
            DemoSeedResult result;
            try
            {
                result = await new DemoSeeder(db, environment.Clock).SeedAsync(population, session.Actor, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (DemoSeedRefusedException refused)
            {
                throw new CliExitException(ExitCodes.Rejected, refused.Message);
            }
            catch (Exception exception) when (CliSession.IsUnreachable(exception))
            {
                throw new CliExitException(ExitCodes.Environment, $"データベースに書き込めません（何も登録していません）: {session.Settings}（{exception.Message}）");
            }
            finally
            {
                progress?.Finish();
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            var elapsed = total.Elapsed;
            var output = environment.Out;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"デモデータを登録しました（乱数の種 {demoOptions.Seed}、基準日 {referenceDate:yyyy-MM-dd}）: {session.Settings}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  世帯 {result.Households:N0} / 宛名 {result.Persons:N0} / 受給者 {result.Recipients:N0}（資格 {result.EligibilityRecords:N0} 行）/ 税情報 {result.TaxRecords:N0} / 全 {result.Rows:N0} 行")).ConfigureAwait(false);
            var filesPart = written.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"ファイル {(filesWritten - generated).TotalSeconds:F1} 秒、")
                : string.Empty;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  所要時間 {elapsed.TotalSeconds:F1} 秒（生成 {generated.TotalSeconds:F1} 秒、{filesPart}データベース {(elapsed - filesWritten).TotalSeconds:F1} 秒）")).ConfigureAwait(false);
            foreach (var path in written)
            {
                await output.WriteLineAsync("  ファイル: " + path).ConfigureAwait(false);
            }

            await output.WriteLineAsync("職員アカウントは作成していません。").ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var demo = new Command("demo", "デモデータ");
        demo.Subcommands.Add(seedCommand);
        return demo;
    }

    private static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var result = ImportDate.TryParseDate(value);
        return result.TryGetValue(out var date)
            ? date
            : throw new CliExitException(ExitCodes.Usage, $"--as-of の日付が読めません: {value}（{result.ErrorMessage}）");
    }

    /// <summary>"登録中 3,000 / 20,000 世帯" on one terminal line, rewritten in place.</summary>
    private sealed class TerminalProgress(TextWriter output) : IProgress<DemoSeedProgress>
    {
        private bool written;

        public void Report(DemoSeedProgress value)
        {
            output.Write(string.Create(CultureInfo.InvariantCulture, $"\r登録中 {value.HouseholdsWritten:N0} / {value.HouseholdsTotal:N0} 世帯"));
            output.Flush();
            written = true;
        }

        public void Finish()
        {
            if (written)
            {
                output.WriteLine();
            }
        }
    }
}
