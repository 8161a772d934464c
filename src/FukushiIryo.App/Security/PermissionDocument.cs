using System.Text;

namespace FukushiIryo.App.Security;

/// <summary>
/// Renders docs/permissions.md (architecture.md §5: the matrix is generated into docs/ from the
/// code): the role × permission matrix of <see cref="Permissions"/>, the web pages and the CLI
/// commands with the permission each names. A test in FukushiIryo.Web.Tests collects the pages from
/// the route table and the commands from the CLI's table, and compares the result with the file.
/// </summary>
public static class PermissionDocument
{
    /// <summary>The environment variable that makes the test write the file instead of comparing.</summary>
    public const string UpdateVariable = "FUKUSHI_UPDATE_DOCS";

    /// <summary>The file's path relative to the repository root.</summary>
    public const string RelativePath = "docs/permissions.md";

    /// <summary>
    /// The page's Markdown text (LF line ends). <paramref name="pages"/>: route → permission, with an
    /// empty permission for a page reachable before login; <paramref name="commands"/>: CLI command →
    /// permission. Both are sorted here, so the caller's order does not matter.
    /// </summary>
    public static string Render(IEnumerable<(string Page, string Permission)> pages, IEnumerable<(string Command, string Permission)> commands)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(commands);
        var text = new StringBuilder();
        void Line(string value = "") => text.Append(value).Append('\n');

        Line("# 権限とロール");
        Line();
        Line("<!-- このファイルはコードから生成されます。手で編集しないでください。");
        Line("     再生成: FUKUSHI_UPDATE_DOCS=1 dotnet test tests/FukushiIryo.Web.Tests --filter PermissionDocumentTests -->");
        Line();
        Line("画面・コマンドはそれぞれ一つの権限を名指しし、ロールは権限の集合です（architecture.md §5）。");
        Line("表にない権限は誰も持たず、権限を名指ししない画面・コマンドは使えません（既定で拒否）。");
        Line("ロールと権限の対応は `src/FukushiIryo.App/Security/Permissions.cs`、");
        Line("コマンドと権限の対応は `src/FukushiIryo.Cli/CliPermissions.cs` にだけあります。");
        Line();

        Line("## ロール × 権限");
        Line();
        Line("| 権限 | 説明 | " + string.Join(" | ", RoleNames.All) + " |");
        Line("|---|---|" + string.Concat(RoleNames.All.Select(_ => ":-:|")));
        foreach (var permission in Permissions.All)
        {
            var roles = Permissions.RolesFor(permission);
            Line($"| `{permission}` | {Permissions.Describe(permission)} | "
                + string.Join(" | ", RoleNames.All.Select(role => roles.Contains(role) ? "✓" : " "))
                + " |");
        }

        Line();
        Line("## 画面 → 権限");
        Line();
        Line("一つのルートに権限が複数あるときは、そのすべてが必要です。");
        Line();
        Line("| 画面（ルート） | 権限 |");
        Line("|---|---|");
        foreach (var (page, permission) in pages.Distinct().OrderBy(p => p.Page, StringComparer.Ordinal).ThenBy(p => p.Permission, StringComparer.Ordinal))
        {
            Line($"| `{page}` | {(permission.Length == 0 ? "なし（ログイン不要）" : $"`{permission}`")} |");
        }

        Line();
        Line("## CLI コマンド → 権限");
        Line();
        Line("| コマンド | 権限 | ロール |");
        Line("|---|---|---|");
        Line("| `fukushi db migrate` | なし（サーバ上の運用者の操作） | — |");
        foreach (var (command, permission) in commands.Distinct().OrderBy(c => c.Command, StringComparer.Ordinal))
        {
            Line($"| `fukushi {command}` | `{permission}` | {string.Join("、", Permissions.RolesFor(permission))} |");
        }

        Line();
        Line("最初のアカウントを作る `fukushi users add`（ブートストラップ）は `--user` も権限も不要で、");
        Line($"作るアカウントが {RoleNames.SystemAdmin} ロールを持つ必要があります（interfaces.md §7）。");
        return text.ToString();
    }
}
