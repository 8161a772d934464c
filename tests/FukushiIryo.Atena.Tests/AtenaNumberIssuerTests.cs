using FukushiIryo.App.Audit;
using FukushiIryo.App.Linkage;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Vault;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Atena.Tests;

/// <summary>宛名番号 issued to 住登外 persons (IAtenaVault.IssueAtenaNumberAsync) on both providers.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AtenaNumberIssuerTests(PostgresFixture fixture)
{
    [Theory]
    [InlineData(1L, "9000000001")]
    [InlineData(42L, "9000000042")]
    [InlineData(999_999_999L, "9999999999")]
    public void A_sequence_maps_to_ten_digits_with_the_leading_nine(long sequence, string expected)
    {
        Assert.Equal(expected, AtenaNumberIssuer.Format(sequence));
        Assert.True(AtenaNumberIssuer.IsNonResidentNumber(expected));
    }

    [Theory]
    [InlineData("0000000101")]
    [InlineData("900000001")]
    [InlineData("90000000001")]
    [InlineData("9000000000")]
    [InlineData("8999999999")]
    public void Numbers_outside_the_reserved_range_are_not_nonresident_numbers(string number) =>
        Assert.False(AtenaNumberIssuer.IsNonResidentNumber(number));

    [Fact]
    public void The_range_ends_at_its_last_sequence() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AtenaNumberIssuer.Format(1_000_000_000L));

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task Numbers_are_issued_in_sequence_and_each_issue_is_audited_with_the_number_only(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        var issued = new List<string>();
        await using (var scope = bed.Scope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
            for (var i = 0; i < 3; i++)
            {
                issued.Add(await vault.IssueAtenaNumberAsync("madoguchi1"));
            }
        }

        // A new process continues the sequence from the database.
        await bed.RestartAsync();
        await using (var scope = bed.Scope())
        {
            issued.Add(await scope.ServiceProvider.GetRequiredService<IAtenaVault>().IssueAtenaNumberAsync("madoguchi1"));
        }

        Assert.Equal(["9000000001", "9000000002", "9000000003", "9000000004"], issued);
        var audit = await bed.AuditAsync(AuditEventType.AtenaNumberIssued);
        Assert.Equal(issued, audit.Select(e => e.SubjectId));
        Assert.All(audit, e => Assert.Equal("madoguchi1", e.Actor));
        Assert.All(audit, e => Assert.Equal(AtenaVault.AtenaSubject, e.SubjectType));
    }

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task A_number_already_in_the_ledger_is_skipped(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        await bed.AddPersonAsync("9000000001", "ナラ ハナコ", new DateOnly(1990, 4, 1));
        await using (var scope = bed.Scope())
        {
            Assert.Equal("9000000002", await scope.ServiceProvider.GetRequiredService<IAtenaVault>().IssueAtenaNumberAsync("madoguchi1"));
        }

        await using (var scope = bed.Scope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<AtenaDbContext>().IssuedAtenaNumbers.AsNoTracking().OrderBy(i => i.Sequence).ToListAsync();
            Assert.Equal([("9000000001", true), ("9000000002", false)], rows.Select(r => (r.AtenaNumber, r.Skipped)));
        }

        Assert.Equal(["9000000002"], (await bed.AuditAsync(AuditEventType.AtenaNumberIssued)).Select(e => e.SubjectId));
    }

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task Concurrent_issues_never_hand_out_the_same_number(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        const int callers = 8;
        const int each = 5;
        using var start = new Barrier(callers);
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            var mine = new List<string>();
            await using var scope = bed.Scope();
            var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
            start.SignalAndWait();
            for (var i = 0; i < each; i++)
            {
                mine.Add(await vault.IssueAtenaNumberAsync("madoguchi1"));
            }

            return mine;
        })).ToList();
        var all = (await Task.WhenAll(tasks)).SelectMany(numbers => numbers).ToList();

        Assert.Equal(callers * each, all.Count);
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Enumerable.Range(1, callers * each).Select(i => AtenaNumberIssuer.Format(i)), all.Order(StringComparer.Ordinal));
        Assert.Equal(callers * each, (await bed.AuditAsync(AuditEventType.AtenaNumberIssued)).Count);
    }
}
