using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace FukushiIryo.Migrations.Postgres;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for PostgreSQL without a server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FukushiDbContext>
{
    public FukushiDbContext CreateDbContext(string[] args) =>
        FukushiDatabase.Open(new DatabaseSettings(DatabaseProvider.Postgres, "Host=localhost;Database=fukushi_design"));
}
