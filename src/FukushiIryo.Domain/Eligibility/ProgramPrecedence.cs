namespace FukushiIryo.Domain.Eligibility;

/// <summary>
/// How another program stands against ひとり親 (decisions.md D3, rules-research.md §1.2). Which
/// effect a program has is master data (ProgramPrecedence).
/// </summary>
public enum PrecedenceEffect
{
    /// <summary>対象外: a person who receives it is not eligible at all (生活保護).</summary>
    Excludes = 1,

    /// <summary>他制度優先: the other program covers the person instead of ひとり親 (心身障害者医療, 精神).</summary>
    OtherProgramFirst = 2,

    /// <summary>他の公費が先: the other program (national 公費: 難病, 小児慢性, 自立支援 …) pays first; ひとり親 subsidises the rest. Eligible.</summary>
    PaysBefore = 3,

    /// <summary>ひとり親が優先: the person is eligible and leaves the other program (子ども医療). Eligible, with a warning.</summary>
    SingleParentFirst = 4,

    /// <summary>助成しない: cases covered by it are not paid (JSC 災害共済給付); judged per receipt, not per person.</summary>
    NotPaid = 5,
}

/// <summary>One program's precedence in force on a date (master ProgramPrecedence).</summary>
/// <param name="Program">The program code as staff write it (生活保護, 心身障害者医療, 子ども医療, 難病 …).</param>
public sealed record ProgramPrecedenceRule(string Program, PrecedenceEffect Effect);

/// <summary>The names of the effects as staff read them.</summary>
public static class PrecedenceEffects
{
    /// <summary>Each effect with its Japanese label, in display order.</summary>
    public static IReadOnlyList<(PrecedenceEffect Effect, string Name)> All { get; } =
    [
        (PrecedenceEffect.Excludes, "対象外（受けている人は対象としない）"),
        (PrecedenceEffect.OtherProgramFirst, "他制度優先（ひとり親の対象としない）"),
        (PrecedenceEffect.PaysBefore, "他の公費が先に負担（ひとり親は残りを助成）"),
        (PrecedenceEffect.SingleParentFirst, "ひとり親が優先（他制度を喪失）"),
        (PrecedenceEffect.NotPaid, "助成しない（レセプトごとに判定）"),
    ];

    public static string Japanese(this PrecedenceEffect effect) =>
        All.FirstOrDefault(pair => pair.Effect == effect).Name ?? throw new ArgumentOutOfRangeException(nameof(effect));
}
