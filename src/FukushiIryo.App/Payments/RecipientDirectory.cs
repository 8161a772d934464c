using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>What a payment run reads of a recipient (受給者): number, person, kind, parent and 福祉世帯.</summary>
internal sealed record RecipientFacts(long Id, string RecipientNumber, long PersonId, RecipientKind Kind, long? ParentRecipientId, long? HouseholdId);

/// <summary>
/// Every recipient's <see cref="RecipientFacts"/>, read in one pass when a payment run starts and then only
/// read (by the run's two stages at once: nothing writes it after <see cref="ReadAsync"/>). It replaces
/// three lookups by id per batch (the claims' recipients, their households, their parents) and the
/// selection's and payees' own: about 280 queries probing the recipients' indexes for a run of 100,000
/// payees, against one sequential read (bench/README.md, session 9). It grows with the city's recipients,
/// not with any file: six small fields a recipient.
/// </summary>
internal sealed class RecipientDirectory
{
    private static readonly long[] NoMembers = [];

    private readonly Dictionary<long, RecipientFacts> _recipients;
    private readonly Dictionary<long, long[]> _households;

    private RecipientDirectory(Dictionary<long, RecipientFacts> recipients)
    {
        _recipients = recipients;
        _households = recipients.Values
            .Where(r => r.HouseholdId is not null)
            .GroupBy(r => r.HouseholdId!.Value)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToArray());
    }

    /// <summary>Reads every recipient, streamed row by row into the directory.</summary>
    public static async Task<RecipientDirectory> ReadAsync(FukushiDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var recipients = new Dictionary<long, RecipientFacts>();
        var rows = Facts(db.Recipients).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            recipients[row.Id] = row;
        }

        return new RecipientDirectory(recipients);
    }

    /// <summary>
    /// The part of the directory one chunk of claims needs: the recipients <paramref name="ids"/>, every member
    /// of their 福祉世帯 and their parents (<see cref="MembersOf"/> is complete for the households of
    /// <paramref name="ids"/> only). Two queries for the related recipients, each on its own index: one with OR
    /// made PostgreSQL scan every recipient (≈ 40 ms a batch at 250,000 recipients, bench/README.md session 8).
    /// </summary>
    public static async Task<RecipientDirectory> ReadAroundAsync(FukushiDbContext db, List<long> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(ids);
        var recipients = await Facts(db.Recipients.Where(r => EF.Parameter(ids).Contains(r.Id))).ToListAsync(cancellationToken).ConfigureAwait(false);
        var householdIds = recipients.Where(r => r.HouseholdId is not null).Select(r => r.HouseholdId!.Value).Distinct().ToList();
        var parentIds = recipients.Where(r => r.ParentRecipientId is not null).Select(r => r.ParentRecipientId!.Value).Distinct().ToList();
        recipients.AddRange(await Facts(db.Recipients.Where(r => r.HouseholdId != null && EF.Parameter(householdIds).Contains(r.HouseholdId.Value)))
            .ToListAsync(cancellationToken).ConfigureAwait(false));
        recipients.AddRange(await Facts(db.Recipients.Where(r => EF.Parameter(parentIds).Contains(r.Id)))
            .ToListAsync(cancellationToken).ConfigureAwait(false));
        return new RecipientDirectory(recipients.DistinctBy(r => r.Id).ToDictionary(r => r.Id));
    }

    /// <summary>The recipient <paramref name="id"/>; null when there is none.</summary>
    public RecipientFacts? Find(long id) => _recipients.GetValueOrDefault(id);

    /// <summary>The recipient <paramref name="id"/>, which must exist (a claim's or a payee's).</summary>
    /// <exception cref="KeyNotFoundException">No recipient <paramref name="id"/>.</exception>
    public RecipientFacts this[long id] => _recipients[id];

    /// <summary>The ids of the recipients of the 福祉世帯 <paramref name="householdId"/>.</summary>
    public IReadOnlyList<long> MembersOf(long householdId) => _households.GetValueOrDefault(householdId, NoMembers);

    private static IQueryable<RecipientFacts> Facts(IQueryable<Recipient> recipients) => recipients.AsNoTracking()
        .Select(r => new RecipientFacts(r.Id, r.RecipientNumber, r.PersonId, r.Kind, r.ParentRecipientId, r.HouseholdId));
}
