using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.MedicalClaims;

/// <summary>
/// Pass 2 of a claims import: collects claims into batches, matches each claim
/// (<see cref="MedicalClaimMatching"/>) and writes the batch through <see cref="BulkInsert"/>.
/// A file of <paramref name="claims"/> claims at or above <paramref name="wholeLedgerFrom"/> is matched
/// against the whole ledger (台帳), indexed once and compactly (<see cref="MatchCandidateIndex"/>: every
/// recipient with its current birth date, kana key and cards, about 250,000 candidates for 100,000
/// households, tens of MB whatever the file size, dropped by <see cref="ReleaseLedger"/>);
/// a smaller file loads the candidates of each batch (by 受給者番号, by 保険者番号 + 記号番号, by kana +
/// birth date). Both give the same candidates for the keys a claim carries.
/// </summary>
internal sealed class BatchWriter(FukushiDbContext db, IProgress<long>? progress, long claims, long wholeLedgerFrom)
{
    /// <summary>Files with at least this many claims are matched against the whole ledger (台帳) loaded once (ADR 0025).</summary>
    public const long DefaultWholeLedgerFrom = 20_000;

    private const int BatchSize = 5000;
    private readonly List<MedicalClaim> batch = new(BatchSize);
    private readonly HashSet<string> ourPayers = new(StringComparer.Ordinal);
    private MatchCandidateIndex? ledger;

    public IReadOnlySet<string> OurPayers => ourPayers;

    public long Written { get; private set; }

    public int Matched { get; private set; }

    public int NeedsReview { get; private set; }

    public int Unmatched { get; private set; }

    /// <summary>Our programme's 公費負担者番号 (all periods): a UKE KO with one of them carries our 受給者番号.</summary>
    public async Task LoadPayersAsync(CancellationToken cancellationToken)
    {
        foreach (var number in await db.PublicPayers.AsNoTracking().Where(p => p.Program == PublicPayer.SingleParentProgram).Select(p => p.PayerNumber).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            ourPayers.Add(number);
        }
    }

    public async Task AddAsync(MedicalClaim receipt, CancellationToken cancellationToken)
    {
        batch.Add(receipt);
        if (batch.Count == BatchSize)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        MatchCandidateIndex candidates;
        using (PhaseTimes.Start("import.candidates"))
        {
            candidates = claims >= wholeLedgerFrom
                ? ledger ??= await WholeLedgerAsync(cancellationToken).ConfigureAwait(false)
                : new MatchCandidateIndex(await CandidatesAsync(cancellationToken).ConfigureAwait(false));
        }

        var matching = PhaseTimes.Start("import.match");
        foreach (var receipt in batch)
        {
            var match = MedicalClaimMatching.Match(KeysOf(receipt), candidates);
            receipt.MatchStatus = match.Status;
            receipt.RecipientId = match.RecipientId;
            receipt.SuggestedRecipientId = match.SuggestedRecipientId;
            receipt.MatchReason = match.Reason;
            switch (match.Status)
            {
                case MedicalClaimMatchStatus.Matched: Matched++; break;
                case MedicalClaimMatchStatus.NeedsReview: NeedsReview++; break;
                default: Unmatched++; break;
            }
        }

        matching.Dispose();
        using (PhaseTimes.Start("import.copy"))
        {
            Written += await db.BulkInsertAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        batch.Clear();
        progress?.Report(Written);
    }

    /// <summary>Drops the whole ledger's index (after the last batch), so that the rest of the import does not keep it.</summary>
    public void ReleaseLedger() => ledger = null;

    private static MedicalClaimKeys KeysOf(MedicalClaim receipt) =>
        new(receipt.RecipientNumber, receipt.BirthDate, receipt.KanaName, receipt.InsurerNumber, receipt.CardSymbol, receipt.CardNumber);

    private async Task<List<MatchCandidate>> CandidatesAsync(CancellationToken cancellationToken)
    {
        var numbers = batch.Select(r => MedicalClaimMatching.Clean(r.RecipientNumber)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var births = batch.Select(r => r.BirthDate).OfType<DateOnly>().Distinct().ToList();
        var kanaKeys = batch.Select(r => r.KanaName).Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => Domain.Text.KanaNormalizer.ToSearchKey(k!)).Distinct(StringComparer.Ordinal).ToList();
        var cardNumbers = batch.Select(r => MedicalClaimMatching.Clean(r.CardNumber)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();

        var personIds = new HashSet<long>();
        if (cardNumbers.Count > 0)
        {
            personIds.UnionWith(await db.Insurances.AsNoTracking().Current().Where(i => i.CardNumber != null && cardNumbers.Contains(i.CardNumber))
                .Select(i => i.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        if (births.Count > 0 && kanaKeys.Count > 0)
        {
            personIds.UnionWith(await db.PersonRecords.AsNoTracking().Current().Where(p => births.Contains(p.BirthDate) && kanaKeys.Contains(p.NameKanaKey))
                .Select(p => p.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        // Two queries, not one with "number = ANY(…) OR person = ANY(…)": the OR made PostgreSQL scan the table.
        var ids = personIds.ToList();
        var recipients = numbers.Count == 0 ? [] : await db.Recipients.AsNoTracking()
            .Where(r => numbers.Contains(r.RecipientNumber))
            .Select(r => new RecipientKeys(r.Id, r.PersonId, r.RecipientNumber))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (ids.Count > 0)
        {
            recipients.AddRange(await db.Recipients.AsNoTracking()
                .Where(r => ids.Contains(r.PersonId))
                .Select(r => new RecipientKeys(r.Id, r.PersonId, r.RecipientNumber))
                .ToListAsync(cancellationToken).ConfigureAwait(false));
            recipients = recipients.DistinctBy(r => r.Id).ToList();
        }

        if (recipients.Count == 0)
        {
            return [];
        }

        var persons = recipients.Select(r => r.PersonId).Distinct().ToList();
        var records = (await db.PersonRecords.AsNoTracking().Current().Where(p => persons.Contains(p.PersonId))
                .Select(p => new PersonKeys(p.PersonId, p.ValidFrom, p.BirthDate, p.NameKana)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(p => p.PersonId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.ValidFrom).First());
        var cards = (await db.Insurances.AsNoTracking().Current().Where(i => persons.Contains(i.PersonId))
                .Select(i => new { i.PersonId, i.InsurerNumber, i.CardSymbol, i.CardNumber }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(i => i.PersonId, i => new CandidateCard(i.InsurerNumber, i.CardSymbol, i.CardNumber));
        return Candidates(recipients, records, cards);
    }

    /// <summary>
    /// Every recipient of the ledger indexed as a candidate, built in one streaming pass over three
    /// projections (each a single scan, no row kept but the person's latest current birth date and kana
    /// key): the current person records, the recipients, the current insurance cards. Under
    /// <c>FUKUSHI_PHASE_TIMES=1</c> it prints the index's size (managed heap after a full collection,
    /// before and after building it).
    /// </summary>
    private async Task<MatchCandidateIndex> WholeLedgerAsync(CancellationToken cancellationToken)
    {
        long heapBefore = PhaseTimes.Enabled ? GC.GetTotalMemory(forceFullCollection: true) : 0;
        var index = await BuildWholeLedgerAsync(cancellationToken).ConfigureAwait(false);
        if (PhaseTimes.Enabled)
        {
            long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
            PhaseTimes.Note(string.Create(CultureInfo.InvariantCulture,
                $"import.ledger candidates={index.Count} card_entries={index.CardEntries} index_mb={(heapAfter - heapBefore) / 1048576.0:F1} heap_before_mb={heapBefore / 1048576.0:F1} heap_after_mb={heapAfter / 1048576.0:F1}"));
        }

        return index;
    }

    private async Task<MatchCandidateIndex> BuildWholeLedgerAsync(CancellationToken cancellationToken)
    {
        var index = new MatchCandidateIndex();
        var persons = new Dictionary<long, PersonSlot>();
        await foreach (var record in db.PersonRecords.AsNoTracking().Current()
            .Select(p => new PersonKeys(p.PersonId, p.ValidFrom, p.BirthDate, p.NameKana)).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ref var person = ref CollectionsMarshal.GetValueRefOrAddDefault(persons, record.PersonId, out bool exists);
            if (!exists || record.ValidFrom > person.ValidFrom)
            {
                person = new PersonSlot(record.ValidFrom, record.BirthDate, index.KanaKeyOf(record.NameKana), FirstCandidate: -1);
            }
        }

        // The candidates of a person are chained (slot -> next slot of the same person) for its cards.
        var nextOfPerson = new List<int>();
        await foreach (var recipient in db.Recipients.AsNoTracking()
            .Select(r => new RecipientKeys(r.Id, r.PersonId, r.RecipientNumber)).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            ref var person = ref CollectionsMarshal.GetValueRefOrNullRef(persons, recipient.PersonId);
            if (Unsafe.IsNullRef(ref person))
            {
                continue;
            }

            int slot = index.Add(recipient.Id, recipient.RecipientNumber, person.BirthDate, person.KanaKey);
            nextOfPerson.Add(person.FirstCandidate);
            person = person with { FirstCandidate = slot };
        }

        await foreach (var card in db.Insurances.AsNoTracking().Current()
            .Select(i => new CardKeys(i.PersonId, i.InsurerNumber, i.CardSymbol, i.CardNumber)).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (persons.TryGetValue(card.PersonId, out var person))
            {
                for (int slot = person.FirstCandidate; slot >= 0; slot = nextOfPerson[slot])
                {
                    index.AddCard(slot, card.InsurerNumber, card.CardSymbol, card.CardNumber);
                }
            }
        }

        index.Seal();
        return index;
    }

    private static List<MatchCandidate> Candidates(List<RecipientKeys> recipients, Dictionary<long, PersonKeys> records, ILookup<long, CandidateCard> cards) =>
        recipients
            .Where(r => records.ContainsKey(r.PersonId))
            .Select(r => new MatchCandidate(r.Id, r.RecipientNumber, records[r.PersonId].BirthDate, records[r.PersonId].NameKana, cards[r.PersonId].ToList()))
            .ToList();

    private sealed record RecipientKeys(long Id, long PersonId, string RecipientNumber);

    private sealed record PersonKeys(long PersonId, DateOnly ValidFrom, DateOnly BirthDate, string NameKana);

    private sealed record CardKeys(long PersonId, string InsurerNumber, string? CardSymbol, string? CardNumber);

    private readonly record struct PersonSlot(DateOnly ValidFrom, DateOnly BirthDate, string KanaKey, int FirstCandidate);
}
