using FukushiIryo.TestSupport;

namespace FukushiIryo.Cli.Tests;

/// <summary>All PostgreSQL tests of this assembly share one throwaway cluster.</summary>
[CollectionDefinition(PostgresCollectionName.Value)]
public sealed class PostgresClusterDefinition : ICollectionFixture<PostgresFixture>;

/// <summary>The outcome of one in-process <c>fukushi</c> run.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>
/// Runs <c>fukushi</c> in-process against one database (SQLite file or PostgreSQL database) with
/// its own audit anchor file, as an operator would from a shell.
/// </summary>
public sealed class CliHarness : IAsyncDisposable
{
    private readonly string folder;

    private CliHarness(string folder, string database)
    {
        this.folder = folder;
        Database = database;
        AtenaDatabase = "sqlite:" + Path.Combine(folder, "data", "atena.db");
    }

    /// <summary>The <c>--db</c> value.</summary>
    public string Database { get; }

    public string AnchorFile => Path.Combine(folder, "audit-anchors.log");

    /// <summary>The run's own folder (databases, anchors, key ring, files a test writes).</summary>
    public string Folder => folder;

    /// <summary>The 宛名 database (FUKUSHI_ATENA_DB): a SQLite file in the run's folder unless a test sets another.</summary>
    public string AtenaDatabase { get; set; } = string.Empty;

    /// <summary>The 宛名 key ring (FUKUSHI_ATENA_KEYS) in the run's folder.</summary>
    public string AtenaKeyDirectory => Path.Combine(folder, "atena-keys");

    /// <summary>Whether <c>db migrate</c> loads the shipped reference data (off unless a test asks).</summary>
    public bool LoadReferenceData { get; set; }

    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    /// <summary>
    /// A run against a new database of <paramref name="provider"/>. On PostgreSQL, <paramref name="postgresCollation"/>
    /// names its text order: "C", or an ICU locale such as "ja-JP" (ADR 0042); null takes the test suite's default.
    /// </summary>
    public static async Task<CliHarness> CreateAsync(string provider, PostgresFixture fixture, bool createPostgresDatabase = true, string? postgresCollation = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var folder = Path.Combine(Path.GetTempPath(), "fukushi-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var database = provider == "sqlite"
            ? "sqlite:" + Path.Combine(folder, "data", "fukushi.db")
            : "postgres:" + (createPostgresDatabase
                ? await (postgresCollation switch
                {
                    null => fixture.Cluster.CreateDatabaseAsync("cli"),
                    "C" => fixture.Cluster.CreateDatabaseAsync("cli", icuLocale: null),
                    var locale => fixture.Cluster.CreateDatabaseAsync("cli", locale),
                })
                : fixture.Cluster.ConnectionStringFor("no_such_database"));
        return new CliHarness(folder, database);
    }

    /// <summary>A run against a new database of <paramref name="cluster"/> (a fault test's own cluster, which it may stop).</summary>
    public static async Task<CliHarness> CreateAsync(PostgresCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var folder = Path.Combine(Path.GetTempPath(), "fukushi-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        return new CliHarness(folder, "postgres:" + await cluster.CreateDatabaseAsync("cli"));
    }

    /// <summary>Runs fukushi with the arguments, the database option added, and <paramref name="stdin"/> as standard input.</summary>
    public Task<CliRun> RunWithInputAsync(string stdin, params string[] args) => RunWithRootAsync(stdin, null, args);

    /// <summary>
    /// Like <see cref="RunWithInputAsync"/>, over the real command tree extended by <paramref name="extend"/>
    /// (a test's probe command for a building block no shipped command uses yet).
    /// </summary>
    internal async Task<CliRun> RunWithRootAsync(string stdin, Action<System.CommandLine.RootCommand, GlobalOptions, CliEnvironment>? extend, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var environment = new CliEnvironment
        {
            In = new StringReader(stdin),
            Out = output,
            Error = error,
            Variable = name => name switch
            {
                "FUKUSHI_AUDIT_ANCHORS" => AnchorFile,
                "FUKUSHI_ATENA_DB" => AtenaDatabase,
                "FUKUSHI_ATENA_KEYS" => AtenaKeyDirectory,
                _ => null,
            },
        };
        // db migrate loads 157,000 rows of bank and postal reference data; tests that do not use it skip it.
        string[] extra = args is ["db", "migrate", ..] && !LoadReferenceData ? ["--skip-reference-data"] : [];
        var options = new GlobalOptions();
        var root = FukushiCli.BuildRoot(options, environment);
        extend?.Invoke(root, options, environment);
        var exitCode = await FukushiCli.RunAsync([.. args, .. extra, "--db", Database], environment, root);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public Task<CliRun> RunAsync(params string[] args) => RunWithInputAsync(string.Empty, args);

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
