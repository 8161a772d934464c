namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// A Japanese era (元号) from the explicit table of formats.md §7. The .NET
/// <c>System.Globalization.JapaneseCalendar</c> is deliberately not used: its eras come from the
/// operating system / ICU and differ between servers.
/// </summary>
/// <remarks>
/// Year N of an era is Gregorian year <c>FirstDay.Year + N − 1</c> (令和N年 = N+2018, 平成N年 = N+1988,
/// 昭和N年 = N+1925, 大正N年 = N+1911, 明治N年 = N+1867). Month and day are always Gregorian: dates of
/// 明治元年〜5年 (before the 1873 calendar reform, written in the old lunisolar calendar) are
/// therefore not the historical lunisolar dates; 1868-01-25 is 明治元年1月25日 here. No recipient
/// of this system has a date in that range.
/// </remarks>
public sealed class JapaneseEra
{
    private JapaneseEra(int code, char letter, string name, DateOnly firstDay, DateOnly? lastDay)
    {
        Code = code;
        Letter = letter;
        Name = name;
        FirstDay = firstDay;
        LastDay = lastDay;
    }

    /// <summary>明治 M, code 1: 1868-01-25 – 1912-07-29.</summary>
    public static JapaneseEra Meiji { get; } = new(1, 'M', "明治", new DateOnly(1868, 1, 25), new DateOnly(1912, 7, 29));

    /// <summary>大正 T, code 2: 1912-07-30 – 1926-12-24.</summary>
    public static JapaneseEra Taisho { get; } = new(2, 'T', "大正", new DateOnly(1912, 7, 30), new DateOnly(1926, 12, 24));

    /// <summary>昭和 S, code 3: 1926-12-25 – 1989-01-07.</summary>
    public static JapaneseEra Showa { get; } = new(3, 'S', "昭和", new DateOnly(1926, 12, 25), new DateOnly(1989, 1, 7));

    /// <summary>平成 H, code 4: 1989-01-08 – 2019-04-30.</summary>
    public static JapaneseEra Heisei { get; } = new(4, 'H', "平成", new DateOnly(1989, 1, 8), new DateOnly(2019, 4, 30));

    /// <summary>令和 R, code 5: from 2019-05-01.</summary>
    public static JapaneseEra Reiwa { get; } = new(5, 'R', "令和", new DateOnly(2019, 5, 1), null);

    /// <summary>All eras, oldest first.</summary>
    public static IReadOnlyList<JapaneseEra> All { get; } = [Meiji, Taisho, Showa, Heisei, Reiwa];

    /// <summary>The 年号区分コード of the レセプト電算 records (別表4): 1 明治 … 5 令和.</summary>
    public int Code { get; }

    /// <summary>The upper-case Latin initial used in short forms ("R08.03.11").</summary>
    public char Letter { get; }

    /// <summary>The era name in kanji, e.g. "令和".</summary>
    public string Name { get; }

    /// <summary>The first day of the era.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>The last day of the era; <c>null</c> for the current era.</summary>
    public DateOnly? LastDay { get; }

    /// <summary>The Gregorian year of 1 January of year <paramref name="eraYear"/> of this era.</summary>
    public int ToGregorianYear(int eraYear) => FirstDay.Year + eraYear - 1;

    /// <summary>The era year (1 = 元年) that Gregorian <paramref name="gregorianYear"/> has in this era's numbering.</summary>
    public int ToEraYear(int gregorianYear) => gregorianYear - FirstDay.Year + 1;

    /// <summary>Whether <paramref name="date"/> is in this era.</summary>
    public bool Contains(DateOnly date) => FirstDay <= date && (LastDay is not { } last || date <= last);

    /// <summary>The era in force on <paramref name="date"/>, or <c>null</c> before 1868-01-25.</summary>
    public static JapaneseEra? TryOf(DateOnly date)
    {
        for (int i = All.Count - 1; i >= 0; i--)
        {
            if (All[i].FirstDay <= date)
            {
                return All[i];
            }
        }

        return null;
    }

    /// <summary>The era in force on <paramref name="date"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">date before 1868-01-25 (明治).</exception>
    public static JapaneseEra Of(DateOnly date) =>
        TryOf(date) ?? throw new ArgumentOutOfRangeException(nameof(date), date, "Dates before 1868-01-25 (明治) have no era in the table.");

    /// <summary>The era with UKE code <paramref name="code"/> (1–5), or <c>null</c>.</summary>
    public static JapaneseEra? FromCode(int code) => code is >= 1 and <= 5 ? All[code - 1] : null;

    /// <summary>The era whose initial is <paramref name="letter"/> (M, T, S, H, R; either case), or <c>null</c>.</summary>
    public static JapaneseEra? FromLetter(char letter)
    {
        char upper = char.ToUpperInvariant(letter);
        foreach (var era in All)
        {
            if (era.Letter == upper)
            {
                return era;
            }
        }

        return null;
    }

    /// <summary>The era named <paramref name="name"/> in kanji ("令和"), or <c>null</c>.</summary>
    public static JapaneseEra? FromName(string? name)
    {
        foreach (var era in All)
        {
            if (string.Equals(era.Name, name, StringComparison.Ordinal))
            {
                return era;
            }
        }

        return null;
    }

    /// <summary>The kanji name, e.g. "令和".</summary>
    public override string ToString() => Name;
}
