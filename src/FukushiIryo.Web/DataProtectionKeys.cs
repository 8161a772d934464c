using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace FukushiIryo.Web;

/// <summary>
/// Where the web keeps its data-protection keys (they sign the sign-in cookie and the antiforgery
/// tokens; ADR 0035 amendment): the <c>FUKUSHI_DATA_PROTECTION_KEYS</c> setting (environment variable
/// or configuration), else <c>data/data-protection-keys</c> under the working directory, beside the
/// audit anchors, created readable by the service account only. A configured folder (not ASP.NET's
/// default under the running user's home) is what backup.sh takes and restore.sh puts back, and what a
/// second web server must share. Losing the keys signs staff out; it loses no data.
/// </summary>
public static class DataProtectionKeys
{
    public const string Variable = "FUKUSHI_DATA_PROTECTION_KEYS";

    public const string DefaultFolder = "data/data-protection-keys";

    /// <summary>The folder: <paramref name="setting"/> when given, else <see cref="DefaultFolder"/>; as a full path.</summary>
    public static string ResolveFolder(string? setting) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(setting) ? DefaultFolder : setting);

    /// <summary>Registers data protection with the keys in the resolved folder (read from configuration when the app starts).</summary>
    public static IServiceCollection AddFukushiDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("FukushiIryo");
        services.AddOptions<KeyManagementOptions>().Configure<IConfiguration, ILoggerFactory>((options, configuration, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(Prepare(ResolveFolder(configuration[Variable])), loggers));
        return services;
    }

    /// <summary>Creates <paramref name="folder"/> if missing (owner-only on Unix) and returns it.</summary>
    public static DirectoryInfo Prepare(string folder)
    {
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        return new DirectoryInfo(folder);
    }
}
