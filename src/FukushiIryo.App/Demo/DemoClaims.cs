using System.Globalization;
using System.Text;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Review;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Uke;

namespace FukushiIryo.App.Demo;

/// <summary>A doubtful case planted in the demo claim files (docs/demo.md says which file holds which).</summary>
public enum DemoClaimCase
{
    /// <summary>An ordinary claim: expected 照合済 and 可.</summary>
    None = 0,

    /// <summary>A person who is not a recipient: a 受給者番号 that names nobody, a name and birth date of nobody (照合不能).</summary>
    UnknownPerson,

    /// <summary>A recipient child whose 受給者番号 was mistyped and whose new insurance card is not registered yet: kana + birth date only (要確認).</summary>
    WeakMatch,

    /// <summary>A recipient lost before the 診療月 (資格期間外).</summary>
    OutsideEligibility,

    /// <summary>The original of <see cref="Resent"/>, in the month before: an ordinary claim.</summary>
    ResentOriginal,

    /// <summary>A claim of the month before sent again, unchanged (重複請求).</summary>
    Resent,

    /// <summary>A 保険者番号 other than the recipient's registered insurance (保険者不一致).</summary>
    WrongInsurer,

    /// <summary>A 診療月 after the 処理年月 (診療月が未来).</summary>
    FutureServiceMonth,

    /// <summary>A 医療機関コード whose check digit is wrong (医療機関コード不正).</summary>
    MalformedProviderCode,

    /// <summary>A recipient lost when 生活保護 began, treated after it (生活保護期間中, 資格期間外).</summary>
    PublicAssistance,

    /// <summary>長期 (特定疾病療養受療証): the counter charged the 長期 limit, less than the computed self-pay.</summary>
    LongTerm,

    /// <summary>入院 of fewer than 14 days (the 一部負担金 of D1 is then the lower one).</summary>
    ShortInpatient,
}

/// <summary>A made-up provider of the demo claims: a valid 医療機関コード of 奈良市 (郡市区番号 01) for its 点数表.</summary>
public sealed record DemoProvider(string Code, string Name, MedicalClaimSchedule Schedule, bool Hospital);

/// <summary>One claim of the demo claim files: an autopay row or a UKE receipt (RE, HO, KO), as written.</summary>
public sealed class DemoClaim
{
    public DemoClaimCase Case { get; init; }

    public YearMonth ProcessingMonth { get; init; }

    public YearMonth ServiceMonth { get; init; }

    public required DemoProvider Provider { get; init; }

    /// <summary>The 医療機関コード written (the provider's, or a broken one for <see cref="DemoClaimCase.MalformedProviderCode"/>).</summary>
    public required string ProviderCode { get; init; }

    /// <summary>The recipient the claim is about, or null (a person who is not a recipient).</summary>
    public DemoRecipient? Recipient { get; init; }

    public required string PayerNumber { get; init; }

    public required string RecipientNumber { get; init; }

    /// <summary>保険者番号: 6 digits (国保) or 8.</summary>
    public required string InsurerNumber { get; init; }

    public string? CardSymbol { get; init; }

    public string CardNumber { get; init; } = string.Empty;

    public InsuredRole InsuredRole { get; init; } = InsuredRole.Insured;

    public required string Name { get; init; }

    public required string KanaName { get; init; }

    public Sex Sex { get; init; }

    public DateOnly BirthDate { get; init; }

    public bool Inpatient { get; init; }

    public int InsurerShareRate { get; init; }

    public int DaysOfCare { get; init; }

    public long Points { get; init; }

    /// <summary>窓口負担額 in yen.</summary>
    public long PatientShare { get; init; }

    public int MealCount { get; init; }

    /// <summary>食事療養額 in yen.</summary>
    public long MealAmount { get; init; }

    public bool LongTerm { get; init; }

    /// <summary>現物給付: billed by the provider through 国保連 (the UKE file), not paid to the recipient (the autopay file).</summary>
    public bool InKind { get; init; }

    /// <summary>The physical line of the row (autopay) or of the RE record (UKE), set when the file is written.</summary>
    public long Line { get; internal set; }
}

/// <summary>One claim file of the demo: an autopay CSV or a UKE file of one 処理年月.</summary>
public sealed record DemoClaimFile(string FileName, YearMonth ProcessingMonth, MedicalClaimFileFormat Format, IReadOnlyList<DemoClaim> Claims);

/// <summary>
/// Claim files for the demo population's last three 処理年月 (the three months before the reference
/// date's month): an autopay CSV (interfaces.md §5) of the parents and carers paid by 自動償還, and a
/// UKE file from 国保連 of the children under 現物給付 (医科, our KO), one IR … GO per provider.
/// Ordinary claims are drawn for recipients eligible the whole 診療月 (the month before the 処理年月),
/// with the 給付割合 of their age and the self-pay of the counter rule, so that they come out 照合済
/// and 可; the doubtful cases of <see cref="DemoClaimCase"/> are written after them in the last month
/// (the original of the resent claim in the month before). Deterministic: a random stream of its own
/// per month, drawn from the seed.
/// </summary>
public static class DemoClaims
{
    /// <summary>The random streams of the claim months (far from the households' streams 0 … N − 1).</summary>
    private const long StreamBase = 0x434C41494D0000; // "CLAIM"

    /// <summary>食事療養 標準負担額 per meal of the demo inpatient claims (a demo figure drawn into the files, not a rule).</summary>
    private const long DemoMealCharge = 510;

    /// <summary>The first of the 受給者番号 serials no demo recipient has (the demo numbers them from 100001).</summary>
    private const int UnassignedSerial = 999_900;

    /// <summary>The made-up providers: 医科 clinics and a hospital, 歯科, 調剤 薬局 (names fictitious).</summary>
    public static IReadOnlyList<DemoProvider> Providers { get; } =
    [
        Provider("0110", "ならまちこどもクリニック（デモ）", MedicalClaimSchedule.Medical),
        Provider("0121", "西大寺内科医院（デモ）", MedicalClaimSchedule.Medical),
        Provider("0135", "学園前ファミリークリニック（デモ）", MedicalClaimSchedule.Medical),
        Provider("0147", "富雄耳鼻咽喉科（デモ）", MedicalClaimSchedule.Medical),
        Provider("0152", "登美ヶ丘皮膚科（デモ）", MedicalClaimSchedule.Medical),
        Provider("0163", "あやめ池眼科（デモ）", MedicalClaimSchedule.Medical),
        Provider("0208", "奈良デモ総合病院", MedicalClaimSchedule.Medical, hospital: true),
        Provider("0311", "佐保川歯科（デモ）", MedicalClaimSchedule.Dental),
        Provider("0324", "高の原デンタルクリニック（デモ）", MedicalClaimSchedule.Dental),
        Provider("0412", "さくら薬局 奈良駅前店（デモ）", MedicalClaimSchedule.Pharmacy),
        Provider("0425", "やまと調剤薬局（デモ）", MedicalClaimSchedule.Pharmacy),
    ];

    /// <summary>The three 処理年月 before the reference date's month, oldest first.</summary>
    public static IReadOnlyList<YearMonth> ProcessingMonths(DateOnly referenceDate)
    {
        var current = YearMonth.Of(referenceDate);
        return [current.AddMonths(-3), current.AddMonths(-2), current.AddMonths(-1)];
    }

    /// <summary>The autopay file name of a 処理年月: <c>autopay-2026-10.csv</c>.</summary>
    public static string AutopayFileName(YearMonth month) => $"autopay-{month}.csv";

    /// <summary>The UKE file name of a 処理年月: <c>uke-2026-10.UKE</c>.</summary>
    public static string UkeFileName(YearMonth month) => $"uke-{month}.UKE";

    /// <summary>The claim files of <paramref name="population"/>, month by month (autopay, then UKE).</summary>
    public static IReadOnlyList<DemoClaimFile> Build(DemoPopulation population)
    {
        ArgumentNullException.ThrowIfNull(population);
        var months = ProcessingMonths(population.Options.ReferenceDate);
        var cases = Cases(population, months);
        var seen = new HashSet<(DemoRecipient, string, YearMonth, bool, MedicalClaimSchedule)>();
        foreach (var planted in cases)
        {
            if (planted.Recipient is { } recipient)
            {
                seen.Add((recipient, planted.ProviderCode, planted.ServiceMonth, planted.Inpatient, planted.Provider.Schedule));
            }
        }

        var files = new List<DemoClaimFile>();
        for (var m = 0; m < months.Count; m++)
        {
            var month = months[m];
            var service = month.AddMonths(-1);
            var autopay = new List<DemoClaim>();
            var uke = new List<DemoClaim>();
            var planted = cases.Where(c => c.ProcessingMonth == month).ToList();
            var busy = planted.Select(c => c.Recipient).OfType<DemoRecipient>().ToHashSet(ReferenceEqualityComparer.Instance);
            for (var index = 0; index < population.Recipients.Count; index++)
            {
                // A stream per recipient and month: one recipient's claims do not shift the next one's.
                var recipient = population.Recipients[index];
                var draw = DemoRandom.ForStream(population.Options.Seed, StreamBase + ((long)m << 24) + index);
                if (busy.Contains(recipient) || BillingOf(recipient, service) is not { } billing)
                {
                    continue;
                }

                var child = recipient.Kind is RecipientKind.Child or RecipientKind.Orphan;
                var claims = draw.Chance(child ? 450 : 300) ? (draw.Chance(200) ? 2 : 1) : 0;
                for (var i = 0; i < claims; i++)
                {
                    var claim = Ordinary(draw, recipient, billing, month, service);
                    if (seen.Add((recipient, claim.ProviderCode, claim.ServiceMonth, claim.Inpatient, claim.Provider.Schedule)))
                    {
                        (claim.InKind ? uke : autopay).Add(claim);
                    }
                }
            }

            foreach (var claim in planted)
            {
                (claim.InKind ? uke : autopay).Add(claim);
            }

            files.Add(new DemoClaimFile(AutopayFileName(month), month, MedicalClaimFileFormat.Autopay, autopay));
            files.Add(new DemoClaimFile(UkeFileName(month), month, MedicalClaimFileFormat.Uke, uke));
        }

        return files;
    }

    /// <summary>How a recipient's claims of <paramref name="service"/> are billed: null when none can be (not eligible the whole month, no insurance, no 公費負担者番号, 償還払い).</summary>
    private static Billing? BillingOf(DemoRecipient recipient, YearMonth service)
    {
        var insurance = recipient.Person.Insurance;
        var active = recipient.Periods.FirstOrDefault(p => p.Status == EligibilityStatus.Active);
        if (insurance is null || active?.PayerNumber is not { } payer || active.BenefitMethod is not (BenefitMethod.InKind or BenefitMethod.AutoReimbursement)
            || recipient.AcquiredOn > service.FirstDay || recipient.LostOn is { } lost && lost <= service.LastDay
            || insurance.AcquiredOn > service.FirstDay || recipient.Person.BirthDate > service.FirstDay)
        {
            return null;
        }

        return new Billing(active.BenefitMethod.Value, payer, insurance);
    }

    private static DemoClaim Ordinary(DemoRandom random, DemoRecipient recipient, Billing billing, YearMonth month, YearMonth service)
    {
        // Children under 現物給付 come in the UKE file, which the demo writes for 医科 only.
        var schedule = billing.Method == BenefitMethod.InKind
            ? MedicalClaimSchedule.Medical
            : random.Weighted<MedicalClaimSchedule>([(MedicalClaimSchedule.Medical, 700), (MedicalClaimSchedule.Dental, 150), (MedicalClaimSchedule.Pharmacy, 150)]);
        var inpatient = schedule == MedicalClaimSchedule.Medical && random.Chance(15);
        var provider = inpatient
            ? Providers.Single(p => p.Hospital)
            : random.Pick(Providers.Where(p => p.Schedule == schedule).ToList());
        var (days, points) = (schedule, inpatient) switch
        {
            (_, true) => (random.Between(3, 20), random.Between(6_000L, 40_000L)),
            (MedicalClaimSchedule.Dental, _) => (random.Between(1, 3), random.Between(150L, 1_200L)),
            (MedicalClaimSchedule.Pharmacy, _) => (random.Between(1, 2), random.Between(80L, 1_200L)),
            _ => (random.Between(1, 3), random.Between(120L, 2_500L)),
        };
        return Claim(DemoClaimCase.None, recipient, billing, provider, month, service, inpatient, days, points);
    }

    private static DemoClaim Claim(
        DemoClaimCase planted, DemoRecipient recipient, Billing billing, DemoProvider provider, YearMonth month, YearMonth service,
        bool inpatient, int days, long points, string? insurerNumber = null, string? recipientNumber = null, string? providerCode = null,
        string? cardNumber = null, long? patientShare = null, bool longTerm = false)
    {
        var person = recipient.Person;
        var rate = ReviewRules.AllowedInsurerShareRates(person.BirthDate, service)[0];
        var meals = inpatient ? days * 3 : 0;
        return new DemoClaim
        {
            Case = planted,
            ProcessingMonth = month,
            ServiceMonth = service,
            Provider = provider,
            ProviderCode = providerCode ?? provider.Code,
            Recipient = recipient,
            PayerNumber = billing.Payer,
            RecipientNumber = recipientNumber ?? recipient.RecipientNumber,
            InsurerNumber = insurerNumber ?? billing.Insurance.InsurerNumber,
            CardSymbol = billing.Insurance.CardSymbol,
            CardNumber = cardNumber ?? billing.Insurance.CardNumber,
            InsuredRole = billing.Insurance.InsuredRole,
            Name = person.Name,
            KanaName = person.NameKana,
            Sex = person.Sex,
            BirthDate = person.BirthDate,
            Inpatient = inpatient,
            InsurerShareRate = rate,
            DaysOfCare = days,
            Points = points,
            PatientShare = patientShare ?? CounterRounding.SelfPay(points * 10, rate),
            MealCount = meals,
            MealAmount = meals * DemoMealCharge,
            LongTerm = longTerm,
            InKind = billing.Method == BenefitMethod.InKind,
        };
    }

    /// <summary>
    /// The doubtful cases: each takes the first recipient of the population (the showcase households
    /// come first) that fits it and is not taken by another case. A case none fits is left out.
    /// </summary>
    private static List<DemoClaim> Cases(DemoPopulation population, IReadOnlyList<YearMonth> months)
    {
        var last = months[^1];
        var service = last.AddMonths(-1);
        var before = months[^2];
        var taken = new HashSet<DemoRecipient>(ReferenceEqualityComparer.Instance);
        var clinic = Providers[1];
        var cases = new List<DemoClaim>();
        var autopayPayer = population.Recipients.SelectMany(r => r.Periods)
            .FirstOrDefault(p => p.BenefitMethod == BenefitMethod.AutoReimbursement && p.PayerNumber is not null)?.PayerNumber;

        DemoRecipient? Take(Func<DemoRecipient, bool> fits)
        {
            var found = population.Recipients.FirstOrDefault(r => !taken.Contains(r) && fits(r));
            if (found is not null)
            {
                taken.Add(found);
            }

            return found;
        }

        bool Paid(DemoRecipient r, BenefitMethod method, YearMonth month) => BillingOf(r, month) is { } b && b.Method == method;
        bool Parent(DemoRecipient r) => r.Kind is RecipientKind.Parent or RecipientKind.Carer;

        // A recipient lost before the 診療月 (not for 生活保護), billed as before: its last active row's payer and its insurance.
        DemoRecipient? Lost(Func<DemoRecipient, bool> fits) => Take(r => Parent(r) && r.LostOn is { } lost && lost <= service.FirstDay
            && r.AcquiredOn < lost && r.Person.Insurance is { } insurance && insurance.AcquiredOn <= service.FirstDay
            && r.Periods.Any(p => p.Status == EligibilityStatus.Active && p.BenefitMethod == BenefitMethod.AutoReimbursement && p.PayerNumber is not null)
            && fits(r));

        Billing Former(DemoRecipient r)
        {
            var active = r.Periods.First(p => p.Status == EligibilityStatus.Active);
            return new Billing(active.BenefitMethod!.Value, active.PayerNumber!, r.Person.Insurance!);
        }

        // 1. 照合不能: a 受給者番号 that names nobody, and a name and birth date no one in the 台帳 has.
        if (autopayPayer is not null && population.Recipients.FirstOrDefault(r => Parent(r) && r.Person.Insurance is not null) is { } model)
        {
            var birth = new DateOnly(1986, 6, 15);
            while (population.Persons.Any(p => p.BirthDate == birth))
            {
                birth = birth.AddDays(1);
            }

            var stranger = new DemoRecipient(new DemoPerson { Name = "未登　録子", NameKana = "ミトウ　ロクコ", BirthDate = birth, Sex = Sex.Female }, RecipientKind.Parent, null);
            var billing = new Billing(BenefitMethod.AutoReimbursement, autopayPayer, model.Person.Insurance!);
            var claim = Claim(DemoClaimCase.UnknownPerson, stranger, billing, clinic, last, service, false, 1, 420,
                recipientNumber: Domain.Numbers.RecipientNumber.FromSerial(UnassignedSerial).ToString());
            cases.Add(Strip(claim));
        }

        // 2. 要確認 (weak match): a child under 現物給付 whose KO 受給者番号 is mistyped and whose new card is not registered.
        if (Take(r => !Parent(r) && Paid(r, BenefitMethod.InKind, service)) is { } weak)
        {
            cases.Add(Claim(DemoClaimCase.WeakMatch, weak, BillingOf(weak, service)!, Providers[0], last, service, false, 2, 380,
                insurerNumber: OtherInsurer(weak), recipientNumber: Domain.Numbers.RecipientNumber.FromSerial(UnassignedSerial + 1).ToString(), cardNumber: "98765"));
        }

        // 3. 資格期間外: a parent lost before the 診療月.
        if (Lost(r => r.LossReason != LossReason.PublicAssistance) is { } lostParent)
        {
            cases.Add(Claim(DemoClaimCase.OutsideEligibility, lostParent, Former(lostParent), clinic, last, service, false, 1, 560));
        }

        // 4. 重複請求: an ordinary claim of the month before, sent again unchanged in the last month.
        if (Take(r => Parent(r) && Paid(r, BenefitMethod.AutoReimbursement, before.AddMonths(-1)) && Paid(r, BenefitMethod.AutoReimbursement, service)) is { } twice)
        {
            var original = Claim(DemoClaimCase.ResentOriginal, twice, BillingOf(twice, before.AddMonths(-1))!, Providers[2], before, before.AddMonths(-1), false, 2, 910);
            cases.Add(original);
            cases.Add(Copy(original, DemoClaimCase.Resent, last));
        }

        // 5. 保険者不一致: the 保険者番号 of an insurance the recipient does not have.
        if (Take(r => Parent(r) && Paid(r, BenefitMethod.AutoReimbursement, service)) is { } insured)
        {
            cases.Add(Claim(DemoClaimCase.WrongInsurer, insured, BillingOf(insured, service)!, clinic, last, service, false, 1, 730, insurerNumber: OtherInsurer(insured)));
        }

        // 6. 診療月が未来: the 診療月 after the 処理年月.
        if (Take(r => Parent(r) && r.LostOn is null && Paid(r, BenefitMethod.AutoReimbursement, service)) is { } early)
        {
            cases.Add(Claim(DemoClaimCase.FutureServiceMonth, early, BillingOf(early, service)!, clinic, last, last.AddMonths(1), false, 1, 300));
        }

        // 7. 医療機関コード不正: the check digit of the clinic's code changed.
        if (Take(r => Parent(r) && Paid(r, BenefitMethod.AutoReimbursement, service)) is { } miswritten)
        {
            var code = clinic.Code[..6] + (char)('0' + ((clinic.Code[6] - '0' + 1) % 10));
            cases.Add(Claim(DemoClaimCase.MalformedProviderCode, miswritten, BillingOf(miswritten, service)!, clinic, last, service, false, 1, 450, providerCode: code));
        }

        // 8. 生活保護: a parent lost when 生活保護 began, treated after it.
        if (Lost(r => r.LossReason == LossReason.PublicAssistance) is { } assisted)
        {
            cases.Add(Claim(DemoClaimCase.PublicAssistance, assisted, Former(assisted), clinic, last, service, false, 1, 640));
        }

        // 9. 長期: a large outpatient claim; the counter charged the 長期 limit.
        if (Take(r => Parent(r) && Paid(r, BenefitMethod.AutoReimbursement, service)) is { } longTerm)
        {
            cases.Add(Claim(DemoClaimCase.LongTerm, longTerm, BillingOf(longTerm, service)!, Providers.Single(p => p.Hospital), last, service, false, 4, 12_480,
                patientShare: population.LongTermSelfPayLimit, longTerm: true));
        }

        // 10. 入院 under 14 days: a child under 現物給付 in hospital for 6 days.
        if (Take(r => !Parent(r) && Paid(r, BenefitMethod.InKind, service)) is { } inpatient)
        {
            cases.Add(Claim(DemoClaimCase.ShortInpatient, inpatient, BillingOf(inpatient, service)!, Providers.Single(p => p.Hospital), last, service, true, 6, 18_640));
        }

        return cases;
    }

    /// <summary>The autopay columns (interfaces.md §5) the demo writes.</summary>
    public static IReadOnlyList<string> AutopayHeader { get; } =
        ["負担者番号", "受給者番号", "保険者番号", "氏名カナ", "生年月日", "診療年月", "医療機関コード", "医療機関名", "点数表", "入外区分", "給付割合", "実日数", "点数", "医療費", "窓口負担額", "食事療養額", "高額療養費", "附加給付", "長期"];

    /// <summary>
    /// An autopay file (UTF-8 with BOM is the caller's; RFC 4180, CRLF): the header, then one row per
    /// claim; sets each claim's <see cref="DemoClaim.Line"/>. 高額療養費 is left empty (unknown, D5) for
    /// 入院 and 0 otherwise; 附加給付 is 0.
    /// </summary>
    public static void WriteAutopay(TextWriter writer, IEnumerable<DemoClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(claims);
        DemoFiles.WriteRecord(writer, AutopayHeader);
        var fields = new string[AutopayHeader.Count];
        long line = 1;
        foreach (var claim in claims)
        {
            claim.Line = ++line;
            fields[0] = claim.PayerNumber;
            fields[1] = claim.RecipientNumber;
            fields[2] = claim.InsurerNumber;
            fields[3] = claim.KanaName;
            fields[4] = claim.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            fields[5] = claim.ServiceMonth.ToString();
            fields[6] = claim.ProviderCode;
            fields[7] = claim.Provider.Name;
            fields[8] = claim.Provider.Schedule switch
            {
                MedicalClaimSchedule.Dental => "歯科",
                MedicalClaimSchedule.Pharmacy => "調剤",
                _ => "医科",
            };
            fields[9] = claim.Inpatient ? "入院" : "外来";
            fields[10] = Text(claim.InsurerShareRate);
            fields[11] = Text(claim.DaysOfCare);
            fields[12] = Text(claim.Points);
            fields[13] = string.Empty;
            fields[14] = Text(claim.PatientShare);
            fields[15] = Text(claim.MealAmount);
            fields[16] = claim.Inpatient ? string.Empty : "0";
            fields[17] = "0";
            fields[18] = claim.LongTerm ? "1" : "0";
            DemoFiles.WriteRecord(writer, fields);
        }
    }

    /// <summary>
    /// A UKE file of 医科 claims (formats.md §1; CP932, CRLF through <see cref="UkeWriter"/>): for each
    /// provider in order of first appearance an IR, its claims (RE, HO, KO) and a GO with the counts;
    /// sets each claim's <see cref="DemoClaim.Line"/> (its RE). Characters outside CP932 in a name are
    /// written as 〓, as providers' systems do.
    /// </summary>
    public static void WriteUke(Stream stream, IEnumerable<DemoClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(claims);
        using var writer = new UkeWriter(stream, leaveOpen: true);
        var re = new string[38];
        foreach (var group in claims.GroupBy(c => (c.ProviderCode, c.Provider.Name)))
        {
            var billing = group.First().ProcessingMonth;
            writer.Write("IR", "2", "29", "1", group.Key.ProviderCode, string.Empty, group.Key.Name, Month(billing), "00", "0742-00-0000");
            int number = 0;
            long points = 0;
            foreach (var claim in group)
            {
                Array.Fill(re, string.Empty);
                var preschool = claim.InsurerShareRate == 80 && claim.BirthDate.AddYears(7) > claim.ServiceMonth.FirstDay;
                var patient = (preschool, claim.InsuredRole) switch
                {
                    (true, _) => 3,
                    (_, InsuredRole.Insured) => 1,
                    _ => 5,
                } + (claim.Inpatient ? 0 : 1);
                (re[0], re[1], re[2], re[3], re[4], re[5], re[6], re[7], re[36]) =
                    ("RE", Text(++number), "112" + Text(patient), Month(claim.ServiceMonth), Cp932Safe(claim.Name),
                        claim.Sex is Sex.Male or Sex.Female ? Text((int)claim.Sex) : string.Empty,
                        claim.BirthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture), Text(claim.InsurerShareRate), claim.KanaName);
                writer.Write(re);
                claim.Line = writer.Lines;
                var insurer = claim.InsurerNumber.Length == InsurerNumber.NationalHealthInsuranceLength ? "  " + claim.InsurerNumber : claim.InsurerNumber;
                writer.Write(
                    "HO", insurer, claim.CardSymbol ?? string.Empty, claim.CardNumber, Text(claim.DaysOfCare), Text(claim.Points), string.Empty,
                    claim.Inpatient ? Text(claim.MealCount) : string.Empty, claim.Inpatient ? Text(claim.MealAmount) : string.Empty,
                    string.Empty, string.Empty, Text(claim.PatientShare), string.Empty, string.Empty, string.Empty);
                writer.Write("KO", claim.PayerNumber, claim.RecipientNumber, string.Empty, Text(claim.DaysOfCare), Text(claim.Points),
                    string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
                points += claim.Points;
            }

            writer.Write("GO", Text(2 * number), Text(points), "99");
        }

        writer.Flush();
    }

    private static readonly Dictionary<string, string> SafeNames = new(StringComparer.Ordinal);

    /// <summary><paramref name="text"/> with each character CP932 cannot hold replaced by 〓 (ゲタ).</summary>
    internal static string Cp932Safe(string text)
    {
        lock (SafeNames)
        {
            if (SafeNames.TryGetValue(text, out var known))
            {
                return known;
            }

            var builder = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                var piece = rune.ToString();
                try
                {
                    InputEncoding.StrictCp932.GetByteCount(piece);
                    builder.Append(piece);
                }
                catch (EncoderFallbackException)
                {
                    builder.Append('〓');
                }
            }

            return SafeNames[text] = builder.ToString();
        }
    }

    private static string Month(YearMonth month) => string.Create(CultureInfo.InvariantCulture, $"{month.Year:D4}{month.Month:D2}");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>What a case is and what the import and the 審査 make of it (Japanese, for the operator; docs/demo.md).</summary>
    public static (string Case, string Expected) Describe(DemoClaimCase planted) => planted switch
    {
        DemoClaimCase.UnknownPerson => ("受給者でない人（台帳にない受給者番号・氏名・生年月日）", "照合不能 → 要確認（R00 受給者未照合）"),
        DemoClaimCase.WeakMatch => ("受給者番号の誤記と未登録の新しい保険証: 氏名カナと生年月日だけが一致", "突合 要確認（候補あり）→ 要確認（R00）。照合の訂正で受給者番号を指定する"),
        DemoClaimCase.OutsideEligibility => ("診療月の前に資格を喪失した受給者", "照合済 → 否（R01 資格期間外）"),
        DemoClaimCase.ResentOriginal => ("翌月に再送される請求の原本", "照合済 → 可"),
        DemoClaimCase.Resent => ("前月のファイルと同じ請求の再送", "照合済 → 否（R02 重複請求）"),
        DemoClaimCase.WrongInsurer => ("登録された保険と違う保険者番号", "照合済 → 要確認（R04 保険者不一致）"),
        DemoClaimCase.FutureServiceMonth => ("処理年月より後の診療月", "照合済 → 否（R07 診療月が未来）"),
        DemoClaimCase.MalformedProviderCode => ("検証番号の合わない医療機関コード", "取込の警告、照合済 → 要確認（R09 医療機関コード不正）"),
        DemoClaimCase.PublicAssistance => ("生活保護開始で喪失した受給者の、開始後の受診", "照合済 → 否（R01 資格期間外、R05 生活保護期間中）"),
        DemoClaimCase.LongTerm => ("長期（特定疾病療養受療証）: 窓口負担は長期の上限額", "照合済 → 可（R10 は長期の減額を問わない）"),
        DemoClaimCase.ShortInpatient => ("入院（実日数 14 日未満: 一部負担金は D1 の低い額）", "照合済 → 可"),
        _ => ("通常の請求", "照合済 → 可"),
    };

    /// <summary>The guide to the planted cases (claims-cases.txt): 処理年月, file, line, case, expected outcome.</summary>
    public static void WriteGuide(TextWriter writer, IReadOnlyList<DemoClaimFile> files)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(files);
        DemoFiles.WriteRecord(writer, ["処理年月", "ファイル", "行", "受給者番号", "事例", "期待される結果"]);
        foreach (var file in files)
        {
            foreach (var claim in file.Claims.Where(c => c.Case != DemoClaimCase.None).OrderBy(c => c.Line))
            {
                var (text, expected) = Describe(claim.Case);
                DemoFiles.WriteRecord(writer, [file.ProcessingMonth.ToString(), file.FileName, Text(claim.Line), claim.RecipientNumber, text, expected]);
            }
        }
    }

    /// <summary>The claim as read from a file: no link to a demo recipient (the stranger is nobody).</summary>
    private static DemoClaim Strip(DemoClaim claim) => new()
    {
        Case = claim.Case,
        ProcessingMonth = claim.ProcessingMonth,
        ServiceMonth = claim.ServiceMonth,
        Provider = claim.Provider,
        ProviderCode = claim.ProviderCode,
        PayerNumber = claim.PayerNumber,
        RecipientNumber = claim.RecipientNumber,
        InsurerNumber = claim.InsurerNumber,
        CardSymbol = claim.CardSymbol,
        CardNumber = claim.CardNumber,
        InsuredRole = claim.InsuredRole,
        Name = claim.Name,
        KanaName = claim.KanaName,
        Sex = claim.Sex,
        BirthDate = claim.BirthDate,
        Inpatient = claim.Inpatient,
        InsurerShareRate = claim.InsurerShareRate,
        DaysOfCare = claim.DaysOfCare,
        Points = claim.Points,
        PatientShare = claim.PatientShare,
        MealCount = claim.MealCount,
        MealAmount = claim.MealAmount,
        LongTerm = claim.LongTerm,
        InKind = claim.InKind,
    };

    private static DemoClaim Copy(DemoClaim claim, DemoClaimCase planted, YearMonth month) => new()
    {
        Case = planted,
        ProcessingMonth = month,
        ServiceMonth = claim.ServiceMonth,
        Provider = claim.Provider,
        ProviderCode = claim.ProviderCode,
        Recipient = claim.Recipient,
        PayerNumber = claim.PayerNumber,
        RecipientNumber = claim.RecipientNumber,
        InsurerNumber = claim.InsurerNumber,
        CardSymbol = claim.CardSymbol,
        CardNumber = claim.CardNumber,
        InsuredRole = claim.InsuredRole,
        Name = claim.Name,
        KanaName = claim.KanaName,
        Sex = claim.Sex,
        BirthDate = claim.BirthDate,
        Inpatient = claim.Inpatient,
        InsurerShareRate = claim.InsurerShareRate,
        DaysOfCare = claim.DaysOfCare,
        Points = claim.Points,
        PatientShare = claim.PatientShare,
        MealCount = claim.MealCount,
        MealAmount = claim.MealAmount,
        LongTerm = claim.LongTerm,
        InKind = claim.InKind,
    };

    /// <summary>An insurer the recipient is not insured with: 協会けんぽ 大阪支部 (01270016), or 奈良支部 for those insured in 大阪.</summary>
    private static string OtherInsurer(DemoRecipient recipient)
    {
        var osaka = "0127001" + MhlwCheckDigit.Compute("0127001").ToString(CultureInfo.InvariantCulture);
        return recipient.Person.Insurance?.InsurerNumber == osaka ? "0129001" + MhlwCheckDigit.Compute("0129001").ToString(CultureInfo.InvariantCulture) : osaka;
    }

    private static DemoProvider Provider(string number, string name, MedicalClaimSchedule schedule, bool hospital = false)
    {
        // 郡市区番号 01 (奈良市) + 医療機関番号; the check digit runs over 都道府県 29 + 点数表 + the 6 digits (formats.md §6.5).
        var fee = schedule switch
        {
            MedicalClaimSchedule.Dental => FeeSchedule.Dental,
            MedicalClaimSchedule.Pharmacy => FeeSchedule.Pharmacy,
            _ => FeeSchedule.Medical,
        };
        var body = "01" + number;
        var check = MhlwCheckDigit.Compute("29" + ((int)fee).ToString(CultureInfo.InvariantCulture) + body);
        return new DemoProvider(body + check.ToString(CultureInfo.InvariantCulture), name, schedule, hospital);
    }

    private sealed record Billing(BenefitMethod Method, string Payer, DemoInsurance Insurance);
}
