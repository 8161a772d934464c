using System.Text;
using FukushiIryo.App.Applications;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FukushiIryo.Web.Api;

/// <summary>
/// <c>POST /api/v1/e-applications</c> (ADR 0029, P21): the e-application system (its API key holds
/// <c>eapplication.receive</c>) sends one 電子申請 as JSON (docs/formats/e-application.schema.json).
/// Bad input is a <c>ValidationProblem</c> keyed by JSON field and nothing is kept; on acceptance the
/// 個人番号 have gone to the 宛名 vault and the application without them waits for 窓口 to register it.
/// </summary>
internal static class ApiEApplicationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/e-applications", ReceiveAsync).Named(Permissions.EApplicationReceive).AddEndpointFilter(ApiEndpoints.Antiforgery)
            .Accepts<string>("application/json")
            .WithSummary("電子申請の受信（docs/formats/e-application.schema.json）。誤りは項目ごとに返し、何も保存しない。個人番号は宛名の保管庫へ渡し、福祉側には残さない");
    }

    private static async Task<Results<Created<EApplicationReceivedResponse>, ValidationProblem, ProblemHttpResult>> ReceiveAsync(HttpContext http, EApplications applications)
    {
        string json;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            var buffer = new char[EApplications.MaxBytes + 1];
            var read = await reader.ReadBlockAsync(buffer, http.RequestAborted).ConfigureAwait(false);
            if (read > EApplications.MaxBytes)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "電子申請が大きすぎます", detail: $"{EApplications.MaxBytes / 1024}KBまでです。");
            }

            json = new string(buffer, 0, read);
        }

        EApplicationReceipt receipt;
        try
        {
            receipt = await applications.ReceiveAsync(json, ApiEndpoints.Actor(http), ApiEndpoints.ClientAddress(http), http.RequestAborted).ConfigureAwait(false);
        }
        catch (VaultMissingException exception)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "受け付けられません", detail: exception.Message);
        }

        if (receipt.Saved is not { } saved || receipt.Payload is not { } payload)
        {
            return TypedResults.ValidationProblem(receipt.Problems.ToDictionary(p => p.Key, p => new[] { p.Value }, StringComparer.Ordinal), title: "電子申請に誤りがあります。何も保存していません。");
        }

        return TypedResults.Created($"{ApiEndpoints.Prefix}/e-applications/{saved.Id}", new EApplicationReceivedResponse(
            saved.Id, saved.ExternalId, payload.Applicant.AtenaNumber is not null, payload.Children.Count(c => c.Person.AtenaNumber is not null), payload.Children.Count));
    }
}

/// <summary>An e-application kept, waiting for 窓口 to register it: whether the applicant and how many children were matched to the 台帳.</summary>
public sealed record EApplicationReceivedResponse(long Id, string ExternalId, bool ApplicantMatched, int ChildrenMatched, int Children);
