using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;

namespace FukushiIryo.App.Tests.Masters;

public sealed class PublicPayerTests
{
    private static readonly IReadOnlyList<AgeBracket> Brackets = MasterDefaults.AgeBracketDefaultsAsync().GetAwaiter().GetResult();

    private static readonly IReadOnlyList<PublicPayer> Shipped = MasterDefaults.PublicPayerDefaultsAsync().GetAwaiter().GetResult();

    [Theory]
    [InlineData("88134457", true)]
    [InlineData("88134458", false)] // the wrongly issued Tokyo number
    [InlineData("8813445", false)]
    [InlineData("881344570", false)]
    [InlineData("８８１３４４５７", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_payer_number_is_eight_digits_with_a_valid_check_digit(string? number, bool valid) =>
        Assert.Equal(valid, PublicPayer.IsValidPayerNumber(number));

    [Fact]
    public void The_shipped_payers_are_demo_numbers_of_prefecture_29_with_valid_check_digits()
    {
        Assert.Equal(2, Shipped.Count);
        Assert.All(Shipped, payer =>
        {
            Assert.True(PublicPayer.IsValidPayerNumber(payer.PayerNumber), payer.PayerNumber);
            Assert.Equal("29", payer.PayerNumber.Substring(2, 2));
            Assert.True(payer.IsDemo);
            Assert.False(payer.IsMigrated);
            Assert.Equal(PublicPayer.SingleParentProgram, payer.Program);
            Assert.Equal("demo — 市の実番号に置き換えること", payer.Note);
        });
        Assert.Equal(
            [BenefitMethod.InKind, BenefitMethod.AutoReimbursement],
            Shipped.Select(payer => payer.BenefitMethod));
    }

    [Theory]
    [InlineData(BenefitMethod.InKind, "Preschool", "90290016")]
    [InlineData(BenefitMethod.InKind, "HighSchoolAge", "90290016")]
    [InlineData(BenefitMethod.InKind, "ParentOrCarer", null)]
    [InlineData(BenefitMethod.AutoReimbursement, "ParentOrCarer", "90290024")]
    [InlineData(BenefitMethod.AutoReimbursement, "Elementary", null)]
    [InlineData(BenefitMethod.ClaimReimbursement, "Elementary", null)]
    public void The_shipped_payers_cover_children_in_kind_and_parents_by_auto_reimbursement(BenefitMethod method, string bracket, string? expected)
    {
        var payer = PublicPayers.Find(Shipped, Brackets, PublicPayer.SingleParentProgram, method, bracket, new DateOnly(2026, 6, 1));
        Assert.Equal(expected, payer?.PayerNumber);
    }

    [Fact]
    public void Before_its_start_a_payer_is_not_found()
    {
        Assert.Null(PublicPayers.Find(Shipped, Brackets, PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Preschool", new DateOnly(2024, 7, 31)));
        Assert.NotNull(PublicPayers.Find(Shipped, Brackets, PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Preschool", new DateOnly(2024, 8, 1)));
    }

    [Fact]
    public void A_real_number_wins_over_a_demo_one_and_a_completed_row_over_a_migrated_one()
    {
        var migrated = Payer("88134457", isMigrated: true);
        var real = Payer("54016027");
        var date = new DateOnly(2026, 6, 1);

        Assert.Same(migrated, PublicPayers.Find([.. Shipped, migrated], Brackets, PublicPayer.SingleParentProgram, BenefitMethod.InKind, "JuniorHigh", date));
        Assert.Same(real, PublicPayers.Find([.. Shipped, migrated, real], Brackets, PublicPayer.SingleParentProgram, BenefitMethod.InKind, "JuniorHigh", date));
    }

    [Fact]
    public void Two_equal_rows_for_the_same_bracket_are_a_master_error()
    {
        var date = new DateOnly(2026, 6, 1);
        Assert.Throws<InvalidOperationException>(() =>
            PublicPayers.Find([Payer("88134457"), Payer("54016027")], Brackets, PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Elementary", date));
    }

    [Fact]
    public void An_unknown_bracket_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            PublicPayers.Find(Shipped, Brackets, PublicPayer.SingleParentProgram, BenefitMethod.InKind, "Kindergarten", new DateOnly(2026, 6, 1)));
    }

    private static PublicPayer Payer(string number, bool isMigrated = false) => new()
    {
        Program = PublicPayer.SingleParentProgram,
        PayerNumber = number,
        BenefitMethod = BenefitMethod.InKind,
        IsMigrated = isMigrated,
        ValidFrom = new DateOnly(2025, 1, 1),
    };
}
