using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Applications;

/// <summary>A decision the rules refuse (self-approval, already decided, no reason, nobody eligible); the message is Japanese.</summary>
public sealed class DecisionRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// 決定 with 決裁 (issue 9 item 3): 認定 or 却下 of a pending application by a user holding
/// <c>application.decide</c> who did not enter it (P2; the caller checks the permission and the
/// 再認証). A decision on an application changed since it was read is refused
/// (<see cref="ConcurrencyConflictException"/>). 認定 gives each eligible person a 受給者番号 (D10)
/// and stores a <see cref="Recipient"/> with its <see cref="EligibilityRecord"/>: 資格取得日 = 申請日,
/// 有効期間 (D8), 給付区分 and 公費負担者番号 from the PublicPayer master by age bracket on the
/// application date, 県市区分 from the applicant's latest 所得判定 (D4: 市 when none).
/// </summary>
public sealed class ApplicationDecisions(FukushiDbContext db, TimeProvider clock)
{
    public const string ConflictMessage = "この申請は、画面を開いた後に他の職員が更新しました。読み込み直してから決定してください。";

    /// <summary>給付区分 tried in order for a person's age bracket: the first the master has a 公費負担者 for.</summary>
    public static IReadOnlyList<BenefitMethod> MethodPreference { get; } = [BenefitMethod.InKind, BenefitMethod.AutoReimbursement, BenefitMethod.ClaimReimbursement];

    /// <summary>The applications waiting for a decision, oldest first.</summary>
    public Task<List<Application>> PendingAsync(CancellationToken cancellationToken = default) =>
        db.Applications.AsNoTracking().Where(a => a.Status == ApplicationStatus.Pending)
            .OrderBy(a => a.AppliedOn).ThenBy(a => a.ReceptionYear).ThenBy(a => a.ReceptionSerial).ToListAsync(cancellationToken);

    public Task<Application?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        db.Applications.AsNoTracking().Include(a => a.Children).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    /// <summary>認定 or 却下. <paramref name="reason"/> is the 決定理由 (required for 却下: the reasons, one per line).</summary>
    public async Task<Application> DecideAsync(
        long applicationId, long expectedVersion, DecisionResult result, string? reason, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // Write first: SQLite then holds the write lock from the start (no reader-to-writer upgrade between two deciders).
        await NumberSequences.EnsureAsync(db, NumberSequences.RecipientNumbers, cancellationToken).ConfigureAwait(false);
        var application = await db.Applications.Include(a => a.Children).SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken).ConfigureAwait(false)
            ?? throw new DecisionRefusedException("申請が見つかりません。");
        if (application.Version != expectedVersion)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        if (application.Status != ApplicationStatus.Pending)
        {
            throw new DecisionRefusedException("この申請は決定済みです。");
        }

        if (string.Equals(application.EnteredBy, actor, StringComparison.Ordinal))
        {
            throw new DecisionRefusedException("自分が入力した申請は決定できません（入力者と別の決裁権限者が決定します）。");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var now = AppClock.Now(clock);
        var today = JstClock.Today(clock);
        db.Entry(application).Property(a => a.Version).OriginalValue = expectedVersion;
        application.DecidedBy = actor;
        application.DecidedAt = now;
        application.DecidedOn = today;
        application.DecisionReason = reason;
        var details = new Dictionary<string, object?>
        {
            ["result"] = result.ToString(),
            ["enteredBy"] = application.EnteredBy,
            ["appliedOn"] = application.AppliedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        if (result == DecisionResult.Rejected)
        {
            if (reason is null)
            {
                throw new DecisionRefusedException("却下の理由（決定理由）を入力してください。");
            }

            application.Status = ApplicationStatus.Rejected;
            db.AddAudit(new AuditEntry(actor, AuditEventType.ApplicationRejected, "application", application.ReceptionNumber, details, clientAddress));
        }
        else
        {
            var granted = await GrantAsync(application, actor, now, today, reason, cancellationToken).ConfigureAwait(false);
            application.Status = ApplicationStatus.Granted;
            details["recipients"] = string.Join(",", granted);
            db.AddAudit(new AuditEntry(actor, AuditEventType.ApplicationGranted, "application", application.ReceptionNumber, details, clientAddress));
        }

        db.Touch(application);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return application;
    }

    private async Task<List<string>> GrantAsync(Application application, string actor, DateTimeOffset now, DateOnly today, string? reason, CancellationToken cancellationToken)
    {
        var check = await ApplicationChecks.CheckAsync(db, application, cancellationToken).ConfigureAwait(false);
        if (!check.Applicant.IsEligible)
        {
            throw new DecisionRefusedException("認定できません（却下してください）: " + string.Join(" ", check.Failures.Select(f => f.Text)));
        }

        var on = application.AppliedOn;
        var persons = application.Children.Select(c => c.PersonId).Append(application.ApplicantPersonId).ToList();
        var records = await db.PersonRecords.AsNoTracking().Where(r => persons.Contains(r.PersonId)).AsOf(on)
            .ToDictionaryAsync(r => r.PersonId, cancellationToken).ConfigureAwait(false);
        var brackets = await db.AgeBrackets.AsNoTracking().ValidOn(on).ToListAsync(cancellationToken).ConfigureAwait(false);
        var payers = await db.PublicPayers.AsNoTracking().ValidOn(on).Where(p => p.Program == PublicPayer.SingleParentProgram).ToListAsync(cancellationToken).ConfigureAwait(false);
        var share = await db.IncomeDeterminations.AsNoTracking().Where(d => d.PersonId == application.ApplicantPersonId)
            .OrderByDescending(d => d.DeterminedAt).ThenByDescending(d => d.Id)
            .Select(d => (FundingShare?)d.FundingShare).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) ?? FundingShare.City;

        var children = application.Children.OrderBy(c => c.Position).ToList();
        var eligibleChildren = children.Where((_, index) => check.Children[index].IsEligible).ToList();
        // The parent's certificate ends with the last eligible child's 18歳到達年度末 (D7 対象児童なし).
        var youngest = eligibleChildren.Select(c => records[c.PersonId].BirthDate).Max();

        var household = new WelfareHousehold { CreatedAt = now, Version = 1 };
        db.Households.Add(household);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var parentKind = application.ApplicantRole == ApplicantRole.Carer ? RecipientKind.Carer : RecipientKind.Parent;
        var parent = await AddRecipientAsync(application, application.ApplicantPersonId, parentKind, null, household, records[application.ApplicantPersonId].BirthDate, youngest, null, brackets, payers, share, actor, now, today, reason, cancellationToken).ConfigureAwait(false);
        var numbers = new List<string> { parent.RecipientNumber };
        foreach (var child in eligibleChildren)
        {
            var birth = records[child.PersonId].BirthDate;
            var recipient = await AddRecipientAsync(application, child.PersonId, RecipientKind.Child, parent, household, birth, birth, child, brackets, payers, share, actor, now, today, reason, cancellationToken).ConfigureAwait(false);
            child.RecipientId = recipient.Id;
            numbers.Add(recipient.RecipientNumber);
        }

        await StartLedgerAsync(application, eligibleChildren, actor, now, cancellationToken).ConfigureAwait(false);
        return numbers;
    }

    private async Task<Recipient> AddRecipientAsync(
        Application application, long personId, RecipientKind kind, Recipient? parent, WelfareHousehold household, DateOnly birthDate, DateOnly childBirthForValidity,
        ApplicationChild? child, List<AgeBracket> brackets, List<PublicPayer> payers, FundingShare share, string actor, DateTimeOffset now, DateOnly today, string? reason, CancellationToken cancellationToken)
    {
        var on = application.AppliedOn;
        var period = CertificateValidity.PeriodContaining(on, childBirthForValidity, application.FixedTermEnd)
            ?? throw new DecisionRefusedException($"{ApplicationIntake.Day(on)}に有効な受給資格証の有効期間がありません。");
        var bracket = AgeBrackets.BracketOn(kind, birthDate, on, brackets)
            ?? throw new DecisionRefusedException($"年齢区分マスタに、{ApplicationIntake.Day(on)}時点の年齢区分がありません。");
        var payer = MethodPreference.Select(method => PublicPayers.Find(payers, brackets, PublicPayer.SingleParentProgram, method, bracket.Code, on)).FirstOrDefault(p => p is not null)
            ?? throw new DecisionRefusedException($"公費負担者マスタに、{ApplicationIntake.Day(on)}に有効な年齢区分「{bracket.Name}」の公費負担者番号がありません。");

        var number = await NumberSequences.NextRecipientNumberAsync(db, cancellationToken).ConfigureAwait(false);
        var recipient = new Recipient
        {
            PersonId = personId,
            RecipientNumber = number.ToString(),
            Kind = kind,
            ParentRecipientId = parent?.Id,
            HouseholdId = household.Id,
            CreatedAt = now,
            Version = 1,
        };
        db.Recipients.Add(recipient);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false); // the recipient's key
        History.PlanStart(new HouseholdMember
        {
            HouseholdId = household.Id,
            PersonId = personId,
            RelationshipToRecipient = parent is null ? "本人" : "子",
        }, on, now, actor).ApplyTo(db, now);
        History.PlanStart(new EligibilityRecord
        {
            RecipientId = recipient.Id,
            Status = EligibilityStatus.Active,
            ApplicationKind = application.ApplicationKind,
            ApplicationReason = application.ApplicationReason,
            AppliedOn = on,
            SingleParentReason = parent is null ? application.SingleParentReason : null,
            ReasonArisenOn = parent is null ? application.ReasonArisenOn : null,
            FixedTermEnd = application.FixedTermEnd,
            DecidedOn = today,
            DecisionResult = DecisionResult.Granted,
            DecisionReason = reason,
            CertificateValidFrom = period.Start < on ? on : period.Start,
            CertificateValidTo = period.End,
            BenefitMethod = payer.BenefitMethod,
            PayerNumber = payer.PayerNumber,
            AcquiredOn = on,
            FundingShare = share,
            RemoteArea = child?.RemoteArea ?? false,
            SeparateCustody = child?.SeparateCustody ?? false,
            OtherProgram = OtherProgramList.Display(child is null ? application.OtherPrograms : child.OtherPrograms) is { Length: > 0 } programs ? programs : null,
        }, on, now, actor).ApplyTo(db, now);
        return recipient;
    }

    /// <summary>Starts the applicant's insurance, account and contact (and the insured children's insurance) where the 台帳 has none yet.</summary>
    private async Task StartLedgerAsync(Application application, List<ApplicationChild> children, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var on = application.AppliedOn;
        var applicant = application.ApplicantPersonId;
        var insured = children.Where(c => c.Insured).Select(c => c.PersonId).Append(applicant).ToList();
        var withInsurance = await db.Insurances.AsNoTracking().Where(i => insured.Contains(i.PersonId)).Current().Select(i => i.PersonId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var personId in insured.Except(withInsurance))
        {
            History.PlanStart(new Insurance
            {
                PersonId = personId,
                InsuranceKind = application.InsuranceKind,
                InsurerNumber = application.InsurerNumber,
                InsuredRole = personId == applicant ? InsuredRole.Insured : InsuredRole.Dependant,
                CardSymbol = application.CardSymbol,
                CardNumber = application.CardNumber,
            }, on, now, actor).ApplyTo(db, now);
        }

        if (!await db.BankAccounts.AsNoTracking().Where(b => b.PersonId == applicant).Current().AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            History.PlanStart(new BankAccount
            {
                PersonId = applicant,
                BankCode = application.BankCode,
                BankName = application.BankName,
                BranchCode = application.BranchCode,
                BranchName = application.BranchName,
                AccountType = application.AccountType,
                AccountNumber = application.AccountNumber,
                AccountHolderKana = application.AccountHolderKana,
            }, on, now, actor).ApplyTo(db, now);
        }

        if (application.PhoneNumber is { } phone && !await db.Contacts.AsNoTracking().Where(c => c.PersonId == applicant).Current().AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            History.PlanStart(new Contact { PersonId = applicant, PhoneNumber = phone }, on, now, actor).ApplyTo(db, now);
        }
    }

    /// <summary>The 認定通知書 of a granted application, or the 却下通知書 of a rejected one, as document input.</summary>
    public async Task<DocumentInput> NoticeAsync(long applicationId, CancellationToken cancellationToken = default)
    {
        var application = await FindAsync(applicationId, cancellationToken).ConfigureAwait(false)
            ?? throw new DocumentRefusedException("申請が見つかりません。");
        var today = JstClock.Today(clock);
        var ids = application.Children.Select(c => c.PersonId).Append(application.ApplicantPersonId).ToList();
        var records = await db.PersonRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId)).AsOf(application.AppliedOn)
            .ToDictionaryAsync(r => r.PersonId, cancellationToken).ConfigureAwait(false);
        var own = records[application.ApplicantPersonId];
        var to = new Addressee(own.Name, own.PostalCode, own.Address);
        var noticeDate = application.DecidedOn ?? today;
        switch (application.Status)
        {
            case ApplicationStatus.Granted:
                var recipients = await db.Recipients.AsNoTracking().Where(r => ids.Contains(r.PersonId)).ToListAsync(cancellationToken).ConfigureAwait(false);
                var recipientIds = recipients.Select(r => r.Id).ToList();
                var eligibility = await db.EligibilityRecords.AsNoTracking().Where(e => recipientIds.Contains(e.RecipientId) && e.AppliedOn == application.AppliedOn && e.DecisionResult == DecisionResult.Granted)
                    .Current().ToListAsync(cancellationToken).ConfigureAwait(false);
                var lines = eligibility
                    .Join(recipients, e => e.RecipientId, r => r.Id, (e, r) => (Eligibility: e, Recipient: r))
                    .OrderBy(x => x.Recipient.Kind == RecipientKind.Child).ThenBy(x => x.Recipient.RecipientNumber, StringComparer.Ordinal)
                    .Select(x => new GrantedRecipient(records[x.Recipient.PersonId].Name, x.Recipient.RecipientNumber, x.Eligibility.AcquiredOn!.Value,
                        x.Eligibility.CertificateValidFrom!.Value, x.Eligibility.CertificateValidTo!.Value, x.Eligibility.BenefitMethod!.Value))
                    .ToList();
                return new GrantNoticeInput(to, noticeDate, application.AppliedOn, lines);
            case ApplicationStatus.Rejected:
                var names = application.Children.OrderBy(c => c.Position).Select(c => records[c.PersonId].Name).Prepend(own.Name).ToList();
                var reasons = (application.DecisionReason ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                return new RejectionNoticeInput(to, noticeDate, application.AppliedOn, application.ApplicationKind, names, reasons);
            default:
                throw new DocumentRefusedException("決定前の申請には通知書を印刷できません。");
        }
    }

    /// <summary>The 受付簿 entries received from <paramref name="from"/> to <paramref name="to"/> (inclusive), by date then 受付番号.</summary>
    public async Task<List<(Application Application, string ApplicantName)>> ReceptionsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var applications = await db.Applications.AsNoTracking().Where(a => a.AppliedOn >= from && a.AppliedOn <= to)
            .OrderBy(a => a.AppliedOn).ThenBy(a => a.ReceptionYear).ThenBy(a => a.ReceptionSerial).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = applications.Select(a => a.ApplicantPersonId).Distinct().ToList();
        var names = (await db.PersonRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId)).Current().ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.ValidFrom).First().Name);
        return [.. applications.Select(a => (a, names.GetValueOrDefault(a.ApplicantPersonId, string.Empty)))];
    }
}
