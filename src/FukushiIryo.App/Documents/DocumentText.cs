using FukushiIryo.Domain.Eligibility;
using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Calendar;

namespace FukushiIryo.App.Documents;

/// <summary>The words the documents print: 和暦 dates and the Japanese names of the codes.</summary>
public static class DocumentText
{
    /// <summary>"令和8年8月1日" (元年 for year 1).</summary>
    public static string Date(DateOnly date) => WarekiDate.From(date).ToLongString();

    /// <summary>"令和8年8月1日から令和9年7月31日まで" (both ends inclusive).</summary>
    public static string Period(DateOnly from, DateOnly to) => $"{Date(from)}から{Date(to)}まで";

    /// <summary>"令和8年5月10日 14:05" in Japan time.</summary>
    public static string Instant(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, JstClock.TimeZone);
        return string.Create(CultureInfo.InvariantCulture, $"{Date(DateOnly.FromDateTime(local.DateTime))} {local:HH:mm}");
    }

    /// <summary>申請種別: 新規 / 更新 / 変更 / 再交付.</summary>
    public static string Of(ApplicationKind kind) => Label(RecipientVocabulary.ApplicationKinds, kind);

    /// <summary>給付区分: 現物給付 / 自動償還 / 償還払い.</summary>
    public static string Of(BenefitMethod method) => Label(RecipientVocabulary.BenefitMethods, method);

    /// <summary>喪失事由: 婚姻, 転出, … (interfaces.md §4).</summary>
    public static string Of(LossReason reason) => Label(RecipientVocabulary.LossReasons, reason);

    /// <summary>
    /// 教示 (行政不服審査法 第82条, 行政事件訴訟法 第46条) for a notice of an adverse decision
    /// (却下, 喪失): where and within what time a 審査請求 and a 取消訴訟 can be brought.
    /// </summary>
    public static string Appeal(DocumentIssuer issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        return $"１　この処分に不服がある場合は、この処分があったことを知った日の翌日から起算して3か月以内に、{issuer.Head}に対して審査請求をすることができます。\n" +
            $"２　この処分の取消しの訴えは、この処分があったことを知った日の翌日から起算して6か月以内に、{issuer.City}を被告として（訴訟において{issuer.City}を代表する者は{issuer.Head}となります。）提起することができます。ただし、審査請求をした場合は、その審査請求に対する裁決があったことを知った日の翌日から起算して6か月以内に提起することができます。";
    }

    private static string Label<T>(IReadOnlyDictionary<string, T> vocabulary, T value)
        where T : struct, Enum =>
        vocabulary.First(entry => EqualityComparer<T>.Default.Equals(entry.Value, value)).Key;
}
