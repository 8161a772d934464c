using FukushiIryo.TestSupport;
using Npgsql;

namespace FukushiIryo.App.Tests.Infrastructure;

[Collection(PostgresCollectionName.Value)]
public sealed class PostgresClusterTests(PostgresFixture fixture)
{
    [Fact]
    public async Task A_fresh_database_of_the_throwaway_cluster_answers_a_query()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("cluster_probe");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_database(), current_setting('server_encoding'), 40 + 2", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.StartsWith("cluster_probe_", reader.GetString(0), StringComparison.Ordinal);
        Assert.Equal("UTF8", reader.GetString(1));
        Assert.Equal(42, reader.GetInt32(2));
    }

    [Fact]
    public async Task The_cluster_stores_Japanese_text_unchanged()
    {
        var connectionString = await fixture.Cluster.CreateDatabaseAsync("cluster_text");
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT @name::text", connection);
        command.Parameters.AddWithValue("name", "𠮷野 ﾊﾅｺ 令和");
        Assert.Equal("𠮷野 ﾊﾅｺ 令和", (string?)await command.ExecuteScalarAsync());
    }
}
