using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Linkage;
using FukushiIryo.Atena.Data;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Atena.Tests;

/// <summary>The vault through IAtenaVault, as the hosts compose it, on both providers.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class AtenaVaultTests(PostgresFixture fixture)
{
    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task Link_lookup_and_reveal_work_and_each_is_audited_with_the_atena_number_only(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        await using (var scope = bed.Scope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
            await vault.LinkAsync("0000000101", TestNumbers.Number(1), "madoguchi1");
            await vault.LinkAsync("0000000102", TestNumbers.Number(2), "madoguchi1");

            Assert.Equal("0000000101", await vault.FindAtenaNumberAsync(TestNumbers.Number(1), "atena1"));
            Assert.Null(await vault.FindAtenaNumberAsync(TestNumbers.Number(3), "atena1"));
            Assert.True(await vault.HasMyNumberAsync("0000000102"));
            Assert.False(await vault.HasMyNumberAsync("0000000103"));

            var revealed = await vault.RevealAsync(["0000000101", "0000000102", "0000000103"], "atena1", "PMH 連携ファイルの作成");
            Assert.Equal(2, revealed.Count);
            Assert.Equal(TestNumbers.Digits(1), revealed["0000000101"].RevealDigits());
            Assert.Equal(TestNumbers.Digits(2), revealed["0000000102"].RevealDigits());
        }

        var links = await bed.AuditAsync(AuditEventType.AtenaLinked);
        Assert.Equal(["0000000101", "0000000102"], links.Select(e => e.SubjectId));
        Assert.All(links, e => Assert.Equal("madoguchi1", e.Actor));
        var lookups = await bed.AuditAsync(AuditEventType.AtenaLookedUp);
        Assert.Equal(2, lookups.Count);
        Assert.Equal("0000000101", lookups[0].SubjectId);
        Assert.Null(lookups[1].SubjectId);
        Assert.False(JsonDocument.Parse(lookups[1].Details).RootElement.GetProperty("found").GetBoolean());
        var reveal = Assert.Single(await bed.AuditAsync(AuditEventType.AtenaRevealed));
        var details = JsonDocument.Parse(reveal.Details).RootElement;
        Assert.Equal("PMH 連携ファイルの作成", details.GetProperty("purpose").GetString());
        Assert.Equal(2, details.GetProperty("count").GetInt32());
        Assert.Equal(3, details.GetProperty("requested").GetInt32());
        Assert.Equal("0000000101,0000000102", details.GetProperty("atenaNumbers").GetString());

        // No audit row holds a number, in any column.
        await using (var scope = bed.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<App.Data.FukushiDbContext>();
            var all = await db.AuditEvents.AsNoTracking().ToListAsync();
            foreach (var index in new[] { 1, 2, 3 })
            {
                Assert.DoesNotContain(all, e => (e.Details + e.SubjectId + e.Actor).Contains(TestNumbers.Digits(index), StringComparison.Ordinal));
            }

            Assert.True((await AuditVerifier.VerifyAsync(db, null, default)).Ok);
        }
    }

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task Reveal_is_refused_without_the_atena_role_and_the_refusal_is_audited(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        await using var scope = bed.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
        await vault.LinkAsync("0000000101", TestNumbers.Number(1), "atena1");

        foreach (var actor in new[] { "madoguchi1", "admin", "nobody" })
        {
            var refused = await Assert.ThrowsAsync<AtenaVaultRefusedException>(() => vault.RevealAsync(["0000000101"], actor, "確認のため"));
            Assert.True(refused.NotPermitted);
            Assert.DoesNotContain(TestNumbers.Digits(1), refused.Message, StringComparison.Ordinal);
        }

        var noPurpose = await Assert.ThrowsAsync<AtenaVaultRefusedException>(() => vault.RevealAsync(["0000000101"], "atena1", " "));
        Assert.False(noPurpose.NotPermitted);
        Assert.Empty(await bed.AuditAsync(AuditEventType.AtenaRevealed));
        var denied = await bed.AuditAsync(AuditEventType.AccessDenied);
        Assert.Equal(["madoguchi1", "admin", "nobody"], denied.Select(e => e.Actor));
        Assert.All(denied, e => Assert.Contains("atena.reveal", e.Details, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task A_replaced_link_stays_as_superseded_history_and_a_number_cannot_serve_two_atena_numbers(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        await using var scope = bed.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
        await vault.LinkAsync("0000000101", TestNumbers.Number(1), "atena1");
        await vault.LinkAsync("0000000101", TestNumbers.Number(1), "atena1");
        await vault.LinkAsync("0000000101", TestNumbers.Number(4), "atena1");

        var refused = await Assert.ThrowsAsync<AtenaVaultRefusedException>(() => vault.LinkAsync("0000000102", TestNumbers.Number(4), "atena1"));
        Assert.False(refused.NotPermitted);
        Assert.DoesNotContain(TestNumbers.Digits(4), refused.Message, StringComparison.Ordinal);

        // The old number is free again: it is no longer found, and may be linked elsewhere.
        Assert.Equal("0000000101", await vault.FindAtenaNumberAsync(TestNumbers.Number(4), "atena1"));
        Assert.Null(await vault.FindAtenaNumberAsync(TestNumbers.Number(1), "atena1"));
        Assert.Equal(TestNumbers.Digits(4), (await vault.RevealAsync(["0000000101"], "atena1", "訂正の確認"))["0000000101"].RevealDigits());

        var atena = scope.ServiceProvider.GetRequiredService<AtenaDbContext>();
        var rows = await atena.MyNumberLinks.AsNoTracking().Where(l => l.AtenaNumber == "0000000101").OrderBy(l => l.Id).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.NotNull(rows[0].SupersededAt);
        Assert.Equal("atena1", rows[0].SupersededBy);
        Assert.Null(rows[1].SupersededAt);
        var outcomes = (await bed.AuditAsync(AuditEventType.AtenaLinked)).Select(e => JsonDocument.Parse(e.Details).RootElement.GetProperty("outcome").GetString());
        Assert.Equal(["New", "Unchanged", "Replaced"], outcomes);
    }

    [Fact]
    public void Both_providers_models_match_their_migrations()
    {
        using var sqlite = new SqliteAtenaDesignTimeFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges());
        using var postgres = new PostgresAtenaDesignTimeFactory().CreateDbContext([]);
        Assert.False(postgres.Database.HasPendingModelChanges());
    }
}
