using System.Reflection;
using System.Text.RegularExpressions;

namespace FukushiIryo.App.Audit;

/// <summary>
/// The typed audit events (architecture.md §5, 評価書 P9): <c>subject.verb_in_past_tense</c>, lowercase.
/// To add one, add a constant here: <see cref="All"/> picks it up, and
/// <see cref="Data.FukushiDbContext.AddAudit"/> accepts only the types listed here, so that a typo
/// cannot create a new kind of event that searches and reports would miss.
/// </summary>
public static partial class AuditEventType
{
    public const string UserCreated = "user.created";
    public const string UserUpdated = "user.updated";
    public const string UserEnabled = "user.enabled";
    public const string UserDisabled = "user.disabled";
    public const string UserListed = "user.listed";
    public const string UserPasswordSet = "user.password_set";
    public const string DbMigrated = "db.migrated";
    public const string AuditVerified = "audit.verified";

    /// <summary>The 個人番号 pattern scan ran (P16); details hold what was scanned and how many candidates were found.</summary>
    public const string MyNumberScanned = "audit.mynumber_scanned";
    public const string ResidentsImported = "import.residents";
    public const string PersonSearched = "person.searched";
    public const string PersonViewed = "person.viewed";
    public const string LoginSucceeded = "auth.login";
    public const string LoginFailed = "auth.login_failed";
    public const string Logout = "auth.logout";

    /// <summary>A web session was ended by the server: idle, expired, or the account disabled.</summary>
    public const string SessionEnded = "auth.session_ended";

    /// <summary>An administrator ended every session of an account.</summary>
    public const string SessionsEndedByAdmin = "user.sessions_ended";

    /// <summary>A request refused for lack of a permission.</summary>
    public const string AccessDenied = "auth.access_denied";

    /// <summary>A TOTP key (and new recovery codes) was issued to an account, replacing any earlier one.</summary>
    public const string UserTotpEnrolled = "user.totp_enrolled";

    /// <summary>A wrong TOTP code or recovery code was given.</summary>
    public const string TotpFailed = "auth.totp_failed";

    /// <summary>A TOTP code of a step already used (or an earlier one) was given again: refused.</summary>
    public const string TotpReplayed = "auth.totp_replayed";

    /// <summary>A staff member proved the password and a TOTP code again (再認証 or a 決裁 act); details name the purpose.</summary>
    public const string StepUpSucceeded = "auth.step_up";

    /// <summary>A recovery code stood in for a TOTP code (it cannot serve again).</summary>
    public const string RecoveryCodeUsed = "auth.recovery_code_used";
    public const string RecipientsImported = "import.recipients";

    /// <summary>A 地方税関係情報 file was imported (<c>import tax</c>): counts only, never an amount.</summary>
    public const string TaxImported = "import.tax";

    /// <summary>A receipts file (UKE or autopay) was imported (<c>import receipts</c>): counts and match results only.</summary>
    public const string MedicalClaimsImported = "import.receipts";

    /// <summary>Paid receipts migrated from the previous system were imported (<c>import paid-receipts</c>).</summary>
    public const string PaidClaimsImported = "import.paid_receipts";

    /// <summary>Staff entered a recipient's 償還払い claims by hand (償還払い入力): recipient, claim ids, amounts and each claim's 審査 outcome.</summary>
    public const string ManualClaimsEntered = "claims.manual_entered";

    /// <summary>Staff recorded an applicant's 養育費 申告 for a person and 課税年度 (old and new amounts).</summary>
    public const string ChildSupportDeclared = "income.child_support_declared";

    /// <summary>An import's error report (it holds personal values) was written for its operator.</summary>
    public const string ImportErrorReportWritten = "import.error_report_written";

    /// <summary>A reference master (banks, postal codes) was loaded from an edition: <c>masters update</c> or the shipped files.</summary>
    public const string MastersUpdated = "masters.updated";
    public const string DemoSeeded = "demo.seeded";

    /// <summary>A system setting was changed (<c>settings set</c>); details hold the old and new value.</summary>
    public const string SettingChanged = "setting.changed";

    /// <summary>A 所得判定 was made and stored (所得基準, 県市区分, 高額療養費 区分).</summary>
    public const string IncomeDetermined = "income.determined";

    /// <summary>A dated master row was added (マスタ管理).</summary>
    public const string MasterRowAdded = "master.row_added";

    /// <summary>A new figure of a dated master: the row in force ended and the new row started.</summary>
    public const string MasterFigureChanged = "master.figure_changed";

    /// <summary>A dated master row not yet in force was corrected.</summary>
    public const string MasterRowCorrected = "master.row_corrected";

    /// <summary>A dated master row got a last day.</summary>
    public const string MasterRowEnded = "master.row_ended";

    /// <summary>A dated master row not yet in force was withdrawn (an empty period, with a note).</summary>
    public const string MasterRowWithdrawn = "master.row_withdrawn";

    /// <summary>A master row added by the migration (移行) was completed by staff.</summary>
    public const string MasterRowCompleted = "master.row_completed";

    /// <summary>A bulk export of personal data was written for its user (P10); details: kind, purpose, criteria, rows, SHA-256.</summary>
    public const string ExportCreated = "export.created";

    /// <summary>A bulk export was refused because a value looked like a 個人番号 (P16); the file was destroyed.</summary>
    public const string ExportRefused = "export.refused";

    /// <summary>The audit log was searched (監査); details hold the criteria.</summary>
    public const string AuditSearched = "audit.searched";

    /// <summary>
    /// A document was printed (受給資格証 交付・再交付, 認定・却下・喪失通知書, 受付簿): which document, for
    /// whom (the subject), by whom; details hold the kind, pages and the PDF's SHA-256, never a name.
    /// </summary>
    public const string DocumentPrinted = "document.printed";

    /// <summary>新規申請の受付 (受付番号 in the 受付簿).</summary>
    public const string ApplicationReceived = "application.received";

    /// <summary>申請の認定 (決裁): 受給者番号 given.</summary>
    public const string ApplicationGranted = "application.granted";

    /// <summary>申請の却下 (決裁).</summary>
    public const string ApplicationRejected = "application.rejected";

    /// <summary>記載事項変更: an item of the 台帳 (氏名, 住所, 保険, 口座, 連絡先) changed from a date; details hold the item, the dates and the old and new values.</summary>
    public const string PersonChanged = "person.changed";

    /// <summary>訂正: an item of the 台帳 was recorded wrong and was corrected for its period; details hold the old and new values.</summary>
    public const string PersonCorrected = "person.corrected";

    /// <summary>A memo was added to a person (append-only); details hold its id and the memo it corrects, never its text.</summary>
    public const string MemoAdded = "person.memo_added";

    /// <summary>An inquiry (問合せ記録, P20) was recorded about a person.</summary>
    public const string InquiryRecorded = "person.inquiry_recorded";

    /// <summary>資格消滅: a recipient's eligibility ended (cause, event date, 喪失日, old and new status).</summary>
    public const string EligibilityLost = "eligibility.lost";

    /// <summary>A 資格喪失候補 was dismissed by staff with a reason (no loss).</summary>
    public const string LossCandidateDismissed = "eligibility.loss_candidate_dismissed";

    /// <summary>審査 ran for a 処理年月 (<c>review run</c>): counts per outcome and rule only.</summary>
    public const string ReviewRan = "review.ran";

    /// <summary>Staff approved (承認) a claim's 審査 result; details hold the old and new status.</summary>
    public const string ClaimReviewApproved = "review.approved";

    /// <summary>Staff rejected (否認) a claim with a reason; details hold the old and new status and the reason.</summary>
    public const string ClaimReviewRejected = "review.rejected";

    /// <summary>Staff corrected a claim's match (照合の訂正) to a recipient by 受給者番号; details hold the old and new recipient.</summary>
    public const string ClaimReviewRematched = "review.rematched";

    /// <summary>Staff approved every open claim of one rule in the queue's filter (一括承認); details hold the filter and the count.</summary>
    public const string ClaimReviewsBulkApproved = "review.bulk_approved";

    /// <summary>An API key was made for an external system (<c>apikeys add</c>); details: system, permissions, period; never the key.</summary>
    public const string ApiKeyCreated = "apikey.created";

    /// <summary>The API keys were listed (<c>apikeys list</c>).</summary>
    public const string ApiKeyListed = "apikey.listed";

    /// <summary>An API key was disabled (<c>apikeys disable</c>).</summary>
    public const string ApiKeyDisabled = "apikey.disabled";

    /// <summary>A payment run (支払処理) of a 処理年月 was prepared (again): pay date, preparation number, counts and totals.</summary>
    public const string PaymentRunPrepared = "payment.prepared";

    /// <summary>A payment run was approved (支払決定, 決裁): its claims became paid.</summary>
    public const string PaymentRunApproved = "payment.approved";

    /// <summary>A payment run's files were written (<c>payments export</c>): the files and their SHA-256.</summary>
    public const string PaymentRunExported = "payment.exported";

    /// <summary>A renewal step ran (<c>renew august|april --step forms|decide</c> or the 更新 page); details: kind, year, step and the counts.</summary>
    public const string RenewalStepRan = "renewal.step_ran";

    /// <summary>Renewal forms (更新申請書) were sent to households; details: year, households, the PDF's SHA-256.</summary>
    public const string RenewalFormsSent = "renewal.forms_sent";

    /// <summary>A returned renewal form was recorded for a household (subject: the head's 受給者番号); details: 受付日.</summary>
    public const string RenewalFormReturned = "renewal.form_returned";

    /// <summary>The decide step decided one household (subject: the head's 受給者番号); details: outcome, certificates, losses.</summary>
    public const string RenewalDecided = "renewal.decided";

    /// <summary>A 個人番号 was linked to a 宛名番号 in the 宛名 vault (subject: the 宛名番号); details: new, replaced or unchanged. Never the number.</summary>
    public const string AtenaLinked = "atena.linked";

    /// <summary>A 宛名番号 was looked up by 個人番号 (subject: the 宛名番号 found, none when not found); details: found. Never the number.</summary>
    public const string AtenaLookedUp = "atena.looked_up";

    /// <summary>個人番号 were revealed from the vault: purpose, count and the 宛名番号 (subject when one). Never the numbers.</summary>
    public const string AtenaRevealed = "atena.revealed";

    /// <summary>A 個人番号 link file was imported (<c>import atena</c>): counts only.</summary>
    public const string AtenaImported = "import.atena";

    /// <summary>The 宛名 key ring got a new version and every link was re-sealed and re-indexed (<c>atena rotate-keys</c>).</summary>
    public const string AtenaKeysRotated = "atena.keys_rotated";

    /// <summary>The 宛名 module issued a 宛名番号 for a 住登外 person (subject: the number issued); no details.</summary>
    public const string AtenaNumberIssued = "atena.number_issued";

    /// <summary>A 住登外 person was registered in the 台帳 with an issued 宛名番号 (subject: the person); details: 宛名番号.</summary>
    public const string NonResidentRegistered = "person.nonresident_registered";

    /// <summary>A 情報照会 allowed by the 照会許可照合リスト was recorded (subject: the person's 宛名番号); details: 事務, 特定個人情報, the allow-list row (P15).</summary>
    public const string NetworkInquiryRequested = "linkage.inquiry_requested";

    /// <summary>A 情報照会 was refused: not on the 照会許可照合リスト on its day (subject: the person); details: 事務, 特定個人情報, the day (P15).</summary>
    public const string NetworkInquiryRefused = "linkage.inquiry_refused";

    /// <summary>The answer of a 情報照会 was entered (subject: the person); details: the inquiry and the answer's length, never its text.</summary>
    public const string NetworkInquiryAnswered = "linkage.inquiry_answered";

    /// <summary>A データ利用申請 was made (subject: the request); details: 利用部署, view, items, period, 閲覧期限, 法的根拠 (P14).</summary>
    public const string DataUseRequested = "datause.requested";

    /// <summary>A データ利用申請 was approved by 決裁 (subject: the request).</summary>
    public const string DataUseApproved = "datause.approved";

    /// <summary>A データ利用申請 was not approved by 決裁 (subject: the request).</summary>
    public const string DataUseRejected = "datause.rejected";

    /// <summary>An approved data-use view was opened (subject: the request); details: view, items, number of rows.</summary>
    public const string DataUseViewed = "datause.viewed";

    /// <summary>A data-use view was refused (subject: the request); details: the reason (not approved, expired, not the requester …).</summary>
    public const string DataUseViewRefused = "datause.view_refused";

    /// <summary>The PMH 医療費助成対象者情報 was exported (<c>pmh export</c>); details: since, records written and deleted, persons left out; never a 個人番号.</summary>
    public const string PmhExported = "pmh.exported";

    /// <summary>A 本人開示 report (P19) of one person was produced (subject: the person); details: purpose, pages, the PDF's SHA-256.</summary>
    public const string PersonDisclosed = "person.disclosed";

    /// <summary>A statistics report (統計: 受給者数調査, 支払月報, 県補助金) was written or shown; details: report, its condition, format, SHA-256. Aggregates only.</summary>
    public const string StatisticsReportWritten = "statistics.report_written";

    /// <summary>A 再審査 result was recorded for a paid receipt (過誤調整); details: kind, corrected values, previous and new 助成額, difference, adjustment.</summary>
    public const string ClaimCorrected = "payment.claim_corrected";

    /// <summary>A file of 再審査 results was imported (all or nothing); details: file SHA-256, rows, total difference.</summary>
    public const string ClaimCorrectionsImported = "payment.corrections_imported";

    /// <summary>A retroactive loss of eligibility gave 過誤調整 decreases for paid receipts outside eligibility; details: receipts, amounts.</summary>
    public const string EligibilityAdjusted = "payment.eligibility_adjusted";

    /// <summary>A 返還請求 was made from outstanding decreases; details: number, payee, amount, adjustments, 納期限, reason.</summary>
    public const string RecoveryCreated = "recovery.created";

    /// <summary>A repayment (戻入) of a 返還請求 was recorded; details: date, amount, outstanding after.</summary>
    public const string RecoveryRepaid = "recovery.repaid";

    /// <summary>Reminders (督促) were issued for overdue 返還請求; details: the numbers and the new 指定期限.</summary>
    public const string RecoveryReminded = "recovery.reminded";

    /// <summary>What was outstanding of a 返還請求 was written off (不納欠損) by 決裁; details: amount, reason.</summary>
    public const string RecoveryWrittenOff = "recovery.written_off";

    /// <summary>A 返還請求書 was printed; details: the number and the PDF's SHA-256.</summary>
    public const string RecoveryDemandPrinted = "recovery.demand_printed";

    /// <summary>The list of 返還請求 for the 出納 section was written (CSV); details: as-of date, rows, totals.</summary>
    public const string RecoveryLedgerExported = "recovery.ledger_exported";

    /// <summary>A returned transfer (振込不能) was recorded by hand or from a file (subject: the payee's 受給者番号); details: month, amount, reason, source, the 再振込 adjustment.</summary>
    public const string PaymentReturnRecorded = "payment.return_recorded";

    /// <summary>A 振込不能 result file was imported (all or nothing); details: file, SHA-256, layout, rows.</summary>
    public const string PaymentReturnsImported = "payment.returns_imported";

    /// <summary>The 再振込 of a returned transfer was released to the next run after the account was corrected.</summary>
    public const string PaymentReturnReleased = "payment.return_released";

    /// <summary>A 現物給付 請求書 was recorded (or entered again) and reconciled; details: 機関, month, figures, differences.</summary>
    public const string InKindInvoiceRecorded = "payment.inkind_recorded";

    /// <summary>The 現物給付 settlement of a month was approved (決裁); details: invoices, amounts, fees.</summary>
    public const string InKindSettlementApproved = "payment.inkind_approved";

    /// <summary>The accounting lines of an approved 現物給付 settlement were written; details: file and SHA-256.</summary>
    public const string InKindSettlementExported = "payment.inkind_exported";

    /// <summary>An e-application (電子申請) was received (ADR 0029); details: externalId, children, persons matched; never a 個人番号.</summary>
    public const string EApplicationReceived = "eapplication.received";

    /// <summary>A received e-application's payload was purged once its 新規申請 was registered (P21); details: the 受付番号.</summary>
    public const string EApplicationPurged = "eapplication.purged";

    /// <summary>Staff looked at a received e-application (電子申請の一覧・登録 screens).</summary>
    public const string EApplicationViewed = "eapplication.viewed";

    /// <summary>Staff looked at what a residents import changed for recipients (住基異動 screen); details: the import.</summary>
    public const string ResidentChangesViewed = "residents.changes_viewed";

    /// <summary>Every event type declared above.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(AuditEventType)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    public static bool IsKnown(string eventType) => All.Contains(eventType, StringComparer.Ordinal);

    /// <summary>Whether <paramref name="eventType"/> has the shape of an event type (<c>a.b</c>, lowercase, digits and <c>_</c>).</summary>
    public static bool IsWellFormed(string eventType) => WellFormed().IsMatch(eventType);

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();
}
