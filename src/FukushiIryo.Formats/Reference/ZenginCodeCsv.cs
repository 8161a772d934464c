using System.Text;

namespace FukushiIryo.Formats.Reference;

/// <summary>A bank of the 統一金融機関コード master (zengin-code <c>banks.csv</c>).</summary>
/// <param name="Line">The physical line in the file.</param>
/// <param name="BankCode">金融機関コード: 4 digits.</param>
/// <param name="Kana">The name in full-width katakana, as zengin-code writes it (全銀 style: no small kana, <c>－</c> for the long vowel).</param>
/// <param name="Name">The name in kanji (without 銀行, as zengin-code writes it: 南都).</param>
public sealed record BankRecord(long Line, string BankCode, string Kana, string Name);

/// <summary>A branch of the 統一金融機関コード master (zengin-code <c>branches.csv</c>).</summary>
/// <param name="Line">The physical line in the file.</param>
/// <param name="BankCode">金融機関コード: 4 digits.</param>
/// <param name="BranchCode">店舗コード: 3 digits.</param>
/// <param name="Kana">The name in full-width katakana (全銀 style).</param>
/// <param name="Name">The name in kanji.</param>
public sealed record BranchRecord(long Line, string BankCode, string BranchCode, string Kana, string Name);

/// <summary>
/// Streaming readers of the zengin-code bank master as shipped (formats.md §4): UTF-8 CSV with a
/// header; the columns <c>bank_code</c>, <c>kana</c>, <c>name</c> (and <c>branch_code</c> for
/// branches) are read by name, in any order; others (<c>hira</c>, <c>roma</c>) are ignored.
/// A line that cannot be read is reported to the error log and skipped; a missing column is an
/// error of the whole file (line 1) and nothing is read.
/// </summary>
public static class ZenginCodeCsv
{
    /// <summary>Reads <c>banks.csv</c>.</summary>
    public static IEnumerable<BankRecord> ReadBanks(TextReader reader, string source, ReferenceErrorLog errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        return Read(reader, source, errors, withBranch: false,
            (line, fields, columns) => new BankRecord(line, fields[columns.Bank], fields[columns.Kana], fields[columns.Name]));
    }

    /// <summary>Reads <c>branches.csv</c>.</summary>
    public static IEnumerable<BranchRecord> ReadBranches(TextReader reader, string source, ReferenceErrorLog errors)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(errors);
        return Read(reader, source, errors, withBranch: true,
            (line, fields, columns) => new BranchRecord(line, fields[columns.Bank], fields[columns.Branch], fields[columns.Kana], fields[columns.Name]));
    }

    private static IEnumerable<T> Read<T>(
        TextReader reader, string source, ReferenceErrorLog errors, bool withBranch, Func<long, IReadOnlyList<string>, Columns, T> create)
    {
        var csv = new CsvRecordReader(reader);
        IReadOnlyList<string> record;
        if (!Next(csv, source, errors, out record))
        {
            errors.Add(new ReferenceDataError(source, 0, null, string.Empty, "ファイルが空です"));
            yield break;
        }

        var header = record.Select(name => name.Trim()).ToList();
        var columns = new Columns(
            header.IndexOf("bank_code"),
            withBranch ? header.IndexOf("branch_code") : -1,
            header.IndexOf("kana"),
            header.IndexOf("name"));
        var required = new List<string> { "bank_code", "kana", "name" };
        if (withBranch)
        {
            required.Insert(1, "branch_code");
        }

        var missing = required.Where(name => !header.Contains(name)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ReferenceDataError(source, 1, null, string.Join(",", missing), "必要な列がありません"));
            yield break;
        }

        while (Next(csv, source, errors, out record))
        {
            if (record.Count != header.Count)
            {
                errors.Add(new ReferenceDataError(source, csv.Line, null, record.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"列の数が見出しの {header.Count} 列と違います"));
                continue;
            }

            var ok = Check(errors, source, csv.Line, "bank_code", record[columns.Bank], ReferenceSource.IsDigits(record[columns.Bank], 4), "金融機関コードは4桁の数字です");
            if (withBranch)
            {
                ok &= Check(errors, source, csv.Line, "branch_code", record[columns.Branch], ReferenceSource.IsDigits(record[columns.Branch], 3), "店舗コードは3桁の数字です");
            }

            ok &= Check(errors, source, csv.Line, "kana", record[columns.Kana], record[columns.Kana].Length is > 0 and <= ReferenceFieldLimits.BankName, "カナ名が空か長すぎます");
            ok &= Check(errors, source, csv.Line, "name", record[columns.Name], record[columns.Name].Length is > 0 and <= ReferenceFieldLimits.BankName, "名称が空か長すぎます");
            if (ok)
            {
                yield return create(csv.Line, record, columns);
            }
        }
    }

    /// <summary>The next record; a text that does not decode, an unclosed quote or a damaged zip entry ends the file with an error.</summary>
    internal static bool Next(CsvRecordReader csv, string source, ReferenceErrorLog errors, out IReadOnlyList<string> record)
    {
        try
        {
            return csv.TryRead(out record);
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new ReferenceDataError(source, csv.Line + 1, null, string.Empty, "文字コードが正しくありません（ここから先は読めません）"));
        }
        catch (CsvFormatException exception)
        {
            errors.Add(new ReferenceDataError(source, exception.Line, null, string.Empty, exception.Message));
        }
        catch (InvalidDataException exception)
        {
            errors.Add(new ReferenceDataError(source, csv.Line + 1, null, string.Empty, "zip ファイルを展開できません: " + exception.Message));
        }

        record = [];
        return false;
    }

    internal static bool Check(ReferenceErrorLog errors, string source, long line, string column, string value, bool ok, string reason)
    {
        if (!ok)
        {
            errors.Add(new ReferenceDataError(source, line, column, value, reason));
        }

        return ok;
    }

    private sealed record Columns(int Bank, int Branch, int Kana, int Name);
}
