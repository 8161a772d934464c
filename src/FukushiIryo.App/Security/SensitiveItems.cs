using FukushiIryo.App.Income;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.App.Security;

/// <summary>
/// The sensitive items (秘匿項目, P11): 地方税関係情報, the payment account (口座) and memos (メモ).
/// Without <see cref="Permissions.SensitiveView"/> their values are masked with <see cref="Mask"/>
/// on pages, in exports and in import error reports (保守委託 and システム管理 see them masked).
/// </summary>
public static class SensitiveItems
{
    /// <summary>What stands for a masked value.</summary>
    public const string Mask = "＊＊＊＊";

    /// <summary>The account and memo columns of the interface files (interfaces.md §4 and the layouts).</summary>
    private static readonly string[] AccountAndMemoColumns =
        ["金融機関コード", "支店コード", "口座種別", "口座番号", "口座名義カナ", "口座名義", "記号", "番号（ゆうちょ）", "ゆうちょ記号", "ゆうちょ番号", "メモ"];

    private static readonly HashSet<string> Columns = new(
        TaxItems.All.Select(item => item.Name)
            .Append(TaxItems.UndeclaredColumn)
            .Append("児童養育費").Append("受給者養育費").Append("養育費")
            .Concat(AccountAndMemoColumns),
        StringComparer.Ordinal);

    /// <summary>Whether the values of an interface file's column are sensitive.</summary>
    public static bool IsSensitiveColumn(string column) => Columns.Contains(column ?? string.Empty);

    /// <summary>Whether <paramref name="roles"/> may see sensitive values unmasked.</summary>
    public static bool MayView(IEnumerable<string> roles) => Permissions.Allows(Permissions.SensitiveView, roles);

    /// <summary>The value, or <see cref="Mask"/> when it is sensitive and the viewer may not see it (an empty value stays empty).</summary>
    public static string Show(string? value, bool mayView) =>
        mayView || string.IsNullOrEmpty(value) ? value ?? string.Empty : Mask;

    /// <summary>An import's problems as the operator may see them: values of sensitive columns masked unless <paramref name="mayView"/>.</summary>
    public static IReadOnlyList<ImportProblem> ForViewer(IReadOnlyList<ImportProblem> problems, bool mayView)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return mayView
            ? problems
            : problems.Select(p => IsSensitiveColumn(p.Column) && !string.IsNullOrEmpty(p.Value) ? p with { Value = Mask } : p).ToList();
    }
}
