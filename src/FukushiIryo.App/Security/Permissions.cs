namespace FukushiIryo.App.Security;

/// <summary>
/// Permissions (権限): every page, endpoint and command names one; roles are sets of permissions
/// (architecture.md §5). Deny by default: a permission not in this table is held by nobody.
/// Security A extends the table; the web app's policies and the CLI read it from here.
/// </summary>
public static class Permissions
{
    /// <summary>The home page with the work lists (every staff role).</summary>
    public const string Home = "home.view";

    /// <summary>Search persons (宛名検索).</summary>
    public const string PersonSearch = "person.search";

    /// <summary>View a person's page (台帳の閲覧).</summary>
    public const string PersonView = "person.view";

    /// <summary>See the sensitive items unmasked: 地方税関係情報, 支払口座, メモ.</summary>
    public const string SensitiveView = "person.sensitive.view";

    private static readonly Dictionary<string, string[]> RolesByPermission = new(StringComparer.Ordinal)
    {
        [Home] = [.. RoleNames.All],
        [PersonSearch] = [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer, RoleNames.Approver, RoleNames.Auditor],
        [PersonView] = [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer, RoleNames.Approver, RoleNames.Auditor],
        [SensitiveView] = [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer, RoleNames.Approver, RoleNames.Auditor],
    };

    public static IReadOnlyCollection<string> All => RolesByPermission.Keys;

    /// <summary>The roles that hold <paramref name="permission"/>; none for an unknown permission.</summary>
    public static IReadOnlyList<string> RolesFor(string permission) =>
        RolesByPermission.TryGetValue(permission, out var roles) ? roles : [];

    public static bool Allows(string permission, IEnumerable<string> roles) =>
        RolesFor(permission).Intersect(roles, StringComparer.Ordinal).Any();
}
