using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Text;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.People;

/// <summary>
/// Every group of 別添1 round-trips on both databases with its values intact: a single mother and
/// her child as recipients, their welfare household, insurance, bank account, contact and memo.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class LedgerModelTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset At = new(2026, 8, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_household_with_recipients_and_every_item_group_round_trips(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        long motherId, childId, householdId, motherRecipientId;
        await using (var db = database.Open())
        {
            var mother = new Person { AtenaNumber = "000100", CreatedAt = At, Version = 1 };
            var child = new Person { AtenaNumber = "000101", CreatedAt = At, Version = 1 };
            var household = new WelfareHousehold { CreatedAt = At, Version = 1 };
            db.AddRange(mother, child, household);
            await db.SaveChangesAsync();
            (motherId, childId, householdId) = (mother.Id, child.Id, household.Id);

            Start(db, new HouseholdMember { HouseholdId = householdId, PersonId = motherId, RegistryRelationship = "世帯主", RelationshipToChild = "母", RelationshipToRecipient = "本人" }, new DateOnly(2024, 4, 1));
            Start(db, new HouseholdMember { HouseholdId = householdId, PersonId = childId, RegistryRelationship = "子", RelationshipToChild = "本人", RelationshipToRecipient = "子" }, new DateOnly(2024, 4, 1));
            Start(db, new Insurance
            {
                PersonId = motherId, InsuranceKind = InsuranceKind.National, InsurerNumber = "290015", InsurerName = "奈良市",
                InsuredRole = InsuredRole.Insured, InsuredName = "奈良 花子", CardSymbol = "奈01", CardNumber = "123456", CardSuffix = "01",
                AcquiredOn = new DateOnly(2024, 4, 1),
            }, new DateOnly(2024, 4, 1));
            Start(db, new BankAccount
            {
                PersonId = motherId, BankCode = "0162", BankName = "南都銀行", BranchCode = "001", BranchName = "本店",
                AccountType = AccountType.Ordinary, AccountNumber = "0123456", AccountHolderKana = "ナラ ハナコ",
            }, new DateOnly(2024, 4, 1));
            Start(db, new Contact { PersonId = motherId, PhoneNumber = "0742-34-1111" }, new DateOnly(2024, 4, 1));
            db.Memos.Add(new Memo { PersonId = motherId, Text = "民生委員証明あり。児童扶養手当 受給中。", RecordedAt = At, RecordedBy = "madoguchi1" });

            var motherRecipient = new Recipient { PersonId = motherId, RecipientNumber = "1000009", Kind = RecipientKind.Parent, HouseholdId = householdId, CreatedAt = At, Version = 1 };
            db.Recipients.Add(motherRecipient);
            await db.SaveChangesAsync();
            motherRecipientId = motherRecipient.Id;
            var childRecipient = new Recipient { PersonId = childId, RecipientNumber = "1000017", Kind = RecipientKind.Child, ParentRecipientId = motherRecipientId, HouseholdId = householdId, CreatedAt = At, Version = 1 };
            db.Recipients.Add(childRecipient);
            await db.SaveChangesAsync();
            Start(db, new EligibilityRecord
            {
                RecipientId = motherRecipientId, Status = EligibilityStatus.Active, ApplicationKind = ApplicationKind.New, AppliedOn = new DateOnly(2024, 4, 1),
                SingleParentReason = SingleParentReason.Divorce, ReasonArisenOn = new DateOnly(2023, 12, 20), DecidedOn = new DateOnly(2024, 4, 10),
                DecisionResult = DecisionResult.Granted, CertificateValidFrom = new DateOnly(2024, 4, 1), CertificateValidTo = new DateOnly(2024, 7, 31),
                BenefitMethod = BenefitMethod.AutoReimbursement, PayerNumber = "90290024", AcquiredOn = new DateOnly(2024, 4, 1), FundingShare = FundingShare.Prefecture,
            }, new DateOnly(2024, 4, 1));
            Start(db, new EligibilityRecord
            {
                RecipientId = childRecipient.Id, Status = EligibilityStatus.Active, ApplicationKind = ApplicationKind.New, AppliedOn = new DateOnly(2024, 4, 1),
                RemoteArea = true, SeparateCustody = false, BenefitMethod = BenefitMethod.InKind, PayerNumber = "90290016", AcquiredOn = new DateOnly(2024, 4, 1),
                FundingShare = FundingShare.Prefecture,
            }, new DateOnly(2024, 4, 1));
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var members = await db.HouseholdMembers.Where(m => m.HouseholdId == householdId).AsOf(new DateOnly(2026, 8, 1)).OrderBy(m => m.PersonId).ToListAsync();
            Assert.Equal(["母", "本人"], members.Select(m => m.RelationshipToChild));
            var insurance = await db.Insurances.SingleAsync(i => i.PersonId == motherId);
            Assert.Equal((InsuranceKind.National, "290015", "奈01", "123456", "01"), (insurance.InsuranceKind, insurance.InsurerNumber, insurance.CardSymbol, insurance.CardNumber, insurance.CardSuffix));
            var account = await db.BankAccounts.SingleAsync(a => a.PersonId == motherId);
            Assert.Equal((AccountType.Ordinary, "0123456", "ナラ ハナコ"), (account.AccountType, account.AccountNumber, account.AccountHolderKana));
            Assert.Equal("0742-34-1111", (await db.Contacts.SingleAsync(c => c.PersonId == motherId)).PhoneNumber);
            Assert.StartsWith("民生委員証明あり", (await db.Memos.SingleAsync(m => m.PersonId == motherId)).Text, StringComparison.Ordinal);
            var child = await db.Recipients.SingleAsync(r => r.PersonId == childId);
            Assert.Equal(motherRecipientId, child.ParentRecipientId);
            var childEligibility = await db.EligibilityRecords.Where(e => e.RecipientId == child.Id).AsOf(new DateOnly(2026, 8, 1)).SingleAsync();
            Assert.True(childEligibility.RemoteArea);
            Assert.Equal(BenefitMethod.InKind, childEligibility.BenefitMethod);
            var motherEligibility = await db.EligibilityRecords.SingleAsync(e => e.RecipientId == motherRecipientId);
            Assert.Equal((SingleParentReason.Divorce, DecisionResult.Granted, FundingShare.Prefecture), (motherEligibility.SingleParentReason!.Value, motherEligibility.DecisionResult!.Value, motherEligibility.FundingShare!.Value));

            // A recipient number is unique: a second recipient with the same number is refused.
            db.Recipients.Add(new Recipient { PersonId = childId, RecipientNumber = "1000017", Kind = RecipientKind.Child, CreatedAt = At, Version = 1 });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    private static void Start<T>(FukushiDbContext db, T row, DateOnly validFrom)
        where T : HistoryRow => History.PlanStart(row, validFrom, At, "madoguchi1").ApplyTo(db, At);
}
