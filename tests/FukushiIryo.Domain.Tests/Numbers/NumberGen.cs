using FsCheck;
using FsCheck.Fluent;

namespace FukushiIryo.Domain.Tests.Numbers;

/// <summary>A single-digit substitution: the digit at <see cref="Position"/> is replaced by another digit.</summary>
internal readonly record struct Substitution(int Position, int Offset)
{
    /// <summary>Applies the substitution: digit d becomes (d + Offset) mod 10, with Offset in 1..9, so it always changes.</summary>
    public string ApplyTo(string digits)
    {
        char[] chars = digits.ToCharArray();
        chars[Position] = (char)('0' + (chars[Position] - '0' + Offset) % 10);
        return new string(chars);
    }
}

/// <summary>Generators shared by the property tests of the number types.</summary>
internal static class NumberGen
{
    /// <summary>Strings of exactly <paramref name="length"/> ASCII digits.</summary>
    public static Gen<string> Digits(int length) =>
        Gen.Choose(0, 9).ArrayOf(length).Select(ds => new string(ds.Select(d => (char)('0' + d)).ToArray()));

    /// <summary>Any single-digit substitution within a string of <paramref name="length"/> digits.</summary>
    public static Gen<Substitution> Substitution(int length) =>
        Gen.Choose(0, length - 1).Zip(Gen.Choose(1, 9), (position, offset) => new Substitution(position, offset));

    /// <summary>A generated value together with a substitution over <paramref name="length"/> digits.</summary>
    public static Arbitrary<(string Value, Substitution Change)> WithSubstitution(Gen<string> values, int length) =>
        values.Zip(Substitution(length), (value, change) => (value, change)).ToArbitrary();

    /// <summary>Prefecture codes 01-47.</summary>
    public static Gen<string> Prefecture =>
        Gen.Choose(1, 47).Select(p => p.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
}
