using FukushiIryo.App.Security;

namespace FukushiIryo.Cli;

/// <summary>
/// The permission each CLI command needs (interfaces.md §7); which roles hold it is said only by
/// <see cref="Permissions"/>. Deny by default: a command missing from this table cannot run.
/// <c>db migrate</c> (an operator's act on the server) and the bootstrap <c>users add</c> (the very
/// first account) need none and do not ask. A key is a command path, or a path followed by the
/// option that changes the act (<c>import residents --migration</c>), or by an option and the value that
/// changes it (<c>renew august --step decide</c>).
/// </summary>
internal static class CliPermissions
{
    private static readonly (string Command, string Permission)[] Table =
    [
        ("users add", Permissions.UsersManage),
        ("users update", Permissions.UsersManage),
        ("users enable", Permissions.UsersManage),
        ("users disable", Permissions.UsersManage),
        ("users list", Permissions.UsersManage),
        ("users totp-enroll", Permissions.UsersManage),
        ("audit verify", Permissions.AuditVerify),
        ("audit scan", Permissions.AuditVerify),
        ("import residents", Permissions.ImportResidents),
        ("import residents --migration", Permissions.ImportMigration),
        ("import tax", Permissions.ImportTax),
        ("import recipients", Permissions.ImportMigration),
        ("import receipts", Permissions.ImportMedicalClaims),
        ("import paid-receipts", Permissions.ImportMigration),
        ("review run", Permissions.ReviewRun),
        ("renew august --step forms", Permissions.RenewalForms),
        ("renew august --step decide", Permissions.RenewalDecide),
        ("renew april --step decide", Permissions.RenewalDecide),
        ("masters update banks", Permissions.MastersUpdate),
        ("masters update postal", Permissions.MastersUpdate),
        ("income determine", Permissions.IncomeDetermine),
        ("demo seed", Permissions.DemoSeed),
        ("settings set", Permissions.SettingsManage),
        ("settings list", Permissions.SettingsManage),
        ("apikeys add", Permissions.ApiKeysManage),
        ("apikeys list", Permissions.ApiKeysManage),
        ("apikeys disable", Permissions.ApiKeysManage),
        ("payments prepare", Permissions.PaymentsPrepare),
        ("payments approve", Permissions.PaymentsApprove),
        ("payments export", Permissions.PaymentsPrepare),
        ("import atena", Permissions.AtenaImport),
        ("atena rotate-keys", Permissions.AtenaKeysRotate),
        ("inquiry request", Permissions.NetworkInquiry),
        ("inquiry result", Permissions.NetworkInquiry),
        ("pmh export", Permissions.PmhExport),
        ("report recipients", Permissions.StatisticsReport),
        ("report payments", Permissions.StatisticsReport),
        ("report prefecture", Permissions.StatisticsReport),
        ("payments corrections import", Permissions.PaymentsAdjust),
        ("payments corrections add", Permissions.PaymentsAdjust),
        ("payments adjustments eligibility", Permissions.PaymentsAdjust),
        ("payments recoveries create", Permissions.PaymentsAdjust),
        ("payments recoveries sweep", Permissions.PaymentsAdjust),
        ("payments recoveries repay", Permissions.PaymentsAdjust),
        ("payments recoveries remind", Permissions.PaymentsAdjust),
        ("payments recoveries print", Permissions.PaymentsAdjust),
        ("payments recoveries list", Permissions.PaymentsAdjust),
        ("payments recoveries write-off", Permissions.PaymentsWriteOff),
        ("payments returns list", Permissions.PaymentsView),
        ("payments returns record", Permissions.PaymentsReturns),
        ("payments returns import", Permissions.PaymentsReturns),
        ("payments returns release", Permissions.PaymentsReturns),
        ("payments returns notice", Permissions.PaymentsReturns),
        ("payments in-kind record", Permissions.PaymentsReturns),
        ("payments in-kind import", Permissions.PaymentsReturns),
        ("payments in-kind show", Permissions.PaymentsView),
        ("payments in-kind approve", Permissions.PaymentsApprove),
        ("payments in-kind export", Permissions.PaymentsReturns),
        ("import e-application", Permissions.EApplicationReceive),
    ];

    private static readonly Dictionary<string, string> PermissionByCommand =
        Table.ToDictionary(entry => entry.Command, entry => entry.Permission, StringComparer.Ordinal);

    /// <summary>The commands that need no permission.</summary>
    public static IReadOnlyList<string> Unrestricted { get; } = ["db migrate"];

    public static IReadOnlyList<string> Commands { get; } = [.. Table.Select(entry => entry.Command)];

    /// <summary>Every command with its permission, in the table's order.</summary>
    public static IReadOnlyList<(string Command, string Permission)> Entries => Table;

    /// <summary>The permission <paramref name="command"/> needs; null for a command not in the table.</summary>
    public static string? PermissionFor(string command) =>
        PermissionByCommand.TryGetValue(command, out var permission) ? permission : null;

    public static bool Allows(string command, IReadOnlyCollection<string> roles) =>
        PermissionFor(command) is { } permission && Permissions.Allows(permission, roles);

    public static IReadOnlyList<string> RolesFor(string command) =>
        PermissionFor(command) is { } permission ? Permissions.RolesFor(permission) : [];
}
