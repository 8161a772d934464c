using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Masters.Editing;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>
/// マスタ管理 on both providers: a new figure ends the row in force, the past is never rewritten,
/// overlapping periods and stale forms are refused with nothing saved, every change is audited
/// with its values before and after. "Today" is 2026-11-29 (JST) throughout.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class MasterEditorTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly DateOnly Today = new(2026, 11, 29);

    private static MasterChange PayerFigure(string from, string number, long version, long rowId) => new(
        MasterAction.NewFigure, rowId, version, From: from, Note: "市の実番号",
        Values: new Dictionary<string, string?>
        {
            ["program"] = PublicPayer.SingleParentProgram,
            ["payerNumber"] = number,
            ["benefitMethod"] = nameof(BenefitMethod.InKind),
            ["firstAgeBracket"] = "Preschool",
            ["lastAgeBracket"] = "HighSchoolAge",
        });

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_new_figure_ends_the_row_in_force_the_day_before_and_is_audited_with_both_rows(string provider)
    {
        await using var database = await SeededAsync(provider);
        var demo = await DemoInKindAsync(database);

        var result = await EditAsync(database, MasterCatalog.PublicPayers, PayerFigure("R9.4.1", "８８２９００１０", demo.Version, demo.Id));

        Assert.Equal(MasterEditOutcome.Saved, result.Outcome);
        await using var db = database.Open();
        var rows = await db.PublicPayers.Where(p => p.BenefitMethod == BenefitMethod.InKind).OrderBy(p => p.ValidFrom).ToListAsync();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("90290016", new DateOnly(2024, 8, 1), (DateOnly?)new DateOnly(2027, 4, 1), true), (rows[0].PayerNumber, rows[0].ValidFrom, rows[0].ValidTo, rows[0].IsDemo));
        Assert.Equal(("88290010", new DateOnly(2027, 4, 1), (DateOnly?)null, false), (rows[1].PayerNumber, rows[1].ValidFrom, rows[1].ValidTo, rows[1].IsDemo));
        Assert.Equal(("admin", "市の実番号", Now.ToUniversalTime()), (rows[1].CreatedBy, rows[1].Note, rows[1].CreatedAt));
        Assert.Equal(result.RowId, rows[1].Id);

        // Decisions of 2027-03-31 keep the demo number; from 2027-04-01 the city's number applies.
        Assert.Equal("90290016", (await db.FindPayerAsync(PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Elementary", new DateOnly(2027, 3, 31)))!.PayerNumber);
        Assert.Equal("88290010", (await db.FindPayerAsync(PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Elementary", new DateOnly(2027, 4, 1)))!.PayerNumber);

        var audit = await db.AuditEvents.SingleAsync(e => e.EventType == AuditEventType.MasterFigureChanged);
        Assert.Equal(("admin", "master", $"public-payers/{rows[1].Id}"), (audit.Actor, audit.SubjectType, audit.SubjectId));
        Assert.Contains("\"before\":{", audit.Details, StringComparison.Ordinal);
        Assert.Contains("\"validToExclusive\":null", audit.Details, StringComparison.Ordinal); // the demo row before
        Assert.Contains("\"validToExclusive\":\"2027-04-01\"", audit.Details, StringComparison.Ordinal); // the demo row after
        Assert.Contains("\"before\":null", audit.Details, StringComparison.Ordinal); // the new row
        Assert.Contains("\"payerNumber\":\"88290010\"", audit.Details, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, MasterEditOutcome, string, string> PastCases => new()
    {
        // provider, action, outcome, key, message fragment
        { "sqlite", "new figure from today", MasterEditOutcome.Invalid, MasterTable.FromKey, "明日（2026-11-30）以降" },
        { "postgres", "new figure from today", MasterEditOutcome.Invalid, MasterTable.FromKey, "明日（2026-11-30）以降" },
        { "sqlite", "new figure from the past", MasterEditOutcome.Invalid, MasterTable.FromKey, "今日までの値は変更できません" },
        { "sqlite", "end yesterday", MasterEditOutcome.Invalid, MasterTable.LastKey, "過去の期間は変更できません" },
        { "postgres", "end yesterday", MasterEditOutcome.Invalid, MasterTable.LastKey, "過去の期間は変更できません" },
        { "sqlite", "correct a row in force", MasterEditOutcome.Conflict, "", "適用中の行は変更できません" },
        { "postgres", "correct a row in force", MasterEditOutcome.Conflict, "", "適用中の行は変更できません" },
        { "sqlite", "withdraw a row in force", MasterEditOutcome.Conflict, "", "適用中の行は変更できません" },
        { "sqlite", "add from today", MasterEditOutcome.Invalid, MasterTable.FromKey, "今日までの値は変更できません" },
    };

    [Theory]
    [MemberData(nameof(PastCases))]
    public async Task The_past_and_today_are_never_rewritten_and_nothing_is_saved(string provider, string action, MasterEditOutcome outcome, string key, string message)
    {
        await using var database = await SeededAsync(provider);
        var demo = await DemoInKindAsync(database);
        var before = await SnapshotAsync(database);
        var change = action switch
        {
            "new figure from today" => PayerFigure("2026-11-29", "88290010", demo.Version, demo.Id),
            "new figure from the past" => PayerFigure("2026-04-01", "88290010", demo.Version, demo.Id),
            "end yesterday" => new MasterChange(MasterAction.End, demo.Id, demo.Version, Last: "2026-11-28"),
            "correct a row in force" => PayerFigure("2027-04-01", "88290010", demo.Version, demo.Id) with { Action = MasterAction.Correct },
            "withdraw a row in force" => new MasterChange(MasterAction.Withdraw, demo.Id, demo.Version, Note: "誤り"),
            _ => PayerFigure("2026-11-29", "88290028", 0, 0) with { Action = MasterAction.Add, RowId = null, ExpectedVersion = null, Values = AutoPayer("88290028", "ParentOrCarer", "ParentOrCarer") },
        };

        var result = await EditAsync(database, MasterCatalog.PublicPayers, change);

        Assert.Equal(outcome, result.Outcome);
        var text = key.Length == 0 ? result.Message : result.Errors[key];
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_row_may_end_today_which_keeps_today_and_frees_tomorrow(string provider)
    {
        await using var database = await SeededAsync(provider);
        var demo = await DemoInKindAsync(database);

        var result = await EditAsync(database, MasterCatalog.PublicPayers, new MasterChange(MasterAction.End, demo.Id, demo.Version, Last: "令和8年11月29日"));

        Assert.Equal(MasterEditOutcome.Saved, result.Outcome);
        await using var db = database.Open();
        Assert.Equal(new DateOnly(2026, 11, 30), (await db.PublicPayers.SingleAsync(p => p.Id == demo.Id)).ValidTo);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.MasterRowEnded));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task An_overlapping_period_is_refused_beside_the_start_date(string provider)
    {
        await using var database = await SeededAsync(provider);
        var before = await SnapshotAsync(database);

        // The demo 自動償還 row for 父母・養育者 is open: a second row of the same range overlaps it.
        var payer = await EditAsync(database, MasterCatalog.PublicPayers, new MasterChange(
            MasterAction.Add, From: "2027-04-01", Values: AutoPayer("88290028", "ParentOrCarer", "ParentOrCarer")));
        Assert.Equal(MasterEditOutcome.Invalid, payer.Outcome);
        Assert.Equal("期間が別の行（2024-08-01 〜 継続中）と重なります。先にその行を終了するか、「新しい値」で登録してください。", payer.Errors[MasterTable.FromKey]);

        // 元日 2027 is shipped: a second holiday on that day overlaps.
        var holiday = await EditAsync(database, MasterCatalog.BankHolidays, new MasterChange(
            MasterAction.Add, From: "2027-01-01", Values: Holiday("元日", nameof(BankHolidayKind.NationalHoliday))));
        Assert.Equal(MasterEditOutcome.Invalid, holiday.Outcome);
        Assert.Contains("2027-01-01 〜 2027-01-01", holiday.Errors[MasterTable.FromKey], StringComparison.Ordinal);

        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_stale_form_is_refused_and_the_other_change_is_kept(string provider)
    {
        await using var database = await SeededAsync(provider);
        var demo = await DemoInKindAsync(database);

        // Two administrators read the row; the first ends it, the second then posts a new figure.
        var first = await EditAsync(database, MasterCatalog.PublicPayers, new MasterChange(MasterAction.End, demo.Id, demo.Version, Last: "2027-03-31"));
        Assert.Equal(MasterEditOutcome.Saved, first.Outcome);
        var second = await EditAsync(database, MasterCatalog.PublicPayers, PayerFigure("2027-06-01", "88290010", demo.Version, demo.Id));

        Assert.Equal(MasterEditOutcome.Conflict, second.Outcome);
        Assert.Contains("他の職員が変更しました", second.Message, StringComparison.Ordinal);
        await using var db = database.Open();
        var row = await db.PublicPayers.SingleAsync(p => p.Id == demo.Id);
        Assert.Equal((new DateOnly(2027, 4, 1), demo.Version + 1), (row.ValidTo!.Value, row.Version));
        Assert.Equal(0, await db.PublicPayers.CountAsync(p => p.PayerNumber == "88290010"));
        Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.MasterFigureChanged));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_row_not_yet_in_force_is_corrected_or_withdrawn_and_the_row_before_follows(string provider)
    {
        await using var database = await SeededAsync(provider);
        var demo = await DemoInKindAsync(database);
        var added = await EditAsync(database, MasterCatalog.PublicPayers, PayerFigure("2027-04-01", "88290010", demo.Version, demo.Id));
        var next = await RowAsync(database, added.RowId!.Value);

        // Corrected: the number and the start (the row before now ends on 2027-04-30).
        var corrected = await EditAsync(database, MasterCatalog.PublicPayers, PayerFigure("2027-05-01", "81290116", next.Version, next.Id) with { Action = MasterAction.Correct });
        Assert.Equal(MasterEditOutcome.Saved, corrected.Outcome);
        Assert.Equal(new DateOnly(2027, 5, 1), (await RowAsync(database, demo.Id)).ValidTo);
        next = await RowAsync(database, next.Id);
        Assert.Equal(("81290116", new DateOnly(2027, 5, 1)), (next.PayerNumber, next.ValidFrom));

        // A withdrawal needs its reason.
        var noReason = await EditAsync(database, MasterCatalog.PublicPayers, new MasterChange(MasterAction.Withdraw, next.Id, next.Version));
        Assert.Equal("取下げの理由を備考に入力してください。", noReason.Errors[MasterTable.NoteKey]);

        // Withdrawn: an empty period, kept with its note; the demo row is open again.
        var withdrawn = await EditAsync(database, MasterCatalog.PublicPayers, new MasterChange(MasterAction.Withdraw, next.Id, next.Version, Note: "番号の通知が取り消された"));
        Assert.Equal(MasterEditOutcome.Saved, withdrawn.Outcome);
        next = await RowAsync(database, next.Id);
        Assert.Equal((new DateOnly(2027, 5, 1), (DateOnly?)new DateOnly(2027, 5, 1), "番号の通知が取り消された"), (next.ValidFrom, next.ValidTo, next.Note));
        Assert.Null((await RowAsync(database, demo.Id)).ValidTo);
        await using var db = database.Open();
        Assert.Equal(
            [AuditEventType.MasterFigureChanged, AuditEventType.MasterRowCorrected, AuditEventType.MasterRowWithdrawn],
            await db.AuditEvents.Where(e => e.SubjectType == "master").OrderBy(e => e.Sequence).Select(e => e.EventType).ToListAsync());
        Assert.True((await AuditVerifier.VerifyAsync(db, null)).Ok);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_holiday_is_added_and_one_not_yet_come_is_withdrawn_but_kept(string provider)
    {
        await using var database = await SeededAsync(provider);
        var added = await EditAsync(database, MasterCatalog.BankHolidays, new MasterChange(
            MasterAction.Add, From: "2027-05-06", Note: "特別法による休日", Values: Holiday("休日", nameof(BankHolidayKind.Other))));
        Assert.Equal(MasterEditOutcome.Saved, added.Outcome);
        await using (var db = database.Open())
        {
            Assert.True(await db.IsHolidayAsync(new DateOnly(2027, 5, 6)));
            Assert.False(await db.IsHolidayAsync(new DateOnly(2027, 5, 7)));
        }

        var row = await HolidayAsync(database, added.RowId!.Value);
        var withdrawn = await EditAsync(database, MasterCatalog.BankHolidays, new MasterChange(MasterAction.Withdraw, row.Id, row.Version, Note: "法改正で取りやめ"));
        Assert.Equal(MasterEditOutcome.Saved, withdrawn.Outcome);
        await using (var db = database.Open())
        {
            Assert.False(await db.IsHolidayAsync(new DateOnly(2027, 5, 6)));
            var kept = await db.BankHolidays.SingleAsync(h => h.Id == row.Id);
            Assert.Equal((new DateOnly(2027, 5, 6), (DateOnly?)new DateOnly(2027, 5, 6), "法改正で取りやめ"), (kept.ValidFrom, kept.ValidTo, kept.Note));
        }

        // A holiday already passed (勤労感謝の日 2026-11-23) cannot be withdrawn.
        var past = await HolidayOnAsync(database, new DateOnly(2026, 11, 23));
        var refused = await EditAsync(database, MasterCatalog.BankHolidays, new MasterChange(MasterAction.Withdraw, past.Id, past.Version, Note: "誤り"));
        Assert.Equal(MasterEditOutcome.Conflict, refused.Outcome);
        Assert.Equal("この行の期間は終わっています。過去の値は変更できません。", refused.Message);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_migrated_payer_is_completed_keeping_the_number_the_old_system_used(string provider)
    {
        await using var database = await SeededAsync(provider);
        long id;
        await using (var db = database.Open())
        {
            var migrated = new PublicPayer
            {
                Program = PublicPayer.SingleParentProgram,
                PayerNumber = "88290028",
                BenefitMethod = BenefitMethod.ClaimReimbursement,
                IsMigrated = true,
                ValidFrom = new DateOnly(1973, 4, 1),
                CreatedAt = Now.ToUniversalTime(),
                CreatedBy = "migration",
                Version = 1,
            };
            db.PublicPayers.Add(migrated);
            await db.SaveChangesAsync();
            id = migrated.Id;
        }

        var completed = await EditAsync(database, MasterCatalog.PublicPayers, new MasterChange(
            MasterAction.Complete, id, 1, From: "2020-04-01", Last: "", Note: "償還払い（県外受診）",
            Values: new Dictionary<string, string?>
            {
                ["program"] = PublicPayer.SingleParentProgram,
                ["payerNumber"] = "11111111",
                ["benefitMethod"] = nameof(BenefitMethod.InKind),
                ["firstAgeBracket"] = "Preschool",
                ["lastAgeBracket"] = "ParentOrCarer",
            }));

        Assert.Equal(MasterEditOutcome.Saved, completed.Outcome);
        var row = await RowAsync(database, id);
        Assert.Equal(
            ("88290028", BenefitMethod.ClaimReimbursement, "Preschool", "ParentOrCarer", new DateOnly(2020, 4, 1), (DateOnly?)null, false),
            (row.PayerNumber, row.BenefitMethod, row.FirstAgeBracket, row.LastAgeBracket, row.ValidFrom, row.ValidTo, row.IsMigrated));
        await using var check = database.Open();
        Assert.Equal(1, await check.AuditEvents.CountAsync(e => e.EventType == AuditEventType.MasterRowCompleted && e.SubjectId == $"public-payers/{id}"));
    }

    public static TheoryData<string, string, string, string> InvalidValues => new()
    {
        // field, value, key of the message, message
        { "payerNumber", "88290011", "payerNumber", "公費負担者番号の検証番号（8桁目）が正しくありません。番号を確認してください。" },
        { "payerNumber", "8829001", "payerNumber", "公費負担者番号は8桁の数字で入力してください。" },
        { "payerNumber", "", "payerNumber", "公費負担者番号を入力してください。" },
        { "benefitMethod", "Cash", "benefitMethod", "給付方式は選択肢から選んでください。" },
        { "firstAgeBracket", "Adult", "firstAgeBracket", "対象年齢区分（から）は選択肢から選んでください。" },
        { "from", "2027-02-30", MasterTable.FromKey, "開始日が読めません（存在しない日付です）。例: 2027-04-01、R9.4.1、令和9年4月1日" },
        { "last", "2027-03-31", MasterTable.LastKey, "最終日は開始日（2027-04-01）以降の日にしてください。" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task A_value_is_refused_with_a_Japanese_message_for_its_field(string field, string value, string key, string message)
    {
        await using var database = await SeededAsync("sqlite");
        var values = AutoPayer("88290028", "ParentOrCarer", "ParentOrCarer").ToDictionary();
        values["benefitMethod"] = nameof(BenefitMethod.ClaimReimbursement);
        string? from = "2027-04-01", last = null;
        switch (field)
        {
            case "from": from = value; break;
            case "last": last = value; break;
            default: values[field] = value; break;
        }

        var result = await EditAsync(database, MasterCatalog.PublicPayers, new MasterChange(MasterAction.Add, From: from, Last: last, Values: values));

        Assert.Equal(MasterEditOutcome.Invalid, result.Outcome);
        Assert.Equal(message, result.Errors[key]);
    }

    [Fact]
    public async Task An_age_bracket_must_end_after_it_starts()
    {
        await using var database = await SeededAsync("sqlite");
        var result = await EditAsync(database, MasterCatalog.AgeBrackets, new MasterChange(MasterAction.Add, From: "2027-04-01", Values: new Dictionary<string, string?>
        {
            ["code"] = "Nursery", ["name"] = "保育", ["sortOrder"] = "０", ["forChildren"] = "true",
            ["startsAfterFiscalYearOfAge"] = "6", ["endsWithFiscalYearOfAge"] = "6",
        }));
        Assert.Equal("終了年齢は開始年齢より大きくしてください。", result.Errors["endsWithFiscalYearOfAge"]);
    }

    public static TheoryData<string, string?, string, string> States => new()
    {
        // from, to (exclusive), state, actions
        { "2024-08-01", null, "InForce", "NewFigure,End" },
        { "2024-08-01", "2026-11-30", "InForce", "End" },
        { "2024-08-01", "2026-12-01", "InForce", "NewFigure,End" },
        { "2024-08-01", "2026-11-29", "Past", "" },
        { "2026-11-30", null, "Future", "Correct,End,Withdraw" },
        { "2026-11-30", "2026-11-30", "Withdrawn", "" },
        { "2026-11-29", "2026-11-29", "Withdrawn", "" },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void A_row_state_and_its_actions_follow_from_today(string from, string? to, string state, string actions)
    {
        var row = new PublicPayer { ValidFrom = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), ValidTo = to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture) };
        Assert.Equal(state, MasterTable.StateOf(row, Today).ToString());
        Assert.Equal(actions, string.Join(',', MasterCatalog.PublicPayers.ActionsFor(row, Today)));
    }

    [Fact]
    public void A_single_day_master_has_no_new_figure_and_no_end()
    {
        var holiday = BankHoliday.On(new DateOnly(2027, 1, 1), "元日", BankHolidayKind.NationalHoliday, Now, "defaults");
        Assert.Equal([MasterAction.Correct, MasterAction.Withdraw], MasterCatalog.BankHolidays.ActionsFor(holiday, Today));
        var today = BankHoliday.On(Today, "休日", BankHolidayKind.Other, Now, "staff");
        Assert.Empty(MasterCatalog.BankHolidays.ActionsFor(today, Today));
    }

    public static TheoryData<string, long?, string?> YenCases => new()
    {
        { "1234000", 1_234_000, null },
        { "1,234,000円", 1_234_000, null },
        { "１，２３４，０００", 1_234_000, null },
        { "0", 0, null },
        { "99,999,999", 99_999_999, null },
        { "100,000,000", null, "限度額は0から99,999,999までの金額（円）を数字で入力してください。" },
        { "-1", null, "限度額は0から99,999,999までの金額（円）を数字で入力してください。" },
        { "12.5", null, "限度額は0から99,999,999までの金額（円）を数字で入力してください。" },
        { "", null, "限度額を入力してください。" },
    };

    [Theory]
    [MemberData(nameof(YenCases))]
    public void A_yen_field_reads_amounts_as_staff_write_them(string text, long? expected, string? error)
    {
        long? stored = null;
        var field = MasterFields.Yen<BankHoliday>("limit", "限度額", _ => stored, (_, value) => stored = value, 99_999_999);
        var info = new MasterFieldInfo("limit", "限度額", MasterFieldKind.WholeNumber, true, null, null, [], false);
        Assert.Equal(error, field.Accept(new BankHoliday(), text, info));
        Assert.Equal(expected, stored);
    }

    private static Dictionary<string, string?> AutoPayer(string number, string first, string last) => new()
    {
        ["program"] = PublicPayer.SingleParentProgram,
        ["payerNumber"] = number,
        ["benefitMethod"] = nameof(BenefitMethod.AutoReimbursement),
        ["firstAgeBracket"] = first,
        ["lastAgeBracket"] = last,
    };

    private static Dictionary<string, string?> Holiday(string name, string kind) => new() { ["name"] = name, ["kind"] = kind };

    private async Task<TestDatabase> SeededAsync(string provider)
    {
        var database = await TestDatabase.CreateAsync(provider, fixture);
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Now.AddYears(-1));
        return database;
    }

    private static async Task<MasterEditResult> EditAsync(TestDatabase database, MasterTable table, MasterChange change)
    {
        await using var db = database.Open();
        return await new MasterEditor(db, new FixedClock(Now)).ApplyAsync(table, change, "admin", "127.0.0.1", "test");
    }

    private static async Task<PublicPayer> DemoInKindAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.PublicPayers.AsNoTracking().SingleAsync(p => p.PayerNumber == "90290016");
    }

    private static async Task<PublicPayer> RowAsync(TestDatabase database, long id)
    {
        await using var db = database.Open();
        return await db.PublicPayers.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private static async Task<BankHoliday> HolidayAsync(TestDatabase database, long id)
    {
        await using var db = database.Open();
        return await db.BankHolidays.AsNoTracking().SingleAsync(h => h.Id == id);
    }

    private static async Task<BankHoliday> HolidayOnAsync(TestDatabase database, DateOnly date)
    {
        await using var db = database.Open();
        return await db.BankHolidays.AsNoTracking().SingleAsync(h => h.ValidFrom == date);
    }

    /// <summary>Every master row and the number of audit events, as text.</summary>
    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var payers = await db.PublicPayers.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var holidays = await db.BankHolidays.AsNoTracking().OrderBy(h => h.Id).ToListAsync();
        return string.Join('\n', payers.Select(p => $"{p.Id} {p.PayerNumber} {p.ValidFrom} {p.ValidTo} {p.Version} {p.Note}")
            .Concat(holidays.Select(h => $"{h.Id} {h.Name} {h.ValidFrom} {h.ValidTo} {h.Version}"))
            .Append($"audit {await db.AuditEvents.CountAsync()}"));
    }
}
