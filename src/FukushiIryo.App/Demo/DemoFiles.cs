using System.Globalization;
using System.Text;
using FukushiIryo.App.Income;

namespace FukushiIryo.App.Demo;

/// <summary>
/// Writes a demo population as the input files an operator imports through the ordinary commands
/// (interfaces.md §1 residents, §3 tax): UTF-8 with a BOM, RFC 4180 (CRLF after every record, a
/// field quoted only when it holds a comma, a quote or a line break). Each file is written to a
/// temporary name and renamed, so that a failure leaves no half-written file.
/// </summary>
public static class DemoFiles
{
    public const string ResidentsFileName = "residents.csv";
    public const string TaxFileName = "tax.csv";
    public const string ResidentChangesFileName = "residents-changes.csv";

    /// <summary>The guide to the doubtful cases planted in the claim files.</summary>
    public const string ClaimCasesFileName = "claims-cases.txt";

    /// <summary>The residents columns in the order of interfaces.md §1.</summary>
    public static IReadOnlyList<string> ResidentsHeader { get; } =
        ["宛名番号", "世帯番号", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "郵便番号", "住所", "住民区分", "異動事由", "異動日", "届出日"];

    /// <summary>The tax columns: 宛名番号, 課税年度, 未申告 and the 59 items of <see cref="TaxItems"/>.</summary>
    public static IReadOnlyList<string> TaxHeader { get; } =
        [TaxItems.AtenaNumberColumn, TaxItems.TaxYearColumn, TaxItems.UndeclaredColumn, .. TaxItems.All.Select(item => item.Name)];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes residents.csv, tax.csv and residents-changes.csv into <paramref name="directory"/> (created
    /// if missing), then the claim files of the last three 処理年月 (<see cref="DemoClaims"/>: an autopay
    /// CSV and a UKE file per month) and claims-cases.txt, the guide to their doubtful cases; returns their paths.
    /// </summary>
    public static IReadOnlyList<string> Write(DemoPopulation population, string directory) => Write(population, directory, out _);

    /// <summary>As <see cref="Write(DemoPopulation, string)"/>; <paramref name="claimFiles"/> are the claim files written (with their lines).</summary>
    public static IReadOnlyList<string> Write(DemoPopulation population, string directory, out IReadOnlyList<DemoClaimFile> claimFiles)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory.CreateDirectory(directory);
        var paths = new List<string>
        {
            WriteFile(Path.Combine(directory, ResidentsFileName), writer => WriteResidents(writer, population.Persons.Select(DemoResidentRow.Of))),
            WriteFile(Path.Combine(directory, TaxFileName), writer => WriteTax(writer, population)),
            WriteFile(Path.Combine(directory, ResidentChangesFileName), writer => WriteResidents(writer, population.Changes)),
        };
        var files = DemoClaims.Build(population);
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.FileName);
            paths.Add(file.Format == MedicalClaims.MedicalClaimFileFormat.Uke
                ? WriteBytes(path, stream => DemoClaims.WriteUke(stream, file.Claims))
                : WriteFile(path, writer => DemoClaims.WriteAutopay(writer, file.Claims)));
        }

        paths.Add(WriteFile(Path.Combine(directory, ClaimCasesFileName), writer => DemoClaims.WriteGuide(writer, files)));
        claimFiles = files;
        return paths;
    }

    /// <summary>The residents rows as CSV text (header first).</summary>
    public static void WriteResidents(TextWriter writer, IEnumerable<DemoResidentRow> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        WriteRecord(writer, ResidentsHeader);
        var fields = new string[ResidentsHeader.Count];
        foreach (var row in rows)
        {
            fields[0] = row.AtenaNumber;
            fields[1] = row.HouseholdNumber ?? string.Empty;
            fields[2] = row.Name;
            fields[3] = row.NameKana;
            fields[4] = Iso(row.BirthDate);
            fields[5] = ((int)row.Sex).ToString(CultureInfo.InvariantCulture);
            fields[6] = row.RegistryRelationship ?? string.Empty;
            fields[7] = row.PostalCode;
            fields[8] = row.Address;
            fields[9] = ((int)row.ResidencyStatus).ToString(CultureInfo.InvariantCulture);
            fields[10] = row.EventReason ?? string.Empty;
            fields[11] = row.EventDate is { } eventDate ? Iso(eventDate) : string.Empty;
            fields[12] = row.NotifiedOn is { } notified ? Iso(notified) : string.Empty;
            WriteRecord(writer, fields);
        }
    }

    /// <summary>The tax records of the population as CSV text (header first), person by person, the older 課税年度 first.</summary>
    public static void WriteTax(TextWriter writer, DemoPopulation population)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(population);
        WriteRecord(writer, TaxHeader);
        var fields = new string[TaxHeader.Count];
        foreach (var person in population.Persons)
        {
            foreach (var record in person.TaxRecords)
            {
                fields[0] = person.AtenaNumber;
                fields[1] = record.TaxYear.ToString(CultureInfo.InvariantCulture);
                fields[2] = record.IsUndeclared ? "1" : "0";
                for (var i = 0; i < TaxItems.All.Count; i++)
                {
                    fields[3 + i] = Format(TaxItems.All[i].GetValue(record));
                }

                WriteRecord(writer, fields);
            }
        }
    }

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        bool flag => flag ? "1" : "0",
        Enum code => Convert.ToInt32(code, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    internal static void WriteRecord(TextWriter writer, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            var field = fields[i];
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                writer.Write('"');
                writer.Write(field.Replace("\"", "\"\"", StringComparison.Ordinal));
                writer.Write('"');
            }
            else
            {
                writer.Write(field);
            }
        }

        writer.Write("\r\n");
    }

    private static string WriteFile(string path, Action<TextWriter> write)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, Utf8WithBom, bufferSize: 1 << 16))
            {
                write(writer);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return path;
    }

    private static string WriteBytes(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return path;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
