using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Income;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Income;

/// <summary>Why no determination was made.</summary>
public enum IncomeDeterminationRefusal
{
    /// <summary>No person has the 宛名番号.</summary>
    UnknownPerson = 1,

    /// <summary>The person has no tax row for the 課税年度.</summary>
    NoTaxRecord = 2,
}

/// <summary>A stored determination with what it was made of, for the screen and the CLI.</summary>
public sealed record IncomeDeterminationReport(
    string AtenaNumber,
    IncomeDetermination Stored,
    IncomeTestResult Income,
    HighCostCategoryResult? HighCost,
    IReadOnlyList<IncomeStep> Steps);

/// <summary>The outcome: a report, or the refusal.</summary>
public sealed record IncomeDeterminationOutcome(IncomeDeterminationReport? Report, IncomeDeterminationRefusal? Refusal);

/// <summary>
/// 所得判定 of one person for one 課税年度 (issue 8): gathers the current tax row, the person's role
/// (父母・養育者・孤児等の養育者・扶養義務者, from the People and Eligibility model), the 養育費, and for a
/// 国保 member the tax rows of the household's 国保 members; runs the domain rules with the masters in
/// force on the 基準日; stores the result (append-only) and audits it.
/// </summary>
public sealed class IncomeDeterminations(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>受給者との関係 of a 扶養義務者 in the welfare household.</summary>
    public const string SupportObligorRelationship = "扶養義務者";

    /// <summary>The masters of a 基準日 and income year, loaded once per instance (a batch reuses them).</summary>
    private readonly Dictionary<(DateOnly BaseDate, int IncomeYear), IncomeTestRules> rulesCache = [];

    private readonly Dictionary<DateOnly, (List<HighCostIncomeBracket> Brackets, IncomeDeduction Deduction)> highCostMasters = [];

    private Prefetched? prefetched;

    private static readonly JsonSerializerOptions StepJson = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>
    /// The 基準日 for a 課税年度: today when it lies in the eligibility year that uses that tax data
    /// (8/1 of the 課税年度 to 7/31 of the next, decisions.md D9); else the nearer end of that year.
    /// </summary>
    public static DateOnly DefaultBaseDate(int taxYear, DateOnly today)
    {
        var first = new DateOnly(taxYear, IncomeYear.SwitchMonth, 1);
        var last = first.AddYears(1).AddDays(-1);
        return today < first ? first : today > last ? last : today;
    }

    /// <summary>Determines, stores and audits; a refusal stores nothing.</summary>
    public Task<IncomeDeterminationOutcome> DetermineAsync(
        string atenaNumber, int taxYear, DateOnly baseDate, string actor, CancellationToken cancellationToken = default) =>
        DetermineAsync(atenaNumber, taxYear, baseDate, actor, save: true, cancellationToken);

    /// <summary>
    /// Determines and queues the determination and its audit event; with <paramref name="save"/> false
    /// the caller's SaveChanges writes them (a batch such as the August renewal, in its transaction).
    /// Reads from what <see cref="PrefetchAsync"/> loaded when the person, year and 基準日 are in it.
    /// </summary>
    public async Task<IncomeDeterminationOutcome> DetermineAsync(
        string atenaNumber, int taxYear, DateOnly baseDate, string actor, bool save, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(atenaNumber);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var batch = prefetched is { } loaded && loaded.TaxYear == taxYear && loaded.BaseDate == baseDate && loaded.PersonsByAtena.ContainsKey(atenaNumber)
            ? loaded
            : null;
        var person = batch is not null
            ? batch.PersonsByAtena[atenaNumber]
            : await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.AtenaNumber == atenaNumber, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return new(null, IncomeDeterminationRefusal.UnknownPerson);
        }

        var tax = batch is not null
            ? batch.Taxes.GetValueOrDefault(person.Id)
            : await db.TaxRecords.AsNoTracking().FindCurrentAsync(person.Id, taxYear, cancellationToken).ConfigureAwait(false);
        if (tax is null)
        {
            return new(null, IncomeDeterminationRefusal.NoTaxRecord);
        }

        var incomeYear = IncomeYear.FromTaxYear(taxYear);
        var rules = await RulesAsync(baseDate, incomeYear, cancellationToken).ConfigureAwait(false);
        var (role, roleNote) = batch is not null
            ? RoleOf(batch.RecipientsByPerson[person.Id].ToList(), carers => carers.Any(batch.OrphanCarers.Contains), batch.Obligors.Contains(person.Id))
            : await RoleAsync(person.Id, baseDate, cancellationToken).ConfigureAwait(false);
        var support = batch is not null
            ? batch.Declarations.GetValueOrDefault(person.Id) is { } declared
                ? new ChildSupport(declared.ReceivedByRecipient, declared.ReceivedByChild)
                : new ChildSupport(tax.ChildSupportReceivedByRecipient, tax.ChildSupportReceivedByChild)
            : await ChildSupportAsync(person.Id, tax, cancellationToken).ConfigureAwait(false);
        var income = IncomeTest.Determine(ToFacts(tax), role, support, rules);
        var highCost = batch is not null
            ? await HighCostFromAsync(person, batch, baseDate, cancellationToken).ConfigureAwait(false)
            : await HighCostAsync(person, taxYear, baseDate, cancellationToken).ConfigureAwait(false);

        var steps = new List<IncomeStep>
        {
            new(string.Create(CultureInfo.InvariantCulture, $"宛名番号 {person.AtenaNumber}、{taxYear}年度課税（{incomeYear.CalendarYear}年分の所得）、基準日 {baseDate:yyyy-MM-dd}"), null),
        };
        if (roleNote is not null)
        {
            steps.Add(new(roleNote, null));
        }

        steps.AddRange(income.Steps);
        if (highCost is not null)
        {
            steps.AddRange(highCost.Steps);
        }

        var now = AppClock.Now(clock);
        var stored = new IncomeDetermination
        {
            PersonId = person.Id,
            TaxYear = taxYear,
            IncomeYear = incomeYear.CalendarYear,
            BaseDate = baseDate,
            Role = role,
            Column = income.Column,
            Criterion = income.Criterion,
            FundingShare = income.IsPrefectureFunded ? FundingShare.Prefecture : FundingShare.City,
            HighCostCategory = highCost?.Category,
            Income = income.Income,
            Limit = income.Limit,
            Dependants = income.Dependants,
            TaxRecordId = tax.Id,
            Steps = StepsToJson(steps),
            DeterminedAt = now,
            DeterminedBy = actor,
        };
        db.IncomeDeterminations.Add(stored);
        db.AddAudit(new AuditEntry(actor, AuditEventType.IncomeDetermined, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["taxYear"] = taxYear,
            ["baseDate"] = baseDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["criterion"] = income.Criterion.ToString(),
            ["fundingShare"] = stored.FundingShare.ToString(),
            ["highCostCategory"] = highCost?.Category,
        }));
        if (save)
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return new(new IncomeDeterminationReport(person.AtenaNumber, stored, income, highCost, steps), null);
    }

    /// <summary>The stored determinations of a person, the latest first (the one in force for its 課税年度 is the latest of that year).</summary>
    public async Task<IReadOnlyList<IncomeDetermination>> HistoryAsync(long personId, CancellationToken cancellationToken = default) =>
        await db.IncomeDeterminations.AsNoTracking().Where(d => d.PersonId == personId)
            .OrderByDescending(d => d.DeterminedAt).ThenByDescending(d => d.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The 課税年度 for which the person has a current tax row (newest first): the years a determination can be made for.</summary>
    public async Task<IReadOnlyList<int>> TaxYearsAsync(long personId, CancellationToken cancellationToken = default) =>
        await db.TaxRecords.AsNoTracking().Where(t => t.PersonId == personId).Current()
            .Select(t => t.TaxYear).Distinct().OrderByDescending(year => year)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The 養育費 of the income year: the staff-entered 養育費 申告 for the 課税年度 when there is one
    /// (ADR 0007: it takes precedence), else the tax row's 受給者養育費 and 児童養育費.
    /// </summary>
    public async Task<ChildSupport> ChildSupportAsync(long personId, TaxRecord tax, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tax);
        var declared = await ChildSupportDeclarations.FindDeclaredAsync(db, personId, tax.TaxYear, knownAt: null, cancellationToken).ConfigureAwait(false);
        return declared is null
            ? new ChildSupport(tax.ChildSupportReceivedByRecipient, tax.ChildSupportReceivedByChild)
            : new ChildSupport(declared.ReceivedByRecipient, declared.ReceivedByChild);
    }

    /// <summary>Steps as stored and as the CLI prints them: a JSON list of {"項目", "金額"}.</summary>
    public static string StepsToJson(IEnumerable<IncomeStep> steps) =>
        JsonSerializer.Serialize(steps.Select(s => new StepRow(s.Item, s.Amount)), StepJson);

    /// <summary>The steps of a stored determination.</summary>
    public static IReadOnlyList<IncomeStep> StepsFromJson(string json) =>
        (JsonSerializer.Deserialize<List<StepRow>>(json, StepJson) ?? []).Select(s => new IncomeStep(s.Item, s.Amount)).ToList();

    /// <summary>The tax items the rules read.</summary>
    public static IncomeTaxFacts ToFacts(TaxRecord tax)
    {
        ArgumentNullException.ThrowIfNull(tax);
        return new IncomeTaxFacts
        {
            IsUndeclared = tax.IsUndeclared,
            SalaryReceipts = tax.SalaryReceipts,
            PensionIncome = tax.PensionIncome,
            AggregateIncome = tax.AggregateIncome,
            AggregateIncomeWithSeparate = tax.AggregateIncomeWithSeparate,
            RetirementIncome = tax.RetirementIncomeAfterCarryforward,
            ForestryIncome = tax.ForestryIncomeAfterCarryforward,
            SeparateLandBusinessIncome = tax.SeparateLandBusinessIncomeAfterCarryforward,
            CapitalGainsBeforeSpecialDeduction = tax.CapitalGainsBeforeSpecialDeductionAfterCarryforward,
            SeparateStockIncome = tax.SeparateStockIncome,
            FuturesIncome = tax.FuturesIncomeAfterCarryforward,
            TreatyInterestIncome = tax.TreatyInterestIncome,
            TreatyDividendIncome = tax.TreatyDividendIncome,
            SpecialProvisionInterestIncome = tax.SpecialProvisionInterestIncome,
            SpecialProvisionDividendIncome = tax.SpecialProvisionDividendIncome,
            TreatyInterestDividendTotal = tax.TreatyInterestDividendTotal,
            MedicalExpenseDeduction = tax.ResidentTaxMedicalExpenseDeduction,
            CasualtyLossDeduction = tax.ResidentTaxCasualtyLossDeduction,
            SmallBusinessMutualAidDeduction = tax.ResidentTaxSmallBusinessMutualAidDeduction,
            SpecialSpouseDeduction = tax.ResidentTaxSpecialSpouseDeduction,
            HasDeductibleSpouse = tax.SpouseDeductionKind is SpouseDeductionKind.General or SpouseDeductionKind.Elderly,
            SpouseIsElderly = tax.SpouseDeductionKind == SpouseDeductionKind.Elderly,
            DependantsOther = tax.DependantsOther,
            DependantsDisabled = tax.DependantsDisabled,
            DependantsSpecified = tax.DependantsSpecified,
            DependantsSpeciallyDisabled = tax.DependantsSpeciallyDisabled,
            DependantsElderly = tax.DependantsElderly,
            YoungGeneralDependants = tax.YoungGeneralDependants,
            MinorDependants = tax.MinorDependants,
            IsWorkingStudent = tax.IsWorkingStudent == true,
            IsDisabled = tax.IsDisabled == true,
            IsSpeciallyDisabled = tax.IsSpeciallyDisabled == true,
            Widow = tax.WidowKind switch
            {
                WidowKind.Widow => WidowStatus.Widow,
                WidowKind.SingleParent => WidowStatus.SingleParent,
                _ => WidowStatus.None,
            },
            ResidentTaxTotal = (tax.PerCapitaMunicipalTax ?? 0) + (tax.PerCapitaPrefecturalTax ?? 0)
                + (tax.NetIncomeLevyMunicipalTax ?? 0) + (tax.NetIncomeLevyPrefecturalTax ?? 0),
        };
    }

    /// <summary>The masters in force: limits and deductions on the 基準日, the 給与所得控除 of the income year.</summary>
    private async Task<IncomeTestRules> RulesAsync(DateOnly baseDate, IncomeYear incomeYear, CancellationToken cancellationToken)
    {
        if (rulesCache.TryGetValue((baseDate, incomeYear.CalendarYear), out var cached))
        {
            return cached;
        }

        var rules = await LoadRulesAsync(baseDate, incomeYear, cancellationToken).ConfigureAwait(false);
        rulesCache[(baseDate, incomeYear.CalendarYear)] = rules;
        return rules;
    }

    private async Task<IncomeTestRules> LoadRulesAsync(DateOnly baseDate, IncomeYear incomeYear, CancellationToken cancellationToken)
    {
        var limits = await db.IncomeLimits.AsNoTracking().ValidOn(baseDate).ToListAsync(cancellationToken).ConfigureAwait(false);
        var deductions = await db.IncomeDeductions.AsNoTracking().ValidOn(baseDate).ToListAsync(cancellationToken).ConfigureAwait(false);
        var yearStart = new DateOnly(incomeYear.CalendarYear, 1, 1);
        var bands = await db.SalaryDeductionBands.AsNoTracking().ValidOn(yearStart).OrderBy(b => b.ReceiptsFrom).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (bands.Count == 0)
        {
            throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"給与所得控除マスタに {incomeYear.CalendarYear}年分の行がありません。"));
        }

        return new IncomeTestRules(
            One(deductions, "所得判定の控除額", baseDate).ToFigures(),
            One(limits.Where(l => l.Column == LimitColumn.Recipient), "所得制限限度額（受給者）", baseDate).ToTable(),
            One(limits.Where(l => l.Column == LimitColumn.SupportObligor), "所得制限限度額（扶養義務者等）", baseDate).ToTable(),
            bands.Select(b => b.ToBand()).ToList());
    }

    /// <summary>
    /// The person's role: a 受給者 父母 → 父母; a 受給者 養育者 → 孤児等の養育者 when a child it receives
    /// for is 父母のいない児童, else 養育者; a welfare-household member recorded as 扶養義務者 → 扶養義務者.
    /// Without any of these the person is tested as a parent (父母), which the steps say.
    /// </summary>
    private async Task<(IncomeTestRole Role, string? Note)> RoleAsync(long personId, DateOnly baseDate, CancellationToken cancellationToken)
    {
        var recipients = await db.Recipients.AsNoTracking().Where(r => r.PersonId == personId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var carers = recipients.Where(r => r.Kind == RecipientKind.Carer).Select(r => r.Id).ToList();
        var caresForOrphan = carers.Count > 0 && !recipients.Any(r => r.Kind == RecipientKind.Parent) && await db.Recipients.AsNoTracking()
            .AnyAsync(r => r.ParentRecipientId != null && carers.Contains(r.ParentRecipientId.Value) && r.Kind == RecipientKind.Orphan, cancellationToken)
            .ConfigureAwait(false);
        var obligor = !recipients.Any(r => r.Kind is RecipientKind.Parent or RecipientKind.Carer) && await db.HouseholdMembers.AsNoTracking()
            .Where(m => m.PersonId == personId && m.RelationshipToRecipient == SupportObligorRelationship)
            .AsOf(baseDate).AnyAsync(cancellationToken).ConfigureAwait(false);
        return RoleOf(recipients, _ => caresForOrphan, obligor);
    }

    /// <summary>The role from the person's recipients, whether a carer recipient of theirs receives for an orphan, and a 扶養義務者 membership.</summary>
    private static (IncomeTestRole Role, string? Note) RoleOf(List<Recipient> recipients, Func<List<long>, bool> caresForOrphan, bool obligor)
    {
        if (recipients.Any(r => r.Kind == RecipientKind.Parent))
        {
            return (IncomeTestRole.Parent, null);
        }

        var carers = recipients.Where(r => r.Kind == RecipientKind.Carer).Select(r => r.Id).ToList();
        if (carers.Count > 0)
        {
            return (caresForOrphan(carers) ? IncomeTestRole.OrphanCarer : IncomeTestRole.Carer, null);
        }

        return obligor
            ? (IncomeTestRole.SupportObligor, null)
            : (IncomeTestRole.Parent, "受給者（父母・養育者）・扶養義務者の記録がないため、父母として判定します");
    }

    /// <summary>
    /// The 区分 of a person insured by 国保 on the 基準日: the household is the persons of the same
    /// 住基 世帯 (as of that day) insured by the same 国保 保険者; null when the person is not in 国保.
    /// </summary>
    private async Task<HighCostCategoryResult?> HighCostAsync(Person person, int taxYear, DateOnly baseDate, CancellationToken cancellationToken)
    {
        var insurance = await db.Insurances.AsNoTracking().Where(i => i.PersonId == person.Id).AsOf(baseDate)
            .OrderByDescending(i => i.ValidFrom).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (insurance is not { InsuranceKind: InsuranceKind.National })
        {
            return null;
        }

        var record = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == person.Id).AsOf(baseDate).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var memberIds = new List<long> { person.Id };
        if (record?.HouseholdNumber is { Length: > 0 } household)
        {
            var sameHousehold = db.PersonRecords.Where(r => r.HouseholdNumber == household && r.PersonId != person.Id).AsOf(baseDate).Select(r => r.PersonId);
            memberIds.AddRange(await db.Insurances.AsNoTracking()
                .Where(i => sameHousehold.Contains(i.PersonId) && i.InsuranceKind == InsuranceKind.National && i.InsurerNumber == insurance.InsurerNumber)
                .AsOf(baseDate).Select(i => i.PersonId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        var atena = await db.Persons.AsNoTracking().Where(p => memberIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.AtenaNumber, cancellationToken).ConfigureAwait(false);
        var taxes = await db.TaxRecords.AsNoTracking().Where(t => memberIds.Contains(t.PersonId) && t.TaxYear == taxYear).Current()
            .ToDictionaryAsync(t => t.PersonId, cancellationToken).ConfigureAwait(false);
        return await HighCostOfAsync(person, memberIds, atena, taxes, baseDate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="HighCostAsync"/> from what <see cref="PrefetchAsync"/> loaded.</summary>
    private async Task<HighCostCategoryResult?> HighCostFromAsync(Person person, Prefetched batch, DateOnly baseDate, CancellationToken cancellationToken)
    {
        if (batch.Insurances.GetValueOrDefault(person.Id) is not { InsuranceKind: InsuranceKind.National })
        {
            return null;
        }

        List<long> memberIds = [person.Id, .. batch.NationalHouseholds.GetValueOrDefault(person.Id) ?? []];
        return await HighCostOfAsync(person, memberIds, batch.Atena, batch.Taxes, baseDate, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HighCostCategoryResult> HighCostOfAsync(
        Person person, List<long> memberIds, Dictionary<long, string> atena, Dictionary<long, TaxRecord> taxes, DateOnly baseDate, CancellationToken cancellationToken)
    {
        var members = memberIds
            .OrderBy(id => id == person.Id ? 0 : 1).ThenBy(id => atena[id], StringComparer.Ordinal)
            .Select(id => new HighCostMember(
                id == person.Id ? $"宛名番号 {atena[id]}（本人）" : $"宛名番号 {atena[id]}",
                taxes.TryGetValue(id, out var tax) ? ToFacts(tax) : null))
            .ToList();

        if (!highCostMasters.TryGetValue(baseDate, out var masters))
        {
            var loadedBrackets = await db.HighCostIncomeBrackets.AsNoTracking().ValidOn(baseDate).OrderBy(b => b.SortOrder).ToListAsync(cancellationToken).ConfigureAwait(false);
            var loadedDeduction = One(await db.IncomeDeductions.AsNoTracking().ValidOn(baseDate).ToListAsync(cancellationToken).ConfigureAwait(false), "所得判定の控除額", baseDate);
            masters = (loadedBrackets, loadedDeduction);
            highCostMasters[baseDate] = masters;
        }

        var (brackets, deduction) = masters;
        try
        {
            return HighCostCategory.Determine(members, deduction.HighCostBasicDeduction, brackets.Select(b => b.ToBracket()).ToList());
        }
        catch (InvalidOperationException exception)
        {
            throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"高額療養費の区分マスタが {baseDate:yyyy-MM-dd} に揃っていません。"), exception);
        }
    }

    /// <summary>
    /// Loads, for a batch of persons (the August renewal's parents and 扶養義務者), everything
    /// <see cref="DetermineAsync(string, int, DateOnly, string, bool, CancellationToken)"/> reads for
    /// <paramref name="taxYear"/> and <paramref name="baseDate"/>, in a fixed number of queries; the
    /// next determinations of these persons read from it. The caller must not change their tax rows,
    /// recipients, households or insurance until it prefetches again. Replaces the previous batch.
    /// </summary>
    public async Task PrefetchAsync(IReadOnlyCollection<long> personIds, int taxYear, DateOnly baseDate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(personIds);
        var ids = personIds.Distinct().ToList();
        var persons = await db.Persons.AsNoTracking().Where(p => EF.Parameter(ids).Contains(p.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var recipients = await db.Recipients.AsNoTracking().Where(r => EF.Parameter(ids).Contains(r.PersonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var carerIds = recipients.Where(r => r.Kind == RecipientKind.Carer).Select(r => r.Id).ToList();
        var orphanCarers = carerIds.Count == 0
            ? []
            : (await db.Recipients.AsNoTracking()
                .Where(r => r.ParentRecipientId != null && EF.Parameter(carerIds).Contains(r.ParentRecipientId.Value) && r.Kind == RecipientKind.Orphan)
                .Select(r => r.ParentRecipientId!.Value).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var obligors = (await db.HouseholdMembers.AsNoTracking()
            .Where(m => EF.Parameter(ids).Contains(m.PersonId) && m.RelationshipToRecipient == SupportObligorRelationship)
            .AsOf(baseDate).Select(m => m.PersonId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var declarations = (await db.ChildSupportDeclarations.AsNoTracking()
            .Where(d => EF.Parameter(ids).Contains(d.PersonId) && d.TaxYear == taxYear && d.SupersededAt == null).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(d => d.PersonId);
        var insurances = (await db.Insurances.AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.PersonId)).AsOf(baseDate).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(i => i.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(i => i.ValidFrom).First());

        // 国保 households: the persons of the same 住基 世帯 on the 基準日 insured by the same 国保 保険者.
        var national = insurances.Values.Where(i => i.InsuranceKind == InsuranceKind.National).ToDictionary(i => i.PersonId);
        var nationalIds = national.Keys.ToList();
        var householdOf = (await db.PersonRecords.AsNoTracking().Where(r => EF.Parameter(nationalIds).Contains(r.PersonId)).AsOf(baseDate)
                .Select(r => new { r.PersonId, r.HouseholdNumber }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.First().HouseholdNumber);
        var householdNumbers = householdOf.Values.OfType<string>().Where(h => h.Length > 0).Distinct().ToList();
        var sameHousehold = householdNumbers.Count == 0
            ? []
            : await db.PersonRecords.AsNoTracking().Where(r => r.HouseholdNumber != null && EF.Parameter(householdNumbers).Contains(r.HouseholdNumber)).AsOf(baseDate)
                .Select(r => new { r.PersonId, r.HouseholdNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var otherIds = sameHousehold.Select(r => r.PersonId).Distinct().ToList();
        var otherInsurances = otherIds.Count == 0
            ? []
            : await db.Insurances.AsNoTracking().Where(i => EF.Parameter(otherIds).Contains(i.PersonId) && i.InsuranceKind == InsuranceKind.National).AsOf(baseDate)
                .Select(i => new { i.PersonId, i.InsurerNumber }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var nationalHouseholds = new Dictionary<long, List<long>>();
        foreach (var (personId, insurance) in national)
        {
            if (householdOf.GetValueOrDefault(personId) is not { Length: > 0 } household)
            {
                continue;
            }

            var others = sameHousehold.Where(r => r.HouseholdNumber == household && r.PersonId != personId).Select(r => r.PersonId).ToHashSet();
            nationalHouseholds[personId] = otherInsurances.Where(i => others.Contains(i.PersonId) && i.InsurerNumber == insurance.InsurerNumber)
                .Select(i => i.PersonId).Distinct().ToList();
        }

        var allIds = ids.Concat(nationalHouseholds.Values.SelectMany(v => v)).Distinct().ToList();
        var atena = await db.Persons.AsNoTracking().Where(p => EF.Parameter(allIds).Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.AtenaNumber, cancellationToken).ConfigureAwait(false);
        var taxes = await db.TaxRecords.AsNoTracking().Where(t => EF.Parameter(allIds).Contains(t.PersonId) && t.TaxYear == taxYear).Current()
            .ToDictionaryAsync(t => t.PersonId, cancellationToken).ConfigureAwait(false);
        prefetched = new Prefetched(
            taxYear,
            baseDate,
            persons.ToDictionary(p => p.AtenaNumber, StringComparer.Ordinal),
            taxes,
            recipients.ToLookup(r => r.PersonId),
            orphanCarers,
            obligors,
            declarations,
            insurances,
            nationalHouseholds,
            atena);
    }

    private sealed record Prefetched(
        int TaxYear,
        DateOnly BaseDate,
        Dictionary<string, Person> PersonsByAtena,
        Dictionary<long, TaxRecord> Taxes,
        ILookup<long, Recipient> RecipientsByPerson,
        HashSet<long> OrphanCarers,
        HashSet<long> Obligors,
        Dictionary<long, ChildSupportDeclaration> Declarations,
        Dictionary<long, Insurance> Insurances,
        Dictionary<long, List<long>> NationalHouseholds,
        Dictionary<long, string> Atena);

    private static T One<T>(IEnumerable<T> rows, string master, DateOnly date)
    {
        var list = rows.ToList();
        return list.Count == 1
            ? list[0]
            : throw new MasterDataMissingException(string.Create(CultureInfo.InvariantCulture,
                $"{master}のマスタに {date:yyyy-MM-dd} に有効な行が {list.Count} 行あります（1行が必要です）。"));
    }

    private sealed record StepRow(
        [property: JsonPropertyName("項目")] string Item,
        [property: JsonPropertyName("金額")] long? Amount);
}
