using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using FukushiIryo.App.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace FukushiIryo.App.Data;

/// <summary>
/// Writes rows of one entity type straight into its table, by the provider's fast path
/// (architecture.md §3): PostgreSQL binary <c>COPY … FROM STDIN</c> (<see cref="NpgsqlBinaryImporter"/>),
/// SQLite one prepared <c>INSERT</c> reused for every row inside one transaction. Rows are streamed:
/// nothing is kept in memory, so millions of rows take no more memory than one.
/// <para>
/// The columns are those the EF model maps for the entity (names, value converters such as enums
/// stored by name or instants as ticks on SQLite), except a store-generated key, which the
/// database assigns. Inserted rows are not tracked by the context and their generated keys are
/// not read back. Entities with owned or complex types or an inheritance hierarchy are refused.
/// </para>
/// <para>
/// Transactions: inside an EF transaction (<c>db.Database.BeginTransactionAsync</c>) the rows are
/// written in it and vanish with its rollback. Without one, the SQLite inserter begins its own
/// and commits it in <see cref="IBulkInserter{T}.CompleteAsync"/>; a PostgreSQL COPY is atomic by
/// itself. Disposing an inserter that was not completed discards what it wrote (the COPY is
/// cancelled; its own SQLite transaction is rolled back; in the caller's transaction, the
/// caller rolls back).
/// </para>
/// <para>
/// While a PostgreSQL inserter is open its connection is busy with the COPY: run no other
/// command on the same context until <see cref="IBulkInserter{T}.CompleteAsync"/> returns.
/// The audit log is never written this way by callers: only the audit writer in SaveChanges, for a
/// save with many events, writes its linked rows through <c>WriteAuditRowsAsync</c>.
/// </para>
/// </summary>
public static class BulkInsert
{
    /// <summary>Opens an inserter for <typeparamref name="T"/> on the context's database.</summary>
    public static Task<IBulkInserter<T>> BeginBulkInsertAsync<T>(this DbContext db, CancellationToken cancellationToken = default)
        where T : class => db.BeginBulkInsertAsync<T>(BulkKeys.Generated, cancellationToken);

    /// <summary>
    /// Opens an inserter for <typeparamref name="T"/>. With <see cref="BulkKeys.Explicit"/> the rows
    /// carry their own keys (see <see cref="BulkKeyRange"/>), so that dependent rows can refer to
    /// them without reading anything back.
    /// </summary>
    public static Task<IBulkInserter<T>> BeginBulkInsertAsync<T>(this DbContext db, BulkKeys keys, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        return StartAsync(db, BulkTableMap<T>.For(db, keys), cancellationToken);
    }

    /// <summary>
    /// The audit writer's rows, already linked under the chain's lock, in the save's transaction
    /// (<see cref="FukushiDbContext"/>, a save with many events): the only bulk write of the audit log.
    /// </summary>
    internal static async Task WriteAuditRowsAsync(FukushiDbContext db, IReadOnlyList<AuditEvent> rows, CancellationToken cancellationToken)
    {
        var inserter = await StartAsync(db, BulkTableMap<AuditEvent>.ForAuditWriter(db), cancellationToken).ConfigureAwait(false);
        await using (inserter.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await inserter.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            }

            await inserter.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// PostgreSQL: write with Npgsql's <see cref="NpgsqlBinaryImporter"/> even where the rows could be encoded
    /// here (<see cref="PostgresRawBulkInserter{T}"/>); for the test that compares the two, in its own flow only.
    /// </summary>
    internal static readonly AsyncLocal<bool> PreferNpgsqlImporter = new();

    private static async Task<IBulkInserter<T>> StartAsync<T>(DbContext db, BulkTableMap<T> map, CancellationToken cancellationToken)
        where T : class
    {
        if (db.Database.IsNpgsql())
        {
            return map.PostgresRawWriters.Value is { } raw && !PreferNpgsqlImporter.Value
                ? await PostgresRawBulkInserter<T>.StartAsync(db, map, raw, cancellationToken).ConfigureAwait(false)
                : await PostgresBulkInserter<T>.StartAsync(db, map, cancellationToken).ConfigureAwait(false);
        }

        if (db.Database.IsSqlite())
        {
            return await SqliteBulkInserter<T>.StartAsync(db, map, cancellationToken).ConfigureAwait(false);
        }

        throw new NotSupportedException($"Bulk insert is not implemented for {db.Database.ProviderName}.");
    }

    /// <summary>Writes every row of <paramref name="rows"/> and completes; returns the number written.</summary>
    public static Task<long> BulkInsertAsync<T>(this DbContext db, IEnumerable<T> rows, CancellationToken cancellationToken = default)
        where T : class => db.BulkInsertAsync(rows, BulkKeys.Generated, cancellationToken);

    /// <summary>Writes every row of <paramref name="rows"/> and completes; returns the number written.</summary>
    public static async Task<long> BulkInsertAsync<T>(this DbContext db, IEnumerable<T> rows, BulkKeys keys, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inserter = await db.BeginBulkInsertAsync<T>(keys, cancellationToken).ConfigureAwait(false);
        await using (inserter.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await inserter.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            }

            return await inserter.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes every row of <paramref name="rows"/> and completes; returns the number written.</summary>
    public static async Task<long> BulkInsertAsync<T>(this DbContext db, IAsyncEnumerable<T> rows, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(rows);
        var inserter = await db.BeginBulkInsertAsync<T>(cancellationToken).ConfigureAwait(false);
        await using (inserter.ConfigureAwait(false))
        {
            await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await inserter.WriteAsync(row, cancellationToken).ConfigureAwait(false);
            }

            return await inserter.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>
/// A bulk insert in progress (see <see cref="BulkInsert"/>): write rows one by one, then complete.
/// Dispose without completing to abandon it.
/// </summary>
public interface IBulkInserter<in T> : IAsyncDisposable
    where T : class
{
    /// <summary>Rows written so far.</summary>
    long RowsWritten { get; }

    /// <summary>Writes one row.</summary>
    ValueTask WriteAsync(T row, CancellationToken cancellationToken = default);

    /// <summary>Finishes the insert (and commits the inserter's own transaction, if it began one); returns the rows written.</summary>
    Task<long> CompleteAsync(CancellationToken cancellationToken = default);
}

/// <summary>Who gives a bulk-inserted row its key.</summary>
public enum BulkKeys
{
    /// <summary>The database generates the key (the key column is not written).</summary>
    Generated,

    /// <summary>The rows carry keys taken from a <see cref="BulkKeyRange"/>.</summary>
    Explicit,
}

/// <summary>
/// Keys for rows inserted with <see cref="BulkKeys.Explicit"/>: the next free key of a table, and,
/// once the rows are in, moving a PostgreSQL identity sequence past them so that ordinary inserts
/// do not collide (SQLite keeps track by itself). Run both inside the transaction of the insert.
/// </summary>
public static class BulkKeyRange
{
    /// <summary>One more than the largest key of <typeparamref name="T"/>'s table.</summary>
    public static async Task<long> NextAsync<T>(DbContext db, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var (table, key) = TableAndKey<T>(db);
        await using var command = Command(db, $"SELECT COALESCE(MAX({key}), 0) FROM {table}");
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    /// <summary>
    /// PostgreSQL: takes <paramref name="count"/> keys from the identity sequence of <typeparamref name="T"/>'s
    /// table (unique even while others insert; not necessarily consecutive), for rows written with
    /// <see cref="BulkKeys.Explicit"/> that dependent rows must name. Not available on SQLite.
    /// </summary>
    public static async Task<long[]> ReserveAsync<T>(DbContext db, int count, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (!db.Database.IsNpgsql())
        {
            throw new NotSupportedException("Keys are reserved from an identity sequence, which only PostgreSQL has.");
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var rawTable = entityType.GetTableName()!;
        var rawKey = entityType.FindPrimaryKey()!.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(rawTable, entityType.GetSchema()))!;
        var (table, _) = TableAndKey<T>(db);
        var keys = new long[count];
        await using var command = Command(db, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"SELECT nextval(pg_get_serial_sequence('{table.Replace("'", "''", StringComparison.Ordinal)}', '{rawKey.Replace("'", "''", StringComparison.Ordinal)}')) FROM generate_series(1, {count})"));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < count && await reader.ReadAsync(cancellationToken).ConfigureAwait(false); i++)
        {
            keys[i] = reader.GetInt64(0);
        }

        return keys;
    }

    /// <summary>Moves the PostgreSQL identity sequence of <typeparamref name="T"/>'s table past its largest key.</summary>
    public static async Task AdvanceAsync<T>(DbContext db, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return;
        }

        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var rawTable = entityType.GetTableName()!;
        var rawKey = entityType.FindPrimaryKey()!.Properties.Single().GetColumnName(StoreObjectIdentifier.Table(rawTable, entityType.GetSchema()))!;
        var (table, key) = TableAndKey<T>(db);
        await using var command = Command(db,
            $"SELECT setval(pg_get_serial_sequence('{table.Replace("'", "''", StringComparison.Ordinal)}', '{rawKey.Replace("'", "''", StringComparison.Ordinal)}'), GREATEST((SELECT MAX({key}) FROM {table}), 1))");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private static (string Table, string Key) TableAndKey<T>(DbContext db)
        where T : class
    {
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        var tableName = entityType.GetTableName() ?? throw new NotSupportedException($"{typeof(T).Name} is not mapped to a table.");
        var schema = entityType.GetSchema();
        var key = entityType.FindPrimaryKey()?.Properties.SingleOrDefault() ?? throw new NotSupportedException($"{typeof(T).Name} has no single-column key.");
        var sql = db.GetService<ISqlGenerationHelper>();
        return (sql.DelimitIdentifier(tableName, schema), sql.DelimitIdentifier(key.GetColumnName(StoreObjectIdentifier.Table(tableName, schema))!));
    }

    private static System.Data.Common.DbCommand Command(DbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
#pragma warning disable CA2100 // Built from the EF model's table and column names, never from input.
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }
}

/// <summary>How an entity's properties map to its table's columns, from the EF model.</summary>
internal sealed class BulkTableMap<T>
    where T : class
{
    private static readonly ConcurrentDictionary<(IModel Model, BulkKeys Keys), BulkTableMap<T>> Cache = new();

    private BulkTableMap(string table, IReadOnlyList<BulkColumn<T>> columns)
    {
        Table = table;
        Columns = columns;
        PostgresRawWriters = new(() => columns.All(column => column.PostgresRawWriter.Value is not null)
            ? columns.Select(column => column.PostgresRawWriter.Value!).ToArray()
            : null);
    }

    /// <summary>The columns' writers of the binary COPY format, or null when one column's type is not encoded here.</summary>
    public Lazy<BulkRawColumnWriter<T>[]?> PostgresRawWriters { get; }

    /// <summary>The delimited (and schema-qualified) table name.</summary>
    public string Table { get; }

    public IReadOnlyList<BulkColumn<T>> Columns { get; }

    public string ColumnList => string.Join(", ", Columns.Select(column => column.DelimitedName));

    public static BulkTableMap<T> For(DbContext db, BulkKeys keys = BulkKeys.Generated)
    {
        if (typeof(T) == typeof(AuditEvent))
        {
            throw new InvalidOperationException("Audit events are written only through AddAudit and SaveChanges.");
        }

        return Cached(db, keys);
    }

    /// <summary>The map of the audit log, for the audit writer alone (SaveChanges, after linking the rows under the chain's lock).</summary>
    internal static BulkTableMap<T> ForAuditWriter(DbContext db) => Cached(db, BulkKeys.Explicit);

    private static BulkTableMap<T> Cached(DbContext db, BulkKeys keys)
    {
        return Cache.GetOrAdd((db.Model, keys), static (key, db) => Build(key.Model, key.Keys, db.GetService<ISqlGenerationHelper>()), db);
    }

    private static BulkTableMap<T> Build(IModel model, BulkKeys keys, ISqlGenerationHelper sql)
    {
        var entityType = model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity of the model.");
        if (entityType.BaseType is not null || entityType.GetDirectlyDerivedTypes().Any()
            || entityType.GetComplexProperties().Any()
            || entityType.GetNavigations().Any(navigation => navigation.TargetEntityType.IsOwned()))
        {
            throw new NotSupportedException($"Bulk insert handles plain entities only, not {typeof(T).Name} (inheritance, owned or complex types).");
        }

        var tableName = entityType.GetTableName()
            ?? throw new NotSupportedException($"{typeof(T).Name} is not mapped to a table.");
        var schema = entityType.GetSchema();
        var table = StoreObjectIdentifier.Table(tableName, schema);
        var columns = new List<BulkColumn<T>>();
        foreach (var property in entityType.GetProperties())
        {
            var member = (MemberInfo?)property.PropertyInfo ?? property.FieldInfo;
            if (member is null || (keys == BulkKeys.Generated && property.IsPrimaryKey() && property.ValueGenerated == ValueGenerated.OnAdd))
            {
                continue; // a shadow property, or a key the database generates
            }

            var column = property.GetColumnName(table)
                ?? throw new NotSupportedException($"{typeof(T).Name}.{property.Name} has no column in {tableName}.");
            var mapping = property.GetRelationalTypeMapping();
            columns.Add(new BulkColumn<T>(sql.DelimitIdentifier(column), mapping, Getter(member, mapping),
                new Lazy<BulkColumnWriter<T>>(() => PostgresWriter(member, mapping)), new Lazy<BulkRawColumnWriter<T>?>(() => PostgresRawWriter(member, mapping))));
        }

        return new BulkTableMap<T>(sql.DelimitIdentifier(tableName, schema), columns);
    }

    /// <summary>
    /// A compiled writer of one column to a binary COPY, typed by the provider CLR type (no boxing):
    /// null → <c>WriteNull</c>, else the converted value written as the column's store type (instants in
    /// UTC, as timestamptz requires). The type is given as the <see cref="NpgsqlDbType"/> EF's mapping puts
    /// on a parameter, resolved once per column here rather than a type name handed over with every
    /// value (the store type name only where the mapping names no NpgsqlDbType). The writes are synchronous: they fill Npgsql's write buffer, which sends itself when full.
    /// </summary>
    private static BulkColumnWriter<T> PostgresWriter(MemberInfo member, RelationalTypeMapping mapping)
    {
        var importer = Expression.Parameter(typeof(NpgsqlBinaryImporter), "importer");
        var row = Expression.Parameter(typeof(T), "row");
        var (value, isNull) = ProviderValue(row, member, mapping);

        Expression write = PostgresDbType(mapping) is { } dbType
            ? Expression.Call(importer, nameof(NpgsqlBinaryImporter.Write), [value.Type], value, Expression.Constant(dbType))
            : Expression.Call(importer, nameof(NpgsqlBinaryImporter.Write), [value.Type], value, Expression.Constant(mapping.StoreTypeNameBase));
        if (isNull is not null)
        {
            write = Expression.IfThenElse(isNull, Expression.Call(importer, nameof(NpgsqlBinaryImporter.WriteNull), Type.EmptyTypes), write);
        }

        return Expression.Lambda<BulkColumnWriter<T>>(write, importer, row).Compile();
    }

    /// <summary>
    /// A compiled writer of one column in PostgreSQL's binary COPY format (<see cref="PostgresCopyEncoder"/>), for
    /// the store types encoded here — bigint, integer, smallint, boolean, text and character varying, date,
    /// timestamp with time zone — from the provider value as <see cref="PostgresWriter"/> takes it (converter
    /// applied, instants in UTC); null for any other column (the table is then written by Npgsql's importer).
    /// </summary>
    private static BulkRawColumnWriter<T>? PostgresRawWriter(MemberInfo member, RelationalTypeMapping mapping)
    {
        var encoder = Expression.Parameter(typeof(PostgresCopyEncoder), "encoder");
        var row = Expression.Parameter(typeof(T), "row");
        var (value, isNull) = ProviderValue(row, member, mapping);

        string? method = (value.Type, mapping.StoreTypeNameBase) switch
        {
            (var type, "bigint") when type == typeof(long) => nameof(PostgresCopyEncoder.WriteInt64),
            (var type, "integer") when type == typeof(int) => nameof(PostgresCopyEncoder.WriteInt32),
            (var type, "smallint") when type == typeof(short) => nameof(PostgresCopyEncoder.WriteInt16),
            (var type, "boolean") when type == typeof(bool) => nameof(PostgresCopyEncoder.WriteBoolean),
            (var type, "text" or "character varying") when type == typeof(string) => nameof(PostgresCopyEncoder.WriteText),
            (var type, "date") when type == typeof(DateOnly) => nameof(PostgresCopyEncoder.WriteDate),
            (var type, "timestamp with time zone") when type == typeof(DateTimeOffset) => nameof(PostgresCopyEncoder.WriteTimestampTz),
            _ => null,
        };
        if (method is null)
        {
            return null;
        }

        Expression write = Expression.Call(encoder, method, Type.EmptyTypes, value);
        if (isNull is not null)
        {
            write = Expression.IfThenElse(isNull, Expression.Call(encoder, nameof(PostgresCopyEncoder.WriteNull), Type.EmptyTypes), write);
        }

        return Expression.Lambda<BulkRawColumnWriter<T>>(write, encoder, row).Compile();
    }

    /// <summary>
    /// The column's value of <paramref name="row"/> as the provider stores it — the member read, a nullable
    /// unwrapped, EF's converter applied (enums by name …), an instant in UTC — and the test for null (none
    /// for a value type that cannot be null).
    /// </summary>
    private static (Expression Value, Expression? IsNull) ProviderValue(ParameterExpression row, MemberInfo member, RelationalTypeMapping mapping)
    {
        Expression value = Expression.MakeMemberAccess(row, member);
        var underlying = Nullable.GetUnderlyingType(value.Type);
        Expression? isNull = underlying is not null
            ? Expression.Not(Expression.Property(value, nameof(Nullable<int>.HasValue)))
            : value.Type.IsValueType ? null : Expression.Equal(value, Expression.Constant(null, value.Type));
        if (underlying is not null)
        {
            value = Expression.Property(value, nameof(Nullable<int>.Value));
        }

        if (mapping.Converter is { } converter)
        {
            var convert = converter.ConvertToProviderExpression;
            value = Expression.Invoke(convert, Expression.Convert(value, convert.Parameters[0].Type));
        }

        if (value.Type == typeof(DateTimeOffset))
        {
            value = Expression.Call(value, nameof(DateTimeOffset.ToUniversalTime), Type.EmptyTypes);
        }

        return (value, isNull);
    }

    /// <summary>The <see cref="NpgsqlDbType"/> EF's mapping gives a parameter of the column; null when it gives none.</summary>
    private static NpgsqlDbType? PostgresDbType(RelationalTypeMapping mapping)
    {
        using var command = new NpgsqlCommand();
        var parameter = (NpgsqlParameter)mapping.CreateParameter(command, "p", value: null, nullable: true);
        var dbType = parameter.NpgsqlDbType;
        return dbType == NpgsqlDbType.Unknown ? null : dbType;
    }

    private static Func<T, object?> Getter(MemberInfo member, RelationalTypeMapping mapping)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var read = Expression.Lambda<Func<T, object?>>(
            Expression.Convert(Expression.MakeMemberAccess(row, member), typeof(object)), row).Compile();
        var converter = mapping.Converter;
        return converter is null
            ? read
            : value => read(value) is { } model ? converter.ConvertToProvider(model) : null;
    }
}

/// <summary>One column: its delimited name, EF's type mapping, the provider value of a row, and its typed COPY writer.</summary>
internal sealed record BulkColumn<T>(
    string DelimitedName, RelationalTypeMapping Mapping, Func<T, object?> ProviderValue, Lazy<BulkColumnWriter<T>> PostgresWriter, Lazy<BulkRawColumnWriter<T>?> PostgresRawWriter);

/// <summary>Writes one column of a row in the binary COPY format (<see cref="PostgresCopyEncoder"/>).</summary>
internal delegate void BulkRawColumnWriter<in T>(PostgresCopyEncoder encoder, T row);

/// <summary>Writes one column of a row to a binary COPY (into Npgsql's write buffer).</summary>
internal delegate void BulkColumnWriter<in T>(NpgsqlBinaryImporter importer, T row);

/// <summary>PostgreSQL: binary COPY on the context's connection, in its current transaction if any.</summary>
internal sealed class PostgresBulkInserter<T> : IBulkInserter<T>
    where T : class
{
    private readonly DbContext db;
    private readonly NpgsqlBinaryImporter importer;
    private readonly BulkColumnWriter<T>[] writers;
    private bool finished;

    private PostgresBulkInserter(DbContext db, NpgsqlBinaryImporter importer, BulkColumnWriter<T>[] writers)
    {
        this.db = db;
        this.importer = importer;
        this.writers = writers;
    }

    public long RowsWritten { get; private set; }

    public static async Task<PostgresBulkInserter<T>> StartAsync(DbContext db, BulkTableMap<T> map, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var importer = await connection.BeginBinaryImportAsync(
                $"COPY {map.Table} ({map.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            return new PostgresBulkInserter<T>(db, importer, map.Columns.Select(column => column.PostgresWriter.Value).ToArray());
        }
        catch
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Writes the row into Npgsql's write buffer synchronously (one call per column, no state machine
    /// per value); the buffer goes to the server whenever it fills. Completes synchronously.
    /// </summary>
    public ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ObjectDisposedException.ThrowIf(finished, this);
        cancellationToken.ThrowIfCancellationRequested();
        importer.StartRow();
        foreach (var write in writers)
        {
            write(importer, row);
        }

        RowsWritten++;
        return ValueTask.CompletedTask;
    }

    public async Task<long> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        var written = await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        await FinishAsync().ConfigureAwait(false);
        return (long)written;
    }

    public async ValueTask DisposeAsync()
    {
        if (!finished)
        {
            await FinishAsync().ConfigureAwait(false); // disposing an uncompleted importer cancels the COPY
        }
    }

    private async Task FinishAsync()
    {
        finished = true;
        await importer.DisposeAsync().ConfigureAwait(false);
        await db.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}

/// <summary>SQLite: one prepared INSERT, its parameters set for each row, in one transaction.</summary>
internal sealed class SqliteBulkInserter<T> : IBulkInserter<T>
    where T : class
{
    private readonly DbContext db;
    private readonly BulkTableMap<T> map;
    private readonly SqliteCommand command;
    private readonly DbParameter[] parameters;
    private readonly IDbContextTransaction? ownTransaction;
    private bool finished;

    private SqliteBulkInserter(DbContext db, BulkTableMap<T> map, SqliteCommand command, IDbContextTransaction? ownTransaction)
    {
        this.db = db;
        this.map = map;
        this.command = command;
        this.ownTransaction = ownTransaction;
        parameters = command.Parameters.Cast<DbParameter>().ToArray();
    }

    public long RowsWritten { get; private set; }

    public static async Task<SqliteBulkInserter<T>> StartAsync(DbContext db, BulkTableMap<T> map, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        IDbContextTransaction? own = null;
        SqliteCommand? command = null;
        try
        {
            if (db.Database.CurrentTransaction is null)
            {
                own = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            }

            var connection = (SqliteConnection)db.Database.GetDbConnection();
            command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            var names = map.Columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
#pragma warning disable CA2100 // The text is built from the EF model's delimited identifiers, never from input.
            command.CommandText = $"INSERT INTO {map.Table} ({map.ColumnList}) VALUES ({string.Join(", ", names)})";
#pragma warning restore CA2100
            for (var i = 0; i < map.Columns.Count; i++)
            {
                command.Parameters.Add(map.Columns[i].Mapping.CreateParameter(command, names[i], value: null, nullable: true));
            }

            await command.PrepareAsync(cancellationToken).ConfigureAwait(false);
            return new SqliteBulkInserter<T>(db, map, command, own);
        }
        catch
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }

            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }

            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ObjectDisposedException.ThrowIf(finished, this);
        var columns = map.Columns;
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = columns[i].ProviderValue(row) ?? DBNull.Value;
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        RowsWritten++;
    }

    public async Task<long> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        if (ownTransaction is not null)
        {
            await ownTransaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        await FinishAsync().ConfigureAwait(false);
        return RowsWritten;
    }

    public async ValueTask DisposeAsync()
    {
        if (!finished)
        {
            await FinishAsync().ConfigureAwait(false); // an own transaction not committed is rolled back
        }
    }

    private async Task FinishAsync()
    {
        finished = true;
        await command.DisposeAsync().ConfigureAwait(false);
        if (ownTransaction is not null)
        {
            await ownTransaction.DisposeAsync().ConfigureAwait(false);
        }

        await db.Database.CloseConnectionAsync().ConfigureAwait(false);
    }
}
