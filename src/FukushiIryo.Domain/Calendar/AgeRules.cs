namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// Ages and the program's age limit, the 18歳到達年度末 ("18歳に達する日以後の最初の3月31日").
/// </summary>
/// <remarks>
/// <para><b>When an age is attained.</b> 年齢計算ニ関スル法律 (明治35年法律第50号) counts age from the day of
/// birth and applies 民法第143条: a period of years ends on the day <i>before</i> the anniversary
/// (応当日) of its first day. A person therefore attains age N on the day before the Nth birthday:
/// born 2008-04-01, 18 on 2026-03-31, so in the school year (年度) of those born up to 4月1日
/// ("早生まれ"); born 2008-04-02, 18 on 2026-04-01, the next 年度.</para>
/// <para><b>Born on 29 February.</b> 民法第143条第2項: when the last year has no anniversary day, the
/// period ends on the last day of that month. In a non-leap year a person born on 02-29 therefore
/// attains the age on 02-28; in a leap year the day before the 02-29 anniversary is also 02-28. So the
/// age always changes on 28 February.</para>
/// </remarks>
public static class AgeRules
{
    /// <summary>The program's age limit: a child is eligible up to the 年度末 in which they attain 18.</summary>
    public const int ProgramAgeLimit = 18;

    /// <summary>
    /// The day on which a person born on <paramref name="birthDate"/> attains <paramref name="age"/>
    /// (満年齢): the day before the birthday, 02-28 for a 02-29 birth (see remarks). Age 0 is the birth date.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">age negative, or the date is after 9999.</exception>
    public static DateOnly DateAgeAttained(DateOnly birthDate, int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        if (age == 0)
        {
            return birthDate;
        }

        int year = birthDate.Year + age;
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999, nameof(age));
        if (birthDate is { Month: 2, Day: 29 })
        {
            return new DateOnly(year, 2, 28);
        }

        return new DateOnly(year, birthDate.Month, birthDate.Day).AddDays(-1);
    }

    /// <summary>
    /// 満年齢 on <paramref name="date"/>: the largest N whose <see cref="DateAgeAttained"/> is on or before it.
    /// Born 2008-04-02: 17 on 2026-03-31, 18 on 2026-04-01 (the day before the birthday).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">date before the birth date.</exception>
    public static int AgeOn(DateOnly birthDate, DateOnly date)
    {
        if (date < birthDate)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "The date is before the birth date.");
        }

        // The age changes at most once in a calendar year, and the day before a 1 January birthday is
        // 31 December: the answer is date.Year − birth year + 1 or one or two less.
        int age = date.Year - birthDate.Year + 1;
        while (age > 0 && (birthDate.Year + age > 9999 || DateAgeAttained(birthDate, age) > date))
        {
            age--;
        }

        return age;
    }

    /// <summary>
    /// The 31 March ending the 年度 in which <paramref name="age"/> is attained
    /// ("<paramref name="age"/>歳に達する日以後の最初の3月31日").
    /// </summary>
    public static DateOnly EndOfFiscalYearReaching(DateOnly birthDate, int age) =>
        FiscalYear.Of(DateAgeAttained(birthDate, age)).End;

    /// <summary>
    /// The 18歳到達年度末: born 2008-04-01 → 2026-03-31; born 2008-04-02 → 2027-03-31.
    /// </summary>
    public static DateOnly EndOfFiscalYearReaching18(DateOnly birthDate) =>
        EndOfFiscalYearReaching(birthDate, ProgramAgeLimit);

    /// <summary>
    /// The loss date (LostOn, the first day not eligible) for 年齢到達 (decisions.md D7): 1 April after
    /// the 18歳到達年度末.
    /// </summary>
    public static DateOnly LostOnForAgeLimit(DateOnly birthDate) =>
        EndOfFiscalYearReaching18(birthDate).AddDays(1);

    /// <summary>Whether <paramref name="date"/> is on or before the child's 18歳到達年度末.</summary>
    public static bool IsWithinAgeLimit(DateOnly birthDate, DateOnly date) =>
        date <= EndOfFiscalYearReaching18(birthDate);
}
