using FukushiIryo.TestSupport;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// The PostgreSQL tests of this assembly (only the issue 9 journey, to keep the cost small) share
/// one throwaway cluster; each asks it for a database of its own.
/// </summary>
[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresClusterDefinition : ICollectionFixture<PostgresFixture>;
