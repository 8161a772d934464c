using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Security;

/// <summary>
/// An API key (APIキー) of one external system (外部システム): a machine client of the HTTP API with
/// its own permissions, a subset of <see cref="Permissions"/> that never holds a 決裁 or 監査 one
/// (<see cref="ApiKeys.Grantable"/>). Only the SHA-256 of the key is stored; the key itself is shown
/// once, when it is made. Never deleted: it is disabled, or its period ends.
/// </summary>
public sealed class ApiKey
{
    public long Id { get; set; }

    /// <summary>The external system's name (the actor of its audit events, as <c>api:NAME</c>).</summary>
    public string SystemName { get; set; } = string.Empty;

    /// <summary>Lowercase hex SHA-256 of the key's text.</summary>
    public string KeyHash { get; set; } = string.Empty;

    /// <summary>The permissions granted, comma-separated, in <see cref="Permissions.All"/> order.</summary>
    public string Permissions { get; set; } = string.Empty;

    /// <summary>First day of use (inclusive, JST).</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>Day from which the key no longer works (exclusive), or null.</summary>
    public DateOnly? ValidTo { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public IReadOnlyList<string> PermissionList =>
        Permissions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsUsableOn(DateOnly day) => DisabledAt is null && ValidFrom <= day && (ValidTo is null || day < ValidTo);
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => k.SystemName);
        builder.Property(k => k.SystemName).HasMaxLength(50);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.Permissions).HasMaxLength(1000);
        builder.Property(k => k.DisabledBy).HasMaxLength(100);
        builder.Property(k => k.CreatedBy).HasMaxLength(100);
    }
}

/// <summary>A request the rules of API keys refuse; the message is Japanese.</summary>
public sealed class ApiKeyRefusedException(string message) : InvalidOperationException(message);

/// <summary>A key just made: the row, and the key's text (shown once, never stored).</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>
/// API keys of external systems (<c>fukushi apikeys add | list | disable</c>, システム管理): made,
/// listed and disabled with an audit event each; a request's <c>X-Api-Key</c> is checked by its hash.
/// </summary>
public sealed class ApiKeys(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>The prefix of the actor of an API key's audit events: <c>api:</c> followed by the system name.</summary>
    public const string ActorPrefix = "api:";

    /// <summary>
    /// Permissions a key may never hold: 決裁 (a machine cannot be the 決裁 person, P2), the
    /// 管理権限者's bulk export, 監査, and the management of accounts, sessions and keys.
    /// </summary>
    public static IReadOnlyList<string> NeverGranted { get; } =
    [
        Security.Permissions.ApplicationDecide, Security.Permissions.PersonExport,
        Security.Permissions.AuditView, Security.Permissions.AuditExport, Security.Permissions.AuditVerify,
        Security.Permissions.UsersManage, Security.Permissions.SessionsManage, Security.Permissions.ApiKeysManage,
        Security.Permissions.DataUseRequest, Security.Permissions.DataUseApprove,
    ];

    /// <summary>The permissions a key may be granted.</summary>
    public static IReadOnlyList<string> Grantable { get; } = [.. Security.Permissions.All.Except(NeverGranted, StringComparer.Ordinal)];

    public static string ActorOf(string systemName) => ActorPrefix + systemName;

    /// <summary>Lowercase hex SHA-256 of <paramref name="secret"/>.</summary>
    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public async Task<IssuedApiKey> AddAsync(string systemName, IEnumerable<string> permissions, DateOnly? validFrom, DateOnly? validTo, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(permissions);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var name = (systemName ?? string.Empty).Trim();
        if (name.Length is 0 or > 50 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ApiKeyRefusedException("システム名は50文字以内の英数字・ハイフン・下線・ピリオドで入力してください。");
        }

        var asked = permissions.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (asked.Count == 0)
        {
            throw new ApiKeyRefusedException("権限を1つ以上指定してください。");
        }

        foreach (var permission in asked)
        {
            if (!Security.Permissions.All.Contains(permission, StringComparer.Ordinal))
            {
                throw new ApiKeyRefusedException($"権限 {permission} はありません。");
            }

            if (NeverGranted.Contains(permission, StringComparer.Ordinal))
            {
                throw new ApiKeyRefusedException($"権限 {permission} はAPIキーに与えられません（決裁・監査・管理の権限は職員だけが持ちます）。");
            }
        }

        var today = Domain.Calendar.JstClock.Today(clock);
        var from = validFrom ?? today;
        if (validTo is { } to && to <= from)
        {
            throw new ApiKeyRefusedException("有効期間の終了日は開始日より後にしてください。");
        }

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            SystemName = name,
            KeyHash = Hash(secret),
            Permissions = string.Join(',', Security.Permissions.All.Where(asked.Contains)),
            ValidFrom = from,
            ValidTo = validTo,
            CreatedAt = AppClock.Now(clock),
            CreatedBy = actor,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.ApiKeyCreated, "apikey", key.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["system"] = key.SystemName,
            ["permissions"] = key.Permissions,
            ["validFrom"] = key.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["validTo"] = key.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new IssuedApiKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string actor, CancellationToken cancellationToken = default)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.SystemName).ThenBy(k => k.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.ApiKeyListed, Details: new Dictionary<string, object?> { ["count"] = keys.Count }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return keys;
    }

    /// <summary>Disables the key <paramref name="id"/>; a key already disabled is refused.</summary>
    public async Task<ApiKey> DisableAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new ApiKeyRefusedException($"APIキー {id} はありません。");
        if (key.DisabledAt is not null)
        {
            throw new ApiKeyRefusedException($"APIキー {id} はすでに無効です。");
        }

        key.DisabledAt = AppClock.Now(clock);
        key.DisabledBy = actor;
        db.AddAudit(new AuditEntry(actor, AuditEventType.ApiKeyDisabled, "apikey", key.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?> { ["system"] = key.SystemName }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>The key whose text is <paramref name="secret"/>, when it is usable today; else null.</summary>
    public async Task<ApiKey?> FindUsableAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 200)
        {
            return null;
        }

        var hash = Hash(secret);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken).ConfigureAwait(false);
        return key is not null && key.IsUsableOn(Domain.Calendar.JstClock.Today(clock)) ? key : null;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
