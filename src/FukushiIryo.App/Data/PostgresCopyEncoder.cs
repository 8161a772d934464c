using System.Buffers.Binary;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FukushiIryo.App.Data;

/// <summary>
/// Rows in PostgreSQL's binary COPY format (the PGCOPY file: signature, flags, header extension, then per row
/// a 16-bit field count and each field as a 32-bit length, −1 for null, and its bytes in network order; a
/// 16-bit −1 ends the file), encoded into a 64 KB buffer that is written to <paramref name="output"/> (a raw
/// COPY stream) whenever it fills. Only the store types the bulk path needs are encoded, exactly as Npgsql
/// encodes them: <c>bigint</c>, <c>integer</c>, <c>smallint</c>, <c>boolean</c>, text (strict UTF-8), <c>date</c>
/// (days since 2000-01-01; <see cref="DateOnly.MinValue"/> and <see cref="DateOnly.MaxValue"/> as −infinity and
/// infinity) and <c>timestamp with time zone</c> (microseconds since 2000-01-01 UTC, truncated as Npgsql does;
/// the minimum and maximum instants as −infinity and infinity). It exists because Npgsql's
/// <see cref="NpgsqlBinaryImporter"/> binds a parameter for every value (≈ 8 % of a payment preparation's CPU).
/// </summary>
internal sealed class PostgresCopyEncoder(Stream output)
{
    private static readonly byte[] Signature = Encoding.Latin1.GetBytes("PGCOPY\n\u00ff\r\n\0");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly long PostgresEpochTicks = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static readonly int PostgresEpochDay = new DateOnly(2000, 1, 1).DayNumber;

    private readonly byte[] buffer = new byte[1 << 16];

    private int length;

    /// <summary>The signature, no flags, no header extension.</summary>
    public void WriteHeader()
    {
        Ensure(Signature.Length + 8);
        Signature.CopyTo(buffer, length);
        length += Signature.Length;
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), 0);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length + 4), 0);
        length += 8;
    }

    public void StartRow(short fields)
    {
        Ensure(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length), fields);
        length += 2;
    }

    public void WriteNull()
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), -1);
        length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(12);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), 8);
        BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length + 4), value);
        length += 12;
    }

    public void WriteInt32(int value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), 4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length + 4), value);
        length += 8;
    }

    public void WriteInt16(short value)
    {
        Ensure(6);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), 2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length + 4), value);
        length += 6;
    }

    public void WriteBoolean(bool value)
    {
        Ensure(5);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), 1);
        buffer[length + 4] = value ? (byte)1 : (byte)0;
        length += 5;
    }

    /// <summary>UTF-8, refusing a lone surrogate (<see cref="EncoderFallbackException"/>) as Npgsql does.</summary>
    public void WriteText(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int most = StrictUtf8.GetMaxByteCount(value.Length);
        if (most + 4 <= buffer.Length)
        {
            // Encoded in place, its length written in front of it afterwards.
            Ensure(most + 4);
            int written = StrictUtf8.GetBytes(value, buffer.AsSpan(length + 4));
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), written);
            length += 4 + written;
            return;
        }

        var bytes = StrictUtf8.GetBytes(value);
        Ensure(4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), bytes.Length);
        length += 4;
        Flush();
        output.Write(bytes);
    }

    public void WriteDate(DateOnly value)
    {
        int days = value == DateOnly.MinValue ? int.MinValue
            : value == DateOnly.MaxValue ? int.MaxValue
            : value.DayNumber - PostgresEpochDay;
        WriteInt32(days);
    }

    /// <summary>An instant in UTC (offset 0, as timestamptz requires; the bulk path converts before it writes).</summary>
    public void WriteTimestampTz(DateTimeOffset value)
    {
        if (value.Offset != TimeSpan.Zero)
        {
            throw new ArgumentException("A timestamp with time zone is written in UTC (offset 0).", nameof(value));
        }

        long microseconds = value == DateTimeOffset.MinValue ? long.MinValue
            : value == DateTimeOffset.MaxValue ? long.MaxValue
            : (value.UtcTicks - PostgresEpochTicks) / 10;
        WriteInt64(microseconds);
    }

    /// <summary>The end of the file (a field count of −1), then everything still buffered.</summary>
    public void WriteTrailer()
    {
        StartRow(-1);
        Flush();
    }

    public void Flush()
    {
        if (length > 0)
        {
            output.Write(buffer, 0, length);
            length = 0;
        }
    }

    private void Ensure(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            Flush();
        }
    }
}

/// <summary>
/// PostgreSQL: binary COPY on the context's connection (in its current transaction if any), the rows encoded
/// by <see cref="PostgresCopyEncoder"/> into Npgsql's raw COPY stream: the fast path of <see cref="BulkInsert"/>
/// when every column's type is one it encodes (otherwise <see cref="PostgresBulkInserter{T}"/>). Same contract:
/// nothing is stored unless <see cref="CompleteAsync"/> returns; disposing before cancels the COPY.
/// </summary>
internal sealed class PostgresRawBulkInserter<T> : IBulkInserter<T>
    where T : class
{
    private readonly DbContext db;
    private readonly NpgsqlRawCopyStream stream;
    private readonly PostgresCopyEncoder encoder;
    private readonly BulkRawColumnWriter<T>[] writers;
    private readonly short fields;
    private bool finished;

    private PostgresRawBulkInserter(DbContext db, NpgsqlRawCopyStream stream, BulkRawColumnWriter<T>[] writers)
    {
        this.db = db;
        this.stream = stream;
        this.writers = writers;
        fields = checked((short)writers.Length);
        encoder = new PostgresCopyEncoder(stream);
        encoder.WriteHeader();
    }

    public long RowsWritten { get; private set; }

    public static async Task<PostgresRawBulkInserter<T>> StartAsync(DbContext db, BulkTableMap<T> map, BulkRawColumnWriter<T>[] writers, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var stream = await connection.BeginRawBinaryCopyAsync(
                $"COPY {map.Table} ({map.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            return new PostgresRawBulkInserter<T>(db, stream, writers);
        }
        catch
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Encodes the row into the buffer (synchronously; a full buffer is written to the COPY stream).</summary>
    public ValueTask WriteAsync(T row, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ObjectDisposedException.ThrowIf(finished, this);
        cancellationToken.ThrowIfCancellationRequested();
        encoder.StartRow(fields);
        foreach (var write in writers)
        {
            write(encoder, row);
        }

        RowsWritten++;
        return ValueTask.CompletedTask;
    }

    public async Task<long> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(finished, this);
        finished = true;
        try
        {
            encoder.WriteTrailer();
            await stream.DisposeAsync().ConfigureAwait(false); // ends the COPY: the server's refusal (a constraint) is thrown here
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }

        return RowsWritten;
    }

    public async ValueTask DisposeAsync()
    {
        if (finished)
        {
            return;
        }

        finished = true;
        try
        {
            await stream.CancelAsync().ConfigureAwait(false); // nothing written is kept
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
    }
}
