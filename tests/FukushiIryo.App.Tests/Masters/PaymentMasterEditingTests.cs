using FukushiIryo.App.Masters;
using FukushiIryo.App.Masters.Editing;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Payments;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>
/// The payment masters on the マスタ管理 rules: 附加給付 only for a 健保組合 or 共済 (a 国保 or 協会けんぽ
/// number is refused), the 一部負担金's short-stay pair and the shipped defaults. "Today" is 2026-11-29 (JST).
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PaymentMasterEditingTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.FromHours(9));

    public static TheoryData<string, string?> InsurerCases => new()
    {
        // 保険者番号, the error (null = saved)
        { "06290126", null },                 // 健保組合 (法別 06)
        { "３２２９００１７", null },          // 共済 (法別 32), full-width digits
        { "290015", "国民健康保険は附加給付を行いません。附加給付は健保組合と共済だけです。" },
        { "00290015", "国民健康保険は附加給付を行いません。附加給付は健保組合と共済だけです。" },
        { "01290014", "法別番号 01 の保険者（協会けんぽ・船員保険・後期高齢者など）は附加給付を行いません。附加給付は健保組合と共済だけです。" },
        { "39290010", "法別番号 39 の保険者（協会けんぽ・船員保険・後期高齢者など）は附加給付を行いません。附加給付は健保組合と共済だけです。" },
        { "06290127", "保険者番号は、検証番号の正しい8桁の数字で入力してください。" },
    };

    [Theory]
    [MemberData(nameof(InsurerCases))]
    public async Task Only_a_union_or_mutual_aid_insurer_may_have_an_extra_benefit(string insurer, string? error)
    {
        await using var database = await SeededAsync();
        var result = await EditAsync(database, MasterCatalog.InsurerExtraBenefits, new MasterChange(MasterAction.Add, From: "2027-01-01", Values: new Dictionary<string, string?>
        {
            ["insurerNumber"] = insurer, ["insurerName"] = "デモ健康保険組合", ["monthlyCap"] = "25,000", ["roundingUnit"] = "100",
        }));

        if (error is null)
        {
            Assert.Equal(MasterEditOutcome.Saved, result.Outcome);
            await using var db = database.Open();
            var row = await db.InsurerExtraBenefits.SingleAsync();
            Assert.Equal((new ExtraBenefitTerms(25_000, 100), new DateOnly(2027, 1, 1)), (row.ToTerms(), row.ValidFrom));
            Assert.Equal(8, row.InsurerNumber.Length);
        }
        else
        {
            Assert.Equal(MasterEditOutcome.Invalid, result.Outcome);
            Assert.Equal(error, result.Errors["insurerNumber"]);
        }
    }

    [Fact]
    public async Task A_short_stay_amount_needs_its_days_and_an_inpatient_kind()
    {
        await using var database = await SeededAsync();
        var values = new Dictionary<string, string?>
        {
            ["program"] = PublicPayer.SingleParentProgram, ["claimKind"] = nameof(ClaimKind.MedicalOutpatient), ["amount"] = "500", ["shortStayAmount"] = "300",
        };

        var result = await EditAsync(database, MasterCatalog.CopaymentRules, new MasterChange(MasterAction.Add, From: "2027-01-01", Values: values));

        Assert.Equal(MasterEditOutcome.Invalid, result.Outcome);
        Assert.Equal("短期入院の額と短期の日数は両方入力するか、両方空欄にしてください。", result.Errors["shortStayDaysBelow"]);
        Assert.Equal("短期入院の額は入院のレセプト種別（医科 入院・歯科 入院）だけに入力します。", result.Errors["shortStayAmount"]);

        var child = await EditAsync(database, MasterCatalog.CopaymentRules, new MasterChange(MasterAction.Add, From: "2027-01-01", Values: new Dictionary<string, string?>
        {
            ["program"] = PublicPayer.SingleParentProgram, ["recipientKind"] = "Child", ["claimKind"] = nameof(ClaimKind.MedicalOutpatient), ["amount"] = "0",
        }));
        Assert.Equal(MasterEditOutcome.Saved, child.Outcome);
    }

    [Fact]
    public async Task The_shipped_defaults_are_the_decisions_figures()
    {
        await using var database = await SeededAsync();
        await using var db = database.Open();

        var copayments = await db.CopaymentRules.AsNoTracking().ToDictionaryAsync(r => r.ClaimKind);
        Assert.Equal(7, copayments.Count);
        Assert.All(copayments.Values, r => Assert.Equal((PublicPayer.SingleParentProgram, (object?)null, (object?)null), (r.Program, (object?)r.RecipientKind, (object?)r.BenefitMethod)));
        Assert.Equal(new CopaymentTerms(500), copayments[ClaimKind.MedicalOutpatient].ToTerms());
        Assert.Equal(new CopaymentTerms(1_000, 500, 14), copayments[ClaimKind.MedicalInpatient].ToTerms());
        Assert.Equal(new CopaymentTerms(1_000, 500, 14), copayments[ClaimKind.DentalInpatient].ToTerms());
        Assert.Equal(new CopaymentTerms(0), copayments[ClaimKind.Pharmacy].ToTerms());
        Assert.Equal(new CopaymentTerms(500), copayments[ClaimKind.HomeNursing].ToTerms());
        Assert.Equal(new CopaymentTerms(500), copayments[ClaimKind.CareAllowance].ToTerms());
        Assert.Empty(await db.InsurerExtraBenefits.ToListAsync());
        Assert.Equal(
            [(ClearinghouseFee.Kokuhoren, 0L), (ClearinghouseFee.ShiharaiKikin, 0L)],
            (await db.ClearinghouseFees.AsNoTracking().OrderBy(f => f.Clearinghouse).ToListAsync()).Select(f => (f.Clearinghouse, f.FeePerClaim)));

        // D13: the 長期 caps 10,000 and 20,000 (人工透析, ア・イ) are in the HighCostLimit defaults.
        var longTerm = await db.HighCostLimits.AsNoTracking().Where(l => l.Kind == HighCostLimitKind.LongTerm || l.Kind == HighCostLimitKind.LongTermDialysis).ToListAsync();
        Assert.Equal(
            [(null, HighCostLimitKind.LongTerm, 10_000L), ("ア", HighCostLimitKind.LongTermDialysis, 20_000L), ("イ", HighCostLimitKind.LongTermDialysis, 20_000L)],
            longTerm.OrderBy(l => l.SortOrder).Select(l => (l.Category, l.Kind, l.MonthlyLimit)));
    }

    private async Task<TestDatabase> SeededAsync()
    {
        var database = await TestDatabase.CreateAsync("sqlite", fixture);
        await using var db = database.Open();
        await MasterDefaults.EnsureLoadedAsync(db, Now.AddYears(-1));
        return database;
    }

    private static async Task<MasterEditResult> EditAsync(TestDatabase database, MasterTable table, MasterChange change)
    {
        await using var db = database.Open();
        return await new MasterEditor(db, new FixedClock(Now)).ApplyAsync(table, change, "admin", "127.0.0.1", "test");
    }
}
