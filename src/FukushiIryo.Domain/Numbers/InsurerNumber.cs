using System.Diagnostics.CodeAnalysis;

namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// 保険者番号 — the number of a health insurer. Either 8 digits = 法別番号 (2) + 都道府県番号 (2) +
/// 保険者別番号 (3) + check digit (社保, 後期高齢者, …), or 6 digits = 都道府県番号 (2) + 保険者別番号 (3) +
/// check digit for 国民健康保険 (市町村国保 and 国保組合). The check digit is the MHLW 2-1 method
/// (<see cref="MhlwCheckDigit"/>; formats.md §6.1, rules-research.md §5.3, interfaces.md §4).
/// </summary>
/// <remarks>
/// <para>
/// Fixed-width files write a 国保 number in an 8-character field, either right-aligned with leading spaces
/// (UKE: <c>"  133066"</c>) or with 法別 <c>"00"</c> (<c>"00133066"</c>). Both are read as the 6-digit number:
/// surrounding white space is trimmed, and an 8-digit number starting with "00" is normalised to its last
/// 6 digits, whose check digit is then verified. <see cref="ToString"/> gives the canonical 6 or 8 digits,
/// <see cref="ToFixedWidth8"/> the 8-digit form.
/// </para>
/// <para>
/// Only ASCII digits are accepted; callers normalise their input with Unicode NFKC first, so that
/// full-width digits become ASCII. An instance always holds a valid number.
/// </para>
/// </remarks>
public sealed record InsurerNumber
{
    /// <summary>The length of a 国保 number.</summary>
    public const int NationalHealthInsuranceLength = 6;

    /// <summary>The length of every other insurer number, and of the fixed-width form.</summary>
    public const int Length = 8;

    private const string Name = "Insurer number";
    private const string LengthRule = "6 digits (National Health Insurance) or 8 digits";

    private readonly string _digits;

    private InsurerNumber(string digits) => _digits = digits;

    /// <summary>
    /// True for a 6-digit 国民健康保険 number (市町村国保 or 国保組合). 8-digit numbers are false, including
    /// 法別 67 (the former 退職者医療, run by 国保 but numbered with 8 digits).
    /// </summary>
    public bool IsNationalHealthInsurance => _digits.Length == NationalHealthInsuranceLength;

    /// <summary>法別番号 of an 8-digit number (e.g. "01" 協会けんぽ, "06" 組合健保, "39" 後期高齢者); null for 国保, which has none.</summary>
    public string? LawCode => IsNationalHealthInsurance ? null : _digits[..2];

    /// <summary>都道府県番号: the 2-digit prefecture code.</summary>
    public string PrefectureCode => IsNationalHealthInsurance ? _digits[..2] : _digits[2..4];

    /// <summary>保険者別番号: the 3 digits before the check digit.</summary>
    public string InsurerCode => _digits[^4..^1];

    /// <summary>The check digit (検証番号), the last digit.</summary>
    public int CheckDigit => _digits[^1] - '0';

    /// <summary>
    /// Reads an insurer number: 6 or 8 ASCII digits with a valid check digit, white space around it ignored;
    /// an 8-digit number starting with "00" is read as the 6-digit 国保 number.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, not digits, not 6 or 8 digits long, or its check digit is wrong.</exception>
    public static InsurerNumber Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        NumberError error = Read(s, out string digits, out string canonical);
        return error == NumberError.None
            ? new InsurerNumber(canonical)
            : throw new FormatException(NumberText.Message(error, Name, LengthRule, digits, echoValue: true));
    }

    /// <summary>Reads an insurer number as <see cref="Parse"/> does, returning false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out InsurerNumber? result)
    {
        if (s is not null && Read(s, out _, out string canonical) == NumberError.None)
        {
            result = new InsurerNumber(canonical);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>The 8-digit form for fixed-width fields: the number itself, or "00" followed by a 国保 number.</summary>
    public string ToFixedWidth8() => IsNationalHealthInsurance ? "00" + _digits : _digits;

    /// <summary>The canonical digits: 6 for 国保, otherwise 8.</summary>
    public override string ToString() => _digits;

    private static NumberError Read(string s, out string digits, out string canonical)
    {
        NumberError error = NumberText.ReadDigits(s, out digits);
        canonical = digits;
        if (error != NumberError.None)
        {
            return error;
        }

        if (digits.Length == Length && digits.StartsWith("00", StringComparison.Ordinal))
        {
            canonical = digits[2..];
        }
        else if (digits.Length is not (Length or NationalHealthInsuranceLength))
        {
            return NumberError.WrongLength;
        }

        return MhlwCheckDigit.HasValidCheckDigit(canonical) ? NumberError.None : NumberError.WrongCheckDigit;
    }
}
