using FukushiIryo.App.Applications;
using FukushiIryo.App.Data;
using FukushiIryo.App.Documents;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Linkage;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Api;

/// <summary>
/// /api/v1 for 記載事項変更, 資格消滅 (and 資格喪失候補) and 帳票 (ADR 0024): the services of the pages
/// Persons/Change, Losses/* and Applications/Print, so the same checks, audit events and print
/// records. Bad input is a <c>ValidationProblem</c> keyed by the page's field names and nothing is
/// saved; a stale version is 409; a refusal of the service is 422; a PDF is sent as
/// <c>application/pdf</c> and audited as a print.
/// </summary>
internal static class ApiLedgerEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/persons/{id:long}/changes/name", ChangeNameAsync).Named(Permissions.PersonChange).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("記載事項変更: 氏名・氏名カナ（変更は変更日から、訂正はその日を含む期間を直す）。version は個人の台帳の version");
        api.MapPost("/persons/{id:long}/changes/address", ChangeAddressAsync).Named(Permissions.PersonChange).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("記載事項変更: 郵便番号・住所");
        api.MapPost("/persons/{id:long}/changes/insurance", ChangeInsuranceAsync).Named(Permissions.PersonChange).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("記載事項変更: 医療保険（保険種別・保険者番号・本人家族・記号・番号）");
        api.MapPost("/persons/{id:long}/changes/bank-account", ChangeBankAccountAsync).Named(Permissions.PersonChange).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("記載事項変更: 支払口座（金融機関マスタで確認。ゆうちょ銀行は記号・番号）。応答に口座は含めない");
        api.MapPost("/persons/{id:long}/changes/contact", ChangeContactAsync).Named(Permissions.PersonChange).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("記載事項変更: 連絡先（電話番号）");

        api.MapGet("/recipients/{id:long}/loss", PlanLossAsync).Named(Permissions.EligibilityLoss)
            .WithSummary("資格消滅の確認: 喪失事由と事由発生日から、喪失日と世帯への影響（対象児童なし・婚姻）を示す。何も保存しない");
        api.MapPost("/recipients/{id:long}/loss", ConfirmLossAsync).Named(Permissions.EligibilityLoss).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("資格消滅の記録: 確認で示された受給者ごとの version を付けて送る。世帯が変わっていれば 409");
        api.MapGet("/loss-candidates", LossCandidatesAsync).Named(Permissions.EligibilityLoss)
            .WithSummary("資格喪失候補（住基の取込で挙がったもの）の一覧。all=true で処理済みも");
        api.MapPost("/loss-candidates/{id:long}/confirm", ConfirmCandidateAsync).Named(Permissions.EligibilityLoss).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("資格喪失候補の確認: 資格消滅を記録し、候補を確認済にする（喪失事由・事由発生日は省略すると候補のもの）");
        api.MapPost("/loss-candidates/{id:long}/dismiss", DismissCandidateAsync).Named(Permissions.EligibilityLoss).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .WithSummary("資格喪失候補の取下げ（理由が必要）");

        api.MapPost("/recipients/{id:long}/certificate", CertificateAsync).Named(Permissions.DocumentsPrint).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("受給資格証（PDF）の交付・再交付。交付履歴と操作履歴に記録");
        api.MapPost("/applications/{id:long}/notice", ApplicationNoticeAsync).Named(Permissions.DocumentsPrint).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("認定通知書・却下通知書（PDF）。決定済みの申請のみ。印刷として操作履歴に記録");
        api.MapPost("/recipients/{id:long}/loss-notice", LossNoticeAsync).Named(Permissions.DocumentsPrint).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("喪失通知書（PDF）: 受給者の世帯の直近の喪失。印刷として操作履歴に記録");
    }

    private static Task<Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>> ChangeNameAsync(HttpContext http, long id, NameChangeRequest request, PersonChanges changes, FukushiDbContext db, TimeProvider clock) =>
        ChangeAsync(http, id, LedgerItem.Name, request, db, clock, (edit, actor, client, ct) => changes.EditNameAsync(edit, new NameInput(request.Name, request.NameKana), actor, client, ct));

    private static Task<Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>> ChangeAddressAsync(HttpContext http, long id, AddressChangeRequest request, PersonChanges changes, FukushiDbContext db, TimeProvider clock) =>
        ChangeAsync(http, id, LedgerItem.Address, request, db, clock, (edit, actor, client, ct) => changes.EditAddressAsync(edit, new AddressInput(request.PostalCode, request.Address), actor, client, ct));

    private static Task<Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>> ChangeInsuranceAsync(HttpContext http, long id, InsuranceChangeRequest request, PersonChanges changes, FukushiDbContext db, TimeProvider clock) =>
        ChangeAsync(http, id, LedgerItem.Insurance, request, db, clock, (edit, actor, client, ct) => changes.EditInsuranceAsync(edit,
            new InsuranceInput(request.InsuranceKind, request.InsurerNumber, request.InsurerName, request.InsuredRole, request.InsuredName, request.CardSymbol, request.CardNumber), actor, client, ct));

    private static Task<Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>> ChangeBankAccountAsync(HttpContext http, long id, BankAccountChangeRequest request, PersonChanges changes, FukushiDbContext db, TimeProvider clock) =>
        ChangeAsync(http, id, LedgerItem.BankAccount, request, db, clock, (edit, actor, client, ct) => changes.EditBankAccountAsync(edit,
            new BankAccountInput(request.BankCode, request.BranchCode, request.AccountType, request.AccountNumber, request.HolderKana, request.YuchoSymbol, request.YuchoNumber), actor, client, ct));

    private static Task<Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>> ChangeContactAsync(HttpContext http, long id, ContactChangeRequest request, PersonChanges changes, FukushiDbContext db, TimeProvider clock) =>
        ChangeAsync(http, id, LedgerItem.Contact, request, db, clock, (edit, actor, client, ct) => changes.EditContactAsync(edit, new ContactInput(request.PhoneNumber), actor, client, ct));

    /// <summary>The steps of every 記載事項変更, as the page: dates read (届出日 not in the future), the service's field problems, a stale version.</summary>
    private static async Task<Results<Ok<ChangeResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        HttpContext http, long id, LedgerItem item, ChangeRequest request, FukushiDbContext db, TimeProvider clock,
        Func<LedgerEdit, string, string?, CancellationToken, Task<LedgerEditResult>> edit)
    {
        if (!await db.Persons.AnyAsync(p => p.Id == id, http.RequestAborted).ConfigureAwait(false))
        {
            return ApiEndpoints.NotFound("その人は台帳にありません。");
        }

        var problems = new List<FieldProblem>();
        var kind = request.Kind switch
        {
            null or "" or "Change" => (LedgerEditKind?)LedgerEditKind.Change,
            "Correction" => LedgerEditKind.Correction,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(new("Kind", "変更（Change）か訂正（Correction）かを指定してください。"));
        }

        var (reported, effective) = Pages.Persons.ChangeModel.ReadDates(request.ReportedOn, request.EffectiveOn, kind ?? LedgerEditKind.Change, JstClock.Today(clock), problems);

        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        LedgerEditResult result;
        try
        {
            result = await edit(new LedgerEdit(id, request.Version, kind!.Value, reported!.Value, effective!.Value), ApiEndpoints.Actor(http), ApiEndpoints.ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "更新が競合しました", detail: exception.Message);
        }

        if (!result.IsSaved)
        {
            // The service names the 保険種別 "Kind" (the page's select); here "kind" is 変更/訂正.
            return Invalid(result.Problems.Select(p => item == LedgerItem.Insurance && p.Field == "Kind" ? p with { Field = "InsuranceKind" } : p));
        }

        var version = await db.Persons.AsNoTracking().Where(p => p.Id == id).Select(p => p.Version).SingleAsync(http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new ChangeResponse(id, item.ToString(), kind.Value.ToString(), effective.Value, version));
    }

    private static async Task<Results<Ok<LossPlanResponse>, ValidationProblem, ProblemHttpResult>> PlanLossAsync(HttpContext http, long id, string? cause, string? eventDate, RecipientLosses losses, FukushiDbContext db)
    {
        if (!await db.Recipients.AnyAsync(r => r.Id == id, http.RequestAborted).ConfigureAwait(false))
        {
            return ApiEndpoints.NotFound("その受給者はいません。");
        }

        var problems = new List<FieldProblem>();
        var (reason, date) = ReadLoss(cause, eventDate, problems);
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        return TypedResults.Ok(LossPlanResponse.Of(await losses.PlanAsync(id, reason!.Value, date!.Value, http.RequestAborted).ConfigureAwait(false), confirmed: false));
    }

    private static async Task<Results<Ok<LossPlanResponse>, ValidationProblem, ProblemHttpResult>> ConfirmLossAsync(HttpContext http, long id, LossRequest request, RecipientLosses losses, FukushiDbContext db)
    {
        if (!await db.Recipients.AnyAsync(r => r.Id == id, http.RequestAborted).ConfigureAwait(false))
        {
            return ApiEndpoints.NotFound("その受給者はいません。");
        }

        var problems = new List<FieldProblem>();
        var (reason, date) = ReadLoss(request.Cause, request.EventDate, problems);
        return problems.Count > 0 ? Invalid(problems) : await ConfirmAsync(http, id, reason!.Value, date!.Value, request.Versions, null, losses).ConfigureAwait(false);
    }

    private static async Task<Ok<LossCandidateResponse[]>> LossCandidatesAsync(HttpContext http, bool? all, LossCandidates candidates) =>
        TypedResults.Ok((await candidates.ListAsync(all ?? false, http.RequestAborted).ConfigureAwait(false)).Select(LossCandidateResponse.Of).ToArray());

    private static async Task<Results<Ok<LossPlanResponse>, ValidationProblem, ProblemHttpResult>> ConfirmCandidateAsync(HttpContext http, long id, CandidateConfirmRequest request, LossCandidates candidates, RecipientLosses losses)
    {
        if (await candidates.FindAsync(id, http.RequestAborted).ConfigureAwait(false) is not { } item)
        {
            return ApiEndpoints.NotFound("その資格喪失候補はありません。");
        }

        if (item.Candidate.Status != LossCandidateStatus.Open)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "更新が競合しました", detail: "この資格喪失候補はすでに処理されています。");
        }

        var problems = new List<FieldProblem>();
        var (reason, date) = ReadLoss(
            request.Cause ?? item.SuggestedCause.ToString(),
            request.EventDate ?? item.Candidate.EventDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            problems);
        return problems.Count > 0 ? Invalid(problems) : await ConfirmAsync(http, item.Candidate.RecipientId, reason!.Value, date!.Value, request.Versions, id, losses).ConfigureAwait(false);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DismissCandidateAsync(HttpContext http, long id, CandidateDismissRequest request, LossCandidates candidates)
    {
        if (await candidates.FindAsync(id, http.RequestAborted).ConfigureAwait(false) is null)
        {
            return ApiEndpoints.NotFound("その資格喪失候補はありません。");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Invalid([new("Reason", "取下げの理由を入力してください。")]);
        }

        try
        {
            await candidates.DismissAsync(id, request.Reason, ApiEndpoints.Actor(http), ApiEndpoints.ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            return Invalid([new("Reason", exception.Message.Split(" (Parameter", 2)[0])]);
        }
        catch (ConcurrencyConflictException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "更新が競合しました", detail: exception.Message);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<LossPlanResponse>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        HttpContext http, long recipientId, LossReason cause, DateOnly date, IReadOnlyList<RecipientVersion>? versions, long? candidateId, RecipientLosses losses)
    {
        if (versions is null || versions.Count == 0)
        {
            return Invalid([new("Versions", "確認（GET …/loss）で示された受給者ごとの version を付けてください。")]);
        }

        try
        {
            var plan = await losses.ConfirmAsync(recipientId, cause, date, versions.ToDictionary(v => v.RecipientId, v => v.Version),
                ApiEndpoints.Actor(http), ApiEndpoints.ClientAddress(http), candidateId, http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(LossPlanResponse.Of(plan, confirmed: true));
        }
        catch (ConcurrencyConflictException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "更新が競合しました", detail: exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "資格消滅を記録できません", detail: exception.Message);
        }
    }

    private static (LossReason? Cause, DateOnly? Date) ReadLoss(string? cause, string? eventDate, List<FieldProblem> problems)
    {
        LossReason? reason = Enum.TryParse<LossReason>(cause, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) && !(cause ?? string.Empty).All(char.IsAsciiDigit) ? parsed : null;
        if (reason is null)
        {
            problems.Add(new("Cause", $"喪失事由を指定してください（{string.Join(", ", Enum.GetNames<LossReason>())}）。"));
        }

        var date = FormDates.Read(eventDate, "EventDate", "事由発生日", problems);
        return (reason, date);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> CertificateAsync(HttpContext http, long id, CertificateRequest request, FukushiDbContext db, DocumentPrints prints)
    {
        if (!await db.Recipients.AnyAsync(r => r.Id == id, http.RequestAborted).ConfigureAwait(false))
        {
            return ApiEndpoints.NotFound("その受給者はいません。");
        }

        var problems = new List<FieldProblem>();
        var kind = request.Kind switch
        {
            null or "" or "Issue" => (CertificateIssueKind?)CertificateIssueKind.Issue,
            "Reissue" => CertificateIssueKind.Reissue,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(new("Kind", "交付（Issue）か再交付（Reissue）かを指定してください。"));
        }

        var on = FormDates.Read(request.On, "On", "基準日", problems, required: false);
        if (problems.Count > 0)
        {
            return Invalid(problems);
        }

        return await PdfAsync(() => prints.IssueCertificateAsync(id, kind!.Value, ApiEndpoints.Actor(http), on, ApiEndpoints.ClientAddress(http), http.RequestAborted)).ConfigureAwait(false);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ApplicationNoticeAsync(HttpContext http, long id, FukushiDbContext db, DocumentPrints prints, TimeProvider clock)
    {
        var decisions = new ApplicationDecisions(db, clock);
        if (await decisions.FindAsync(id, http.RequestAborted).ConfigureAwait(false) is not { } application)
        {
            return ApiEndpoints.NotFound("その申請はありません。");
        }

        if (application.Status == ApplicationStatus.Pending)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "印刷できません", detail: "決定していない申請の通知書は印刷できません。");
        }

        return await PdfAsync(async () =>
        {
            var input = await decisions.NoticeAsync(id, http.RequestAborted).ConfigureAwait(false);
            return await prints.PrintAsync(input, DocumentSubject.Application(application.ReceptionNumber), ApiEndpoints.Actor(http), ApiEndpoints.ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> LossNoticeAsync(HttpContext http, long id, FukushiDbContext db, RecipientLosses losses, DocumentPrints prints, TimeProvider clock)
    {
        if (!await db.Recipients.AnyAsync(r => r.Id == id, http.RequestAborted).ConfigureAwait(false))
        {
            return ApiEndpoints.NotFound("その受給者はいません。");
        }

        return await PdfAsync(async () =>
        {
            var (notice, number) = await losses.LossNoticeAsync(id, JstClock.Today(clock), http.RequestAborted).ConfigureAwait(false);
            return await prints.PrintAsync(notice, DocumentSubject.Recipient(number), ApiEndpoints.Actor(http), ApiEndpoints.ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> PdfAsync(Func<Task<RenderedDocument>> print)
    {
        try
        {
            var document = await print().ConfigureAwait(false);
            return TypedResults.File(document.Pdf, "application/pdf", document.FileName);
        }
        catch (DocumentRefusedException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "印刷できません", detail: exception.Message);
        }
    }

    private static ValidationProblem Invalid(IEnumerable<FieldProblem> problems) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal),
            title: "入力に誤りがあります。何も保存していません。");
}

/// <summary>What every 記載事項変更 carries: the person's version as read, 変更 (Change) or 訂正 (Correction), 届出日, 変更日 (default: 届出日).</summary>
public abstract record ChangeRequest(long Version, string? Kind, string? ReportedOn, string? EffectiveOn);

public sealed record NameChangeRequest(long Version, string? Kind, string? ReportedOn, string? EffectiveOn, string? Name, string? NameKana)
    : ChangeRequest(Version, Kind, ReportedOn, EffectiveOn);

public sealed record AddressChangeRequest(long Version, string? Kind, string? ReportedOn, string? EffectiveOn, string? PostalCode, string? Address)
    : ChangeRequest(Version, Kind, ReportedOn, EffectiveOn);

public sealed record InsuranceChangeRequest(
    long Version, string? Kind, string? ReportedOn, string? EffectiveOn,
    InsuranceKind? InsuranceKind, string? InsurerNumber, string? InsurerName, InsuredRole? InsuredRole, string? InsuredName, string? CardSymbol, string? CardNumber)
    : ChangeRequest(Version, Kind, ReportedOn, EffectiveOn);

public sealed record BankAccountChangeRequest(
    long Version, string? Kind, string? ReportedOn, string? EffectiveOn,
    string? BankCode, string? BranchCode, AccountType? AccountType, string? AccountNumber, string? HolderKana, string? YuchoSymbol, string? YuchoNumber)
    : ChangeRequest(Version, Kind, ReportedOn, EffectiveOn);

public sealed record ContactChangeRequest(long Version, string? Kind, string? ReportedOn, string? EffectiveOn, string? PhoneNumber)
    : ChangeRequest(Version, Kind, ReportedOn, EffectiveOn);

/// <summary>A saved 記載事項変更: the person's new version (for the next change).</summary>
public sealed record ChangeResponse(long PersonId, string Item, string Kind, DateOnly EffectiveOn, long Version);

/// <summary>A recipient's version as the loss plan showed it.</summary>
public sealed record RecipientVersion(long RecipientId, long Version);

/// <summary>資格消滅: <see cref="LossReason"/> name, 事由発生日, and the versions of every recipient of the plan.</summary>
public sealed record LossRequest(string? Cause, string? EventDate, IReadOnlyList<RecipientVersion>? Versions);

/// <summary>Confirming a 資格喪失候補: cause and date default to the candidate's.</summary>
public sealed record CandidateConfirmRequest(string? Cause, string? EventDate, IReadOnlyList<RecipientVersion>? Versions);

public sealed record CandidateDismissRequest(string? Reason);

/// <summary>受給資格証: 交付 (Issue) or 再交付 (Reissue), from the eligibility in force on <see cref="On"/> (default today).</summary>
public sealed record CertificateRequest(string? Kind, string? On);

/// <summary>One recipient's loss in a plan.</summary>
public sealed record RecipientLossItem(long RecipientId, string RecipientNumber, string Kind, string Name, string Cause, string CauseName, DateOnly LostOn, long Version);

/// <summary>A loss plan (preview) or the losses recorded (<see cref="Confirmed"/>); <see cref="Problem"/> says why nothing can be lost.</summary>
public sealed record LossPlanResponse(long RecipientId, string Cause, DateOnly EventDate, bool Confirmed, string? Problem, IReadOnlyList<RecipientLossItem> Losses)
{
    public static LossPlanResponse Of(LossPlan plan, bool confirmed) => new(
        plan.RecipientId, plan.Cause.ToString(), plan.EventDate, confirmed, plan.Problem,
        [.. plan.Losses.Select(l => new RecipientLossItem(l.RecipientId, l.RecipientNumber, l.Kind.ToString(), l.Name, l.Cause.ToString(), l.Cause.Japanese(), l.LostOn, l.Version))]);
}

/// <summary>A 資格喪失候補.</summary>
public sealed record LossCandidateResponse(long Id, long RecipientId, string RecipientNumber, string RecipientName, string Cause, DateOnly? EventDate, string SuggestedCause, string Status, DateTimeOffset RaisedAt)
{
    public static LossCandidateResponse Of(LossCandidateItem item) => new(
        item.Candidate.Id, item.Candidate.RecipientId, item.RecipientNumber, item.RecipientName, item.Candidate.Cause, item.Candidate.EventDate,
        item.SuggestedCause.ToString(), item.Candidate.Status.ToString(), item.Candidate.RaisedAt);
}
