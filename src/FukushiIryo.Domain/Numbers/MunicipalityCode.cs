using System.Diagnostics.CodeAnalysis;

namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// 団体コード (全国地方公共団体コード) — the code of a prefecture or municipality: 6 digits = the 5-digit
/// code (都道府県 2 + 市区町村 3, the JIS X 0402 code that KEN_ALL carries) + a check digit, the last digit
/// of 11 − ((d1×6 + d2×5 + d3×4 + d4×3 + d5×2) mod 11) (formats.md §6.4). 奈良市 is 292010.
/// </summary>
/// <remarks>
/// <para>
/// Parsing trims surrounding white space and then accepts only ASCII digits; callers normalise their
/// input with Unicode NFKC first, so that full-width digits become ASCII. An instance always holds a
/// valid code. <see cref="ToString"/> gives the 6 digits.
/// </para>
/// <para>
/// The check digit does not catch every single-digit error: remainders 0 and 10 both give check digit 1,
/// so when the check digit is 1 a change of one body digit that moves the remainder from 0 to 10 (or back)
/// goes unnoticed. With any other check digit every single-digit change is caught.
/// </para>
/// </remarks>
public sealed record MunicipalityCode
{
    /// <summary>The number of digits, check digit included.</summary>
    public const int Length = 6;

    private const string Name = "Municipality code";
    private const string LengthRule = "6 digits";

    private readonly string _digits;

    private MunicipalityCode(string digits) => _digits = digits;

    /// <summary>都道府県コード: the first 2 digits (29 奈良県).</summary>
    public string PrefectureCode => _digits[..2];

    /// <summary>The 5-digit code without the check digit, as in KEN_ALL and JIS X 0402 (e.g. 29201).</summary>
    public string FiveDigitCode => _digits[..5];

    /// <summary>The check digit, the last digit.</summary>
    public int CheckDigit => _digits[^1] - '0';

    /// <summary>The code of a 5-digit JIS X 0402 code (e.g. 29201 from KEN_ALL), with its check digit computed.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fiveDigitCode"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, not digits or not 5 digits long.</exception>
    public static MunicipalityCode FromFiveDigitCode(string fiveDigitCode)
    {
        ArgumentNullException.ThrowIfNull(fiveDigitCode);
        NumberError error = NumberText.ReadDigits(fiveDigitCode, out string digits);
        if (error == NumberError.None && digits.Length != Length - 1)
        {
            error = NumberError.WrongLength;
        }

        return error == NumberError.None
            ? new MunicipalityCode(digits + (char)('0' + ComputeCheckDigit(digits)))
            : throw new FormatException(NumberText.Message(error, "Five-digit municipality code", "5 digits", digits, echoValue: true));
    }

    /// <summary>Reads a municipality code: 6 ASCII digits with a valid check digit, white space around it ignored.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, not digits, not 6 digits long, or its check digit is wrong.</exception>
    public static MunicipalityCode Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        NumberError error = Read(s, out string digits);
        return error == NumberError.None
            ? new MunicipalityCode(digits)
            : throw new FormatException(NumberText.Message(error, Name, LengthRule, digits, echoValue: true));
    }

    /// <summary>Reads a municipality code as <see cref="Parse"/> does, returning false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out MunicipalityCode? result)
    {
        if (s is not null && Read(s, out string digits) == NumberError.None)
        {
            result = new MunicipalityCode(digits);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>The 6 digits.</summary>
    public override string ToString() => _digits;

    /// <summary>The check digit of a 5-digit body of ASCII digits.</summary>
    private static int ComputeCheckDigit(ReadOnlySpan<char> body)
    {
        int sum = 0;
        for (int i = 0; i < Length - 1; i++)
        {
            sum += (body[i] - '0') * (6 - i); // weights 6, 5, 4, 3, 2 from the left
        }

        return (11 - (sum % 11)) % 10; // remainder 0 → 11 → 1; remainder 1 → 10 → 0
    }

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

        return ComputeCheckDigit(digits) == digits[^1] - '0' ? NumberError.None : NumberError.WrongCheckDigit;
    }
}
