using System.Globalization;

namespace FukushiIryo.Domain.Tests.Numbers;

/// <summary>
/// Check-digit rules written again from the text of formats.md §6, independently of the production code
/// (different loops, the official formula where the doc gives one), so that property tests built on them
/// test the production code rather than repeat it.
/// </summary>
internal static class CheckDigitReference
{
    /// <summary>
    /// formats.md §6.1: "multiply the digits, starting from the last digit before the check digit,
    /// alternately by 2,1,2,1…; if a product has two digits add them; sum; check = 10 − (sum mod 10), and 0
    /// when sum mod 10 = 0."
    /// </summary>
    public static int Mhlw(string body)
    {
        int sum = 0;
        for (int k = 0; k < body.Length; k++)
        {
            int digit = body[body.Length - 1 - k] - '0';
            int product = digit * (k % 2 == 0 ? 2 : 1);
            sum += product / 10 + product % 10;
        }

        int last = sum % 10;
        return last == 0 ? 0 : 10 - last;
    }

    /// <summary>formats.md §6.4: (d1×6 + d2×5 + d3×4 + d4×3 + d5×2) mod 11.</summary>
    public static int MunicipalityRemainder(string body5) =>
        ((body5[0] - '0') * 6 + (body5[1] - '0') * 5 + (body5[2] - '0') * 4 + (body5[3] - '0') * 3 + (body5[4] - '0') * 2) % 11;

    /// <summary>formats.md §6.4: the last digit of 11 − remainder.</summary>
    public static int Municipality(string body5)
    {
        string text = (11 - MunicipalityRemainder(body5)).ToString(CultureInfo.InvariantCulture);
        return text[^1] - '0';
    }

    /// <summary>
    /// formats.md §6.3, the official form: Σ_{n=1..11} Pn×Qn mod 11, where Pn is the n-th digit counted from
    /// the right of the first 11 digits and Qn = n+1 for 1 ≤ n ≤ 6, n−5 for 7 ≤ n ≤ 11.
    /// </summary>
    public static int MyNumberRemainder(string body11)
    {
        int sum = 0;
        for (int n = 1; n <= 11; n++)
        {
            int p = body11[11 - n] - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }

        return sum % 11;
    }

    /// <summary>formats.md §6.3: 11 − remainder, and 0 when the remainder is 0 or 1.</summary>
    public static int MyNumber(string body11)
    {
        int remainder = MyNumberRemainder(body11);
        return remainder <= 1 ? 0 : 11 - remainder;
    }

    /// <summary>The body followed by its check digit.</summary>
    public static string WithCheck(string body, Func<string, int> rule) =>
        body + (char)('0' + rule(body));
}
