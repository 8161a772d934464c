using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

/// <summary>
/// Any values written by RFC 4180 (commas, quotes, CR, LF, CRLF inside quoted values; quoted or
/// not when they need no quotes; CRLF or LF between records) read back unchanged, each record
/// numbered by the physical line on which it starts.
/// </summary>
public sealed class CsvRoundTripProperties
{
    private static readonly ImportLayout Layout =
        ImportLayout.Parse("""{ "columns": [ { "field": "A" }, { "field": "B" }, { "field": "C" } ] }""", "abc.json");

    private static Gen<(string Text, bool Quoted)> Field() =>
        Gen.Zip(
            Gen.ArrayOf(Gen.Elements("a", "漢", "𠮷", ",", "\"", "\"\"", "\n", "\r\n", "\r", " ", "\u3000")).Select(pieces => "x" + string.Concat(pieces) + "x"),
            Gen.Elements(true, false));

    private static Gen<((string Text, bool Quoted)[] Fields, string LineEnd)> Row() =>
        Gen.Zip(Gen.ArrayOf(Field(), 3), Gen.Elements("\r\n", "\n"));

    [Property(MaxTest = 200)]
    public Property Values_round_trip_and_lines_stay_physical() =>
        Prop.ForAll(
            Gen.ArrayOf(Row()).ToArbitrary(),
            rows =>
            {
                var text = "A,B,C\r\n" + string.Concat(rows.Select(row => string.Join(",", row.Fields.Select(Write)) + row.LineEnd));
                using var files = new TempFiles();
                using var file = ImportFile.Open(files.WriteUtf8("round.csv", text), Layout);
                var records = file.Records().ToList();

                long expectedLine = 2;
                bool ok = file.FileProblems.Count == 0 && records.Count == rows.Length;
                for (int i = 0; ok && i < rows.Length; i++)
                {
                    var record = records[i];
                    var fields = rows[i].Fields;
                    ok = record.Problems.Count == 0
                        && record.Line == expectedLine
                        && record.Raw("A") == fields[0].Text
                        && record.Raw("B") == fields[1].Text
                        && record.Raw("C") == fields[2].Text;
                    expectedLine += 1 + fields.Sum(field => field.Text.Count(c => c == '\n'));
                }

                return ok;
            });

    private static string Write((string Text, bool Quoted) field) =>
        field.Quoted || field.Text.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + field.Text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field.Text;
}
