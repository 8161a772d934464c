using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Importing;
using FukushiIryo.App.Masters;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Formats.Common;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Uke;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.MedicalClaims;

/// <summary>Which reader a claims file takes (interfaces.md §5 <c>--layout uke|autopay|LAYOUT.json</c>).</summary>
public enum MedicalClaimFileFormat
{
    Uke,
    Autopay,
}

/// <summary>
/// <c>fukushi import claims</c> (UKE or autopay) and <c>fukushi import paid-receipts</c> (interfaces.md
/// §0, §5; docs/adr/0015-receipts-import.md). All-or-nothing per file, read twice, streaming: pass 1
/// checks every claim (a file error rejects the whole file); pass 2 matches each batch against the
/// candidates loaded for it (<see cref="MedicalClaimMatching"/>) and writes it through <see cref="BulkInsert"/>,
/// in one transaction with the file's 取込履歴 row and its audit entry. Claims matching no recipient
/// are kept as 照合不能; doubtful contents are warnings kept on the claim, for the check rules.
/// </summary>
public sealed class MedicalClaimsImport(FukushiDbContext db, TimeProvider clock)
{
    public const string UkeKind = "uke";
    public const string AutopayKind = "autopay";
    public const string PaidKind = "paid-receipts";

    /// <summary>奈良県: the 都道府県 of autopay rows without one.</summary>
    public const string CityPrefectureCode = "29";

    /// <summary>Receives the number of claims written so far (pass 2).</summary>
    public IProgress<long>? Progress { get; init; }

    /// <summary>
    /// A file with at least this many claims is matched against the whole ledger (台帳), loaded and indexed
    /// once, instead of the candidates of each batch queried for it (ADR 0025, 2026-11-29 session 5).
    /// </summary>
    public long WholeLedgerFrom { get; init; } = BatchWriter.DefaultWholeLedgerFrom;

    /// <summary>
    /// The format of <paramref name="path"/>: <paramref name="layout"/> <c>uke</c> or <c>autopay</c> as given,
    /// a layout file (.json) = autopay; without one, by extension (<c>.UKE</c> → uke, <c>.csv</c> → autopay),
    /// else by content (a first record beginning <c>IR,</c>, <c>UK,</c> or <c>YK,</c> is UKE).
    /// </summary>
    public static MedicalClaimFileFormat Detect(string path, string? layout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (layout is not null)
        {
            return layout.Equals("uke", StringComparison.OrdinalIgnoreCase) ? MedicalClaimFileFormat.Uke : MedicalClaimFileFormat.Autopay;
        }

        var extension = Path.GetExtension(path);
        if (extension.Equals(".uke", StringComparison.OrdinalIgnoreCase))
        {
            return MedicalClaimFileFormat.Uke;
        }

        if (extension.Equals(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return MedicalClaimFileFormat.Autopay;
        }

        using var stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[3];
        int read = stream.ReadAtLeast(start, 3, throwOnEndOfStream: false);
        return read == 3 && start[2] == (byte)',' && (start[..2].SequenceEqual("IR"u8) || start[..2].SequenceEqual("UK"u8) || start[..2].SequenceEqual("YK"u8))
            ? MedicalClaimFileFormat.Uke
            : MedicalClaimFileFormat.Autopay;
    }

    /// <summary><c>import claims</c>: <paramref name="request"/>.LayoutPath is a layout file for autopay, or null.</summary>
    public async Task<ImportResult> RunAsync(ImportRequest request, YearMonth processingMonth, MedicalClaimFileFormat format, string source = "kokuhoren", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return format == MedicalClaimFileFormat.Uke
            ? await RunUkeAsync(request, processingMonth, cancellationToken).ConfigureAwait(false)
            : await RunRowsAsync(request, AutopayKind, processingMonth, source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>import paid-receipts</c>: history migrated from the previous system (システム管理).</summary>
    public Task<ImportResult> RunPaidAsync(ImportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunRowsAsync(request, PaidKind, null, null, cancellationToken);
    }

    private async Task<ImportResult> RunRowsAsync(ImportRequest request, string kind, YearMonth? processingMonth, string? source, CancellationToken cancellationToken)
    {
        using var opening = await ImportOpening.OpenAsync(db, kind, request, cancellationToken).ConfigureAwait(false);
        var (file, result) = (opening.File, opening.Result);
        if (!opening.CanRead)
        {
            return result;
        }

        using (PhaseTimes.Start("import.pass1"))
        {
            foreach (var record in file.Records())
            {
                result.RowsRead++;
                var problems = new List<ImportProblem>();
                _ = kind == PaidKind ? AutopayRows.ReadPaid(record, CityPrefectureCode, problems)?.Claim : AutopayRows.Read(record, CityPrefectureCode, problems);
                result.AddRange(problems);
            }
        }

        if (Finished(request, result))
        {
            return result;
        }

        var now = AppClock.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var importedFile = await opening.RegisterAsync(db, kind, request.Actor, now, cancellationToken).ConfigureAwait(false);
        var writer = new BatchWriter(db, Progress, result.RowsRead, WholeLedgerFrom);
        await writer.LoadPayersAsync(cancellationToken).ConfigureAwait(false);
        var pass2 = PhaseTimes.Start("import.pass2");
        foreach (var record in file.Records())
        {
            var problems = new List<ImportProblem>();
            MedicalClaim receipt;
            if (kind == PaidKind)
            {
                var paid = AutopayRows.ReadPaid(record, CityPrefectureCode, problems)!;
                receipt = FromRow(paid.Claim, MedicalClaimSource.PaidMigrated, null, YearMonth.Of(paid.PaidOn), problems, record);
                receipt.PaidOn = paid.PaidOn;
                receipt.SubsidyAmount = paid.SubsidyAmount;
            }
            else
            {
                var row = AutopayRows.Read(record, CityPrefectureCode, problems)!;
                receipt = FromRow(row, MedicalClaimSource.Autopay, source, processingMonth!.Value, problems, record);
            }

            receipt.ImportedFileId = importedFile.Id;
            receipt.ImportedAt = now;
            await writer.AddAsync(receipt, cancellationToken).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        writer.ReleaseLedger();
        pass2.Dispose();
        result.Inserted = (int)writer.Written;
        opening.Complete(db, importedFile);
        await FinishAsync(request, kind, importedFile, result, writer, processingMonth, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        result.Status = ImportStatus.Imported;
        return result;
    }

    private async Task<ImportResult> RunUkeAsync(ImportRequest request, YearMonth processingMonth, CancellationToken cancellationToken)
    {
        var encoding = request.Encoding ?? EncodingChoice.Auto;
        string sha256;
        await using (var stream = File.OpenRead(request.FilePath))
        {
            sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }

        var result = new ImportResult { FileName = Path.GetFileName(request.FilePath), Sha256 = sha256 };
        if (await db.ImportedFiles.AnyAsync(f => f.Kind == UkeKind && f.Sha256 == sha256, cancellationToken).ConfigureAwait(false))
        {
            result.Status = ImportStatus.AlreadyImported;
            return result;
        }

        using (var reader = UkeReader.Open(request.FilePath, encoding))
        {
            UkeHeader? header = null;
            foreach (var claim in reader.Claims())
            {
                result.RowsRead++;
                if (!ReferenceEquals(header, claim.Header))
                {
                    header = claim.Header;
                    result.AddRange(header.Warnings);
                }

                result.AddRange(claim.Warnings);
            }

            result.AddRange(reader.Errors);
        }

        if (Finished(request, result))
        {
            return result;
        }

        var now = AppClock.Now(clock);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var importedFile = new ImportedFile { Kind = UkeKind, FileName = result.FileName, Sha256 = sha256, ImportedAt = now, ImportedBy = request.Actor };
        db.ImportedFiles.Add(importedFile);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var writer = new BatchWriter(db, Progress, result.RowsRead, WholeLedgerFrom);
        await writer.LoadPayersAsync(cancellationToken).ConfigureAwait(false);
        using (var reader = UkeReader.Open(request.FilePath, encoding))
        {
            foreach (var claim in reader.Claims())
            {
                var receipt = FromClaim(claim, processingMonth, writer.OurPayers);
                receipt.ImportedFileId = importedFile.Id;
                receipt.ImportedAt = now;
                await writer.AddAsync(receipt, cancellationToken).ConfigureAwait(false);
            }
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        writer.ReleaseLedger();
        result.Inserted = (int)writer.Written;
        importedFile.RowsRead = result.RowsRead;
        importedFile.RowsImported = result.Inserted;
        importedFile.Warnings = result.WarningCount;
        await FinishAsync(request, UkeKind, importedFile, result, writer, processingMonth, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        result.Status = ImportStatus.Imported;
        return result;
    }

    private static bool Finished(ImportRequest request, ImportResult result)
    {
        if (result.HasErrors)
        {
            result.Status = ImportStatus.Rejected;
            return true;
        }

        if (request.DryRun)
        {
            result.Status = ImportStatus.Validated;
            return true;
        }

        return false;
    }

    private async Task FinishAsync(ImportRequest request, string kind, ImportedFile importedFile, ImportResult result, BatchWriter writer, YearMonth? processingMonth, CancellationToken cancellationToken)
    {
        result.Notes.Add($"照合済 {writer.Matched} 件 / 要確認 {writer.NeedsReview} 件 / 照合不能 {writer.Unmatched} 件");
        db.ImportedFiles.Update(importedFile);
        db.AddAudit(new AuditEntry(request.Actor, kind == PaidKind ? AuditEventType.PaidClaimsImported : AuditEventType.MedicalClaimsImported, "import", importedFile.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["file"] = result.FileName,
            ["format"] = kind,
            ["sha256"] = importedFile.Sha256,
            ["month"] = processingMonth?.ToString(),
            ["rowsRead"] = result.RowsRead,
            ["inserted"] = result.Inserted,
            ["matched"] = writer.Matched,
            ["needsReview"] = writer.NeedsReview,
            ["unmatched"] = writer.Unmatched,
            ["warnings"] = result.WarningCount,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }


    private static MedicalClaim FromRow(AutopayRow row, MedicalClaimSource sourceKind, string? clearinghouse, YearMonth processingMonth, List<ImportProblem> problems, ImportRecord record) => new()
    {
        Source = sourceKind,
        SourceLine = row.Line,
        Clearinghouse = clearinghouse,
        ProcessingMonth = processingMonth.ToNumber(),
        ServiceMonth = row.ServiceMonth.ToNumber(),
        ProviderCode = row.ProviderCodeText,
        PrefectureCode = row.PrefectureCode,
        ProviderName = row.ProviderName,
        Schedule = row.Schedule switch
        {
            AutopayScheduleKind.Dental => MedicalClaimSchedule.Dental,
            AutopayScheduleKind.Pharmacy => MedicalClaimSchedule.Pharmacy,
            AutopayScheduleKind.HomeNursing => MedicalClaimSchedule.HomeNursing,
            AutopayScheduleKind.CareAllowance => MedicalClaimSchedule.CareAllowance,
            _ => MedicalClaimSchedule.Medical,
        },
        Inpatient = row.Inpatient,
        InsurerShareRate = row.InsurerShareRate,
        DaysOfCare = row.DaysOfCare,
        Points = row.Points,
        MedicalCost = row.MedicalCost,
        PatientShare = row.PatientShare,
        MealAmount = row.MealAmount,
        HighCostRefund = row.HighCostRefund,
        ExtraBenefit = row.ExtraBenefit,
        OtherPublicAmount = row.OtherPublicAmount,
        LongTerm = row.LongTerm,
        DisasterMutualAid = row.DisasterMutualAid,
        PayerNumber = row.PayerNumberText,
        RecipientNumber = row.RecipientNumberText,
        InsurerNumber = row.InsurerNumberText,
        KanaName = row.KanaName,
        BirthDate = row.BirthDate,
        Warnings = WarningText(problems),
        RawRecords = RowText(record),
    };

    private static MedicalClaim FromClaim(UkeClaim claim, YearMonth processingMonth, IReadOnlySet<string> ourPayers)
    {
        var ours = claim.PublicExpenses.FirstOrDefault(ko => ourPayers.Contains(ko.PayerNumberText));
        var others = claim.PublicExpenses.Where(ko => !ReferenceEquals(ko, ours)).Select(ko => ko.PayerNumberText).ToList();
        var raw = new StringBuilder();
        Append(raw, claim.Common.Record);
        if (claim.Insurance is { } ho)
        {
            Append(raw, ho.Record);
        }

        foreach (var ko in claim.PublicExpenses)
        {
            Append(raw, ko.Record);
        }

        foreach (var sn in claim.Qualifications)
        {
            Append(raw, sn.Record);
        }

        if (claim.PatientShareRecord is { } mf)
        {
            Append(raw, mf.Record);
        }

        foreach (var other in claim.OtherRecords)
        {
            Append(raw, other);
        }

        var warnings = claim.Header.Warnings.Concat(claim.Warnings).ToList();
        return new MedicalClaim
        {
            Source = MedicalClaimSource.Uke,
            SourceLine = claim.Line,
            Clearinghouse = claim.Header.Clearinghouse == Formats.Uke.Clearinghouse.ShiharaiKikin ? "shiharai-kikin" : "kokuhoren",
            ProcessingMonth = processingMonth.ToNumber(),
            ServiceMonth = claim.Common.ServiceMonth.ToNumber(),
            ProviderCode = claim.Header.ProviderCodeText,
            PrefectureCode = claim.Header.PrefectureCode,
            ProviderName = claim.Header.ProviderName,
            Schedule = claim.FeeSchedule switch
            {
                FeeSchedule.Dental => MedicalClaimSchedule.Dental,
                FeeSchedule.Pharmacy => MedicalClaimSchedule.Pharmacy,
                _ => MedicalClaimSchedule.Medical,
            },
            Inpatient = claim.Common.ClaimType.IsInpatient,
            InsurerShareRate = claim.Common.InsurerShareRate,
            DaysOfCare = claim.Insurance?.DaysOfCare ?? ours?.DaysOfCare,
            Points = claim.TotalPoints,
            PatientShare = claim.Insurance?.PatientShare,
            MealAmount = claim.Insurance?.MealAmount,
            OtherPayerNumbers = others.Count == 0 ? null : string.Join(",", others),
            PayerNumber = ours?.PayerNumberText,
            RecipientNumber = ours is null ? null : MedicalClaimMatching.Clean(ours.RecipientNumberText),
            InsurerNumber = claim.Insurance is { } insurance && insurance.InsurerNumberText.Length > 0 ? insurance.InsurerNumberText : null,
            CardSymbol = MedicalClaimMatching.Clean(claim.Insurance?.CardSymbol),
            CardNumber = MedicalClaimMatching.Clean(claim.Insurance?.CardNumber),
            KanaName = claim.Common.KanaName,
            BirthDate = claim.Common.BirthDate,
            Warnings = WarningText(warnings),
            RawRecords = raw.ToString(),
        };
    }

    private static readonly string[] RowColumns =
    [
        "負担者番号", "受給者番号", "保険者番号", "氏名カナ", "生年月日", "診療年月", "医療機関コード", "医療機関名", "点数表",
        "入外区分", "給付割合", "実日数", "点数", "医療費", "窓口負担額", "食事療養額", "高額療養費", "附加給付", "長期",
        "都道府県", "他公費負担額", "災害共済", "支払日", "助成額",
    ];

    /// <summary>The row's values as written, one "列=値" a line (columns the file has).</summary>
    private static string RowText(ImportRecord record) =>
        string.Join("\n", RowColumns.Where(record.Has).Select(column => column + "=" + record.Raw(column)));

    private static void Append(StringBuilder raw, UkeRawRecord record)
    {
        if (raw.Length > 0)
        {
            raw.Append('\n');
        }

        raw.AppendJoin(',', record.Fields);
    }

    private static string? WarningText(IReadOnlyCollection<ImportProblem> problems)
    {
        var warnings = problems.Where(p => p.Severity == ImportSeverity.Warning).Select(p => $"{p.Column}: {p.Reason}").ToList();
        return warnings.Count == 0 ? null : string.Join("\n", warnings);
    }
}
