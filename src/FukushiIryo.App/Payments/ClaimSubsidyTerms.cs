using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>
/// Turns linked claims (MedicalClaim with a RecipientId) into <see cref="SubsidyClaim"/> inputs with their
/// master terms resolved (CopaymentRule, HighCostLimit and the 区分, InsurerExtraBenefit, 長期 cap) for
/// <see cref="SubsidyComputation"/>. Loads the masters once per instance and the recipients (unless a
/// payment or review run gives them all, <see cref="AllRecipients"/>), 所得判定 and 多数回 history once per chunk of
/// <see cref="ChunkSize"/> claims: built for a whole payment run (ADR 0021, ADR 0023 session 9).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>給付方式 of a claim: an autopay row, or a UKE claim without our 公費 (KO), is 自動償還; a UKE claim
/// with our 公費負担者番号 is 現物給付 (not paid per person; settled with the 審査支払機関, D17). 償還払い
/// claims keyed by staff do not exist yet.</item>
/// <item>高額療養費 区分 (D5), in order: a 区分 recorded by staff — the model has none yet, so this source
/// is skipped; for a 国保 claim the stored 所得判定 of the recipient (a child without one: of its parent or
/// carer) for the 課税年度 of the 診療月 (D9), the latest made; otherwise <see cref="DefaultCategory"/>
/// with CategoryDefaulted.</item>
/// <item>多数回: the 4th month — the claim's 診療月 is 多数回 when, in the <see cref="ManyTimesWindowMonths"/>
/// − 1 months before it, at least <see cref="ManyTimesMonthsBefore"/> months had a claim of the recipient's
/// 福祉世帯 under the same insurer that reached the limit (a 高額療養費 given above 0, or, unknown, a
/// self-pay at or above the 通常 limit of the claim's 区分 in that month), as far as our claims show.</item>
/// <item>長期: the 長期（特定疾病）row (HighCostLimit LongTerm). The claims carry no 人工透析 flag, so the
/// LongTermDialysis rows (20,000, ア・イ) are not used; a self-pay above the cap is flagged by review rule
/// R15 for staff to check.</item>
/// </list>
/// </remarks>
public sealed class ClaimSubsidyTerms(FukushiDbContext db)
{
    /// <summary>The 区分 of a claim whose 区分 is not known (D5): ウ, flagged by review rule R13.</summary>
    public const string DefaultCategory = "ウ";

    /// <summary>多数回: the window of months, the claim's own month included (12).</summary>
    public const int ManyTimesWindowMonths = 12;

    /// <summary>多数回: months in the window before the claim's month that reached the limit (3, so the claim's month is the 4th).</summary>
    public const int ManyTimesMonthsBefore = 3;

    /// <summary>Claims per chunk: each chunk reads its recipients, 所得判定 and history in one query per table.</summary>
    public int ChunkSize { get; init; } = 2000;

    /// <summary>
    /// The masters of <see cref="BuildAsync"/> and <see cref="TryBuildAsync"/>, read by the first call and kept
    /// for the instance's later calls (a payment run or a review run makes one instance for all its batches:
    /// the masters once per run, not per batch).
    /// </summary>
    private Masters? _masters;

    /// <summary>
    /// Every recipient, read once by the caller (a payment or review run: <see cref="RecipientDirectory.ReadAsync"/>);
    /// null (the default) reads each chunk's recipients, their 福祉世帯 and parents from the database.
    /// </summary>
    internal RecipientDirectory? AllRecipients { get; init; }

    /// <summary>The inputs of <paramref name="claims"/>, in their order. Every claim must be linked to a recipient.</summary>
    /// <exception cref="ArgumentException">A claim is not linked to a recipient.</exception>
    /// <exception cref="MasterDataMissingException">No 一部負担金, 高額療養費 or 長期 row (or two) in force for a claim's 診療月.</exception>
    public async Task<IReadOnlyList<SubsidyClaim>> BuildAsync(IReadOnlyList<MedicalClaim> claims, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.FirstOrDefault(c => c.RecipientId is null) is { } unlinked)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"レセプト {unlinked.Id} は受給者に照合されていません。"), nameof(claims));
        }

        if (claims.Count == 0)
        {
            return [];
        }

        var masters = _masters ??= await Masters.LoadAsync(db, cancellationToken).ConfigureAwait(false);
        var results = new List<SubsidyClaim>(claims.Count);
        foreach (var chunk in claims.Chunk(Math.Max(1, ChunkSize)))
        {
            results.AddRange((await BuildChunkAsync(chunk, masters, lenient: false, cancellationToken).ConfigureAwait(false)).Select(terms => terms!));
        }

        return results;
    }

    /// <summary>
    /// As <see cref="BuildAsync"/> for 審査: a claim whose terms cannot be resolved (no master row in force
    /// for its 診療月, its recipient gone) gives null instead of failing the others. Unlinked claims give null.
    /// </summary>
    internal async Task<IReadOnlyList<SubsidyClaim?>> TryBuildAsync(IReadOnlyList<MedicalClaim> claims, CancellationToken cancellationToken)
    {
        var linked = claims.Where(c => c.RecipientId is not null).ToList();
        var built = new Dictionary<MedicalClaim, SubsidyClaim?>(ReferenceEqualityComparer.Instance);
        if (linked.Count > 0)
        {
            var masters = _masters ??= await Masters.LoadAsync(db, cancellationToken).ConfigureAwait(false);
            foreach (var chunk in linked.Chunk(Math.Max(1, ChunkSize)))
            {
                var terms = await BuildChunkAsync(chunk, masters, lenient: true, cancellationToken).ConfigureAwait(false);
                for (int i = 0; i < chunk.Length; i++)
                {
                    built[chunk[i]] = terms[i];
                }
            }
        }

        return claims.Select(c => built.GetValueOrDefault(c)).ToList();
    }

    private async Task<List<SubsidyClaim?>> BuildChunkAsync(MedicalClaim[] claims, Masters masters, bool lenient, CancellationToken cancellationToken)
    {
        var recipientIds = claims.Select(c => c.RecipientId!.Value).Distinct().ToList();
        var directory = AllRecipients ?? await RecipientDirectory.ReadAroundAsync(db, recipientIds, cancellationToken).ConfigureAwait(false);
        var recipients = new Dictionary<long, RecipientFacts>(recipientIds.Count);
        foreach (var id in recipientIds)
        {
            if (directory.Find(id) is { } found)
            {
                recipients[id] = found;
            }
        }

        // Stored 所得判定 of the recipients and their parents for the 課税年度 of each 診療月 (D9).
        var personIds = recipients.Values
            .Select(r => r.PersonId)
            .Concat(recipients.Values.Select(r => r.ParentRecipientId is { } parentId ? directory.Find(parentId)?.PersonId : null).OfType<long>())
            .Distinct().ToList();
        var taxYears = claims.Select(c => TaxYearOf(YearMonth.FromNumber(c.ServiceMonth))).Distinct().ToList();
        var determinations = (await db.IncomeDeterminations.AsNoTracking()
                .Where(d => EF.Parameter(personIds).Contains(d.PersonId) && taxYears.Contains(d.TaxYear))
                .Select(d => new { d.Id, d.PersonId, d.TaxYear, d.HighCostCategory, d.DeterminedAt })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(d => (d.PersonId, d.TaxYear))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.DeterminedAt).ThenByDescending(d => d.Id).First().HighCostCategory);

        // Earlier claims of the households for 多数回: each recipient's 福祉世帯 (itself included) and their claims, once per recipient.
        var households = recipients.Values.ToDictionary(
            r => r.Id,
            r => r.HouseholdId is { } household ? directory.MembersOf(household).Append(r.Id).Distinct().ToList() : [r.Id]);
        var historyRecipientIds = households.Values.SelectMany(members => members).Distinct().ToList();
        var months = claims.Select(c => YearMonth.FromNumber(c.ServiceMonth)).ToList();
        int firstKey = months.Min().AddMonths(-(ManyTimesWindowMonths - 1)).ToNumber();
        int lastKey = months.Max().AddMonths(-1).ToNumber();
        var history = (await db.MedicalClaims.AsNoTracking()
                .Where(c => c.RecipientId != null && EF.Parameter(historyRecipientIds).Contains(c.RecipientId.Value)
                    && c.ServiceMonth >= firstKey && c.ServiceMonth <= lastKey)
                .Select(c => new HistoryClaim(c.RecipientId!.Value, c.ServiceMonth, c.InsurerNumber, c.Points, c.MedicalCost, c.PatientShare, c.InsurerShareRate, c.HighCostRefund))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(h => h.RecipientId);
        var householdHistory = new Dictionary<long, List<HistoryClaim>>(recipients.Count);

        return claims.Select(claim =>
        {
            try
            {
                var recipient = recipients.GetValueOrDefault(claim.RecipientId!.Value)
                    ?? throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"レセプト {claim.Id} の受給者 {claim.RecipientId} が見つかりません。"), nameof(claims));
                if (!householdHistory.TryGetValue(recipient.Id, out var earlier))
                {
                    earlier = householdHistory[recipient.Id] = households[recipient.Id].SelectMany(id => history[id]).ToList();
                }

                return Build(claim, recipient, directory, determinations, earlier, masters);
            }
            catch (Exception exception) when (lenient && exception is MasterDataMissingException or ArgumentException)
            {
                return (SubsidyClaim?)null;
            }
        }).ToList();
    }

    private static SubsidyClaim Build(
        MedicalClaim claim,
        RecipientFacts recipient,
        RecipientDirectory recipients,
        Dictionary<(long PersonId, int TaxYear), string?> determinations,
        List<HistoryClaim> householdHistory,
        Masters masters)
    {
        var month = YearMonth.FromNumber(claim.ServiceMonth);
        var kind = ClaimKinds.Of((ClaimSchedule)(int)claim.Schedule, claim.Inpatient);
        var insurer = InsurerNumber.TryParse(claim.InsurerNumber, out var parsed) ? parsed : null;

        // 高額療養費 区分 (D5).
        string? category = null;
        if (insurer is { IsNationalHealthInsurance: true })
        {
            int taxYear = TaxYearOf(month);
            category = determinations.GetValueOrDefault((recipient.PersonId, taxYear));
            if (category is null && recipient.ParentRecipientId is { } parentId && recipients.Find(parentId) is { } parent)
            {
                category = determinations.GetValueOrDefault((parent.PersonId, taxYear));
            }
        }

        bool defaulted = category is null;
        category ??= DefaultCategory;
        var standard = masters.Limit(category, HighCostLimitKind.Standard, month)
            ?? throw Missing($"高額療養費の自己負担限度額マスタに、区分 {category}（通常）の {month} に有効な行がありません。");
        bool manyTimes = ReachedMonths(claim, insurer, category, householdHistory, masters) >= ManyTimesMonthsBefore;
        var limit = manyTimes
            ? masters.Limit(category, HighCostLimitKind.ManyTimes, month)
                ?? throw Missing($"高額療養費の自己負担限度額マスタに、区分 {category}（多数回該当）の {month} に有効な行がありません。")
            : standard;

        long? longTermCap = null;
        if (claim.LongTerm)
        {
            longTermCap = (masters.Limit(null, HighCostLimitKind.LongTerm, month)
                ?? throw Missing($"高額療養費の自己負担限度額マスタに、長期（特定疾病）の {month} に有効な行がありません。")).MonthlyLimit;
        }

        return new SubsidyClaim
        {
            ClaimId = claim.Id,
            RecipientId = recipient.Id,
            ServiceMonth = month,
            ProviderCode = claim.ProviderCode,
            Kind = kind,
            DaysOfCare = claim.DaysOfCare,
            TotalCost = TotalCost(claim.Points, claim.MedicalCost),
            SelfPay = claim.PatientShare,
            InsurerShareRate = claim.InsurerShareRate,
            MealAmount = claim.MealAmount,
            HighCostRefund = claim.HighCostRefund,
            ExtraBenefit = claim.ExtraBenefit,
            OtherPublicAmount = claim.OtherPublicAmount,
            LongTerm = claim.LongTerm,
            LongTermCap = longTermCap,
            Copayment = masters.Copayment(recipient.Kind, BenefitMethodOf(claim), kind, month),
            HighCost = new HighCostTerms(category, defaulted, manyTimes, ToTerms(limit), masters.EstimationFloor(month)),
            ExtraBenefitTerms = insurer is not null && ExtraBenefitInsurers.MayPay(insurer) ? masters.ExtraBenefit(insurer.ToString(), month) : null,
        };
    }

    /// <summary>The 給付方式 of a claim: 償還払い for a manual claim, 現物給付 when a UKE claim carries our 公費, else 自動償還.</summary>
    public static BenefitMethod BenefitMethodOf(MedicalClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.Source == MedicalClaimSource.Manual)
        {
            return BenefitMethod.ClaimReimbursement;
        }

        return claim.Source == MedicalClaimSource.Uke && !string.IsNullOrWhiteSpace(claim.PayerNumber)
            ? BenefitMethod.InKind
            : BenefitMethod.AutoReimbursement;
    }

    /// <summary>Months before the claim's, within the window, in which a claim of the household under the same insurer reached the 通常 limit.</summary>
    private static int ReachedMonths(MedicalClaim claim, InsurerNumber? insurer, string category, List<HistoryClaim> history, Masters masters)
    {
        if (insurer is null)
        {
            return 0;
        }

        var month = YearMonth.FromNumber(claim.ServiceMonth);
        var first = month.AddMonths(-(ManyTimesWindowMonths - 1));
        return history
            .Where(h => InsurerNumber.TryParse(h.InsurerNumber, out var other) && other == insurer)
            .Where(h => YearMonth.FromNumber(h.ServiceMonth) >= first && YearMonth.FromNumber(h.ServiceMonth) < month)
            .Where(h => Reached(h, category, masters))
            .Select(h => h.ServiceMonth)
            .Distinct()
            .Count();
    }

    private static bool Reached(HistoryClaim claim, string category, Masters masters)
    {
        if (claim.HighCostRefund is { } refund)
        {
            return refund > 0;
        }

        long total = TotalCost(claim.Points, claim.MedicalCost);
        long? selfPay = claim.PatientShare ?? (claim.InsurerShareRate is { } rate and >= 0 and <= 100 ? CounterRounding.SelfPay(total, rate) : null);
        return selfPay is { } pay && masters.Limit(category, HighCostLimitKind.Standard, YearMonth.FromNumber(claim.ServiceMonth)) is { } limit
            && pay >= ToTerms(limit).LimitFor(total);
    }

    private static long TotalCost(long? points, long? medicalCost) => points is { } p ? p * 10 : medicalCost ?? 0;

    private static HighCostLimitTerms ToTerms(HighCostLimit row) => new(row.MonthlyLimit, row.CostThreshold, row.OverflowRatePercent);

    private static int TaxYearOf(YearMonth serviceMonth) => IncomeYear.ForServiceMonth(serviceMonth).TaxYear;

    private static MasterDataMissingException Missing(FormattableString message) => new(message.ToString(CultureInfo.InvariantCulture));

    private sealed record HistoryClaim(long RecipientId, int ServiceMonth, string? InsurerNumber, long? Points, long? MedicalCost, long? PatientShare, int? InsurerShareRate, long? HighCostRefund);

    /// <summary>
    /// The payment masters, read once per call (small tables), resolved in memory by 診療月. Each answer is
    /// kept for the call (a batch asks the same few questions for thousands of claims); a question that
    /// fails (no row, or two) is not kept and fails again.
    /// </summary>
    private sealed class Masters
    {
        private readonly List<CopaymentRule> _copayments;
        private readonly List<HighCostLimit> _limits;
        private readonly ILookup<string, InsurerExtraBenefit> _extras;
        private readonly Dictionary<(string? Category, HighCostLimitKind Kind, YearMonth Month), HighCostLimit?> _limitAnswers = [];
        private readonly Dictionary<YearMonth, long> _floorAnswers = [];
        private readonly Dictionary<(RecipientKind RecipientKind, BenefitMethod Method, ClaimKind Kind, YearMonth Month), CopaymentTerms> _copaymentAnswers = [];
        private readonly Dictionary<(string InsurerNumber, YearMonth Month), ExtraBenefitTerms?> _extraAnswers = [];

        private Masters(List<CopaymentRule> copayments, List<HighCostLimit> limits, List<InsurerExtraBenefit> extras)
        {
            _copayments = copayments;
            _limits = limits;
            _extras = extras.ToLookup(e => e.InsurerNumber, StringComparer.Ordinal);
        }

        public static async Task<Masters> LoadAsync(FukushiDbContext db, CancellationToken cancellationToken) => new(
            await db.CopaymentRules.AsNoTracking().Where(r => r.Program == PublicPayer.SingleParentProgram).ToListAsync(cancellationToken).ConfigureAwait(false),
            await db.HighCostLimits.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false),
            await db.InsurerExtraBenefits.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false));

        public HighCostLimit? Limit(string? category, HighCostLimitKind kind, YearMonth month) =>
            Remembered(_limitAnswers, (Category: category, Kind: kind, Month: month), key => FindLimit(key.Category, key.Kind, key.Month));

        public long EstimationFloor(YearMonth month) => Remembered(_floorAnswers, month, FindEstimationFloor);

        public CopaymentTerms Copayment(RecipientKind recipientKind, BenefitMethod method, ClaimKind kind, YearMonth month) =>
            Remembered(_copaymentAnswers, (RecipientKind: recipientKind, Method: method, Kind: kind, Month: month), key => FindCopayment(key.RecipientKind, key.Method, key.Kind, key.Month));

        public ExtraBenefitTerms? ExtraBenefit(string insurerNumber, YearMonth month) =>
            Remembered(_extraAnswers, (InsurerNumber: insurerNumber, Month: month), key => FindExtraBenefit(key.InsurerNumber, key.Month));

        private static TValue Remembered<TKey, TValue>(Dictionary<TKey, TValue> answers, TKey key, Func<TKey, TValue> find)
            where TKey : notnull
        {
            if (!answers.TryGetValue(key, out var value))
            {
                value = find(key);
                answers[key] = value;
            }

            return value;
        }

        private HighCostLimit? FindLimit(string? category, HighCostLimitKind kind, YearMonth month)
        {
            var rows = _limits.Where(l => l.Kind == kind && string.Equals(l.Category, category, StringComparison.Ordinal)).ValidOn(month.FirstDay).ToList();
            return rows.Count switch
            {
                0 => null,
                1 => rows[0],
                _ => throw Missing($"高額療養費の自己負担限度額マスタに、区分 {category ?? "（共通）"}・{kind} の {month} に有効な行が2つ以上あります。"),
            };
        }

        /// <summary>The lowest 通常 or 多数回 limit in force for the month (D5: a self-pay below it estimates nothing).</summary>
        private long FindEstimationFloor(YearMonth month) =>
            _limits.Where(l => l.Kind is HighCostLimitKind.Standard or HighCostLimitKind.ManyTimes).ValidOn(month.FirstDay)
                .Select(l => l.MonthlyLimit).DefaultIfEmpty(0).Min();

        private CopaymentTerms FindCopayment(RecipientKind recipientKind, BenefitMethod method, ClaimKind kind, YearMonth month)
        {
            var candidates = _copayments
                .Where(r => r.ClaimKind == kind && (r.RecipientKind is null || r.RecipientKind == recipientKind) && (r.BenefitMethod is null || r.BenefitMethod == method))
                .ValidOn(month.FirstDay)
                .GroupBy(r => (r.RecipientKind is null ? 0 : 2) + (r.BenefitMethod is null ? 0 : 1))
                .OrderByDescending(g => g.Key)
                .FirstOrDefault()?
                .ToList();
            return candidates switch
            {
                null or [] => throw Missing($"一部負担金マスタに、{kind}・{recipientKind}・{method} の {month} に有効な行がありません。"),
                [var only] => only.ToTerms(),
                _ => throw Missing($"一部負担金マスタに、{kind}・{recipientKind}・{method} の {month} に有効な行が2つ以上あります。"),
            };
        }

        private ExtraBenefitTerms? FindExtraBenefit(string insurerNumber, YearMonth month)
        {
            var rows = _extras[insurerNumber].ValidOn(month.FirstDay).ToList();
            return rows.Count switch
            {
                0 => null,
                1 => rows[0].ToTerms(),
                _ => throw Missing($"附加給付マスタに、保険者番号 {insurerNumber} の {month} に有効な行が2つ以上あります。"),
            };
        }
    }
}
