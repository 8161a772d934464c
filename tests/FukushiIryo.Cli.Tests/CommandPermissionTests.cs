using System.CommandLine;
using FukushiIryo.App.Security;

namespace FukushiIryo.Cli.Tests;

/// <summary>
/// Deny by default on the command line (architecture.md §5): every leaf of the real command tree
/// names a permission of <see cref="Permissions"/> through <see cref="CliPermissions"/>, except
/// <c>db migrate</c>; every entry of <see cref="CliPermissions"/> is a real command; and the roles
/// that reach each command are those of interfaces.md §7.
/// </summary>
public sealed class CommandPermissionTests
{
    private static List<(string Path, Command Command)> Leaves()
    {
        var root = FukushiCli.BuildRoot(new GlobalOptions(), new CliEnvironment());
        var leaves = new List<(string, Command)>();
        void Walk(Command command, string path)
        {
            if (command.Subcommands.Count == 0)
            {
                leaves.Add((path, command));
                return;
            }

            foreach (var sub in command.Subcommands)
            {
                Walk(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name);
            }
        }

        Walk(root, string.Empty);
        return leaves;
    }

    [Fact]
    public void Every_leaf_command_names_a_permission_that_exists_or_is_db_migrate()
    {
        var leaves = Leaves();
        Assert.True(leaves.Count >= 13, $"only {leaves.Count} leaf commands found");
        foreach (var (path, _) in leaves)
        {
            if (CliPermissions.Unrestricted.Contains(path))
            {
                Assert.Null(CliPermissions.PermissionFor(path));
                continue;
            }

            // A command whose act depends on an option's value (renew august --step forms|decide) names a permission per value.
            string?[] permissions = CliPermissions.PermissionFor(path) is { } own
                ? [own]
                : [.. CliPermissions.Entries.Where(e => e.Command.StartsWith(path + " --", StringComparison.Ordinal)).Select(e => e.Permission)];
            Assert.True(permissions.Length > 0, $"fukushi {path} names no permission in CliPermissions");
            foreach (var permission in permissions)
            {
                Assert.True(Permissions.All.Contains(permission), $"fukushi {path} names {permission}, which is not in Permissions.All");
                Assert.NotEmpty(Permissions.RolesFor(permission!));
            }
        }
    }

    [Fact]
    public void Only_db_migrate_needs_no_permission()
    {
        Assert.Equal(["db migrate"], CliPermissions.Unrestricted);
        Assert.Contains(Leaves(), leaf => leaf.Path == "db migrate");
    }

    [Fact]
    public void Every_entry_of_the_table_is_a_real_command_or_a_real_option_of_one()
    {
        var leaves = Leaves().ToDictionary(leaf => leaf.Path, leaf => leaf.Command, StringComparer.Ordinal);
        foreach (var (entry, permission) in CliPermissions.Entries)
        {
            var words = entry.Split(' ');
            var path = string.Join(' ', words.TakeWhile(word => !word.StartsWith("--", StringComparison.Ordinal)));
            var options = words.SkipWhile(word => !word.StartsWith("--", StringComparison.Ordinal)).ToList();
            Assert.True(leaves.TryGetValue(path, out var command), $"CliPermissions names {entry}, but fukushi has no command {path}");
            for (var i = 0; i < options.Count; i++)
            {
                var option = options[i];
                if (!option.StartsWith("--", StringComparison.Ordinal))
                {
                    // The value of the option before it (renew august --step decide): the option must accept it.
                    var named = command!.Options.Single(o => o.Name == options[i - 1] || o.Aliases.Contains(options[i - 1]));
                    var parsed = new RootCommand { named }.Parse([options[i - 1], option]);
                    Assert.True(parsed.Errors.Count == 0, $"CliPermissions names {entry}, but {options[i - 1]} does not accept {option}");
                    continue;
                }

                Assert.True(command!.Options.Any(o => o.Name == option || o.Aliases.Contains(option)), $"CliPermissions names {entry}, but {path} has no option {option}");
            }

            Assert.Contains(permission, Permissions.All);
        }

        Assert.Equal(CliPermissions.Commands.Count, CliPermissions.Commands.Distinct(StringComparer.Ordinal).Count());
    }

    public static TheoryData<string, string[]> RolesOfInterfaces7 => new()
    {
        { "users add", [RoleNames.SystemAdmin] },
        { "users update", [RoleNames.SystemAdmin] },
        { "users enable", [RoleNames.SystemAdmin] },
        { "users disable", [RoleNames.SystemAdmin] },
        { "users list", [RoleNames.SystemAdmin] },
        { "users totp-enroll", [RoleNames.SystemAdmin] },
        { "audit verify", [RoleNames.Auditor, RoleNames.SystemAdmin] },
        { "audit scan", [RoleNames.Auditor, RoleNames.SystemAdmin] },
        { "import residents", [RoleNames.Reviewer] },
        { "import residents --migration", [RoleNames.SystemAdmin] },
        { "import recipients", [RoleNames.SystemAdmin] },
        { "import receipts", [RoleNames.Reviewer] },
        { "import paid-receipts", [RoleNames.SystemAdmin] },
        { "review run", [RoleNames.Reviewer] },
        { "masters update banks", [RoleNames.SystemAdmin, RoleNames.Maintainer] },
        { "masters update postal", [RoleNames.SystemAdmin, RoleNames.Maintainer] },
        { "demo seed", [RoleNames.SystemAdmin] },
        { "settings set", [RoleNames.SystemAdmin] },
        { "settings list", [RoleNames.SystemAdmin] },
        { "renew august --step forms", [RoleNames.Counter] },
        { "renew august --step decide", [RoleNames.Approver] },
        { "renew april --step decide", [RoleNames.Approver] },
    };

    [Theory]
    [MemberData(nameof(RolesOfInterfaces7))]
    public void Each_command_is_allowed_to_exactly_the_roles_of_interfaces_7(string command, string[] roles)
    {
        foreach (var role in RoleNames.All)
        {
            Assert.True(roles.Contains(role) == CliPermissions.Allows(command, [role]),
                $"{command}: role {role} should {(roles.Contains(role) ? string.Empty : "not ")}be allowed");
        }
    }

    [Fact]
    public void A_command_not_in_the_table_is_denied_to_every_role()
    {
        Assert.False(CliPermissions.Allows("no such command", [.. RoleNames.All]));
        Assert.Empty(CliPermissions.RolesFor("no such command"));
    }
}
