namespace FukushiIryo.Domain.Calendar;

/// <summary>
/// The 有効期間 of a 受給資格証 (decisions.md D8, rules-research.md §6): 1 August to 31 July (the
/// year of the August renewal, following the income-year switch of <see cref="IncomeYear"/>), cut
/// at the child's 18歳到達年度末 and at a 有期終了日. Both ends are inclusive.
/// </summary>
/// <remarks>
/// The start is always 1 August: a certificate first issued mid-year (資格取得日 after 8/1) starts on
/// the 資格取得日, which the caller applies. For a parent or carer, pass the birth date of the child
/// whose 18歳到達年度末 is latest (the youngest eligible child), since the parent's eligibility ends
/// with the last eligible child's (D7 対象児童なし).
/// </remarks>
public static class CertificateValidity
{
    /// <summary>The month in which a validity year starts (August).</summary>
    public const int StartMonth = IncomeYear.SwitchMonth;

    /// <summary>The 8/1 – 7/31 year that contains <paramref name="date"/>.</summary>
    public static DatePeriod RenewalYearContaining(DateOnly date)
    {
        int startYear = date.Month >= StartMonth ? date.Year : date.Year - 1;
        var start = new DateOnly(startYear, StartMonth, 1);
        return new DatePeriod(start, start.AddYears(1).AddDays(-1));
    }

    /// <summary>
    /// The validity period containing <paramref name="date"/>: its 8/1 – 7/31 year, ending no later
    /// than the 18歳到達年度末 of <paramref name="childBirthDate"/> and than <paramref name="fixedTermEnd"/>
    /// (both optional). <c>null</c> when the date is after such a cut: no certificate is valid then.
    /// </summary>
    public static DatePeriod? PeriodContaining(DateOnly date, DateOnly? childBirthDate = null, DateOnly? fixedTermEnd = null)
    {
        var year = RenewalYearContaining(date);
        var end = year.End;
        if (childBirthDate is { } birth)
        {
            var ageLimit = AgeRules.EndOfFiscalYearReaching18(birth);
            if (ageLimit < end)
            {
                end = ageLimit;
            }
        }

        if (fixedTermEnd is { } fixedEnd && fixedEnd < end)
        {
            end = fixedEnd;
        }

        return date <= end ? new DatePeriod(year.Start, end) : null;
    }
}
