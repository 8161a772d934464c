using FukushiIryo.TestSupport;

namespace FukushiIryo.App.Tests.Infrastructure;

/// <summary>All PostgreSQL tests of this assembly share one throwaway cluster.</summary>
[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresClusterDefinition : ICollectionFixture<PostgresFixture>;
