using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Income;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Cli.Commands;

/// <summary>
/// <c>fukushi income determine --atena N --year YYYY [--json]</c> (interfaces.md §7, 窓口 or 審査):
/// determines, stores and explains one person's 所得判定 for a 課税年度, step by step. The masters
/// applied are those of the 基準日: today when it lies in the eligibility year that uses the tax
/// data (8/1 of the 課税年度 to 7/31 of the next), else the nearer end of that year.
/// </summary>
internal static class IncomeCommands
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var atena = new Option<string>("--atena") { Description = "宛名番号", Required = true };
        var year = new Option<int>("--year") { Description = "課税年度（西暦 YYYY。所得年はその前年）", Required = true };
        var json = new Option<bool>("--json") { Description = "結果を JSON で出力する" };
        var determine = new Command("determine", "所得判定（所得基準・県市区分・高額療養費区分）を行い、計算の過程を表示する（窓口・審査）")
        {
            atena,
            year,
            json,
        };
        determine.SetAction(async (parsed, cancellationToken) =>
        {
            var taxYear = parsed.GetValue(year);
            if (taxYear is < 2000 or > 2999)
            {
                throw new CliExitException(ExitCodes.Usage, "--year は西暦4桁の課税年度です（例: 2026）。");
            }

            await using var session = await CliSession.OpenAsync(parsed, options, environment, cancellationToken).ConfigureAwait(false);
            await session.RequireUserAsync(parsed, options, "income determine", cancellationToken).ConfigureAwait(false);
            var atenaNumber = parsed.GetValue(atena)!.Trim();
            var baseDate = IncomeDeterminations.DefaultBaseDate(taxYear, JstClock.Today(environment.Clock));
            IncomeDeterminationOutcome outcome;
            try
            {
                outcome = await session.Services.GetRequiredService<IncomeDeterminations>()
                    .DetermineAsync(atenaNumber, taxYear, baseDate, session.Actor, cancellationToken).ConfigureAwait(false);
            }
            catch (MasterDataMissingException exception)
            {
                throw new CliExitException(ExitCodes.Environment, exception.Message);
            }

            var report = outcome.Report ?? throw new CliExitException(ExitCodes.Rejected, outcome.Refusal switch
            {
                IncomeDeterminationRefusal.UnknownPerson => $"宛名番号 {atenaNumber} の人は登録されていません。",
                _ => string.Create(CultureInfo.InvariantCulture, $"宛名番号 {atenaNumber} の {taxYear}年度課税の地方税関係情報がありません。"),
            });
            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteAsync(parsed.GetValue(json) ? ToJson(report) : ToText(report)).ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var income = new Command("income", "所得判定");
        income.Subcommands.Add(determine);
        return income;
    }

    /// <summary>The JSON object of interfaces.md §7, with the context (宛名番号, 課税年度, 所得年, 基準日, 判定する人) added.</summary>
    public static string ToJson(IncomeDeterminationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stored = report.Stored;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("宛名番号", report.AtenaNumber);
            writer.WriteNumber("課税年度", stored.TaxYear);
            writer.WriteNumber("所得年", stored.IncomeYear);
            writer.WriteString("基準日", stored.BaseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            writer.WriteString("判定する人", stored.Role.Japanese());
            WriteNumber(writer, "所得額", stored.Income);
            WriteNumber(writer, "扶養親族等の数", stored.Dependants);
            WriteNumber(writer, "限度額", stored.Limit);
            writer.WriteString("所得基準", stored.Criterion.Japanese());
            writer.WriteString("県市区分", FundingShareText(stored.FundingShare));
            if (stored.HighCostCategory is { } category)
            {
                writer.WriteString("高額療養費区分", category);
            }
            else
            {
                writer.WriteNull("高額療養費区分");
            }

            writer.WriteStartArray("steps");
            foreach (var step in report.Steps)
            {
                writer.WriteStartObject();
                writer.WriteString("項目", step.Item);
                WriteNumber(writer, "金額", step.Amount);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The same determination as text, line by line, for staff.</summary>
    public static string ToText(IncomeDeterminationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stored = report.Stored;
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.Append(culture, $"所得判定: 宛名番号 {report.AtenaNumber}  {stored.TaxYear}年度課税（{stored.IncomeYear}年分の所得）  基準日 {stored.BaseDate:yyyy-MM-dd}\n");
        foreach (var step in report.Steps)
        {
            text.Append(step.Amount is { } amount
                ? string.Create(culture, $"  {step.Item}  {amount:N0}円\n")
                : $"  {step.Item}\n");
        }

        text.Append(culture, $"所得額: {Yen(stored.Income)}  扶養親族等の数: {(stored.Dependants is { } d ? d.ToString(culture) + "人" : "—")}  限度額: {Yen(stored.Limit)}\n");
        text.Append(culture, $"所得基準: {stored.Criterion.Japanese()}  県市区分: {FundingShareText(stored.FundingShare)}  高額療養費区分: {stored.HighCostCategory ?? "—（国保以外）"}\n");
        return text.ToString();
    }

    private static string Yen(long? amount) => amount is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) + "円" : "—";

    private static string FundingShareText(FundingShare share) => share == FundingShare.Prefecture ? "県" : "市";

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
