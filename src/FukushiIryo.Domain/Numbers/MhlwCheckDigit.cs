namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// The check digit (検証番号) method of the MHLW numbering rules (保険者番号設定要領 and the 公費負担者番号
/// notice; formats.md §6.1): starting from the rightmost digit of the body, multiply the digits
/// alternately by 2, 1, 2, 1, …, add the digits of each two-digit product, sum everything, and the check
/// digit is (10 − sum mod 10) mod 10. Used by <see cref="InsurerNumber"/>, <see cref="PayerNumber"/>,
/// <see cref="RecipientNumber"/> and <see cref="ProviderCode"/>.
/// </summary>
/// <remarks>
/// The method detects every single-digit substitution: a digit under weight 1 contributes itself, a digit
/// under weight 2 contributes the digit sum of its double (0, 2, 4, 6, 8, 1, 3, 5, 7, 9), and both maps
/// are permutations of 0-9, so changing one digit always changes the sum mod 10.
/// </remarks>
public static class MhlwCheckDigit
{
    /// <summary>Digit sum of 2 × d, for d = 0..9.</summary>
    private static ReadOnlySpan<byte> DoubledDigitSum => [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];

    /// <summary>Computes the check digit (0-9) of <paramref name="body"/>, the number without its check digit.</summary>
    /// <param name="body">One or more ASCII digits.</param>
    /// <exception cref="ArgumentException">The body is empty or holds a character other than an ASCII digit.</exception>
    public static int Compute(ReadOnlySpan<char> body)
    {
        if (!NumberText.IsAsciiDigits(body))
        {
            throw new ArgumentException("The body of a check-digit number must be one or more ASCII digits.", nameof(body));
        }

        return ComputeUnchecked(body);
    }

    /// <summary>
    /// True when <paramref name="full"/> is two or more ASCII digits whose last digit is the check digit of the
    /// others. The text is taken as it is: no trimming, no other characters.
    /// </summary>
    public static bool IsValid(string? full) =>
        full is { Length: >= 2 }
        && NumberText.IsAsciiDigits(full)
        && ComputeUnchecked(full.AsSpan(0, full.Length - 1)) == full[^1] - '0';

    /// <summary>The 2-1 method over a body already known to be ASCII digits.</summary>
    internal static int ComputeUnchecked(ReadOnlySpan<char> body)
    {
        int sum = 0;
        bool doubled = true; // the rightmost body digit is multiplied by 2
        for (int i = body.Length - 1; i >= 0; i--)
        {
            int digit = body[i] - '0';
            sum += doubled ? DoubledDigitSum[digit] : digit;
            doubled = !doubled;
        }

        return (10 - (sum % 10)) % 10;
    }

    /// <summary>True when the last digit of <paramref name="digits"/> (ASCII digits, length ≥ 2) is the check digit of the others.</summary>
    internal static bool HasValidCheckDigit(ReadOnlySpan<char> digits) =>
        ComputeUnchecked(digits[..^1]) == digits[^1] - '0';
}
