using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using System.Security.Cryptography;

namespace FukushiIryo.App.Security;

/// <summary>
/// A staff member's web session, kept on the server (P7, P8, P12): the browser's cookie only names
/// it. A technical row (<see cref="ITechnicalRow"/>): it is ended, and may be purged later.
/// </summary>
public sealed class StaffSession : ITechnicalRow
{
    /// <summary>A random identifier (32 bytes, base64url): the cookie's <c>sid</c> claim.</summary>
    public string Id { get; set; } = string.Empty;

    public long UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The last request seen (updated at most every <see cref="StaffSessions.TouchInterval"/>).</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The absolute end of the session, whatever the activity.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public string? ClientAddress { get; set; }

    public string? UserAgent { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>logout, idle, expired, disabled, ended-by-admin.</summary>
    public string? EndReason { get; set; }

    /// <summary>
    /// The last time the user proved the password and a second factor again within this session
    /// (再認証, before an export or a change of permissions); null when never.
    /// </summary>
    public DateTimeOffset? ReauthenticatedAt { get; set; }
}

internal sealed class StaffSessionConfiguration : IEntityTypeConfiguration<StaffSession>
{
    public void Configure(EntityTypeBuilder<StaffSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.ClientAddress).HasMaxLength(64);
        builder.Property(s => s.UserAgent).HasMaxLength(200);
        builder.Property(s => s.EndReason).HasMaxLength(40);
        builder.HasIndex(s => new { s.UserId, s.EndedAt });
        builder.HasOne<StaffUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Session lifetimes (architecture.md §5, P12): idle timeout (a setting) and absolute lifetime.</summary>
/// <param name="IdleTimeout">No request for this long ends the session.</param>
/// <param name="AbsoluteLifetime">The session ends this long after the login, whatever the activity.</param>
/// <param name="ReauthenticationWindow">How long a 再認証 covers exports and permission changes.</param>
public sealed record SessionPolicy(TimeSpan IdleTimeout, TimeSpan AbsoluteLifetime, TimeSpan ReauthenticationWindow)
{
    public static SessionPolicy Default { get; } = new(TimeSpan.FromMinutes(15), TimeSpan.FromHours(8), TimeSpan.FromMinutes(5));
}

/// <summary>Why a session is no longer valid.</summary>
public enum SessionCheck
{
    Valid,
    Unknown,
    Ended,
    Idle,
    Expired,
}

/// <summary>Starts, checks and ends server-side staff sessions.</summary>
public sealed class StaffSessions(FukushiDbContext db, TimeProvider clock, SessionPolicy policy)
{
    /// <summary>Activity is written at most this often, to keep writes per request down.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(30);

    public async Task<StaffSession> StartAsync(long userId, string? clientAddress, string? userAgent, CancellationToken cancellationToken = default)
    {
        var now = AppClock.Now(clock);
        var session = new StaffSession
        {
            Id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + policy.AbsoluteLifetime,
            ClientAddress = clientAddress,
            UserAgent = userAgent is { Length: > 200 } ? userAgent[..200] : userAgent,
        };
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return session;
    }

    /// <summary>Checks a session on a request: ends it when idle or past its lifetime, else records the activity.</summary>
    public async Task<SessionCheck> CheckAsync(string sessionId, long userId, CancellationToken cancellationToken = default)
    {
        var session = await db.Set<StaffSession>().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken).ConfigureAwait(false);
        if (session is null)
        {
            return SessionCheck.Unknown;
        }

        if (session.EndedAt is not null)
        {
            return SessionCheck.Ended;
        }

        var now = AppClock.Now(clock);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false);
        if (!user.IsActiveOn(Domain.Calendar.JstClock.Today(clock)))
        {
            await EndAllAsync(userId, "inactive", cancellationToken).ConfigureAwait(false);
            return SessionCheck.Ended;
        }

        var verdict = now >= session.ExpiresAt ? SessionCheck.Expired
            : now - session.LastSeenAt > policy.IdleTimeout ? SessionCheck.Idle
            : SessionCheck.Valid;
        if (verdict != SessionCheck.Valid)
        {
            session.EndedAt = now;
            session.EndReason = verdict == SessionCheck.Idle ? "idle" : "expired";
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return verdict;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return SessionCheck.Valid;
    }

    /// <summary>Records a successful 再認証 in the session.</summary>
    public async Task MarkReauthenticatedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var now = AppClock.Now(clock);
        await db.Set<StaffSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(setters => setters.SetProperty(s => s.ReauthenticatedAt, now), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Whether the session's last 再認証 is within <see cref="SessionPolicy.ReauthenticationWindow"/>.</summary>
    public async Task<bool> IsRecentlyReauthenticatedAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        var at = await db.Set<StaffSession>().AsNoTracking().Where(s => s.Id == sessionId && s.EndedAt == null)
            .Select(s => s.ReauthenticatedAt).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return at is { } instant && AppClock.Now(clock) - instant <= policy.ReauthenticationWindow;
    }

    public Task EndAsync(string sessionId, string reason, CancellationToken cancellationToken = default) =>
        EndWhereAsync(s => s.Id == sessionId, reason, cancellationToken);

    /// <summary>Ends every open session of a user at once (disabled, validity ended, or an administrator's act).</summary>
    public Task<int> EndAllAsync(long userId, string reason, CancellationToken cancellationToken = default) =>
        EndWhereAsync(s => s.UserId == userId, reason, cancellationToken);

    /// <summary>Open sessions, for the administrators' view of concurrent use of one account (P7).</summary>
    public async Task<IReadOnlyList<StaffSession>> OpenSessionsAsync(CancellationToken cancellationToken = default)
    {
        var now = AppClock.Now(clock);
        var idleSince = now - policy.IdleTimeout;
        return await db.Set<StaffSession>().AsNoTracking()
            .Where(s => s.EndedAt == null && s.ExpiresAt > now && s.LastSeenAt > idleSince)
            .OrderBy(s => s.UserId).ThenBy(s => s.CreatedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> EndWhereAsync(System.Linq.Expressions.Expression<Func<StaffSession, bool>> which, string reason, CancellationToken cancellationToken)
    {
        var now = AppClock.Now(clock);
        var open = await db.Set<StaffSession>().Where(which).Where(s => s.EndedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var session in open)
        {
            session.EndedAt = now;
            session.EndReason = reason;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return open.Count;
    }
}
