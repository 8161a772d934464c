using FukushiIryo.App.Masters.Editing;

namespace FukushiIryo.Web.Pages.Masters;

/// <summary>The words of the マスタ管理 screens: action slugs in URLs and Japanese labels.</summary>
public static class MasterScreens
{
    private static readonly (MasterAction Action, string Slug, string Label, string Button)[] Actions =
    [
        (MasterAction.Add, "add", "行の追加", "追加する"),
        (MasterAction.NewFigure, "new-figure", "新しい値", "新しい値を登録する"),
        (MasterAction.Correct, "correct", "訂正", "訂正する"),
        (MasterAction.End, "end", "終了", "最終日を登録する"),
        (MasterAction.Withdraw, "withdraw", "取下げ", "取り下げる"),
        (MasterAction.Complete, "complete", "移行データの補完", "補完する"),
    ];

    public static string Slug(MasterAction action) => Actions.Single(a => a.Action == action).Slug;

    public static MasterAction? FromSlug(string? slug) =>
        Actions.FirstOrDefault(a => string.Equals(a.Slug, slug, StringComparison.Ordinal)) is { Slug: not null } found ? found.Action : null;

    public static string Label(MasterAction action) => Actions.Single(a => a.Action == action).Label;

    public static string Button(MasterAction action) => Actions.Single(a => a.Action == action).Button;

    public static string Label(MasterRowState state) => state switch
    {
        MasterRowState.InForce => "適用中",
        MasterRowState.Future => "適用予定",
        MasterRowState.Past => "終了",
        _ => "取下げ",
    };

    /// <summary>The CSS class of a row in the list.</summary>
    public static string RowClass(MasterRowState state) => state switch
    {
        MasterRowState.InForce => "in-force",
        MasterRowState.Future => "future",
        MasterRowState.Past => "past",
        _ => "withdrawn",
    };

    /// <summary>What an action does, for the form's lead paragraph.</summary>
    public static string Explain(MasterAction action, bool singleDay) => action switch
    {
        MasterAction.Add when singleDay => "休業日を1日追加します。明日以降の日付だけを登録できます。",
        MasterAction.Add => "新しい行を追加します。開始日は明日以降の日付です。同じ区分の行と期間が重なる場合は登録できません（適用中の行を置き換えるときは「新しい値」を使ってください）。",
        MasterAction.NewFigure => "適用中の行を開始日の前日で終了し、開始日から新しい値の行を始めます。過去と今日の値は変わりません。",
        MasterAction.Correct => "まだ適用されていない行を訂正します。直前の行がこの行の開始日で終了している場合は、その終了日も合わせて動きます。",
        MasterAction.End => "行の最終日（この日まで有効）を登録します。今日以降の日付だけを登録できます。",
        MasterAction.Withdraw => "まだ適用されていない行を取り下げます。行は削除されず、期間が空になって理由とともに残ります。直前の行がこの行のために終了していた場合は、その終了も取り消されます。",
        _ => "旧システムから移行した行に、対象年齢区分と有効期間を補完します。番号・制度・給付方式は旧システムのまま変わりません。",
    };
}
