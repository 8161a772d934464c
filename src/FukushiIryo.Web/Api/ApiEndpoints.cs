using System.Globalization;
using System.Security.Claims;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.Income;
using FukushiIryo.App.Masters;
using FukushiIryo.App.People;
using FukushiIryo.App.Security;
using FukushiIryo.Domain.Calendar;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.Web.Api;

/// <summary>
/// The HTTP API of 資格管理 (issue 9 item 8, ADR 0018) under <c>/api/v1</c>: JSON, Japanese RFC 7807
/// problems, the same services (and so the same audit events) as the pages. Each endpoint names one
/// permission; a staff cookie or an external system's key (<see cref="ApiKeyAuthentication"/>) is
/// accepted. Acts through a cookie need the antiforgery header; 決定 (決裁) is for staff only,
/// after a recent 再認証.
/// </summary>
public static class ApiEndpoints
{
    public const string Prefix = "/api/v1";

    /// <summary>Registers the API's services: the key scheme, OpenAPI, problem details.</summary>
    public static WebApplicationBuilder AddFukushiApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication().AddApiKey();
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi(options => options.ShouldInclude = description =>
            description.RelativePath?.StartsWith(Prefix.TrimStart('/'), StringComparison.Ordinal) == true);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
            options.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        });
        return builder;
    }

    /// <summary>Maps /api/v1 and the OpenAPI document (/openapi/v1.json, staff only).</summary>
    public static WebApplication MapFukushiApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().RequireAuthorization(Permissions.Home);
        var api = app.MapGroup(Prefix).WithTags("資格管理");

        api.MapGet("/antiforgery", GetAntiforgery).Named(Permissions.Home)
            .WithSummary("状態を変えるAPIを職員のセッション（クッキー）で呼ぶときの RequestVerificationToken ヘッダーの値");
        api.MapGet("/persons", SearchPersonsAsync).Named(Permissions.PersonSearch)
            .WithSummary("宛名検索（カナ・氏名・生年月日・宛名番号・受給者番号）。検索ごとに操作履歴に記録");
        api.MapGet("/persons/{id:long}", GetPersonAsync).Named(Permissions.PersonView)
            .WithSummary("個人の台帳（閲覧は操作履歴に記録。秘匿項目（支払口座・メモ）は person.sensitive.view がなければマスク）。version は記載事項変更に使う");
        api.MapGet("/persons/{id:long}/income/{taxYear:int}", GetIncomeAsync).Named(Permissions.IncomeDetermine)
            .WithSummary("所得判定: その課税年度の最新の判定。なければ判定して保存する。金額は秘匿項目の権限がなければマスク");
        api.MapPost("/applications", PostApplicationAsync).Named(Permissions.ApplicationEnter).AddEndpointFilter(Antiforgery)
            .WithSummary("新規申請の受付（受付番号の付番）。入力の誤りは項目ごとに返し、何も保存しない");
        api.MapGet("/applications/pending", PendingAsync).Named(Permissions.PersonView)
            .WithSummary("決定待ちの申請（古い順）");
        api.MapPost("/applications/{id:long}/decision", DecideAsync).Named(Permissions.ApplicationDecide).AddEndpointFilter(Antiforgery)
            .WithSummary("決定（認定・却下、決裁）。職員のみ、再認証ののち。入力者本人は決定できない。APIキーでは行えない");
        ApiLedgerEndpoints.Map(api);
        ApiEApplicationEndpoints.Map(api);
        return app;
    }

    /// <summary>The endpoint needs <paramref name="permission"/>, by a staff session or an API key.</summary>
    internal static RouteHandlerBuilder Named(this RouteHandlerBuilder builder, string permission) =>
        builder.RequireAuthorization(new AuthorizeAttribute(permission) { AuthenticationSchemes = ApiKeyAuthentication.ApiScheme })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>A state-changing call with a staff cookie carries the antiforgery header; a key call has no cookie to forge.</summary>
    internal static async ValueTask<object?> Antiforgery(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!ApiKeyAuthentication.IsApiKey(http.User))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "要求を確認できません",
                    detail: "職員のセッションで操作するときは、RequestVerificationToken ヘッダーに /api/v1/antiforgery の値を付けてください。");
            }
        }

        return await next(context).ConfigureAwait(false);
    }

    private static Ok<AntiforgeryTokenResponse> GetAntiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryTokenResponse(tokens.HeaderName ?? "RequestVerificationToken", tokens.RequestToken ?? string.Empty));
    }

    private static async Task<Results<Ok<PersonSearchResponse>, ValidationProblem>> SearchPersonsAsync(
        HttpContext http, PersonSearch search, string? kana, string? name, string? birthDate, string? atena, string? recipient, int? page)
    {
        var problems = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? birth = null;
        if (!string.IsNullOrWhiteSpace(birthDate))
        {
            if (DateOnly.TryParseExact(birthDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                birth = parsed;
            }
            else
            {
                problems["birthDate"] = ["生年月日は yyyy-MM-dd の正しい日付で指定してください。"];
            }
        }

        var criteria = new PersonSearchCriteria(atena, recipient, kana, name, birth, page ?? 1);
        if (problems.Count == 0 && criteria.IsEmpty)
        {
            problems[string.Empty] = ["検索条件を1つ以上指定してください（kana, name, birthDate, atena, recipient）。"];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "検索条件に誤りがあります");
        }

        var result = await search.SearchAsync(criteria, Actor(http), ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new PersonSearchResponse(
            result.Page, result.PageSize, result.Total,
            [.. result.Hits.Select(hit => new PersonSearchItem(hit.PersonId, hit.AtenaNumber, hit.Name, hit.NameKana, hit.BirthDate, hit.Sex.ToString(), hit.Address, hit.ResidencyStatus.ToString(), hit.RecipientNumbers))]));
    }

    private static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetPersonAsync(HttpContext http, long id, PersonProfile profiles, TimeProvider clock)
    {
        var sensitive = ApiKeyAuthentication.Holds(http.User, Permissions.SensitiveView);
        var today = JstClock.Today(clock);
        var view = await profiles.LoadAsync(id, today, sensitive, Actor(http), ClientAddress(http), "API", http.RequestAborted).ConfigureAwait(false);
        if (view is null)
        {
            return NotFound("その人は台帳にありません。");
        }

        var current = view.Current;
        var insurance = PersonProfileView.InForce(view.Insurances, today);
        var account = sensitive ? PersonProfileView.InForce(view.BankAccounts, today) : null;
        return TypedResults.Ok(new PersonResponse(
            view.Person.Id,
            view.Person.AtenaNumber,
            current?.Name,
            current?.NameKana,
            current?.BirthDate,
            current?.Sex.ToString(),
            current?.Address,
            [.. view.Recipients.Select(r =>
            {
                var inForce = PersonProfileView.InForce(r.History, today);
                return new RecipientItem(r.Recipient.RecipientNumber, r.Recipient.Kind.ToString(), inForce?.Status.ToString(), inForce?.ValidFrom, inForce?.ValidTo);
            })],
            insurance is null ? null : new InsuranceItem(insurance.InsuranceKind.ToString(), insurance.InsurerNumber, insurance.InsuredRole.ToString()),
            sensitive,
            sensitive
                ? account is null ? null : new BankAccountItem(account.BankCode, account.BankName, account.BranchCode, account.BranchName, account.AccountType.ToString(), account.AccountNumber, account.AccountHolderKana)
                : new BankAccountItem(SensitiveItems.Mask, SensitiveItems.Mask, SensitiveItems.Mask, SensitiveItems.Mask, SensitiveItems.Mask, SensitiveItems.Mask, SensitiveItems.Mask),
            sensitive ? [.. view.Memos.Select(m => new MemoItem(m.Id, m.Text, m.RecordedAt, m.RecordedBy, m.CorrectsMemoId))] : null,
            view.Person.Version));
    }

    private static async Task<Results<Ok<IncomeResponse>, ProblemHttpResult>> GetIncomeAsync(
        HttpContext http, long id, int taxYear, FukushiDbContext db, IncomeDeterminations determinations, TimeProvider clock)
    {
        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted).ConfigureAwait(false);
        if (person is null)
        {
            return NotFound("その人は台帳にありません。");
        }

        if (taxYear is < 2000 or > 2999)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "課税年度に誤りがあります", detail: "課税年度は西暦4桁で指定してください。");
        }

        var stored = (await determinations.HistoryAsync(id, http.RequestAborted).ConfigureAwait(false)).FirstOrDefault(d => d.TaxYear == taxYear);
        var determinedNow = false;
        if (stored is null)
        {
            IncomeDeterminationOutcome outcome;
            try
            {
                outcome = await determinations.DetermineAsync(person.AtenaNumber, taxYear, IncomeDeterminations.DefaultBaseDate(taxYear, JstClock.Today(clock)), Actor(http), http.RequestAborted).ConfigureAwait(false);
            }
            catch (MasterDataMissingException exception)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "判定できません", detail: $"マスタが揃っていないため判定できません: {exception.Message}");
            }

            if (outcome.Report is not { } report)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "判定できません",
                    detail: outcome.Refusal == IncomeDeterminationRefusal.NoTaxRecord ? $"{taxYear}年度の地方税関係情報がありません。" : "判定できません。");
            }

            stored = report.Stored;
            determinedNow = true;
        }

        var figures = ApiKeyAuthentication.Holds(http.User, Permissions.SensitiveView);
        db.AddAudit(new AuditEntry(Actor(http), AuditEventType.PersonViewed, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["screen"] = "API 所得判定",
            ["determination"] = stored.Id,
            ["sensitiveShown"] = figures,
        }, ClientAddress: ClientAddress(http)));
        await db.SaveChangesAsync(http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new IncomeResponse(
            stored.Id, person.AtenaNumber, stored.TaxYear, stored.IncomeYear, stored.BaseDate, stored.Criterion.ToString(), stored.FundingShare.ToString(),
            stored.HighCostCategory, figures, figures ? stored.Income : null, figures ? stored.Limit : null, figures ? stored.Dependants : null,
            figures ? [.. IncomeDeterminations.StepsFromJson(stored.Steps).Select(step => new IncomeStepItem(step.Item, step.Amount))] : null,
            stored.DeterminedAt, determinedNow));
    }

    private static async Task<Results<Created<ApplicationReceivedResponse>, ValidationProblem>> PostApplicationAsync(HttpContext http, ApplicationForm form, FukushiDbContext db, TimeProvider clock)
    {
        var result = await new ApplicationIntake(db, clock).ReceiveAsync(form, Actor(http), ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
        if (result.Saved is not { } saved)
        {
            return TypedResults.ValidationProblem(result.Problems.ToDictionary(p => p.Key, p => new[] { p.Value }, StringComparer.Ordinal), title: "入力に誤りがあります。何も保存していません。");
        }

        return TypedResults.Created($"{Prefix}/applications/{saved.Id}", new ApplicationReceivedResponse(
            saved.Id, saved.ReceptionNumber, saved.Version, saved.Findings.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    private static async Task<Ok<ApplicationItem[]>> PendingAsync(FukushiDbContext db, TimeProvider clock, HttpContext http)
    {
        var pending = await new ApplicationDecisions(db, clock).PendingAsync(http.RequestAborted).ConfigureAwait(false);
        var ids = pending.Select(a => a.ApplicantPersonId).Distinct().ToList();
        var atena = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.AtenaNumber, http.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(pending.Select(a => new ApplicationItem(
            a.Id, a.ReceptionNumber, a.AppliedOn, atena.GetValueOrDefault(a.ApplicantPersonId) ?? string.Empty, a.EnteredBy, a.Version,
            a.Findings.Split('\n', StringSplitOptions.RemoveEmptyEntries))).ToArray());
    }

    private static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult, ValidationProblem>> DecideAsync(
        HttpContext http, long id, DecisionRequest request, FukushiDbContext db, TimeProvider clock, StaffSessions sessions)
    {
        // A machine cannot be the 決裁 person: no key holds the permission, and none passes here.
        if (ApiKeyAuthentication.IsApiKey(http.User))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "APIキーでは決定できません", detail: "決定（決裁）は決裁権限のある職員が再認証のうえ行います。");
        }

        var sessionId = http.User.FindFirstValue(SessionValidation.SessionClaim);
        if (sessionId is null || !await sessions.IsRecentlyReauthenticatedAsync(sessionId, http.RequestAborted).ConfigureAwait(false))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "再認証が必要です",
                detail: "決定の前に /Account/Reauthenticate でパスワードと確認コードを入力し直してください（再認証）。");
        }

        DecisionResult? result = request.Result switch
        {
            "Granted" => DecisionResult.Granted,
            "Rejected" => DecisionResult.Rejected,
            _ => null,
        };
        if (result is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["result"] = ["認定（Granted）か却下（Rejected）かを指定してください。"] }, title: "入力に誤りがあります");
        }

        try
        {
            var decided = await new ApplicationDecisions(db, clock).DecideAsync(id, request.Version, result.Value, request.Reason, Actor(http), ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(new DecisionResponse(decided.Id, decided.ReceptionNumber, decided.Status.ToString(), decided.Version));
        }
        catch (ConcurrencyConflictException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "更新が競合しました", detail: exception.Message);
        }
        catch (DecisionRefusedException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "決定できません", detail: exception.Message);
        }
    }

    internal static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "見つかりません", detail: detail);

    /// <summary>The staff login, or <c>api:SYSTEM</c> for a key: the actor of the audit events.</summary>
    internal static string Actor(HttpContext http) => http.User.Identity?.Name ?? throw new InvalidOperationException("an API call without a user");

    internal static string? ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString();
}

/// <summary>The antiforgery header to send with a staff session's acts.</summary>
public sealed record AntiforgeryTokenResponse(string HeaderName, string Token);

/// <summary>One page of 宛名検索.</summary>
public sealed record PersonSearchResponse(int Page, int PageSize, int Total, IReadOnlyList<PersonSearchItem> Persons);

/// <summary>A person found (the record in force today).</summary>
public sealed record PersonSearchItem(long Id, string AtenaNumber, string Name, string NameKana, DateOnly BirthDate, string Sex, string Address, string ResidencyStatus, IReadOnlyList<string> RecipientNumbers);

/// <summary>
/// 個人の台帳 as of today; without <c>person.sensitive.view</c> <see cref="BankAccount"/> is masked
/// and <see cref="Memos"/> is null (not even their number is told). <see cref="Version"/> goes with a 記載事項変更.
/// </summary>
public sealed record PersonResponse(
    long Id, string AtenaNumber, string? Name, string? NameKana, DateOnly? BirthDate, string? Sex, string? Address,
    IReadOnlyList<RecipientItem> Recipients, InsuranceItem? Insurance, bool SensitiveShown, BankAccountItem? BankAccount,
    IReadOnlyList<MemoItem>? Memos, long Version);

/// <summary>A メモ (append-only; a correction names the memo it corrects).</summary>
public sealed record MemoItem(long Id, string Text, DateTimeOffset RecordedAt, string RecordedBy, long? CorrectsMemoId);

/// <summary>A 受給者 record with its 資格 in force today.</summary>
public sealed record RecipientItem(string RecipientNumber, string Kind, string? Status, DateOnly? ValidFrom, DateOnly? ValidTo);

public sealed record InsuranceItem(string Kind, string InsurerNumber, string InsuredRole);

public sealed record BankAccountItem(string BankCode, string BankName, string BranchCode, string BranchName, string AccountType, string AccountNumber, string AccountHolderKana);

/// <summary>A 所得判定; the figures and steps are 地方税関係情報, null without <c>person.sensitive.view</c>.</summary>
public sealed record IncomeResponse(
    long Id, string AtenaNumber, int TaxYear, int IncomeYear, DateOnly BaseDate, string Criterion, string FundingShare, string? HighCostCategory,
    bool FiguresShown, long? Income, long? Limit, int? Dependants, IReadOnlyList<IncomeStepItem>? Steps, DateTimeOffset DeterminedAt, bool DeterminedNow);

/// <summary>A line of the computation (項目 / 金額).</summary>
public sealed record IncomeStepItem(string Item, long? Amount);

/// <summary>A new application, with its 受付番号 and the findings of the eligibility check.</summary>
public sealed record ApplicationReceivedResponse(long Id, string ReceptionNumber, long Version, IReadOnlyList<string> Findings);

/// <summary>An application waiting for a decision.</summary>
public sealed record ApplicationItem(long Id, string ReceptionNumber, DateOnly AppliedOn, string ApplicantAtena, string EnteredBy, long Version, IReadOnlyList<string> Findings);

/// <summary>決定: <c>Granted</c> (認定) or <c>Rejected</c> (却下, with the reasons), for the version read.</summary>
public sealed record DecisionRequest(long Version, string? Result, string? Reason);

public sealed record DecisionResponse(long Id, string ReceptionNumber, string Status, long Version);
