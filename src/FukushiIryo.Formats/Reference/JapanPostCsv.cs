using System.Text;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.Formats.Reference;

/// <summary>
/// One 町域 of 日本郵便's 郵便番号データ (KEN_ALL.CSV or utf_ken_all.csv, formats.md §5), with the
/// lines of a split 町域 joined and the text normalised (<see cref="JapanPostCsv.NormalizeKana"/>,
/// <see cref="JapanPostCsv.NormalizeText"/>).
/// </summary>
/// <param name="Line">The physical line on which the 町域 starts.</param>
/// <param name="MunicipalityCode">全国地方公共団体コード, 5 digits without the check digit (JIS X 0402).</param>
/// <param name="PostalCode">郵便番号, 7 digits.</param>
/// <param name="PrefectureKana">都道府県名カナ (full-width).</param>
/// <param name="CityKana">市区町村名カナ.</param>
/// <param name="TownKana">町域名カナ.</param>
/// <param name="Prefecture">都道府県名.</param>
/// <param name="City">市区町村名.</param>
/// <param name="Town">町域名 as Japan Post writes it, notes included (<c>以下に掲載がない場合</c>, <c>（その他）</c>…); see <see cref="JapanPostCsv.DisplayTown"/>.</param>
/// <param name="IsPartOfTown">一町域が二以上の郵便番号で表される (column 10).</param>
/// <param name="IsKoazaNumbered">小字毎に番地が起番されている (column 11).</param>
/// <param name="HasChome">丁目を有する (column 12).</param>
/// <param name="CoversSeveralTowns">一つの郵便番号で二以上の町域を表す (column 13).</param>
public sealed record PostalAddressRecord(
    long Line,
    string MunicipalityCode,
    string PostalCode,
    string PrefectureKana,
    string CityKana,
    string TownKana,
    string Prefecture,
    string City,
    string Town,
    bool IsPartOfTown,
    bool IsKoazaNumbered,
    bool HasChome,
    bool CoversSeveralTowns);

/// <summary>One 大口事業所個別番号 of JIGYOSYO.CSV (formats.md §5), text normalised like the addresses.</summary>
/// <param name="Line">The physical line.</param>
/// <param name="MunicipalityCode">全国地方公共団体コード, 5 digits.</param>
/// <param name="OfficeNameKana">大口事業所名カナ (full-width).</param>
/// <param name="OfficeName">大口事業所名.</param>
/// <param name="Prefecture">都道府県名.</param>
/// <param name="City">市区町村名.</param>
/// <param name="Town">町域名.</param>
/// <param name="StreetAddress">小字名、丁目、番地等.</param>
/// <param name="PostalCode">大口事業所個別番号, 7 digits.</param>
/// <param name="PostOffice">取扱局.</param>
/// <param name="IsPostOfficeBox">個別番号の種別: true = 私書箱, false = 大口事業所.</param>
/// <param name="HasSeveralCodes">複数番号の有無: the office has more than one 個別番号.</param>
public sealed record LargeOfficeRecord(
    long Line,
    string MunicipalityCode,
    string OfficeNameKana,
    string OfficeName,
    string Prefecture,
    string City,
    string Town,
    string StreetAddress,
    string PostalCode,
    string PostOffice,
    bool IsPostOfficeBox,
    bool HasSeveralCodes);

/// <summary>
/// Streaming readers of 日本郵便's postal code files (formats.md §5). Lines that cannot be read go
/// to the error log and are skipped.
/// <para>
/// KEN_ALL.CSV writes a long 町域 over several lines: the first line opens a parenthesis
/// (<c>中町（５１１５～…、</c>) and the following lines of the same 郵便番号 carry the rest until
/// it closes. Such lines are joined into one record: the 町域名 parts are concatenated, and so are
/// the カナ parts, except that a カナ part equal to the one of the line before is not repeated
/// (KEN_ALL repeats the whole カナ on some continuation lines). utf_ken_all.csv writes one line
/// per 町域, so nothing is joined there. Verified on the whole 2026-05 editions: the joined
/// KEN_ALL and utf_ken_all give the same 124,511 records, field for field, after normalisation.
/// </para>
/// </summary>
public static class JapanPostCsv
{
    /// <summary>The 町域名 of the catch-all line of a municipality: its addresses not listed elsewhere.</summary>
    public const string CatchAllTown = "以下に掲載がない場合";

    /// <summary>Reads KEN_ALL.CSV or utf_ken_all.csv (15 columns, no header).</summary>
    public static IEnumerable<PostalAddressRecord> ReadAddresses(TextReader reader, string source, ReferenceErrorLog errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        return ReadAddressesCore(reader, source, errors);
    }

    /// <summary>Reads JIGYOSYO.CSV (13 columns, no header).</summary>
    public static IEnumerable<LargeOfficeRecord> ReadLargeOffices(TextReader reader, string source, ReferenceErrorLog errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        return ReadLargeOfficesCore(reader, source, errors);
    }

    /// <summary>
    /// A kana column as the system keeps it: full-width katakana with the sound marks joined
    /// (KEN_ALL's <c>ﾅｶﾏﾁ</c> → <c>ナカマチ</c>), full-width digits, letters and punctuation
    /// (<c>(</c> → <c>（</c>, <c>､</c> → <c>、</c>, a space → U+3000), and the dashes written as
    /// <see cref="NormalizeText"/> writes them. utf_ken_all's kana is already in this form.
    /// </summary>
    public static string NormalizeKana(string kana)
    {
        ArgumentNullException.ThrowIfNull(kana);
        var full = KanaNormalizer.ToFullWidthKatakana(kana);
        var result = new StringBuilder(full.Length);
        foreach (var c in full)
        {
            result.Append(c switch
            {
                ' ' => '\u3000',
                >= '!' and <= '~' => (char)(c + 0xFEE0),
                _ => TextChar(c),
            });
        }

        return result.ToString();
    }

    /// <summary>
    /// A kanji column as the system keeps it: in the characters CP932 writes, so that the same
    /// address from KEN_ALL (CP932) and from utf_ken_all (UTF-8) is the same text and can be written
    /// back to Shift_JIS files: utf_ken_all's WAVE DASH 〜 (U+301C) becomes the FULLWIDTH TILDE ～
    /// (U+FF5E) and its MINUS SIGN − (U+2212) the FULLWIDTH HYPHEN-MINUS － (U+FF0D), which is
    /// how Windows decodes those CP932 bytes.
    /// </summary>
    public static string NormalizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.IndexOfAny(['\u301C', '\u2212']) < 0
            ? text
            : string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = TextChar(source[i]);
                }
            });
    }

    /// <summary>
    /// The 町域 to show in an address: empty for the catch-all lines (<c>以下に掲載がない場合</c>,
    /// <c>○○の次に番地がくる場合</c>, <c>○○村一円</c>), and without the parenthesised notes
    /// (<c>大通西（１～１９丁目）</c> → <c>大通西</c>, <c>（その他）</c>, <c>（「鉢伏峠」）</c>).
    /// </summary>
    public static string DisplayTown(string town, string city)
    {
        ArgumentNullException.ThrowIfNull(town);
        ArgumentNullException.ThrowIfNull(city);
        if (town == CatchAllTown || town.EndsWith("の次に番地がくる場合", StringComparison.Ordinal))
        {
            return string.Empty;
        }

        if (town.Length > 2 && town.EndsWith("一円", StringComparison.Ordinal) && city.EndsWith(town[..^2], StringComparison.Ordinal))
        {
            return string.Empty;
        }

        return StripNotes(town);
    }

    /// <summary>The kana of <see cref="DisplayTown"/>: empty for a catch-all line, else <paramref name="townKana"/> without its parenthesised notes.</summary>
    public static string DisplayTownKana(string town, string townKana, string city)
    {
        ArgumentNullException.ThrowIfNull(townKana);
        return DisplayTown(town, city).Length == 0 ? string.Empty : StripNotes(townKana);
    }

    private static string StripNotes(string text)
    {
        var result = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c is '（' or '(')
            {
                depth++;
            }
            else if (c is '）' or ')' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                result.Append(c);
            }
        }

        return result.ToString().Trim();
    }

    private static char TextChar(char c) => c switch
    {
        '\u301C' => '\uFF5E',
        '\u2212' => '\uFF0D',
        _ => c,
    };

    private static IEnumerable<PostalAddressRecord> ReadAddressesCore(TextReader reader, string source, ReferenceErrorLog errors)
    {
        var csv = new CsvRecordReader(reader);
        string[]? pending = null;
        long pendingLine = 0;
        string lastKana = string.Empty;
        while (ZenginCodeCsv.Next(csv, source, errors, out var record))
        {
            if (record.Count != 15)
            {
                errors.Add(new ReferenceDataError(source, csv.Line, null, string.Empty, "列の数が 15 ではありません"));
                continue;
            }

            if (pending is not null)
            {
                if (record[2] == pending[2] && record[0] == pending[0])
                {
                    pending[8] += record[8];
                    if (record[5] != lastKana)
                    {
                        pending[5] += record[5];
                    }

                    lastKana = record[5];
                    if (!IsOpen(pending[8]))
                    {
                        if (ToAddress(pendingLine, pending, source, errors) is { } joined)
                        {
                            yield return joined;
                        }

                        pending = null;
                    }

                    continue;
                }

                errors.Add(new ReferenceDataError(source, pendingLine, "町域名", pending[8], "括弧が閉じられないまま次の郵便番号になりました"));
                pending = null;
            }

            if (IsOpen(record[8]))
            {
                pending = [.. record];
                pendingLine = csv.Line;
                lastKana = record[5];
                continue;
            }

            if (ToAddress(csv.Line, record, source, errors) is { } address)
            {
                yield return address;
            }
        }

        if (pending is not null)
        {
            errors.Add(new ReferenceDataError(source, pendingLine, "町域名", pending[8], "括弧が閉じられないままファイルが終わりました"));
        }
    }

    private static bool IsOpen(string town) => town.Count(c => c == '（') > town.Count(c => c == '）');

    private static PostalAddressRecord? ToAddress(long line, IReadOnlyList<string> f, string source, ReferenceErrorLog errors)
    {
        var ok = ZenginCodeCsv.Check(errors, source, line, "全国地方公共団体コード", f[0], ReferenceSource.IsDigits(f[0], 5), "5桁の数字ではありません");
        ok &= ZenginCodeCsv.Check(errors, source, line, "郵便番号", f[2], ReferenceSource.IsDigits(f[2], 7), "7桁の数字ではありません");
        for (var i = 9; i <= 14; i++)
        {
            var allowed = i switch { <= 12 => "01", 13 => "012", _ => "0123456" };
            ok &= ZenginCodeCsv.Check(errors, source, line, $"{i + 1}列目", f[i], f[i].Length == 1 && allowed.Contains(f[i][0], StringComparison.Ordinal), "値が範囲外です");
        }

        var record = new PostalAddressRecord(
            line,
            f[0],
            f[2],
            NormalizeKana(f[3]),
            NormalizeKana(f[4]),
            NormalizeKana(f[5]),
            NormalizeText(f[6]),
            NormalizeText(f[7]),
            NormalizeText(f[8]),
            f[9] == "1",
            f[10] == "1",
            f[11] == "1",
            f[12] == "1");
        ok &= Fits(errors, source, line, "都道府県名カナ", record.PrefectureKana, ReferenceFieldLimits.PrefectureKana);
        ok &= Fits(errors, source, line, "市区町村名カナ", record.CityKana, ReferenceFieldLimits.CityKana);
        ok &= Fits(errors, source, line, "町域名カナ", record.TownKana, ReferenceFieldLimits.Town);
        ok &= Fits(errors, source, line, "都道府県名", record.Prefecture, ReferenceFieldLimits.Prefecture);
        ok &= Fits(errors, source, line, "市区町村名", record.City, ReferenceFieldLimits.City);
        ok &= Fits(errors, source, line, "町域名", record.Town, ReferenceFieldLimits.Town);
        return ok ? record : null;
    }

    private static bool Fits(ReferenceErrorLog errors, string source, long line, string column, string value, int maxLength) =>
        ZenginCodeCsv.Check(errors, source, line, column, value.Length <= maxLength ? string.Empty : value, value.Length <= maxLength,
            $"{maxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)}文字を超えています");

    private static IEnumerable<LargeOfficeRecord> ReadLargeOfficesCore(TextReader reader, string source, ReferenceErrorLog errors)
    {
        var csv = new CsvRecordReader(reader);
        while (ZenginCodeCsv.Next(csv, source, errors, out var f))
        {
            if (f.Count != 13)
            {
                errors.Add(new ReferenceDataError(source, csv.Line, null, string.Empty, "列の数が 13 ではありません"));
                continue;
            }

            var line = csv.Line;
            var ok = ZenginCodeCsv.Check(errors, source, line, "全国地方公共団体コード", f[0], ReferenceSource.IsDigits(f[0], 5), "5桁の数字ではありません");
            ok &= ZenginCodeCsv.Check(errors, source, line, "大口事業所個別番号", f[7], ReferenceSource.IsDigits(f[7], 7), "7桁の数字ではありません");
            ok &= ZenginCodeCsv.Check(errors, source, line, "個別番号の種別", f[10], f[10] is "0" or "1", "0 か 1 ではありません");
            ok &= ZenginCodeCsv.Check(errors, source, line, "複数番号の有無", f[11], f[11].Length == 1 && char.IsAsciiDigit(f[11][0]), "1桁の数字ではありません");
            ok &= ZenginCodeCsv.Check(errors, source, line, "大口事業所名", f[2], f[2].Length > 0, "空です");
            var record = new LargeOfficeRecord(
                line,
                f[0],
                NormalizeKana(f[1]),
                NormalizeText(f[2]),
                NormalizeText(f[3]),
                NormalizeText(f[4]),
                NormalizeText(f[5]),
                NormalizeText(f[6]),
                f[7],
                NormalizeText(f[9]),
                f[10] == "1",
                f[11] != "0");
            ok &= Fits(errors, source, line, "大口事業所名カナ", record.OfficeNameKana, ReferenceFieldLimits.OfficeName);
            ok &= Fits(errors, source, line, "大口事業所名", record.OfficeName, ReferenceFieldLimits.OfficeName);
            ok &= Fits(errors, source, line, "都道府県名", record.Prefecture, ReferenceFieldLimits.Prefecture);
            ok &= Fits(errors, source, line, "市区町村名", record.City, ReferenceFieldLimits.City);
            ok &= Fits(errors, source, line, "町域名", record.Town, ReferenceFieldLimits.OfficeTown);
            ok &= Fits(errors, source, line, "小字名、丁目、番地等", record.StreetAddress, ReferenceFieldLimits.StreetAddress);
            ok &= Fits(errors, source, line, "取扱局", record.PostOffice, ReferenceFieldLimits.PostOffice);
            if (ok)
            {
                yield return record;
            }
        }
    }
}
