using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Income;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Income;

/// <summary>
/// One 所得判定 of a person for a 課税年度 as it was made: 所得基準, 県市区分, 高額療養費 区分 and the
/// figures, the income year they came from, the date whose masters applied, the tax row used and
/// every step, when and by whom (decisions.md D4, D5, D9). Append-only: a later determination is a
/// new row; none is ever updated or deleted. The latest (by <see cref="DeterminedAt"/>, then Id) is
/// the one in force.
/// </summary>
public sealed class IncomeDetermination
{
    public long Id { get; set; }

    public long PersonId { get; set; }

    /// <summary>課税年度 of the tax data.</summary>
    public int TaxYear { get; set; }

    /// <summary>The calendar year the income was earned (課税年度 − 1).</summary>
    public int IncomeYear { get; set; }

    /// <summary>基準日: the day whose masters (limits, deductions, 区分 thresholds) applied.</summary>
    public DateOnly BaseDate { get; set; }

    public IncomeTestRole Role { get; set; }

    public LimitColumn Column { get; set; }

    /// <summary>所得基準.</summary>
    public IncomeCriterion Criterion { get; set; }

    /// <summary>県市区分: 県 when the criterion is met, else 市 (decisions.md D4).</summary>
    public FundingShare FundingShare { get; set; }

    /// <summary>高額療養費 区分 (ア…) for a 国保 member; null otherwise.</summary>
    public string? HighCostCategory { get; set; }

    /// <summary>所得額; null when 判定不能.</summary>
    public long? Income { get; set; }

    /// <summary>限度額; null when 判定不能.</summary>
    public long? Limit { get; set; }

    /// <summary>扶養親族等の数; null when 判定不能.</summary>
    public int? Dependants { get; set; }

    /// <summary>The <see cref="TaxRecord"/> row the determination read.</summary>
    public long TaxRecordId { get; set; }

    /// <summary>The steps as JSON: a list of {"項目", "金額"}.</summary>
    public string Steps { get; set; } = "[]";

    public DateTimeOffset DeterminedAt { get; set; }

    /// <summary>The login of the staff member who asked for it.</summary>
    public string DeterminedBy { get; set; } = string.Empty;
}

internal sealed class IncomeDeterminationConfiguration : IEntityTypeConfiguration<IncomeDetermination>
{
    public void Configure(EntityTypeBuilder<IncomeDetermination> builder)
    {
        builder.HasOne<People.Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxRecord>().WithMany().HasForeignKey(d => d.TaxRecordId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.PersonId, d.TaxYear, d.DeterminedAt });
        builder.Property(d => d.HighCostCategory).HasMaxLength(10);
        builder.Property(d => d.DeterminedBy).HasMaxLength(100);
    }
}
