using System.Security.Cryptography;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Keys;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Atena.Vault;

/// <summary>
/// The 個人番号 vault (architecture.md §1.7, §5; pia-controls.md P16; ADR 0027). Links live in the 宛名 database,
/// sealed with the key ring; every call is audited in the welfare audit chain through the welfare
/// <see cref="FukushiDbContext"/> it is given (the same scoped context as the caller's, so that the audit entry
/// joins the caller's transaction when one is open), always with the 宛名番号 and never the number.
/// </summary>
public sealed class AtenaVault(AtenaDbContext atena, FukushiDbContext welfare, StaffAccounts accounts, AtenaKeyRing keys, TimeProvider clock) : IAtenaVault
{
    /// <summary>The <see cref="MyNumberLink.Source"/> of a link made through <see cref="LinkAsync"/>.</summary>
    public const string VaultSource = "vault";

    public async Task LinkAsync(string atenaNumber, MyNumber myNumber, string actor, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeAtena(atenaNumber);
        ArgumentNullException.ThrowIfNull(myNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = AppClock.Now(clock);
        await using var transaction = await atena.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var outcome = await LinkCoreAsync(atena, keys, normalized, myNumber, actor, VaultSource, now, cancellationToken).ConfigureAwait(false);
        await atena.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        welfare.AddAudit(new AuditEntry(actor, AuditEventType.AtenaLinked, AtenaSubject, normalized, new Dictionary<string, object?>
        {
            ["outcome"] = outcome.ToString(),
        }));
        await welfare.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        atena.ChangeTracker.Clear();
    }

    public async Task<string?> FindAtenaNumberAsync(MyNumber myNumber, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(myNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var found = await FindCurrentAsync(atena, keys, myNumber, cancellationToken).ConfigureAwait(false);
        welfare.AddAudit(new AuditEntry(actor, AuditEventType.AtenaLookedUp, found is null ? null : AtenaSubject, found?.AtenaNumber, new Dictionary<string, object?>
        {
            ["found"] = found is not null,
        }));
        await welfare.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return found?.AtenaNumber;
    }

    public async Task<bool> HasMyNumberAsync(string atenaNumber, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizeAtena(atenaNumber);
        return await atena.MyNumberLinks.AsNoTracking()
            .AnyAsync(link => link.AtenaNumber == normalized && link.SupersededAt == null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyDictionary<string, MyNumber>> RevealAsync(
        IReadOnlyCollection<string> atenaNumbers, string actor, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(atenaNumbers);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (string.IsNullOrWhiteSpace(purpose))
        {
            throw new AtenaVaultRefusedException("個人番号を取り出す目的を入力してください。");
        }

        await RequireRevealPermissionAsync(actor, cancellationToken).ConfigureAwait(false);
        var wanted = atenaNumbers.Select(NormalizeAtena).Distinct(StringComparer.Ordinal).ToList();
        var links = new List<MyNumberLink>(wanted.Count);
        foreach (var chunk in wanted.Chunk(500))
        {
            links.AddRange(await atena.MyNumberLinks.AsNoTracking()
                .Where(link => chunk.Contains(link.AtenaNumber) && link.SupersededAt == null)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        // Opened before the audit entry is written (a missing key fails here), returned only after it is saved.
        var revealed = new Dictionary<string, MyNumber>(StringComparer.Ordinal);
        foreach (var link in links)
        {
            revealed[link.AtenaNumber] = Open(keys, link);
        }

        var found = revealed.Keys.Order(StringComparer.Ordinal).ToList();
        welfare.AddAudit(new AuditEntry(actor, AuditEventType.AtenaRevealed, found.Count == 1 ? AtenaSubject : null, found.Count == 1 ? found[0] : null, new Dictionary<string, object?>
        {
            ["purpose"] = purpose.Trim(),
            ["requested"] = wanted.Count,
            ["count"] = found.Count,
            ["atenaNumbers"] = string.Join(",", found),
        }));
        await welfare.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return revealed;
    }

    public Task<string> IssueAtenaNumberAsync(string actor, CancellationToken cancellationToken = default) =>
        AtenaNumberIssuer.IssueAsync(atena, welfare, actor, AppClock.Now(clock), cancellationToken);

    /// <summary>The subject type of the vault's audit entries: the 宛名番号.</summary>
    public const string AtenaSubject = "atena";

    internal enum LinkOutcome
    {
        New,
        Replaced,
        Unchanged,
    }

    /// <summary>
    /// Links (or replaces, superseding the current row) inside the caller's unit of work on <paramref name="db"/>;
    /// the caller saves. Refuses a number already linked to another 宛名番号.
    /// </summary>
    internal static async Task<LinkOutcome> LinkCoreAsync(AtenaDbContext db, AtenaKeyRing keys, string atenaNumber, MyNumber number, string actor, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await FindCurrentAsync(db, keys, number, cancellationToken).ConfigureAwait(false);
        if (existing is not null && existing.AtenaNumber != atenaNumber)
        {
            throw new AtenaVaultRefusedException($"この個人番号は別の宛名番号に紐付いています（宛名番号 {atenaNumber} には紐付けません）。");
        }

        if (existing is not null)
        {
            return LinkOutcome.Unchanged;
        }

        var current = await db.MyNumberLinks.Where(link => link.AtenaNumber == atenaNumber && link.SupersededAt == null)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (current is not null)
        {
            current.SupersededAt = now;
            current.SupersededBy = actor;
            // The superseded row leaves the unique current-row indexes before the new row enters them.
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var key = CurrentKey(db, keys);
        db.MyNumberLinks.Add(new MyNumberLink
        {
            AtenaNumber = atenaNumber,
            Sealed = MyNumberSeal.Seal(key, atenaNumber, number),
            LookupHash = MyNumberSeal.LookupHash(key, number),
            KeyVersion = key.Version,
            LinkedAt = now,
            LinkedBy = actor,
            Source = source,
        });
        return current is null ? LinkOutcome.New : LinkOutcome.Replaced;
    }

    /// <summary>The current link of a number: its hash under every key version of the ring (rows of a rotation in progress included).</summary>
    internal static async Task<MyNumberLink?> FindCurrentAsync(AtenaDbContext db, AtenaKeyRing keys, MyNumber number, CancellationToken cancellationToken)
    {
        if (!keys.Exists)
        {
            return null;
        }

        var hashes = keys.All.Select(key => MyNumberSeal.LookupHash(key, number)).ToList();
        foreach (var hash in hashes)
        {
            var link = await db.MyNumberLinks.AsNoTracking()
                .SingleOrDefaultAsync(l => l.LookupHash == hash && l.SupersededAt == null, cancellationToken).ConfigureAwait(false);
            if (link is not null)
            {
                return link;
            }
        }

        return null;
    }

    /// <summary>The current key, creating the ring's first key when both the ring and the vault are empty.</summary>
    internal static AtenaKey CurrentKey(AtenaDbContext db, AtenaKeyRing keys)
    {
        if (!keys.Exists && !db.MyNumberLinks.Any())
        {
            keys.EnsureCreated(TimeProvider.System);
        }

        return keys.Current;
    }

    internal static MyNumber Open(AtenaKeyRing keys, MyNumberLink link)
    {
        try
        {
            return MyNumberSeal.Open(keys.Get(link.KeyVersion), link.AtenaNumber, link.Sealed);
        }
        catch (CryptographicException exception)
        {
            throw new AtenaKeyRingException($"宛名番号 {link.AtenaNumber} の個人番号を復号できません（鍵リングと宛名データベースが対応していません）。", exception);
        }
    }

    internal static string NormalizeAtena(string atenaNumber)
    {
        ArgumentNullException.ThrowIfNull(atenaNumber);
        var normalized = atenaNumber.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (normalized.Length is 0 or > 20 || !normalized.All(char.IsAsciiDigit))
        {
            throw new AtenaVaultRefusedException("宛名番号は20桁までの数字です。");
        }

        return normalized;
    }

    private async Task RequireRevealPermissionAsync(string actor, CancellationToken cancellationToken)
    {
        var user = await accounts.FindActiveAsync(actor, cancellationToken).ConfigureAwait(false);
        var roles = user is null ? [] : await accounts.RolesOfAsync(user).ConfigureAwait(false);
        if (!Permissions.Allows(Permissions.AtenaReveal, roles))
        {
            welfare.AddAudit(new AuditEntry(actor, AuditEventType.AccessDenied, Details: new Dictionary<string, object?>
            {
                ["permission"] = Permissions.AtenaReveal,
                ["action"] = "atena.reveal",
            }));
            await welfare.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            throw new AtenaVaultRefusedException($"{actor} には個人番号を取り出す権限がありません（宛名管理）。", notPermitted: true);
        }
    }
}
