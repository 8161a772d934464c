using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// 受給者番号 — the number of a recipient of the subsidy: 7 digits, a 6-digit serial followed by the
/// MHLW 2-1 check digit (<see cref="MhlwCheckDigit"/>; decisions.md D10). One per person: the parent or
/// carer and each child have their own.
/// </summary>
/// <remarks>
/// Parsing trims surrounding white space and then accepts only ASCII digits; callers normalise their
/// input with Unicode NFKC first, so that full-width digits become ASCII. An instance always holds a
/// valid number. <see cref="ToString"/> gives the 7 digits.
/// </remarks>
public sealed record RecipientNumber
{
    /// <summary>The number of digits, check digit included.</summary>
    public const int Length = 7;

    /// <summary>The largest serial.</summary>
    public const int MaxSerial = 999_999;

    private const string Name = "Recipient number";
    private const string LengthRule = "7 digits";

    private readonly string _digits;

    private RecipientNumber(string digits) => _digits = digits;

    /// <summary>The serial: the first 6 digits as a number (0..999999).</summary>
    public int Serial => int.Parse(_digits.AsSpan(0, 6), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>The check digit (検証番号), the last digit.</summary>
    public int CheckDigit => _digits[^1] - '0';

    /// <summary>The recipient number of a serial, with its check digit computed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="serial"/> is outside 0..999999.</exception>
    public static RecipientNumber FromSerial(int serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, MaxSerial);
        string body = serial.ToString("D6", CultureInfo.InvariantCulture);
        return new RecipientNumber(body + (char)('0' + MhlwCheckDigit.ComputeUnchecked(body)));
    }

    /// <summary>Reads a recipient number: 7 ASCII digits with a valid check digit, white space around it ignored.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, not digits, not 7 digits long, or its check digit is wrong.</exception>
    public static RecipientNumber Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        NumberError error = Read(s, out string digits);
        return error == NumberError.None
            ? new RecipientNumber(digits)
            : throw new FormatException(NumberText.Message(error, Name, LengthRule, digits, echoValue: true));
    }

    /// <summary>Reads a recipient number as <see cref="Parse"/> does, returning false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out RecipientNumber? result)
    {
        if (s is not null && Read(s, out string digits) == NumberError.None)
        {
            result = new RecipientNumber(digits);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>The 7 digits.</summary>
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
