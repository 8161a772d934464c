using System.Text;
using Microsoft.AspNetCore.Identity;

namespace FukushiIryo.App.Security;

/// <summary>
/// The password policy for staff accounts (ASVS 5.0 L2, 評価書 P5): 12 to 128 characters counted as
/// Unicode code points (an emoji or a kanji is one), any characters, no composition rules; refused
/// when it is a common password (the shipped list, see <c>Security/CommonPasswords/NOTICE.md</c>)
/// or contains a word of its context (the city, the section, the system, the user's own login, name
/// or 職員番号). Comparisons are made on the NFKC-normalised, lower-cased text, so that full-width
/// letters and case do not hide a word. Registered in place of Identity's own validator.
/// </summary>
public sealed class StaffPasswordPolicy(Settings.SystemSettings settings) : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    /// <summary>Identity error codes of the refusals (translated by <see cref="StaffAccounts"/>).</summary>
    public const string TooShortCode = "PasswordTooShort";
    public const string TooLongCode = "PasswordTooLong";
    public const string CommonCode = "PasswordCommon";
    public const string ContextWordCode = "PasswordContainsContextWord";

    /// <summary>
    /// The default words of the system's context (the city, the section, the system's name); the
    /// words in force are the setting <see cref="Settings.SystemSettings.PasswordContextWords"/>.
    /// </summary>
    public static IReadOnlyList<string> DefaultContextWords { get; } =
        Settings.SystemSettings.SplitWords(Settings.SystemSettings.Find(Settings.SystemSettings.PasswordContextWords)!.Default);

    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    /// <summary>The number of Unicode code points (not UTF-16 units) of <paramref name="password"/>.</summary>
    public static int Length(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return password.EnumerateRunes().Count();
    }

    /// <summary>Whether the (normalised) password is in the shipped common-password list.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var key = Fold(password);
        return CommonPasswords.Value.Contains(key) || CommonPasswords.Value.Contains(string.Concat(key.Where(c => !char.IsWhiteSpace(c))));
    }

    /// <summary>The first context word that <paramref name="password"/> contains, or null.</summary>
    public static string? ContextWordIn(string password, StaffUser? user) => ContextWordIn(password, user, DefaultContextWords);

    /// <summary>The first context word (of <paramref name="systemWords"/> and the user's own) that <paramref name="password"/> contains, or null.</summary>
    public static string? ContextWordIn(string password, StaffUser? user, IReadOnlyList<string> systemWords)
    {
        ArgumentNullException.ThrowIfNull(password);
        var folded = Fold(password);
        var squeezed = string.Concat(folded.Where(c => !char.IsWhiteSpace(c)));
        return ContextWords(user, systemWords).FirstOrDefault(word =>
        {
            var key = Fold(word);
            return folded.Contains(key, StringComparison.Ordinal) || squeezed.Contains(key, StringComparison.Ordinal);
        });
    }

    /// <summary>The refusals for <paramref name="password"/>; empty when the policy accepts it.</summary>
    public static IReadOnlyList<IdentityError> Check(string? password, StaffUser? user) => Check(password, user, DefaultContextWords);

    /// <summary>The refusals for <paramref name="password"/> with the system's context words given; empty when the policy accepts it.</summary>
    public static IReadOnlyList<IdentityError> Check(string? password, StaffUser? user, IReadOnlyList<string> systemWords)
    {
        if (string.IsNullOrEmpty(password))
        {
            return [new IdentityError { Code = TooShortCode, Description = TooShortMessage }];
        }

        var length = Length(password);
        if (length < MinimumLength)
        {
            return [new IdentityError { Code = TooShortCode, Description = TooShortMessage }];
        }

        if (length > MaximumLength)
        {
            return [new IdentityError { Code = TooLongCode, Description = TooLongMessage }];
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError { Code = CommonCode, Description = CommonMessage });
        }

        if (ContextWordIn(password, user, systemWords) is { } word)
        {
            errors.Add(new IdentityError { Code = ContextWordCode, Description = ContextWordMessage(word) });
        }

        return errors;
    }

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        var words = await settings.GetWordsAsync(Settings.SystemSettings.PasswordContextWords).ConfigureAwait(false);
        var errors = Check(password, user, words);
        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    internal const string TooShortMessage = "パスワードは12文字以上にしてください（漢字・かな・記号も1文字と数えます）。";
    internal const string TooLongMessage = "パスワードは128文字以下にしてください。";
    internal const string CommonMessage = "よく使われるパスワードの一覧にあるため、このパスワードは使えません。";

    internal static string ContextWordMessage(string word) =>
        $"パスワードに「{word}」を含めることはできません（市名・課名・システム名・本人のログインID・氏名・職員番号は使えません）。";

    private static IEnumerable<string> ContextWords(StaffUser? user, IReadOnlyList<string> systemWords)
    {
        foreach (var word in systemWords)
        {
            yield return word;
        }

        if (user is null)
        {
            yield break;
        }

        foreach (var value in new[] { user.UserName, user.StaffNumber })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                yield return value.Trim();
            }
        }

        if (!string.IsNullOrWhiteSpace(user.DisplayName))
        {
            var parts = user.DisplayName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            yield return string.Concat(parts);

            // Each part of the name (family name, given name); a single character is too common to refuse.
            foreach (var part in parts.Where(part => Length(part) >= 2))
            {
                yield return part;
            }
        }
    }

    /// <summary>NFKC, then lower case (invariant), so that ＮＡＲＡ, Nara and nara compare equal.</summary>
    private static string Fold(string text)
    {
        var normalized = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        return normalized.ToLowerInvariant();
    }

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(StaffPasswordPolicy).Assembly.GetManifestResourceStream("FukushiIryo.App.Security.CommonPasswords.passwords.txt")
            ?? throw new InvalidOperationException("The common-password list is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(Fold(line));
            }
        }

        return set;
    }
}
