using System.Globalization;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>
/// The shipped 年齢区分 rows against the school cohorts: children born 4/2 of year Y to 4/1 of
/// Y+1 enter 小学校 together on 4/1 of Y+7.
/// </summary>
public sealed class AgeBracketTests
{
    private static readonly IReadOnlyList<AgeBracket> Shipped = MasterDefaults.AgeBracketDefaultsAsync().GetAwaiter().GetResult();

    public static TheoryData<string, string, string?> Cases => new()
    {
        // Born 4/1: attains 6 on 3/31 of the 年度 before, so it is the youngest of its class.
        { "2019-04-01", "2019-04-01", "Preschool" },
        { "2019-04-01", "2025-03-31", "Preschool" },
        { "2019-04-01", "2025-04-01", "Elementary" },
        { "2019-04-01", "2031-03-31", "Elementary" },
        { "2019-04-01", "2031-04-01", "JuniorHigh" },
        { "2019-04-01", "2034-03-31", "JuniorHigh" },
        { "2019-04-01", "2034-04-01", "HighSchoolAge" },
        { "2019-04-01", "2037-03-31", "HighSchoolAge" },
        { "2019-04-01", "2037-04-01", null },

        // Born 4/2: attains 6 on 4/1, inside the next 年度, so it enters one year later (the oldest of its class).
        { "2019-04-02", "2019-04-02", "Preschool" },
        { "2019-04-02", "2025-04-01", "Preschool" },
        { "2019-04-02", "2026-03-31", "Preschool" },
        { "2019-04-02", "2026-04-01", "Elementary" },
        { "2019-04-02", "2032-03-31", "Elementary" },
        { "2019-04-02", "2032-04-01", "JuniorHigh" },
        { "2019-04-02", "2035-03-31", "JuniorHigh" },
        { "2019-04-02", "2035-04-01", "HighSchoolAge" },
        { "2019-04-02", "2038-03-31", "HighSchoolAge" },
        { "2019-04-02", "2038-04-01", null },

        // Born 4/3 and 3/31: the same cohort as 4/2 and 4/1.
        { "2019-04-03", "2026-03-31", "Preschool" },
        { "2019-04-03", "2026-04-01", "Elementary" },
        { "2020-03-31", "2026-03-31", "Preschool" },
        { "2020-03-31", "2026-04-01", "Elementary" },
        { "2020-04-01", "2026-04-01", "Elementary" },
        { "2020-04-02", "2026-04-01", "Preschool" },

        // Born 2/29: attains an age on 2/28 of a common year; the 年度 is the same either way.
        { "2020-02-29", "2026-03-31", "Preschool" },
        { "2020-02-29", "2026-04-01", "Elementary" },
        { "2020-02-29", "2038-03-31", "HighSchoolAge" },
        { "2020-02-29", "2038-04-01", null },

        // Before birth there is no bracket.
        { "2019-04-02", "2019-04-01", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_child_is_in_the_bracket_of_its_school_cohort(string birth, string on, string? expected)
    {
        var bracket = AgeBrackets.ChildBracketOn(D(birth), D(on), Shipped);
        Assert.Equal(expected, bracket?.Code);
    }

    [Fact]
    public void The_shipped_brackets_are_the_four_school_stages_and_parents()
    {
        Assert.Equal(
            ["Preschool:未就学", "Elementary:小学生", "JuniorHigh:中学生", "HighSchoolAge:高校生世代", "ParentOrCarer:父母・養育者"],
            Shipped.OrderBy(b => b.SortOrder).Select(b => b.Code + ":" + b.Name));
        Assert.All(Shipped, b => Assert.Equal("初期値 — 市の規則で確認のこと", b.Note));
    }

    [Theory]
    [InlineData(RecipientKind.Parent, "ParentOrCarer")]
    [InlineData(RecipientKind.Carer, "ParentOrCarer")]
    [InlineData(RecipientKind.Child, "JuniorHigh")]
    [InlineData(RecipientKind.Orphan, "JuniorHigh")]
    public void A_parent_or_carer_is_in_the_parent_bracket_whatever_the_age(RecipientKind kind, string expected)
    {
        var bracket = AgeBrackets.BracketOn(kind, new DateOnly(2012, 6, 1), new DateOnly(2026, 6, 1), Shipped);
        Assert.Equal(expected, bracket?.Code);
    }

    [Fact]
    public void A_new_bracket_row_applies_from_its_start_date()
    {
        // The city moves 高校生世代 to end with the 年度 of age 20 from 2027-04-01: data, not code.
        var rows = Shipped.Select(Clone).ToList();
        var old = rows.Single(b => b.Code == "HighSchoolAge");
        var extended = Clone(old);
        extended.EndsWithFiscalYearOfAge = 20;
        DatedMasters.PlanNewFigure(old, extended, new DateOnly(2027, 4, 1), DateTimeOffset.UnixEpoch, "test");
        rows.Add(extended);

        var birth = new DateOnly(2008, 5, 1); // attains 18 in 年度 2026
        Assert.Equal("HighSchoolAge", AgeBrackets.ChildBracketOn(birth, new DateOnly(2027, 3, 31), rows)?.Code);
        Assert.Equal("HighSchoolAge", AgeBrackets.ChildBracketOn(birth, new DateOnly(2027, 4, 1), rows)?.Code);
        Assert.Null(AgeBrackets.ChildBracketOn(birth, new DateOnly(2027, 4, 1), Shipped));
    }

    [Fact]
    public void Overlapping_child_brackets_are_a_master_error()
    {
        var rows = Shipped.Append(new AgeBracket
        {
            Code = "Toddler", Name = "乳幼児", ForChildren = true, EndsWithFiscalYearOfAge = 3, ValidFrom = new DateOnly(2000, 4, 1),
        });
        Assert.Throws<InvalidOperationException>(() => AgeBrackets.ChildBracketOn(new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), rows));
    }

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static AgeBracket Clone(AgeBracket row) => new()
    {
        Code = row.Code,
        Name = row.Name,
        SortOrder = row.SortOrder,
        ForChildren = row.ForChildren,
        StartsAfterFiscalYearOfAge = row.StartsAfterFiscalYearOfAge,
        EndsWithFiscalYearOfAge = row.EndsWithFiscalYearOfAge,
        ValidFrom = row.ValidFrom,
        ValidTo = row.ValidTo,
        Note = row.Note,
    };
}
