using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Web;

/// <summary>How values are shown to staff: 和暦 with 西暦, Japanese labels for codes.</summary>
public static class Display
{
    private static readonly TimeZoneInfo Japan = JstClock.TimeZone;

    /// <summary>令和8年3月11日（2026-03-11）; empty for null.</summary>
    public static string Date(DateOnly? date) => date is { } value
        ? (WarekiDate.TryFrom(value) is { } wareki ? $"{wareki.ToLongString()}（{Iso(value)}）" : Iso(value))
        : string.Empty;

    /// <summary>The 和暦 alone (令和8年3月11日), for dense tables.</summary>
    public static string Wareki(DateOnly? date) => date is { } value
        ? WarekiDate.TryFrom(value)?.ToLongString() ?? Iso(value)
        : string.Empty;

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An instant in JST: 2026-11-02 10:15.</summary>
    public static string Instant(DateTimeOffset? instant) => instant is { } value
        ? TimeZoneInfo.ConvertTime(value, Japan).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : string.Empty;

    /// <summary>A valid period [from, to) shown with its last day: 2026-04-01 〜 2026-09-30, or 〜 (継続中).</summary>
    public static string Period(DateOnly from, DateOnly? to) =>
        $"{Wareki(from)} 〜 {(to is { } end ? Wareki(end.AddDays(-1)) : "（継続中）")}";

    public static string Sex(Sex sex) => sex switch
    {
        App.People.Sex.Male => "男",
        App.People.Sex.Female => "女",
        _ => "不明",
    };

    public static string Residency(ResidencyStatus status) => status == ResidencyStatus.Registered ? "住登者" : "住登外";

    public static string Kind(RecordKind kind) => kind switch
    {
        RecordKind.Initial => "登録",
        RecordKind.Change => "変更",
        _ => "訂正",
    };

    public static string Label(RecipientKind kind) => Reverse(RecipientVocabulary.Kinds, kind);

    public static string Label(ApplicationKind kind) => Reverse(RecipientVocabulary.ApplicationKinds, kind);

    public static string Label(EligibilityStatus status) => Reverse(RecipientVocabulary.Statuses, status);

    public static string Label(LossReason? reason) => reason is { } value ? Reverse(RecipientVocabulary.LossReasons, value) : string.Empty;

    public static string Label(SingleParentReason? reason) => reason is { } value ? Reverse(RecipientVocabulary.SingleParentReasons, value) : string.Empty;

    public static string Label(BenefitMethod? method) => method is { } value ? Reverse(RecipientVocabulary.BenefitMethods, value) : string.Empty;

    public static string Label(FundingShare? share) => share is { } value ? Reverse(RecipientVocabulary.FundingShares, value) : string.Empty;

    public static string Label(InsuranceKind kind) => Reverse(RecipientVocabulary.InsuranceKinds, kind);

    public static string Label(InsuredRole role) => Reverse(RecipientVocabulary.InsuredRoles, role);

    public static string Label(AccountType type) => type switch
    {
        AccountType.Ordinary => "普通",
        AccountType.Current => "当座",
        AccountType.Savings => "貯蓄",
        _ => "その他",
    };

    public static string Label(DecisionResult? result) => result switch
    {
        DecisionResult.Granted => "認定",
        DecisionResult.Rejected => "却下",
        _ => string.Empty,
    };

    public static string Flag(bool value) => value ? "あり" : "なし";

    public static string Yen(long? amount) => amount is { } value ? value.ToString("#,0", CultureInfo.InvariantCulture) + "円" : string.Empty;

    private static string Reverse<T>(IReadOnlyDictionary<string, T> vocabulary, T value)
        where T : struct => vocabulary.FirstOrDefault(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key ?? value.ToString()!;
}
