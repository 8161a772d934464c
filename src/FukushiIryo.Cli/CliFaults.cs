using FukushiIryo.App.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FukushiIryo.Cli;

/// <summary>
/// Faults of the environment a command can meet half-way (interfaces.md §7, exit 4; ADR 0036): the
/// connection to PostgreSQL lost (server stopped, restarted or crashed), the disk full (a file being
/// written, PostgreSQL or SQLite out of space). Every command runs its writes in transactions and
/// writes files under a temporary name first, so such a fault leaves nothing half-written and the same
/// command can simply be run again; <see cref="FukushiCli"/> says so in Japanese, without a stack trace.
/// </summary>
internal static class CliFaults
{
    /// <summary>ENOSPC (Linux errno 28): .NET gives the errno as the HResult of the IOException.</summary>
    private const int NoSpaceErrno = 28;

    /// <summary>Windows ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL as HRESULTs.</summary>
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>SQLITE_IOERR, SQLITE_FULL.</summary>
    private const int SqliteIoError = 10;
    private const int SqliteFull = 13;

    /// <summary>Whether <paramref name="exception"/> (or one it wraps) is a fault of the environment, not of the input.</summary>
    public static bool IsEnvironment(Exception exception) => IsDiskFull(exception) || IsConnectionLost(exception);

    /// <summary>
    /// A save refused because another process changed the same rows (a concurrency token, a unique key):
    /// exit 1 with "run it again". A lost connection or a full disk also surfaces as a
    /// <see cref="DbUpdateException"/>, but it is a fault of the environment (exit 4, <see cref="IsEnvironment"/>).
    /// </summary>
    public static bool IsConcurrentChange(Exception exception) =>
        exception is ConcurrencyConflictException or DbUpdateException && !IsEnvironment(exception);

    /// <summary>The disk (of a file being written, or of the database) is full.</summary>
    public static bool IsDiskFull(Exception exception) => Chain(exception).Any(e => e switch
    {
        IOException io => io.HResult is NoSpaceErrno or WindowsDiskFull or WindowsHandleDiskFull,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.DiskFull,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteFull,
        _ => false,
    });

    /// <summary>
    /// The database cannot be reached or went away during the command: a network or socket error of
    /// Npgsql, a PostgreSQL connection exception (class 08), the server shutting down or not yet
    /// accepting connections (57P01–57P03), SQLite unable to read or write its file.
    /// </summary>
    public static bool IsConnectionLost(Exception exception) => Chain(exception).Any(e => e switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException npgsql => npgsql.InnerException is IOException or System.Net.Sockets.SocketException or TimeoutException
            || npgsql.IsTransient,
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteIoError,
        _ => false,
    });

    /// <summary>The message for stderr: what happened, that nothing was left half-done, and what to do.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var detail = Chain(exception).Last().Message;
        if (IsDiskFull(exception))
        {
            return $"ディスクの空き容量が足りません（{detail}）。書きかけのファイルや途中までの変更は残していません。空き容量を確保してから、同じコマンドをもう一度実行してください。";
        }

        return Chain(exception).Any(e => e is TimeoutException)
            ? $"データベースが時間内に応答しませんでした（{detail}）。確定していない変更は取り消されています。データベースの負荷やロックを確認してから、同じコマンドをもう一度実行してください。"
            : $"データベースとの接続が切れました（{detail}）。確定していない変更は取り消されています。データベースが動いていることを確認してから、同じコマンドをもう一度実行してください。";
    }

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Chain))
                {
                    yield return inner;
                }
            }
        }
    }
}
