using System.Globalization;
using System.Text;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Payments;

/// <summary>One row of a 再審査結果 file as read: its values, or why it cannot be used.</summary>
public sealed record ClaimCorrectionRow(
    long Line,
    long MedicalClaimId,
    bool Withdrawn,
    DateOnly DecidedOn,
    long? Points,
    long? PatientShare,
    long? HighCostRefund,
    long? ExtraBenefit,
    long? OtherPublicAmount,
    string Reason,
    string? Problem);

/// <summary>A 再審査結果 file read: the rows and a problem of the file as a whole (header, encoding).</summary>
public sealed record ClaimCorrectionFile(IReadOnlyList<ClaimCorrectionRow> Rows, string? FileProblem);

/// <summary>
/// 再審査結果 CSV (docs/formats/claim-corrections.md): UTF-8 (a BOM allowed), RFC 4180, a header line
/// <c>レセプトID,区分,決定日,点数,保険自己負担額,高額療養費,附加給付,他公費負担額,理由</c>, one row per receipt.
/// 区分 is 訂正 or 取下げ; 決定日 YYYY-MM-DD; an empty amount is "unchanged".
/// </summary>
public static class ClaimCorrectionCsv
{
    /// <summary>The header, exactly.</summary>
    public static readonly IReadOnlyList<string> Header = ["レセプトID", "区分", "決定日", "点数", "保険自己負担額", "高額療養費", "附加給付", "他公費負担額", "理由"];

    public static ClaimCorrectionFile Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var (encoding, fallback) = MarkingDecoderFallback.For(new UTF8Encoding(false));
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var reader = new CsvRecordReader(text, fallback, "UTF-8");
        var header = reader.Read();
        if (header is null)
        {
            return new ClaimCorrectionFile([], "ファイルが空です。");
        }

        if (header.Problem is not null || !header.Fields.Select(f => f.Trim().TrimStart('\uFEFF')).SequenceEqual(Header))
        {
            return new ClaimCorrectionFile([], "1行目の見出しが違います。見出しは " + string.Join(",", Header) + " です。");
        }

        var rows = new List<ClaimCorrectionRow>();
        while (reader.Read() is { } record)
        {
            rows.Add(Parse(record));
        }

        return new ClaimCorrectionFile(rows, null);
    }

    private static ClaimCorrectionRow Parse(CsvRow record)
    {
        ClaimCorrectionRow Problem(string message) => new(record.Line, 0, false, default, null, null, null, null, null, string.Empty, message);
        if (record.Problem is not null)
        {
            return Problem(record.Problem);
        }

        var f = record.Fields;
        if (f.Count != Header.Count)
        {
            return Problem(string.Create(CultureInfo.InvariantCulture, $"項目の数が {f.Count} です（{Header.Count} 項目）。"));
        }

        if (!long.TryParse(f[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var claimId) || claimId <= 0)
        {
            return Problem($"レセプトID が数字ではありません: {f[0]}");
        }

        bool withdrawn;
        switch (f[1].Trim())
        {
            case "訂正":
                withdrawn = false;
                break;
            case "取下げ":
                withdrawn = true;
                break;
            default:
                return Problem($"区分は 訂正 または 取下げ です: {f[1]}") with { MedicalClaimId = claimId };
        }

        if (!DateOnly.TryParseExact(f[2].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var decidedOn))
        {
            return Problem($"決定日は YYYY-MM-DD です: {f[2]}") with { MedicalClaimId = claimId };
        }

        var amounts = new long?[5];
        for (int i = 0; i < 5; i++)
        {
            var value = f[3 + i].Trim();
            if (value.Length == 0)
            {
                continue;
            }

            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 9_999_999_999)
            {
                return Problem($"{Header[3 + i]} は0以上の整数（円・点）です: {value}") with { MedicalClaimId = claimId };
            }

            amounts[i] = amount;
        }

        if (withdrawn && amounts.Any(a => a is not null))
        {
            return Problem("取下げの行には金額・点数を入れません。") with { MedicalClaimId = claimId };
        }

        return new ClaimCorrectionRow(record.Line, claimId, withdrawn, decidedOn, amounts[0], amounts[1], amounts[2], amounts[3], amounts[4], f[8].Trim(), null);
    }
}
