using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters;

/// <summary>What one <see cref="MasterDefaults.EnsureLoadedAsync"/> inserted.</summary>
/// <param name="IncomeMasters">Rows of the income masters (<see cref="IncomeMasterDefaults"/>).</param>
/// <param name="EligibilityMasters">Rows of the 喪失日の規則 and 制度の優先順位 masters (<see cref="Masters.EligibilityMasters"/>).</param>
/// <param name="ReviewMasters">Rows of the 請求期限 master (<see cref="Masters.ReviewMasters"/>).</param>
/// <param name="PaymentMasters">Rows of the 一部負担金, 附加給付 and 審査支払手数料 masters (<see cref="Masters.PaymentMasters"/>).</param>
/// <param name="InquiryAllowList">Rows of the 照会許可照合リスト (<see cref="InquiryMasters"/>).</param>
public sealed record MasterDefaultsResult(int AgeBrackets, int PublicPayers, int BankHolidays, int IncomeMasters = 0, int EligibilityMasters = 0, int ReviewMasters = 0, int PaymentMasters = 0, int InquiryAllowList = 0)
{
    public int Total => AgeBrackets + PublicPayers + BankHolidays + IncomeMasters + EligibilityMasters + ReviewMasters + PaymentMasters + InquiryAllowList;
}

/// <summary>
/// The masters' shipped defaults (decisions.md: "初期値 — 市の規則で確認のこと"), embedded as JSON
/// under <c>Masters/Defaults/</c> and inserted as ordinary master rows, never as EF HasData. Loading
/// is idempotent and never overwrites the city's own rows: a default is inserted only when the
/// master has no row of its kind — an age bracket when no row has its code, a 公費負担者 when no
/// row has its program and 給付方式, a holiday when no holiday of its year exists.
/// </summary>
public static class MasterDefaults
{
    /// <summary>The <see cref="DatedMasterRow.CreatedBy"/> of rows inserted from the defaults.</summary>
    public const string CreatedBy = "defaults";

    private const string ResourcePrefix = "FukushiIryo.App.Masters.Defaults.";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>Inserts the defaults the masters lack and saves; running it again changes nothing.</summary>
    public static async Task<MasterDefaultsResult> EnsureLoadedAsync(FukushiDbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var createdAt = now.ToUniversalTime();

        var bracketCodes = (await db.AgeBrackets.Select(b => b.Code).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var brackets = (await AgeBracketDefaultsAsync(cancellationToken).ConfigureAwait(false))
            .Where(row => !bracketCodes.Contains(row.Code))
            .Select(row => Stamp(row, createdAt))
            .ToList();
        db.AgeBrackets.AddRange(brackets);

        var payerKinds = (await db.PublicPayers.Select(p => new { p.Program, p.BenefitMethod }).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(kind => (kind.Program, kind.BenefitMethod))
            .ToHashSet();
        var payers = (await PublicPayerDefaultsAsync(cancellationToken).ConfigureAwait(false))
            .Where(row => !payerKinds.Contains((row.Program, row.BenefitMethod)))
            .Select(row => Stamp(row, createdAt))
            .ToList();
        db.PublicPayers.AddRange(payers);

        var holidays = new List<BankHoliday>();
        foreach (var year in (await BankHolidayDefaultsAsync(cancellationToken).ConfigureAwait(false)).GroupBy(row => row.Date.Year))
        {
            var first = new DateOnly(year.Key, 1, 1);
            var next = first.AddYears(1);
            if (!await db.BankHolidays.AnyAsync(h => h.ValidFrom >= first && h.ValidFrom < next, cancellationToken).ConfigureAwait(false))
            {
                holidays.AddRange(year.Select(row => Stamp(row, createdAt)));
            }
        }

        db.BankHolidays.AddRange(holidays);
        var incomeRows = await IncomeMasterDefaults.AddMissingAsync(db, createdAt, cancellationToken).ConfigureAwait(false);
        var eligibilityRows = await EligibilityMasters.AddMissingDefaultsAsync(db, createdAt, cancellationToken).ConfigureAwait(false);
        var reviewRows = await ReviewMasters.AddMissingDefaultsAsync(db, createdAt, cancellationToken).ConfigureAwait(false);
        var paymentRows = await PaymentMasters.AddMissingDefaultsAsync(db, createdAt, cancellationToken).ConfigureAwait(false);
        var inquiryRows = await InquiryMasters.AddMissingDefaultsAsync(db, createdAt, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new MasterDefaultsResult(brackets.Count, payers.Count, holidays.Count, incomeRows, eligibilityRows, reviewRows, paymentRows, inquiryRows);
    }

    /// <summary>The shipped 年齢区分 rows, not yet stamped.</summary>
    public static async Task<IReadOnlyList<AgeBracket>> AgeBracketDefaultsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync<AgeBracketDefault>("age-brackets.json", cancellationToken).ConfigureAwait(false))
        .Select(row => new AgeBracket
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
        })
        .ToList();

    /// <summary>The shipped 公費負担者 rows (demo numbers), not yet stamped.</summary>
    public static async Task<IReadOnlyList<PublicPayer>> PublicPayerDefaultsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync<PublicPayerDefault>("public-payers.json", cancellationToken).ConfigureAwait(false))
        .Select(row => PublicPayer.IsValidPayerNumber(row.PayerNumber)
            ? new PublicPayer
            {
                Program = row.Program,
                PayerNumber = row.PayerNumber,
                BenefitMethod = row.BenefitMethod,
                FirstAgeBracket = row.FirstAgeBracket,
                LastAgeBracket = row.LastAgeBracket,
                IsDemo = row.IsDemo,
                ValidFrom = row.ValidFrom,
                ValidTo = row.ValidTo,
                Note = row.Note,
            }
            : throw new InvalidDataException(string.Create(
                CultureInfo.InvariantCulture,
                $"The shipped 公費負担者番号 {row.PayerNumber} has no valid check digit.")))
        .ToList();

    /// <summary>The shipped 金融機関休業日 rows, not yet stamped.</summary>
    public static async Task<IReadOnlyList<BankHoliday>> BankHolidayDefaultsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAsync<BankHolidayDefault>("bank-holidays.json", cancellationToken).ConfigureAwait(false))
        .Select(row => BankHoliday.On(row.Date, row.Name, row.Kind, default, CreatedBy, row.Note))
        .ToList();

    internal static T Stamp<T>(T row, DateTimeOffset createdAt)
        where T : DatedMasterRow
    {
        row.CreatedAt = createdAt;
        row.CreatedBy = CreatedBy;
        return row;
    }

    internal static async Task<IReadOnlyList<T>> ReadAsync<T>(string fileName, CancellationToken cancellationToken)
    {
        var name = ResourcePrefix + fileName;
        var stream = typeof(MasterDefaults).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded master defaults '{name}' are missing.");
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<List<T>>(stream, Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"The embedded master defaults '{name}' are empty.");
        }
    }

    private sealed record AgeBracketDefault(
        string Code,
        string Name,
        int SortOrder,
        bool ForChildren,
        int? StartsAfterFiscalYearOfAge,
        int? EndsWithFiscalYearOfAge,
        DateOnly ValidFrom,
        DateOnly? ValidTo,
        string? Note);

    private sealed record PublicPayerDefault(
        string Program,
        string PayerNumber,
        BenefitMethod BenefitMethod,
        string? FirstAgeBracket,
        string? LastAgeBracket,
        bool IsDemo,
        DateOnly ValidFrom,
        DateOnly? ValidTo,
        string? Note);

    private sealed record BankHolidayDefault(DateOnly Date, string Name, BankHolidayKind Kind, string? Note);
}
