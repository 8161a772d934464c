using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Income;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Exports;

/// <summary>
/// 本人開示 (評価書 P19, ADR 0028): everything held on one person as a PDF: the 台帳 (宛名, 福祉世帯,
/// 受給者 and 資格 history, 医療保険, 支払口座, 連絡先, 地方税関係情報 and 所得判定, 申請 and 決定,
/// 受給資格証 issued), the receipts and payments (支払 lines of the person's recipients, 支払調整), the
/// memos and inquiries, and the history of who accessed the person (every audit entry naming them,
/// with the staff member's name). The caller has checked <c>person.disclosure</c> and the 再認証; this
/// audits the act as <see cref="AuditEventType.PersonDisclosed"/> (purpose, pages, SHA-256). The vault
/// is not read: no 個人番号 appears.
/// </summary>
public sealed class PersonDisclosures(FukushiDbContext db, PersonProfile profiles, TimeProvider clock)
{
    /// <summary>The screen name the person view is audited under.</summary>
    public const string Screen = "本人開示";

    /// <returns>The PDF, or null when the person is unknown.</returns>
    public async Task<RenderedDocument?> CreateAsync(
        long personId, string purpose, string actor, string actorName, string? clientAddress, CancellationToken cancellationToken = default)
    {
        if (PersonalDataExports.CheckPurpose(purpose) is { } problem)
        {
            throw new ArgumentException(problem, nameof(purpose));
        }

        var today = JstClock.Today(clock);
        var view = await profiles.LoadAsync(personId, today, sensitive: true, actor, clientAddress, Screen, cancellationToken).ConfigureAwait(false);
        if (view is null)
        {
            return null;
        }

        var atena = view.Person.AtenaNumber;
        var recipientIds = view.Recipients.Select(r => r.Recipient.Id).ToList();
        var numbers = view.Recipients.ToDictionary(r => r.Recipient.Id, r => r.Recipient.RecipientNumber);
        var sections = new List<DisclosureSection>
        {
            new("宛名（氏名・住所・生年月日・性別）の履歴", [.. view.Records.Select(PersonLine)]),
            new("福祉世帯", [.. view.Household.Select(m => $"宛名番号 {m.AtenaNumber}　{m.Name}　{m.Member.RelationshipToChild ?? "—"}／{m.Member.RelationshipToRecipient ?? "—"}　{Period(m.Member)}{Superseded(m.Member)}")]),
            new("受給者と資格の履歴", [.. view.Recipients.SelectMany(RecipientLines)]),
            new("医療保険", [.. view.Insurances.Select(i => $"保険者番号 {i.InsurerNumber}　{i.InsurerName}　記号 {i.CardSymbol ?? "—"}　番号 {i.CardNumber ?? "—"}　{Period(i)}{Superseded(i)}")]),
            new("支払口座", [.. view.BankAccounts.Select(a => $"{a.BankName}（{a.BankCode}）{a.BranchName}（{a.BranchCode}）　口座番号 {a.AccountNumber}　名義 {a.AccountHolderKana}　{Period(a)}{Superseded(a)}")]),
            new("連絡先", [.. view.Contacts.Select(c => $"{c.PhoneNumber}　{Period(c)}{Superseded(c)}")]),
            new("地方税関係情報", [.. view.TaxRecords.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.TaxYear}年度課税　記録 {DocumentText.Instant(t.RecordedAt)}"))]),
        };

        var determinations = await db.IncomeDeterminations.AsNoTracking().Where(d => d.PersonId == personId)
            .OrderBy(d => d.DeterminedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        sections.Add(new("所得判定", [.. determinations.Select(d => string.Create(CultureInfo.InvariantCulture,
            $"{d.TaxYear}年度課税　所得基準 {d.Criterion.Japanese()}　所得額 {Yen(d.Income)}　限度額 {Yen(d.Limit)}　県市区分 {(d.FundingShare == FundingShare.Prefecture ? "県" : "市")}　高額療養費区分 {d.HighCostCategory ?? "—"}　{DocumentText.Instant(d.DeterminedAt)} {d.DeterminedBy}"))]));

        var applications = await db.Applications.AsNoTracking()
            .Where(a => a.ApplicantPersonId == personId || a.Children.Any(c => c.PersonId == personId))
            .OrderBy(a => a.AppliedOn).ToListAsync(cancellationToken).ConfigureAwait(false);
        sections.Add(new("申請と決定", [.. applications.Select(a =>
            $"受付番号 {a.ReceptionNumber}　{DocumentText.Date(a.AppliedOn)}　{DocumentText.Of(a.ApplicationKind)}　{ApplicationStatusText(a.Status)}" +
            (a.DecidedOn is { } decided ? $"（{DocumentText.Date(decided)}　{a.DecisionReason}）" : string.Empty))]));

        var issues = await db.CertificateIssues.AsNoTracking().Where(c => recipientIds.Contains(c.RecipientId))
            .OrderBy(c => c.IssuedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        sections.Add(new("交付した受給資格証", [.. issues.Select(c =>
            $"受給者番号 {numbers[c.RecipientId]}　{(c.Kind == CertificateIssueKind.Reissue ? "再交付" : "交付")} {DocumentText.Date(c.IssuedOn)}　有効期間 {DocumentText.Period(c.ValidFrom, c.ValidTo)}")]));

        var claims = await db.MedicalClaims.AsNoTracking().Where(c => c.RecipientId != null && recipientIds.Contains(c.RecipientId.Value))
            .OrderBy(c => c.ServiceMonth).ThenBy(c => c.Id)
            .Select(c => new { c.RecipientId, c.ServiceMonth, c.ProcessingMonth, c.ProviderCode, c.ProviderName, c.MedicalCost, c.PatientShare, c.Inpatient })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        sections.Add(new("レセプト・領収書（受診の記録）", [.. claims.Select(c =>
            $"受給者番号 {numbers[c.RecipientId!.Value]}　診療月 {Month(c.ServiceMonth)}　処理月 {Month(c.ProcessingMonth)}　{(c.Inpatient ? "入院" : "入院外")}　医療機関 {c.ProviderName ?? c.ProviderCode}　医療費 {Yen(c.MedicalCost)}　一部負担金 {Yen(c.PatientShare)}")]));

        var payments = await (from line in db.PaymentLines.AsNoTracking()
                              join paid in db.PaidClaims on line.Id equals paid.PaymentLineId
                              join run in db.PaymentRuns on line.PaymentRunId equals run.Id
                              where recipientIds.Contains(line.RecipientId) || recipientIds.Contains(line.PayeeRecipientId)
                              orderby run.PayDate, line.Id
                              select new { line.RecipientId, line.PayeeRecipientId, line.ServiceMonth, line.ProviderCode, line.Subsidy, line.Copayment, run.PayDate })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        sections.Add(new("支払（助成金の支給）", [.. payments.Select(p =>
            $"支払日 {DocumentText.Date(p.PayDate)}　受給者番号 {numbers.GetValueOrDefault(p.RecipientId, "—")}　診療月 {Month(p.ServiceMonth)}　医療機関 {p.ProviderCode}　助成額 {Yen(p.Subsidy)}　自己負担 {Yen(p.Copayment)}")]));

        var adjustments = await db.PaymentAdjustments.AsNoTracking()
            .Where(a => recipientIds.Contains(a.RecipientId) || recipientIds.Contains(a.PayeeRecipientId))
            .OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        sections.Add(new("支払調整（再振込・過誤の増減）", [.. adjustments.Select(a =>
            $"{DocumentText.Instant(a.CreatedAt)}　{a.Kind}　{Yen(a.Amount)}　状態 {a.Status}　理由 {a.Reason}")]));

        sections.Add(new("メモ", [.. view.Memos.OrderBy(m => m.RecordedAt).Select(m => $"{DocumentText.Instant(m.RecordedAt)} {m.RecordedBy}：{m.Text}")]));
        var inquiries = await db.Inquiries.AsNoTracking().Where(i => i.PersonId == personId).OrderBy(i => i.AskedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        sections.Add(new("問合せの記録", [.. inquiries.Select(i => $"{DocumentText.Instant(i.AskedAt)}　{i.Channel}　問合せ者 {i.Inquirer}　内容 {i.Question}　回答 {i.Answer}　記録 {i.RecordedBy}")]));

        var accesses = await db.AuditEvents.AsNoTracking().Where(e => e.SubjectType == "person" && e.SubjectId == atena)
            .OrderBy(e => e.Sequence).Select(e => new { e.OccurredAt, e.Actor, e.EventType, e.Details })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var logins = accesses.Select(a => a.Actor).Distinct().ToList();
        var staffNames = await db.Users.AsNoTracking().Where(u => logins.Contains(u.UserName!))
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken).ConfigureAwait(false);
        sections.Add(new("閲覧・操作の記録（だれが、いつ、何をしたか）", [.. accesses.Select(a =>
            $"{DocumentText.Instant(a.OccurredAt)}　{staffNames.GetValueOrDefault(a.Actor, a.Actor)}（{a.Actor}）　{AuditEventLabels.For(a.EventType)}{ScreenOf(a.Details)}")]));

        var at = AppClock.Now(clock);
        var current = view.Current ?? (view.Records.Count > 0 ? view.Records[0] : null);
        var document = DocumentRenderer.Render(new PersonDisclosureInput(atena, current?.Name ?? string.Empty, purpose.Trim(), sections, $"{actorName}（{actor}）", at));
        db.AddAudit(new AuditEntry(actor, AuditEventType.PersonDisclosed, "person", atena, new Dictionary<string, object?>
        {
            ["purpose"] = purpose.Trim(),
            ["pages"] = document.PageCount,
            ["sha256"] = Convert.ToHexStringLower(SHA256.HashData(document.Pdf)),
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return document;
    }

    /// <summary>The screen a view was made on (the PersonViewed details' <c>screen</c>), in brackets; empty when none.</summary>
    private static string ScreenOf(string details)
    {
        using var document = JsonDocument.Parse(details);
        return document.RootElement.TryGetProperty("screen", out var screen) && screen.ValueKind == JsonValueKind.String
            ? $"（{screen.GetString()}）"
            : string.Empty;
    }

    private static string PersonLine(PersonRecord r) =>
        $"{r.Name}（{r.NameKana}）　{DocumentText.Date(r.BirthDate)}生　{SexText(r.Sex)}　〒{r.PostalCode ?? "—"} {r.Address}　{Period(r)}{Superseded(r)}";

    private static IEnumerable<string> RecipientLines(RecipientProfile profile)
    {
        yield return $"受給者番号 {profile.Recipient.RecipientNumber}　{KindText(profile.Recipient.Kind)}" +
            (profile.ParentRecipientNumber is { } parent ? $"　親受給者 {parent}" : string.Empty);
        foreach (var e in profile.History.OrderBy(e => e.ValidFrom).ThenBy(e => e.RecordedAt))
        {
            var text = $"　資格 {(e.Status == EligibilityStatus.Active ? "有効" : "喪失")}　{Period(e)}　申請 {DocumentText.Of(e.ApplicationKind)}";
            if (e.DecidedOn is { } decided)
            {
                text += $"　決定 {DocumentText.Date(decided)}";
            }

            if (e.CertificateValidFrom is { } from && e.CertificateValidTo is { } to)
            {
                text += $"　有効期間 {DocumentText.Period(from, to)}";
            }

            if (e.BenefitMethod is { } method)
            {
                text += $"　{DocumentText.Of(method)}";
            }

            if (e.PayerNumber is { } payer)
            {
                text += $"　公費負担者番号 {payer}";
            }

            if (e.LostOn is { } lost)
            {
                text += $"　喪失日 {DocumentText.Date(lost)}" + (e.LossReason is { } reason ? $"（{reason.Japanese()}）" : string.Empty);
            }

            yield return text + Superseded(e);
        }
    }

    private static string Period(HistoryRow row) =>
        $"{DocumentText.Date(row.ValidFrom)}〜{(row.ValidTo is { } to ? DocumentText.Date(to.AddDays(-1)) : string.Empty)}";

    private static string Superseded(HistoryRow row) =>
        row.SupersededAt is { } at ? $"　〔{DocumentText.Instant(at)} に訂正・変更済み〕" : string.Empty;

    private static string Yen(long? amount) => amount is { } value ? value.ToString("N0", CultureInfo.InvariantCulture) + "円" : "—";

    private static string Month(int yyyymm)
    {
        var month = YearMonth.FromNumber(yyyymm);
        return string.Create(CultureInfo.InvariantCulture, $"{month.Year}年{month.Month}月");
    }

    private static string SexText(Sex sex) => sex switch { Sex.Male => "男", Sex.Female => "女", _ => "不明" };

    private static string KindText(RecipientKind kind) => kind switch
    {
        RecipientKind.Parent => "父母",
        RecipientKind.Carer => "養育者",
        RecipientKind.Child => "児童",
        _ => "父母のいない児童",
    };

    private static string ApplicationStatusText(Applications.ApplicationStatus status) => status switch
    {
        Applications.ApplicationStatus.Granted => "認定",
        Applications.ApplicationStatus.Rejected => "却下",
        _ => "未決定",
    };
}
