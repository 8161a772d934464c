using System.Globalization;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Review;

/// <summary>One check rule (審査): a stable code, a name and what it judges, and the pure function.</summary>
/// <param name="Code">Stable code (R00 …); never reused for another rule.</param>
/// <param name="Name">Japanese name as staff read it in the review queue.</param>
/// <param name="Severities">The severities it can give, in Japanese (for the catalogue).</param>
/// <param name="Description">How it judges, in Japanese (for the catalogue, docs/review-rules.md).</param>
/// <param name="Check">The rule: a finding, or null when the claim passes.</param>
public sealed record ReviewRule(
    string Code,
    string Name,
    string Severities,
    string Description,
    Func<ReviewContext, ReviewFinding?> Check);

/// <summary>
/// The rule catalogue of 審査 (issue 11 item 6): every rule is a named pure function over a
/// <see cref="ReviewContext"/>. A claim's outcome is the worst severity of its findings
/// (<see cref="Review"/>). docs/review-rules.md is generated from <see cref="All"/>.
/// </summary>
public static class ReviewRules
{
    private const string NeedsReviewName = "要確認";
    private const string RejectedName = "否";

    /// <summary>The catalogue, in the order findings are listed.</summary>
    public static IReadOnlyList<ReviewRule> All { get; } =
    [
        new("R00", "受給者未照合", NeedsReviewName,
            "レセプトが受給者と照合済でない（照合不能、または弱い一致で要確認）。受給者の登録内容を使う規則（R01, R03〜R05）は判定しない。",
            NotMatched),
        new("R01", "資格期間外", $"{RejectedName} / {NeedsReviewName}",
            "診療月の全日が資格期間の外なら否。資格期間が診療月の途中で始まる（取得）か終わる（喪失）とき、レセプトには日単位の情報がないので要確認（職員が按分する。interfaces.md §5）。期間は初日・末日とも含む。",
            OutsideEligibility),
        new("R02", "重複請求", $"{RejectedName} / {NeedsReviewName}",
            "同じ受給者・医療機関コード・診療月・入外・点数表の請求が履歴（取込、手入力、移行済支払）に既にある。先に受け付けた請求（id が小さいもの）か移行済支払分が原本。点数（医療費）と窓口負担額も同じなら否（再送）、違えば要確認（訂正・再請求か確認）。",
            Duplicate),
        new("R03", "受給者番号不一致", NeedsReviewName,
            "レセプトの受給者番号が照合された受給者の番号と違う、または検証番号が合わない。番号のないレセプトは判定しない。",
            RecipientNumberMismatch),
        new("R04", "保険者不一致", NeedsReviewName,
            "レセプトの保険者番号が、診療月に有効な登録保険のどれとも違う、または診療月に登録保険がない。6桁（国保）と8桁は同じ番号として比べる。",
            InsurerMismatch),
        new("R05", "生活保護期間中", $"{RejectedName} / {NeedsReviewName}",
            "診療月の全日が生活保護期間内なら否（decisions.md D3: 生活保護は対象外）。月の途中で開始・廃止なら要確認。",
            PublicAssistance),
        new("R06", "他公費優先", NeedsReviewName,
            "他公費（難病、小児慢性など）が先に負担する（D3）。レセプトに他公費の負担者番号があるのに他公費負担額が不明、または他公費負担額が窓口負担額を超える。",
            OtherPublicFirst),
        new("R07", "診療月が未来", RejectedName,
            "診療月が審査日の月より後、または処理年月より後。",
            FutureServiceMonth),
        new("R08", "請求期限超過", RejectedName,
            "処理年月が「診療月 + 請求期限の月数」（マスタ ClaimDeadline）より後。",
            DeadlineExceeded),
        new("R09", "医療機関コード不正", NeedsReviewName,
            "医療機関コードが7桁の数字でない、または都道府県番号・点数表番号とあわせた検証番号（formats.md §6.5）が合わない。訪問看護・療養費は桁数だけを見る。取込は止めない。",
            MalformedProviderCode),
        new("R10", "自己負担額不整合", NeedsReviewName,
            "窓口負担額が「点数 × 10（または医療費）× (100 − 給付割合)%」を窓口の端数処理（D12: 5円未満切り捨て、5円以上は10円に切り上げ）した額と違う。長期（特定疾病）で少ない場合は上限によるので判定しない。",
            SelfPayMismatch),
        new("R11", "災害共済", RejectedName,
            "JSC 災害共済給付の対象（災害共済フラグ）。助成しない（D3）。",
            DisasterMutualAidCase),
        new("R12", "給付割合と年齢の不整合", NeedsReviewName,
            "給付割合が診療月の年齢で取りうる割合でない: 6歳到達年度末まで 80%、70歳まで 70%、70歳到達の翌月（1日生まれはその月）から 80% または 70%（現役並み）、75歳の誕生日の月から 90%・80%・70%（後期高齢者）。生年月日は受給者の登録、なければレセプトのもの。",
            RateInconsistentWithAge),
        new("R13", "高額療養費の区分が不明", NeedsReviewName,
            "高額療養費の区分（ア〜オ）が分からず既定値「ウ」で推計した（decisions.md D5）。区分の出どころは、職員が記録した区分、国保なら診療月の課税年度（D9）の所得判定、の順。高額療養費額がレセプトにあるとき、または自己負担額（長期の上限の後）が有効な最低の限度額（多数回 オ）に届かないときは推計しないので判定しない。",
            HighCostCategoryDefaulted),
        new("R14", "附加給付の推計", NeedsReviewName,
            "保険者（健保組合・共済）に附加給付マスタの行があり、レセプトに附加給付額がないため、「高額療養費を引いた自己負担額 − 上限額」を端数単位未満切り捨てで推計した（D6）。推計額が0円のとき（上限額以下）は判定しない。保険者の支給決定通知で確認する。",
            ExtraBenefitEstimated),
        new("R15", "長期の上限超過", NeedsReviewName,
            "長期（特定疾病療養受療証）のレセプトで、自己負担額（記載、または点数から算出）が長期の上限額（マスタ HighCostLimit の長期）を超える（D13）。計算は上限で打ち切り、超える分は助成しない。人工透析で上位所得の上限か、記載誤りかを確認する。同じ医療機関・同じ月の他のレセプトとの合算は支払の計算で行う。",
            LongTermCapExceeded),
    ];

    /// <summary>Runs every rule; the outcome is the worst severity found (可 when none).</summary>
    public static ReviewResult Review(ReviewContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var findings = All.Select(rule => rule.Check(context)).OfType<ReviewFinding>().ToList();
        return new ReviewResult(OutcomeOf(findings), findings);
    }

    /// <summary>The worst severity among <paramref name="findings"/>: 否 over 要確認 over 可.</summary>
    public static ReviewOutcome OutcomeOf(IEnumerable<ReviewFinding> findings) =>
        findings.Aggregate(ReviewOutcome.Accepted, (worst, finding) =>
            (ReviewOutcome)Math.Max((int)worst, (int)finding.Severity));

    /// <summary>R00 受給者未照合.</summary>
    public static ReviewFinding? NotMatched(ReviewContext context) =>
        context.Recipient is null
            ? Finding("R00", ReviewSeverity.NeedsReview, "受給者と照合されていません（照合不能または突合要確認）。")
            : null;

    /// <summary>R01 資格期間外.</summary>
    public static ReviewFinding? OutsideEligibility(ReviewContext context)
    {
        if (context.Recipient is not { } recipient)
        {
            return null;
        }

        var month = context.Claim.ServiceMonth;
        return MonthCoverage.Of(month, recipient.EligibilityPeriods) switch
        {
            Coverage.None => Finding("R01", ReviewSeverity.Rejected, $"診療月 {month} は資格期間外です。"),
            Coverage.Partial => Finding("R01", ReviewSeverity.NeedsReview,
                $"診療月 {month} の途中で資格を取得または喪失しています（資格期間: {Periods(recipient.EligibilityPeriods, month)}）。日数で按分してください。"),
            _ => null,
        };
    }

    /// <summary>R02 重複請求.</summary>
    public static ReviewFinding? Duplicate(ReviewContext context)
    {
        var claim = context.Claim;
        if (claim.RecipientId is null)
        {
            return null;
        }

        var earlier = context.History
            .Where(other => other.Id != claim.Id
                && (other.Origin == ClaimOrigin.PaidMigrated || other.Id < claim.Id)
                && other.RecipientId == claim.RecipientId
                && other.ServiceMonth == claim.ServiceMonth
                && other.Inpatient == claim.Inpatient
                && other.Schedule == claim.Schedule
                && string.Equals(other.ProviderCode.Trim(), claim.ProviderCode.Trim(), StringComparison.Ordinal))
            .OrderBy(other => other.Id)
            .ToList();
        if (earlier.Count == 0)
        {
            return null;
        }

        var same = earlier.FirstOrDefault(other =>
            other.Points == claim.Points && other.MedicalCost == claim.MedicalCost && other.PatientShare == claim.PatientShare);
        return same is not null
            ? Finding("R02", ReviewSeverity.Rejected, $"同じ請求が既にあります（{Describe(same)}）。")
            : Finding("R02", ReviewSeverity.NeedsReview,
                $"同じ医療機関・診療月・入外・点数表の請求が既にあり、金額が違います（{Describe(earlier[0])}）。訂正か再請求か確認してください。");
    }

    /// <summary>R03 受給者番号不一致.</summary>
    public static ReviewFinding? RecipientNumberMismatch(ReviewContext context)
    {
        var written = context.Claim.RecipientNumber?.Trim();
        if (string.IsNullOrEmpty(written) || context.Recipient is not { } recipient)
        {
            return null;
        }

        if (!Numbers.RecipientNumber.TryParse(written, out _))
        {
            return Finding("R03", ReviewSeverity.NeedsReview, $"受給者番号 {written} の形式または検証番号が正しくありません。");
        }

        return string.Equals(written, recipient.RecipientNumber.Trim(), StringComparison.Ordinal)
            ? null
            : Finding("R03", ReviewSeverity.NeedsReview, $"受給者番号 {written} は照合された受給者の番号 {recipient.RecipientNumber} と違います。");
    }

    /// <summary>R04 保険者不一致.</summary>
    public static ReviewFinding? InsurerMismatch(ReviewContext context)
    {
        var written = context.Claim.InsurerNumber?.Trim();
        if (string.IsNullOrEmpty(written) || context.Recipient is not { } recipient)
        {
            return null;
        }

        var month = context.Claim.ServiceMonth;
        var inForce = recipient.Insurance.Where(spell => MonthCoverage.Overlaps(month, spell.Period)).ToList();
        if (inForce.Count == 0)
        {
            return Finding("R04", ReviewSeverity.NeedsReview, $"診療月 {month} に登録された保険がありません（レセプトの保険者番号 {written}）。");
        }

        var key = InsurerKey(written);
        return inForce.Exists(spell => InsurerKey(spell.InsurerNumber) == key)
            ? null
            : Finding("R04", ReviewSeverity.NeedsReview,
                $"保険者番号 {written} は診療月 {month} の登録保険（{string.Join("、", inForce.Select(spell => spell.InsurerNumber))}）と違います。");
    }

    /// <summary>R05 生活保護期間中.</summary>
    public static ReviewFinding? PublicAssistance(ReviewContext context)
    {
        if (context.Recipient is not { } recipient)
        {
            return null;
        }

        var month = context.Claim.ServiceMonth;
        return MonthCoverage.Of(month, recipient.PublicAssistancePeriods) switch
        {
            Coverage.Full => Finding("R05", ReviewSeverity.Rejected, $"診療月 {month} は生活保護期間中です。"),
            Coverage.Partial => Finding("R05", ReviewSeverity.NeedsReview,
                $"診療月 {month} の途中で生活保護が開始または廃止されています（{Periods(recipient.PublicAssistancePeriods, month)}）。"),
            _ => null,
        };
    }

    /// <summary>R06 他公費優先.</summary>
    public static ReviewFinding? OtherPublicFirst(ReviewContext context)
    {
        var claim = context.Claim;
        var payers = claim.OtherPayerNumbers?.Trim();
        if (!string.IsNullOrEmpty(payers) && claim.OtherPublicAmount is null)
        {
            return Finding("R06", ReviewSeverity.NeedsReview, $"他公費（{payers}）があり、他公費負担額が不明です。");
        }

        return claim is { OtherPublicAmount: { } other, PatientShare: { } share } && other > share
            ? Finding("R06", ReviewSeverity.NeedsReview, $"他公費負担額 {Yen(other)} が窓口負担額 {Yen(share)} を超えています。")
            : null;
    }

    /// <summary>R07 診療月が未来.</summary>
    public static ReviewFinding? FutureServiceMonth(ReviewContext context)
    {
        var claim = context.Claim;
        var thisMonth = YearMonth.Of(context.Today);
        if (claim.ServiceMonth > thisMonth)
        {
            return Finding("R07", ReviewSeverity.Rejected,
                string.Create(CultureInfo.InvariantCulture, $"診療月 {claim.ServiceMonth} は未来の月です（審査日 {context.Today:yyyy-MM-dd}）。"));
        }

        return claim.ServiceMonth > claim.ProcessingMonth
            ? Finding("R07", ReviewSeverity.Rejected, $"診療月 {claim.ServiceMonth} が処理年月 {claim.ProcessingMonth} より後です。")
            : null;
    }

    /// <summary>R08 請求期限超過.</summary>
    public static ReviewFinding? DeadlineExceeded(ReviewContext context)
    {
        var claim = context.Claim;
        var last = claim.ServiceMonth.AddMonths(context.Parameters.ClaimDeadlineMonths);
        return claim.ProcessingMonth > last
            ? Finding("R08", ReviewSeverity.Rejected,
                string.Create(CultureInfo.InvariantCulture,
                    $"請求期限（診療月 {claim.ServiceMonth} から {context.Parameters.ClaimDeadlineMonths} か月、{last} まで）を過ぎています（処理年月 {claim.ProcessingMonth}）。"))
            : null;
    }

    /// <summary>R09 医療機関コード不正.</summary>
    public static ReviewFinding? MalformedProviderCode(ReviewContext context)
    {
        var claim = context.Claim;
        var code = claim.ProviderCode.Trim();
        FeeSchedule? feeSchedule = claim.Schedule switch
        {
            ClaimSchedule.Medical => FeeSchedule.Medical,
            ClaimSchedule.Dental => FeeSchedule.Dental,
            ClaimSchedule.Pharmacy => FeeSchedule.Pharmacy,
            _ => null,
        };
        bool valid = feeSchedule is { } schedule
            ? Numbers.ProviderCode.TryParse(code, claim.PrefectureCode, schedule, out _)
            : code.Length == Numbers.ProviderCode.Length && code.All(char.IsAsciiDigit);
        return valid
            ? null
            : Finding("R09", ReviewSeverity.NeedsReview,
                $"医療機関コード {code}（都道府県 {claim.PrefectureCode.Trim()}）の形式または検証番号が正しくありません。");
    }

    /// <summary>R10 自己負担額不整合.</summary>
    public static ReviewFinding? SelfPayMismatch(ReviewContext context)
    {
        var claim = context.Claim;
        long? baseYen = claim.Points is { } points ? points * 10 : claim.MedicalCost;
        if (baseYen is not { } yen || yen < 0 || claim.InsurerShareRate is not (>= 0 and <= 100) || claim.PatientShare is not { } share)
        {
            return null;
        }

        long expected = CounterRounding.SelfPay(yen, claim.InsurerShareRate.Value);
        if (share == expected || (claim.LongTerm && share < expected))
        {
            return null;
        }

        return Finding("R10", ReviewSeverity.NeedsReview,
            string.Create(CultureInfo.InvariantCulture,
                $"窓口負担額 {Yen(share)} が {Yen(yen)} の {100 - claim.InsurerShareRate.Value}%（端数処理後 {Yen(expected)}）と違います。"));
    }

    /// <summary>R11 災害共済.</summary>
    public static ReviewFinding? DisasterMutualAidCase(ReviewContext context) =>
        context.Claim.DisasterMutualAid
            ? Finding("R11", ReviewSeverity.Rejected, "JSC 災害共済給付の対象のため助成しません。")
            : null;

    /// <summary>R12 給付割合と年齢の不整合.</summary>
    public static ReviewFinding? RateInconsistentWithAge(ReviewContext context)
    {
        var claim = context.Claim;
        var birth = context.Recipient?.BirthDate ?? claim.BirthDate;
        if (claim.InsurerShareRate is not { } rate || birth is not { } birthDate || claim.ServiceMonth.LastDay < birthDate)
        {
            return null;
        }

        var allowed = AllowedInsurerShareRates(birthDate, claim.ServiceMonth);
        if (allowed.Contains(rate))
        {
            return null;
        }

        var day = claim.ServiceMonth.FirstDay < birthDate ? birthDate : claim.ServiceMonth.FirstDay;
        return Finding("R12", ReviewSeverity.NeedsReview,
            string.Create(CultureInfo.InvariantCulture,
                $"給付割合 {rate}% は診療月 {claim.ServiceMonth} の年齢（{AgeRules.AgeOn(birthDate, day)}歳）で取りうる割合（{string.Join("・", allowed.Select(r => r + "%"))}）と違います。"));
    }

    /// <summary>R13 高額療養費の区分が不明 (D5): the 高額療養費 was estimated with the default 区分.</summary>
    public static ReviewFinding? HighCostCategoryDefaulted(ReviewContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subsidy?.HighCost is not { CategoryDefaulted: true } terms || Computed(context) is not { HighCostEstimated: true } result)
        {
            return null;
        }

        long remaining = result.SelfPay - result.LongTermReduction;
        return Finding("R13", ReviewSeverity.NeedsReview, string.Create(CultureInfo.InvariantCulture,
            $"高額療養費の区分が分からないため、区分「{terms.Category}」として高額療養費 {Yen(result.HighCostRefund)} を推計しました（自己負担額 {Yen(remaining)} が最低の限度額 {Yen(terms.EstimationFloor)} 以上）。限度額適用認定証や保険者の通知、所得判定で区分を確認してください。"));
    }

    /// <summary>R14 附加給付の推計 (D6): the insurer pays a 附加給付 the claim does not give.</summary>
    public static ReviewFinding? ExtraBenefitEstimated(ReviewContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subsidy?.ExtraBenefitTerms is not { } terms || Computed(context) is not { ExtraBenefitEstimated: true, ExtraBenefit: > 0 } result)
        {
            return null;
        }

        return Finding("R14", ReviewSeverity.NeedsReview, string.Create(CultureInfo.InvariantCulture,
            $"保険者 {context.Claim.InsurerNumber} は附加給付を行います（上限 {Yen(terms.MonthlyCap)}）。レセプトに附加給付額がないため {Yen(result.ExtraBenefit)} と推計しました。保険者の支給決定通知で確認してください。"));
    }

    /// <summary>R15 長期の上限超過 (D13): a 長期 claim's self-pay above the cap; the computation caps it.</summary>
    public static ReviewFinding? LongTermCapExceeded(ReviewContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Subsidy is not { LongTerm: true, LongTermCap: { } cap } || Computed(context) is not { } result || result.SelfPay <= cap)
        {
            return null;
        }

        return Finding("R15", ReviewSeverity.NeedsReview, string.Create(CultureInfo.InvariantCulture,
            $"長期（特定疾病）の自己負担額 {Yen(result.SelfPay)} が上限 {Yen(cap)} を超えています。計算は上限で打ち切り、超える {Yen(result.SelfPay - cap)} は助成しません。人工透析（上位所得）の上限か、記載誤りかを確認してください。"));
    }

    /// <summary>The computation of the claim alone (no other claim, no earlier payment); null when it cannot be computed.</summary>
    private static Payments.SubsidyResult? Computed(ReviewContext context)
    {
        if (context.Subsidy is not { } claim || (claim.SelfPay is null && claim.InsurerShareRate is null))
        {
            return null;
        }

        try
        {
            return Payments.SubsidyComputation.Compute([claim])[0];
        }
        catch (ArgumentException)
        {
            // A negative amount or an impossible rate: other rules (R10) report the claim's figures.
            return null;
        }
    }

    /// <summary>
    /// The 給付割合 (insurer's share, percent) a person born on <paramref name="birthDate"/> can have in
    /// <paramref name="month"/>: 80 up to the 6歳到達年度末 (未就学); 70 to 69; 80 or 70 (現役並み) from the month
    /// after the one in which 70 is attained (年齢計算ニ関スル法律: the day before the birthday, so a 1日生まれ
    /// starts in the birthday month); 90, 80 or 70 (後期高齢者) from the month of the 75th birthday.
    /// </summary>
    public static IReadOnlyList<int> AllowedInsurerShareRates(DateOnly birthDate, YearMonth month)
    {
        if (month.LastDay <= AgeRules.EndOfFiscalYearReaching(birthDate, 6))
        {
            return [80];
        }

        var seventyFifth = birthDate.AddYears(75);
        if (month.LastDay >= seventyFifth)
        {
            return [90, 80, 70];
        }

        var elderlyFrom = YearMonth.Of(AgeRules.DateAgeAttained(birthDate, 70)).AddMonths(1);
        return month >= elderlyFrom ? [80, 70] : [70];
    }

    private static ReviewFinding Finding(string code, ReviewSeverity severity, string message) => new(code, severity, message);

    private static string InsurerKey(string number) =>
        InsurerNumber.TryParse(number, out var parsed) ? parsed.ToFixedWidth8() : number.Trim();

    private static string Periods(IEnumerable<DatePeriod> periods, YearMonth month) =>
        string.Join("、", periods.Where(period => MonthCoverage.Overlaps(month, period)).Select(Period));

    private static string Period(DatePeriod period) =>
        period.End == DateOnly.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{period.Start:yyyy-MM-dd}〜")
            : string.Create(CultureInfo.InvariantCulture, $"{period.Start:yyyy-MM-dd}〜{period.End:yyyy-MM-dd}");

    private static string Describe(ReviewClaim claim) =>
        string.Create(CultureInfo.InvariantCulture, $"id {claim.Id}、{OriginName(claim.Origin)}、処理年月 {claim.ProcessingMonth}");

    private static string OriginName(ClaimOrigin origin) => origin switch
    {
        ClaimOrigin.Uke => "UKE",
        ClaimOrigin.Autopay => "自動償還",
        ClaimOrigin.PaidMigrated => "移行済支払",
        ClaimOrigin.Manual => "償還払い（手入力）",
        _ => origin.ToString(),
    };

    private static string Yen(long yen) => string.Create(CultureInfo.InvariantCulture, $"{yen:N0}円");
}
