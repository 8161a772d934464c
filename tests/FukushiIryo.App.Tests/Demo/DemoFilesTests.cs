using System.Text;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Eligibility;

namespace FukushiIryo.App.Tests.Demo;

/// <summary>The files of <c>demo seed --files</c>: the headers of interfaces.md §1 and §3, UTF-8 with BOM, RFC 4180.</summary>
public sealed class DemoFilesTests : IDisposable
{
    private const string ResidentsHeader = "宛名番号,世帯番号,氏名,氏名カナ,生年月日,性別,続柄,郵便番号,住所,住民区分,異動事由,異動日,届出日";

    /// <summary>interfaces.md §3: 宛名番号, 課税年度, 未申告, then the 59 items of 別添1 with exactly these names.</summary>
    private const string TaxHeader =
        "宛名番号,課税年度,未申告,年金収入,児童養育費,受給者養育費,非課税年金収入,給与収入,その他雑所得,課税標準額合計,先物所得 繰越後,総所得,総所得金額等," +
        "退職所得 繰越後,特別控除前譲渡所得 繰越後,肉用牛所得,条約特例利子配当合計額,年金所得,合計所得,山林所得 繰越後,分離 土地等の事業雑所得 繰越後," +
        "分離株式所得,条約適用利子等所得額,条約適用配当等所得額,特例適用配当等所得額,特例適用利子等所得額,公共用地取得代金等控除,雑損繰越控除," +
        "住民税法医療費控除額,住民税法寄附金控除,住民税法雑損控除額,住民税法社会保険料控除額,住民税法小規模共済等控除額,住民税法生命保険料控除額," +
        "住民税法損害保険料控除,住民税法配偶者特別控除,所得税法生命保険料控除額,所得税法損害保険料控除,所得税法配偶者特別控除,控除対象配偶者区分," +
        "扶養 その他,扶養 その他障害,扶養 同居特別障害,扶養 同居老人,扶養 特定,扶養 特別障害,扶養 老人,若年者一般扶養人数,生計維持児童数,年少扶養人数," +
        "算出年税額,均等割額 市区町村民税,均等割額 都道府県民税,差引所得割額 市区町村民税,差引所得割額 都道府県民税,所得税額,減免額合計,推定所得税額," +
        "勤労学生該当,その他障害者該当,寡婦区分,特別障害者該当";

    private readonly string folder = Path.Combine(Path.GetTempPath(), "fukushi-demo-files-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_three_files_have_the_contract_headers_a_bom_and_crlf()
    {
        var population = await DemoTestData.PopulationAsync();
        var paths = DemoFiles.Write(population, folder);
        Assert.Equal(
            new[]
            {
                "residents.csv", "tax.csv", "residents-changes.csv", "autopay-2026-08.csv", "uke-2026-08.UKE", "autopay-2026-09.csv", "uke-2026-09.UKE",
                "autopay-2026-10.csv", "uke-2026-10.UKE", "claims-cases.txt",
            },
            paths.Select(Path.GetFileName).ToArray());
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        var autopay = File.ReadAllBytes(paths[3]);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, autopay[..3]);
        Assert.StartsWith("負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期\r\n", Encoding.UTF8.GetString(autopay, 3, autopay.Length - 3), StringComparison.Ordinal);
        Assert.StartsWith("IR,2,29,1,", File.ReadAllText(paths[4], Encoding.Latin1), StringComparison.Ordinal);

        foreach (var path in paths.Take(3))
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
            Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            var records = DemoTestData.ParseCsv(text);
            var expected = Path.GetFileName(path) == "tax.csv" ? TaxHeader : ResidentsHeader;
            Assert.Equal(expected, string.Join(',', records[0]));
            Assert.All(records, record => Assert.Equal(records[0].Count, record.Count));
        }

        Assert.Equal(62, TaxHeader.Split(',').Length);
    }

    [Fact]
    public async Task The_files_hold_the_population_and_the_same_seed_writes_the_same_bytes()
    {
        var population = await DemoTestData.GenerateAsync(60, 9);
        DemoFiles.Write(population, Path.Combine(folder, "a"));
        DemoFiles.Write(await DemoTestData.GenerateAsync(60, 9), Path.Combine(folder, "b"));
        foreach (var name in new[] { DemoFiles.ResidentsFileName, DemoFiles.TaxFileName, DemoFiles.ResidentChangesFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(folder, "a", name)), File.ReadAllBytes(Path.Combine(folder, "b", name)));
        }

        var residents = DemoTestData.ParseCsv(File.ReadAllText(Path.Combine(folder, "a", DemoFiles.ResidentsFileName), Encoding.UTF8)).Skip(1).ToList();
        Assert.Equal(population.Persons.Count, residents.Count);
        Assert.All(residents, row =>
        {
            Assert.Matches("^[0-9]{10}$", row[0]);
            Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", row[4]);
            Assert.Contains(row[5], new[] { "1", "2", "9" });
            Assert.Matches("^[0-9]{7}$", row[7]);
            Assert.Contains(row[9], new[] { "1", "2" });
            Assert.Equal(row[9] == "2", row[1].Length == 0);
            Assert.Equal(string.Empty, row[10]);
        });

        var tax = DemoTestData.ParseCsv(File.ReadAllText(Path.Combine(folder, "a", DemoFiles.TaxFileName), Encoding.UTF8)).Skip(1).ToList();
        Assert.Equal(population.TaxRecordCount, tax.Count);
        Assert.All(tax, row =>
        {
            Assert.Contains(row[2], new[] { "0", "1" });
            if (row[2] == "1")
            {
                Assert.All(row.Skip(3), value => Assert.Equal(string.Empty, value));
            }
            else
            {
                Assert.All(row.Skip(3).Where((_, i) => i is not (1 or 2)), value => Assert.Matches("^-?[0-9]+$", value));
            }
        });
        Assert.Contains(tax, row => row[2] == "1");
    }

    [Fact]
    public async Task The_changes_file_moves_a_household_and_records_a_death_a_partner_and_a_birth()
    {
        var population = await DemoTestData.PopulationAsync();
        var changes = population.Changes;
        var byAtena = population.Persons.ToDictionary(p => p.AtenaNumber, StringComparer.Ordinal);
        Assert.Equal(changes.OrderBy(c => c.EventDate).ToList(), changes);
        Assert.All(changes, row =>
        {
            Assert.True(row.EventDate < DemoTestData.Today);
            Assert.True(row.NotifiedOn >= row.EventDate && row.NotifiedOn <= DemoTestData.Today);
        });

        var moves = changes.Where(c => c.EventReason == "転居").ToList();
        Assert.NotEmpty(moves);
        Assert.Single(moves.Select(m => m.HouseholdNumber).Distinct());
        Assert.All(moves, move => Assert.NotEqual(byAtena[move.AtenaNumber].Address, move.Address));
        Assert.Equal(
            population.Persons.Count(p => p.HouseholdNumber == moves[0].HouseholdNumber),
            moves.Count);

        var death = Assert.Single(changes, c => c.EventReason == "死亡");
        Assert.Equal(DemoRole.SupportObligor, byAtena[death.AtenaNumber].Role);

        var partner = Assert.Single(changes, c => c.EventReason == "転入");
        Assert.Contains(partner.RegistryRelationship, new[] { "妻（未届）", "夫（未届）" });
        Assert.DoesNotContain(partner.AtenaNumber, byAtena.Keys);
        Assert.Contains(population.Persons, p => p.HouseholdNumber == partner.HouseholdNumber
            && p.Recipient is { Kind: RecipientKind.Parent, LostOn: null } && p.RegistryRelationship == "世帯主");

        var birth = Assert.Single(changes, c => c.EventReason == "出生");
        Assert.Equal(birth.BirthDate, birth.EventDate);
        Assert.DoesNotContain(birth.AtenaNumber, byAtena.Keys);
        Assert.NotEqual(birth.AtenaNumber, partner.AtenaNumber);
        Assert.Contains(population.Persons, p => p.HouseholdNumber == birth.HouseholdNumber && p.Recipient is { Kind: RecipientKind.Parent, LostOn: null });

        var text = DemoTestData.ResidentsCsv(changes);
        Assert.StartsWith(ResidentsHeader + "\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_population_of_one_household_still_writes_every_change()
    {
        var population = await DemoTestData.GenerateAsync(1, 3);
        Assert.Equal(new[] { "転居", "出生", "死亡", "転入" }.Order(StringComparer.Ordinal), population.Changes.Select(c => c.EventReason!).Distinct().Order(StringComparer.Ordinal));
    }
}
