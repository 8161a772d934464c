using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Vault;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Atena.Keys;

/// <summary>What a rotation did.</summary>
public sealed record AtenaKeyRotationResult(int FromVersion, int ToVersion, int RowsResealed);

/// <summary>
/// <c>fukushi atena rotate-keys</c>: adds a new key version to the ring and re-seals every link (superseded rows
/// included) and its lookup hash under it, streaming in batches by id, each batch its own transaction. A rotation
/// stopped half-way leaves rows of both versions, all readable (the ring keeps every version); running it again
/// finishes the work under a newer version. Audited once at the end. Afterwards no row needs an older key.
/// </summary>
public sealed class AtenaKeyRotation(AtenaDbContext atena, FukushiDbContext welfare, AtenaKeyRing keys, TimeProvider clock)
{
    private const int BatchSize = 500;

    public async Task<AtenaKeyRotationResult> RotateAsync(string actor, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        // Every row must be readable before a new key is added: a missing older key fails here, not half-way.
        var versions = await atena.MyNumberLinks.AsNoTracking().Select(link => link.KeyVersion).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var version in versions)
        {
            keys.Get(version);
        }

        var from = keys.Exists ? keys.Current.Version : 0;
        var key = keys.AddVersion(clock);
        var resealed = 0;
        long lastId = 0;
        while (true)
        {
            var rows = await atena.MyNumberLinks.Where(link => link.Id > lastId).OrderBy(link => link.Id).Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }

            await using var transaction = await atena.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows.Where(row => row.KeyVersion != key.Version))
            {
                var number = AtenaVault.Open(keys, row);
                row.Sealed = MyNumberSeal.Seal(key, row.AtenaNumber, number);
                row.LookupHash = MyNumberSeal.LookupHash(key, number);
                row.KeyVersion = key.Version;
                resealed++;
            }

            await atena.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            lastId = rows[^1].Id;
            atena.ChangeTracker.Clear();
            progress?.Report(resealed);
        }

        welfare.AddAudit(new AuditEntry(actor, AuditEventType.AtenaKeysRotated, "atena-keyring", key.Version.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["fromVersion"] = from,
            ["toVersion"] = key.Version,
            ["resealed"] = resealed,
        }));
        await welfare.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new AtenaKeyRotationResult(from, key.Version, resealed);
    }
}
