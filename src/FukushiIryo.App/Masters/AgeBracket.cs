using FukushiIryo.Domain.Calendar;
using System.Globalization;
using FukushiIryo.App.Eligibility;

namespace FukushiIryo.App.Masters;

/// <summary>
/// 年齢区分: a bracket such as 未就学, 小学生, 中学生, 高校生世代 (rules-research.md §6), plus the
/// bracket of parents and carers (父母・養育者). A child's bracket follows the Japanese school
/// stages, which go by birth cohorts of 4/2 – 4/1: a bracket is given as "from the 年度 after the
/// one in which the child attains age N, up to the end of the 年度 in which it attains age M", so
/// that the ages are data, not code (see <see cref="AgeBrackets"/>).
/// </summary>
public sealed class AgeBracket : DatedMasterRow
{
    /// <summary>A stable code, referenced by other masters (e.g. <see cref="PublicPayer.FirstAgeBracket"/>).</summary>
    public string Code { get; set; } = string.Empty;

    /// <summary>The Japanese name shown to staff (未就学, 小学生, …).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Order from the youngest to the oldest; 父母・養育者 last.</summary>
    public int SortOrder { get; set; }

    /// <summary>
    /// True for a child's bracket, defined by age; false for the bracket of parents and carers
    /// (父母・養育者), which is given by the recipient kind, whatever the age.
    /// </summary>
    public bool ForChildren { get; set; }

    /// <summary>
    /// The bracket starts on 4/1 after the end of the 年度 in which the child attains this age
    /// (小学生: 6); null = from birth.
    /// </summary>
    public int? StartsAfterFiscalYearOfAge { get; set; }

    /// <summary>
    /// The bracket ends with the 年度 in which the child attains this age (its last day is the
    /// 3/31 of that 年度: 未就学 6, 高校生世代 18 = the 18歳年度末); null = no end.
    /// </summary>
    public int? EndsWithFiscalYearOfAge { get; set; }
}

/// <summary>
/// Pure rules of age and 年度 (fiscal year, April–March) used by the age brackets: no database, no
/// clock. One attains an age at the end of the day before the birthday (年齢計算ニ関スル法律, 民法
/// §143); a person born on 2/29 attains it on 2/28 in a common year.
/// </summary>
public static class AgeBrackets
{
    /// <summary>4/1 after the end of the 年度 in which the person attains <paramref name="age"/> (e.g. 小学校入学 for age 6).</summary>
    public static DateOnly StartOfFiscalYearAfterAge(DateOnly birthDate, int age) =>
        AgeRules.EndOfFiscalYearReaching(birthDate, age).AddDays(1);

    /// <summary>The first day of <paramref name="bracket"/> for a child born on <paramref name="birthDate"/>.</summary>
    public static DateOnly StartFor(AgeBracket bracket, DateOnly birthDate)
    {
        ArgumentNullException.ThrowIfNull(bracket);
        return bracket.StartsAfterFiscalYearOfAge is { } age ? StartOfFiscalYearAfterAge(birthDate, age) : birthDate;
    }

    /// <summary>The first day after <paramref name="bracket"/> for a child born on <paramref name="birthDate"/>; null = no end.</summary>
    public static DateOnly? EndFor(AgeBracket bracket, DateOnly birthDate)
    {
        ArgumentNullException.ThrowIfNull(bracket);
        return bracket.EndsWithFiscalYearOfAge is { } age ? StartOfFiscalYearAfterAge(birthDate, age) : null;
    }

    /// <summary>
    /// The child's bracket on <paramref name="date"/> among the master <paramref name="rows"/> in force
    /// that day; null before birth or when no child bracket applies any more (after the 18歳年度末
    /// with the shipped rows). Overlapping rows are a master error and throw.
    /// </summary>
    public static AgeBracket? ChildBracketOn(DateOnly birthDate, DateOnly date, IEnumerable<AgeBracket> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (date < birthDate)
        {
            return null;
        }

        var matches = rows
            .Where(row => row.ForChildren && row.IsValidOn(date))
            .Where(row => StartFor(row, birthDate) <= date && (EndFor(row, birthDate) is not { } end || date < end))
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The age-bracket master has overlapping rows on {date:yyyy-MM-dd}: {string.Join(", ", matches.Select(row => row.Code))}.")),
        };
    }

    /// <summary>
    /// The bracket of a recipient on <paramref name="date"/>: a parent or carer gets the master's
    /// non-child bracket (父母・養育者), a child or an orphan the bracket of its age.
    /// </summary>
    public static AgeBracket? BracketOn(RecipientKind kind, DateOnly birthDate, DateOnly date, IEnumerable<AgeBracket> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (kind is RecipientKind.Child or RecipientKind.Orphan)
        {
            return ChildBracketOn(birthDate, date, rows);
        }

        var adults = rows.Where(row => !row.ForChildren && row.IsValidOn(date)).ToList();
        return adults.Count switch
        {
            0 => null,
            1 => adults[0],
            _ => throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The age-bracket master has more than one parent-or-carer row on {date:yyyy-MM-dd}.")),
        };
    }
}
