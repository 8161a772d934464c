using FukushiIryo.Web;
using Serilog;

// The staff web app (職員用画面): Razor Pages with htmx, in Japanese.
Log.Logger = WebHost.CreateBootstrapLogger();
try
{
    var app = WebHost.Build(args);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (StartupException exception)
{
    Log.Fatal("起動できません: {Reason}", exception.Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync().ConfigureAwait(false);
}

/// <summary>The entry point type, for WebApplicationFactory in tests.</summary>
public partial class Program;
