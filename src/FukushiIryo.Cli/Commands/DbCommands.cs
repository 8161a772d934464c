using System.CommandLine;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.Atena;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Keys;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace FukushiIryo.Cli.Commands;

/// <summary><c>fukushi db migrate</c>: creates or upgrades the welfare database and the 宛名 module's (an operator's act; no role).</summary>
internal static class DbCommands
{
    public static Command Build(GlobalOptions options, CliEnvironment environment)
    {
        var skipReference = new Option<bool>("--skip-reference-data")
        {
            Description = "同梱の金融機関・郵便番号データを読み込まない（後で fukushi masters update で登録する場合）",
        };
        var migrate = new Command("migrate", "福祉データベースと宛名データベースを作成・更新する（SQLite はファイルを作成、PostgreSQL はデータベースが存在すること）") { skipReference };
        migrate.SetAction(async (parsed, cancellationToken) =>
        {
            var settings = CliSession.ResolveSettings(parsed, options, environment);
            var atenaSettings = CliSession.ResolveAtenaSettings(parsed, options, environment);
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                var folder = Path.GetDirectoryName(settings.Target);
                if (!string.IsNullOrEmpty(folder))
                {
                    Directory.CreateDirectory(folder);
                }
            }

            await using var session = CliSession.OpenUnchecked(settings, environment, atenaSettings);
            var actor = parsed.GetValue(options.User);
            session.UseActor(string.IsNullOrWhiteSpace(actor) ? "system" : actor);
            List<string> applied;
            try
            {
                // EF would create a missing PostgreSQL database; the contract leaves that to the DBA.
                if (settings.Provider == DatabaseProvider.Postgres
                    && !await session.Db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new CliExitException(ExitCodes.Environment,
                        $"データベースに接続できません: {settings}（PostgreSQL のデータベースがありません。DBA が先に作成してください）");
                }

                applied = (await session.Db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
                await session.Db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (CliSession.IsUnreachable(exception))
            {
                throw new CliExitException(ExitCodes.Environment,
                    $"データベースに接続できません: {settings}（PostgreSQL のデータベースは DBA が先に作成してください）: {exception.Message}");
            }

            await MigrationSteps.AfterMigrateAsync(session.Db, environment.Clock, session.Actor, !parsed.GetValue(skipReference), cancellationToken).ConfigureAwait(false);
            if (await DatabaseCollation.WarningAsync(session.Db, cancellationToken).ConfigureAwait(false) is { } collationWarning)
            {
                await environment.Error.WriteLineAsync(collationWarning).ConfigureAwait(false); // ADR 0042: a warning; the exit code stays 0
            }

            await environment.Out.WriteLineAsync(applied.Count == 0
                ? $"データベースは最新です: {settings}"
                : $"データベースを更新しました: {settings}（適用したマイグレーション {applied.Count} 件）").ConfigureAwait(false);

            // One audit entry for both databases; the welfare part is written even when the 宛名 part fails.
            var details = new Dictionary<string, object?>
            {
                ["database"] = settings.Provider.ToString(),
                ["applied"] = string.Join(",", applied),
            };
            IReadOnlyList<string> atenaApplied;
            try
            {
                atenaApplied = await MigrateAtenaAsync(session, atenaSettings, cancellationToken).ConfigureAwait(false);
                details["atenaDatabase"] = atenaSettings.Database.Provider.ToString();
                details["atenaApplied"] = string.Join(",", atenaApplied);
            }
            finally
            {
                session.Db.AddAudit(new AuditEntry(session.Actor, AuditEventType.DbMigrated, Details: details));
                await session.Db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            await AuditAnchorsWriter.AppendAsync(session, cancellationToken).ConfigureAwait(false);
            await environment.Out.WriteLineAsync(atenaApplied.Count == 0
                ? $"宛名データベースは最新です: {atenaSettings.Database}"
                : $"宛名データベースを更新しました: {atenaSettings.Database}（適用したマイグレーション {atenaApplied.Count} 件）").ConfigureAwait(false);
            return ExitCodes.Success;
        });

        var db = new Command("db", "データベースの管理");
        db.Subcommands.Add(migrate);
        return db;
    }

    private static async Task<IReadOnlyList<string>> MigrateAtenaAsync(CliSession session, AtenaSettings atena, CancellationToken cancellationToken)
    {
        var db = session.Services.GetRequiredService<AtenaDbContext>();
        IReadOnlyList<string> applied;
        try
        {
            if (atena.Database.Provider == DatabaseProvider.Postgres
                && !await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new CliExitException(ExitCodes.Environment,
                    $"宛名データベースに接続できません: {atena.Database}（PostgreSQL のデータベースがありません。DBA が先に作成してください）");
            }

            applied = await AtenaMigrations.MigrateAsync(db, session.Services.GetRequiredService<AtenaKeyRing>(), atena, session.Environment.Clock, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (CliSession.IsUnreachable(exception))
        {
            throw new CliExitException(ExitCodes.Environment,
                $"宛名データベースに接続できません: {atena.Database}（PostgreSQL のデータベースは DBA が先に作成してください）: {exception.Message}");
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new CliExitException(ExitCodes.Environment, $"宛名モジュールの鍵リングを作成できません: {exception.Message}");
        }

        return applied;
    }
}

/// <summary>
/// What runs after the schema is current: the shipped master defaults and, into empty tables, the
/// shipped bank and postal reference data (both idempotent).
/// </summary>
internal static class MigrationSteps
{
    public static async Task AfterMigrateAsync(FukushiDbContext db, TimeProvider clock, string actor, bool loadReferenceData, CancellationToken cancellationToken)
    {
        await MasterDefaults.EnsureLoadedAsync(db, AppClock.Now(clock), cancellationToken).ConfigureAwait(false);
        if (loadReferenceData)
        {
            await ReferenceMasters.EnsureLoadedAsync(db, AppClock.Now(clock), actor, cancellationToken).ConfigureAwait(false);
        }
    }
}
