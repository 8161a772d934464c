using FukushiIryo.App.Data;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Infrastructure;

/// <summary>
/// The warning about a PostgreSQL database whose text order is not the code-point order (ADR 0042): the
/// rule on pg_database's fields, and the real query on a C database, an ICU ja-JP database and SQLite.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class DatabaseCollationTests(PostgresFixture fixture)
{
    [Theory]
    [InlineData(null, "C", null, null)]                 // before PostgreSQL 15: no provider column
    [InlineData("c", "C", null, null)]
    [InlineData("c", "POSIX", null, null)]
    [InlineData("c", "C.UTF-8", null, null)]
    [InlineData("c", "C.utf8", null, null)]
    [InlineData("c", "ja_JP.UTF-8", null, "ja_JP.UTF-8")]
    [InlineData(null, "en_US.UTF-8", null, "en_US.UTF-8")]
    [InlineData("i", "C", "ja-JP", "ja-JP (ICU)")]      // ICU: datcollate is not what orders text
    [InlineData("i", "C.UTF-8", "und", "und (ICU)")]
    [InlineData("b", "C", "C", null)]                   // PostgreSQL 17's built-in provider
    [InlineData("b", "C", "C.UTF-8", null)]
    [InlineData("b", "C", "PG_UNICODE_FAST", "PG_UNICODE_FAST (builtin)")]
    public void A_collation_is_described_only_when_it_is_not_the_code_point_order(string? provider, string collate, string? locale, string? expected) =>
        Assert.Equal(expected, DatabaseCollation.Describe(provider, collate, locale));

    [Fact]
    public async Task A_database_of_the_C_cluster_gets_no_warning()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("collation_c", icuLocale: null);
        await using var db = FukushiDatabase.Open(new DatabaseSettings(DatabaseProvider.Postgres, connectionString));
        Assert.Null(await DatabaseCollation.WarningAsync(db));
    }

    [Fact]
    public async Task A_database_ordered_by_ICU_ja_JP_gets_a_warning_naming_it_and_the_remedy()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("collation_ja", icuLocale: "ja-JP");
        await using var db = FukushiDatabase.Open(new DatabaseSettings(DatabaseProvider.Postgres, connectionString));

        var warning = await DatabaseCollation.WarningAsync(db);

        Assert.NotNull(warning);
        Assert.Contains("ja-JP (ICU)", warning, StringComparison.Ordinal);
        Assert.Contains("collation_ja_", warning, StringComparison.Ordinal);
        Assert.Contains("--locale=C.UTF-8", warning, StringComparison.Ordinal);
        Assert.Equal(System.Data.ConnectionState.Closed, db.Database.GetDbConnection().State); // the connection is left as found
    }

    [Fact]
    public async Task SQLite_gets_no_warning()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", fixture);
        await using var db = database.Open();
        Assert.Null(await DatabaseCollation.WarningAsync(db));
    }
}
