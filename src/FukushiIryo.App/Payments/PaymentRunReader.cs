using System.Runtime.CompilerServices;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>A paid payee's place in the export's files: 受給者番号 (ordinal), then the recipient's id.</summary>
public readonly record struct PaymentPayeeKey(string RecipientNumber, long PayeeRecipientId, long Amount);

/// <summary>
/// A page of an approved run's paid payees in the files' order, with what the files need of them (ADR 0041,
/// session 8). <see cref="Lines"/> are the payees' lines without their steps (<see cref="PaymentLine.StepsJson"/>
/// is left "[]": no file prints them); the dictionaries hold the page's recipients and claims only.
/// </summary>
/// <param name="Payees">In 受給者番号 order (ordinal), then by recipient id.</param>
/// <param name="Lines">The payees' lines (empty when read without them), in no particular order.</param>
/// <param name="Addressees">氏名 and address in force on the pay date, by recipient id (payees and patients).</param>
/// <param name="ProviderNames">医療機関名 by claim id.</param>
/// <param name="RecipientNumbers">受給者番号 of the patients, by recipient id.</param>
/// <param name="DaysOfCare">実日数 by claim id.</param>
public sealed record PaymentExportPage(
    IReadOnlyList<PaymentPayee> Payees,
    IReadOnlyList<PaymentLine> Lines,
    IReadOnlyDictionary<long, Addressee> Addressees,
    IReadOnlyDictionary<long, string?> ProviderNames,
    IReadOnlyDictionary<long, string> RecipientNumbers,
    IReadOnlyDictionary<long, int?> DaysOfCare);

/// <summary>
/// Reads an approved run for its export page by page, so that the memory held does not grow with the run:
/// the keys of the paid payees (受給者番号, id, amount: a few dozen bytes each) are read once and sorted;
/// each page of <see cref="PageSize"/> payees then loads their rows, their lines (without StepsJson), the
/// addressees, 受給者番号 and claims it needs, and is let go before the next. A page never splits payees
/// that share a 受給者番号, so the detail file's order (受給者番号, then claim) is kept across pages.
/// Reads only; the run must not change meanwhile (an approved run never does).
/// </summary>
public sealed class PaymentRunReader(FukushiDbContext db, PaymentRun run)
{
    /// <summary>Payees per page: about 1 KB each with their lines and addressees, read with one query per table.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>The paid payees (not held out, amount above 0) in the files' order.</summary>
    public async Task<IReadOnlyList<PaymentPayeeKey>> PaidKeysAsync(CancellationToken cancellationToken = default)
    {
        var keys = await Current(db.PaymentPayees)
            .Where(p => !p.HeldOut && p.Amount > 0)
            .Select(p => new PaymentPayeeKey(p.RecipientNumber, p.PayeeRecipientId, p.Amount))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // Ordinal, in memory: the database's collation is not the files' order.
        keys.Sort((a, b) =>
        {
            var byNumber = string.CompareOrdinal(a.RecipientNumber, b.RecipientNumber);
            return byNumber != 0 ? byNumber : a.PayeeRecipientId.CompareTo(b.PayeeRecipientId);
        });
        return keys;
    }

    /// <summary>The held-out payees, by 受給者番号 (few: they are listed whole in the report and the result).</summary>
    public async Task<IReadOnlyList<PaymentPayee>> HeldOutAsync(CancellationToken cancellationToken = default) =>
        await Current(db.PaymentPayees).Where(p => p.HeldOut)
            .OrderBy(p => p.RecipientNumber).ThenBy(p => p.PayeeRecipientId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The 金融機関名 and 支店名 (as the bank master names them) of every account paid into, by code.</summary>
    public async Task<IReadOnlyDictionary<(string Bank, string Branch), (string BankName, string BranchName)>> BankNamesAsync(CancellationToken cancellationToken = default)
    {
        var accounts = await Current(db.PaymentPayees).Where(p => !p.HeldOut && p.Amount > 0)
            .Select(p => new { p.BankCode, p.BranchCode }).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var bankCodes = accounts.Select(a => a.BankCode!).Distinct().ToList();
        var bankNames = (await db.Banks.AsNoTracking().Where(b => bankCodes.Contains(b.BankCode) && b.RemovedInEdition == null).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(b => b.BankCode).ToDictionary(g => g.Key, g => g.First().Name);
        var branchNames = (await db.BankBranches.AsNoTracking().Where(b => bankCodes.Contains(b.BankCode) && b.RemovedInEdition == null).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(b => (b.BankCode, b.BranchCode)).ToDictionary(g => g.Key, g => g.First().Name);
        return accounts.Select(a => (a.BankCode!, a.BranchCode!)).Distinct()
            .ToDictionary(k => k, k => (bankNames.GetValueOrDefault(k.Item1, k.Item1), branchNames.GetValueOrDefault(k, k.Item2)));
    }

    /// <summary>
    /// The pages of <paramref name="keys"/> (from <see cref="PaidKeysAsync"/>) in order; with
    /// <paramref name="lines"/> false only the payees (for the 全銀 and accounting files).
    /// </summary>
    /// <param name="addresseeDate">The date whose 氏名 and address the addressees are (the pay date).</param>
    public async IAsyncEnumerable<PaymentExportPage> PagesAsync(
        IReadOnlyList<PaymentPayeeKey> keys, bool lines, DateOnly addresseeDate, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1);
        var start = 0;
        while (start < keys.Count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var end = Math.Min(start + PageSize, keys.Count);
            while (end < keys.Count && string.Equals(keys[end].RecipientNumber, keys[end - 1].RecipientNumber, StringComparison.Ordinal))
            {
                end++; // payees sharing a 受給者番号 stay on one page (the detail file sorts their lines together)
            }

            var page = keys.Skip(start).Take(end - start).ToList();
            yield return await PageAsync(page, lines, addresseeDate, cancellationToken).ConfigureAwait(false);
            start = end;
        }
    }

    private async Task<PaymentExportPage> PageAsync(List<PaymentPayeeKey> keys, bool withLines, DateOnly addresseeDate, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => k.PayeeRecipientId).ToList();
        var rows = (await Current(db.PaymentPayees).Where(p => ids.Contains(p.PayeeRecipientId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(p => p.PayeeRecipientId);
        var payees = ids.Select(id => rows[id]).ToList();
        if (!withLines)
        {
            return new PaymentExportPage(payees, [], new Dictionary<long, Addressee>(), new Dictionary<long, string?>(), new Dictionary<long, string>(), new Dictionary<long, int?>());
        }

        // Every column but StepsJson (the largest by far, and printed by no file).
        var lines = await Current(db.PaymentLines).Where(l => ids.Contains(l.PayeeRecipientId))
            .Select(l => new PaymentLine
            {
                Id = l.Id,
                PaymentRunId = l.PaymentRunId,
                Preparation = l.Preparation,
                MedicalClaimId = l.MedicalClaimId,
                RecipientId = l.RecipientId,
                PayeeRecipientId = l.PayeeRecipientId,
                ClaimProcessingMonth = l.ClaimProcessingMonth,
                ServiceMonth = l.ServiceMonth,
                ProviderCode = l.ProviderCode,
                Kind = l.Kind,
                LongTerm = l.LongTerm,
                TotalCost = l.TotalCost,
                SelfPay = l.SelfPay,
                SelfPayDerived = l.SelfPayDerived,
                LongTermReduction = l.LongTermReduction,
                HighCostRefund = l.HighCostRefund,
                HighCostEstimated = l.HighCostEstimated,
                ExtraBenefit = l.ExtraBenefit,
                ExtraBenefitEstimated = l.ExtraBenefitEstimated,
                OtherPublicAmount = l.OtherPublicAmount,
                MealAmount = l.MealAmount,
                Target = l.Target,
                Copayment = l.Copayment,
                Subsidy = l.Subsidy,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var recipientIds = lines.Select(l => l.RecipientId).Distinct().ToList();
        var claimIds = lines.Select(l => l.MedicalClaimId).ToList();
        var numbers = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id)).Select(r => new { r.Id, r.RecipientNumber })
            .ToDictionaryAsync(r => r.Id, r => r.RecipientNumber, cancellationToken).ConfigureAwait(false);
        var days = new Dictionary<long, int?>();
        var providers = new Dictionary<long, string?>();
        foreach (var row in await db.MedicalClaims.AsNoTracking().Where(c => claimIds.Contains(c.Id)).Select(c => new { c.Id, c.DaysOfCare, c.ProviderName }).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            days[row.Id] = row.DaysOfCare;
            providers[row.Id] = row.ProviderName;
        }

        var addressees = await AddresseesAsync(ids.Concat(recipientIds).Distinct().ToList(), addresseeDate, cancellationToken).ConfigureAwait(false);
        return new PaymentExportPage(payees, lines, addressees, providers, numbers, days);
    }

    /// <summary>The 氏名 and address in force on <paramref name="date"/> of each recipient (the latest known when none is).</summary>
    private async Task<Dictionary<long, Addressee>> AddresseesAsync(List<long> recipientIds, DateOnly date, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, Addressee>();
        var rows = await db.Recipients.AsNoTracking().Where(r => recipientIds.Contains(r.Id))
            .Join(db.PersonRecords.AsNoTracking().Current(), r => r.PersonId, p => p.PersonId,
                (r, p) => new { r.Id, p.Name, p.PostalCode, p.Address, p.ValidFrom, p.ValidTo })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var group in rows.GroupBy(r => r.Id))
        {
            var row = group.Where(r => r.ValidFrom <= date && (r.ValidTo is null || r.ValidTo > date)).MaxBy(r => r.ValidFrom)
                ?? group.MaxBy(r => r.ValidFrom)!;
            found[group.Key] = new Addressee(row.Name, row.PostalCode, row.Address);
        }

        return found;
    }

    private IQueryable<PaymentPayee> Current(DbSet<PaymentPayee> payees) =>
        payees.AsNoTracking().Where(p => p.PaymentRunId == run.Id && p.Preparation == run.Preparation);

    private IQueryable<PaymentLine> Current(DbSet<PaymentLine> lines) =>
        lines.AsNoTracking().Where(l => l.PaymentRunId == run.Id && l.Preparation == run.Preparation);
}
