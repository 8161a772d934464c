using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;

namespace FukushiIryo.Web;

/// <summary>
/// Appends the audit chain's latest (sequence, hash) to the anchor file outside the database every
/// 15 minutes and when the app stops (architecture.md §5), so that events written by the web app
/// (logins, searches, views) are anchored too and a truncated tail is detected by
/// <c>fukushi audit verify</c>. Nothing is written while the chain has not moved.
/// </summary>
internal sealed partial class AuditAnchorService(IServiceProvider services, IConfiguration configuration, TimeProvider clock, ILogger<AuditAnchorService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await AppendAsync(CancellationToken.None).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await AppendAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AppendAsync(CancellationToken cancellationToken)
    {
        try
        {
            var path = AuditAnchors.ResolvePath(configuration[AuditAnchors.PathVariable]);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<FukushiDbContext>();
            await new AuditAnchors(path, clock).AppendAsync(db, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            AnchorFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "監査ログのアンカーを書き込めませんでした")]
    private static partial void AnchorFailed(ILogger logger, Exception exception);
}
