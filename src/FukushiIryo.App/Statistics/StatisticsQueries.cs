using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Statistics;

/// <summary>Monthly 助成額 and 件数 of the approved runs, for the dashboard.</summary>
public sealed record MonthlyPaid(int ProcessingMonth, long Claims, long Subsidy);

/// <summary>
/// Reads the facts of the statistics (統計, ADR 0034) from the database and hands them to the pure
/// builders (<see cref="PaymentStatistics"/>, <see cref="RecipientStatistics"/>). Only approved runs
/// count: a claim is in the figures when <see cref="PaidClaim"/> says it was paid, with the amounts of
/// the line that paid it; an adjustment when an approved run settled it (<see cref="SettledAdjustment"/>).
/// 県市区分 of a claim: the 資格 (current knowledge) of its recipient in force on the 1st of the 診療月, else
/// the latest one starting in that month; 市 when the 資格 has none (decisions.md D4).
/// </summary>
public sealed class StatisticsQueries(FukushiDbContext db)
{
    /// <summary>The 支払月報 of 処理年月 <paramref name="month"/> (with its 年度 to date).</summary>
    public async Task<StatisticsReport> MonthlyReportAsync(YearMonth month, CancellationToken cancellationToken = default)
    {
        var first = new YearMonth(FiscalYear.Of(month).Year, FiscalYear.FirstMonth);
        var claims = await PaidClaimsAsync(first, month, cancellationToken).ConfigureAwait(false);
        var adjustments = await AdjustmentsAsync(first, month, cancellationToken).ConfigureAwait(false);
        var refunds = await RefundsAsync(first, month, cancellationToken).ConfigureAwait(false);
        var inKind = await InKindSettlementsAsync(first, month, cancellationToken).ConfigureAwait(false);
        return PaymentStatistics.MonthlyReport(month, claims, adjustments, refunds, inKind);
    }

    /// <summary>The 県補助金 claim of 年度 <paramref name="year"/>.</summary>
    public async Task<StatisticsReport> PrefectureClaimAsync(FiscalYear year, CancellationToken cancellationToken = default)
    {
        var first = new YearMonth(year.Year, FiscalYear.FirstMonth);
        var last = first.AddMonths(11);
        var claims = await PaidClaimsAsync(first, last, cancellationToken).ConfigureAwait(false);
        var adjustments = await AdjustmentsAsync(first, last, cancellationToken).ConfigureAwait(false);
        var refunds = await RefundsAsync(first, last, cancellationToken).ConfigureAwait(false);
        return PaymentStatistics.PrefectureClaim(year, claims, adjustments, refunds);
    }

    /// <summary>The 受給者数調査 as of <paramref name="asOf"/>.</summary>
    public async Task<StatisticsReport> RecipientSurveyAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var (facts, events, brackets) = await RecipientFactsAsync(asOf, cancellationToken).ConfigureAwait(false);
        return RecipientStatistics.Survey(asOf, facts, events, brackets);
    }

    /// <summary>助成額 and 件数 paid by approved runs in each of the <paramref name="months"/> months ending with <paramref name="last"/> (months without a run give 0).</summary>
    public async Task<IReadOnlyList<MonthlyPaid>> MonthlySeriesAsync(YearMonth last, int months, CancellationToken cancellationToken = default)
    {
        var first = last.AddMonths(-(months - 1));
        var (lo, hi) = (first.ToNumber(), last.ToNumber());
        var sums = await (from paid in db.PaidClaims.AsNoTracking()
                          join run in db.PaymentRuns.AsNoTracking() on paid.PaymentRunId equals run.Id
                          join line in db.PaymentLines.AsNoTracking() on paid.PaymentLineId equals line.Id
                          where run.ProcessingMonth >= lo && run.ProcessingMonth <= hi
                          group line by run.ProcessingMonth into g
                          select new { Month = g.Key, Claims = g.LongCount(), Subsidy = g.Sum(l => l.Subsidy) })
            .ToDictionaryAsync(x => x.Month, cancellationToken).ConfigureAwait(false);
        return [.. Enumerable.Range(0, months).Select(i => first.AddMonths(i).ToNumber())
            .Select(m => sums.TryGetValue(m, out var s) ? new MonthlyPaid(m, s.Claims, s.Subsidy) : new MonthlyPaid(m, 0, 0))];
    }

    /// <summary>The claims paid by approved runs of 処理年月 <paramref name="first"/> … <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<PaidClaimFact>> PaidClaimsAsync(YearMonth first, YearMonth last, CancellationToken cancellationToken = default)
    {
        var (lo, hi) = (first.ToNumber(), last.ToNumber());
        var rows = await (from paid in db.PaidClaims.AsNoTracking()
                          join run in db.PaymentRuns.AsNoTracking() on paid.PaymentRunId equals run.Id
                          join line in db.PaymentLines.AsNoTracking() on paid.PaymentLineId equals line.Id
                          join claim in db.MedicalClaims.AsNoTracking() on paid.MedicalClaimId equals claim.Id
                          where run.ProcessingMonth >= lo && run.ProcessingMonth <= hi
                          select new
                          {
                              run.ProcessingMonth,
                              line.ServiceMonth,
                              line.RecipientId,
                              line.Kind,
                              claim.InsurerNumber,
                              claim.Source,
                              claim.PayerNumber,
                              claim.DaysOfCare,
                              claim.Points,
                              line.SelfPay,
                              line.HighCostRefund,
                              line.ExtraBenefit,
                              line.Copayment,
                              line.Subsidy,
                          })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var inKind = (await db.PublicPayers.AsNoTracking().Where(p => p.BenefitMethod == BenefitMethod.InKind).Select(p => p.PayerNumber)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var shares = await SharesAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new PaidClaimFact(
            r.ProcessingMonth,
            r.ServiceMonth,
            PaymentStatistics.InsuranceOf(r.InsurerNumber),
            PaymentStatistics.CategoryOf(r.Kind),
            MethodOf(r.Source, r.PayerNumber, inKind),
            shares.ShareOf(r.RecipientId, YearMonth.FromNumber(r.ServiceMonth)),
            r.DaysOfCare ?? 0,
            r.Points ?? 0,
            r.SelfPay,
            r.HighCostRefund,
            r.ExtraBenefit,
            r.Copayment,
            r.Subsidy))];
    }

    /// <summary>What approved runs of 処理年月 <paramref name="first"/> … <paramref name="last"/> settled of the 支払調整.</summary>
    public async Task<IReadOnlyList<AdjustmentFact>> AdjustmentsAsync(YearMonth first, YearMonth last, CancellationToken cancellationToken = default)
    {
        var (lo, hi) = (first.ToNumber(), last.ToNumber());
        var rows = await (from settled in db.SettledAdjustments.AsNoTracking()
                          join run in db.PaymentRuns.AsNoTracking() on settled.PaymentRunId equals run.Id
                          join adjustment in db.PaymentAdjustments.AsNoTracking() on settled.PaymentAdjustmentId equals adjustment.Id
                          where run.ProcessingMonth >= lo && run.ProcessingMonth <= hi
                          select new
                          {
                              run.ProcessingMonth,
                              adjustment.Kind,
                              adjustment.RecipientId,
                              ServiceMonth = db.MedicalClaims.Where(c => c.Id == adjustment.MedicalClaimId).Select(c => (int?)c.ServiceMonth).FirstOrDefault(),
                              settled.Applied,
                          })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var shares = await SharesAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new AdjustmentFact(
            r.ProcessingMonth,
            r.Kind,
            shares.ShareOf(r.RecipientId, YearMonth.FromNumber(r.ServiceMonth ?? r.ProcessingMonth)),
            r.Applied))];
    }

    /// <summary>
    /// 戻入 (返還, ADR 0033) received in the months <paramref name="first"/> … <paramref name="last"/> (by 収納日),
    /// each split by 県市区分 over the adjustments behind its 返還請求 (<see cref="PaymentStatistics.SplitRefund"/>).
    /// </summary>
    public async Task<IReadOnlyList<RefundFact>> RefundsAsync(YearMonth first, YearMonth last, CancellationToken cancellationToken = default)
    {
        var (lo, hi) = (first.FirstDay, last.LastDay);
        var repayments = await db.RecoveryRepayments.AsNoTracking().Where(r => r.ReceivedOn >= lo && r.ReceivedOn <= hi)
            .Select(r => new { r.RecoveryId, r.ReceivedOn, r.Amount })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (repayments.Count == 0)
        {
            return [];
        }

        var ids = repayments.Select(r => r.RecoveryId).Distinct().ToList();
        var items = (await (from item in db.RecoveryItems.AsNoTracking()
                            join recovery in db.Recoveries.AsNoTracking() on item.RecoveryId equals recovery.Id
                            join adjustment in db.PaymentAdjustments.AsNoTracking() on item.PaymentAdjustmentId equals adjustment.Id
                            where ids.Contains(item.RecoveryId)
                            select new
                            {
                                item.RecoveryId,
                                item.Amount,
                                adjustment.RecipientId,
                                recovery.IssuedOn,
                                ServiceMonth = db.MedicalClaims.Where(c => c.Id == adjustment.MedicalClaimId).Select(c => (int?)c.ServiceMonth).FirstOrDefault(),
                            })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(i => i.RecoveryId)
            .ToDictionary(g => g.Key, g => g.ToList());
        var shares = await SharesAsync(cancellationToken).ConfigureAwait(false);
        return [.. repayments.SelectMany(r => PaymentStatistics.SplitRefund(
            (r.ReceivedOn.Year * 100) + r.ReceivedOn.Month,
            r.Amount,
            [.. items.GetValueOrDefault(r.RecoveryId, []).Select(i => (
                shares.ShareOf(i.RecipientId, i.ServiceMonth is { } m ? YearMonth.FromNumber(m) : new YearMonth(i.IssuedOn.Year, i.IssuedOn.Month)),
                i.Amount))]))];
    }

    /// <summary>The approved 現物給付 請求書 (ADR 0032) of 処理年月 <paramref name="first"/> … <paramref name="last"/>.</summary>
    public async Task<IReadOnlyList<InKindSettlementFact>> InKindSettlementsAsync(YearMonth first, YearMonth last, CancellationToken cancellationToken = default)
    {
        var (lo, hi) = (first.ToNumber(), last.ToNumber());
        return await db.InKindInvoices.AsNoTracking()
            .Where(i => i.Status == InKindInvoiceStatus.Approved && i.ProcessingMonth >= lo && i.ProcessingMonth <= hi)
            .Select(i => new InKindSettlementFact(i.ProcessingMonth, i.InvoiceCount, i.InvoiceAmount, i.FeeAmount))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The facts of the 受給者数調査 and the child age brackets in force on <paramref name="asOf"/>, in their order.</summary>
    public async Task<(IReadOnlyList<RecipientFact> Facts, IReadOnlyList<RecipientEvent> Events, IReadOnlyList<string> Brackets)> RecipientFactsAsync(
        DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var recipients = await db.Recipients.AsNoTracking()
            .Select(r => new { r.Id, r.PersonId, r.Kind, r.HouseholdId })
            .ToDictionaryAsync(r => r.Id, cancellationToken).ConfigureAwait(false);
        var birthDates = (await db.PersonRecords.AsNoTracking().Current()
                .Select(p => new { p.PersonId, p.ValidFrom, p.ValidTo, p.BirthDate })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.PersonId)
            .ToDictionary(g => g.Key, g => (g.FirstOrDefault(p => p.ValidFrom <= asOf && (p.ValidTo == null || p.ValidTo > asOf)) ?? g.OrderByDescending(p => p.ValidFrom).First()).BirthDate);
        var records = await db.EligibilityRecords.AsNoTracking().Current()
            .Select(e => new { e.RecipientId, e.Status, e.ValidFrom, e.ValidTo, e.AcquiredOn, e.LostOn, e.LossReason, e.FundingShare, e.BenefitMethod })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var insurances = (await db.Insurances.AsNoTracking().Current()
                .Where(i => i.ValidFrom <= asOf && (i.ValidTo == null || i.ValidTo > asOf))
                .Select(i => new { i.PersonId, i.ValidFrom, i.InsuranceKind, i.InsuredRole })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(i => i.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.ValidFrom).First());
        var brackets = (await db.AgeBrackets.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(b => b.IsValidOn(asOf)).ToList();

        var facts = new List<RecipientFact>();
        foreach (var active in records.Where(e => e.Status == EligibilityStatus.Active && e.ValidFrom <= asOf && (e.ValidTo == null || e.ValidTo > asOf)))
        {
            if (!recipients.TryGetValue(active.RecipientId, out var recipient))
            {
                continue;
            }

            var insurance = insurances.GetValueOrDefault(recipient.PersonId);
            var bracket = recipient.Kind is RecipientKind.Child or RecipientKind.Orphan
                ? (birthDates.TryGetValue(recipient.PersonId, out var born) ? AgeBrackets.ChildBracketOn(born, asOf, brackets)?.Name : null)
                : null;
            facts.Add(new RecipientFact(recipient.Kind, active.FundingShare ?? FundingShare.City, insurance?.InsuranceKind, insurance?.InsuredRole,
                active.BenefitMethod, bracket, recipient.HouseholdId));
        }

        var events = new List<RecipientEvent>();
        foreach (var own in records.GroupBy(e => e.RecipientId))
        {
            if (!recipients.TryGetValue(own.Key, out var recipient))
            {
                continue;
            }

            var starts = own.Where(e => e.Status == EligibilityStatus.Active).Select(e => e.AcquiredOn ?? e.ValidFrom).ToList();
            if (starts.Count > 0)
            {
                events.Add(new RecipientEvent(recipient.Kind, starts.Min(), null));
            }

            foreach (var loss in own.Where(e => e.Status == EligibilityStatus.Lost).Select(e => (On: e.LostOn ?? e.ValidFrom, Cause: e.LossReason ?? Domain.Eligibility.LossReason.Other)).Distinct())
            {
                events.Add(new RecipientEvent(recipient.Kind, loss.On, loss.Cause));
            }
        }

        var names = brackets.Where(b => b.ForChildren).OrderBy(b => b.SortOrder).Select(b => b.Name).Distinct().ToList();
        return (facts, events, names);
    }

    private static BenefitMethod MethodOf(MedicalClaimSource source, string? payerNumber, HashSet<string> inKindPayers) =>
        source == MedicalClaimSource.Manual ? BenefitMethod.ClaimReimbursement
        : source == MedicalClaimSource.Uke && payerNumber is not null && inKindPayers.Contains(payerNumber) ? BenefitMethod.InKind
        : BenefitMethod.AutoReimbursement;

    private async Task<ShareBook> SharesAsync(CancellationToken cancellationToken) =>
        new((await db.EligibilityRecords.AsNoTracking().Current()
                .Select(e => new ShareRow(e.RecipientId, e.ValidFrom, e.ValidTo, e.FundingShare))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(e => e.RecipientId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.ValidFrom).ToList()));

    private sealed record ShareRow(long RecipientId, DateOnly ValidFrom, DateOnly? ValidTo, FundingShare? Share);

    /// <summary>The 県市区分 of each recipient over time.</summary>
    private sealed class ShareBook(Dictionary<long, List<ShareRow>> rows)
    {
        public FundingShare ShareOf(long recipientId, YearMonth month)
        {
            if (!rows.TryGetValue(recipientId, out var own))
            {
                return FundingShare.City;
            }

            var first = month.FirstDay;
            var row = own.FirstOrDefault(e => e.ValidFrom <= first && (e.ValidTo == null || e.ValidTo > first))
                ?? own.LastOrDefault(e => e.ValidFrom > first && e.ValidFrom <= month.LastDay);
            return row?.Share ?? FundingShare.City;
        }
    }
}
