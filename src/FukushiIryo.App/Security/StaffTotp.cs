using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace FukushiIryo.App.Security;

/// <summary>What an enrolment hands to the account's owner: the key URI for an authenticator app and the recovery codes.</summary>
public sealed record TotpEnrollment(string KeyUri, IReadOnlyList<string> RecoveryCodes);

/// <summary>The outcome of a second-factor check.</summary>
public enum TotpOutcome
{
    Accepted,

    /// <summary>Wrong code (or wrong recovery code, or one already used).</summary>
    Failed,

    /// <summary>A right code of a step at or before the last accepted one: it has served already.</summary>
    Replayed,

    /// <summary>The account has no TOTP key.</summary>
    NotEnrolled,

    /// <summary>The account is locked out after too many failures; nothing was checked.</summary>
    LockedOut,
}

/// <summary>
/// The TOTP second factor of staff accounts (評価書 P5; TOTP stands in for the 職員カード): RFC 6238
/// with SHA-1, 6 digits and 30-second steps (what authenticator apps expect), a window of one step
/// either side, and no code accepted twice — the last accepted step is kept per account and only a
/// later step is accepted. The 20-byte key is generated and kept by Identity's authenticator-key store
/// (AspNetUserTokens; not encrypted at rest yet — docs/adr/0005-second-factor.md). Recovery codes are
/// this class's own, hashed (<see cref="StaffRecoveryCode"/>). Failures count toward the account's
/// lockout like wrong passwords; every enrolment, failure and replay is audited.
/// </summary>
public sealed class StaffTotp(FukushiDbContext db, UserManager<StaffUser> users, TimeProvider clock)
{
    public const string Issuer = "FukushiIryo";
    public const int Digits = 6;
    public const int StepSeconds = 30;
    public const int RecoveryCodeCount = 10;

    // Crockford's base-32 alphabet: no I, L, O, U; 16 characters carry 80 bits.
    private const string RecoveryAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int RecoveryCodeLength = 16;

    private static readonly VerificationWindow Window = new(previous: 1, future: 1);

    /// <summary>
    /// Issues a new key and new recovery codes to the account <paramref name="login"/>, replacing any
    /// earlier ones (they stop working at once); null when there is no such account.
    /// </summary>
    public async Task<TotpEnrollment?> EnrollAsync(string login, string actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(login).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var earlier = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);

        // A fresh 20-byte key (Identity: RandomNumberGenerator, base-32) and a new security stamp.
        var reset = await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (!reset.Succeeded || string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException("The authenticator key could not be stored: " + string.Join(" ", reset.Errors.Select(e => e.Description)));
        }

        user.LastTotpStep = null;
        user.TwoFactorEnabled = true;
        var updated = await users.UpdateAsync(user).ConfigureAwait(false);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("The account could not be updated: " + string.Join(" ", updated.Errors.Select(e => e.Description)));
        }

        await db.StaffRecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var now = AppClock.Now(clock);
        var codes = new List<string>(RecoveryCodeCount);
        for (var i = 0; i < RecoveryCodeCount; i++)
        {
            var code = NewRecoveryCode();
            codes.Add(code);
            var salt = RandomNumberGenerator.GetBytes(16);
            db.StaffRecoveryCodes.Add(new StaffRecoveryCode { UserId = user.Id, Salt = salt, Hash = HashRecoveryCode(salt, Canonical(code)), CreatedAt = now });
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.UserTotpEnrolled, "user", user.UserName, new Dictionary<string, object?>
        {
            ["recoveryCodes"] = RecoveryCodeCount,
            ["replacedEarlier"] = !string.IsNullOrEmpty(earlier),
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new TotpEnrollment(KeyUri(user.UserName ?? login, key), codes);
    }

    /// <summary>Whether the account has a TOTP key.</summary>
    public async Task<bool> IsEnrolledAsync(StaffUser user) =>
        !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false));

    /// <summary>
    /// Checks a TOTP code of <paramref name="user"/> against the clock (one step either side); a code
    /// of a step not later than the last accepted one is <see cref="TotpOutcome.Replayed"/>.
    /// </summary>
    public async Task<TotpOutcome> VerifyCodeAsync(StaffUser user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return TotpOutcome.LockedOut;
        }

        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        if (string.IsNullOrEmpty(key))
        {
            return TotpOutcome.NotEnrolled;
        }

        var digits = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        var totp = new Totp(Base32Encoding.ToBytes(key), StepSeconds, OtpHashMode.Sha1, Digits);
        if (digits.Length != Digits || !digits.All(char.IsAsciiDigit)
            || !totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, digits, out var step, Window))
        {
            await FailAsync(user, AuditEventType.TotpFailed, "totp", cancellationToken).ConfigureAwait(false);
            return TotpOutcome.Failed;
        }

        // Accept only a step later than the last accepted one, atomically (two concurrent requests
        // with the same code: one wins).
        var userId = user.Id;
        var claimed = await db.Users
            .Where(u => u.Id == userId && (u.LastTotpStep == null || u.LastTotpStep < step))
            .ExecuteUpdateAsync(setters => setters.SetProperty(u => u.LastTotpStep, step), cancellationToken)
            .ConfigureAwait(false);
        if (claimed == 0)
        {
            await FailAsync(user, AuditEventType.TotpReplayed, "totp", cancellationToken).ConfigureAwait(false);
            return TotpOutcome.Replayed;
        }

        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached)
        {
            entry.Property(u => u.LastTotpStep).CurrentValue = step;
            entry.Property(u => u.LastTotpStep).OriginalValue = step;
        }
        else
        {
            user.LastTotpStep = step;
        }

        return TotpOutcome.Accepted;
    }

    /// <summary>Uses one of the account's recovery codes in place of a TOTP code; each serves once.</summary>
    public async Task<TotpOutcome> RedeemRecoveryCodeAsync(StaffUser user, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return TotpOutcome.LockedOut;
        }

        var canonical = Canonical(code ?? string.Empty);
        var userId = user.Id;
        var candidates = await db.StaffRecoveryCodes.AsNoTracking()
            .Where(c => c.UserId == userId && c.UsedAt == null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        StaffRecoveryCode? match = null;
        foreach (var candidate in candidates)
        {
            // Every candidate is hashed and compared, matched or not.
            if (CryptographicOperations.FixedTimeEquals(HashRecoveryCode(candidate.Salt, canonical), candidate.Hash))
            {
                match = candidate;
            }
        }

        var now = AppClock.Now(clock);
        var used = match is null ? 0 : await db.StaffRecoveryCodes
            .Where(c => c.Id == match.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(setters => setters.SetProperty(c => c.UsedAt, now), cancellationToken)
            .ConfigureAwait(false);
        if (used == 0)
        {
            await FailAsync(user, AuditEventType.TotpFailed, "recovery", cancellationToken).ConfigureAwait(false);
            return TotpOutcome.Failed;
        }

        db.AddAudit(new AuditEntry(user.UserName ?? string.Empty, AuditEventType.RecoveryCodeUsed, "user", user.UserName, new Dictionary<string, object?>
        {
            ["remaining"] = candidates.Count - 1,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return TotpOutcome.Accepted;
    }

    /// <summary>The otpauth:// key URI (Google Authenticator's key URI format).</summary>
    public static string KeyUri(string login, string base32Key)
    {
        ArgumentNullException.ThrowIfNull(login);
        ArgumentNullException.ThrowIfNull(base32Key);
        var label = Uri.EscapeDataString(Issuer) + ":" + Uri.EscapeDataString(login);
        return string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{label}?secret={base32Key}&issuer={Uri.EscapeDataString(Issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}");
    }

    private async Task FailAsync(StaffUser user, string eventType, string kind, CancellationToken cancellationToken)
    {
        db.AddAudit(new AuditEntry(user.UserName ?? string.Empty, eventType, "user", user.UserName, new Dictionary<string, object?> { ["factor"] = kind }));

        // Counts toward the lockout like a wrong password (this saves the audit event too).
        await users.AccessFailedAsync(user).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string NewRecoveryCode()
    {
        var chars = new char[RecoveryCodeLength];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = RecoveryAlphabet[RandomNumberGenerator.GetInt32(RecoveryAlphabet.Length)];
        }

        var text = new string(chars);
        return string.Join('-', text[..4], text[4..8], text[8..12], text[12..]);
    }

    /// <summary>Upper case, without separators, with the letters Crockford reads as digits mapped.</summary>
    private static string Canonical(string code)
    {
        var builder = new StringBuilder(code.Length);
        foreach (var c in code.Normalize(NormalizationForm.FormKC).ToUpperInvariant())
        {
            switch (c)
            {
                case '-' or ' ':
                    break;
                case 'O':
                    builder.Append('0');
                    break;
                case 'I' or 'L':
                    builder.Append('1');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static byte[] HashRecoveryCode(byte[] salt, string canonical)
    {
        var bytes = new byte[salt.Length + Encoding.UTF8.GetByteCount(canonical)];
        salt.CopyTo(bytes, 0);
        Encoding.UTF8.GetBytes(canonical, 0, canonical.Length, bytes, salt.Length);
        return SHA256.HashData(bytes);
    }
}
