using FukushiIryo.App.Audit;
using FukushiIryo.App.Security;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace FukushiIryo.App.Tests.Security;

/// <summary>The TOTP second factor (評価書 P5) with a clock the test moves, on both databases.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class StaffTotpTests(PostgresFixture fixture)
{
    // 10 seconds into a 30-second step.
    private static readonly DateTimeOffset Start = new(2026, 5, 1, 0, 0, 10, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_code_verifies_once_and_its_replay_is_refused_and_audited(string provider)
    {
        await using var context = await TotpContext.CreateAsync(provider, fixture);
        var enrollment = await context.EnrollAsync();
        Assert.StartsWith("otpauth://totp/FukushiIryo:tanaka01?secret=", enrollment.KeyUri, StringComparison.Ordinal);
        Assert.Contains("&issuer=FukushiIryo&algorithm=SHA1&digits=6&period=30", enrollment.KeyUri, StringComparison.Ordinal);
        Assert.Equal(10, enrollment.RecoveryCodes.Count);
        Assert.Equal(10, enrollment.RecoveryCodes.Distinct().Count());

        var code = Code(enrollment, Start);
        Assert.Equal(TotpOutcome.Accepted, await context.VerifyAsync(code));
        Assert.Equal(TotpOutcome.Replayed, await context.VerifyAsync(code));

        // Still refused later in the same step, and in the next step while it is inside the window.
        context.Clock.Now = Start.AddSeconds(15);
        Assert.Equal(TotpOutcome.Replayed, await context.VerifyAsync(code));
        context.Clock.Now = Start.AddSeconds(30);
        Assert.Equal(TotpOutcome.Replayed, await context.VerifyAsync(code));

        // A fresh code of the new step is fine.
        Assert.Equal(TotpOutcome.Accepted, await context.VerifyAsync(Code(enrollment, context.Clock.Now)));

        var events = await context.EventTypesAsync();
        Assert.Contains(AuditEventType.UserTotpEnrolled, events);
        Assert.Contains(AuditEventType.TotpReplayed, events);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_window_is_one_step_either_side(string provider)
    {
        await using var context = await TotpContext.CreateAsync(provider, fixture);
        var enrollment = await context.EnrollAsync();

        Assert.Equal(TotpOutcome.Failed, await context.VerifyAsync(Code(enrollment, Start.AddSeconds(-60))));
        Assert.Equal(TotpOutcome.Failed, await context.VerifyAsync(Code(enrollment, Start.AddSeconds(60))));
        Assert.Equal(TotpOutcome.Accepted, await context.VerifyAsync(Code(enrollment, Start.AddSeconds(-30))));
        Assert.Equal(TotpOutcome.Accepted, await context.VerifyAsync(Code(enrollment, Start.AddSeconds(30))));

        // The next step has been used: the current one is now behind it.
        Assert.Equal(TotpOutcome.Replayed, await context.VerifyAsync(Code(enrollment, Start)));

        Assert.Contains(AuditEventType.TotpFailed, await context.EventTypesAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Wrong_codes_count_toward_the_lockout(string provider)
    {
        await using var context = await TotpContext.CreateAsync(provider, fixture);
        var enrollment = await context.EnrollAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TotpOutcome.Failed, await context.VerifyAsync("000000" == Code(enrollment, Start) ? "111111" : "000000"));
        }

        Assert.Equal(TotpOutcome.LockedOut, await context.VerifyAsync(Code(enrollment, Start)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_recovery_code_works_once_and_a_new_enrolment_replaces_key_and_codes(string provider)
    {
        await using var context = await TotpContext.CreateAsync(provider, fixture);
        var first = await context.EnrollAsync();

        Assert.Equal(TotpOutcome.Accepted, await context.RedeemAsync(first.RecoveryCodes[0]));
        Assert.Equal(TotpOutcome.Failed, await context.RedeemAsync(first.RecoveryCodes[0]));

        // Typed in lower case without the hyphens: the same code.
        Assert.Equal(TotpOutcome.Accepted, await context.RedeemAsync(first.RecoveryCodes[1].Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant()));

        // The codes are stored hashed: no stored value holds a code.
        await using (var db = context.Database.Open())
        {
            var rows = await db.StaffRecoveryCodes.AsNoTracking().ToListAsync();
            Assert.Equal(10, rows.Count);
            Assert.All(rows, row => Assert.Equal(32, row.Hash.Length));
            Assert.Equal(2, rows.Count(row => row.UsedAt is not null));
        }

        var second = await context.EnrollAsync();
        Assert.NotEqual(first.KeyUri, second.KeyUri);
        Assert.Equal(TotpOutcome.Failed, await context.RedeemAsync(first.RecoveryCodes[2]));
        Assert.Equal(TotpOutcome.Accepted, await context.RedeemAsync(second.RecoveryCodes[2]));
        var oldCode = Code(first, Start);
        if (oldCode != Code(second, Start))
        {
            Assert.Equal(TotpOutcome.Failed, await context.VerifyAsync(oldCode));
        }

        Assert.Equal(TotpOutcome.Accepted, await context.VerifyAsync(Code(second, Start)));
        Assert.Contains(AuditEventType.RecoveryCodeUsed, await context.EventTypesAsync());
    }

    /// <summary>The code an authenticator app would show at <paramref name="at"/> for the enrolment's key.</summary>
    internal static string Code(TotpEnrollment enrollment, DateTimeOffset at)
    {
        var query = new Uri(enrollment.KeyUri).Query.TrimStart('?').Split('&');
        var secret = query.Single(part => part.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..];
        return new Totp(Base32Encoding.ToBytes(secret), 30, OtpHashMode.Sha1, 6).ComputeTotp(at.UtcDateTime);
    }

    private sealed class TotpContext : IAsyncDisposable
    {
        private readonly ServiceProvider provider;

        private TotpContext(TestDatabase database, ServiceProvider provider, SettableClock clock)
        {
            Database = database;
            this.provider = provider;
            Clock = clock;
        }

        public TestDatabase Database { get; }

        public SettableClock Clock { get; }

        public static async Task<TotpContext> CreateAsync(string providerName, PostgresFixture fixture)
        {
            var database = await TestDatabase.CreateAsync(providerName, fixture);
            var clock = new SettableClock(Start);
            var services = new ServiceCollection();
            services.AddFukushiApp(database.Settings, clock);
            var provider = services.BuildServiceProvider();
            var context = new TotpContext(database, provider, clock);
            await using var scope = provider.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            var added = await accounts.AddAsync(new NewStaffAccount("tanaka01", "田中 花子", "4711", [RoleNames.Approver], new DateOnly(2026, 4, 1), null, null), "admin");
            Assert.Equal(AccountOutcome.Ok, added.Outcome);
            return context;
        }

        public async Task<TotpEnrollment> EnrollAsync()
        {
            await using var scope = provider.CreateAsyncScope();
            var enrollment = await scope.ServiceProvider.GetRequiredService<StaffTotp>().EnrollAsync("tanaka01", "admin");
            return Assert.IsType<TotpEnrollment>(enrollment);
        }

        // Each check in its own scope, as each web request or CLI run is.
        public async Task<TotpOutcome> VerifyAsync(string code)
        {
            await using var scope = provider.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().FindActiveAsync("tanaka01");
            return await scope.ServiceProvider.GetRequiredService<StaffTotp>().VerifyCodeAsync(user!, code);
        }

        public async Task<TotpOutcome> RedeemAsync(string code)
        {
            await using var scope = provider.CreateAsyncScope();
            var user = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().FindActiveAsync("tanaka01");
            return await scope.ServiceProvider.GetRequiredService<StaffTotp>().RedeemRecoveryCodeAsync(user!, code);
        }

        public async Task<List<string>> EventTypesAsync()
        {
            await using var db = Database.Open();
            return await db.AuditEvents.AsNoTracking().Select(e => e.EventType).ToListAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await provider.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
