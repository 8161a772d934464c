using FukushiIryo.Domain.Numbers;
using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters;

/// <summary>
/// 公費負担者 master row (decisions.md D2, rules-research.md §5.1): the 公費負担者番号 a program
/// uses for one 給付方式 and one range of age brackets, for a period. 奈良 has one number for
/// 現物給付 and one for 自動償還 per program; which ages each covers differs by city and over time.
/// </summary>
public sealed class PublicPayer : DatedMasterRow
{
    /// <summary>The program code of ひとり親家庭等医療費助成.</summary>
    public const string SingleParentProgram = "ひとり親";

    /// <summary>The program (制度) code, e.g. <see cref="SingleParentProgram"/>.</summary>
    public string Program { get; set; } = string.Empty;

    /// <summary>公費負担者番号: 8 digits, 法別 (2) + 都道府県 (2) + 実施機関 (3) + 検証番号 (1).</summary>
    public string PayerNumber { get; set; } = string.Empty;

    /// <summary>給付方式 the number is used for.</summary>
    public BenefitMethod BenefitMethod { get; set; }

    /// <summary>The youngest <see cref="AgeBracket.Code"/> covered (inclusive); null = from the youngest.</summary>
    public string? FirstAgeBracket { get; set; }

    /// <summary>The oldest <see cref="AgeBracket.Code"/> covered (inclusive); null = to the oldest, 父母・養育者 included.</summary>
    public string? LastAgeBracket { get; set; }

    /// <summary>移行: added by the migration import (interfaces.md §4) because the previous system used it; staff complete it.</summary>
    public bool IsMigrated { get; set; }

    /// <summary>A demonstration number (valid check digit, not the city's): to be replaced by the city's real number.</summary>
    public bool IsDemo { get; set; }

    /// <summary>Whether <paramref name="number"/> is 8 ASCII digits with a valid MHLW check digit.</summary>
    public static bool IsValidPayerNumber(string? number) =>
        number is { Length: 8 } && MhlwCheckDigit.IsValid(number);
}

/// <summary>Finds the 公費負担者番号 in force for a program, a 給付方式 and an age bracket.</summary>
public static class PublicPayers
{
    /// <summary>
    /// The payer row of <paramref name="program"/> and <paramref name="benefitMethod"/> in force on
    /// <paramref name="date"/> whose bracket range covers <paramref name="ageBracket"/> (ordered by
    /// the <see cref="AgeBracket"/> rows in force that day). Among several matches a real number is
    /// preferred to a demo one, then a completed row to a 移行 one, then the latest start; two
    /// matches still equal on those are a master error and throw. Null when nothing matches.
    /// </summary>
    public static PublicPayer? Find(
        IEnumerable<PublicPayer> payers,
        IEnumerable<AgeBracket> brackets,
        string program,
        BenefitMethod benefitMethod,
        string ageBracket,
        DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(payers);
        ArgumentNullException.ThrowIfNull(brackets);
        ArgumentException.ThrowIfNullOrWhiteSpace(program);
        ArgumentException.ThrowIfNullOrWhiteSpace(ageBracket);

        var order = brackets.ValidOn(date).ToDictionary(bracket => bracket.Code, bracket => bracket.SortOrder, StringComparer.Ordinal);
        if (!order.TryGetValue(ageBracket, out var position))
        {
            throw new ArgumentException(string.Create(
                CultureInfo.InvariantCulture,
                $"No age bracket '{ageBracket}' is in force on {date:yyyy-MM-dd}."), nameof(ageBracket));
        }

        var candidates = payers
            .Where(payer => payer.Program == program && payer.BenefitMethod == benefitMethod && payer.IsValidOn(date))
            .Where(payer => Covers(payer, position, order))
            .OrderBy(payer => payer.IsDemo)
            .ThenBy(payer => payer.IsMigrated)
            .ThenByDescending(payer => payer.ValidFrom)
            .ToList();
        if (candidates.Count > 1 && SameRank(candidates[0], candidates[1]))
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The 公費負担者 master has two rows for {program} {benefitMethod} {ageBracket} on {date:yyyy-MM-dd}: {candidates[0].PayerNumber}, {candidates[1].PayerNumber}."));
        }

        return candidates.FirstOrDefault();
    }

    /// <summary><see cref="Find"/> over the rows of the database in force on <paramref name="date"/>.</summary>
    public static async Task<PublicPayer?> FindPayerAsync(
        this FukushiDbContext db,
        string program,
        BenefitMethod benefitMethod,
        string ageBracket,
        DateOnly date,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var payers = await db.PublicPayers.AsNoTracking().ValidOn(date)
            .Where(payer => payer.Program == program && payer.BenefitMethod == benefitMethod)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var brackets = await db.AgeBrackets.AsNoTracking().ValidOn(date).ToListAsync(cancellationToken).ConfigureAwait(false);
        return Find(payers, brackets, program, benefitMethod, ageBracket, date);
    }

    private static bool Covers(PublicPayer payer, int position, Dictionary<string, int> order)
    {
        var first = payer.FirstAgeBracket is { } from ? order.GetValueOrDefault(from, int.MaxValue) : int.MinValue;
        var last = payer.LastAgeBracket is { } to ? order.GetValueOrDefault(to, int.MinValue) : int.MaxValue;
        return first <= position && position <= last;
    }

    private static bool SameRank(PublicPayer a, PublicPayer b) =>
        a.IsDemo == b.IsDemo && a.IsMigrated == b.IsMigrated && a.ValidFrom == b.ValidFrom;
}
