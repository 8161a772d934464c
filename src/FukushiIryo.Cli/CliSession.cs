using System.CommandLine;
using FukushiIryo.App;
using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.Security;
using FukushiIryo.Atena;
using FukushiIryo.Atena.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FukushiIryo.Cli;

/// <summary>
/// One command's connection to the welfare database and its acting user. Opening checks that the
/// database exists and that its schema is current (else exit 4), and that the acting user is
/// active and holds a role the command needs (else exit 3).
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly AsyncServiceScope scope;

    private CliSession(ServiceProvider provider, DatabaseSettings settings, CliEnvironment environment, AtenaSettings? atena)
    {
        this.provider = provider;
        scope = provider.CreateAsyncScope();
        Settings = settings;
        Environment = environment;
        Atena = atena;
        Db.AuditCorrelationId = CorrelationId;
    }

    /// <summary>One id for every audit event of this command run.</summary>
    public string CorrelationId { get; } = "cli-" + Guid.NewGuid().ToString("N");

    public DatabaseSettings Settings { get; }

    /// <summary>The 宛名 module's database and key ring (<c>--atena-db</c>, <c>FUKUSHI_ATENA_DB</c>, <c>FUKUSHI_ATENA_KEYS</c>); null only for a session opened without them.</summary>
    public AtenaSettings? Atena { get; }

    public CliEnvironment Environment { get; }

    public FukushiDbContext Db => Services.GetRequiredService<FukushiDbContext>();

    public IServiceProvider Services => scope.ServiceProvider;

    /// <summary>The acting user's login; "system" for an operator's act without one (db migrate).</summary>
    public string Actor { get; private set; } = "system";

    public static DatabaseSettings ResolveSettings(ParseResult parsed, GlobalOptions options, CliEnvironment environment)
    {
        var value = parsed.GetValue(options.Database);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = environment.Variable(DatabaseSettings.WelfareVariable);
        }

        try
        {
            return DatabaseSettings.Parse(string.IsNullOrWhiteSpace(value) ? DatabaseSettings.DefaultWelfare : value);
        }
        catch (FormatException exception)
        {
            throw new CliExitException(ExitCodes.Usage, exception.Message);
        }
    }

    /// <summary>Resolves the 宛名 module's settings: <c>--atena-db</c>, else FUKUSHI_ATENA_DB, else sqlite:data/atena.db; the key ring FUKUSHI_ATENA_KEYS, else data/atena-keys.</summary>
    public static AtenaSettings ResolveAtenaSettings(ParseResult parsed, GlobalOptions options, CliEnvironment environment)
    {
        try
        {
            return AtenaSettings.Resolve(parsed.GetValue(options.AtenaDatabase), null, environment.Variable);
        }
        catch (FormatException exception)
        {
            throw new CliExitException(ExitCodes.Usage, exception.Message);
        }
    }

    /// <summary>Opens the database without checks (for db migrate); with <paramref name="atena"/>, the 宛名 module is composed too.</summary>
    public static CliSession OpenUnchecked(DatabaseSettings settings, CliEnvironment environment, AtenaSettings? atena = null)
    {
        var services = new ServiceCollection().AddFukushiApp(settings, environment.Clock);
        if (atena is not null)
        {
            services.AddAtenaVault(atena);
        }

        return new CliSession(services.BuildServiceProvider(), settings, environment, atena);
    }

    /// <summary>Opens a database that must exist with a current schema.</summary>
    public static async Task<CliSession> OpenAsync(ParseResult parsed, GlobalOptions options, CliEnvironment environment, CancellationToken cancellationToken)
    {
        var settings = ResolveSettings(parsed, options, environment);
        if (settings.Provider == DatabaseProvider.Sqlite && !File.Exists(settings.Target))
        {
            throw new CliExitException(ExitCodes.Environment,
                $"データベースがありません: {settings}。先に fukushi db migrate を実行してください。");
        }

        var session = OpenUnchecked(settings, environment, ResolveAtenaSettings(parsed, options, environment));
        try
        {
            using var phase = FukushiIryo.App.Data.PhaseTimes.Start("cli.open.migrations");
            var pending = await session.Db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
            if (pending.Any())
            {
                throw new CliExitException(ExitCodes.Environment,
                    "データベースのスキーマがこのプログラムより古いです。fukushi db migrate を実行してください。");
            }
        }
        catch (Exception exception) when (IsUnreachable(exception))
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw new CliExitException(ExitCodes.Environment, $"データベースに接続できません: {settings}（{exception.Message}）");
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return session;
    }

    /// <summary>
    /// Requires an active acting user who holds the permission <paramref name="command"/> needs
    /// (<see cref="CliPermissions"/>), through one of the roles of <see cref="Permissions"/>.
    /// </summary>
    public async Task<StaffUser> RequireUserAsync(ParseResult parsed, GlobalOptions options, string command, CancellationToken cancellationToken)
    {
        var login = parsed.GetValue(options.User);
        if (string.IsNullOrWhiteSpace(login))
        {
            throw new CliExitException(ExitCodes.NotPermitted, $"--user で操作する職員のログインIDを指定してください（{command}）。");
        }

        var accounts = Services.GetRequiredService<StaffAccounts>();
        var user = await accounts.FindActiveAsync(login, cancellationToken).ConfigureAwait(false)
            ?? throw new CliExitException(ExitCodes.NotPermitted, $"ログインID {login} は使用できません（存在しない、無効、または有効期間外です）。");
        var roles = await accounts.RolesOfAsync(user).ConfigureAwait(false);
        if (!CliPermissions.Allows(command, roles))
        {
            throw new CliExitException(ExitCodes.NotPermitted,
                $"{login} には {command} の権限がありません（必要な権限: {CliPermissions.PermissionFor(command) ?? "なし（このコマンドは実行できません）"}、ロール: {string.Join(" または ", CliPermissions.RolesFor(command))}）。");
        }

        Actor = user.UserName ?? login;
        return user;
    }

    public void UseActor(string actor) => Actor = actor;

    /// <summary>
    /// The 宛名 module's vault (ADR 0027) for a command that needs it: the 宛名 database must exist with a current
    /// schema (else exit 4, like the welfare database). The vault audits into this session's welfare database.
    /// </summary>
    public async Task<IAtenaVault> OpenAtenaVaultAsync(CancellationToken cancellationToken)
    {
        await RequireAtenaDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return Services.GetRequiredService<IAtenaVault>();
    }

    /// <summary>Checks that the 宛名 database exists and is current (else exit 4).</summary>
    public async Task RequireAtenaDatabaseAsync(CancellationToken cancellationToken)
    {
        var atena = Atena ?? throw new InvalidOperationException("This session was opened without the 宛名 module.");
        if (atena.Database.Provider == DatabaseProvider.Sqlite && !File.Exists(atena.Database.Target))
        {
            throw new CliExitException(ExitCodes.Environment,
                $"宛名データベースがありません: {atena.Database}。先に fukushi db migrate を実行してください。");
        }

        try
        {
            var pending = await AtenaMigrations.PendingAsync(Services.GetRequiredService<AtenaDbContext>(), cancellationToken).ConfigureAwait(false);
            if (pending.Count > 0)
            {
                throw new CliExitException(ExitCodes.Environment,
                    "宛名データベースのスキーマがこのプログラムより古いです。fukushi db migrate を実行してください。");
            }
        }
        catch (Exception exception) when (IsUnreachable(exception))
        {
            throw new CliExitException(ExitCodes.Environment, $"宛名データベースに接続できません: {atena.Database}（{exception.Message}）");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync().ConfigureAwait(false);
        await provider.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>A connection failure, a missing PostgreSQL database or an unreadable SQLite file.</summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is "3D000" or "28P01" or "28000" or "57P03",
        NpgsqlException => true,
        Microsoft.Data.Sqlite.SqliteException => true,
        InvalidOperationException { InnerException: { } inner } => IsUnreachable(inner),
        _ => false,
    };
}
