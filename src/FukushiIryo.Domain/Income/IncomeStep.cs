namespace FukushiIryo.Domain.Income;

/// <summary>
/// One line of a determination as staff read it (項目 and 金額): an income item (+), a deduction
/// (−), a result line (its text starts with "＝") or a remark without an amount (null).
/// </summary>
/// <param name="Item">項目: what the line is, in Japanese, with the figures it was computed from.</param>
/// <param name="Amount">金額 in yen; null for a line that only explains (counts, the outcome).</param>
public sealed record IncomeStep(string Item, long? Amount);
