using FukushiIryo.App.Audit;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;

namespace FukushiIryo.App.Tests.Audit;

[Collection(PostgresCollectionName.Value)]
public sealed class AuditAnchorsTests(PostgresFixture fixture) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fukushi-anchors-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_anchor_is_appended_only_when_the_chain_moved(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new FixedClock(new DateTimeOffset(2026, 11, 29, 23, 59, 59, TimeSpan.FromHours(9)).AddTicks(9_999_999));
        var anchors = new AuditAnchors(Path.Combine(folder, "nested", "anchors.log"), clock);
        await using var db = database.Open();

        Assert.Null(await anchors.AppendAsync(db));
        Assert.False(File.Exists(anchors.FilePath));

        db.AddAudit(new AuditEntry("system", AuditEventType.DbMigrated));
        db.AddAudit(new AuditEntry("system", AuditEventType.AuditVerified));
        await db.SaveChangesAsync();
        var first = await anchors.AppendAsync(db);
        var last = db.AuditEvents.OrderBy(e => e.Sequence).Last();
        Assert.Equal(new AuditAnchor(2, last.Hash, AuditChain.ToChainInstant(clock.Now)), first);
        Assert.Equal($"2 {last.Hash} 2026-11-29T14:59:59.999999Z\n", await File.ReadAllTextAsync(anchors.FilePath));

        Assert.Null(await anchors.AppendAsync(db));
        db.AddAudit(new AuditEntry("system", AuditEventType.AuditVerified));
        await db.SaveChangesAsync();
        Assert.Equal(3, (await anchors.AppendAsync(db))!.Sequence);
        Assert.Equal([2L, 3], (await anchors.ReadAsync()).Select(anchor => anchor.Sequence));
    }

    [Fact]
    public void A_line_reads_back_as_written()
    {
        var anchor = new AuditAnchor(42, new string('a', 64), new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(60));
        Assert.Equal($"42 {new string('a', 64)} 2026-01-02T03:04:05.000006Z", anchor.ToLine());
        Assert.Equal(anchor, AuditAnchor.Parse(anchor.ToLine()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("42")]
    [InlineData("0 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026-01-02T03:04:05.000006Z")]
    [InlineData("-1 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026-01-02T03:04:05.000006Z")]
    [InlineData("42 AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA 2026-01-02T03:04:05.000006Z")]
    [InlineData("42 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026-01-02 03:04:05")]
    [InlineData("42 aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 2026-01-02T03:04:05Z")]
    public void A_line_that_is_not_an_anchor_is_refused(string line) =>
        Assert.Throws<FormatException>(() => AuditAnchor.Parse(line));

    [Fact]
    public void The_path_is_the_option_else_the_environment_else_data_under_the_working_directory()
    {
        var saved = Environment.GetEnvironmentVariable(AuditAnchors.PathVariable);
        try
        {
            Environment.SetEnvironmentVariable(AuditAnchors.PathVariable, null);
            Assert.Equal(Path.GetFullPath("data/audit-anchors.log"), AuditAnchors.ResolvePath());
            Environment.SetEnvironmentVariable(AuditAnchors.PathVariable, Path.Combine(folder, "env.log"));
            Assert.Equal(Path.Combine(folder, "env.log"), AuditAnchors.ResolvePath());
            Assert.Equal(Path.Combine(folder, "option.log"), AuditAnchors.Resolve(Path.Combine(folder, "option.log")).FilePath);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AuditAnchors.PathVariable, saved);
        }
    }
}
