using System.Globalization;
using System.IO.Compression;
using System.Text;
using FukushiIryo.App.Masters;
using FukushiIryo.Domain.Income;

namespace FukushiIryo.App.Demo;

/// <summary>A 町域 of the postal code data (日本郵便 KEN_ALL): one postal code and its place.</summary>
/// <param name="MunicipalityCode">全国地方公共団体コード (5 digits, e.g. 29201 = 奈良市).</param>
/// <param name="PostalCode">7 digits, no hyphen.</param>
/// <param name="HasChome">The 町域 has 丁目 (KEN_ALL's 「丁目を有する町域」 flag).</param>
public sealed record DemoTown(string MunicipalityCode, string PostalCode, string Prefecture, string City, string Town, bool HasChome);

/// <summary>A bank branch of the 全銀 master (zengin-code), with its bank.</summary>
public sealed record DemoBranch(string BankCode, string BankName, string BankKana, string BranchCode, string BranchName, string BranchKana);

/// <summary>
/// What the demo generator draws from: the real postal codes of 奈良県 (from <c>utf_ken_all.zip</c>:
/// 奈良市 = 29201 for residents, the prefecture's other municipalities for persons living outside
/// the city), the real banks and branches (<c>banks.csv</c>, <c>branches.csv</c>), all embedded in
/// the assembly, and the 年齢区分 and 公費負担者 rows the eligibility records are numbered from.
/// </summary>
public sealed class DemoReferenceData
{
    /// <summary>The 全国地方公共団体コード of 奈良市.</summary>
    public const string NaraCityCode = "29201";

    private const string ResourcePrefix = "FukushiIryo.App.Masters.Reference.";

    private static readonly Lazy<ShippedData> Shipped = new(LoadShipped, LazyThreadSafetyMode.ExecutionAndPublication);

    private DemoReferenceData(ShippedData shipped, IReadOnlyList<AgeBracket> ageBrackets, IReadOnlyList<PublicPayer> publicPayers, IncomeMasterRows income, long longTermSelfPayLimit)
    {
        LongTermSelfPayLimit = longTermSelfPayLimit;
        CityTowns = shipped.CityTowns;
        PrefectureTowns = shipped.PrefectureTowns;
        Branches = shipped.Branches;
        YuchoKinkiBranches = shipped.YuchoKinkiBranches;
        AgeBrackets = ageBrackets;
        PublicPayers = publicPayers;
        IncomeMasters = income;
    }

    /// <summary>The 町域 of 奈良市 (29201) that name a place: without 「以下に掲載がない場合」 and without the 番地-range rows.</summary>
    public IReadOnlyList<DemoTown> CityTowns { get; }

    /// <summary>The 町域 of the other municipalities of 奈良県 (for 住登外 persons and those who moved out).</summary>
    public IReadOnlyList<DemoTown> PrefectureTowns { get; }

    /// <summary>Every branch of the 全銀 master, keyed by bank code + branch code (7 digits).</summary>
    public IReadOnlyDictionary<string, DemoBranch> Branches { get; }

    /// <summary>
    /// The ゆうちょ銀行 店番 of 通常貯金 with 記号 14xx0 (近畿, where 奈良 passbooks are opened): 4x8,
    /// those that exist in the master.
    /// </summary>
    public IReadOnlyList<DemoBranch> YuchoKinkiBranches { get; }

    public IReadOnlyList<AgeBracket> AgeBrackets { get; }

    public IReadOnlyList<PublicPayer> PublicPayers { get; }

    /// <summary>
    /// The 長期 (特定疾病療養受療証) self-pay limit per institution and month of the shipped high-cost
    /// master (its latest row): what a provider charges a 長期 patient in the demo claim files.
    /// </summary>
    public long LongTermSelfPayLimit { get; }

    /// <summary>The income masters the demo's 県市区分 and 給与所得 are computed with (the database's, or the shipped defaults).</summary>
    public IncomeMasterRows IncomeMasters { get; }

    /// <summary>
    /// The reference data with the given master rows (the database's, so that the 公費負担者番号 of the
    /// demo recipients are those of its master), or the shipped defaults where none are given.
    /// </summary>
    public static async Task<DemoReferenceData> LoadAsync(
        IReadOnlyList<AgeBracket>? ageBrackets = null,
        IReadOnlyList<PublicPayer>? publicPayers = null,
        CancellationToken cancellationToken = default) =>
        await LoadAsync(ageBrackets, publicPayers, null, cancellationToken).ConfigureAwait(false);

    /// <summary>As <see cref="LoadAsync(IReadOnlyList{AgeBracket}?, IReadOnlyList{PublicPayer}?, CancellationToken)"/>, with the database's income masters (each list empty = the shipped defaults).</summary>
    public static async Task<DemoReferenceData> LoadAsync(
        IReadOnlyList<AgeBracket>? ageBrackets,
        IReadOnlyList<PublicPayer>? publicPayers,
        IncomeMasterRows? incomeMasters,
        CancellationToken cancellationToken = default)
    {
        var income = new IncomeMasterRows(
            incomeMasters?.Limits is { Count: > 0 } limits ? limits : await IncomeMasterDefaults.IncomeLimitDefaultsAsync(cancellationToken).ConfigureAwait(false),
            incomeMasters?.Deductions is { Count: > 0 } deductions ? deductions : await IncomeMasterDefaults.IncomeDeductionDefaultsAsync(cancellationToken).ConfigureAwait(false),
            incomeMasters?.SalaryBands is { Count: > 0 } bands ? bands : await IncomeMasterDefaults.SalaryDeductionBandDefaultsAsync(cancellationToken).ConfigureAwait(false));
        var brackets = ageBrackets is { Count: > 0 }
            ? ageBrackets
            : await MasterDefaults.AgeBracketDefaultsAsync(cancellationToken).ConfigureAwait(false);
        var payers = publicPayers is { Count: > 0 }
            ? publicPayers
            : await MasterDefaults.PublicPayerDefaultsAsync(cancellationToken).ConfigureAwait(false);
        var longTerm = (await IncomeMasterDefaults.HighCostLimitDefaultsAsync(cancellationToken).ConfigureAwait(false))
            .Where(row => row.Kind == HighCostLimitKind.LongTerm && row.Category is null)
            .MaxBy(row => row.ValidFrom)
            ?? throw new InvalidOperationException("The shipped high-cost master has no 長期 row.");
        return new DemoReferenceData(Shipped.Value, brackets, payers, income, longTerm.MonthlyLimit);
    }

    /// <summary>The branch of a bank, or null when the master has none with these codes.</summary>
    public DemoBranch? FindBranch(string bankCode, string branchCode) =>
        Branches.GetValueOrDefault(bankCode + branchCode);

    /// <summary>Opens one of the embedded reference files (<c>banks.csv</c>, <c>branches.csv</c>, <c>utf_ken_all.zip</c>).</summary>
    public static Stream OpenResource(string fileName) =>
        typeof(DemoReferenceData).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
        ?? throw new InvalidOperationException($"The embedded reference file '{fileName}' is missing.");

    /// <summary>Reads the 奈良県 rows (団体コード 29xxx) of the embedded utf_ken_all.zip.</summary>
    public static IReadOnlyList<DemoTown> ReadNaraPrefectureTowns()
    {
        using var stream = OpenResource("utf_ken_all.zip");
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var entry = zip.Entries.Single(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        var towns = new List<DemoTown>();
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith("29", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = SplitCsvLine(line);
            towns.Add(new DemoTown(
                fields[0],
                fields[2],
                fields[6],
                fields[7],
                fields[8],
                fields[11] == "1"));
        }

        return towns;
    }

    /// <summary>Splits one CSV line (RFC 4180 quoting, no line breaks inside fields).</summary>
    internal static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static bool NamesAPlace(DemoTown town) =>
        !town.Town.Contains('（', StringComparison.Ordinal)
        && !town.Town.Contains("以下に掲載がない場合", StringComparison.Ordinal)
        && !town.Town.Contains("の次に番地がくる場合", StringComparison.Ordinal)
        && !town.Town.Contains("一円", StringComparison.Ordinal);

    private static ShippedData LoadShipped()
    {
        var towns = ReadNaraPrefectureTowns().Where(NamesAPlace).ToList();
        var city = towns.Where(t => t.MunicipalityCode == NaraCityCode).ToList();
        var prefecture = towns.Where(t => t.MunicipalityCode != NaraCityCode).ToList();

        var banks = new Dictionary<string, (string Name, string Kana)>(StringComparer.Ordinal);
        foreach (var fields in ReadCsv("banks.csv"))
        {
            banks[fields[0]] = (fields[2], fields[1]);
        }

        var branches = new Dictionary<string, DemoBranch>(StringComparer.Ordinal);
        foreach (var fields in ReadCsv("branches.csv"))
        {
            if (banks.TryGetValue(fields[0], out var bank))
            {
                branches[fields[0] + fields[1]] = new DemoBranch(fields[0], bank.Name, bank.Kana, fields[1], fields[3], fields[2]);
            }
        }

        if (city.Count == 0 || prefecture.Count == 0 || branches.Count == 0 || !branches.ContainsKey("0162010"))
        {
            throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The embedded reference data is incomplete: {city.Count} 奈良市 towns, {prefecture.Count} other towns, {branches.Count} branches."));
        }

        var yucho = branches.Values
            .Where(b => b.BankCode == "9900" && b.BranchCode[0] == '4' && b.BranchCode[2] == '8')
            .OrderBy(b => b.BranchCode, StringComparer.Ordinal)
            .ToList();
        return new ShippedData(city, prefecture, branches, yucho);
    }

    private static IEnumerable<List<string>> ReadCsv(string fileName)
    {
        using var reader = new StreamReader(OpenResource(fileName), Encoding.UTF8);
        reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                yield return SplitCsvLine(line);
            }
        }
    }

    private sealed record ShippedData(
        IReadOnlyList<DemoTown> CityTowns,
        IReadOnlyList<DemoTown> PrefectureTowns,
        IReadOnlyDictionary<string, DemoBranch> Branches,
        IReadOnlyList<DemoBranch> YuchoKinkiBranches);
}

/// <summary>
/// The rows of the income masters the demo reads (所得制限限度額, 所得判定の控除額, 給与所得控除), with
/// the figures in force on a date, as the 所得判定 reads them. A demo dated before the first rows
/// of a master (the limits start on 2021-08-01, the 給与所得控除 with 2020) uses that master's
/// earliest rows: demo data only, never a determination.
/// </summary>
public sealed record IncomeMasterRows(
    IReadOnlyList<IncomeLimit> Limits,
    IReadOnlyList<IncomeDeduction> Deductions,
    IReadOnlyList<SalaryDeductionBand> SalaryBands)
{
    /// <summary>The 給与所得控除 bands of an income year (valid on its 1 January).</summary>
    public IReadOnlyList<SalaryIncomeBand> SalaryBandsFor(int incomeYear) =>
        [.. InForce(SalaryBands, new DateOnly(incomeYear, 1, 1), "給与所得控除").OrderBy(band => band.ReceiptsFrom).Select(band => band.ToBand())];

    /// <summary>The rules of the income test on <paramref name="baseDate"/> for the income of <paramref name="incomeYear"/>.</summary>
    public IncomeTestRules RulesOn(DateOnly baseDate, int incomeYear)
    {
        IncomeLimitTable LimitsOf(LimitColumn column) => One(Limits.Where(row => row.Column == column), baseDate, "所得制限限度額").ToTable();
        return new IncomeTestRules(
            One(Deductions, baseDate, "所得判定の控除額").ToFigures(),
            LimitsOf(LimitColumn.Recipient),
            LimitsOf(LimitColumn.SupportObligor),
            SalaryBandsFor(incomeYear));
    }

    private static T One<T>(IEnumerable<T> rows, DateOnly date, string master)
        where T : DatedMasterRow
    {
        var valid = InForce(rows, date, master);
        return valid.Count == 1
            ? valid[0]
            : throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"{master}のマスタに {date:yyyy-MM-dd} に有効な行が {valid.Count} 行あります（1行が必要です）。"));
    }

    /// <summary>The rows in force on the date; before the master's first day, its earliest rows.</summary>
    private static List<T> InForce<T>(IEnumerable<T> rows, DateOnly date, string master)
        where T : DatedMasterRow
    {
        var all = rows.Where(row => row.ValidTo is not { } end || end > row.ValidFrom).ToList(); // not withdrawn
        if (all.Count == 0)
        {
            throw new MasterDataMissingException($"{master}のマスタに行がありません。");
        }

        var first = all.Min(row => row.ValidFrom);
        return [.. all.Where(row => row.IsValidOn(date < first ? first : date))];
    }
}
