using FukushiIryo.App.Masters;
using FukushiIryo.App.Masters.Editing;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>
/// The 喪失日の規則 (D7) and 制度の優先順位 (D3) masters: the shipped defaults say what
/// decisions.md says; the rows in force on a date become the domain's rule sets, on both providers.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class EligibilityMasterTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9));
    private static readonly IReadOnlyList<LossRule> ShippedRules = EligibilityMasters.LossRuleDefaultsAsync().GetAwaiter().GetResult();
    private static readonly IReadOnlyList<ProgramPrecedence> ShippedPrecedence = EligibilityMasters.ProgramPrecedenceDefaultsAsync().GetAwaiter().GetResult();

    [Fact]
    public void The_shipped_loss_rules_are_those_of_D7_one_per_cause()
    {
        Assert.Equal(
            [
                "婚姻:EventDay", "転出:DayAfterEvent", "死亡:DayAfterEvent", "他医療への変更:EventDay", "年齢到達:DayAfterAgeLimit",
                "所得超過:RenewalStart", "保険喪失:EventDay", "生活保護開始:EventDay", "有期終了:DayAfterEvent", "更新未提出:RenewalStart",
                "対象児童なし:LastChildLostOn", "その他:EventDay",
            ],
            ShippedRules.Select(rule => $"{rule.Cause.Japanese()}:{rule.Basis}"));
        Assert.All(ShippedRules, rule => Assert.Equal("初期値 — 市の規則で確認のこと", rule.Note));
        Assert.All(ShippedRules, rule => Assert.Contains(rule.Basis, LossRules.AllowedBases(rule.Cause)));
        Assert.Empty(EligibilityMasters.LossRuleSetOf(ShippedRules, new DateOnly(2026, 4, 1)).MissingCauses);
    }

    [Fact]
    public void The_shipped_precedence_is_that_of_D3()
    {
        Assert.Equal(
            [
                "生活保護:Excludes", "心身障害者医療:OtherProgramFirst", "精神障害者医療:OtherProgramFirst", "難病:PaysBefore",
                "小児慢性特定疾病:PaysBefore", "自立支援医療（更生医療）:PaysBefore", "自立支援医療（育成医療）:PaysBefore",
                "自立支援医療（精神通院）:PaysBefore", "子ども医療:SingleParentFirst", "災害共済給付:NotPaid",
            ],
            ShippedPrecedence.Select(row => $"{row.Program}:{row.Effect}"));
        Assert.Equal(["54", "52", "15", "16", "21"], ShippedPrecedence.Where(row => row.LawNumber is not null).Select(row => row.LawNumber!));
        Assert.All(ShippedPrecedence, row => Assert.Equal("初期値 — 市の規則で確認のこと", row.Note));
    }

    [Fact]
    public void A_cause_without_a_row_in_force_is_a_master_error_naming_it()
    {
        var withoutDeath = ShippedRules.Where(rule => rule.Cause != LossReason.Death);
        var error = Assert.Throws<MasterDataMissingException>(() => EligibilityMasters.LossRuleSetOf(withoutDeath, new DateOnly(2026, 4, 1)));
        Assert.Contains("死亡", error.Message, StringComparison.Ordinal);
        Assert.Throws<MasterDataMissingException>(() => EligibilityMasters.LossRuleSetOf(ShippedRules, new DateOnly(2000, 3, 31)));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_defaults_load_and_the_rows_of_a_date_give_the_rules(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            var loaded = await MasterDefaults.EnsureLoadedAsync(db, Now);
            Assert.Equal(12 + 10, loaded.EligibilityMasters);
            Assert.Equal(0, (await MasterDefaults.EnsureLoadedAsync(db, Now)).EligibilityMasters);
        }

        await using (var db = database.Open())
        {
            // The city decides that from 2027-04-01 a death ends eligibility on the day itself.
            var death = await db.LossRules.SingleAsync(rule => rule.Cause == LossReason.Death);
            var next = DatedMasters.PlanNewFigure(death, new LossRule { Cause = LossReason.Death, Basis = LossDateBasis.EventDay }, new DateOnly(2027, 4, 1), Now, "admin");
            db.LossRules.Add(next);
            var kodomo = await db.ProgramPrecedences.SingleAsync(row => row.Program == "心身障害者医療");
            db.ProgramPrecedences.Add(DatedMasters.PlanNewFigure(kodomo, new ProgramPrecedence { Program = "心身障害者医療", Effect = PrecedenceEffect.PaysBefore, SortOrder = 20 }, new DateOnly(2027, 4, 1), Now, "admin"));
            await db.SaveChangesAsync();
        }

        await using (var check = database.Open())
        {
            var before = await check.LossRulesOnAsync(new DateOnly(2027, 3, 31));
            var after = await check.LossRulesOnAsync(new DateOnly(2027, 4, 1));
            Assert.Equal(new DateOnly(2027, 3, 31), LossRules.LostOn(new LossEvent(LossReason.Death, new DateOnly(2027, 3, 30)), before));
            Assert.Equal(new DateOnly(2027, 4, 1), LossRules.LostOn(new LossEvent(LossReason.Death, new DateOnly(2027, 4, 1)), after));
            Assert.Equal(new DateOnly(2026, 6, 20), LossRules.LostOn(new LossEvent(LossReason.Marriage, new DateOnly(2026, 6, 20)), before));

            var rulesBefore = await check.EligibilityRulesOnAsync(new DateOnly(2027, 3, 31));
            var rulesAfter = await check.EligibilityRulesOnAsync(new DateOnly(2027, 4, 1));
            Assert.Equal(PrecedenceEffect.OtherProgramFirst, rulesBefore.RuleFor("心身障害者医療")!.Effect);
            Assert.Equal(PrecedenceEffect.PaysBefore, rulesAfter.RuleFor("心身障害者医療")!.Effect);
            Assert.Equal(PrecedenceEffect.Excludes, rulesAfter.RuleFor(EligibilityRules.PublicAssistanceProgram)!.Effect);
            Assert.Equal(10, rulesAfter.Precedence.Count);
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Maintenance_refuses_a_basis_that_does_not_fit_the_cause_and_saves_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        await using (var db = database.Open())
        {
            await MasterDefaults.EnsureLoadedAsync(db, Now.AddYears(-1));
        }

        LossRule age;
        await using (var db = database.Open())
        {
            age = await db.LossRules.AsNoTracking().SingleAsync(rule => rule.Cause == LossReason.AgeLimit);
        }

        MasterEditResult result;
        await using (var db = database.Open())
        {
            result = await new MasterEditor(db, new FixedClock(Now)).ApplyAsync(MasterCatalog.LossRules, new MasterChange(
                MasterAction.NewFigure, age.Id, age.Version, From: "2027-04-01", Note: "誤り",
                Values: new Dictionary<string, string?> { ["cause"] = nameof(LossReason.AgeLimit), ["basis"] = nameof(LossDateBasis.EventDay) }), "admin", "127.0.0.1", "test");
        }

        Assert.Equal(MasterEditOutcome.Invalid, result.Outcome);
        Assert.Contains("18歳到達年度末の翌日", result.Errors["basis"], StringComparison.Ordinal);
        await using var check = database.Open();
        Assert.Equal(1, await check.LossRules.CountAsync(rule => rule.Cause == LossReason.AgeLimit));
    }
}
