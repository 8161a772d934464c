using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Payments;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.App.Statistics;

/// <summary>国保 or 社保 of a paid claim, from the 保険者番号 the claim carries (6 digits = 国保).</summary>
public enum InsuranceGroup
{
    /// <summary>国保 (市町村国保・国保組合: a 6-digit 保険者番号).</summary>
    National = 1,

    /// <summary>社保 (every 8-digit 保険者番号, and a claim without one).</summary>
    Employee = 2,
}

/// <summary>The six claim columns of the 支払月報: 入院 / 入院外 / 歯科 / 調剤 / 訪問看護 / 療養費.</summary>
public enum ClaimCategory
{
    /// <summary>入院 (医科 入院).</summary>
    Inpatient = 1,

    /// <summary>入院外 (医科 外来).</summary>
    Outpatient = 2,

    /// <summary>歯科 (入院・外来).</summary>
    Dental = 3,

    /// <summary>調剤.</summary>
    Pharmacy = 4,

    /// <summary>訪問看護.</summary>
    HomeNursing = 5,

    /// <summary>療養費 (補装具など).</summary>
    CareAllowance = 6,
}

/// <summary>
/// One paid claim (支払済のレセプト) reduced to what the reports count: its 処理年月 (of the approved run
/// that paid it), 診療月, the four breakdowns and its amounts. No person: a fact cannot be traced back.
/// </summary>
public sealed record PaidClaimFact(
    int ProcessingMonth,
    int ServiceMonth,
    InsuranceGroup Insurance,
    ClaimCategory Category,
    BenefitMethod Method,
    FundingShare Share,
    long Days,
    long Points,
    long SelfPay,
    long HighCostRefund,
    long ExtraBenefit,
    long Copayment,
    long Subsidy);

/// <summary>What an approved run settled of one 支払調整 (再振込・過誤調整), signed yen, with the 県市区分 of its recipient.</summary>
public sealed record AdjustmentFact(int ProcessingMonth, PaymentAdjustmentKind Kind, FundingShare Share, long Amount);

/// <summary>A 返還 (戻入) received in a month, signed yen (positive = money back to the city), with the 県市区分.</summary>
public sealed record RefundFact(int ProcessingMonth, FundingShare Share, long Amount);

/// <summary>
/// An approved 現物給付 請求書 (ADR 0032) of one 審査支払機関 and 処理年月: the 件数 and 助成額 the city paid
/// the 機関, and its 審査支払手数料. Not split by 県市区分 (the 請求書 is not).
/// </summary>
public sealed record InKindSettlementFact(int ProcessingMonth, long Claims, long Subsidy, long Fee);

/// <summary>The measures of the 支払月報 summed over some paid claims.</summary>
public sealed record PaymentMeasures(long Claims, long Days, long Points, long SelfPay, long HighCostRefund, long ExtraBenefit, long Copayment, long Subsidy)
{
    public static PaymentMeasures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The measures of <paramref name="facts"/>.</summary>
    public static PaymentMeasures Of(IEnumerable<PaidClaimFact> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        long claims = 0, days = 0, points = 0, selfPay = 0, highCost = 0, extra = 0, copayment = 0, subsidy = 0;
        foreach (var f in facts)
        {
            claims++;
            days += f.Days;
            points += f.Points;
            selfPay += f.SelfPay;
            highCost += f.HighCostRefund;
            extra += f.ExtraBenefit;
            copayment += f.Copayment;
            subsidy += f.Subsidy;
        }

        return new(claims, days, points, selfPay, highCost, extra, copayment, subsidy);
    }

    /// <summary>The cells in the order of <see cref="PaymentStatistics.MeasureHeaders"/>.</summary>
    public IEnumerable<ReportCell> Cells() =>
        [Claims, Days, Points, SelfPay, HighCostRefund, ExtraBenefit, Copayment, Subsidy];
}

/// <summary>
/// The 支払月報 and the 県補助金 claim (rules-research.md §7, ADR 0034) as pure functions of the paid
/// claims, the settled adjustments and the refunds: every figure is a sum of facts, and every breakdown
/// adds up to the same total.
/// </summary>
public static class PaymentStatistics
{
    /// <summary>The measure columns of the 支払月報.</summary>
    public static IReadOnlyList<string> MeasureHeaders { get; } =
        ["件数", "日数", "点数", "保険自己負担額", "高額療養費", "附加給付", "一部負担金", "助成額"];

    /// <summary>The note of a table whose 現物給付 claims are settled with the 審査支払機関, not by the payment run.</summary>
    public const string InKindNote =
        "現物給付のレセプトは審査支払機関との精算で支払われ、支払処理（口座振込）には含まれないため、この表の件数・金額に含まれません（精算額と審査支払手数料は「調整・返還・手数料」の表に、承認済の請求書の単位で計上）。";

    /// <summary>The note of the 県補助金 on 現物給付.</summary>
    public const string InKindPrefectureNote =
        "現物給付の精算額は請求書単位で県市区分に分けられないため、県補助金には含めていません（ADR 0034 の残課題）。";

    /// <summary>The note when the 返還 (戻入) ledger is not available in this build.</summary>
    public const string RefundsMissingNote = "返還（戻入）は返還金の管理が未対応のため計上していません（0円ではなく「未対応」）。";

    /// <summary>The note when the 現物給付 settlement (and its 審査支払手数料) is not available in this build.</summary>
    public const string FeesMissingNote = "現物給付の精算と審査支払手数料は未対応のため計上していません（「未対応」）。";

    /// <summary>The 県市区分 label.</summary>
    public static string Label(FundingShare share) => share == FundingShare.Prefecture ? "県" : "市";

    /// <summary>The 保険 label.</summary>
    public static string Label(InsuranceGroup group) => group == InsuranceGroup.National ? "国保" : "社保";

    /// <summary>The 種別 label.</summary>
    public static string Label(ClaimCategory category) => category switch
    {
        ClaimCategory.Inpatient => "入院",
        ClaimCategory.Outpatient => "入院外",
        ClaimCategory.Dental => "歯科",
        ClaimCategory.Pharmacy => "調剤",
        ClaimCategory.HomeNursing => "訪問看護",
        ClaimCategory.CareAllowance => "療養費",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>The 給付方式 label.</summary>
    public static string Label(BenefitMethod method) => method switch
    {
        BenefitMethod.InKind => "現物給付",
        BenefitMethod.AutoReimbursement => "自動償還",
        BenefitMethod.ClaimReimbursement => "償還払い",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>The 支払月報 column of a <see cref="ClaimKind"/>.</summary>
    public static ClaimCategory CategoryOf(ClaimKind kind) => kind switch
    {
        ClaimKind.MedicalInpatient => ClaimCategory.Inpatient,
        ClaimKind.MedicalOutpatient => ClaimCategory.Outpatient,
        ClaimKind.DentalInpatient or ClaimKind.DentalOutpatient => ClaimCategory.Dental,
        ClaimKind.Pharmacy => ClaimCategory.Pharmacy,
        ClaimKind.HomeNursing => ClaimCategory.HomeNursing,
        ClaimKind.CareAllowance => ClaimCategory.CareAllowance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>国保 when the 保険者番号 has 6 digits (市町村国保・国保組合), else 社保.</summary>
    public static InsuranceGroup InsuranceOf(string? insurerNumber)
    {
        var digits = insurerNumber?.Trim() ?? string.Empty;
        return digits.Length == Domain.Numbers.InsurerNumber.NationalHealthInsuranceLength && digits.All(char.IsAsciiDigit)
            ? InsuranceGroup.National
            : InsuranceGroup.Employee;
    }

    /// <summary>The label of an adjustment kind on its own line.</summary>
    public static string Label(PaymentAdjustmentKind kind) => kind switch
    {
        PaymentAdjustmentKind.CorrectionIncrease => "過誤調整（追給）",
        PaymentAdjustmentKind.CorrectionDecrease => "過誤調整（減額）",
        PaymentAdjustmentKind.Retransfer => "再振込（振込不能分）",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// 支払月報 of 処理年月 <paramref name="month"/>. <paramref name="claims"/> and <paramref name="adjustments"/>
    /// may hold the whole 年度 (and more): the month's tables take that month's facts, the 年度累計 those
    /// of April … <paramref name="month"/>. <paramref name="refunds"/> / <paramref name="inKind"/> null = not
    /// available in this build (the line says 未対応, never a made-up 0).
    /// </summary>
    public static StatisticsReport MonthlyReport(
        YearMonth month,
        IReadOnlyCollection<PaidClaimFact> claims,
        IReadOnlyCollection<AdjustmentFact> adjustments,
        IReadOnlyCollection<RefundFact>? refunds,
        IReadOnlyCollection<InKindSettlementFact>? inKind)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(adjustments);
        var number = month.ToNumber();
        var first = new YearMonth(FiscalYear.Of(month).Year, FiscalYear.FirstMonth).ToNumber();
        var monthClaims = claims.Where(c => c.ProcessingMonth == number).ToList();
        var yearClaims = claims.Where(c => c.ProcessingMonth >= first && c.ProcessingMonth <= number).ToList();
        var monthAdjustments = adjustments.Where(a => a.ProcessingMonth == number).ToList();
        var yearAdjustments = adjustments.Where(a => a.ProcessingMonth >= first && a.ProcessingMonth <= number).ToList();

        var conditions = new List<string>
        {
            $"処理年月: {Month(number)}",
            $"年度累計: {Month(first)}〜{Month(number)}（{FiscalYear.Of(month)}）",
        };
        return new StatisticsReport("支払月報", conditions,
        [
            Detail(monthClaims),
            Breakdown("区分別集計（当月）", "当月", monthClaims),
            Breakdown("区分別集計（年度累計）", "年度累計", yearClaims),
            Settlement(number, first, monthClaims, yearClaims, monthAdjustments, yearAdjustments, refunds, inKind),
        ]);
    }

    /// <summary>
    /// 県補助金 of 年度 <paramref name="year"/> by 処理年月: 助成額 of 県 cases, plus their settled 過誤調整,
    /// less their 返還; the 補助金 is 1/2 of the year's 対象額, yen below 1 cut (切り捨て). 市単独 is shown for
    /// reference and left out. 再振込 is not a new cost (its claim was counted when paid) and is left out.
    /// </summary>
    public static StatisticsReport PrefectureClaim(
        FiscalYear year,
        IReadOnlyCollection<PaidClaimFact> claims,
        IReadOnlyCollection<AdjustmentFact> adjustments,
        IReadOnlyCollection<RefundFact>? refunds)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(adjustments);
        var rows = new List<ReportRow>();
        long prefClaims = 0, prefSubsidy = 0, prefCorrections = 0, prefRefunds = 0, cityClaims = 0, citySubsidy = 0;
        for (var i = 0; i < 12; i++)
        {
            var m = new YearMonth(year.Year, FiscalYear.FirstMonth).AddMonths(i).ToNumber();
            var inMonth = claims.Where(c => c.ProcessingMonth == m).ToList();
            var pref = PaymentMeasures.Of(inMonth.Where(c => c.Share == FundingShare.Prefecture));
            var city = PaymentMeasures.Of(inMonth.Where(c => c.Share == FundingShare.City));
            var corrections = adjustments.Where(a => a.ProcessingMonth == m && a.Share == FundingShare.Prefecture && a.Kind != PaymentAdjustmentKind.Retransfer).Sum(a => a.Amount);
            var refunded = refunds?.Where(r => r.ProcessingMonth == m && r.Share == FundingShare.Prefecture).Sum(r => r.Amount) ?? 0;
            prefClaims += pref.Claims;
            prefSubsidy += pref.Subsidy;
            prefCorrections += corrections;
            prefRefunds += refunded;
            cityClaims += city.Claims;
            citySubsidy += city.Subsidy;
            rows.Add(new([Month(m), pref.Claims, pref.Subsidy, corrections, refunds is null ? "未対応" : refunded, pref.Subsidy + corrections - refunded, city.Claims, city.Subsidy]));
        }

        var target = prefSubsidy + prefCorrections - prefRefunds;
        rows.Add(new(["合計", prefClaims, prefSubsidy, prefCorrections, refunds is null ? "未対応" : prefRefunds, target, cityClaims, citySubsidy], IsTotal: true));
        var notes = new List<string>
        {
            "県：支払ったレセプトの受給者の、診療月における資格の県市区分が「県」のもの（所得基準に該当、decisions.md D4）。県市区分のない資格は「市」として扱う。",
            "市単独（県市区分「市」）は補助の対象外として参考に表示。",
            "過誤調整は承認済の支払処理で精算された額（追給は加算、減額は減算）。再振込は新たな助成ではないため含めない。",
            "返還は戻入（収納日の月）の額。返還請求が複数の受給者の過誤調整からなるときは、その額の比で県・市に按分（1円未満は額の大きい方へ）。",
            InKindPrefectureNote,
        };
        if (refunds is null)
        {
            notes.Add(RefundsMissingNote);
        }

        var detail = new ReportTable("処理年月別内訳",
            ["処理年月", "県 件数", "県 助成額", "県 過誤調整", "県 返還", "県 対象額", "市単独 件数（参考）", "市単独 助成額（参考）"],
            rows, notes) { SheetName = "処理年月別内訳" };
        var summary = new ReportTable("補助金所要額",
            ["項目", "金額"],
            [
                new(["県 助成額", prefSubsidy]),
                new(["県 過誤調整", prefCorrections]),
                new(["県 返還（控除）", refunds is null ? "未対応" : prefRefunds]),
                new(["補助対象額", target], IsTotal: true),
                new(["補助率", "1/2"]),
                new(["補助金所要額（1円未満切捨て）", Half(target)], IsTotal: true),
            ],
            ["補助金ライン：一部負担金と対象範囲は、市の規則が県の基準より有利な部分を持たない前提（現行のマスタは県基準と同じ）。差がある場合の市単独分の控除は未対応（ADR 0034）。"])
        { SheetName = "補助金所要額" };
        return new StatisticsReport("県補助金（奈良県ひとり親家庭等医療費助成事業補助金）", [$"年度: {year}（処理年月 {Month(new YearMonth(year.Year, 4).ToNumber())}〜{Month(new YearMonth(year.Year + 1, 3).ToNumber())}）"], [summary, detail]);
    }

    /// <summary>
    /// A repayment of <paramref name="amount"/> split over the parts of its 返還請求 in proportion to their
    /// weights (yen), by 県市区分: each part gets amount × weight / total cut to the yen, the rest goes to the
    /// heaviest part. The parts add up to <paramref name="amount"/>.
    /// </summary>
    public static IReadOnlyList<RefundFact> SplitRefund(int processingMonth, long amount, IReadOnlyList<(FundingShare Share, long Weight)> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var total = parts.Sum(p => p.Weight);
        if (parts.Count == 0 || total <= 0)
        {
            return [new RefundFact(processingMonth, FundingShare.City, amount)];
        }

        var shares = parts.Select(p => (p.Share, Amount: (long)(amount * (decimal)p.Weight / total))).ToList();
        var heaviest = parts.Select((p, i) => (p.Weight, i)).MaxBy(x => x.Weight).i;
        shares[heaviest] = (shares[heaviest].Share, shares[heaviest].Amount + amount - shares.Sum(x => x.Amount));
        return [.. shares.GroupBy(x => x.Share).Select(g => new RefundFact(processingMonth, g.Key, g.Sum(x => x.Amount)))];
    }

    /// <summary>1/2 of <paramref name="amount"/>, yen below 1 cut toward zero.</summary>
    public static long Half(long amount) => amount / 2;

    private static ReportTable Detail(List<PaidClaimFact> claims)
    {
        var groups = claims
            .GroupBy(c => (c.ServiceMonth, c.Insurance, c.Category, c.Method, c.Share))
            .OrderByDescending(g => g.Key.ServiceMonth).ThenBy(g => g.Key.Insurance).ThenBy(g => g.Key.Category).ThenBy(g => g.Key.Method).ThenBy(g => g.Key.Share)
            .Select(g => new ReportRow([Month(g.Key.ServiceMonth), Label(g.Key.Insurance), Label(g.Key.Category), Label(g.Key.Method), Label(g.Key.Share), .. PaymentMeasures.Of(g).Cells()]))
            .ToList();
        groups.Add(new(["合計", ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, ReportCell.Empty, .. PaymentMeasures.Of(claims).Cells()], IsTotal: true));
        return new ReportTable("診療月別内訳（当月）", ["診療月", "保険", "種別", "給付方式", "県市区分", .. MeasureHeaders], groups, [InKindNote])
        { SheetName = "診療月別内訳" };
    }

    private static ReportTable Breakdown(string title, string sheetSuffix, List<PaidClaimFact> claims)
    {
        var rows = new List<ReportRow>();
        void Group<TKey>(string name, IEnumerable<TKey> keys, Func<PaidClaimFact, TKey> key, Func<TKey, string> label)
            where TKey : notnull
        {
            foreach (var k in keys)
            {
                rows.Add(new([name, label(k), .. PaymentMeasures.Of(claims.Where(c => EqualityComparer<TKey>.Default.Equals(key(c), k))).Cells()]));
            }
        }

        Group("保険", [InsuranceGroup.National, InsuranceGroup.Employee], c => c.Insurance, Label);
        Group("種別", Enum.GetValues<ClaimCategory>(), c => c.Category, Label);
        Group("給付方式", [BenefitMethod.InKind, BenefitMethod.AutoReimbursement, BenefitMethod.ClaimReimbursement], c => c.Method, Label);
        Group("県市区分", [FundingShare.Prefecture, FundingShare.City], c => c.Share, Label);
        rows.Add(new(["合計", ReportCell.Empty, .. PaymentMeasures.Of(claims).Cells()], IsTotal: true));
        return new ReportTable(title, ["区分", "項目", .. MeasureHeaders], rows,
            ["区分ごと（保険・種別・給付方式・県市区分）の計は、それぞれ合計と一致します。", InKindNote])
        { SheetName = "区分別集計（" + sheetSuffix + "）" };
    }

    private static ReportTable Settlement(
        int month,
        int first,
        List<PaidClaimFact> monthClaims,
        List<PaidClaimFact> yearClaims,
        List<AdjustmentFact> monthAdjustments,
        List<AdjustmentFact> yearAdjustments,
        IReadOnlyCollection<RefundFact>? refunds,
        IReadOnlyCollection<InKindSettlementFact>? inKind)
    {
        var rows = new List<ReportRow>
        {
            new(["助成額（レセプト分）", monthClaims.Count, monthClaims.Sum(c => c.Subsidy), yearClaims.Count, yearClaims.Sum(c => c.Subsidy)]),
        };
        foreach (var kind in new[] { PaymentAdjustmentKind.CorrectionIncrease, PaymentAdjustmentKind.CorrectionDecrease, PaymentAdjustmentKind.Retransfer })
        {
            var m = monthAdjustments.Where(a => a.Kind == kind).ToList();
            var y = yearAdjustments.Where(a => a.Kind == kind).ToList();
            rows.Add(new([Label(kind), m.Count, m.Sum(a => a.Amount), y.Count, y.Sum(a => a.Amount)]));
        }

        long monthPaid = monthClaims.Sum(c => c.Subsidy) + monthAdjustments.Sum(a => a.Amount);
        long yearPaid = yearClaims.Sum(c => c.Subsidy) + yearAdjustments.Sum(a => a.Amount);
        rows.Add(new(["支払額（口座振込）", ReportCell.Empty, monthPaid, ReportCell.Empty, yearPaid], IsTotal: true));
        if (refunds is null)
        {
            rows.Add(new(["返還（戻入）", "未対応", "未対応", "未対応", "未対応"]));
        }
        else
        {
            var m = refunds.Where(r => r.ProcessingMonth == month).ToList();
            var y = refunds.Where(r => r.ProcessingMonth >= first && r.ProcessingMonth <= month).ToList();
            rows.Add(new(["返還（戻入）", m.Count, m.Sum(r => r.Amount), y.Count, y.Sum(r => r.Amount)]));
        }

        if (inKind is null)
        {
            rows.Add(new(["現物給付（審査支払機関との精算）", "未対応", "未対応", "未対応", "未対応"]));
            rows.Add(new(["審査支払手数料", "未対応", "未対応", "未対応", "未対応"]));
        }
        else
        {
            var m = inKind.Where(i => i.ProcessingMonth == month).ToList();
            var y = inKind.Where(i => i.ProcessingMonth >= first && i.ProcessingMonth <= month).ToList();
            rows.Add(new(["現物給付（審査支払機関との精算）", m.Sum(i => i.Claims), m.Sum(i => i.Subsidy), y.Sum(i => i.Claims), y.Sum(i => i.Subsidy)]));
            rows.Add(new(["審査支払手数料", m.Sum(i => i.Claims), m.Sum(i => i.Fee), y.Sum(i => i.Claims), y.Sum(i => i.Fee)]));
        }

        var notes = new List<string>
        {
            "支払額（口座振込）＝助成額＋過誤調整（追給・減額）＋再振込。承認済の支払処理の振込合計（保留分を除く）と一致します。",
            "過誤調整・再振込は承認済の支払処理で精算された額（減額は負の値）。",
        };
        if (refunds is null)
        {
            notes.Add(RefundsMissingNote);
        }

        if (inKind is null)
        {
            notes.Add(FeesMissingNote);
        }
        else
        {
            notes.Add("現物給付の精算と審査支払手数料は承認済の現物給付請求書（処理年月別）の請求件数・請求金額・手数料。");
        }

        return new ReportTable("調整・返還・手数料", ["項目", "当月 件数", "当月 金額", "年度累計 件数", "年度累計 金額"], rows, notes)
        { SheetName = "調整・返還・手数料" };
    }

    internal static string Month(int yyyymm) => YearMonth.FromNumber(yyyymm).ToString();
}
