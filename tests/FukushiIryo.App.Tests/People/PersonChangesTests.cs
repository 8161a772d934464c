using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Text;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.People;

/// <summary>記載事項変更 on both databases: 変更 vs 訂正 history, field problems (nothing saved), ゆうちょ, the bank master, staleness, audit.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PersonChangesTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Registered = new(2026, 4, 1, 0, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Edited = new(2026, 6, 10, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Reported = new(2026, 6, 10);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_change_of_address_keeps_the_old_address_before_its_day_and_a_correction_replaces_a_period(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await RegisterAsync(database);
        await using (var db = database.Open())
        {
            var result = await new PersonChanges(db, new SettableClock(Edited)).EditAddressAsync(
                new LedgerEdit(personId, 1, LedgerEditKind.Change, Reported, new DateOnly(2026, 6, 1)),
                new AddressInput("630-8580", "奈良県奈良市二条大路南一丁目1番1号"), "madoguchi1", "192.0.2.10");
            Assert.True(result.IsSaved);
        }

        await using (var db = database.Open())
        {
            // The new address was typed wrong: 訂正 of the period from 2026-06-01.
            var result = await new PersonChanges(db, new SettableClock(Edited.AddHours(1))).EditAddressAsync(
                new LedgerEdit(personId, 2, LedgerEditKind.Correction, Reported, new DateOnly(2026, 6, 1)),
                new AddressInput("6308580", "奈良県奈良市二条大路南一丁目1番2号"), "madoguchi2");
            Assert.True(result.IsSaved);
        }

        await using var check = database.Open();
        var ledger = new PersonLedger(check, new SettableClock(Edited));
        Assert.Equal("奈良県奈良市登大路町30番地", (await ledger.AsOfAsync(personId, new DateOnly(2026, 5, 31)))!.Address);
        Assert.Equal("奈良県奈良市二条大路南一丁目1番2号", (await ledger.AsOfAsync(personId, new DateOnly(2026, 6, 1)))!.Address);
        Assert.Equal("奈良県奈良市二条大路南一丁目1番1号", (await ledger.AsKnownOnAsync(personId, Edited.AddMinutes(30), new DateOnly(2026, 6, 1)))!.Address);
        var current = await check.PersonRecords.AsNoTracking().Where(r => r.PersonId == personId).Current().OrderBy(r => r.ValidFrom).ToListAsync();
        Assert.Equal([RecordKind.Initial, RecordKind.Correction], current.Select(r => r.Kind));
        Assert.Equal(4, await check.PersonRecords.CountAsync(r => r.PersonId == personId));
        var audits = await check.AuditEvents.AsNoTracking().Where(e => e.EventType.StartsWith("person.c")).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(["person.changed", "person.corrected"], audits.Select(a => a.EventType));
        Assert.Contains("\"old\":{\"address\":\"奈良県奈良市登大路町30番地\",\"postalCode\":\"6308501\"}", audits[0].Details, StringComparison.Ordinal);
        Assert.Contains("\"reportedOn\":\"2026-06-10\"", audits[0].Details, StringComparison.Ordinal);
        Assert.Contains("\"new\":{\"address\":\"奈良県奈良市二条大路南一丁目1番2号\",\"postalCode\":\"6308580\"}", audits[1].Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_yucho_passbook_becomes_bank_9900_and_an_unknown_branch_is_refused_beside_its_field(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await RegisterAsync(database);
        await using (var db = database.Open())
        {
            db.Banks.AddRange(new Bank { BankCode = "9900", Name = "ゆうちょ銀行", Kana = "ユウチヨ", Edition = "t" }, new Bank { BankCode = "0162", Name = "南都銀行", Kana = "ナント", Edition = "t" });
            db.BankBranches.AddRange(new BankBranch { BankCode = "9900", BranchCode = "238", Name = "二三八", Kana = "ニサンハチ", Edition = "t" }, new BankBranch { BankCode = "0162", BranchCode = "001", Name = "本店", Kana = "ホンテン", Edition = "t" });
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var changes = new PersonChanges(db, new SettableClock(Edited));
            var edit = new LedgerEdit(personId, 1, LedgerEditKind.Change, Reported, Reported);
            var unknown = await changes.EditBankAccountAsync(edit, new BankAccountInput("0162", "999", AccountType.Ordinary, "1234567", "ﾅﾗ ﾊﾅｺ"), "madoguchi1");
            Assert.Equal([("BranchCode", "店舗コード 999 は金融機関 0162（南都銀行）の店舗として金融機関マスタにありません。")], unknown.Problems.Select(p => (p.Field, p.Message)));
            var badYucho = await changes.EditBankAccountAsync(edit, new BankAccountInput(null, null, null, null, "ナラ ハナコ", "12345", "12345678"), "madoguchi1");
            Assert.Equal("YuchoNumber", Assert.Single(badYucho.Problems).Field);
            Assert.Equal(0, await db.BankAccounts.CountAsync());
            Assert.Equal(1, (await db.Persons.AsNoTracking().SingleAsync(p => p.Id == personId)).Version);

            var saved = await changes.EditBankAccountAsync(edit, new BankAccountInput(null, null, null, null, "ﾅﾗ ﾊﾅｺ", "12345", "12345671"), "madoguchi1");
            Assert.True(saved.IsSaved);
        }

        await using var check = database.Open();
        var account = await check.BankAccounts.AsNoTracking().SingleAsync();
        Assert.Equal(("9900", "238", AccountType.Ordinary, "1234567", "ナラ ハナコ", Reported, RecordKind.Initial),
            (account.BankCode, account.BranchCode, account.AccountType, account.AccountNumber, account.AccountHolderKana, account.ValidFrom, account.Kind));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_form_is_refused_and_bad_values_save_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await RegisterAsync(database);
        await using (var db = database.Open())
        {
            var changes = new PersonChanges(db, new SettableClock(Edited));
            var bad = await changes.EditInsuranceAsync(new LedgerEdit(personId, 1, LedgerEditKind.Change, Reported, Reported),
                new InsuranceInput(InsuranceKind.National, "12345", null, InsuredRole.Insured, null, null, ""), "madoguchi1");
            Assert.Equal(["InsurerNumber", "CardNumber"], bad.Problems.Select(p => p.Field));
            var badName = await changes.EditNameAsync(new LedgerEdit(personId, 1, LedgerEditKind.Change, Reported, Reported), new NameInput("", "なら"), "madoguchi1");
            Assert.Equal(["Name"], badName.Problems.Select(p => p.Field));
            Assert.True((await changes.EditContactAsync(new LedgerEdit(personId, 1, LedgerEditKind.Change, Reported, Reported), new ContactInput("0742-34-1111"), "madoguchi1")).IsSaved);
        }

        await using (var db = database.Open())
        {
            // A second member of staff had read version 1.
            await Assert.ThrowsAsync<ConcurrencyConflictException>(() => new PersonChanges(db, new SettableClock(Edited)).EditNameAsync(
                new LedgerEdit(personId, 1, LedgerEditKind.Change, Reported, Reported), new NameInput("鈴木 花子", "スズキ ハナコ"), "madoguchi2"));
        }

        await using var check = database.Open();
        Assert.Equal(0, await check.Insurances.CountAsync());
        Assert.Equal("0742341111", (await check.Contacts.AsNoTracking().SingleAsync()).PhoneNumber);
        Assert.Equal("奈良 花子", (await check.PersonRecords.AsNoTracking().Where(r => r.PersonId == personId).Current().SingleAsync()).Name);
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.EventType == "person.changed"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_name_changes_the_kana_search_key_from_its_day(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await RegisterAsync(database);
        await using (var db = database.Open())
        {
            Assert.True((await new PersonChanges(db, new SettableClock(Edited)).EditNameAsync(
                new LedgerEdit(personId, 1, LedgerEditKind.Change, Reported, new DateOnly(2026, 6, 5)), new NameInput("鈴木 花子", "ｽｽﾞｷ ﾊﾅｺ"), "madoguchi1")).IsSaved);
        }

        await using var check = database.Open();
        var ledger = new PersonLedger(check, new SettableClock(Edited));
        Assert.Equal("奈良 花子", (await ledger.AsOfAsync(personId, new DateOnly(2026, 6, 4)))!.Name);
        var after = (await ledger.AsOfAsync(personId, new DateOnly(2026, 6, 5)))!;
        Assert.Equal(("鈴木 花子", "スズキ ハナコ", "スズキハナコ"), (after.Name, after.NameKana, after.NameKanaKey));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Memos_and_inquiries_are_appended_and_audited_without_their_text(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await RegisterAsync(database);
        await using (var db = database.Open())
        {
            var notes = new PersonNotes(db, new SettableClock(Edited));
            Assert.Empty(await notes.AddMemoAsync(personId, "民生委員の証明書を受領", null, "madoguchi1"));
            var first = (await notes.MemosAsync(personId)).Single().Id;
            Assert.Empty(await notes.AddMemoAsync(personId, "証明書の日付は6月8日", first, "madoguchi2"));
            Assert.Equal(["Text"], (await notes.AddMemoAsync(personId, " ", null, "madoguchi1")).Select(p => p.Field));
            Assert.Equal(["Inquirer", "Channel", "Answer"], (await notes.RecordInquiryAsync(new InquiryEntry(personId, "", "FAX", Edited, "受給資格の有無", ""), "madoguchi1")).Select(p => p.Field));
            Assert.Empty(await notes.RecordInquiryAsync(new InquiryEntry(personId, "本人（母）", "電話", Edited.AddMinutes(-10), "受給資格証の再交付の方法", "窓口で再交付申請できると回答"), "madoguchi1"));
        }

        await using var check = database.Open();
        var memos = await new PersonNotes(check, new SettableClock(Edited)).MemosAsync(personId);
        Assert.Equal([(memos[1].Id, (long?)null), (memos[0].Id, memos[1].Id)], memos.AsEnumerable().Reverse().Select(m => (m.Id, m.CorrectsMemoId)));
        var inquiry = Assert.Single(await new PersonNotes(check, new SettableClock(Edited)).InquiriesAsync(personId));
        Assert.Equal(("本人（母）", "電話", "madoguchi1", Edited.AddMinutes(-10)), (inquiry.Inquirer, inquiry.Channel, inquiry.RecordedBy, inquiry.AskedAt));
        var audits = await check.AuditEvents.AsNoTracking().Where(e => e.EventType == "person.memo_added" || e.EventType == "person.inquiry_recorded").ToListAsync();
        Assert.Equal(3, audits.Count);
        Assert.DoesNotContain(audits, a => a.Details!.Contains("民生委員", StringComparison.Ordinal) || a.Details.Contains("再交付", StringComparison.Ordinal));
    }

    /// <summary>
    /// Two members of staff save the same person at the same moment (issue 16 item 3): both read version
    /// N, both submit; exactly one is saved and the other gets the conflict message (whether the version
    /// check or the database's concurrency token stops it), ten rounds running, nothing half-saved.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_staff_saving_the_same_person_at_once_one_wins_and_the_other_gets_the_conflict_message(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var personId = await RegisterAsync(database);
        for (int round = 0; round < 10; round++)
        {
            long version;
            await using (var db = database.Open())
            {
                version = (await db.Persons.AsNoTracking().SingleAsync(p => p.Id == personId)).Version;
            }

            async Task<string?> SaveAsync(string actor, string phone)
            {
                await using var db = database.Open();
                try
                {
                    var result = await new PersonChanges(db, new SettableClock(Edited)).EditContactAsync(
                        new LedgerEdit(personId, version, LedgerEditKind.Change, Reported, Reported), new ContactInput(phone), actor);
                    return result.IsSaved ? null : string.Join(" ", result.Problems.Select(p => p.Message));
                }
                catch (ConcurrencyConflictException conflict)
                {
                    return conflict.Message;
                }
            }

            var outcomes = await Task.WhenAll(
                Task.Run(() => SaveAsync("madoguchi1", $"0742-34-{1000 + (2 * round)}")),
                Task.Run(() => SaveAsync("madoguchi2", $"0742-34-{1001 + (2 * round)}")));
            Assert.Single(outcomes, outcome => outcome is null);
            Assert.Single(outcomes, outcome => outcome == "この宛名は他の職員が更新しました。画面を読み込み直してから入力してください。");
        }

        await using var check = database.Open();
        Assert.Equal(10, await check.AuditEvents.CountAsync(e => e.EventType == "person.changed"));
        Assert.Equal(11, (await check.Persons.AsNoTracking().SingleAsync(p => p.Id == personId)).Version);
    }

    private static async Task<long> RegisterAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var person = await new PersonLedger(db, new SettableClock(Registered)).RegisterAsync("000101", new PersonRecord
        {
            Name = "奈良 花子",
            NameKana = "ナラ ハナコ",
            NameKanaKey = "ナラハナコ",
            BirthDate = new DateOnly(1990, 5, 20),
            Sex = Sex.Female,
            ResidencyStatus = ResidencyStatus.Registered,
            PostalCode = "6308501",
            Address = "奈良県奈良市登大路町30番地",
        }, new DateOnly(1990, 5, 20), "madoguchi1");
        return person.Id;
    }
}
