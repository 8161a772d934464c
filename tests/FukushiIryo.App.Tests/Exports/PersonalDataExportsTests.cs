using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Exports;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Exports;

/// <summary>P10/P16: the export file carries its user, time and purpose; a 個人番号 in any value refuses and destroys it; both audited.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PersonalDataExportsTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 6, 40, 12, TimeSpan.Zero); // 15:40:12 JST

    private static ExportRequest Request(string purpose = "県への報告資料") =>
        new("persons", "宛名検索結果", purpose, "shinsa1", "審査 一子", new Dictionary<string, object?> { ["kana"] = "ナラ" });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_written_file_names_its_user_time_and_purpose_and_is_audited_without_its_contents(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        db.Clock = new FixedClock(At);
        var exports = new PersonalDataExports(db, new FixedClock(At));
        var result = await exports.WriteAsync(Request(), ["宛名番号", "氏名", "メモ"], Rows(["000101", "奈良 花子", "=1+2"], ["000102", "奈良 一郎", "a,\"b\""]));

        Assert.Equal(ExportStatus.Written, result.Status);
        Assert.Equal("persons_20261129-154012_shinsa1.csv", result.FileName);
        Assert.Equal(2, result.Rows);
        var bytes = await File.ReadAllBytesAsync(result.Path!);
        File.Delete(result.Path!);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "出力者,shinsa1,審査 一子,出力日時,2026-11-29 15:40:12 JST,目的,県への報告資料,宛名検索結果\r\n"
            + "宛名番号,氏名,メモ\r\n"
            + "000101,奈良 花子,'=1+2\r\n"
            + "000102,奈良 一郎,\"a,\"\"b\"\"\"\r\n",
            Encoding.UTF8.GetString(bytes[3..]));

        await using var check = database.Open();
        var audit = Assert.Single(await check.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.ExportCreated).ToListAsync());
        Assert.Equal("shinsa1", audit.Actor);
        Assert.Contains("\"purpose\":\"県への報告資料\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"criteria.kana\":\"ナラ\"", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"rows\":2", audit.Details, StringComparison.Ordinal);
        Assert.Contains(result.Sha256!, audit.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("奈良 花子", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_value_that_looks_like_a_my_number_refuses_the_export_and_leaves_no_file(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        var folder = Path.Combine(Path.GetTempPath(), "fukushi-exports");
        var before = Directory.Exists(folder) ? Directory.GetFiles(folder).ToHashSet() : [];
        var exports = new PersonalDataExports(db, new FixedClock(At));
        var result = await exports.WriteAsync(Request(), ["宛名番号", "メモ"], Rows(["000101", "番号 1234-5678-9018 を聞いた"]));

        Assert.Equal(ExportStatus.RefusedMyNumber, result.Status);
        Assert.Null(result.Path);
        Assert.DoesNotContain(Directory.GetFiles(folder), f => !before.Contains(f));
        await using var check = database.Open();
        var audit = Assert.Single(await check.AuditEvents.AsNoTracking().Where(e => e.EventType == AuditEventType.ExportRefused).ToListAsync());
        Assert.DoesNotContain("9018", audit.Details, StringComparison.Ordinal);
        Assert.False(await check.AuditEvents.AnyAsync(e => e.EventType == AuditEventType.ExportCreated));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("確認")]
    public void A_purpose_is_required(string? purpose) => Assert.NotNull(PersonalDataExports.CheckPurpose(purpose));

    [Fact]
    public void Every_audit_event_type_has_a_japanese_name_for_the_auditors() =>
        Assert.All(AuditEventType.All, type => Assert.NotEqual(type, AuditEventLabels.For(type)));

    private static async IAsyncEnumerable<IReadOnlyList<string?>> Rows(params string?[][] rows)
    {
        foreach (var row in rows)
        {
            await Task.Yield();
            yield return row;
        }
    }
}
