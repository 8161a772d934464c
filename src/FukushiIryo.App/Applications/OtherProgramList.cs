using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Applications;

/// <summary>
/// 他制度 of a person on an application: the program names as the ProgramPrecedence master writes
/// them (decisions.md D3), stored one per line. What each program means for eligibility is the
/// master's <see cref="PrecedenceEffect"/> on the application date, read by the eligibility check.
/// </summary>
public static class OtherProgramList
{
    /// <summary>The most programs one person may carry on an application.</summary>
    public const int MaxPrograms = 10;

    /// <summary>The longest program name (the master's column).</summary>
    public const int MaxNameLength = 40;

    /// <summary>The stored column: <see cref="MaxPrograms"/> names and their line breaks.</summary>
    public const int MaxStoredLength = (MaxNameLength + 1) * MaxPrograms;

    /// <summary>The names as typed or picked, NFKC-normalised and trimmed, empty and repeated ones dropped, in order.</summary>
    public static IReadOnlyList<string> Clean(IEnumerable<string?>? programs) =>
        programs is null
            ? []
            : [.. programs.Select(p => (p ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The stored form: one per line, or null for none.</summary>
    public static string? Join(IReadOnlyList<string> programs) =>
        programs.Count == 0 ? null : string.Join("\n", programs);

    /// <summary>The names of a stored value (null → none).</summary>
    public static IReadOnlyList<string> Split(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>As staff read them: 「子ども医療、難病」, or empty.</summary>
    public static string Display(string? stored) => string.Join("、", Split(stored));

    /// <summary>
    /// The programs staff can pick on <paramref name="date"/>: the ProgramPrecedence rows in force,
    /// in the master's order, without the 助成しない ones (judged per receipt, not per person).
    /// </summary>
    public static async Task<IReadOnlyList<ProgramPrecedenceRule>> ChoicesOnAsync(FukushiDbContext db, DateOnly date, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ProgramPrecedences.AsNoTracking().ValidOn(date).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Where(row => row.Effect != PrecedenceEffect.NotPaid).OrderBy(row => row.SortOrder).ThenBy(row => row.Program, StringComparer.Ordinal).Select(row => row.ToRule())];
    }
}
