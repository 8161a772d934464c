using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.Domain.Payments;

/// <summary>
/// Which insurers may pay a 附加給付 (decisions.md D6): only 健保組合 and 共済, read from the 法別番号 of
/// the 保険者番号. 国保 (6 digits, no 法別), 協会けんぽ (01), 船員保険 (02), 日雇 (03, 04), 後期高齢者 (39)
/// and every other 法別 pay none.
/// </summary>
public static class ExtraBenefitInsurers
{
    /// <summary>
    /// 法別番号 of insurers that may pay one: 06 組合管掌健康保険, 07 防衛省職員給与法, 31 国家公務員共済,
    /// 32 地方公務員等共済, 33 警察共済, 34 公立学校共済・私学共済, 63 特例退職 (組合), 72–75 特例退職 (共済).
    /// </summary>
    public static IReadOnlySet<string> LawCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "06", "07", "31", "32", "33", "34", "63", "72", "73", "74", "75",
    };

    /// <summary>Whether <paramref name="insurer"/> is a 健保組合 or 共済.</summary>
    public static bool MayPay(InsurerNumber insurer)
    {
        ArgumentNullException.ThrowIfNull(insurer);
        return insurer.LawCode is { } law && LawCodes.Contains(law);
    }

    /// <summary>Why <paramref name="text"/> cannot carry a 附加給付 (Japanese, for staff), or null when it can.</summary>
    public static string? Refusal(string? text)
    {
        if (!InsurerNumber.TryParse(text, out var insurer))
        {
            return "保険者番号は、検証番号の正しい8桁の数字で入力してください。";
        }

        if (insurer.IsNationalHealthInsurance)
        {
            return "国民健康保険は附加給付を行いません。附加給付は健保組合と共済だけです。";
        }

        return MayPay(insurer)
            ? null
            : $"法別番号 {insurer.LawCode} の保険者（協会けんぽ・船員保険・後期高齢者など）は附加給付を行いません。附加給付は健保組合と共済だけです。";
    }
}
