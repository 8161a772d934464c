using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Linkage;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Keys;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Atena.Tests;

/// <summary><c>atena rotate-keys</c>: a new key version, every row re-sealed and re-indexed, the old key no longer needed.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class KeyRotationTests(PostgresFixture fixture)
{
    private const int Links = 1001; // more than two batches of 500

    [Theory]
    [MemberData(nameof(AtenaTestBed.Providers), MemberType = typeof(AtenaTestBed))]
    public async Task After_rotation_every_number_is_found_and_revealed_without_the_old_key(string provider)
    {
        await using var bed = await AtenaTestBed.CreateAsync(provider, fixture);
        await using (var scope = bed.Scope())
        {
            var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
            for (var i = 0; i < Links; i++)
            {
                await vault.LinkAsync(Atena(i), TestNumbers.Number(i), "atena1");
            }

            // One replaced link: its superseded row must be re-sealed too.
            await vault.LinkAsync(Atena(0), TestNumbers.Number(9000), "atena1");
        }

        byte[][] before;
        await using (var scope = bed.Scope())
        {
            before = await scope.ServiceProvider.GetRequiredService<AtenaDbContext>().MyNumberLinks.AsNoTracking().OrderBy(l => l.Id).Select(l => l.LookupHash).ToArrayAsync();
            var result = await scope.ServiceProvider.GetRequiredService<AtenaKeyRotation>().RotateAsync("atena1");
            Assert.Equal(new AtenaKeyRotationResult(1, 2, Links + 1), result);
        }

        // The old key is gone: a new process with only version 2 in the ring finds and reveals everything.
        File.Delete(Path.Combine(bed.Atena.KeyDirectory, "atena-key-v1.json"));
        await bed.RestartAsync();
        await using (var scope = bed.Scope())
        {
            Assert.Equal([2], scope.ServiceProvider.GetRequiredService<AtenaKeyRing>().Versions);
            var atena = scope.ServiceProvider.GetRequiredService<AtenaDbContext>();
            var rows = await atena.MyNumberLinks.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
            Assert.All(rows, row => Assert.Equal(2, row.KeyVersion));
            Assert.All(rows.Zip(before), pair => Assert.NotEqual(pair.Second, pair.First.LookupHash));
            Assert.NotNull(rows[0].SupersededAt);
            Assert.Equal(TestNumbers.Digits(0), AtenaVaultOpen(scope, rows[0]));
            Assert.Equal(TestNumbers.Digits(9000), AtenaVaultOpen(scope, rows[^1]));

            var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
            foreach (var i in new[] { 1, 2, 499, 500, 501, 999, Links - 1 })
            {
                Assert.Equal(Atena(i), await vault.FindAtenaNumberAsync(TestNumbers.Number(i), "atena1"));
            }

            Assert.Equal(Atena(0), await vault.FindAtenaNumberAsync(TestNumbers.Number(9000), "atena1"));
            Assert.Null(await vault.FindAtenaNumberAsync(TestNumbers.Number(0), "atena1"));
            var all = await vault.RevealAsync([.. Enumerable.Range(0, Links).Select(Atena)], "atena1", "鍵更新後の確認");
            Assert.Equal(Links, all.Count);
            Assert.Equal(TestNumbers.Digits(9000), all[Atena(0)].RevealDigits());
            Assert.All(Enumerable.Range(1, Links - 1), i => Assert.Equal(TestNumbers.Digits(i), all[Atena(i)].RevealDigits()));
        }

        var rotated = Assert.Single(await bed.AuditAsync(AuditEventType.AtenaKeysRotated));
        Assert.Equal("atena1", rotated.Actor);
        Assert.Equal(Links + 1, JsonDocument.Parse(rotated.Details).RootElement.GetProperty("resealed").GetInt32());
    }

    [Fact]
    public async Task Without_the_key_of_a_row_nothing_is_rotated_and_the_reveal_fails_closed()
    {
        await using var bed = await AtenaTestBed.CreateAsync("sqlite", fixture);
        await using (var scope = bed.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<IAtenaVault>().LinkAsync("0000000101", TestNumbers.Number(1), "atena1");
        }

        File.Delete(Path.Combine(bed.Atena.KeyDirectory, "atena-key-v1.json"));
        await bed.RestartAsync();
        await using (var scope = bed.Scope())
        {
            await Assert.ThrowsAsync<AtenaKeyRingException>(() => scope.ServiceProvider.GetRequiredService<AtenaKeyRotation>().RotateAsync("atena1"));
            Assert.Empty(Directory.GetFiles(bed.Atena.KeyDirectory));
            var failed = await Assert.ThrowsAsync<AtenaKeyRingException>(() => scope.ServiceProvider.GetRequiredService<IAtenaVault>().RevealAsync(["0000000101"], "atena1", "確認のため"));
            Assert.DoesNotContain(TestNumbers.Digits(1), failed.Message, StringComparison.Ordinal);
            // A vault with rows never silently makes a new first key.
            await Assert.ThrowsAsync<AtenaKeyRingException>(() => scope.ServiceProvider.GetRequiredService<IAtenaVault>().LinkAsync("0000000102", TestNumbers.Number(2), "atena1"));
        }

        Assert.Empty(await bed.AuditAsync(AuditEventType.AtenaRevealed));
    }

    private static string Atena(int i) => "20" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    private static string AtenaVaultOpen(AsyncServiceScope scope, MyNumberLink row) =>
        Vault.AtenaVault.Open(scope.ServiceProvider.GetRequiredService<AtenaKeyRing>(), row).RevealDigits();
}
