using FukushiIryo.App.Data;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Data;

[Collection(PostgresCollectionName.Value)]
public sealed class MigrationsTests(PostgresFixture fixture)
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Each_provider_has_no_model_change_without_a_migration(string provider)
    {
        // Building the model needs no server: a PostgreSQL context is built without connecting.
        var settings = provider == "sqlite"
            ? new DatabaseSettings(DatabaseProvider.Sqlite, Path.Combine(Path.GetTempPath(), "unused.db"))
            : new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=unused");
        await using var db = FukushiDatabase.Open(settings);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes without a {provider} migration: run scripts/add-migration.sh NAME.");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Migrating_an_empty_database_applies_every_migration(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }
}
