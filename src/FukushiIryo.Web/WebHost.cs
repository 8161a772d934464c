using FukushiIryo.App;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Security;
using FukushiIryo.Atena;
using FukushiIryo.Atena.Data;
using FukushiIryo.Atena.Keys;
using FukushiIryo.Web.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Events;

namespace FukushiIryo.Web;

/// <summary>A reason the app cannot start (a PostgreSQL schema that needs <c>fukushi db migrate</c>, a bad setting).</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Composes the web app: settings, logging, identity, authorization, headers, pages.</summary>
public static class WebHost
{
    public static Serilog.ILogger CreateBootstrapLogger() => new LoggerConfiguration()
        .MinimumLevel.Information()
        .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
        .CreateBootstrapLogger();

    /// <summary>The welfare database: the FUKUSHI_DB setting (environment or configuration), else the default SQLite file.</summary>
    public static DatabaseSettings ResolveSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return DatabaseSettings.Parse(configuration[DatabaseSettings.WelfareVariable] is { Length: > 0 } value ? value : DatabaseSettings.DefaultWelfare);
        }
        catch (FormatException exception)
        {
            throw new StartupException(exception.Message, exception);
        }
    }

    /// <summary>The 宛名 module: FUKUSHI_ATENA_DB and FUKUSHI_ATENA_KEYS (environment or configuration), else data/atena.db and data/atena-keys.</summary>
    public static AtenaSettings ResolveAtenaSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        try
        {
            return AtenaSettings.Resolve(null, null, name => configuration[name]);
        }
        catch (FormatException exception)
        {
            throw new StartupException(exception.Message, exception);
        }
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        // Information-level logs carry paths, status codes and timings, never personal values: no
        // query strings, no form values, no EF parameter values (sensitive data logging stays off).
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        builder.Services.AddFukushiApp(provider => ResolveSettings(provider.GetRequiredService<IConfiguration>()), TimeProvider.System, out var identity);
        builder.Services.AddAtenaVault(provider => ResolveAtenaSettings(provider.GetRequiredService<IConfiguration>()));
        builder.Services.AddFukushiDataProtection();
        builder.Services.AddScoped<LoginFlow>();
        builder.Services.AddScoped<ReauthenticationGate>();
        builder.Services.AddHostedService<DatabasePreparation>();
        builder.Services.AddHostedService<AuditAnchorService>();
        identity.AddSignInManager().AddClaimsPrincipalFactory<StaffClaimsPrincipalFactory>();
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "fukushi.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = false;
            cookie.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        });
        builder.Services.AddSingleton(provider =>
        {
            var minutes = provider.GetRequiredService<IConfiguration>().GetValue<int?>("Fukushi:Session:IdleMinutes") ?? 15;
            return SessionPolicy.Default with { IdleTimeout = TimeSpan.FromMinutes(minutes) };
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);

            // The refreshed principal keeps the server-side session it belongs to.
            options.OnRefreshingPrincipal = context =>
            {
                var session = context.CurrentPrincipal?.FindFirst(SessionValidation.SessionClaim);
                if (session is not null && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity
                    && !identity.HasClaim(c => c.Type == SessionValidation.SessionClaim))
                {
                    identity.AddClaim(new System.Security.Claims.Claim(SessionValidation.SessionClaim, session.Value));
                }

                return Task.CompletedTask;
            };
        });
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPermissionPolicies();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizePage("/Index", Permissions.Home);
            options.Conventions.AuthorizePage("/Persons/Index", Permissions.PersonSearch);
            options.Conventions.AuthorizePage("/Admin/Sessions", Permissions.SessionsManage);
            options.Conventions.AuthorizePage("/Persons/Detail", Permissions.PersonView);
            options.Conventions.AuthorizePage("/Persons/Export", Permissions.PersonExport);
            options.Conventions.AuthorizeFolder("/Audit", Permissions.AuditView);
            options.Conventions.AuthorizePage("/Audit/Export", Permissions.AuditExport);
            options.Conventions.AuthorizePage("/Admin/Users", Permissions.UsersManage);
            // The steps before a login is complete; 再認証 needs a signed-in user.
            foreach (var page in PagesBeforeLogin)
            {
                options.Conventions.AllowAnonymousToPage("/Account/" + page);
            }

            options.Conventions.AuthorizePage("/Account/Reauthenticate", Permissions.Home);
            options.Conventions.AuthorizePage("/Persons/ChildSupport", Permissions.ChildSupportRecord);
            options.Conventions.AuthorizePage("/Persons/ChildSupport", Permissions.SensitiveView);
            options.Conventions.AuthorizePage("/Persons/Income", Permissions.IncomeDetermine);
            options.Conventions.AuthorizePage("/Persons/Change", Permissions.PersonChange);
            options.Conventions.AuthorizePage("/Persons/NonResident", Permissions.NonResidentRegister);
            options.Conventions.AuthorizePage("/Persons/Household", Permissions.PersonView);
            options.Conventions.AuthorizePage("/Persons/Memo", Permissions.MemoRecord);
            options.Conventions.AuthorizePage("/Persons/Inquiry", Permissions.InquiryRecord);
            options.Conventions.AuthorizeFolder("/Losses", Permissions.EligibilityLoss);
            options.Conventions.AuthorizePage("/Losses/Notice", Permissions.DocumentsPrint);
            options.Conventions.AuthorizeFolder("/Masters", Permissions.MastersView);
            options.Conventions.AuthorizePage("/Masters/Edit", Permissions.MastersEdit);
            options.Conventions.AuthorizeFolder("/Applications", Permissions.PersonView);
            options.Conventions.AuthorizePage("/Applications/New", Permissions.ApplicationEnter);
            options.Conventions.AuthorizePage("/Applications/Decide", Permissions.ApplicationDecide);
            options.Conventions.AuthorizePage("/Applications/Print", Permissions.DocumentsPrint);
            options.Conventions.AuthorizeFolder("/Review", Permissions.ReviewResolve);
            options.Conventions.AuthorizePage("/Review/Import", Permissions.ImportMedicalClaims);
            options.Conventions.AuthorizeFolder("/Claims", Permissions.ManualClaimsEnter);
            options.Conventions.AuthorizeFolder("/Payments", Permissions.PaymentsView);
            options.Conventions.AuthorizePage("/Payments/Prepare", Permissions.PaymentsPrepare);
            options.Conventions.AuthorizePage("/Payments/Export", Permissions.PaymentsPrepare);
            options.Conventions.AuthorizePage("/Payments/Approve", Permissions.PaymentsApprove);
            options.Conventions.AuthorizePage("/Payments/Corrections", Permissions.PaymentsAdjust);
            options.Conventions.AuthorizePage("/Payments/Recoveries", Permissions.PaymentsAdjust);
            options.Conventions.AuthorizePage("/Payments/WriteOff", Permissions.PaymentsWriteOff);
            options.Conventions.AuthorizePage("/Payments/Returns", Permissions.PaymentsReturns);
            options.Conventions.AuthorizePage("/Payments/InKindApprove", Permissions.PaymentsApprove);
            options.Conventions.AuthorizePage("/Renewals/Index", Permissions.RenewalForms);
            options.Conventions.AuthorizePage("/Renewals/Returns", Permissions.RenewalForms);
            options.Conventions.AuthorizePage("/Renewals/Decide", Permissions.RenewalDecide);
            options.Conventions.AuthorizeFolder("/Linkage", Permissions.NetworkInquiry);
            options.Conventions.AuthorizeFolder("/DataUse", Permissions.DataUseRequest);
            options.Conventions.AuthorizePage("/DataUse/Approve", Permissions.DataUseApprove);
            options.Conventions.AuthorizePage("/Persons/Disclosure", Permissions.PersonDisclosure);
            options.Conventions.AuthorizeFolder("/Statistics", Permissions.StatisticsReport);
            options.Conventions.AuthorizePage("/Applications/EApplications", Permissions.ApplicationEnter);
            options.Conventions.AuthorizeFolder("/Residents", Permissions.ResidentChangesView);
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AuthorizeFolder("/Atena", Permissions.AtenaLookup);
            options.Conventions.AuthorizePage("/Lookup/Index", Permissions.Home);
        });
        // 和暦 wherever a date is typed: every DateOnly page property reads 2026-08-01, 2026/8/1, R8.8.1, 令和8年8月1日.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.ModelBinderProviders.Insert(0, new JapaneseDateModelBinderProvider()));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "fukushi.antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = "RequestVerificationToken";
        });
        // Japanese text is written as it is (HTML-special characters are still encoded).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddSingleton<Claims.ClaimsImportJobs>();
        builder.AddFukushiApi();

        var app = builder.Build();

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        app.UseSecurityHeaders();
        app.UseSerilogRequestLogging(options =>
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} {StatusCode} {Elapsed:0} ms");
        app.UseStaticFiles();
        // Every audit event of a request carries its client address and correlation id (P9).
        app.Use(async (context, next) =>
        {
            var db = context.RequestServices.GetRequiredService<FukushiIryo.App.Data.FukushiDbContext>();
            db.AuditClientAddress = context.Connection.RemoteIpAddress?.ToString();
            db.AuditCorrelationId = context.TraceIdentifier;
            await next(context).ConfigureAwait(false);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapRazorPages();
        app.MapFukushiApi();
        return app;
    }

    /// <summary>The pages of /Account reachable before a login is complete.</summary>
    private static readonly string[] PagesBeforeLogin = ["Login", "ChangePassword", "Code", "Enroll", "Logout", "AccessDenied"];

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            // Staff hold a permission through their roles; an external system through its API key (ADR 0018).
            builder.AddPolicy(permission, policy => policy.RequireAssertion(context => Api.ApiKeyAuthentication.Holds(context.User, permission)));
        }

        return builder;
    }
}

/// <summary>
/// Runs before the server accepts requests: a SQLite database is created or upgraded at start
/// (architecture.md §3), with the shipped master defaults; a PostgreSQL database is upgraded only by
/// <c>fukushi db migrate</c>, so a pending migration stops the start with that instruction.
/// </summary>
internal sealed partial class DatabasePreparation(IServiceProvider services, DatabaseSettings settings, AtenaSettings atenaSettings, ILogger<DatabasePreparation> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        await PrepareAtenaAsync(scope.ServiceProvider, cancellationToken).ConfigureAwait(false);
        var db = scope.ServiceProvider.GetRequiredService<FukushiDbContext>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var folder = Path.GetDirectoryName(settings.Target);
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            await MasterDefaults.EnsureLoadedAsync(db, AppClock.Now(TimeProvider.System), cancellationToken).ConfigureAwait(false);
            await ReferenceMasters.EnsureLoadedAsync(db, AppClock.Now(TimeProvider.System), "system", cancellationToken).ConfigureAwait(false);
            return;
        }

        IEnumerable<string> pending;
        try
        {
            pending = await db.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException)
        {
            throw new StartupException($"データベースに接続できません: {settings}", exception);
        }

        if (pending.Any())
        {
            throw new StartupException($"データベースのスキーマが古いため起動できません。サーバーで fukushi db migrate を実行してください: {settings}");
        }

        if (await DatabaseCollation.WarningAsync(db, cancellationToken).ConfigureAwait(false) is { } warning)
        {
            CollationWarning(logger, warning); // ADR 0042: a warning, not a refusal
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void CollationWarning(Microsoft.Extensions.Logging.ILogger logger, string warning);

    /// <summary>The 宛名 database (ADR 0027): created or upgraded at start on SQLite, only checked on PostgreSQL.</summary>
    private async Task PrepareAtenaAsync(IServiceProvider scoped, CancellationToken cancellationToken)
    {
        var atena = scoped.GetRequiredService<AtenaDbContext>();
        if (atenaSettings.Database.Provider == DatabaseProvider.Sqlite)
        {
            await AtenaMigrations.MigrateAsync(atena, scoped.GetRequiredService<AtenaKeyRing>(), atenaSettings, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<string> pending;
        try
        {
            pending = await AtenaMigrations.PendingAsync(atena, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or InvalidOperationException)
        {
            throw new StartupException($"宛名データベースに接続できません: {atenaSettings.Database}", exception);
        }

        if (pending.Count > 0)
        {
            throw new StartupException($"宛名データベースのスキーマが古いため起動できません。サーバーで fukushi db migrate を実行してください: {atenaSettings.Database}");
        }
    }
}

/// <summary>/health: the welfare database answers.</summary>
internal sealed class DatabaseHealthCheck(FukushiDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("database unreachable");
}
