using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore.Design;

namespace FukushiIryo.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model for SQLite.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<FukushiDbContext>
{
    public FukushiDbContext CreateDbContext(string[] args) =>
        FukushiDatabase.Open(new DatabaseSettings(DatabaseProvider.Sqlite, Path.Combine(Path.GetTempPath(), "fukushi-design.db")));
}
