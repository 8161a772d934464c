using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FukushiIryo.App.Masters;

/// <summary>
/// 一部負担金 (decisions.md D1): the amount a recipient keeps paying per 医療機関 × 診療月 × レセプト種別,
/// for a program, a 受給者区分 (or any), a 給付方式 (or any) and a <see cref="ClaimKind"/>, dated by 診療月.
/// The most specific row wins: a row naming the 受給者区分 beats one for any, then one naming the 給付方式.
/// </summary>
public sealed class CopaymentRule : DatedMasterRow
{
    /// <summary>The program (<see cref="PublicPayer.SingleParentProgram"/>).</summary>
    public string Program { get; set; } = PublicPayer.SingleParentProgram;

    /// <summary>受給者区分; null = every kind.</summary>
    public RecipientKind? RecipientKind { get; set; }

    /// <summary>給付方式; null = every method.</summary>
    public BenefitMethod? BenefitMethod { get; set; }

    /// <summary>レセプト種別.</summary>
    public ClaimKind ClaimKind { get; set; }

    /// <summary>The amount per institution × month × kind.</summary>
    public long Amount { get; set; }

    /// <summary>入院: the amount when 実日数 is under <see cref="ShortStayDaysBelow"/>; null = none.</summary>
    public long? ShortStayAmount { get; set; }

    /// <summary>入院: the 実日数 under which <see cref="ShortStayAmount"/> applies (14).</summary>
    public int? ShortStayDaysBelow { get; set; }

    /// <summary>The terms the computation reads.</summary>
    public CopaymentTerms ToTerms() => new(Amount, ShortStayAmount, ShortStayDaysBelow);
}

/// <summary>
/// 附加給付 of one insurer (decisions.md D6): a 健保組合 or 共済 pays the self-pay after 高額療養費 above
/// <see cref="MonthlyCap"/>, rounded down to <see cref="RoundingUnit"/>. Never a 国保 or 協会けんぽ
/// insurer (<see cref="ExtraBenefitInsurers"/>). Dated by 診療月.
/// </summary>
public sealed class InsurerExtraBenefit : DatedMasterRow
{
    /// <summary>保険者番号 (8 digits, canonical).</summary>
    public string InsurerNumber { get; set; } = string.Empty;

    public string? InsurerName { get; set; }

    /// <summary>The monthly self-pay cap per receipt (e.g. 25,000).</summary>
    public long MonthlyCap { get; set; }

    /// <summary>The estimate is rounded down to a multiple of this (100).</summary>
    public long RoundingUnit { get; set; }

    /// <summary>The terms the computation reads.</summary>
    public ExtraBenefitTerms ToTerms() => new(MonthlyCap, RoundingUnit);
}

/// <summary>
/// 審査支払手数料 (decisions.md D17): the fee a 審査支払機関 charges per claim, dated by 処理年月. Read by
/// the 現物給付 settlement (支払 B).
/// </summary>
public sealed class ClearinghouseFee : DatedMasterRow
{
    /// <summary>The 審査支払機関 of the claims: <see cref="Kokuhoren"/> or <see cref="ShiharaiKikin"/>.</summary>
    public string Clearinghouse { get; set; } = Kokuhoren;

    /// <summary>The fee per claim (件) in yen.</summary>
    public long FeePerClaim { get; set; }

    /// <summary>国保連 (the value of MedicalClaim.Clearinghouse).</summary>
    public const string Kokuhoren = "kokuhoren";

    /// <summary>社会保険診療報酬支払基金.</summary>
    public const string ShiharaiKikin = "shiharai-kikin";
}

internal sealed class CopaymentRuleConfiguration : IEntityTypeConfiguration<CopaymentRule>
{
    public void Configure(EntityTypeBuilder<CopaymentRule> builder)
    {
        builder.ConfigureDated();
        builder.Property(r => r.Program).HasMaxLength(40);
        builder.HasIndex(r => new { r.Program, r.ClaimKind, r.ValidFrom });
    }
}

internal sealed class InsurerExtraBenefitConfiguration : IEntityTypeConfiguration<InsurerExtraBenefit>
{
    public void Configure(EntityTypeBuilder<InsurerExtraBenefit> builder)
    {
        builder.ConfigureDated();
        builder.Property(r => r.InsurerNumber).HasMaxLength(8);
        builder.Property(r => r.InsurerName).HasMaxLength(100);
        builder.HasIndex(r => new { r.InsurerNumber, r.ValidFrom });
    }
}

internal sealed class ClearinghouseFeeConfiguration : IEntityTypeConfiguration<ClearinghouseFee>
{
    public void Configure(EntityTypeBuilder<ClearinghouseFee> builder)
    {
        builder.ConfigureDated();
        builder.Property(r => r.Clearinghouse).HasMaxLength(20);
        builder.HasIndex(r => new { r.Clearinghouse, r.ValidFrom });
    }
}

/// <summary>Loads the masters of 支払 (Payments) and their shipped defaults.</summary>
public static class PaymentMasters
{
    /// <summary>
    /// The shipped defaults the payment masters lack, added to the context (the caller saves): the
    /// 一部負担金 rows when no row has their program and <see cref="ClaimKind"/>, the 審査支払手数料 rows
    /// when no row has their 審査支払機関, the 附加給付 rows (none shipped: the city enters its insurers' figures) when that master is empty.
    /// Returns how many.
    /// </summary>
    public static async Task<int> AddMissingDefaultsAsync(FukushiDbContext db, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var copaymentKinds = (await db.CopaymentRules.Select(r => new { r.Program, r.ClaimKind }).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(k => (k.Program, k.ClaimKind))
            .ToHashSet();
        var copayments = (await CopaymentRuleDefaultsAsync(cancellationToken).ConfigureAwait(false))
            .Where(row => !copaymentKinds.Contains((row.Program, row.ClaimKind)))
            .Select(row => MasterDefaults.Stamp(row, createdAt))
            .ToList();
        db.CopaymentRules.AddRange(copayments);

        var houses = (await db.ClearinghouseFees.Select(r => r.Clearinghouse).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var fees = (await ClearinghouseFeeDefaultsAsync(cancellationToken).ConfigureAwait(false))
            .Where(row => !houses.Contains(row.Clearinghouse))
            .Select(row => MasterDefaults.Stamp(row, createdAt))
            .ToList();
        db.ClearinghouseFees.AddRange(fees);

        var extras = new List<InsurerExtraBenefit>();
        if (!await db.InsurerExtraBenefits.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            extras.AddRange((await InsurerExtraBenefitDefaultsAsync(cancellationToken).ConfigureAwait(false)).Select(row => MasterDefaults.Stamp(row, createdAt)));
            db.InsurerExtraBenefits.AddRange(extras);
        }

        return copayments.Count + fees.Count + extras.Count;
    }

    /// <summary>The shipped 一部負担金 rows, not yet stamped.</summary>
    public static Task<IReadOnlyList<CopaymentRule>> CopaymentRuleDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<CopaymentRule>("copayment-rules.json", cancellationToken);

    /// <summary>The shipped 審査支払手数料 rows, not yet stamped.</summary>
    public static Task<IReadOnlyList<ClearinghouseFee>> ClearinghouseFeeDefaultsAsync(CancellationToken cancellationToken = default) =>
        MasterDefaults.ReadAsync<ClearinghouseFee>("clearinghouse-fees.json", cancellationToken);

    /// <summary>The shipped 附加給付 rows (an empty list), not yet stamped; each is checked like an edit.</summary>
    public static async Task<IReadOnlyList<InsurerExtraBenefit>> InsurerExtraBenefitDefaultsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await MasterDefaults.ReadAsync<InsurerExtraBenefit>("insurer-extra-benefits.json", cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            if (ExtraBenefitInsurers.Refusal(row.InsurerNumber) is { } refusal)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"The shipped 附加給付 row {row.InsurerNumber}: {refusal}"));
            }
        }

        return rows;
    }
}
