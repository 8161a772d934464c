using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Income;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using FukushiIryo.Formats.Common;

namespace FukushiIryo.App.Tests.Demo;

/// <summary>The demo population: deterministic, valid by the domain's own rules, and holding every case staff should meet.</summary>
public sealed class DemoGeneratorTests
{
    [Fact]
    public async Task The_same_seed_gives_the_same_population_and_another_seed_another()
    {
        var first = await DemoTestData.GenerateAsync(120, 42);
        var again = await DemoTestData.GenerateAsync(120, 42);
        var other = await DemoTestData.GenerateAsync(120, 43);

        Assert.Equal(Describe(first), Describe(again));
        Assert.Equal(DemoTestData.TaxCsv(first), DemoTestData.TaxCsv(again));
        Assert.Equal(DemoTestData.ResidentsCsv(first.Changes), DemoTestData.ResidentsCsv(again.Changes));
        Assert.NotEqual(DemoTestData.ResidentsCsv(first.Persons.Select(DemoResidentRow.Of)), DemoTestData.ResidentsCsv(other.Persons.Select(DemoResidentRow.Of)));
        Assert.NotEqual(DemoTestData.TaxCsv(first), DemoTestData.TaxCsv(other));
    }

    [Fact]
    public async Task A_household_does_not_depend_on_how_many_come_after_it()
    {
        var small = await DemoTestData.GenerateAsync(30, 5);
        var large = await DemoTestData.GenerateAsync(90, 5);
        Assert.Equal(
            DemoTestData.ResidentsCsv(small.Persons.Select(DemoResidentRow.Of)),
            DemoTestData.ResidentsCsv(large.Persons.Take(small.Persons.Count).Select(DemoResidentRow.Of)));
    }

    /// <summary>
    /// Pins the output itself: PCG32, integer-only draws and ordinal ordering make it the same on every
    /// machine and runtime. If you change the generator (or the shipped reference data) on purpose,
    /// update the hash; if it changes without that, something became machine- or culture-dependent.
    /// </summary>
    [Fact]
    public async Task The_output_of_a_seed_is_pinned_whatever_the_culture()
    {
        var reference = await DemoTestData.ReferenceAsync();
        var original = CultureInfo.CurrentCulture;
        try
        {
            foreach (var culture in new[] { "ja-JP", "ar-SA", "th-TH", "" })
            {
                CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
                var population = DemoGenerator.Generate(new DemoOptions(12, 1, DemoTestData.Today), reference);
                var text = DemoTestData.ResidentsCsv(population.Persons.Select(DemoResidentRow.Of)) + DemoTestData.TaxCsv(population)
                    + DemoTestData.ResidentsCsv(population.Changes) + Describe(population);
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
                Assert.True(PinnedHash == hash, $"The pinned output changed ({culture}): {hash}");
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public async Task Every_number_passes_its_domain_check()
    {
        var population = await DemoTestData.PopulationAsync();
        var payers = await MasterDefaults.PublicPayerDefaultsAsync();

        var recipientNumbers = population.Recipients.Select(r => r.RecipientNumber).ToList();
        Assert.All(recipientNumbers, number => Assert.True(RecipientNumber.TryParse(number, out _), number));
        Assert.Equal(recipientNumbers.Count, recipientNumbers.Distinct(StringComparer.Ordinal).Count());

        var atena = population.Persons.Select(p => p.AtenaNumber).ToList();
        Assert.All(atena, number => Assert.Matches("^[0-9]{10}$", number));
        Assert.Equal(atena.Count, atena.Distinct(StringComparer.Ordinal).Count());

        foreach (var insurance in population.Persons.Select(p => p.Insurance).OfType<DemoInsurance>())
        {
            var parsed = InsurerNumber.Parse(insurance.InsurerNumber);
            Assert.Equal(insurance.InsurerNumber, parsed.ToString());
            Assert.Equal(insurance.Kind == InsuranceKind.National, parsed.IsNationalHealthInsurance);
            if (insurance.InsurerName == "奈良市国民健康保険")
            {
                Assert.Matches("^29[0-9]{4}$", insurance.InsurerNumber);
            }
        }

        Assert.All(DemoCatalog.AllInsurers, insurer => Assert.True(InsurerNumber.TryParse(insurer.Number, out _), insurer.Number));
        Assert.Equal("01290014", DemoCatalog.Kyokai.Number);
        Assert.Equal("290015", DemoCatalog.NaraCityNationalHealthInsurance.Number);
        Assert.All(DemoCatalog.HealthInsuranceUnions, insurer => Assert.StartsWith("06", insurer.Number, StringComparison.Ordinal));
        Assert.All(DemoCatalog.MutualAidAssociations, insurer => Assert.Contains(insurer.Number[..2], new[] { "31", "32", "33", "34" }));

        var periods = population.Recipients.SelectMany(r => r.Periods).ToList();
        Assert.All(periods.Where(p => p.PayerNumber is not null), p =>
        {
            Assert.True(PublicPayer.IsValidPayerNumber(p.PayerNumber), p.PayerNumber);
            Assert.Contains(p.PayerNumber, payers.Select(payer => payer.PayerNumber));
        });
        Assert.All(periods.Where(p => p.Status == EligibilityStatus.Active && p.ValidTo is null), p => Assert.NotNull(p.PayerNumber));
    }

    [Fact]
    public async Task Every_account_is_at_a_real_branch_and_every_yucho_account_converts()
    {
        var population = await DemoTestData.PopulationAsync();
        var accounts = population.Persons.Select(p => p.BankAccount).OfType<DemoBankAccount>().ToList();
        Assert.All(accounts, account =>
        {
            Assert.Contains(account.BankCode + "," + account.BranchCode, DemoTestData.Branches);
            Assert.Matches("^[0-9]{7}$", account.AccountNumber);
            Assert.True(KanaNormalizer.IsKatakanaName(account.AccountHolderKana), account.AccountHolderKana);
        });
        Assert.True(accounts.Count(a => a.BankCode == "0162") > accounts.Count / 3, "Most accounts are at 南都銀行.");
        var yucho = accounts.Where(a => a.BankCode == YuchoAccount.BankCode).ToList();
        Assert.NotEmpty(yucho);
        Assert.All(yucho, account =>
        {
            var converted = YuchoAccount.Parse(account.YuchoSymbol!, account.YuchoNumber!);
            Assert.Equal(account.BranchCode, converted.BranchCode);
            Assert.Equal(account.AccountNumber, converted.AccountNumber);
            Assert.Equal(account.AccountType, converted.AccountType);
        });
        Assert.All(DemoCatalog.Branches, pair => Assert.All(pair.Value, branch => Assert.Contains(pair.Key + "," + branch, DemoTestData.Branches)));
    }

    [Fact]
    public async Task Residents_live_at_real_nara_city_postal_codes_and_the_others_elsewhere_in_nara()
    {
        var population = await DemoTestData.PopulationAsync();
        foreach (var person in population.Persons)
        {
            Assert.True(DemoTestData.NaraPostalCodes.TryGetValue(person.PostalCode, out var municipality), person.PostalCode);
            if (person.ResidencyStatus == ResidencyStatus.Registered)
            {
                Assert.Equal("29201", municipality);
                Assert.StartsWith("奈良県奈良市", person.Address, StringComparison.Ordinal);
                Assert.NotNull(person.HouseholdNumber);
                Assert.NotNull(person.RegistryRelationship);
            }
            else
            {
                Assert.NotEqual("29201", municipality);
                Assert.Null(person.HouseholdNumber);
                Assert.Null(person.RegistryRelationship);
            }
        }

        Assert.All(population.Changes, row => Assert.Equal("29201", DemoTestData.NaraPostalCodes[row.PostalCode]));
    }

    [Fact]
    public async Task Names_are_kanji_with_full_width_katakana_readings_some_outside_cp932()
    {
        var population = await DemoTestData.PopulationAsync();
        Assert.All(population.Persons, person =>
        {
            Assert.True(KanaNormalizer.IsKatakanaName(person.NameKana), person.NameKana);
            Assert.True(person.UsesHomeCountryName || person.Name.Contains('\u3000', StringComparison.Ordinal), person.Name);
        });
        Assert.All(population.Changes, row => Assert.True(KanaNormalizer.IsKatakanaName(row.NameKana), row.NameKana));

        var outside = population.Persons.Where(p => !FitsCp932(p.Name)).ToList();
        Assert.NotEmpty(outside);
        Assert.Contains(outside, p => p.Name.StartsWith("𠮷", StringComparison.Ordinal));
        Assert.Contains(population.Persons, p => p.UsesHomeCountryName);
        Assert.True(outside.Count < population.Persons.Count / 10, "Only a few names are outside CP932.");
    }

    [Fact]
    public async Task Households_hold_every_kind_of_recipient_and_member()
    {
        var population = await DemoTestData.PopulationAsync();
        var kinds = population.Households.GroupBy(h => h.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(kinds[DemoHouseholdKind.SingleMother] > kinds[DemoHouseholdKind.SingleFather]);
        Assert.True(kinds[DemoHouseholdKind.SingleFather] > 0);
        Assert.True(kinds[DemoHouseholdKind.OrphansWithCarer] > 0);
        Assert.True(kinds[DemoHouseholdKind.OrphansWithoutRecipientCarer] > 0);

        Assert.All(population.Households, household =>
        {
            Assert.InRange(household.Members.Count(p => p.Recipient is { Kind: RecipientKind.Child or RecipientKind.Orphan }), 1, 4);
            Assert.InRange(household.Members.Count(p => p.Recipient is { Kind: RecipientKind.Child or RecipientKind.Orphan } && AgeRules.IsWithinAgeLimit(p.BirthDate, DemoTestData.Today)), 0, 3);
            Assert.Single(household.Members, p => p.RegistryRelationship == "世帯主" || (p.ResidencyStatus == ResidencyStatus.Unregistered && p.Role is DemoRole.Parent or DemoRole.Carer));
        });

        // Orphans: with a carer who is a recipient (養育者), or alone with the carer's account on their own record.
        var orphans = population.Recipients.Where(r => r.Kind == RecipientKind.Orphan).ToList();
        Assert.Contains(orphans, r => r.Parent is { Kind: RecipientKind.Carer });
        Assert.Contains(orphans, r => r.Parent is null && r.Person.BankAccount is not null);
        Assert.All(population.Recipients.Where(r => r.Kind == RecipientKind.Child), r => Assert.Equal(RecipientKind.Parent, r.Parent?.Kind));

        // 扶養義務者: grandparents in the household with tax records.
        var obligors = population.Persons.Where(p => p.Role == DemoRole.SupportObligor).ToList();
        Assert.NotEmpty(obligors);
        Assert.All(obligors, p => Assert.Equal(2, p.TaxRecords.Count));

        // 事実婚: a 妻（未届）/夫（未届） in the household: the recipients lost for 婚姻, or flagged for staff.
        var partners = population.Households.Where(h => h.Members.Any(p => p.RegistryRelationship is "夫（未届）" or "妻（未届）")).ToList();
        Assert.Contains(partners, h => h.Members.Any(p => p.Recipient is { LossReason: LossReason.Marriage }));
        Assert.Contains(partners, h => h.Members.Any(p => p.Recipient is { LostOn: null, Kind: RecipientKind.Parent } && p.Memos.Any(m => m.Contains("事実婚", StringComparison.Ordinal))));

        // 住登外: children living outside the city (遠隔地), still eligible.
        var remote = population.Recipients.Where(r => r.Person.ResidencyStatus == ResidencyStatus.Unregistered && r.LostOn is null).ToList();
        Assert.NotEmpty(remote);
        Assert.All(remote, r => Assert.True(r.Periods[0].RemoteArea));
    }

    [Fact]
    public async Task Eligibility_follows_the_age_limit_and_the_loss_rules()
    {
        var population = await DemoTestData.PopulationAsync();
        var today = DemoTestData.Today;
        foreach (var recipient in population.Recipients)
        {
            var periods = recipient.Periods;
            Assert.Equal(recipient.AcquiredOn, periods[0].ValidFrom);
            Assert.Equal(recipient.AcquiredOn, periods[0].AcquiredOn);
            Assert.True(recipient.AcquiredOn <= today);
            if (recipient.Kind is RecipientKind.Child or RecipientKind.Orphan)
            {
                Assert.True(recipient.AcquiredOn >= recipient.Person.BirthDate);
            }

            if (recipient.LostOn is { } lostOn)
            {
                Assert.Equal(2, periods.Count);
                Assert.Equal(lostOn, periods[0].ValidTo);
                Assert.Equal(EligibilityStatus.Lost, periods[1].Status);
                Assert.Equal(lostOn, periods[1].LostOn);
                Assert.Equal(recipient.LossReason, periods[1].LossReason);
                Assert.True(lostOn <= today && lostOn > recipient.AcquiredOn);
            }
            else
            {
                Assert.Single(periods);
                Assert.Equal(EligibilityStatus.Active, periods[0].Status);
                Assert.True(periods[0].CertificateValidFrom <= today && today <= periods[0].CertificateValidTo);
                if (recipient.Kind is RecipientKind.Child or RecipientKind.Orphan)
                {
                    Assert.True(AgeRules.IsWithinAgeLimit(recipient.Person.BirthDate, today), recipient.RecipientNumber);
                }
            }

            if (recipient.LossReason == LossReason.AgeLimit)
            {
                Assert.Equal(AgeRules.LostOnForAgeLimit(recipient.Person.BirthDate), recipient.LostOn);
            }

            // A parent's 婚姻 ends the children of the household on the same day (D7).
            if (recipient.Parent is { LossReason: LossReason.Marriage } parent && recipient.AcquiredOn < parent.LostOn)
            {
                Assert.True(recipient.LostOn <= parent.LostOn);
            }
        }

        // The 18歳年度末 boundary: born 4/2 is still eligible in the 年度 of the 18th birthday, born 4/1 is not.
        var fiscalYear = FiscalYear.Of(today).Year;
        Assert.Contains(population.Recipients, r => r.Person.BirthDate == new DateOnly(fiscalYear - 18, 4, 2) && r.LostOn is null);
        Assert.Contains(population.Recipients, r => r.Person.BirthDate == new DateOnly(fiscalYear - 18, 4, 1)
            && r.LossReason == LossReason.AgeLimit && r.LostOn == new DateOnly(fiscalYear, 4, 1));

        var reasons = population.Recipients.Where(r => r.LossReason is not null).Select(r => r.LossReason!.Value).ToHashSet();
        Assert.Superset(new HashSet<LossReason> { LossReason.Marriage, LossReason.MovedOut, LossReason.AgeLimit, LossReason.NoEligibleChild, LossReason.RenewalNotSubmitted, LossReason.PublicAssistance, LossReason.OtherProgram }, reasons);
        Assert.True(population.Recipients.Count(r => r.LostOn is null) > population.Recipients.Count * 3 / 4, "Most recipients are eligible.");
        Assert.Contains(population.Recipients.SelectMany(r => r.Periods), p => p.FundingShare == FundingShare.Prefecture);
        Assert.Contains(population.Recipients.SelectMany(r => r.Periods), p => p.FundingShare == FundingShare.City);
    }

    [Fact]
    public async Task Parents_carers_and_obligors_have_tax_records_of_two_years_some_undeclared()
    {
        var population = await DemoTestData.PopulationAsync();
        var fiscalYear = FiscalYear.Of(DemoTestData.Today).Year;
        var tested = population.Persons.Where(p => p.Role is DemoRole.Parent or DemoRole.Carer or DemoRole.SupportObligor).ToList();
        Assert.All(tested, person => Assert.Equal(new[] { fiscalYear - 1, fiscalYear }, person.TaxRecords.Select(r => r.TaxYear).ToArray()));
        Assert.All(population.Persons.Except(tested), person => Assert.Empty(person.TaxRecords));

        var records = tested.SelectMany(p => p.TaxRecords).ToList();
        var undeclared = records.Where(r => r.IsUndeclared).ToList();
        Assert.NotEmpty(undeclared);
        Assert.True(undeclared.Count < records.Count / 10);
        Assert.All(undeclared, record => Assert.All(TaxItems.All, item => Assert.Null(item.GetValue(record))));
        Assert.All(records.Where(r => !r.IsUndeclared), record =>
        {
            Assert.All(TaxItems.All.Where(item => item.Number is not (2 or 3)), item => Assert.NotNull(item.GetValue(record)));
            Assert.Null(record.ChildSupportReceivedByChild);
            Assert.True(record.AggregateIncomeWithSeparate >= record.AggregateIncome);
            Assert.True(record.TotalTaxBase <= Math.Max(0, record.AggregateIncomeWithSeparate!.Value));
        });
        Assert.Contains(records, r => r.SalaryReceipts > 3_000_000);
        Assert.Contains(records, r => r.PensionReceipts > 0);
        Assert.Contains(records, r => r.NonTaxablePensionReceipts > 0);
        Assert.Contains(records, r => r.WidowKind == WidowKind.SingleParent);
        Assert.Contains(records, r => r.PerCapitaMunicipalTax == 0);
        Assert.Contains(records, r => r.NetIncomeLevyMunicipalTax > 0);
    }

    [Theory]
    [InlineData("2026-04-01")]
    [InlineData("2026-04-02")]
    [InlineData("2026-07-31")]
    [InlineData("2026-08-01")]
    [InlineData("2028-02-29")]
    [InlineData("2025-01-01")]
    [InlineData("2024-12-31")]
    public async Task Any_reference_date_gives_a_consistent_population(string date)
    {
        var today = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var population = await DemoTestData.GenerateAsync(300, 77, today);
        Assert.All(population.Recipients, recipient =>
        {
            Assert.True(recipient.AcquiredOn <= today);
            Assert.True(recipient.LostOn is null || (recipient.LostOn <= today && recipient.LostOn > recipient.AcquiredOn));
            if (recipient.LostOn is null && recipient.Kind is RecipientKind.Child or RecipientKind.Orphan)
            {
                Assert.True(AgeRules.IsWithinAgeLimit(recipient.Person.BirthDate, today));
            }
        });
        Assert.All(population.Persons, person => Assert.True(person.BirthDate < today && person.RecordFrom <= today));
        Assert.All(population.Changes, change => Assert.True(change.EventDate < today));
        var fiscalYear = FiscalYear.Of(today).Year;
        Assert.All(population.Persons.SelectMany(p => p.TaxRecords), record => Assert.InRange(record.TaxYear, fiscalYear - 1, fiscalYear));
    }

    [Theory]
    [InlineData(100_000, 2024, 0)]
    [InlineData(1_000_000, 2024, 450_000)]
    [InlineData(1_000_000, 2025, 350_000)]
    [InlineData(3_000_000, 2024, 2_020_000)]
    [InlineData(3_001_999, 2024, 2_020_000)]
    [InlineData(5_000_000, 2025, 3_560_000)]
    public async Task Salary_income_follows_the_deduction_table_of_its_year(long receipts, int incomeYear, long income)
    {
        var reference = await DemoTestData.ReferenceAsync();
        Assert.Equal(income, SalaryIncome.Compute(receipts, reference.IncomeMasters.SalaryBandsFor(incomeYear)));
    }

    [Fact]
    public async Task Options_out_of_range_are_refused()
    {
        var reference = await DemoTestData.ReferenceAsync();
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoGenerator.Generate(new DemoOptions(0, 1, DemoTestData.Today), reference));
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoGenerator.Generate(new DemoOptions(DemoOptions.MaxHouseholds + 1, 1, DemoTestData.Today), reference));
        Assert.Single(DemoGenerator.Generate(new DemoOptions(1, -7, DemoTestData.Today), reference).Households);
    }

    private const string PinnedHash = "652ea5fd6ab4c0ce9b8206492a05de2599ed943c1c2e507973e645fb6614818c";

    private static bool FitsCp932(string text)
    {
        try
        {
            InputEncoding.StrictCp932.GetBytes(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Everything of a population except the tax items, as culture-invariant text: for equality checks and the pinned hash.</summary>
    private static string Describe(DemoPopulation population)
    {
        var text = new StringBuilder();
        foreach (var household in population.Households)
        {
            text.AppendLine(Line(household.HouseholdNumber, household.Kind, household.Scenario));
            foreach (var p in household.Members)
            {
                text.AppendLine(Line(p.AtenaNumber, p.Name, p.NameKana, p.BirthDate, p.Sex, p.Role, p.ResidencyStatus, p.HouseholdNumber,
                    p.RegistryRelationship, p.PostalCode, p.Address, p.RecordFrom, p.MemberFrom, p.RelationshipToChild, p.RelationshipToRecipient,
                    string.Join(';', p.PhoneNumbers), string.Join(';', p.Memos)));
                if (p.Insurance is { } i)
                {
                    text.AppendLine(Line(i.Kind, i.InsurerNumber, i.InsurerName, i.InsuredRole, i.InsuredName, i.CardSymbol, i.CardNumber, i.CardSuffix, i.AcquiredOn));
                }

                if (p.BankAccount is { } b)
                {
                    text.AppendLine(Line(b.BankCode, b.BankName, b.BranchCode, b.BranchName, b.AccountType, b.AccountNumber, b.AccountHolderKana, b.YuchoSymbol, b.YuchoNumber, b.ValidFrom));
                }

                if (p.Recipient is { } r)
                {
                    text.AppendLine(Line(r.RecipientNumber, r.Kind, r.Parent?.RecipientNumber, r.AcquiredOn, r.LostOn, r.LossReason));
                    foreach (var e in r.Periods)
                    {
                        text.AppendLine(Line(e.ValidFrom, e.ValidTo, e.Status, e.ApplicationKind, e.ApplicationReason, e.AppliedOn, e.DecidedOn,
                            e.CertificateValidFrom, e.CertificateValidTo, e.BenefitMethod, e.PayerNumber, e.FundingShare, e.SingleParentReason,
                            e.ReasonArisenOn, e.SingleParentSituation, e.SpouseSituation, e.RecipientSituation, e.FixedTermEnd, e.RemoteArea,
                            e.SeparateCustody, e.LostOn, e.LossReason, e.OtherProgram, e.Kind, e.RecordedBy));
                    }
                }
            }
        }

        return text.ToString();
    }

    private static string Line(params object?[] values) =>
        string.Join('|', values.Select(value => value switch
        {
            null => "-",
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        }));
}
