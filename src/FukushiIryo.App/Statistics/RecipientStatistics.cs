using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;

namespace FukushiIryo.App.Statistics;

/// <summary>
/// One recipient with an active 資格 on the 基準日, reduced to what the 受給者数調査 counts: 受給者区分,
/// 県市区分, the insurance (国保/社保, 本人/家族; null = none recorded), the 給付方式 (null = none
/// recorded), the child's age bracket (null for a parent or carer) and the household (a number used
/// only to count distinct households).
/// </summary>
public sealed record RecipientFact(
    RecipientKind Kind,
    FundingShare Share,
    InsuranceKind? Insurance,
    InsuredRole? Role,
    BenefitMethod? Method,
    string? AgeBracket,
    long? HouseholdId);

/// <summary>A new registration (新規認定: the first 資格 of a recipient, on its 資格取得日) or a loss (喪失日, with its cause).</summary>
public sealed record RecipientEvent(RecipientKind Kind, DateOnly On, LossReason? Loss);

/// <summary>The 受給者数調査 (rules-research.md §7, ADR 0034) as a pure function of the facts.</summary>
public static class RecipientStatistics
{
    private static readonly RecipientKind[] Kinds = [RecipientKind.Parent, RecipientKind.Child, RecipientKind.Carer, RecipientKind.Orphan];

    /// <summary>The 受給者区分 label.</summary>
    public static string Label(RecipientKind kind) => kind switch
    {
        RecipientKind.Parent => "父母",
        RecipientKind.Child => "児童",
        RecipientKind.Carer => "養育者",
        RecipientKind.Orphan => "父母のいない児童",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// The survey as of <paramref name="asOf"/>: counts of <paramref name="recipients"/> (those active that
    /// day), children by <paramref name="ageBrackets"/> (names in the master's order), new registrations
    /// and losses of the month (1st … 基準日) and of the 年度 (4/1 … 基準日), and the households.
    /// </summary>
    public static StatisticsReport Survey(
        DateOnly asOf,
        IReadOnlyCollection<RecipientFact> recipients,
        IReadOnlyCollection<RecipientEvent> events,
        IReadOnlyList<string> ageBrackets)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(ageBrackets);
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var yearStart = FiscalYear.Of(asOf).Start;

        var countHeaders = new[]
        {
            "受給者数", "県", "市",
            "国保 本人", "国保 家族", "社保 本人", "社保 家族", "その他・未登録",
            "現物給付", "自動償還", "償還払い", "給付方式 未登録",
        };
        var rows = Kinds.Select(kind => new ReportRow([Label(kind), .. Counts(recipients.Where(r => r.Kind == kind).ToList())])).ToList();
        rows.Add(new(["合計", .. Counts(recipients)], IsTotal: true));
        var counts = new ReportTable("受給者数", ["受給者区分", .. countHeaders], rows,
        [
            "基準日に有効な資格（現在の記録）のある受給者を数えます。県・市は資格の県市区分（未登録は市）。",
            "保険は基準日の医療保険（国保・社保、本人・家族）。後期・その他・未登録は「その他・未登録」。",
            "各区分（県市・保険・給付方式）の計は受給者数と一致します。",
        ])
        { SheetName = "受給者数" };

        var children = recipients.Where(r => r.Kind is RecipientKind.Child or RecipientKind.Orphan).ToList();
        var bracketRows = new List<ReportRow>();
        foreach (var name in ageBrackets.Concat(children.Any(c => c.AgeBracket is null || !ageBrackets.Contains(c.AgeBracket)) ? ["区分外"] : []))
        {
            bool In(RecipientFact r) => name == "区分外" ? r.AgeBracket is null || !ageBrackets.Contains(r.AgeBracket) : r.AgeBracket == name;
            long child = children.Count(r => r.Kind == RecipientKind.Child && In(r));
            long orphan = children.Count(r => r.Kind == RecipientKind.Orphan && In(r));
            bracketRows.Add(new([name, child, orphan, child + orphan]));
        }

        bracketRows.Add(new(["合計", children.LongCount(r => r.Kind == RecipientKind.Child), children.LongCount(r => r.Kind == RecipientKind.Orphan), children.Count], IsTotal: true));
        var brackets = new ReportTable("年齢区分別（児童）", ["年齢区分", "児童", "父母のいない児童", "計"], bracketRows,
            ["年齢区分は基準日の年齢区分マスタによる。"])
        { SheetName = "年齢区分別" };

        var flowRows = new List<ReportRow>();
        ReportRow Flow(string label, Func<RecipientEvent, bool> which, bool total = false)
        {
            var month = events.Where(e => e.On >= monthStart && e.On <= asOf && which(e)).ToList();
            var year = events.Where(e => e.On >= yearStart && e.On <= asOf && which(e)).ToList();
            return new([label, Adults(month), Children(month), month.Count, Adults(year), Children(year), year.Count], total);
        }

        flowRows.Add(Flow("新規認定", e => e.Loss is null, total: true));
        foreach (var (cause, name) in EligibilityVocabulary.LossReasons)
        {
            flowRows.Add(Flow("喪失 " + name, e => e.Loss == cause));
        }

        flowRows.Add(Flow("喪失 計", e => e.Loss is not null, total: true));
        var flows = new ReportTable("新規認定・資格喪失（事由別）",
            ["項目", "当月 父母・養育者", "当月 児童", "当月 計", "年度累計 父母・養育者", "年度累計 児童", "年度累計 計"], flowRows,
            [
                string.Create(CultureInfo.InvariantCulture, $"当月: {monthStart:yyyy-MM-dd}〜{asOf:yyyy-MM-dd}、年度累計: {yearStart:yyyy-MM-dd}〜{asOf:yyyy-MM-dd}。"),
                "新規認定は受給者の最初の資格の開始日、喪失は喪失日（資格のない最初の日）で数えます。児童には父母のいない児童を含みます。",
            ])
        { SheetName = "新規・喪失" };

        var households = new ReportTable("世帯数", ["項目", "数"],
            [new(["受給世帯数", recipients.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId).Distinct().LongCount()], IsTotal: true)],
            ["基準日に有効な資格のある受給者のいる世帯の数。"])
        { SheetName = "世帯数" };

        return new StatisticsReport("受給者数調査", [string.Create(CultureInfo.InvariantCulture, $"基準日: {asOf:yyyy-MM-dd}")], [counts, brackets, flows, households]);
    }

    private static long Adults(List<RecipientEvent> events) => events.LongCount(e => e.Kind is RecipientKind.Parent or RecipientKind.Carer);

    private static long Children(List<RecipientEvent> events) => events.LongCount(e => e.Kind is RecipientKind.Child or RecipientKind.Orphan);

    private static IEnumerable<ReportCell> Counts(IReadOnlyCollection<RecipientFact> rows)
    {
        long Count(Func<RecipientFact, bool> which) => rows.LongCount(which);
        return
        [
            rows.Count,
            Count(r => r.Share == FundingShare.Prefecture),
            Count(r => r.Share == FundingShare.City),
            Count(r => r.Insurance == InsuranceKind.National && r.Role == InsuredRole.Insured),
            Count(r => r.Insurance == InsuranceKind.National && r.Role != InsuredRole.Insured),
            Count(r => r.Insurance == InsuranceKind.Employee && r.Role == InsuredRole.Insured),
            Count(r => r.Insurance == InsuranceKind.Employee && r.Role != InsuredRole.Insured),
            Count(r => r.Insurance is not (InsuranceKind.National or InsuranceKind.Employee)),
            Count(r => r.Method == BenefitMethod.InKind),
            Count(r => r.Method == BenefitMethod.AutoReimbursement),
            Count(r => r.Method == BenefitMethod.ClaimReimbursement),
            Count(r => r.Method is null),
        ];
    }
}
