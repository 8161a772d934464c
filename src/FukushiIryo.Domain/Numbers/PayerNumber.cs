using System.Diagnostics.CodeAnalysis;

namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// 公費負担者番号 — the number of a public payer (a 公費 program as run by one implementing body):
/// 8 digits = 法別番号 (2) + 都道府県番号 (2) + 実施機関番号 (3) + the MHLW 2-1 check digit
/// (<see cref="MhlwCheckDigit"/>; formats.md §6.2, rules-research.md §5.1).
/// </summary>
/// <remarks>
/// Parsing trims surrounding white space and then accepts only ASCII digits; callers normalise their
/// input with Unicode NFKC first, so that full-width digits become ASCII. An instance always holds a
/// valid number. <see cref="ToString"/> gives the 8 digits. The prefecture digits are not checked
/// against the list of prefectures: the MHLW rules give no exhaustive range, so only the check digit
/// decides.
/// </remarks>
public sealed record PayerNumber
{
    /// <summary>The number of digits, check digit included.</summary>
    public const int Length = 8;

    private const string Name = "Payer number";
    private const string LengthRule = "8 digits";

    private readonly string _digits;

    private PayerNumber(string digits) => _digits = digits;

    /// <summary>法別番号: the 2-digit code of the law or program (e.g. "54" 難病, "12" 生活保護).</summary>
    public string LawCode => _digits[..2];

    /// <summary>都道府県番号: the 2-digit prefecture code (e.g. "29" 奈良県).</summary>
    public string PrefectureCode => _digits[2..4];

    /// <summary>実施機関番号: the 3-digit number of the implementing body.</summary>
    public string AgencyCode => _digits[4..7];

    /// <summary>The check digit (検証番号), the last digit.</summary>
    public int CheckDigit => _digits[^1] - '0';

    /// <summary>Reads a payer number: 8 ASCII digits with a valid check digit, white space around it ignored.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, not digits, not 8 digits long, or its check digit is wrong.</exception>
    public static PayerNumber Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        NumberError error = Read(s, out string digits);
        return error == NumberError.None
            ? new PayerNumber(digits)
            : throw new FormatException(NumberText.Message(error, Name, LengthRule, digits, echoValue: true));
    }

    /// <summary>Reads a payer number as <see cref="Parse"/> does, returning false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out PayerNumber? result)
    {
        if (s is not null && Read(s, out string digits) == NumberError.None)
        {
            result = new PayerNumber(digits);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>The 8 digits.</summary>
    public override string ToString() => _digits;

    private static NumberError Read(string s, out string digits)
    {
        NumberError error = NumberText.ReadDigits(s, out digits);
        if (error != NumberError.None)
        {
            return error;
        }

        if (digits.Length != Length)
        {
            return NumberError.WrongLength;
        }

        return MhlwCheckDigit.HasValidCheckDigit(digits) ? NumberError.None : NumberError.WrongCheckDigit;
    }
}
