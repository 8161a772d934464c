using FukushiIryo.App.Data;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FukushiIryo.App;

/// <summary>
/// The application services shared by the web app and the CLI ("one way in", architecture.md §1.5).
/// </summary>
public static class AppServices
{
    /// <summary>PBKDF2-HMAC-SHA512 iterations for password hashes (OWASP's figure for SHA-512).</summary>
    public const int PasswordHashIterations = 210_000;

    public static IServiceCollection AddFukushiApp(this IServiceCollection services, DatabaseSettings settings, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return services.AddFukushiApp(_ => settings, clock, out _);
    }

    /// <summary>
    /// Registers the services and returns Identity's builder so that a host can add to it (the web
    /// app adds sign-in). The database settings are resolved when first needed, after every
    /// configuration source of the host is in place.
    /// </summary>
    public static IServiceCollection AddFukushiApp(this IServiceCollection services, Func<IServiceProvider, DatabaseSettings> settings, TimeProvider? clock, out IdentityBuilder identity)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(clock ?? TimeProvider.System);
        services.AddLogging();
        services.AddDbContext<FukushiDbContext>((provider, options) => FukushiDatabase.Configure(options, provider.GetRequiredService<DatabaseSettings>()));
        identity = services.AddIdentityCore<StaffUser>(options =>
            {
                options.User.RequireUniqueEmail = false;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                // The policy itself is StaffPasswordPolicy (code points, common list, context words);
                // these options only describe it to Identity.
                options.Password.RequiredLength = StaffPasswordPolicy.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<StaffRole>()
            .AddEntityFrameworkStores<FukushiDbContext>();

        // Identity's own validator counts UTF-16 units; the staff policy replaces it.
        services.RemoveAll<IPasswordValidator<StaffUser>>();
        services.AddScoped<IPasswordValidator<StaffUser>, StaffPasswordPolicy>();
        services.Configure<PasswordHasherOptions>(options =>
        {
            options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            options.IterationCount = PasswordHashIterations;
        });
        services.AddScoped<StaffAccounts>();
        services.TryAddSingleton(SessionPolicy.Default);
        services.AddScoped<StaffSessions>();
        services.AddScoped<StaffTotp>();
        services.AddScoped<StaffStepUp>();
        services.AddScoped<ApiKeys>();
        services.AddScoped<Audit.AuditLog>();
        services.AddScoped<Exports.PersonalDataExports>();
        services.AddScoped<Audit.MyNumberScan>();
        services.AddScoped<Settings.SystemSettings>();
        services.AddScoped<PersonLedger>();
        services.AddScoped<Review.ReviewRun>();
        services.AddScoped<Review.ReviewQueueService>();
        services.AddScoped<MedicalClaims.ManualClaimEntry>();
        services.AddScoped<Payments.PaymentRuns>();
        services.AddScoped<Pmh.PmhExport>();
        services.AddScoped<Exports.PersonDisclosures>();
        services.AddScoped<Payments.PaymentExport>();
        services.AddSingleton<Payments.IPaymentFileWriters, Payments.PaymentFileWriters>();
        services.AddScoped<PersonSearch>();
        services.AddScoped<PersonProfile>();
        services.AddScoped<BankDirectory>();
        services.AddScoped<PostalDirectory>();
        services.AddScoped<IncomeDeterminations>();
        services.AddScoped<Masters.Editing.MasterEditor>();
        services.AddScoped<Documents.DocumentPrints>();
        services.AddScoped<PersonChanges>();
        services.AddScoped<PersonNotes>();
        services.AddScoped<NonResidentRegistration>();
        services.AddScoped<Eligibility.RecipientLosses>();
        services.AddScoped<Renewals.Renewals>();
        services.AddScoped<Linkage.LossCandidates>();
        services.AddScoped<Linkage.NetworkInquiries>();
        services.AddScoped<DataUse.DataUseRequests>();
        services.AddScoped<Statistics.StatisticsQueries>();
        services.AddScoped<Statistics.StatisticsReports>();
        services.AddScoped<Payments.ClaimCorrections>();
        services.AddScoped<Payments.EligibilityAdjustments>();
        services.AddScoped<Payments.Recoveries>();
        services.AddScoped<Payments.ReturnedTransfers>();
        services.AddScoped<Payments.InKindSettlements>();
        services.AddScoped<Linkage.ResidentChanges>();
        services.AddScoped(provider => new Applications.EApplications(
            provider.GetRequiredService<FukushiDbContext>(), provider.GetService<Linkage.IAtenaVault>(), provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
