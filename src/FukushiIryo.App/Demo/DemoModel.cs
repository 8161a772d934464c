using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.Demo;

/// <summary>What to generate: how many households, from which seed, as of which day.</summary>
/// <param name="Households">The number of households (1 … <see cref="MaxHouseholds"/>).</param>
/// <param name="Seed">Any integer: the same seed, count and date give the same population on every machine.</param>
/// <param name="ReferenceDate">"Today" for the population: ages, eligibility and the two 課税年度 are taken on this day.</param>
public sealed record DemoOptions(int Households, long Seed, DateOnly ReferenceDate)
{
    public const int DefaultHouseholds = 1_000;
    public const long DefaultSeed = 1;

    /// <summary>The largest count: 受給者番号 serials (6 digits) must not run out.</summary>
    public const int MaxHouseholds = 200_000;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Households, 1, nameof(Households));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Households, MaxHouseholds, nameof(Households));
        if (ReferenceDate.Year is < 2000 or > 2200)
        {
            throw new ArgumentOutOfRangeException(nameof(ReferenceDate), ReferenceDate, "The reference date must be between 2000 and 2200.");
        }
    }
}

/// <summary>The kind of a demo household.</summary>
public enum DemoHouseholdKind
{
    /// <summary>母子家庭: a single mother and her children.</summary>
    SingleMother = 1,

    /// <summary>父子家庭: a single father and his children.</summary>
    SingleFather = 2,

    /// <summary>父母のいない児童 raised by a grandparent without a spouse, who is a recipient (養育者).</summary>
    OrphansWithCarer = 3,

    /// <summary>父母のいない児童 raised by a grandparent couple: the carer has a spouse and is not a recipient; the children are.</summary>
    OrphansWithoutRecipientCarer = 4,
}

/// <summary>What a person is in the demo household.</summary>
public enum DemoRole
{
    /// <summary>The single parent (父母), a recipient.</summary>
    Parent = 1,

    /// <summary>The carer (養育者) of orphans, a recipient.</summary>
    Carer = 2,

    /// <summary>A child of the parent (児童), a recipient while under the 18歳年度末.</summary>
    Child = 3,

    /// <summary>A child with neither parent (父母のいない児童), a recipient.</summary>
    Orphan = 4,

    /// <summary>扶養義務者: a grandparent living in the household (income-tested).</summary>
    SupportObligor = 5,

    /// <summary>A partner in the 住基 household: 妻（未届）/夫（未届）(事実婚) or a new 夫/妻 (婚姻).</summary>
    Partner = 6,

    /// <summary>Another member: an adult child past the age limit.</summary>
    OtherMember = 7,
}

/// <summary>A health insurance of a demo person (医療保険関係情報).</summary>
public sealed record DemoInsurance(
    InsuranceKind Kind,
    string InsurerNumber,
    string InsurerName,
    InsuredRole InsuredRole,
    string InsuredName,
    string? CardSymbol,
    string CardNumber,
    string? CardSuffix,
    DateOnly AcquiredOn);

/// <summary>
/// A bank account (支払口座) in its 全銀 form. For ゆうちょ銀行 the passbook's 記号・番号 are kept too:
/// the 全銀 form was computed from them by <see cref="YuchoAccount"/>.
/// </summary>
public sealed record DemoBankAccount(
    string BankCode,
    string BankName,
    string BranchCode,
    string BranchName,
    AccountType AccountType,
    string AccountNumber,
    string AccountHolderKana,
    string? YuchoSymbol,
    string? YuchoNumber,
    DateOnly ValidFrom);

/// <summary>A 受給者 with its 資格 periods (<see cref="EligibilityRecord"/> rows, not yet stored).</summary>
public sealed class DemoRecipient
{
    internal DemoRecipient(DemoPerson person, RecipientKind kind, DemoRecipient? parent)
    {
        Person = person;
        Kind = kind;
        Parent = parent;
    }

    public DemoPerson Person { get; }

    /// <summary>受給者番号 (7 digits with the MHLW check digit), unique in the population.</summary>
    public string RecipientNumber { get; internal set; } = string.Empty;

    public RecipientKind Kind { get; }

    /// <summary>親受給者: the parent or carer a child's subsidy is paid to; null for parents, carers and orphans without a recipient carer.</summary>
    public DemoRecipient? Parent { get; }

    /// <summary>資格 over time: an 有効 period, followed by a 喪失 period when the recipient was lost.</summary>
    public IReadOnlyList<EligibilityRecord> Periods => PeriodList;

    public DateOnly AcquiredOn { get; internal set; }

    /// <summary>喪失日 (the first day not eligible), null while eligible.</summary>
    public DateOnly? LostOn { get; internal set; }

    public LossReason? LossReason { get; internal set; }

    public EligibilityStatus Status => LostOn is null ? EligibilityStatus.Active : EligibilityStatus.Lost;

    internal List<EligibilityRecord> PeriodList { get; } = [];
}

/// <summary>One person of a demo household: 宛名, insurance, account, contacts, memos, 受給者 and tax data.</summary>
public sealed class DemoPerson
{
    /// <summary>宛名番号: 10 digits with leading zeros (significant).</summary>
    public string AtenaNumber { get; internal set; } = string.Empty;

    /// <summary>氏名 (kanji, or the home-country name in Latin letters), with a full-width space.</summary>
    public string Name { get; internal set; } = string.Empty;

    /// <summary>氏名カナ in full-width katakana.</summary>
    public string NameKana { get; internal set; } = string.Empty;

    public bool UsesHomeCountryName { get; internal set; }

    public DateOnly BirthDate { get; internal set; }

    public Sex Sex { get; internal set; }

    public ResidencyStatus ResidencyStatus { get; internal set; } = ResidencyStatus.Registered;

    /// <summary>住基 世帯番号; null for 住登外.</summary>
    public string? HouseholdNumber { get; internal set; }

    /// <summary>住基上の続柄 (interfaces.md §1); null for 住登外.</summary>
    public string? RegistryRelationship { get; internal set; }

    /// <summary>郵便番号 (7 digits): 奈良市 for residents, elsewhere in 奈良県 for 住登外.</summary>
    public string PostalCode { get; internal set; } = string.Empty;

    public string Address { get; internal set; } = string.Empty;

    /// <summary>The day from which the 宛名 record holds (moving in, or birth).</summary>
    public DateOnly RecordFrom { get; internal set; }

    public DemoRole Role { get; internal set; }

    /// <summary>本人（子ども）から見た続柄 in the welfare household (母, 父, 祖母, 本人 …).</summary>
    public string? RelationshipToChild { get; internal set; }

    /// <summary>受給者との関係 in the welfare household (本人, 子, 孫, 扶養義務者); null = not a member.</summary>
    public string? RelationshipToRecipient { get; internal set; }

    /// <summary>Member of the welfare household from this day; null = not a member.</summary>
    public DateOnly? MemberFrom { get; internal set; }

    public DemoInsurance? Insurance { get; internal set; }

    public DemoBankAccount? BankAccount { get; internal set; }

    public IReadOnlyList<string> PhoneNumbers => PhoneList;

    public IReadOnlyList<string> Memos => MemoList;

    public DemoRecipient? Recipient { get; internal set; }

    /// <summary>地方税関係情報 of the two 課税年度 (not yet stored: PersonId 0).</summary>
    public IReadOnlyList<TaxRecord> TaxRecords => TaxList;

    internal List<string> PhoneList { get; } = [];

    internal List<string> MemoList { get; } = [];

    internal List<TaxRecord> TaxList { get; } = [];

    /// <summary>The kind of income the generator gave the person (for the tax records and the insurance).</summary>
    internal DemoIncomeProfile IncomeProfile { get; set; }

    /// <summary>Private sector employee (for the insurance): salaried enough for 社会保険.</summary>
    internal bool IsEmployee => IncomeProfile is DemoIncomeProfile.Regular or DemoIncomeProfile.High;
}

/// <summary>One demo household: the 住基 世帯 and the welfare household (福祉世帯) in one.</summary>
public sealed class DemoHousehold
{
    internal DemoHousehold(int index, DemoHouseholdKind kind, string scenario)
    {
        Index = index;
        Kind = kind;
        Scenario = scenario;
    }

    /// <summary>0-based position in the population.</summary>
    public int Index { get; }

    /// <summary>住基 世帯番号 (10 digits).</summary>
    public string HouseholdNumber { get; internal set; } = string.Empty;

    public DemoHouseholdKind Kind { get; }

    /// <summary>A short Japanese description of what the household exercises (for staff trying the demo).</summary>
    public string Scenario { get; }

    public IReadOnlyList<DemoPerson> Members => MemberList;

    internal List<DemoPerson> MemberList { get; } = [];

    internal DemoTown Town { get; set; } = null!;
}

/// <summary>A row of the residents file (interfaces.md §1).</summary>
public sealed record DemoResidentRow(
    string AtenaNumber,
    string? HouseholdNumber,
    string Name,
    string NameKana,
    DateOnly BirthDate,
    Sex Sex,
    string? RegistryRelationship,
    string PostalCode,
    string Address,
    ResidencyStatus ResidencyStatus,
    string? EventReason,
    DateOnly? EventDate,
    DateOnly? NotifiedOn)
{
    /// <summary>The current-state row of a person (no 異動事由).</summary>
    public static DemoResidentRow Of(DemoPerson person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return new DemoResidentRow(
            person.AtenaNumber,
            person.HouseholdNumber,
            person.Name,
            person.NameKana,
            person.BirthDate,
            person.Sex,
            person.RegistryRelationship,
            person.PostalCode,
            person.Address,
            person.ResidencyStatus,
            null,
            null,
            null);
    }
}

/// <summary>A generated population: the households, and the 住基 changes that follow it.</summary>
public sealed class DemoPopulation
{
    internal DemoPopulation(DemoOptions options, IReadOnlyList<DemoHousehold> households, IReadOnlyList<DemoResidentRow> changes, long longTermSelfPayLimit)
    {
        LongTermSelfPayLimit = longTermSelfPayLimit;
        Options = options;
        Households = households;
        Changes = changes;
        Persons = households.SelectMany(h => h.Members).ToList();
        Recipients = Persons.Where(p => p.Recipient is not null).Select(p => p.Recipient!).ToList();
        TaxRecordCount = Persons.Sum(p => p.TaxRecords.Count);
    }

    public DemoOptions Options { get; }

    public IReadOnlyList<DemoHousehold> Households { get; }

    /// <summary>Every person, household by household.</summary>
    public IReadOnlyList<DemoPerson> Persons { get; }

    /// <summary>Every 受給者, current and lost.</summary>
    public IReadOnlyList<DemoRecipient> Recipients { get; }

    public int TaxRecordCount { get; }

    /// <summary>The 長期 self-pay limit the demo claim files charge (<see cref="DemoReferenceData.LongTermSelfPayLimit"/>).</summary>
    public long LongTermSelfPayLimit { get; }

    /// <summary>
    /// 住基 異動 after the reference state, for residents-changes.csv: a move (転居), a death (死亡), a
    /// 妻（未届）/夫（未届） moving into a recipient household (転入) and a birth (出生).
    /// </summary>
    public IReadOnlyList<DemoResidentRow> Changes { get; }
}

/// <summary>The kind of income a generated adult has.</summary>
internal enum DemoIncomeProfile
{
    None = 0,
    PartTime = 1,
    Regular = 2,
    High = 3,
    SelfEmployed = 4,
    Pension = 5,
    PensionAndWork = 6,
}
