using System.IO.Compression;
using System.Text;
using FukushiIryo.App.Demo;

namespace FukushiIryo.App.Tests.Demo;

/// <summary>Populations the demo tests share (generated once), and the reference files read independently of the generator.</summary>
internal static class DemoTestData
{
    public static readonly DateOnly Today = new(2026, 11, 29);

    private static readonly Lazy<Task<DemoReferenceData>> LazyReference = new(() => DemoReferenceData.LoadAsync());

    private static readonly Lazy<Task<DemoPopulation>> LazyPopulation = new(async () =>
        DemoGenerator.Generate(new DemoOptions(400, 20261129, Today), await ReferenceAsync()));

    private static readonly Lazy<HashSet<string>> LazyBranches = new(ReadBranches);

    private static readonly Lazy<Dictionary<string, string>> LazyPostalCodes = new(ReadNaraPostalCodes);

    public static Task<DemoReferenceData> ReferenceAsync() => LazyReference.Value;

    /// <summary>400 households on 2026-11-29 (the showcase households first).</summary>
    public static Task<DemoPopulation> PopulationAsync() => LazyPopulation.Value;

    public static async Task<DemoPopulation> GenerateAsync(int households, long seed, DateOnly? today = null) =>
        DemoGenerator.Generate(new DemoOptions(households, seed, today ?? Today), await ReferenceAsync());

    /// <summary>"bank,branch" of every row of the shipped branches.csv.</summary>
    public static HashSet<string> Branches => LazyBranches.Value;

    /// <summary>Every postal code of 奈良県 in the shipped KEN_ALL, with its 団体コード.</summary>
    public static Dictionary<string, string> NaraPostalCodes => LazyPostalCodes.Value;

    public static string ResidentsCsv(IEnumerable<DemoResidentRow> rows)
    {
        using var writer = new StringWriter();
        DemoFiles.WriteResidents(writer, rows);
        return writer.ToString();
    }

    public static string TaxCsv(DemoPopulation population)
    {
        using var writer = new StringWriter();
        DemoFiles.WriteTax(writer, population);
        return writer.ToString();
    }

    /// <summary>An RFC 4180 reader for the tests: records of fields, quotes undone.</summary>
    public static List<List<string>> ParseCsv(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                record.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.True(field.Length == 0 && record.Count == 0, "The text does not end with CRLF.");
        return records;
    }

    private static HashSet<string> ReadBranches() =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", "branches.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .Select(fields => fields[0] + "," + fields[1])
            .ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, string> ReadNaraPostalCodes()
    {
        using var zip = ZipFile.OpenRead(Path.Combine(AppContext.BaseDirectory, "Reference", "utf_ken_all.zip"));
        using var reader = new StreamReader(zip.Entries.Single().Open(), Encoding.UTF8);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (fields[6].Trim('"') == "奈良県")
            {
                codes[fields[2].Trim('"')] = fields[0];
            }
        }

        return codes;
    }
}
