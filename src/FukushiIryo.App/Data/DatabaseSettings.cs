namespace FukushiIryo.App.Data;

/// <summary>The database engines FukushiIryo runs on (architecture.md §3).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where a database lives: <c>sqlite:PATH</c> or <c>postgres:CONNECTION_STRING</c>, taken from an
/// option, else an environment variable (<c>FUKUSHI_DB</c>, <c>FUKUSHI_ATENA_DB</c>), else a SQLite
/// file under <c>data/</c> relative to the working directory.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string Target)
{
    public const string WelfareVariable = "FUKUSHI_DB";
    public const string AtenaVariable = "FUKUSHI_ATENA_DB";
    public const string DefaultWelfare = "sqlite:data/fukushi.db";
    public const string DefaultAtena = "sqlite:data/atena.db";

    /// <summary>For SQLite, the database file's full path; for PostgreSQL, the Npgsql connection string.</summary>
    public string Target { get; } = Target;

    public static DatabaseSettings Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var separator = value.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            throw new FormatException("A database is given as sqlite:PATH or postgres:CONNECTION_STRING.");
        }

        var scheme = value[..separator].Trim();
        var rest = value[(separator + 1)..].Trim();
        if (rest.Length == 0)
        {
            throw new FormatException($"The database setting '{scheme}:' names no path or connection string.");
        }

        return scheme.ToUpperInvariant() switch
        {
            "SQLITE" => new DatabaseSettings(DatabaseProvider.Sqlite, Path.GetFullPath(rest)),
            "POSTGRES" or "POSTGRESQL" => new DatabaseSettings(DatabaseProvider.Postgres, rest),
            _ => throw new FormatException($"Unknown database kind '{scheme}': use sqlite:PATH or postgres:CONNECTION_STRING."),
        };
    }

    /// <summary>Resolves the welfare database: the option, else FUKUSHI_DB, else the default file.</summary>
    public static DatabaseSettings ResolveWelfare(string? option) =>
        Parse(FirstNonEmpty(option, Environment.GetEnvironmentVariable(WelfareVariable)) ?? DefaultWelfare);

    /// <summary>Resolves the 宛名 module's database: the option, else FUKUSHI_ATENA_DB, else the default file.</summary>
    public static DatabaseSettings ResolveAtena(string? option) =>
        Parse(FirstNonEmpty(option, Environment.GetEnvironmentVariable(AtenaVariable)) ?? DefaultAtena);

    /// <summary>A description safe for logs and messages: never a password.</summary>
    public override string ToString() => Provider == DatabaseProvider.Sqlite
        ? $"sqlite:{Target}"
        : "postgres:" + RedactPassword(Target);

    private static string RedactPassword(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(';', parts.Select(part =>
            part.TrimStart().StartsWith("Password", StringComparison.OrdinalIgnoreCase)
            || part.TrimStart().StartsWith("Pwd", StringComparison.OrdinalIgnoreCase)
                ? "Password=***"
                : part));
    }

    private static string? FirstNonEmpty(params string?[] values) =>
        values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
