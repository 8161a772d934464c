using System.Globalization;
using FukushiIryo.App.Importing;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.App.Income;

/// <summary>
/// One valid row of the tax file (interfaces.md §3): the person, the 課税年度, 未申告 and the 59
/// items typed as <see cref="TaxRecord"/> holds them.
/// </summary>
/// <remarks>
/// Rules (docs/formats/tax.md): 宛名番号 1–20 digits; 課税年度 西暦 YYYY, from
/// <see cref="FirstTaxYear"/> to the import date's year + 1; 未申告 optional, 0/1 or empty (= 0).
/// A 未申告 row has every item empty (a value there is a file error: the extract contradicts
/// itself). A declared row has every item except 児童養育費 and 受給者養育費 (which staff enter from
/// the applicant's 申告) filled: amounts are integers in yen, not negative; incomes (所得) may be
/// negative; counts are whole numbers from 0; flags 0/1; 控除対象配偶者区分 and 寡婦区分 0, 1 or 2.
/// </remarks>
internal sealed record TaxRow(long Line, string AtenaNumber, TaxRecord Record)
{
    /// <summary>The earliest 課税年度 accepted.</summary>
    public const int FirstTaxYear = TaxImport.FirstTaxYear;

    /// <summary>The items a declared row may leave empty: 養育費 comes from the applicant's 申告 (interfaces.md §3).</summary>
    private static readonly HashSet<string> OptionalWhenDeclared = new(StringComparer.Ordinal) { "児童養育費", "受給者養育費" };

    public int TaxYear => Record.TaxYear;

    public static TaxRow? Read(ImportRecord record, DateOnly importDate, ImportResult result)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(result);
        if (record.Problems.Count > 0)
        {
            result.AddRange(record.Problems);
            return null;
        }

        var problems = new List<ImportProblem>();
        var atena = FieldParsers.Digits(record, TaxItems.AtenaNumberColumn, 1, 20, problems);
        var taxYear = TaxYearOf(record, importDate, problems);
        var undeclared = FieldParsers.Flag(record, TaxItems.UndeclaredColumn, problems, required: false) ?? false;
        var tax = new TaxRecord { TaxYear = taxYear ?? 0, IsUndeclared = undeclared };
        foreach (var item in TaxItems.All)
        {
            if (undeclared)
            {
                if (!string.IsNullOrEmpty(record[item.Name]))
                {
                    problems.Add(new ImportProblem(record.Line, item.Name, record.Raw(item.Name) ?? string.Empty, "未申告の行には値を書けません（空にしてください）"));
                }

                continue;
            }

            item.SetValue(tax, ItemValue(record, item, !OptionalWhenDeclared.Contains(item.Name), problems));
        }

        result.AddRange(problems);
        if (problems.Any(problem => problem.Severity == ImportSeverity.Error))
        {
            return null;
        }

        return new TaxRow(record.Line, atena!, tax);
    }

    /// <summary>Whether two records say the same: 未申告 and every item (the person and year aside).</summary>
    public static bool SameContent(TaxRecord a, TaxRecord b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.IsUndeclared == b.IsUndeclared && TaxItems.All.All(item => Equals(item.GetValue(a), item.GetValue(b)));
    }

    private static int? TaxYearOf(ImportRecord record, DateOnly importDate, List<ImportProblem> problems)
    {
        var count = problems.Count;
        var year = FieldParsers.Integer(record, TaxItems.TaxYearColumn, problems);
        if (problems.Count > count || year is not { } value)
        {
            return null;
        }

        var last = importDate.Year + 1;
        if (value < FirstTaxYear || value > last || record[TaxItems.TaxYearColumn]!.Length != 4)
        {
            problems.Add(new ImportProblem(record.Line, TaxItems.TaxYearColumn, record.Raw(TaxItems.TaxYearColumn) ?? string.Empty,
                string.Create(CultureInfo.InvariantCulture, $"課税年度は西暦4桁（{FirstTaxYear}～{last}）で書いてください")));
            return null;
        }

        return value;
    }

    private static object? ItemValue(ImportRecord record, TaxItem item, bool required, List<ImportProblem> problems) => item.Kind switch
    {
        TaxItemKind.Amount => FieldParsers.Amount(record, item.Name, problems, required),
        TaxItemKind.Income => FieldParsers.Amount(record, item.Name, problems, required, allowNegative: true),
        TaxItemKind.Count => FieldParsers.Integer(record, item.Name, problems, required),
        TaxItemKind.Flag => FieldParsers.Flag(record, item.Name, problems, required),
        TaxItemKind.Code => Code(record, item, required, problems),
        _ => throw new InvalidOperationException($"Unknown item kind {item.Kind}."),
    };

    /// <summary>控除対象配偶者区分 (0 なし, 1 一般, 2 老人) or 寡婦区分 (0 なし, 1 寡婦, 2 ひとり親), as the item's enum.</summary>
    private static object? Code(ImportRecord record, TaxItem item, bool required, List<ImportProblem> problems)
    {
        var count = problems.Count;
        var value = FieldParsers.Integer(record, item.Name, problems, required);
        if (problems.Count > count || value is not { } code)
        {
            return null;
        }

        if (!Enum.IsDefined(item.ValueType, code))
        {
            var choices = item.ValueType == typeof(WidowKind) ? "0（なし）・1（寡婦）・2（ひとり親）" : "0（なし）・1（一般）・2（老人）";
            problems.Add(new ImportProblem(record.Line, item.Name, record.Raw(item.Name) ?? string.Empty, $"{choices} のどれかで書いてください"));
            return null;
        }

        return Enum.ToObject(item.ValueType, code);
    }
}
