using System.Data.Common;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace FukushiIryo.App.Demo;

/// <summary>
/// Inserts many new rows of one entity type without the change tracker, in the transaction the
/// context has open: on PostgreSQL with binary COPY, on SQLite with one prepared INSERT. Tables,
/// columns, store types and value converters all come from the EF model, so the rows are exactly
/// those SaveChanges would write. Keys must be set by the caller (see <see cref="NextIdAsync{T}"/>):
/// nothing is read back.
/// </summary>
internal static class DemoBulkInsert
{
    /// <summary>The first free key of a table: one more than the largest "Id" in it.</summary>
    public static async Task<long> NextIdAsync<T>(FukushiDbContext db, CancellationToken cancellationToken)
        where T : class
    {
        var table = Table<T>(db);
        await using var command = CreateCommand(db, $"SELECT COALESCE(MAX({Quote(table.KeyColumn)}), 0) FROM {table.QualifiedName}");
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>
    /// After rows were inserted with explicit keys, moves a PostgreSQL identity sequence past them, so
    /// that the next ordinary insert does not collide. SQLite keeps track by itself.
    /// </summary>
    public static async Task AdvanceIdentityAsync<T>(FukushiDbContext db, CancellationToken cancellationToken)
        where T : class
    {
        if (db.IsSqlite)
        {
            return;
        }

        var table = Table<T>(db);
        var sql = $"SELECT setval(pg_get_serial_sequence('{table.QualifiedName.Replace("'", "''", StringComparison.Ordinal)}', '{table.KeyColumn}'), "
            + $"GREATEST((SELECT MAX({Quote(table.KeyColumn)}) FROM {table.QualifiedName}), 1))";
        await using var command = CreateCommand(db, sql);
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Inserts <paramref name="rows"/> (keys set) into the table of <typeparamref name="T"/>.</summary>
    public static async Task InsertAsync<T>(FukushiDbContext db, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return;
        }

        var table = Table<T>(db);
        if (db.IsSqlite)
        {
            await InsertSqliteAsync(db, table, rows, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CopyPostgresAsync(db, table, rows, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task InsertSqliteAsync<T>(FukushiDbContext db, TableInfo table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table.QualifiedName).Append(" (")
            .AppendJoin(", ", table.Columns.Select(c => Quote(c.Name)))
            .Append(") VALUES (")
            .AppendJoin(", ", table.Columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))
            .Append(')')
            .ToString();
        await using var command = CreateCommand(db, sql);
        var parameters = new DbParameter[table.Columns.Count];
        for (var i = 0; i < table.Columns.Count; i++)
        {
            parameters[i] = table.Columns[i].Mapping.CreateParameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), null, nullable: true);
            command.Parameters.Add(parameters[i]);
        }

        await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = table.Columns[i].ProviderValue(row) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task CopyPostgresAsync<T>(FukushiDbContext db, TableInfo table, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var copy = $"COPY {table.QualifiedName} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
        var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                foreach (var column in table.Columns)
                {
                    var value = column.ProviderValue(row);
                    if (value is null)
                    {
                        await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await importer.WriteAsync(value, column.PostgresType, cancellationToken).ConfigureAwait(false);
                    }
                }
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static DbCommand CreateCommand(FukushiDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // Built from the EF model's table and column names, never from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A bulk insert runs inside the context's transaction.");
        return command;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static TableInfo Table<T>(FukushiDbContext db)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var tableName = entityType.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var schema = entityType.GetSchema();
        var store = StoreObjectIdentifier.Table(tableName, schema);
        var key = entityType.FindPrimaryKey()?.Properties.SingleOrDefault()
            ?? throw new InvalidOperationException($"{typeof(T).Name} has no single-column key.");
        var columns = new List<ColumnInfo>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.IsShadowProperty())
            {
                throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property: the bulk insert cannot fill it.");
            }

            var mapping = (RelationalTypeMapping)property.GetTypeMapping();
            var storeType = mapping.StoreType;
            var parenthesis = storeType.IndexOf('(', StringComparison.Ordinal);
            columns.Add(new ColumnInfo(
                property.GetColumnName(store) ?? property.Name,
                mapping,
                property.GetGetter(),
                parenthesis < 0 ? storeType : storeType[..parenthesis].TrimEnd()));
        }

        var qualified = (schema is null ? string.Empty : Quote(schema) + ".") + Quote(tableName);
        return new TableInfo(qualified, key.GetColumnName(store) ?? key.Name, columns);
    }

    private sealed record TableInfo(string QualifiedName, string KeyColumn, IReadOnlyList<ColumnInfo> Columns);

    private sealed record ColumnInfo(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter, string PostgresType)
    {
        public object? ProviderValue(object entity)
        {
            var value = Getter.GetClrValue(entity);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }
}
