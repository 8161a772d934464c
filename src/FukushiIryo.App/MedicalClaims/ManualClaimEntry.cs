using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Review;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Review;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.MedicalClaims;

/// <summary>
/// One row of the 償還払い入力 screen as typed: a receipt (領収書) of one 医療機関, 診療月, 入外 and 点数表.
/// Text fields are kept as typed so that each error can be shown beside its field; amounts may be
/// written with full-width digits and commas. A row whose text fields are all blank is ignored.
/// </summary>
public sealed class ManualClaimLine
{
    /// <summary>医療機関コード: 7 digits (奈良県) or 9 digits (都道府県 2 + 7).</summary>
    public string? ProviderCode { get; set; }

    public string? ProviderName { get; set; }

    /// <summary>診療年月: 和暦 (R8.10, 令和8年10月) or 西暦 (2026-10, 202610).</summary>
    public string? ServiceMonth { get; set; }

    public MedicalClaimSchedule Schedule { get; set; } = MedicalClaimSchedule.Medical;

    /// <summary>入外: 入院 when true.</summary>
    public bool Inpatient { get; set; }

    public string? DaysOfCare { get; set; }

    public string? Points { get; set; }

    /// <summary>医療費 in yen (訪問看護・療養費, or a receipt that shows no 点数).</summary>
    public string? MedicalCost { get; set; }

    /// <summary>窓口負担額 in yen (required).</summary>
    public string? PatientShare { get; set; }

    /// <summary>高額療養費 notice amount; blank = unknown.</summary>
    public string? HighCostRefund { get; set; }

    /// <summary>附加給付 notice amount; blank = unknown.</summary>
    public string? ExtraBenefit { get; set; }

    /// <summary>長期 (特定疾病療養受療証).</summary>
    public bool LongTerm { get; set; }

    internal bool IsBlank =>
        new[] { ProviderCode, ProviderName, ServiceMonth, DaysOfCare, Points, MedicalCost, PatientShare, HighCostRefund, ExtraBenefit }.All(string.IsNullOrWhiteSpace);
}

/// <summary>A validation error of the 償還払い入力 screen: <see cref="Row"/> is the 0-based row (−1 for the recipient), <see cref="Field"/> the <see cref="ManualClaimLine"/> property.</summary>
public sealed record ManualClaimError(int Row, string Field, string Message);

/// <summary>The recipient chosen on the screen, echoed with the name so staff see whom they enter for.</summary>
public sealed record ManualClaimRecipient(long Id, string RecipientNumber, string Name, DateOnly BirthDate);

/// <summary>One saved claim with its 審査 result.</summary>
public sealed record ManualClaimSaved(long ClaimId, int ServiceMonth, string ProviderCode, ReviewOutcome Outcome, IReadOnlyList<ReviewFinding> Findings);

/// <summary>The outcome of <see cref="ManualClaimEntry.SaveAsync"/>: errors (nothing saved) or the saved claims.</summary>
public sealed record ManualClaimResult(IReadOnlyList<ManualClaimError> Errors, IReadOnlyList<ManualClaimSaved> Saved, int ProcessingMonth)
{
    public bool Ok => Errors.Count == 0;
}

/// <summary>
/// 償還払い入力 (issue 11, manual claims; docs/adr/0020-manual-claims.md): a recipient's receipts entered by
/// staff become <see cref="MedicalClaim"/>s of source <see cref="MedicalClaimSource.Manual"/>, with 処理年月 = the
/// JST month in which they are accepted, linked to the chosen recipient (照合済), audited, and judged at once
/// by the same 審査 rules as imported claims (the result goes to the review queue). All or nothing: any
/// validation error saves nothing.
/// </summary>
public sealed class ManualClaimEntry(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>Why a manual claim is 照合済.</summary>
    public const string MatchReasonText = "職員が受給者を選んで入力（償還払い）";

    /// <summary>The recipient of <paramref name="recipientNumber"/> with the current name, or null.</summary>
    public async Task<ManualClaimRecipient?> FindRecipientAsync(string? recipientNumber, CancellationToken cancellationToken = default)
    {
        var number = MedicalClaimMatching.Clean(Normalized(recipientNumber));
        if (number is null)
        {
            return null;
        }

        var recipient = await db.Recipients.AsNoTracking().Where(r => r.RecipientNumber == number)
            .Select(r => new { r.Id, r.RecipientNumber, r.PersonId }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (recipient is null)
        {
            return null;
        }

        var person = (await db.PersonRecords.AsNoTracking().Current().Where(p => p.PersonId == recipient.PersonId)
            .Select(p => new { p.ValidFrom, p.Name, p.BirthDate }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderByDescending(p => p.ValidFrom).FirstOrDefault();
        return person is null ? null : new ManualClaimRecipient(recipient.Id, recipient.RecipientNumber, person.Name, person.BirthDate);
    }

    /// <summary>
    /// The echo of the screen: <see cref="FindRecipientAsync"/> recorded as a 宛名検索 by 受給者番号
    /// (<see cref="AuditEventType.PersonSearched"/>), since it shows a name and birth date for a number typed.
    /// </summary>
    public async Task<ManualClaimRecipient?> LookUpAsync(string? recipientNumber, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var recipient = await FindRecipientAsync(recipientNumber, cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.PersonSearched, Details: new Dictionary<string, object?>
        {
            ["screen"] = "claims.manual",
            ["recipientNumber"] = MedicalClaimMatching.Clean(Normalized(recipientNumber)),
            ["total"] = recipient is null ? 0 : 1,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return recipient;
    }

    /// <summary>The 処理年月 a claim accepted now gets: today's month in JST, as YYYYMM.</summary>
    public int ProcessingMonthNow() => ReviewRun.MonthKey(YearMonth.Of(JstClock.Today(clock)));

    /// <summary>
    /// Validates every row; when all are valid, saves them for the recipient, reviews each by the 審査 rules
    /// and writes one audit entry, in one transaction. On any error nothing is saved.
    /// </summary>
    public async Task<ManualClaimResult> SaveAsync(string? recipientNumber, IReadOnlyList<ManualClaimLine> lines, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        int processingMonth = ProcessingMonthNow();
        var errors = new List<ManualClaimError>();
        var recipient = await FindRecipientAsync(recipientNumber, cancellationToken).ConfigureAwait(false);
        if (recipient is null)
        {
            errors.Add(new ManualClaimError(-1, "RecipientNumber", string.IsNullOrWhiteSpace(recipientNumber) ? "受給者番号を入力してください。" : "その受給者番号の受給者はいません。"));
        }

        var claims = new List<MedicalClaim>();
        for (int row = 0; row < lines.Count; row++)
        {
            if (lines[row] is { IsBlank: false } line && Read(line, row, processingMonth, errors) is { } claim)
            {
                claims.Add(claim);
            }
        }

        if (errors.Count == 0 && claims.Count == 0)
        {
            errors.Add(new ManualClaimError(0, nameof(ManualClaimLine.ProviderCode), "領収書を1行以上入力してください。"));
        }

        if (errors.Count > 0)
        {
            return new ManualClaimResult(errors, [], processingMonth);
        }

        var now = AppClock.Now(clock);
        foreach (var claim in claims)
        {
            claim.ProcessingMonth = processingMonth;
            claim.RecipientId = recipient!.Id;
            claim.RecipientNumber = recipient.RecipientNumber;
            claim.BirthDate = recipient.BirthDate;
            claim.MatchStatus = MedicalClaimMatchStatus.Matched;
            claim.MatchReason = MatchReasonText;
            claim.EnteredBy = actor;
            claim.ImportedAt = now;
        }

        var saved = new List<ManualClaimSaved>();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            db.MedicalClaims.AddRange(claims);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var review = new ReviewRun(db, clock);
            foreach (var claim in claims)
            {
                // One by one: a later row of the same entry is compared with the earlier ones (R02).
                var result = await review.ReviewClaimAsync(claim, cancellationToken).ConfigureAwait(false);
                db.ClaimReviews.Add(ReviewRun.Store(claim, result, now, actor));
                saved.Add(new ManualClaimSaved(claim.Id, claim.ServiceMonth, claim.ProviderCode, result.Outcome, result.Findings));
            }

            db.AddAudit(new AuditEntry(actor, AuditEventType.ManualClaimsEntered, "recipient", recipient!.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
            {
                ["recipientNumber"] = recipient.RecipientNumber,
                ["processingMonth"] = processingMonth,
                ["claims"] = claims.Select(c => new Dictionary<string, object?>
                {
                    ["id"] = c.Id,
                    ["serviceMonth"] = c.ServiceMonth,
                    ["provider"] = c.ProviderCode,
                    ["points"] = c.Points,
                    ["medicalCost"] = c.MedicalCost,
                    ["patientShare"] = c.PatientShare,
                    ["outcome"] = saved.Single(s => s.ClaimId == c.Id).Outcome.ToString(),
                }).ToList(),
            }));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        db.ChangeTracker.Clear();
        return new ManualClaimResult([], saved, processingMonth);
    }

    private static MedicalClaim? Read(ManualClaimLine line, int row, int processingMonth, List<ManualClaimError> errors)
    {
        int before = errors.Count;
        void Error(string field, string message) => errors.Add(new ManualClaimError(row, field, message));

        var code = Normalized(line.ProviderCode).Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        string prefecture = MedicalClaimsImport.CityPrefectureCode;
        if (string.IsNullOrEmpty(code))
        {
            Error(nameof(line.ProviderCode), "医療機関コードを入力してください。");
        }
        else if (code.Length == 9 && code.All(char.IsAsciiDigit))
        {
            prefecture = code[..2];
            code = code[2..];
        }
        else if (code.Length != 7 || !code.All(char.IsAsciiDigit))
        {
            Error(nameof(line.ProviderCode), "医療機関コードは7桁（県外は都道府県2桁を付けた9桁）の数字で入力してください。");
        }

        var name = Normalized(line.ProviderName);
        if (name.Length > 200)
        {
            Error(nameof(line.ProviderName), "医療機関名は200文字以内で入力してください。");
        }

        int serviceMonth = 0;
        var month = ImportDate.TryParseMonth(line.ServiceMonth);
        if (!month.IsSuccess)
        {
            Error(nameof(line.ServiceMonth), month.Error == DateParseError.Empty
                ? "診療年月を入力してください（R8.10 または 2026-10）。"
                : $"診療年月を読めません（R8.10 または 2026-10）: {month.ErrorMessage}");
        }
        else if ((serviceMonth = ReviewRun.MonthKey(month.Value)) > processingMonth)
        {
            Error(nameof(line.ServiceMonth), "診療年月が今月より後です。");
        }

        var days = Number(line.DaysOfCare, nameof(line.DaysOfCare), "実日数", 31, Error);
        var points = Number(line.Points, nameof(line.Points), "点数", 99_999_999, Error);
        var cost = Number(line.MedicalCost, nameof(line.MedicalCost), "医療費", 9_999_999_999, Error);
        var share = Number(line.PatientShare, nameof(line.PatientShare), "窓口負担額", 9_999_999_999, Error);
        var highCost = Number(line.HighCostRefund, nameof(line.HighCostRefund), "高額療養費", 9_999_999_999, Error);
        var extra = Number(line.ExtraBenefit, nameof(line.ExtraBenefit), "附加給付", 9_999_999_999, Error);
        bool yenOnly = line.Schedule is MedicalClaimSchedule.HomeNursing or MedicalClaimSchedule.CareAllowance;
        if (yenOnly && !string.IsNullOrWhiteSpace(line.Points))
        {
            Error(nameof(line.Points), "訪問看護・療養費は点数ではなく医療費（円）で入力してください。");
        }
        else if (string.IsNullOrWhiteSpace(line.Points) && string.IsNullOrWhiteSpace(line.MedicalCost))
        {
            Error(yenOnly ? nameof(line.MedicalCost) : nameof(line.Points), yenOnly ? "医療費を入力してください。" : "点数または医療費を入力してください。");
        }

        if (string.IsNullOrWhiteSpace(line.PatientShare))
        {
            Error(nameof(line.PatientShare), "窓口負担額を入力してください。");
        }

        if (yenOnly && line.Inpatient)
        {
            Error(nameof(line.Inpatient), "訪問看護・療養費は外来です。");
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new MedicalClaim
        {
            Source = MedicalClaimSource.Manual,
            SourceLine = row + 1,
            ServiceMonth = serviceMonth,
            ProviderCode = code!,
            PrefectureCode = prefecture,
            ProviderName = name.Length == 0 ? null : name,
            Schedule = line.Schedule,
            Inpatient = line.Inpatient,
            DaysOfCare = (int?)days,
            Points = points,
            MedicalCost = cost,
            PatientShare = share,
            HighCostRefund = highCost,
            ExtraBenefit = extra,
            LongTerm = line.LongTerm,
            RawRecords = RawText(line),
        };
    }

    private static long? Number(string? text, string field, string label, long max, Action<string, string> error)
    {
        var s = Digits(text);
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }

        if (!s.All(char.IsAsciiDigit) || !long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > max)
        {
            error(field, $"{label}は0以上の整数で入力してください。");
            return null;
        }

        return value;
    }

    /// <summary>NFKC and trimmed as every import reads text ("" for null); an input that cannot be normalised is kept as typed.</summary>
    private static string Normalized(string? text) => ImportDate.Normalize(text) ?? text!.Trim();

    /// <summary>Normalised with the thousands commas staff type removed and a trailing 円, 点 or 日 dropped.</summary>
    private static string Digits(string? text) =>
        Normalized(text).Replace(",", "", StringComparison.Ordinal).TrimEnd('円', '点', '日').Trim();

    /// <summary>The row as typed, one "列=値" a line, like an autopay row's <see cref="MedicalClaim.RawRecords"/>.</summary>
    private static string RawText(ManualClaimLine line) => string.Join("\n", new (string Column, string? Value)[]
    {
        ("医療機関コード", line.ProviderCode), ("医療機関名", line.ProviderName), ("診療年月", line.ServiceMonth),
        ("点数表", line.Schedule.ToString()), ("入外区分", line.Inpatient ? "入院" : "外来"), ("実日数", line.DaysOfCare),
        ("点数", line.Points), ("医療費", line.MedicalCost), ("窓口負担額", line.PatientShare), ("高額療養費", line.HighCostRefund),
        ("附加給付", line.ExtraBenefit), ("長期", line.LongTerm ? "1" : "0"),
    }.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)).Select(pair => pair.Column + "=" + pair.Value!.Trim()));
}
