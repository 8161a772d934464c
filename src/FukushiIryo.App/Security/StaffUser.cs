using Microsoft.AspNetCore.Identity;

namespace FukushiIryo.App.Security;

/// <summary>
/// A named staff account (職員). One account per person, identified by its 職員番号 (P7); valid
/// between <see cref="ValidFrom"/> and <see cref="ValidTo"/> (異動・退職 end it, P8).
/// ASP.NET Core Identity stores the login (<see cref="IdentityUser{TKey}.UserName"/>), the password
/// hash and the lockout counters.
/// </summary>
public sealed class StaffUser : IdentityUser<long>
{
    /// <summary>氏名.</summary>
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>職員番号: unique.</summary>
    public string StaffNumber { get; set; } = string.Empty;

    /// <summary>First day the account may be used.</summary>
    public DateOnly ValidFrom { get; set; }

    /// <summary>Last day the account may be used (inclusive); null = open.</summary>
    public DateOnly? ValidTo { get; set; }

    /// <summary>Disabled by an administrator: cannot log in or act, whatever the dates.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>The password was set by an administrator and must be changed at the next web login.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// The TOTP time step (Unix seconds / 30) of the last code accepted; a code is accepted only for
    /// a later step, so that no code serves twice (interfaces.md §7). Null = none accepted since the
    /// last enrolment.
    /// </summary>
    public long? LastTotpStep { get; set; }

    /// <summary>Whether the account may act on <paramref name="today"/> (JST).</summary>
    public bool IsActiveOn(DateOnly today) =>
        !IsDisabled && ValidFrom <= today && (ValidTo is null || today <= ValidTo);
}

/// <summary>A role: a named set of permissions (architecture.md §5); the name is the Japanese one.</summary>
public sealed class StaffRole : IdentityRole<long>
{
    public StaffRole()
    {
    }

    public StaffRole(string name)
        : base(name)
    {
    }
}

/// <summary>The default roles of architecture.md §5, named exactly as in Japanese.</summary>
public static class RoleNames
{
    public const string Counter = "窓口";
    public const string Reviewer = "審査";
    public const string Payer = "支払";
    public const string Approver = "決裁";
    public const string Statistician = "統計";
    public const string SystemAdmin = "システム管理";
    public const string Auditor = "監査";
    public const string Maintainer = "保守委託";
    public const string AtenaAdmin = "宛名管理";

    public static IReadOnlyList<string> All { get; } =
        [Counter, Reviewer, Payer, Approver, Statistician, SystemAdmin, Auditor, Maintainer, AtenaAdmin];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
