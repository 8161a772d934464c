using FukushiIryo.App.Security;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FukushiIryo.App.Tests.Security;

/// <summary>A password stored with a weaker setting is rehashed at 210,000 PBKDF2-HMAC-SHA512 iterations at its next successful check.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PasswordRehashTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_weaker_hash_is_replaced_at_the_next_successful_login()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", fixture);
        await using var services = new ServiceCollection().AddFukushiApp(database.Settings).BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = "legacy1", DisplayName = "移行 一郎", StaffNumber = "7001", ValidFrom = new DateOnly(2020, 4, 1), CreatedAt = DateTimeOffset.UnixEpoch };
        var weak = new PasswordHasher<StaffUser>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        user.PasswordHash = weak.HashPassword(user, "an old but long passphrase");
        Assert.Equal(IdentityResult.Success, await users.CreateAsync(user));
        Assert.Equal(10_000, Iterations(user.PasswordHash!));

        Assert.True(await users.CheckPasswordAsync(user, "an old but long passphrase"));

        await using var db = database.Open();
        var stored = await db.Users.SingleAsync(u => u.UserName == "legacy1");
        Assert.Equal(AppServices.PasswordHashIterations, Iterations(stored.PasswordHash!));
    }

    private static int Iterations(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        return (bytes[5] << 24) | (bytes[6] << 16) | (bytes[7] << 8) | bytes[8];
    }
}
