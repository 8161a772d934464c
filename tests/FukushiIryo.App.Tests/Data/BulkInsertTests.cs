using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.Payments;
using FukushiIryo.Domain.Payments;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FukushiIryo.App.Tests.Data;

/// <summary>The bulk path (architecture.md §3) on both providers: COPY on PostgreSQL, prepared inserts on SQLite.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class BulkInsertTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(9));

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Streamed_rows_are_written_with_every_column_as_EF_would_write_it(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        const int count = 20_000;
        var watch = Stopwatch.StartNew();
        await using (var db = database.Open())
        {
            Assert.Equal(count, await db.BulkInsertAsync(Holidays(count)));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: {count} rows in {watch.ElapsedMilliseconds} ms"));
        await using var check = database.Open();
        Assert.Equal(count, await check.BankHolidays.CountAsync());
        var first = await check.BankHolidays.OrderBy(h => h.ValidFrom).FirstAsync();
        Assert.Equal(new DateOnly(2000, 1, 1), first.ValidFrom);
        Assert.Equal(new DateOnly(2000, 1, 2), first.ValidTo);
        Assert.Equal("休日 0", first.Name);
        Assert.Equal(BankHolidayKind.NationalHoliday, first.Kind);
        Assert.Equal(Now.ToUniversalTime(), first.CreatedAt);
        Assert.Equal("bulk", first.CreatedBy);
        Assert.Null(first.Note);
        var second = await check.BankHolidays.SingleAsync(h => h.ValidFrom == new DateOnly(2000, 1, 2));
        Assert.Equal(BankHolidayKind.Other, second.Kind);
        Assert.Equal("メモ 1", second.Note);

        // The database assigned the keys; EF reads and queries the rows as its own.
        Assert.Equal(count, await check.BankHolidays.Select(h => h.Id).Distinct().CountAsync());
        Assert.Equal(count / 2, await check.BankHolidays.CountAsync(h => h.Kind == BankHolidayKind.Other));
        Assert.True(await check.IsHolidayAsync(new DateOnly(2000, 1, 3)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_written_inside_an_EF_transaction_vanish_with_its_rollback(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(500, await db.BulkInsertAsync(Holidays(500)));
            Assert.Equal(500, await db.BankHolidays.CountAsync());
            await transaction.RollbackAsync();
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.BankHolidays.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Rows_written_inside_an_EF_transaction_commit_with_the_other_changes_and_their_audit(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(300, await db.BulkInsertAsync(AsyncHolidays(300)));
            db.Banks.Add(new Bank { BankCode = "0162", Kana = "ナント", Name = "南都", Edition = "test" });
            db.AddAudit(new AuditEntry("tester", AuditEventType.MastersUpdated));
            await db.SaveChangesAsync();
            Assert.Equal(300, await db.BulkInsertAsync(Holidays(300, startYear: 2100)));
            await transaction.CommitAsync();
        }

        await using var check = database.Open();
        Assert.Equal(600, await check.BankHolidays.CountAsync());
        Assert.Equal(1, await check.Banks.CountAsync());
        Assert.Equal(1, await check.AuditEvents.CountAsync());
        Assert.True((await AuditVerifier.VerifyAsync(check, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_inserter_disposed_without_completing_writes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            var inserter = await db.BeginBulkInsertAsync<BankHoliday>();
            await using (inserter)
            {
                foreach (var holiday in Holidays(100))
                {
                    await inserter.WriteAsync(holiday);
                }

                Assert.Equal(100, inserter.RowsWritten);
            }

            // The context stays usable afterwards.
            Assert.Equal(0, await db.BankHolidays.CountAsync());
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.BankHolidays.CountAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_row_the_database_refuses_fails_the_whole_insert(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            var rows = new[]
            {
                new Bank { BankCode = "0162", Kana = "ナント", Name = "南都", Edition = "a" },
                new Bank { BankCode = "0162", Kana = "ナント", Name = "南都", Edition = "b" }, // the unique current-row index
            };
            await Assert.ThrowsAnyAsync<DbException>(() => db.BulkInsertAsync(rows));
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.Banks.CountAsync());
    }

    [Fact]
    public async Task The_audit_log_is_never_written_in_bulk()
    {
        await using var database = await TestDatabase.CreateAsync("sqlite", fixture);
        await using var db = database.Open();
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.BulkInsertAsync(Array.Empty<AuditEvent>()));
    }

    /// <summary>
    /// PostgreSQL: the rows encoded by the bulk path itself (PostgresCopyEncoder) are stored exactly as Npgsql's
    /// importer stores them — compared column by column as JSON — for the hot tables and edge values: nulls,
    /// 𠮷, an empty text, a text longer than the encoder's buffer, the date and instant extremes (±infinity),
    /// an instant with 100 ns below the microsecond and a +09:00 offset, negative and extreme integers.
    /// </summary>
    [Fact]
    public async Task PostgreSQL_rows_encoded_here_are_stored_as_Npgsqls_importer_stores_them()
    {
        var encoded = await TestDatabase.CreateAsync("postgres", fixture);
        await using var _ = encoded;
        var imported = await TestDatabase.CreateAsync("postgres", fixture);
        await using var __ = imported;
        foreach (var (database, npgsqlImporter) in new[] { (encoded, false), (imported, true) })
        {
            await using var db = database.Open();
            Assert.NotNull(BulkTableMap<PaymentLine>.For(db).PostgresRawWriters.Value);
            Assert.NotNull(BulkTableMap<PaymentPayee>.For(db).PostgresRawWriters.Value);
            Assert.NotNull(BulkTableMap<MedicalClaim>.For(db).PostgresRawWriters.Value);
            Assert.NotNull(BulkTableMap<BankHoliday>.For(db).PostgresRawWriters.Value);
            var run = new PaymentRun { ProcessingMonth = 202610, PayDate = new DateOnly(2026, 11, 20), Status = PaymentRunStatus.Prepared, Preparation = 1, PreparedBy = "bulk", PreparedAt = Now.ToUniversalTime() };
            db.PaymentRuns.Add(run);
            await db.SaveChangesAsync();
            BulkInsert.PreferNpgsqlImporter.Value = npgsqlImporter;
            try
            {
                await db.BulkInsertAsync(EdgeHolidays());
                await db.BulkInsertAsync(EdgeClaims());
                await db.BulkInsertAsync(EdgeLines(run.Id));
            }
            finally
            {
                BulkInsert.PreferNpgsqlImporter.Value = false;
            }
        }

        foreach (var table in new[] { "BankHolidays", "MedicalClaims", "PaymentLines" })
        {
            var expected = await RowsAsJsonAsync(imported, table);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await RowsAsJsonAsync(encoded, table));
        }
    }

    private static async Task<List<string>> RowsAsJsonAsync(TestDatabase database, string table)
    {
        await using var db = database.Open();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // the table names are the test's own constants
        command.CommandText = $"SELECT (to_jsonb(t) - 'Id')::text FROM \"{table}\" t ORDER BY \"Id\"";
#pragma warning restore CA2100
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private static IEnumerable<BankHoliday> EdgeHolidays()
    {
        var odd = new DateTimeOffset(new DateTime(2026, 11, 29, 9, 0, 0).AddTicks(1_234_567), TimeSpan.FromHours(9));
        yield return BankHoliday.On(DateOnly.MinValue, "𠮷野家の日", BankHolidayKind.Other, odd, "bulk", note: string.Empty);
        var end = BankHoliday.On(new DateOnly(1999, 12, 31), new string('長', 40), BankHolidayKind.NationalHoliday, DateTimeOffset.MaxValue, "bulk");
        end.ValidTo = DateOnly.MaxValue;
        yield return end;
        yield return BankHoliday.On(new DateOnly(2000, 1, 1), "x", BankHolidayKind.Other, DateTimeOffset.MinValue, "bulk", note: "改行\r\nとタブ\t");
    }

    private static IEnumerable<MedicalClaim> EdgeClaims()
    {
        yield return new MedicalClaim
        {
            Source = MedicalClaimSource.Uke, SourceLine = long.MaxValue, ProcessingMonth = 202610, ServiceMonth = 202609, ProviderCode = "0100102",
            PrefectureCode = "29", Schedule = MedicalClaimSchedule.Dental, Inpatient = true, InsurerShareRate = 70, DaysOfCare = 0, Points = long.MinValue,
            MedicalCost = -1, PatientShare = 0, LongTerm = true, KanaName = "ﾅﾗ ﾀﾛｳ", BirthDate = new DateOnly(1990, 2, 28),
            MatchStatus = MedicalClaimMatchStatus.Matched, MatchReason = "", RawRecords = "IR,1\r\nRE," + new string('長', 40_000), ImportedAt = Now,
        };
        yield return new MedicalClaim
        {
            Source = MedicalClaimSource.Manual, ProcessingMonth = 202610, ServiceMonth = 202610, ProviderCode = "2913001", PrefectureCode = "29",
            Schedule = MedicalClaimSchedule.Medical, MatchStatus = MedicalClaimMatchStatus.Unmatched, MatchReason = "未照合", ImportedAt = Now.AddTicks(9),
        };
    }

    private static IEnumerable<PaymentLine> EdgeLines(long runId)
    {
        for (int i = 0; i < 3; i++)
        {
            yield return new PaymentLine
            {
                PaymentRunId = runId, Preparation = 1, MedicalClaimId = 1_000 + i, RecipientId = i, PayeeRecipientId = -i, ClaimProcessingMonth = 202610,
                ServiceMonth = 202609, ProviderCode = "0100102", Kind = (ClaimKind)i, LongTerm = i == 1, TotalCost = 10_000 * i, SelfPay = 3_000,
                SelfPayDerived = i == 2, HighCostRefund = -i, Target = 3_000, Copayment = 500, Subsidy = 2_500,
                StepsJson = PaymentRuns.ToStepsJson([new SubsidyStep("総医療費", 10_000 * i), new SubsidyStep("− 一部負担金（同一医療機関・同一月・同一種別で 500円）", 500)]),
            };
        }
    }

    private static IEnumerable<BankHoliday> Holidays(int count, int startYear = 2000)
    {
        var first = new DateOnly(startYear, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var day = first.AddDays(i);
            var holiday = BankHoliday.On(day, $"休日 {i}", i % 2 == 0 ? BankHolidayKind.NationalHoliday : BankHolidayKind.Other, Now, "bulk",
                i % 2 == 0 ? null : $"メモ {i}");
            yield return holiday;
        }
    }

    private static async IAsyncEnumerable<BankHoliday> AsyncHolidays(int count)
    {
        foreach (var holiday in Holidays(count))
        {
            await Task.Yield();
            yield return holiday;
        }
    }
}
