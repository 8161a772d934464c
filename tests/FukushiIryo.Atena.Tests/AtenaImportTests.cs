using System.Text;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Linkage;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Importing;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Atena.Tests;

/// <summary><c>import atena</c> (interfaces.md §0, §2): all or nothing, row problems, the cross-check, no number in any problem.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AtenaImportTests(PostgresFixture fixture)
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task A_good_file_links_every_row_once_and_the_same_file_is_refused_after(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        await bed.AddPersonAsync("000101", "ナラ ハナコ", new DateOnly(1988, 5, 12));
        await bed.AddPersonAsync("000102", "ナラ イチロウ", new DateOnly(2015, 4, 2));
        var file = Write(bed, "atena.csv",
            "宛名番号,個人番号,氏名カナ,生年月日",
            $"000101,{TestNumbers.Digits(1)},ﾅﾗ ﾊﾅｺ,S63.5.12",
            // Full-width digits are read as half-width (NFKC).
            $"000102,{FullWidth(TestNumbers.Digits(2))},,",
            $"000999,{TestNumbers.Digits(3)},,");

        var dry = await RunAsync(bed, file, dryRun: true);
        Assert.Equal(ImportStatus.Validated, dry.Status);
        var result = await RunAsync(bed, file);
        Assert.Equal(ImportStatus.Imported, result.Status);
        Assert.Equal((3, 3, 0, 0), (result.RowsRead, result.Inserted, result.Updated, result.Unchanged));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal((4L, "宛名番号", "000999"), (warning.Line, warning.Column, warning.Value));

        await using (var scope = bed.Scope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
            Assert.Equal("000101", await vault.FindAtenaNumberAsync(TestNumbers.Number(1), "atena1"));
            Assert.Equal("000102", await vault.FindAtenaNumberAsync(TestNumbers.Number(2), "atena1"));
            Assert.Equal("000999", await vault.FindAtenaNumberAsync(TestNumbers.Number(3), "atena1"));
            var sources = await scope.ServiceProvider.GetRequiredService<AtenaDbContext>().MyNumberLinks.Select(l => l.Source).Distinct().ToListAsync();
            Assert.StartsWith("import:", Assert.Single(sources), StringComparison.Ordinal);
        }

        var audit = Assert.Single(await bed.AuditAsync(AuditEventType.AtenaImported));
        Assert.Equal(3, JsonDocument.Parse(audit.Details).RootElement.GetProperty("inserted").GetInt32());
        Assert.Equal(ImportStatus.AlreadyImported, (await RunAsync(bed, file)).Status);

        // A later file replaces one number (the old link kept, superseded) and repeats another.
        var second = Write(bed, "atena2.csv", "宛名番号,個人番号", $"000101,{TestNumbers.Digits(11)}", $"000102,{TestNumbers.Digits(2)}");
        var replaced = await RunAsync(bed, second);
        Assert.Equal((0, 1, 1), (replaced.Inserted, replaced.Updated, replaced.Unchanged));
        await using (var scope = bed.Scope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<AtenaDbContext>().MyNumberLinks.CountAsync(l => l.AtenaNumber == "000101"));
        }
    }

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task A_file_with_any_bad_row_imports_nothing_and_no_problem_shows_a_number(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        await bed.AddPersonAsync("000101", "ナラ ハナコ", new DateOnly(1988, 5, 12));
        await bed.AddPersonAsync("000102", "ナラ イチロウ", new DateOnly(2015, 4, 2));
        await using (var scope = bed.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IAtenaVault>().LinkAsync("000500", TestNumbers.Number(5), "atena1");
        }

        var wrongCheck = TestNumbers.Digits(6)[..11] + (char)('0' + ((TestNumbers.Digits(6)[11] - '0' + 1) % 10));
        var file = Write(bed, "bad.csv",
            "宛名番号,個人番号,氏名カナ,生年月日",
            $"000101,{TestNumbers.Digits(1)},ナラ ハナコ,1988-05-12",
            $"000102,{wrongCheck},,",
            $"000103,{TestNumbers.Digits(1)},,",
            $"000101,{TestNumbers.Digits(7)},,",
            $"000104,{TestNumbers.Digits(5)},,",
            $"000102,{TestNumbers.Digits(8)},ナラ ジロウ,2015-04-03",
            "000105,,,",
            $"000106,{TestNumbers.Digits(9)}0,,");
        var result = await RunAsync(bed, file);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(
            [
                (3L, "個人番号", MyNumber.Mask),
                (4L, "個人番号", MyNumber.Mask),
                (5L, "宛名番号", "000101"),
                (6L, "個人番号", MyNumber.Mask),
                (7L, "氏名カナ", "ナラ ジロウ"),
                (7L, "生年月日", "2015-04-03"),
                (8L, "個人番号", string.Empty),
                (9L, "個人番号", MyNumber.Mask),
            ],
            result.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column, StringComparer.Ordinal).Select(e => (e.Line, e.Column, e.Value)));
        foreach (var problem in result.Errors)
        {
            foreach (var index in new[] { 1, 5, 6, 7, 8, 9 })
            {
                Assert.DoesNotContain(TestNumbers.Digits(index), problem.Value + problem.Reason, StringComparison.Ordinal);
            }

            Assert.DoesNotContain(wrongCheck, problem.Value + problem.Reason, StringComparison.Ordinal);
        }

        await using var scope2 = bed.Scope();
        Assert.Equal(1, await scope2.ServiceProvider.GetRequiredService<AtenaDbContext>().MyNumberLinks.CountAsync());
        Assert.Empty(await bed.AuditAsync(AuditEventType.AtenaImported));
    }

    [Fact]
    public void Scrub_masks_the_number_column_and_any_twelve_digits_elsewhere()
    {
        var digits = TestNumbers.Digits(1);
        Assert.Equal(MyNumber.Mask, AtenaImport.Scrub(new Formats.Import.ImportProblem(2, "個人番号", "12345", "x")).Value);
        Assert.Equal($"a,{MyNumber.Mask},b", AtenaImport.Scrub(new Formats.Import.ImportProblem(2, string.Empty, $"a,{digits},b", "x")).Value);
        Assert.Equal($"行 {MyNumber.Mask}", AtenaImport.Scrub(new Formats.Import.ImportProblem(2, string.Empty, string.Empty, $"行 {digits}")).Reason);
        Assert.Equal("000101", AtenaImport.Scrub(new Formats.Import.ImportProblem(2, "宛名番号", "000101", "x")).Value);
    }

    private static async Task<ImportResult> RunAsync(AtenaTestBed bed, string file, bool dryRun = false)
    {
        await using var scope = bed.Scope();
        return await scope.ServiceProvider.GetRequiredService<AtenaImport>().RunAsync(new ImportRequest(file, "atena1", Today, DryRun: dryRun));
    }

    private static string Write(AtenaTestBed bed, string name, params string[] lines)
    {
        var path = Path.Combine(bed.Folder, name);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(true));
        return path;
    }

    private static string FullWidth(string digits) => new([.. digits.Select(c => (char)(c - '0' + '０'))]);
}
