using System.Globalization;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Applications;

/// <summary>
/// 新規申請の受付 (issue 9 item 1): reads the form, refuses bad input field by field (nothing saved),
/// gives the application its 受付番号 in the 受付簿 (P4) and stores it with the findings of the
/// eligibility check (masters on the application date; the 所得判定 when the city criterion is set),
/// audited. Entry needs <c>application.enter</c> (窓口); the caller checks it.
/// </summary>
public sealed class ApplicationIntake(FukushiDbContext db, TimeProvider clock)
{
    public async Task<ApplicationIntakeResult> ReceiveAsync(ApplicationForm form, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var today = JstClock.Today(clock);

        var appliedOn = ReadDate(form.AppliedOn, nameof(form.AppliedOn), "申請年月日", problems, required: true);
        if (appliedOn is { } applied && applied > today)
        {
            problems[nameof(form.AppliedOn)] = "申請年月日が今日より後です。";
        }

        var role = ReadEnum<ApplicantRole>(form.ApplicantRole, nameof(form.ApplicantRole), "申請者の区分", problems);
        var reason = ReadEnum<SingleParentReason>(form.SingleParentReason, nameof(form.SingleParentReason), "ひとり親理由", problems);
        var arisen = ReadDate(form.ReasonArisenOn, nameof(form.ReasonArisenOn), "事由発生年月日", problems, required: true);
        var fixedEnd = ReadDate(form.FixedTermEnd, nameof(form.FixedTermEnd), "有期終了日", problems, required: false);
        var insuranceKind = ReadEnum<InsuranceKind>(form.InsuranceKind, nameof(form.InsuranceKind), "保険種別", problems);
        var insurer = Normalize(form.InsurerNumber);
        if (!InsurerNumber.TryParse(insurer, out var insurerNumber))
        {
            problems[nameof(form.InsurerNumber)] = insurer.Length == 0
                ? "保険者番号を入力してください。"
                : "保険者番号が正しくありません（国保は6桁、それ以外は8桁で、検証番号が合う番号）。";
        }

        var phone = Normalize(form.PhoneNumber).Replace("-", string.Empty, StringComparison.Ordinal);
        if (phone.Length > 0 && (phone.Length is < 10 or > 11 || !phone.All(char.IsAsciiDigit)))
        {
            problems[nameof(form.PhoneNumber)] = "電話番号は10桁または11桁の数字で入力してください（ハイフンは可）。";
        }

        var account = await ReadAccountAsync(form, problems, cancellationToken).ConfigureAwait(false);
        var applicantPrograms = ReadPrograms(form.OtherPrograms, nameof(form.OtherPrograms), problems);

        var applicant = await FindPersonAsync(form.ApplicantAtena, nameof(form.ApplicantAtena), "申請者", appliedOn ?? today, problems, cancellationToken).ConfigureAwait(false);
        var children = new List<(ApplicationChildForm Form, Person Person, IReadOnlyList<string> Programs)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (applicant is not null)
        {
            seen.Add(applicant.Value.Person.AtenaNumber);
        }

        for (var i = 0; i < form.Children.Count; i++)
        {
            var row = form.Children[i];
            if (row.IsEmpty)
            {
                continue;
            }

            var field = string.Create(CultureInfo.InvariantCulture, $"Children[{i}].Atena");
            var programs = ReadPrograms(row.OtherPrograms, string.Create(CultureInfo.InvariantCulture, $"Children[{i}].OtherPrograms"), problems);
            var child = await FindPersonAsync(row.Atena, field, "児童", appliedOn ?? today, problems, cancellationToken).ConfigureAwait(false);
            if (child is not { } found)
            {
                continue;
            }

            if (!seen.Add(found.Person.AtenaNumber))
            {
                problems[field] = "同じ人が申請に2回入っています。";
            }
            else if (appliedOn is { } on && found.Record.BirthDate > on)
            {
                problems[field] = $"{found.Record.Name}の生年月日（{Day(found.Record.BirthDate)}）が申請年月日より後です。";
            }
            else if (appliedOn is { } date && !AgeRules.IsWithinAgeLimit(found.Record.BirthDate, date))
            {
                problems[field] = $"{found.Record.Name}は18歳到達年度末（{Day(AgeRules.EndOfFiscalYearReaching18(found.Record.BirthDate))}）を過ぎているため、対象児童になりません。";
            }
            else
            {
                children.Add((row, found.Person, programs));
            }
        }

        if (children.Count == 0 && !problems.Keys.Any(key => key.StartsWith("Children[", StringComparison.Ordinal)))
        {
            problems["Children[0].Atena"] = "児童を1人以上入力してください。";
        }

        if (problems.Count > 0 || applicant is null || appliedOn is null || role is null || reason is null || arisen is null || insuranceKind is null || account is null)
        {
            return new ApplicationIntakeResult(null, problems, null);
        }

        var now = AppClock.Now(clock);
        var application = new Application
        {
            AppliedOn = appliedOn.Value,
            ApplicationKind = ApplicationKind.New,
            ApplicationReason = Normalize(form.ApplicationReason) is { Length: > 0 } text ? text : null,
            ApplicantPersonId = applicant.Value.Person.Id,
            ApplicantRole = role.Value,
            SingleParentReason = reason.Value,
            ReasonArisenOn = arisen.Value,
            FixedTermEnd = fixedEnd,
            PublicAssistance = form.PublicAssistance || applicantPrograms.Contains(EligibilityRules.PublicAssistanceProgram),
            OtherPrograms = OtherProgramList.Join(applicantPrograms),
            InsuranceKind = insuranceKind.Value,
            InsurerNumber = insurerNumber!.ToString(),
            CardSymbol = Normalize(form.CardSymbol) is { Length: > 0 } symbol ? symbol : null,
            CardNumber = Normalize(form.CardNumber) is { Length: > 0 } card ? card : null,
            BankCode = account.BankCode,
            BankName = account.BankName,
            BranchCode = account.BranchCode,
            BranchName = account.BranchName,
            AccountType = account.AccountType,
            AccountNumber = account.AccountNumber,
            AccountHolderKana = account.AccountHolderKana,
            PhoneNumber = phone.Length > 0 ? phone : null,
            Status = ApplicationStatus.Pending,
            EnteredBy = actor,
            EnteredAt = now,
            Version = 1,
            Children = [.. children.Select((child, index) => new ApplicationChild
            {
                Position = index,
                PersonId = child.Person.Id,
                Insured = child.Form.Insured,
                RemoteArea = child.Form.RemoteArea,
                SeparateCustody = child.Form.SeparateCustody,
                InChildWelfareFacility = child.Form.InChildWelfareFacility,
                OtherPrograms = OtherProgramList.Join(child.Programs),
            })],
        };

        var check = await ApplicationChecks.CheckAsync(db, application, cancellationToken).ConfigureAwait(false);
        application.Findings = ApplicationChecks.FindingsText(check);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var year = FiscalYear.Of(application.AppliedOn);
        var serial = await NumberSequences.NextAsync(db, NumberSequences.Receptions(year), cancellationToken).ConfigureAwait(false);
        application.ReceptionYear = year.Year;
        application.ReceptionSerial = (int)serial;
        application.ReceptionNumber = NumberSequences.ReceptionNumber(year, serial);
        db.Applications.Add(application);
        db.AddAudit(new AuditEntry(actor, AuditEventType.ApplicationReceived, "application", application.ReceptionNumber, new Dictionary<string, object?>
        {
            ["appliedOn"] = application.AppliedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["kind"] = application.ApplicationKind.ToString(),
            ["applicant"] = applicant.Value.Person.AtenaNumber,
            ["children"] = string.Join(",", children.Select(child => child.Person.AtenaNumber)),
            ["failures"] = check.Failures.Count,
            ["warnings"] = check.Warnings.Count,
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new ApplicationIntakeResult(application, problems, check);
    }

    /// <summary>
    /// The 宛名 behind a typed 宛名番号 for the form's echo (name and birth date as on
    /// <paramref name="on"/>), or the message the form would show beside the field. A person found
    /// is a view of the 台帳 and audited (screen 新規申請の入力).
    /// </summary>
    public async Task<PersonEcho> EchoAsync(string? atena, DateOnly on, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        var found = await FindPersonAsync(atena, "Atena", "対象者", on, problems, cancellationToken).ConfigureAwait(false);
        if (found is not { } person)
        {
            return new PersonEcho(null, null, problems["Atena"]);
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.PersonViewed, "person", person.Person.AtenaNumber, new Dictionary<string, object?>
        {
            ["screen"] = "新規申請の入力（宛名番号の確認）",
            ["asOf"] = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new PersonEcho(person.Record.Name, person.Record.BirthDate, null);
    }

    private async Task<(Person Person, PersonRecord Record)?> FindPersonAsync(string? atena, string field, string label, DateOnly on, Dictionary<string, string> problems, CancellationToken cancellationToken)
    {
        var number = Normalize(atena);
        if (number.Length == 0)
        {
            problems[field] = $"{label}の宛名番号を入力してください（宛名検索で選べます）。";
            return null;
        }

        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.AtenaNumber == number, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            problems[field] = $"宛名番号 {number} の人は台帳にありません。";
            return null;
        }

        var record = await db.PersonRecords.AsNoTracking().Where(r => r.PersonId == person.Id).AsOf(on).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            problems[field] = $"宛名番号 {number} の人の{Day(on)}時点の宛名がありません。";
            return null;
        }

        // A person already eligible on the application date is not applied for again: a change of
        // their particulars is a 記載事項変更, a renewal is its own procedure.
        var activeNumber = await db.Recipients.AsNoTracking()
            .Where(recipient => recipient.PersonId == person.Id)
            .Join(db.EligibilityRecords.AsNoTracking().AsOf(on).Where(e => e.Status == EligibilityStatus.Active), recipient => recipient.Id, eligibility => eligibility.RecipientId, (recipient, _) => recipient.RecipientNumber)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (activeNumber is not null)
        {
            problems[field] = $"宛名番号 {number} の人は{Day(on)}時点ですでに受給者です（受給者番号 {activeNumber}）。新規申請は受け付けられません。";
            return null;
        }

        return (person, record);
    }

    private sealed record AccountFacts(string BankCode, string BankName, string BranchCode, string BranchName, AccountType AccountType, string AccountNumber, string AccountHolderKana);

    private async Task<AccountFacts?> ReadAccountAsync(ApplicationForm form, Dictionary<string, string> problems, CancellationToken cancellationToken)
    {
        var holder = Normalize(form.AccountHolderKana);
        if (holder.Length == 0)
        {
            problems[nameof(form.AccountHolderKana)] = "口座名義人（カナ）を入力してください。";
        }

        string bank, branch, number;
        AccountType type;
        if (Normalize(form.YuchoSymbol).Length > 0 || Normalize(form.YuchoNumber).Length > 0)
        {
            if (!YuchoAccount.TryParse(form.YuchoSymbol, form.YuchoNumber, out var yucho, out var error))
            {
                var field = error is YuchoAccountError.SymbolNotFiveDigits or YuchoAccountError.SymbolFirstDigit ? nameof(form.YuchoSymbol) : nameof(form.YuchoNumber);
                problems[field] = YuchoAccount.Describe(error);
                return null;
            }

            (bank, branch, number, type) = (YuchoAccount.BankCode, yucho.BranchCode, yucho.AccountNumber, yucho.AccountType);
        }
        else
        {
            bank = Normalize(form.BankCode);
            branch = Normalize(form.BranchCode);
            number = Normalize(form.AccountNumber);
            if (bank.Length != 4 || !bank.All(char.IsAsciiDigit))
            {
                problems[nameof(form.BankCode)] = "金融機関コードは4桁の数字で入力してください（ゆうちょ銀行は記号・番号で入力）。";
            }

            if (branch.Length != 3 || !branch.All(char.IsAsciiDigit))
            {
                problems[nameof(form.BranchCode)] = "支店コードは3桁の数字で入力してください。";
            }

            if (number.Length is 0 or > 7 || !number.All(char.IsAsciiDigit) || number.All(c => c == '0'))
            {
                problems[nameof(form.AccountNumber)] = "口座番号は7桁以内の数字で入力してください。";
            }

            var parsedType = ReadEnum<AccountType>(form.AccountType, nameof(form.AccountType), "預金種目", problems);
            if (problems.ContainsKey(nameof(form.BankCode)) || problems.ContainsKey(nameof(form.BranchCode)) || problems.ContainsKey(nameof(form.AccountNumber)) || parsedType is null)
            {
                return null;
            }

            type = parsedType.Value;
            number = number.PadLeft(7, '0');
        }

        string bankName = string.Empty, branchName = string.Empty;
        if (await db.BankBranches.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            var check = await new BankDirectory(db).CheckAsync(bank, branch, cancellationToken).ConfigureAwait(false);
            if (!check.IsCurrent)
            {
                problems[bank == YuchoAccount.BankCode && Normalize(form.BranchCode).Length == 0 ? nameof(form.YuchoSymbol) : nameof(form.BranchCode)] = check.Message + "。";
                return null;
            }

            (bankName, branchName) = (check.BankName ?? string.Empty, check.BranchName ?? string.Empty);
        }

        return holder.Length == 0 ? null : new AccountFacts(bank, bankName, branch, branchName, type, number, holder);
    }

    /// <summary>
    /// 他制度 as picked: cleaned, at most <see cref="OtherProgramList.MaxPrograms"/> names of at most
    /// <see cref="OtherProgramList.MaxNameLength"/> characters. A name the master does not know is
    /// not refused here: the eligibility check makes it a 要確認 (ADR 0010 §7).
    /// </summary>
    private static IReadOnlyList<string> ReadPrograms(IEnumerable<string?>? programs, string field, Dictionary<string, string> problems)
    {
        var cleaned = OtherProgramList.Clean(programs);
        if (cleaned.Count > OtherProgramList.MaxPrograms)
        {
            problems[field] = $"他制度は{OtherProgramList.MaxPrograms}件までです。";
        }
        else if (cleaned.FirstOrDefault(p => p.Length > OtherProgramList.MaxNameLength) is { } tooLong)
        {
            problems[field] = $"他制度「{tooLong[..10]}…」の名前が長すぎます（{OtherProgramList.MaxNameLength}文字まで）。";
        }

        return cleaned;
    }

    private static T? ReadEnum<T>(string? text, string field, string label, Dictionary<string, string> problems)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(Normalize(text), ignoreCase: false, out var value) && Enum.IsDefined(value) && !Normalize(text).All(char.IsAsciiDigit))
        {
            return value;
        }

        problems[field] = $"{label}を選んでください。";
        return null;
    }

    private static DateOnly? ReadDate(string? text, string field, string label, Dictionary<string, string> problems, bool required)
    {
        if (Normalize(text).Length == 0)
        {
            if (required)
            {
                problems[field] = $"{label}を入力してください。";
            }

            return null;
        }

        var result = ImportDate.TryParseDate(Normalize(text));
        if (result.TryGetValue(out var date))
        {
            return date;
        }

        problems[field] = $"{label}が正しい日付ではありません（{result.ErrorMessage}）。";
        return null;
    }

    private static string Normalize(string? text) => (text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();

    internal static string Day(DateOnly date) => WarekiDate.TryFrom(date)?.ToLongString() ?? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
