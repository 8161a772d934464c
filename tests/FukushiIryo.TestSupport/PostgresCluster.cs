using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace FukushiIryo.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed binaries (initdb + pg_ctl) in a
/// temporary folder, on a free loopback port with a Unix socket folder of its own, removed when
/// disposed. initdb refuses to run as root, so when the tests run as root (as CI does) every
/// PostgreSQL binary is run as the <c>postgres</c> user through runuser, in a folder it owns.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private readonly string binDirectory;
    private readonly bool runAsPostgresUser;
    private int databaseCounter;
    private string startOptions = string.Empty;

    private PostgresCluster(string binDirectory, string rootDirectory, int port, bool runAsPostgresUser)
    {
        this.binDirectory = binDirectory;
        RootDirectory = rootDirectory;
        Port = port;
        this.runAsPostgresUser = runAsPostgresUser;
    }

    /// <summary>The temporary folder holding the data directory, the socket and the log.</summary>
    public string RootDirectory { get; }

    public int Port { get; }

    private string DataDirectory => Path.Combine(RootDirectory, "data");

    private string SocketDirectory => Path.Combine(RootDirectory, "socket");

    private string LogFile => Path.Combine(RootDirectory, "postgres.log");

    /// <summary>The connection string of the cluster's maintenance database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Pooling = true,
        Timeout = 15,

        // Every test makes its own database, and each database has its own pool: idle connections are closed
        // after a few seconds so that hundreds of test databases never hold max_connections between them.
        ConnectionIdleLifetime = 2,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    /// <summary>Finds the binaries, initialises a cluster and starts it.</summary>
    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        var runAsPostgres = Environment.IsPrivilegedProcess;
        var root = Path.Combine(Path.GetTempPath(), "fukushi-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        Directory.CreateDirectory(Path.Combine(root, "socket"));
        if (runAsPostgres)
        {
            await RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", root], cancellationToken).ConfigureAwait(false);
        }

        var cluster = new PostgresCluster(bin, root, FreeLoopbackPort(), runAsPostgres);
        try
        {
            await cluster.RunToolAsync("initdb",
                ["-D", cluster.DataDirectory, "-U", SuperUser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
                cancellationToken).ConfigureAwait(false);
            var options = string.Join(' ',
                $"-p {cluster.Port.ToString(CultureInfo.InvariantCulture)}",
                "-c listen_addresses=127.0.0.1",
                $"-k {cluster.SocketDirectory}",
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "-c max_connections=400");
            cluster.startOptions = options;
            await cluster.StartServerAsync(cancellationToken).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Creates a new, empty database with a unique name and returns its connection string. Its text order is
    /// the cluster's C, unless <c>FUKUSHI_TEST_PG_ICU_LOCALE</c> names an ICU locale (e.g. <c>ja-JP</c>): then
    /// every test database orders text by that locale, to run the suite as on a linguistically collated
    /// production database (ADR 0042).
    /// </summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test", CancellationToken cancellationToken = default) =>
        CreateDatabaseAsync(prefix, Environment.GetEnvironmentVariable("FUKUSHI_TEST_PG_ICU_LOCALE") is { Length: > 0 } locale ? locale : null, cancellationToken);

    /// <summary>Like <see cref="CreateDatabaseAsync(string, CancellationToken)"/>, ordering text by the ICU locale <paramref name="icuLocale"/> (null: the cluster's C).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, string? icuLocale, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Interlocked.Increment(ref databaseCounter).ToString(CultureInfo.InvariantCulture)}";
        if (icuLocale is not null && !icuLocale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
        {
            throw new ArgumentException("An ICU locale name such as ja-JP is expected.", nameof(icuLocale));
        }

        var collation = icuLocale is null ? string.Empty : $" LOCALE_PROVIDER icu ICU_LOCALE '{icuLocale}'";
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'{collation}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Stops the server as an operator or a crash would (<c>immediate</c>: connections are cut, no
    /// checkpoint); for fault tests on a cluster of their own, never the shared one.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], cancellationToken).ConfigureAwait(false);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> (same port, same data).</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default) => StartServerAsync(cancellationToken);

    private Task StartServerAsync(CancellationToken cancellationToken) =>
        RunToolAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", startOptions, "-w", "-t", "60", "start"], cancellationToken);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (Directory.Exists(Path.Combine(DataDirectory, "global")))
        {
            try
            {
                await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The server was not running (start failed); the folder is removed all the same.
            }
        }

        try
        {
            Directory.Delete(RootDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the folder is in the temporary area and harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(binDirectory, tool);
        return runAsPostgresUser
            ? RunAsync("runuser", ["-u", SuperUser, "--", executable, .. arguments], cancellationToken)
            : RunAsync(executable, arguments, cancellationToken);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error.ConfigureAwait(false)} {await output.ConfigureAwait(false)}");
        }
    }

    private static string FindBinDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("FUKUSHI_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(directory => Path.Combine(directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), CultureInfo.InvariantCulture, out var version) ? version : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin. " +
                "Run ./test.sh, which installs them (apt-get install -y postgresql), or set FUKUSHI_PG_BIN.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
