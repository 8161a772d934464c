using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Settings;

/// <summary>
/// One value of a system setting (システム設定) as it was set: every change adds a row and ends the
/// row before it (<see cref="SupersededAt"/>), so the history of a setting is never lost.
/// </summary>
public sealed class SystemSetting
{
    public long Id { get; set; }

    public string Key { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;

    public DateTimeOffset SetAt { get; set; }

    public string SetBy { get; set; } = string.Empty;

    /// <summary>When a later change replaced this value; null for the value in force.</summary>
    public DateTimeOffset? SupersededAt { get; set; }
}

internal sealed class SystemSettingConfiguration : IEntityTypeConfiguration<SystemSetting>
{
    public void Configure(EntityTypeBuilder<SystemSetting> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Key).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(2000);
        builder.Property(s => s.SetBy).HasMaxLength(100);
        builder.HasIndex(s => new { s.Key, s.SupersededAt });
    }
}

/// <summary>A setting the system knows: its key, its meaning for staff, its default and its check.</summary>
/// <param name="Validate">Returns the canonical value, or throws <see cref="FormatException"/> with a Japanese message.</param>
public sealed record SettingDefinition(string Key, string Description, string Default, Func<string, string> Validate);

/// <summary>
/// System settings (システム設定), changed by システム管理 with <c>fukushi settings set KEY VALUE</c>
/// (interfaces.md §7); each change audited with the old and the new value. Only the keys of
/// <see cref="Definitions"/> exist; a key never set has its default.
/// </summary>
public sealed class SystemSettings(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Words a staff password must not contain: the city, the section, the system (comma separated).</summary>
    public const string PasswordContextWords = "password.context-words";

    /// <summary>
    /// The city's own income criterion for eligibility (decisions.md D4 (a)): <c>none</c> (default) or
    /// <c>partial-allowance-limits</c> (the 児童扶養手当 一部支給 limits, as the prefecture criterion).
    /// </summary>
    public const string CityIncomeCriterion = "eligibility.city-income-criterion";

    /// <summary>全銀 振込依頼人コード (委託者コード, 10 digits, assigned by the bank). Unset: <c>payments export</c> refuses.</summary>
    public const string PaymentRequesterCode = "payment.requester-code";

    /// <summary>全銀 振込依頼人名 (half-width kana as the 全銀 file writes it, at most 40 bytes).</summary>
    public const string PaymentRequesterName = "payment.requester-name";

    /// <summary>仕向銀行番号 (the city's bank, 4 digits).</summary>
    public const string PaymentBankCode = "payment.bank-code";

    /// <summary>仕向銀行名 (half-width kana, at most 15 bytes; may be empty).</summary>
    public const string PaymentBankName = "payment.bank-name";

    /// <summary>仕向支店番号 (3 digits).</summary>
    public const string PaymentBranchCode = "payment.branch-code";

    /// <summary>仕向支店名 (half-width kana, at most 15 bytes; may be empty).</summary>
    public const string PaymentBranchName = "payment.branch-name";

    /// <summary>預金種目 of the city's account: 1 普通, 2 当座, 9 その他.</summary>
    public const string PaymentAccountType = "payment.account-type";

    /// <summary>口座番号 of the city's account (7 digits).</summary>
    public const string PaymentAccountNumber = "payment.account-number";

    /// <summary>科目 of the accounting CSV (支出命令データ).</summary>
    public const string PaymentAccountTitle = "payment.account-title";
    /// <summary>
    /// 更新未提出 grace period of the August renewal, in days after 8/1 (default 30): a household
    /// whose form has not come back when the decide step runs on or after 8/1 + this many days loses
    /// its eligibility for 更新未提出 (喪失日 by the LossRule, 8/1 with the defaults). ADR 0019.
    /// </summary>
    public const string RenewalGraceDays = "renewal.grace-days";

    /// <summary>
    /// 返還請求 after N months (ADR 0033): a 過誤調整 decrease still not offset this many months after it was
    /// made becomes a 返還請求 when <c>payments recoveries sweep</c> runs (default 3; 0 = never by age).
    /// </summary>
    public const string RecoveryAfterMonths = "payment.recovery-after-months";

    /// <summary>納期限 of a 返還請求 and 指定期限 of a 督促: this many days after issue (default 30).</summary>
    public const string RecoveryDueDays = "payment.recovery-due-days";

    public static IReadOnlyList<SettingDefinition> Definitions { get; } =
    [
        new(PasswordContextWords, "パスワードに含めてはならない語（市名・課名・システム名など、カンマ区切り）", "奈良,nara,子ども給付課,fukushi,福祉医療", ValidateWordList),
        new(CityIncomeCriterion, "市の資格要件としての所得制限（none = なし、partial-allowance-limits = 児童扶養手当 一部支給の限度額）", "none",
            value => value is "none" or "partial-allowance-limits" ? value : throw new FormatException("none または partial-allowance-limits を指定してください。")),
        new(PaymentRequesterCode, "全銀 振込依頼人コード（委託者コード、10桁、金融機関が付番）。未設定では支払ファイルを出力しない", "", value => Digits(value, 10)),
        new(PaymentRequesterName, "全銀 振込依頼人名（半角カナ、40バイト以内。全角カナは半角に変換）", "ﾅﾗｼ", value => ZenginField(value, 40)),
        new(PaymentBankCode, "仕向銀行番号（市の口座の金融機関コード、4桁）", "", value => Digits(value, 4)),
        new(PaymentBankName, "仕向銀行名（半角カナ、15バイト以内）", "", value => ZenginField(value, 15)),
        new(PaymentBranchCode, "仕向支店番号（3桁）", "", value => Digits(value, 3)),
        new(PaymentBranchName, "仕向支店名（半角カナ、15バイト以内）", "", value => ZenginField(value, 15)),
        new(PaymentAccountType, "市の口座の預金種目（1 普通、2 当座、9 その他）", "1",
            value => value is "1" or "2" or "9" ? value : throw new FormatException("1（普通）、2（当座）、9（その他）のいずれかを指定してください。")),
        new(PaymentAccountNumber, "市の口座番号（7桁）", "", value => Digits(value, 7)),
        new(PaymentAccountTitle, "会計連携CSV（支出命令データ）の科目", "扶助費", value => value.Length is > 0 and <= 100 ? value : throw new FormatException("1〜100文字で指定してください。")),
        new(RenewalGraceDays, "8月の更新で、8月1日から何日たっても更新申請書が返送されない世帯を更新未提出として喪失させるか（日数、0〜365）", "30",
            value => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= 365
                ? days.ToString(CultureInfo.InvariantCulture)
                : throw new FormatException("0 から 365 までの日数を指定してください。")),
        new(RecoveryAfterMonths, "過誤調整の減額が相殺されないまま何か月たったら返還請求にするか（月数、0 = 月数では返還請求にしない）", "3",
            value => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var months) && months <= 120
                ? months.ToString(CultureInfo.InvariantCulture)
                : throw new FormatException("0 から 120 までの月数を指定してください。")),
        new(RecoveryDueDays, "返還請求の納期限・督促の指定期限を発行日の何日後にするか（日数、1〜365）", "30",
            value => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 365
                ? days.ToString(CultureInfo.InvariantCulture)
                : throw new FormatException("1 から 365 までの日数を指定してください。")),
    ];

    public static SettingDefinition? Find(string key) => Definitions.FirstOrDefault(d => string.Equals(d.Key, key, StringComparison.Ordinal));

    /// <summary>The value in force (the default when never set).</summary>
    public async Task<string> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var definition = Find(key) ?? throw new ArgumentException($"unknown setting {key}", nameof(key));
        var current = await db.Set<SystemSetting>().AsNoTracking()
            .Where(s => s.Key == key && s.SupersededAt == null)
            .Select(s => s.Value).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return current ?? definition.Default;
    }

    /// <summary>The words of <see cref="PasswordContextWords"/>.</summary>
    public async Task<IReadOnlyList<string>> GetWordsAsync(string key, CancellationToken cancellationToken = default) =>
        SplitWords(await GetAsync(key, cancellationToken).ConfigureAwait(false));

    /// <summary>Sets a value; returns the old one. Throws <see cref="FormatException"/> (Japanese message) for a value the key refuses.</summary>
    public async Task<string> SetAsync(string key, string value, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var definition = Find(key) ?? throw new KeyNotFoundException($"設定 {key} はありません。設定できるのは {string.Join(", ", Definitions.Select(d => d.Key))} です。");
        var canonical = definition.Validate(value.Trim());
        var now = AppClock.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var current = await db.Set<SystemSetting>().Where(s => s.Key == key && s.SupersededAt == null).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var old = current?.Value ?? definition.Default;
        if (current is not null)
        {
            current.SupersededAt = now;
        }

        db.Add(new SystemSetting { Key = key, Value = canonical, SetAt = now, SetBy = actor });
        db.AddAudit(new AuditEntry(actor, AuditEventType.SettingChanged, "setting", key, new Dictionary<string, object?>
        {
            ["oldValue"] = old,
            ["newValue"] = canonical,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return old;
    }

    private static string Digits(string value, int length) =>
        value.Length == length && value.All(char.IsAsciiDigit) ? value : throw new FormatException($"{length}桁の数字で指定してください。");

    /// <summary>A 全銀 name field: converted to half-width 全銀 characters, refused when a character cannot be written or it is too long.</summary>
    private static string ZenginField(string value, int bytes)
    {
        var converted = Domain.Text.ZenginText.Convert(value);
        if (!converted.IsComplete)
        {
            throw new FormatException("全銀ファイルに書けない文字があります: " + string.Concat(converted.Rejected.Select(r => $"「{r.Character}」")));
        }

        return converted.Text.Length <= bytes ? converted.Text : throw new FormatException($"{bytes}バイト（半角{bytes}文字）以内で指定してください。");
    }

    internal static IReadOnlyList<string> SplitWords(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string ValidateWordList(string value)
    {
        var words = SplitWords(value);
        if (words.Count == 0)
        {
            throw new FormatException("語を1つ以上、カンマ区切りで指定してください。");
        }

        if (words.Any(w => w.Length > 50))
        {
            throw new FormatException("1語は50文字以内にしてください。");
        }

        return string.Join(",", words.Distinct(StringComparer.Ordinal).Select(w => w.ToString(CultureInfo.InvariantCulture)));
    }
}
