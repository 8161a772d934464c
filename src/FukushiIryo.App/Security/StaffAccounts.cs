using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Security;

/// <summary>What a new account needs (interfaces.md §7 <c>users add</c>).</summary>
public sealed record NewStaffAccount(
    string Login,
    string DisplayName,
    string StaffNumber,
    IReadOnlyList<string> Roles,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    string? Password);

/// <summary>What <c>users update</c> may change; null = unchanged.</summary>
public sealed record StaffAccountChange(
    string Login,
    IReadOnlyList<string>? Roles,
    DateOnly? ValidTo,
    string? Password);

/// <summary>A row of <c>users list</c>.</summary>
public sealed record StaffAccountSummary(
    string Login,
    string DisplayName,
    string StaffNumber,
    IReadOnlyList<string> Roles,
    DateOnly ValidFrom,
    DateOnly? ValidTo,
    bool IsDisabled,
    bool HasPassword,
    bool IsActiveToday);

/// <summary>The outcome of an account operation: success, or the reason it was refused.</summary>
public sealed record AccountResult(AccountOutcome Outcome, string Message)
{
    public static AccountResult Ok(string message) => new(AccountOutcome.Ok, message);
}

public enum AccountOutcome
{
    Ok,

    /// <summary>Rejected input: a duplicate login or 職員番号, a password the policy refuses (exit 1).</summary>
    Rejected,

    /// <summary>An unknown role or a malformed option value (exit 2).</summary>
    Usage,

    /// <summary>The acting user may not do this (exit 3).</summary>
    NotPermitted,
}

/// <summary>
/// Staff accounts (職員アカウント): named accounts only (P7), validity dates (P8), roles by their
/// Japanese names, passwords hashed by Identity (PBKDF2-HMAC-SHA512, 210,000 iterations). Every
/// act writes its audit event in the same transaction.
/// </summary>
public sealed class StaffAccounts(FukushiDbContext db, UserManager<StaffUser> users, RoleManager<StaffRole> roles, StaffSessions sessions, TimeProvider clock)
{
    /// <summary>True while no account exists: the first <c>users add</c> needs no acting user.</summary>
    public async Task<bool> IsBootstrapAsync(CancellationToken cancellationToken = default) =>
        !await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The active account named <paramref name="login"/>, or null when unknown, disabled or outside its validity.</summary>
    public async Task<StaffUser?> FindActiveAsync(string login, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(login);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedUserName == normalized, cancellationToken).ConfigureAwait(false);
        return user is not null && user.IsActiveOn(JstClock.Today(clock)) ? user : null;
    }

    public async Task<IReadOnlyList<string>> RolesOfAsync(StaffUser user) =>
        (await users.GetRolesAsync(user).ConfigureAwait(false)).Order(StringComparer.Ordinal).ToList();

    public async Task<AccountResult> AddAsync(NewStaffAccount account, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var unknown = account.Roles.Where(role => !RoleNames.IsKnown(role)).ToList();
        // An account without a role is a 利用部署 staff member's (ADR 0030): it holds only the
        // data-use pages and sees only the views approved for it.
        if (unknown.Count > 0)
        {
            return new(AccountOutcome.Usage, $"不明なロールです: {string.Join(",", unknown)}（使えるロール: {string.Join(",", RoleNames.All)}）");
        }

        var today = JstClock.Today(clock);
        var validFrom = account.ValidFrom ?? today;
        if (account.ValidTo is { } end && end < validFrom)
        {
            return new(AccountOutcome.Usage, "有効期間の終了日が開始日より前です。");
        }

        var normalizedLogin = Normalize(account.Login);
        if (await db.Users.AnyAsync(u => u.NormalizedUserName == normalizedLogin, cancellationToken).ConfigureAwait(false))
        {
            return new(AccountOutcome.Rejected, $"ログインID {account.Login} は既に使われています。");
        }

        if (await db.Users.AnyAsync(u => u.StaffNumber == account.StaffNumber, cancellationToken).ConfigureAwait(false))
        {
            return new(AccountOutcome.Rejected, $"職員番号 {account.StaffNumber} の職員には既にアカウントがあります（共用IDは作れません）。");
        }

        var bootstrap = !await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false);
        var user = new StaffUser
        {
            UserName = account.Login,
            DisplayName = account.DisplayName,
            StaffNumber = account.StaffNumber,
            ValidFrom = validFrom,
            ValidTo = account.ValidTo,
            CreatedAt = AppClock.Now(clock),
            LockoutEnabled = true,
            // A password set by someone else must be changed at the next web login; the bootstrap
            // administrator sets their own.
            MustChangePassword = account.Password is not null && !bootstrap,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await EnsureRolesAsync().ConfigureAwait(false);
        var created = account.Password is null
            ? await users.CreateAsync(user).ConfigureAwait(false)
            : await users.CreateAsync(user, account.Password).ConfigureAwait(false);
        if (!created.Succeeded)
        {
            return Refused(created);
        }

        var added = await users.AddToRolesAsync(user, account.Roles.Distinct(StringComparer.Ordinal)).ConfigureAwait(false);
        if (!added.Succeeded)
        {
            return Refused(added);
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.UserCreated, "user", account.Login, new Dictionary<string, object?>
        {
            ["name"] = account.DisplayName,
            ["staffNumber"] = account.StaffNumber,
            ["roles"] = string.Join(",", account.Roles),
            ["validFrom"] = validFrom.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["validTo"] = account.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["passwordSet"] = account.Password is not null,
            ["bootstrap"] = bootstrap,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return AccountResult.Ok($"アカウント {account.Login} を作成しました。");
    }

    public async Task<AccountResult> UpdateAsync(StaffAccountChange change, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Roles is { } newRoles)
        {
            var unknown = newRoles.Where(role => !RoleNames.IsKnown(role)).ToList();
            if (unknown.Count > 0)
            {
                return new(AccountOutcome.Usage, $"不明なロールです: {string.Join(",", unknown)}");
            }
        }

        var user = await users.FindByNameAsync(change.Login).ConfigureAwait(false);
        if (user is null)
        {
            return new(AccountOutcome.Rejected, $"ログインID {change.Login} のアカウントはありません。");
        }

        if (change.ValidTo is { } end && end < user.ValidFrom)
        {
            return new(AccountOutcome.Usage, "有効期間の終了日が開始日より前です。");
        }

        var details = new Dictionary<string, object?>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (change.Roles is { } wanted)
        {
            await EnsureRolesAsync().ConfigureAwait(false);
            var current = await users.GetRolesAsync(user).ConfigureAwait(false);
            var removed = await users.RemoveFromRolesAsync(user, current.Except(wanted, StringComparer.Ordinal)).ConfigureAwait(false);
            var added = await users.AddToRolesAsync(user, wanted.Except(current, StringComparer.Ordinal).Distinct(StringComparer.Ordinal)).ConfigureAwait(false);
            if (!removed.Succeeded || !added.Succeeded)
            {
                return Refused(removed.Succeeded ? added : removed);
            }

            details["oldRoles"] = string.Join(",", current.Order(StringComparer.Ordinal));
            details["newRoles"] = string.Join(",", wanted);
        }

        if (change.ValidTo is { } validTo)
        {
            details["oldValidTo"] = user.ValidTo?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            details["newValidTo"] = validTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            user.ValidTo = validTo;
            if (validTo < JstClock.Today(clock))
            {
                await sessions.EndAllAsync(user.Id, "validity-ended", cancellationToken).ConfigureAwait(false);
            }
        }

        if (change.Password is { } password)
        {
            foreach (var validator in users.PasswordValidators)
            {
                var valid = await validator.ValidateAsync(users, user, password).ConfigureAwait(false);
                if (!valid.Succeeded)
                {
                    return Refused(valid);
                }
            }

            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = !string.Equals(Normalize(actor), user.NormalizedUserName, StringComparison.Ordinal);
            details["passwordSet"] = true;
            db.AddAudit(new AuditEntry(actor, AuditEventType.UserPasswordSet, "user", change.Login, new Dictionary<string, object?>()));
        }

        var updated = await users.UpdateAsync(user).ConfigureAwait(false);
        if (!updated.Succeeded)
        {
            return Refused(updated);
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.UserUpdated, "user", change.Login, details));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return AccountResult.Ok($"アカウント {change.Login} を更新しました。");
    }

    /// <summary>
    /// A staff member replaces the password an administrator set (at the next web login): checked
    /// by the policy first, so that a refusal leaves the old password in place.
    /// </summary>
    public async Task<AccountResult> ChangeOwnPasswordAsync(StaffUser user, string newPassword, string? clientAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, newPassword).ConfigureAwait(false);
            if (!valid.Succeeded)
            {
                return Refused(valid);
            }
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword);
        user.MustChangePassword = false;
        await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(user.UserName!, AuditEventType.UserPasswordSet, "user", user.UserName,
            new Dictionary<string, object?> { ["by"] = "self" }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return AccountResult.Ok("パスワードを変更しました。");
    }

    public async Task<AccountResult> SetEnabledAsync(string login, bool enabled, string actor, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync(login).ConfigureAwait(false);
        if (user is null)
        {
            return new(AccountOutcome.Rejected, $"ログインID {login} のアカウントはありません。");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        user.IsDisabled = !enabled;

        // Disabling ends every session at once (P8); a new security stamp invalidates tokens issued before.
        await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
        if (!enabled)
        {
            await sessions.EndAllAsync(user.Id, "disabled", cancellationToken).ConfigureAwait(false);
        }

        db.AddAudit(new AuditEntry(actor, enabled ? AuditEventType.UserEnabled : AuditEventType.UserDisabled, "user", login, new Dictionary<string, object?>()));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return AccountResult.Ok(enabled ? $"アカウント {login} を有効にしました。" : $"アカウント {login} を無効にしました。");
    }

    public async Task<IReadOnlyList<StaffAccountSummary>> ListAsync(string actor, CancellationToken cancellationToken = default)
    {
        var today = JstClock.Today(clock);
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken).ConfigureAwait(false);
        var roleRows = await (from userRole in db.UserRoles
                              join role in db.Roles on userRole.RoleId equals role.Id
                              select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var rolesByUser = roleRows.ToLookup(row => row.UserId, row => row.Name ?? string.Empty);
        db.AddAudit(new AuditEntry(actor, AuditEventType.UserListed, null, null, new Dictionary<string, object?> { ["count"] = accounts.Count }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return accounts.Select(u => new StaffAccountSummary(
            u.UserName ?? string.Empty,
            u.DisplayName,
            u.StaffNumber,
            rolesByUser[u.Id].Order(StringComparer.Ordinal).ToList(),
            u.ValidFrom,
            u.ValidTo,
            u.IsDisabled,
            u.PasswordHash is not null,
            u.IsActiveOn(today))).ToList();
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var name in RoleNames.All)
        {
            if (!await roles.RoleExistsAsync(name).ConfigureAwait(false))
            {
                await roles.CreateAsync(new StaffRole(name)).ConfigureAwait(false);
            }
        }
    }

    private string? Normalize(string login) => users.NormalizeName(login);

    private static AccountResult Refused(IdentityResult result) =>
        new(AccountOutcome.Rejected, string.Join(" ", result.Errors.Select(error => Describe(error))));

    /// <summary>An Identity refusal in Japanese, for staff.</summary>
    public static string Describe(IdentityError error) => error?.Code switch
    {
        StaffPasswordPolicy.TooShortCode => StaffPasswordPolicy.TooShortMessage,
        StaffPasswordPolicy.TooLongCode => StaffPasswordPolicy.TooLongMessage,
        StaffPasswordPolicy.CommonCode => StaffPasswordPolicy.CommonMessage,

        // The policy's description names the context word in Japanese already.
        StaffPasswordPolicy.ContextWordCode => error.Description,
        "InvalidToken" => "パスワードを変更できませんでした。もう一度ログインからやり直してください。",
        nameof(IdentityErrorDescriber.InvalidUserName) => "ログインIDに使えない文字があります（半角英数字と - . _ @ が使えます）。",
        nameof(IdentityErrorDescriber.DuplicateUserName) => "そのログインIDは既に使われています。",
        _ => error?.Description ?? string.Empty,
    };
}
