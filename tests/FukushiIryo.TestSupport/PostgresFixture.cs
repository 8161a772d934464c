using Xunit;

namespace FukushiIryo.TestSupport;

/// <summary>
/// xunit fixture that owns one throwaway cluster for a test collection; each test class asks it
/// for a database of its own (<see cref="PostgresCluster.CreateDatabaseAsync"/>).
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresCluster? cluster;

    public PostgresCluster Cluster => cluster
        ?? throw new InvalidOperationException("The PostgreSQL cluster has not been started.");

    public async Task InitializeAsync() => cluster = await PostgresCluster.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The name of the collection that shares one cluster. xunit discovers collection definitions only
/// in the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(PostgresCollectionName.Value)] class … : ICollectionFixture&lt;PostgresFixture&gt;</c>.
/// </summary>
public static class PostgresCollectionName
{
    public const string Value = "PostgreSQL";
}
