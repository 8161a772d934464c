using FukushiIryo.App.Security;

namespace FukushiIryo.Cli;

/// <summary>
/// The roles each CLI command needs (interfaces.md §7). Deny by default: a command missing from
/// this table cannot run. Security A replaces roles by permissions; the table stays the one place.
/// </summary>
internal static class CliPermissions
{
    private static readonly Dictionary<string, string[]> RolesByCommand = new(StringComparer.Ordinal)
    {
        ["users add"] = [RoleNames.SystemAdmin],
        ["users update"] = [RoleNames.SystemAdmin],
        ["users enable"] = [RoleNames.SystemAdmin],
        ["users disable"] = [RoleNames.SystemAdmin],
        ["users list"] = [RoleNames.SystemAdmin],
        ["users totp-enroll"] = [RoleNames.SystemAdmin],
        ["audit verify"] = [RoleNames.Auditor, RoleNames.SystemAdmin],
        ["import residents"] = [RoleNames.Reviewer],
        ["import residents --migration"] = [RoleNames.SystemAdmin],
        ["import recipients"] = [RoleNames.SystemAdmin],
        ["masters update"] = [RoleNames.SystemAdmin, RoleNames.Maintainer],
        ["demo seed"] = [RoleNames.SystemAdmin],
    };

    public static IReadOnlyCollection<string> Commands => RolesByCommand.Keys;

    public static bool Allows(string command, IReadOnlyCollection<string> roles) =>
        RolesByCommand.TryGetValue(command, out var allowed) && allowed.Any(roles.Contains);

    public static IReadOnlyList<string> RolesFor(string command) =>
        RolesByCommand.TryGetValue(command, out var allowed) ? allowed : [];
}
