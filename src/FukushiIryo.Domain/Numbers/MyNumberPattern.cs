namespace FukushiIryo.Domain.Numbers;

/// <summary>Where a text holds what looks like a 個人番号: the span, never the digits.</summary>
/// <param name="Start">The index of the first character of the span in the text (UTF-16 units).</param>
/// <param name="Length">The span's length in the text, separators included.</param>
public readonly record struct MyNumberMatch(int Start, int Length);

/// <summary>
/// The pattern half of P16 (pia-controls.md): finds in free text the 12-digit numbers that pass the
/// 個人番号 check digit — written in one run (<c>nnnnnnnnnnnn</c>) or grouped 4-4-4 with a space or a
/// hyphen (<c>nnnn nnnn nnnn</c>), in half- or full-width digits. A run of more or fewer than 12
/// digits is not one, nor is a run that touches an ASCII letter (it is part of a token: a hash, an
/// identifier, a base-32/64 key — hex hashes and GUIDs hold 12-digit runs by chance). A match is a
/// candidate for review: about one random 12-digit number in ten passes the check.
/// </summary>
public static class MyNumberPattern
{
    public static IReadOnlyList<MyNumberMatch> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var matches = new List<MyNumberMatch>();
        var runs = DigitRuns(text);
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            if (run.Length == 12)
            {
                if (!TouchesToken(text, run.Start, run.Length))
                {
                    Check(text, run.Start, run.Length, matches);
                }

                continue;
            }

            // 4-4-4 with one separator between the groups.
            if (run.Length == 4 && i + 2 < runs.Count
                && runs[i + 1].Length == 4 && runs[i + 2].Length == 4
                && IsSeparatorBetween(text, run, runs[i + 1]) && IsSeparatorBetween(text, runs[i + 1], runs[i + 2])
                && !IsSeparatorBefore(text, run, i > 0 ? runs[i - 1] : null)
                && !IsSeparatorAfter(text, runs[i + 2], i + 3 < runs.Count ? runs[i + 3] : null))
            {
                var end = runs[i + 2].Start + runs[i + 2].Length;
                if (!TouchesToken(text, run.Start, end - run.Start))
                {
                    Check(text, run.Start, end - run.Start, matches);
                }

                i += 2;
            }
        }

        return matches;
    }

    /// <summary>Whether <paramref name="text"/> holds at least one candidate.</summary>
    public static bool Contains(string? text) => Find(text).Count > 0;

    private static void Check(string text, int start, int length, List<MyNumberMatch> matches)
    {
        Span<char> digits = stackalloc char[12];
        var n = 0;
        for (var k = start; k < start + length; k++)
        {
            if (DigitValue(text[k]) is { } d)
            {
                digits[n++] = (char)('0' + d);
            }
        }

        if (n == 12 && MyNumber.IsValid(new string(digits)))
        {
            matches.Add(new MyNumberMatch(start, length));
        }
    }

    private static List<(int Start, int Length)> DigitRuns(string text)
    {
        var runs = new List<(int Start, int Length)>();
        var i = 0;
        while (i < text.Length)
        {
            if (DigitValue(text[i]) is null)
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && DigitValue(text[i]) is not null)
            {
                i++;
            }

            runs.Add((start, i - start));
        }

        return runs;
    }

    private static bool IsSeparatorBetween(string text, (int Start, int Length) left, (int Start, int Length) right) =>
        right.Start == left.Start + left.Length + 1 && IsSeparator(text[left.Start + left.Length]);

    private static bool IsSeparatorBefore(string text, (int Start, int Length) run, (int Start, int Length)? previous) =>
        previous is { } p && IsSeparatorBetween(text, p, run);

    private static bool IsSeparatorAfter(string text, (int Start, int Length) run, (int Start, int Length)? next) =>
        next is { } n && IsSeparatorBetween(text, run, n);

    /// <summary>Whether the span has an ASCII letter right before or after it.</summary>
    private static bool TouchesToken(string text, int start, int length) =>
        (start > 0 && char.IsAsciiLetter(text[start - 1]))
        || (start + length < text.Length && char.IsAsciiLetter(text[start + length]));

    private static bool IsSeparator(char c) => c is ' ' or '-' or '\u3000' or '－' or '‐' or '−';

    private static int? DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= '０' and <= '９' => c - '０',
        _ => null,
    };
}
