using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Payments;
using FukushiIryo.Formats.Payments;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Payments;

/// <summary>A 再審査 result to record: the receipt, what happened, and the corrected values (null = unchanged).</summary>
public sealed record ClaimCorrectionRequest(
    long MedicalClaimId,
    ClaimCorrectionKind Kind,
    DateOnly DecidedOn,
    string Reason,
    long? Points = null,
    long? PatientShare = null,
    long? HighCostRefund = null,
    long? ExtraBenefit = null,
    long? OtherPublicAmount = null);

/// <summary>What a 再審査 result changes: the 助成額 paid until now, the new one, the difference and the steps.</summary>
public sealed record ClaimCorrectionPreview(
    long MedicalClaimId,
    long PayeeRecipientId,
    long RecipientId,
    long PreviousSubsidy,
    long NewSubsidy,
    long Copayment,
    IReadOnlyList<SubsidyStep> Steps)
{
    public long Difference => NewSubsidy - PreviousSubsidy;
}

/// <summary>A 再審査 result refused (exit 1): the receipt is not paid, was withdrawn, or a value is wrong.</summary>
public sealed class ClaimCorrectionRefusedException(string message) : InvalidOperationException(message);

/// <summary>One row of an imported file of 再審査 results: its outcome or why it was refused.</summary>
public sealed record ClaimCorrectionRowReport(long Line, long? MedicalClaimId, long? PreviousSubsidy, long? NewSubsidy, string? Error)
{
    public long? Difference => NewSubsidy - PreviousSubsidy;
}

/// <summary>An import of 再審査 results: recorded only when every row is good (all or nothing).</summary>
public sealed record ClaimCorrectionImportResult(bool Imported, string Sha256, IReadOnlyList<ClaimCorrectionRowReport> Rows)
{
    public long TotalDifference => Rows.Sum(r => r.Difference ?? 0);
}

/// <summary>
/// 過誤調整 from 再審査 results (ADR 0033): a paid receipt corrected or withdrawn by the 審査支払機関 gets a
/// new version of its values (<see cref="ClaimCorrection"/>), its 助成額 is recomputed by
/// <see cref="SubsidyComputation"/> with the same master terms and with the 一部負担金 that the other paid
/// receipts of its group (recipient × institution × 診療月 × kind) were charged, and the difference from
/// what was paid becomes a <see cref="PaymentAdjustment"/> (追給 or 減額) for the next run. The paid line
/// and the receipt are never edited.
/// </summary>
public sealed class ClaimCorrections(FukushiDbContext db, TimeProvider clock)
{
    /// <summary><see cref="PaymentAdjustment.SourceType"/> of a 再審査 difference.</summary>
    public const string SourceType = "claim-correction";

    private static readonly JsonSerializerOptions StepsJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>What recording <paramref name="request"/> would do, without recording it.</summary>
    /// <exception cref="ClaimCorrectionRefusedException">The receipt is not paid, was withdrawn or lost eligibility, or a value is negative.</exception>
    public async Task<ClaimCorrectionPreview> PreviewAsync(ClaimCorrectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = await StateAsync(request, cancellationToken).ConfigureAwait(false);
        return state.Preview;
    }

    /// <summary>Records a 再審査 result entered by staff; returns it (with its adjustment when the difference is not 0).</summary>
    public async Task<ClaimCorrection> RecordAsync(ClaimCorrectionRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        db.ChangeTracker.Clear();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var state = await StateAsync(request, cancellationToken).ConfigureAwait(false);
                var correction = await AddAsync(request, state, actor, "manual", null, null, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return correction;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// Imports a file of 再審査 results (docs/formats/claim-corrections.md). Every row is checked and
    /// computed first; when any row is refused nothing is recorded and the report says why, row by row.
    /// </summary>
    public async Task<ClaimCorrectionImportResult> ImportAsync(Stream file, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        buffer.Position = 0;
        var parsed = ClaimCorrectionCsv.Read(buffer);
        db.ChangeTracker.Clear();

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var reports = new List<ClaimCorrectionRowReport>();
                var good = new List<(ClaimCorrectionRow Row, ClaimCorrectionRequest Request, CorrectionState State)>();
                var seen = new HashSet<long>();
                foreach (var row in parsed.Rows)
                {
                    if (row.Problem is not null)
                    {
                        reports.Add(new ClaimCorrectionRowReport(row.Line, row.MedicalClaimId, null, null, row.Problem));
                        continue;
                    }

                    if (!seen.Add(row.MedicalClaimId))
                    {
                        reports.Add(new ClaimCorrectionRowReport(row.Line, row.MedicalClaimId, null, null, "同じレセプトIDの行が前にあります（1ファイルに1レセプト1行）。"));
                        continue;
                    }

                    var request = new ClaimCorrectionRequest(
                        row.MedicalClaimId, row.Withdrawn ? ClaimCorrectionKind.Withdrawn : ClaimCorrectionKind.Corrected, row.DecidedOn, row.Reason,
                        row.Points, row.PatientShare, row.HighCostRefund, row.ExtraBenefit, row.OtherPublicAmount);
                    try
                    {
                        var state = await StateAsync(request, cancellationToken).ConfigureAwait(false);
                        good.Add((row, request, state));
                        reports.Add(new ClaimCorrectionRowReport(row.Line, row.MedicalClaimId, state.Preview.PreviousSubsidy, state.Preview.NewSubsidy, null));
                    }
                    catch (ClaimCorrectionRefusedException refused)
                    {
                        reports.Add(new ClaimCorrectionRowReport(row.Line, row.MedicalClaimId, null, null, refused.Message));
                    }
                }

                if (parsed.FileProblem is { } fileProblem)
                {
                    reports.Insert(0, new ClaimCorrectionRowReport(0, null, null, null, fileProblem));
                }

                if (reports.Any(r => r.Error is not null) || good.Count == 0)
                {
                    if (good.Count == 0 && reports.Count == 0)
                    {
                        reports.Add(new ClaimCorrectionRowReport(0, null, null, null, "再審査結果の行がありません。"));
                    }

                    return new ClaimCorrectionImportResult(false, sha256, reports);
                }

                foreach (var (row, request, state) in good)
                {
                    await AddAsync(request, state, actor, "import", row.Line, sha256, cancellationToken).ConfigureAwait(false);
                }

                var result = new ClaimCorrectionImportResult(true, sha256, reports);
                db.AddAudit(new AuditEntry(actor, AuditEventType.ClaimCorrectionsImported, "claim-corrections", sha256, new Dictionary<string, object?>
                {
                    ["sha256"] = sha256,
                    ["rows"] = reports.Count,
                    ["totalDifference"] = result.TotalDifference,
                }));
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return result;
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The corrections of a receipt, oldest first.</summary>
    public async Task<IReadOnlyList<ClaimCorrection>> ForClaimAsync(long medicalClaimId, CancellationToken cancellationToken = default) =>
        await db.ClaimCorrections.AsNoTracking().Where(c => c.MedicalClaimId == medicalClaimId).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The latest corrections, newest first.</summary>
    public async Task<IReadOnlyList<ClaimCorrection>> RecentAsync(int take = 200, CancellationToken cancellationToken = default) =>
        await db.ClaimCorrections.AsNoTracking().OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// What has been paid for a receipt so far: its paid line's 助成額 plus every adjustment of the receipt
    /// not cancelled (再審査 and 資格 differences). Null when the receipt was never paid.
    /// </summary>
    internal static async Task<(PaymentLine Line, long Net)?> PaidSoFarAsync(FukushiDbContext db, long medicalClaimId, CancellationToken cancellationToken)
    {
        var line = await db.PaymentLines.AsNoTracking()
            .Where(l => db.PaidClaims.Any(p => p.MedicalClaimId == medicalClaimId && p.PaymentLineId == l.Id))
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (line is null)
        {
            return null;
        }

        long adjusted = (await db.PaymentAdjustments.AsNoTracking()
            .Where(a => a.MedicalClaimId == medicalClaimId && a.Status != PaymentAdjustmentStatus.Cancelled
                && (a.SourceType == SourceType || a.SourceType == EligibilityAdjustments.SourceType))
            .Select(a => a.Amount).ToListAsync(cancellationToken).ConfigureAwait(false)).Sum();
        return (line, line.Subsidy + adjusted);
    }

    private async Task<ClaimCorrection> AddAsync(
        ClaimCorrectionRequest request, CorrectionState state, string actor, string source, long? line, string? sha256, CancellationToken cancellationToken)
    {
        var now = AppClock.Now(clock);
        var preview = state.Preview;
        var correction = new ClaimCorrection
        {
            MedicalClaimId = request.MedicalClaimId,
            PreviousCorrectionId = state.PreviousCorrectionId,
            Kind = request.Kind,
            DecidedOn = request.DecidedOn,
            Source = source,
            SourceLine = line,
            SourceFileSha256 = sha256,
            Points = request.Points,
            PatientShare = request.PatientShare,
            HighCostRefund = request.HighCostRefund,
            ExtraBenefit = request.ExtraBenefit,
            OtherPublicAmount = request.OtherPublicAmount,
            PreviousSubsidy = preview.PreviousSubsidy,
            NewSubsidy = preview.NewSubsidy,
            Copayment = preview.Copayment,
            Difference = preview.Difference,
            StepsJson = JsonSerializer.Serialize(preview.Steps.Select(s => new Dictionary<string, object> { ["項目"] = s.Label, ["金額"] = s.Amount }), StepsJson),
            Reason = request.Reason.Trim(),
            RecordedBy = actor,
            RecordedAt = now,
        };
        db.ClaimCorrections.Add(correction);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (preview.Difference != 0)
        {
            var adjustment = new PaymentAdjustment
            {
                PayeeRecipientId = preview.PayeeRecipientId,
                RecipientId = preview.RecipientId,
                MedicalClaimId = request.MedicalClaimId,
                Kind = preview.Difference > 0 ? PaymentAdjustmentKind.CorrectionIncrease : PaymentAdjustmentKind.CorrectionDecrease,
                Amount = preview.Difference,
                Status = PaymentAdjustmentStatus.Pending,
                Reason = Text($"再審査（{(request.Kind == ClaimCorrectionKind.Withdrawn ? "取下げ" : "訂正")}、決定日 {request.DecidedOn:yyyy-MM-dd}）: 助成額 {preview.PreviousSubsidy:N0}円 → {preview.NewSubsidy:N0}円"),
                SourceType = SourceType,
                SourceId = correction.Id.ToString(CultureInfo.InvariantCulture),
                CreatedBy = actor,
                CreatedAt = now,
            };
            db.PaymentAdjustments.Add(adjustment);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            correction.PaymentAdjustmentId = adjustment.Id;
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.ClaimCorrected, "medical-claim", request.MedicalClaimId.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["correction"] = correction.Id,
            ["kind"] = request.Kind.ToString(),
            ["decidedOn"] = request.DecidedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["source"] = source,
            ["points"] = request.Points,
            ["patientShare"] = request.PatientShare,
            ["highCostRefund"] = request.HighCostRefund,
            ["extraBenefit"] = request.ExtraBenefit,
            ["otherPublicAmount"] = request.OtherPublicAmount,
            ["previousSubsidy"] = preview.PreviousSubsidy,
            ["newSubsidy"] = preview.NewSubsidy,
            ["difference"] = preview.Difference,
            ["adjustment"] = correction.PaymentAdjustmentId,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return correction;
    }

    private async Task<CorrectionState> StateAsync(ClaimCorrectionRequest request, CancellationToken cancellationToken)
    {
        if (new[] { request.Points, request.PatientShare, request.HighCostRefund, request.ExtraBenefit, request.OtherPublicAmount }.Any(v => v < 0))
        {
            throw new ClaimCorrectionRefusedException("金額・点数に負の値は入力できません。");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new ClaimCorrectionRefusedException("再審査の理由（減点・取下げの事由など）を入力してください。");
        }

        if (request.Kind == ClaimCorrectionKind.Corrected
            && request is { Points: null, PatientShare: null, HighCostRefund: null, ExtraBenefit: null, OtherPublicAmount: null })
        {
            throw new ClaimCorrectionRefusedException("訂正する値（点数・保険自己負担額・高額療養費・附加給付・他公費負担額）を1つ以上入力してください。");
        }

        var claim = await db.MedicalClaims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.MedicalClaimId, cancellationToken).ConfigureAwait(false)
            ?? throw new ClaimCorrectionRefusedException(Text($"レセプトID {request.MedicalClaimId} のレセプトはありません。"));
        var paid = await PaidSoFarAsync(db, claim.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new ClaimCorrectionRefusedException(Text($"レセプトID {claim.Id} はまだ支払われていません。未払のレセプトは審査（否認・照合の訂正）で扱います。"));
        var (line, net) = paid;
        if (await db.PaymentAdjustments.AnyAsync(a => a.MedicalClaimId == claim.Id && a.SourceType == EligibilityAdjustments.SourceType && a.Status != PaymentAdjustmentStatus.Cancelled, cancellationToken).ConfigureAwait(false))
        {
            throw new ClaimCorrectionRefusedException(Text($"レセプトID {claim.Id} は資格の遡及喪失により助成額を全額減額済みです。"));
        }

        var earlier = await db.ClaimCorrections.AsNoTracking().Where(c => c.MedicalClaimId == claim.Id).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (earlier.Any(c => c.Kind == ClaimCorrectionKind.Withdrawn))
        {
            throw new ClaimCorrectionRefusedException(Text($"レセプトID {claim.Id} は取下げ済みです。"));
        }

        if (request.Kind == ClaimCorrectionKind.Withdrawn)
        {
            return new CorrectionState(
                new ClaimCorrectionPreview(claim.Id, line.PayeeRecipientId, line.RecipientId, net, 0, 0, [new SubsidyStep("取下げ（助成の対象外）", 0), new SubsidyStep("＝ 助成額", 0)]),
                earlier.LastOrDefault()?.Id);
        }

        // The receipt as corrected so far: its values overlaid by each correction in order, then this one.
        foreach (var values in earlier.Select(c => (c.Points, c.PatientShare, c.HighCostRefund, c.ExtraBenefit, c.OtherPublicAmount))
            .Append((request.Points, request.PatientShare, request.HighCostRefund, request.ExtraBenefit, request.OtherPublicAmount)))
        {
            claim.Points = values.Points ?? claim.Points;
            claim.PatientShare = values.PatientShare ?? claim.PatientShare;
            claim.HighCostRefund = values.HighCostRefund ?? claim.HighCostRefund;
            claim.ExtraBenefit = values.ExtraBenefit ?? claim.ExtraBenefit;
            claim.OtherPublicAmount = values.OtherPublicAmount ?? claim.OtherPublicAmount;
        }

        IReadOnlyList<SubsidyClaim> inputs;
        try
        {
            inputs = await new ClaimSubsidyTerms(db).BuildAsync([claim], cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is MasterDataMissingException or ArgumentException)
        {
            throw new ClaimCorrectionRefusedException(Text($"レセプトID {claim.Id} の助成額を算定できません: {exception.Message}"));
        }

        var history = await GroupHistoryAsync(line, cancellationToken).ConfigureAwait(false);
        var result = SubsidyComputation.Compute(inputs, history)[0];
        return new CorrectionState(
            new ClaimCorrectionPreview(claim.Id, line.PayeeRecipientId, line.RecipientId, net, result.Subsidy, result.Copayment, result.Steps),
            earlier.LastOrDefault()?.Id);
    }

    /// <summary>
    /// The 一部負担金 and 長期 self-pay that the OTHER paid receipts of the line's group carry (a receipt
    /// corrected since: its latest correction's 一部負担金): the corrected receipt bears what they left.
    /// </summary>
    private async Task<SubsidyHistory> GroupHistoryAsync(PaymentLine line, CancellationToken cancellationToken)
    {
        var others = await db.PaymentLines.AsNoTracking()
            .Where(l => l.RecipientId == line.RecipientId && l.ProviderCode == line.ProviderCode && l.ServiceMonth == line.ServiceMonth
                && l.MedicalClaimId != line.MedicalClaimId && db.PaidClaims.Any(p => p.PaymentLineId == l.Id))
            .Select(l => new { l.MedicalClaimId, l.Kind, l.Copayment, l.LongTerm, l.SelfPay, l.LongTermReduction })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var otherIds = others.Select(o => o.MedicalClaimId).ToList();
        var corrected = (await db.ClaimCorrections.AsNoTracking().Where(c => otherIds.Contains(c.MedicalClaimId))
                .Select(c => new { c.Id, c.MedicalClaimId, c.Copayment }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .GroupBy(c => c.MedicalClaimId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Id).Last().Copayment);
        var month = YearMonth.FromNumber(line.ServiceMonth);
        var copayment = new Dictionary<CopaymentGroup, long>();
        var longTerm = new Dictionary<LongTermGroup, long>();
        foreach (var other in others)
        {
            var group = new CopaymentGroup(line.RecipientId, line.ProviderCode, month, other.Kind);
            copayment[group] = copayment.GetValueOrDefault(group) + (corrected.TryGetValue(other.MedicalClaimId, out var now) ? now : other.Copayment);
            if (other.LongTerm)
            {
                var longGroup = new LongTermGroup(line.RecipientId, line.ProviderCode, month);
                longTerm[longGroup] = longTerm.GetValueOrDefault(longGroup) + (other.SelfPay - other.LongTermReduction);
            }
        }

        return new SubsidyHistory(copayment, longTerm);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record CorrectionState(ClaimCorrectionPreview Preview, long? PreviousCorrectionId);
}
