namespace FukushiIryo.App.Documents;

/// <summary>
/// Who issues the documents: the city, its section and its head (the 処分庁), and the program's
/// name as printed. One place: a later issue can read these from the system settings instead of
/// <see cref="Default"/>.
/// </summary>
/// <param name="City">市の名称, e.g. 奈良市.</param>
/// <param name="Section">担当課, e.g. 子ども給付課.</param>
/// <param name="Head">処分庁 as printed under the notices and in the 教示, e.g. 奈良市長.</param>
/// <param name="Program">The program's name, e.g. ひとり親家庭等医療費助成.</param>
public sealed record DocumentIssuer(string City, string Section, string Head, string Program)
{
    /// <summary>奈良市 子ども給付課, the reference customer.</summary>
    public static DocumentIssuer Default { get; } = new("奈良市", "子ども給付課", "奈良市長", "ひとり親家庭等医療費助成");
}
