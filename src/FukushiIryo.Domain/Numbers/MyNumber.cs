using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace FukushiIryo.Domain.Numbers;

/// <summary>
/// 個人番号 (My Number) — 12 digits, the last a check digit over the first 11 (総務省令第85号 第5条;
/// formats.md §6.3): with weights 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 from the left, r = Σ mod 11, and the
/// check digit is 0 when r ≤ 1, else 11 − r.
/// </summary>
/// <remarks>
/// <para>
/// A 個人番号 must never leak: <see cref="ToString"/> returns the mask <see cref="Mask"/>, the debugger shows
/// the mask, error messages never repeat the value (only its length), and the digits are reachable only
/// through <see cref="RevealDigits"/>, whose every call site is a deliberate disclosure. The welfare side
/// of the system never holds one (architecture.md §1.7); this type serves the 宛名 module and intake checks.
/// </para>
/// <para>
/// Parsing trims surrounding white space and then accepts only ASCII digits; callers normalise their input
/// with Unicode NFKC first, so that full-width digits become ASCII.
/// </para>
/// <para>
/// The check digit does not catch every single-digit error: remainders 0 and 1 both give check digit 0, so
/// when the check digit is 0 a change of one digit that moves the remainder from 0 to 1 (or back) goes
/// unnoticed. With any other check digit every single-digit change is caught.
/// </para>
/// </remarks>
[DebuggerDisplay("MyNumber " + Mask)]
public sealed class MyNumber : IEquatable<MyNumber>
{
    /// <summary>The number of digits, check digit included.</summary>
    public const int Length = 12;

    /// <summary>What <see cref="ToString"/> returns instead of the digits.</summary>
    public const string Mask = "************";

    private const string Name = "My Number";
    private const string LengthRule = "12 digits";

    /// <summary>Weights of the first 11 digits, from the left.</summary>
    private static ReadOnlySpan<byte> Weights => [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly string _digits;

    private MyNumber(string digits) => _digits = digits;

    /// <summary>True when <paramref name="s"/> is a valid 個人番号 (as <see cref="TryParse"/> reads it).</summary>
    public static bool IsValid([NotNullWhen(true)] string? s) => s is not null && Read(s, out _) == NumberError.None;

    /// <summary>Reads a 個人番号: 12 ASCII digits with a valid check digit, white space around it ignored.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="s"/> is null.</exception>
    /// <exception cref="FormatException">
    /// The text is empty, not digits, not 12 digits long, or its check digit is wrong. The message never repeats the value.
    /// </exception>
    public static MyNumber Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        NumberError error = Read(s, out string digits);
        return error == NumberError.None
            ? new MyNumber(digits)
            : throw new FormatException(NumberText.Message(error, Name, LengthRule, digits, echoValue: false));
    }

    /// <summary>Reads a 個人番号 as <see cref="Parse"/> does, returning false instead of throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [NotNullWhen(true)] out MyNumber? result)
    {
        if (s is not null && Read(s, out string digits) == NumberError.None)
        {
            result = new MyNumber(digits);
            return true;
        }

        result = null;
        return false;
    }

    /// <summary>
    /// The 12 digits. Every call is a disclosure of a 個人番号: call it only where the digits must leave the
    /// object (encryption into the vault, an authorised and audited reveal), never for logging or display.
    /// </summary>
    public string RevealDigits() => _digits;

    /// <summary>Always <see cref="Mask"/>, never the digits.</summary>
    public override string ToString() => Mask;

    /// <inheritdoc/>
    public bool Equals(MyNumber? other) => other is not null && string.Equals(_digits, other._digits, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as MyNumber);

    /// <inheritdoc/>
    public override int GetHashCode() => _digits.GetHashCode(StringComparison.Ordinal);

    /// <summary>Value equality.</summary>
    public static bool operator ==(MyNumber? left, MyNumber? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(MyNumber? left, MyNumber? right) => !(left == right);

    /// <summary>The check digit of an 11-digit body of ASCII digits.</summary>
    private static int ComputeCheckDigit(ReadOnlySpan<char> body)
    {
        int sum = 0;
        for (int i = 0; i < Length - 1; i++)
        {
            sum += (body[i] - '0') * Weights[i];
        }

        int remainder = sum % 11;
        return remainder <= 1 ? 0 : 11 - remainder;
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
