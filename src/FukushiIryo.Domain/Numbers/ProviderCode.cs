using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// 医療機関コード — the code of a medical provider (医療機関 or 薬局): 7 digits = 郡市区番号 (2) +
/// 医療機関番号 (4) + check digit, within a prefecture and a fee schedule (formats.md §6.5).
/// </summary>
/// <remarks>
/// <para>
/// The 7 digits alone cannot be validated: the MHLW 2-1 check digit (<see cref="MhlwCheckDigit"/>) runs over
/// 都道府県番号 (2) + 点数表番号 (1) + the first 6 digits of the code. A <see cref="ProviderCode"/> therefore
/// holds all three; together they make the 10-digit form (e.g. <c>0110113719</c> = 北海道 01, 医科 1,
/// code 0113719), which <see cref="ToString"/> and <see cref="ToTenDigitForm"/> give and
/// <see cref="Parse(string)"/> reads. <see cref="Code"/> is the 7-digit code as written on claims.
/// </para>
/// <para>
/// Parsing trims surrounding white space and then accepts only ASCII digits; callers normalise their input
/// with Unicode NFKC first, so that full-width digits become ASCII. The prefecture code must be 01-47
/// (JIS X 0401). An instance always holds a valid code.
/// </para>
/// </remarks>
public sealed record ProviderCode
{
    /// <summary>The number of digits of the code, check digit included.</summary>
    public const int Length = 7;

    /// <summary>The number of digits of the 10-digit form (prefecture + fee schedule + code).</summary>
    public const int TenDigitLength = 10;

    private const string Name = "Provider code";
    private const string TenDigitName = "Provider code in 10-digit form";

    private ProviderCode(string prefectureCode, FeeSchedule feeSchedule, string code)
    {
        PrefectureCode = prefectureCode;
        FeeSchedule = feeSchedule;
        Code = code;
    }

    /// <summary>都道府県番号: the 2-digit prefecture code (01-47) under which the code was issued.</summary>
    public string PrefectureCode { get; }

    /// <summary>The fee schedule (点数表) under which the code was issued.</summary>
    public FeeSchedule FeeSchedule { get; }

    /// <summary>The 7-digit 医療機関コード, check digit included.</summary>
    public string Code { get; }

    /// <summary>郡市区番号: the first 2 digits of the code (奈良市 is 01).</summary>
    public string AreaCode => Code[..2];

    /// <summary>医療機関番号: the 4 digits after the 郡市区番号.</summary>
    public string ProviderNumber => Code[2..6];

    /// <summary>The check digit (検証番号), the last digit of the code.</summary>
    public int CheckDigit => Code[^1] - '0';

    /// <summary>Reads the 7-digit <paramref name="code"/> issued in a prefecture under a fee schedule and verifies its check digit.</summary>
    /// <param name="code">The 7-digit 医療機関コード, white space around it ignored.</param>
    /// <param name="prefectureCode">The 2-digit 都道府県番号 (01-47), e.g. from the UKE IR record.</param>
    /// <param name="feeSchedule">The fee schedule (点数表) of the claim or of the IR record.</param>
    /// <exception cref="ArgumentNullException"><paramref name="code"/> or <paramref name="prefectureCode"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="feeSchedule"/> is not a listed <see cref="Numbers.FeeSchedule"/>.</exception>
    /// <exception cref="FormatException">The code is empty, not digits or not 7 digits long; the prefecture code is not 01-47; or the check digit is wrong.</exception>
    public static ProviderCode Parse(string code, string prefectureCode, FeeSchedule feeSchedule)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(prefectureCode);
        if (!IsListed(feeSchedule))
        {
            throw new ArgumentOutOfRangeException(nameof(feeSchedule), feeSchedule, "No check-digit rule is known for this fee schedule.");
        }

        NumberError error = ReadCode(code, out string digits);
        if (error != NumberError.None)
        {
            throw new FormatException(NumberText.Message(error, Name, "7 digits", digits, echoValue: true));
        }

        if (!TryReadPrefecture(prefectureCode, out string prefecture))
        {
            throw new FormatException(PrefectureMessage(prefecture));
        }

        return HasValidCheckDigit(prefecture, feeSchedule, digits)
            ? new ProviderCode(prefecture, feeSchedule, digits)
            : throw new FormatException(CheckDigitMessage(prefecture, feeSchedule, digits));
    }

    /// <summary>
    /// Reads a code as <see cref="Parse(string, string, FeeSchedule)"/> does, returning false instead of
    /// throwing (also for a <paramref name="feeSchedule"/> that is not listed).
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? code,
        [NotNullWhen(true)] string? prefectureCode,
        FeeSchedule feeSchedule,
        [NotNullWhen(true)] out ProviderCode? result)
    {
        if (code is not null
            && prefectureCode is not null
            && IsListed(feeSchedule)
            && TryReadPrefecture(prefectureCode, out string prefecture)
            && ReadCode(code, out string digits) == NumberError.None
            && HasValidCheckDigit(prefecture, feeSchedule, digits))
        {
            result = new ProviderCode(prefecture, feeSchedule, digits);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>
    /// Reads the 10-digit form: 都道府県番号 (2, 01-47) + 点数表番号 (1: 1, 3 or 4) + the 7-digit code, with a
    /// valid check digit, white space around it ignored.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="tenDigitForm"/> is null.</exception>
    /// <exception cref="FormatException">The text is empty, not digits or not 10 digits long; its prefecture or fee schedule digits are not valid; or the check digit is wrong.</exception>
    public static ProviderCode Parse(string tenDigitForm)
    {
        ArgumentNullException.ThrowIfNull(tenDigitForm);
        NumberError error = NumberText.ReadDigits(tenDigitForm, out string digits);
        if (error == NumberError.None && digits.Length != TenDigitLength)
        {
            error = NumberError.WrongLength;
        }

        if (error != NumberError.None)
        {
            throw new FormatException(NumberText.Message(error, TenDigitName, "10 digits", digits, echoValue: true));
        }

        if (!IsPrefecture(digits.AsSpan(0, 2)))
        {
            throw new FormatException(PrefectureMessage(digits[..2]));
        }

        if (!TryGetFeeSchedule(digits[2], out FeeSchedule feeSchedule))
        {
            throw new FormatException(
                $"The fee schedule digit (the 3rd) of a provider code in 10-digit form must be 1 (medical), 3 (dental) or 4 (pharmacy): {NumberText.Quote(digits)}");
        }

        return MhlwCheckDigit.HasValidCheckDigit(digits)
            ? new ProviderCode(digits[..2], feeSchedule, digits[3..])
            : throw new FormatException(NumberText.Message(NumberError.WrongCheckDigit, TenDigitName, "10 digits", digits, echoValue: true));
    }

    /// <summary>Reads the 10-digit form as <see cref="Parse(string)"/> does, returning false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? tenDigitForm, [NotNullWhen(true)] out ProviderCode? result)
    {
        if (tenDigitForm is not null
            && NumberText.ReadDigits(tenDigitForm, out string digits) == NumberError.None
            && digits.Length == TenDigitLength
            && IsPrefecture(digits.AsSpan(0, 2))
            && TryGetFeeSchedule(digits[2], out FeeSchedule feeSchedule)
            && MhlwCheckDigit.HasValidCheckDigit(digits))
        {
            result = new ProviderCode(digits[..2], feeSchedule, digits[3..]);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>The 10 digits 都道府県番号 + 点数表番号 + code, e.g. <c>0110113719</c>.</summary>
    public string ToTenDigitForm() =>
        string.Create(CultureInfo.InvariantCulture, $"{PrefectureCode}{(int)FeeSchedule}{Code}");

    /// <summary>The 10-digit form (<see cref="ToTenDigitForm"/>); use <see cref="Code"/> for the 7-digit code.</summary>
    public override string ToString() => ToTenDigitForm();

    private static bool IsListed(FeeSchedule feeSchedule) =>
        feeSchedule is FeeSchedule.Medical or FeeSchedule.Dental or FeeSchedule.Pharmacy;

    private static bool TryGetFeeSchedule(char digit, out FeeSchedule feeSchedule)
    {
        feeSchedule = (FeeSchedule)(digit - '0');
        return char.IsAsciiDigit(digit) && IsListed(feeSchedule);
    }

    /// <summary>Two ASCII digits from 01 to 47 (JIS X 0401).</summary>
    private static bool IsPrefecture(ReadOnlySpan<char> twoDigits) =>
        twoDigits.Length == 2
        && NumberText.IsAsciiDigits(twoDigits)
        && (twoDigits[0] - '0') * 10 + (twoDigits[1] - '0') is >= 1 and <= 47;

    private static bool TryReadPrefecture(string prefectureCode, out string prefecture)
    {
        prefecture = prefectureCode.Trim();
        return IsPrefecture(prefecture);
    }

    private static NumberError ReadCode(string code, out string digits)
    {
        NumberError error = NumberText.ReadDigits(code, out digits);
        if (error == NumberError.None && digits.Length != Length)
        {
            error = NumberError.WrongLength;
        }

        return error;
    }

    private static bool HasValidCheckDigit(string prefecture, FeeSchedule feeSchedule, string code)
    {
        Span<char> body = stackalloc char[TenDigitLength - 1];
        prefecture.AsSpan().CopyTo(body);
        body[2] = (char)('0' + (int)feeSchedule);
        code.AsSpan(0, Length - 1).CopyTo(body[3..]);
        return MhlwCheckDigit.ComputeUnchecked(body) == code[^1] - '0';
    }

    private static string PrefectureMessage(string prefecture) =>
        prefecture.Length == 0
            ? "Prefecture code of a provider code is empty."
            : $"Prefecture code of a provider code must be two ASCII digits from 01 to 47: {NumberText.Quote(prefecture)}";

    private static string CheckDigitMessage(string prefecture, FeeSchedule feeSchedule, string code) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{Name} has a wrong check digit for prefecture {prefecture} and fee schedule {(int)feeSchedule} ({feeSchedule}): '{code}'");
}
