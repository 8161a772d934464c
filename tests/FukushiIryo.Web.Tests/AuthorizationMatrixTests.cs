using System.Net;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// Deny by default (P6): every endpoint of the app's route table names a permission, except the few
/// that must be reachable before login; and every role gets exactly what the permission table says.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class AuthorizationMatrixTests(WebAppFixture app)
{
    // The login steps (password, new password, second factor) and the pages around them.
    private static readonly string[] Anonymous =
        ["/Account/Login", "/Account/ChangePassword", "/Account/Code", "/Account/Enroll", "/Account/Logout", "/Account/AccessDenied", "/Error", "/health"];

    [Fact]
    public void Every_endpoint_names_a_permission_or_is_one_of_the_pages_before_login()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Assert.True(Anonymous.Any(path => route.StartsWith(path, StringComparison.OrdinalIgnoreCase)), $"{route} allows anonymous access");
                continue;
            }

            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).Where(policy => policy is not null).ToList();
            Assert.True(policies.Count > 0, $"{route} names no permission");
            Assert.All(policies, policy => Assert.Contains(policy!, Permissions.All));
        }
    }

    /// <summary>
    /// A sample address for every page of the route table that needs a login (a test below fails
    /// when a page has none): each role is checked on each against the permissions the page names.
    /// </summary>
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        [""] = "/",
        ["Index"] = "/Index",
        ["Persons"] = "/Persons",
        ["Persons/Index"] = "/Persons/Index",
        ["Persons/{id:long}"] = "/Persons/1",
        ["Persons/Export"] = "/Persons/Export",
        ["Persons/{id:long}/ChildSupport"] = "/Persons/1/ChildSupport",
        ["Persons/{id:long}/Income"] = "/Persons/1/Income",
        ["Persons/{id:long}/Change/{item}"] = "/Persons/1/Change/Address",
        ["Persons/{id:long}/Household"] = "/Persons/1/Household",
        ["Persons/{id:long}/Memo"] = "/Persons/1/Memo",
        ["Persons/{id:long}/Inquiry"] = "/Persons/1/Inquiry",
        ["Persons/NonResident"] = "/Persons/NonResident",
        ["Losses"] = "/Losses",
        ["Review"] = "/Review",
        ["Review/Index"] = "/Review/Index",
        ["Review/Import"] = "/Review/Import",
        ["Claims/Manual"] = "/Claims/Manual",
        ["Renewals"] = "/Renewals",
        ["Renewals/Index"] = "/Renewals/Index",
        ["Renewals/Returns"] = "/Renewals/Returns",
        ["Renewals/Decide"] = "/Renewals/Decide",
        ["Losses/Index"] = "/Losses/Index",
        ["Losses/Candidate/{id:long}"] = "/Losses/Candidate/1",
        ["Losses/Recipient/{id:long}"] = "/Losses/Recipient/1",
        ["Losses/Notice/{id:long}"] = "/Losses/Notice/1",
        ["Masters"] = "/Masters",
        ["Masters/Index"] = "/Masters/Index",
        ["Masters/{table}"] = "/Masters/public-payers",
        ["Masters/{table}/{op}/{id:long?}"] = "/Masters/bank-holidays/add",
        ["Audit"] = "/Audit",
        ["Audit/Index"] = "/Audit/Index",
        ["Audit/Export"] = "/Audit/Export",
        ["Admin/Users"] = "/Admin/Users",
        ["Admin/Sessions"] = "/Admin/Sessions",
        ["Account/Reauthenticate"] = "/Account/Reauthenticate",
        ["Applications"] = "/Applications",
        ["Applications/Index"] = "/Applications/Index",
        ["Applications/New"] = "/Applications/New",
        ["Applications/{id:long}"] = "/Applications/1",
        ["Applications/{id:long}/Decide"] = "/Applications/1/Decide",
        ["Applications/Print"] = "/Applications/Print",
        ["Applications/Register"] = "/Applications/Register",
        ["Payments"] = "/Payments",
        ["Payments/Index"] = "/Payments/Index",
        ["Payments/Prepare"] = "/Payments/Prepare?month=2026-10",
        ["Payments/Export"] = "/Payments/Export?month=2026-10",
        ["Payments/Approve"] = "/Payments/Approve?month=2026-10",
        ["Atena"] = "/Atena",
        ["Atena/Index"] = "/Atena/Index",
        ["Linkage/Inquiries"] = "/Linkage/Inquiries",
        ["DataUse"] = "/DataUse",
        ["DataUse/Index"] = "/DataUse/Index",
        ["DataUse/View/{id:long}"] = "/DataUse/View/999999",
        ["DataUse/Approve"] = "/DataUse/Approve",
        ["Persons/{id:long}/Disclosure"] = "/Persons/1/Disclosure",
        ["Payments/Corrections"] = "/Payments/Corrections",
        ["Payments/Recoveries"] = "/Payments/Recoveries",
        ["Payments/WriteOff"] = "/Payments/WriteOff",
        ["Payments/Returns"] = "/Payments/Returns",
        ["Payments/InKind"] = "/Payments/InKind?month=2026-10",
        ["Payments/InKindApprove"] = "/Payments/InKindApprove?month=2026-10",
        ["Statistics"] = "/Statistics",
        ["Statistics/Index"] = "/Statistics/Index",
        ["Applications/EApplications"] = "/Applications/EApplications",
        ["Residents"] = "/Residents",
        ["Residents/Index"] = "/Residents/Index",
        ["Residents/Changes/{id:long}"] = "/Residents/Changes/1",
        ["Lookup"] = "/Lookup?handler=Postal&field=PostalCode&PostalCode=6308114",
        ["Lookup/Index"] = "/Lookup/Index?handler=Bank&bankField=b&b=0162",
    };

    [Fact]
    public void Every_page_that_needs_a_login_has_a_sample_address_in_the_matrix()
    {
        foreach (var (pattern, _) in PagePolicies(app))
        {
            Assert.True(Samples.ContainsKey(pattern), $"add a sample address for the page /{pattern} to AuthorizationMatrixTests.Samples");
        }
    }

    public static TheoryData<string, string> RolesAndPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in RoleNames.All)
        {
            foreach (var pattern in Samples.Keys)
            {
                data.Add(role, pattern);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndPages))]
    public async Task Each_role_reaches_exactly_the_pages_its_permissions_allow(string role, string pattern)
    {
        var policies = PagePolicies(app).Where(p => p.Pattern == pattern).SelectMany(p => p.Policies).Distinct().ToList();
        Assert.NotEmpty(policies);
        var login = $"role{RoleNames.All.ToList().IndexOf(role)}";
        using var staff = await StaffSession.LoginAsync(app, login);
        var response = await staff.Client.GetAsync(Samples[pattern]);
        var denied = response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal);
        if (policies.All(permission => Permissions.Allows(permission, [role])))
        {
            Assert.False(denied, $"{role} is refused {Samples[pattern]}");
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        }
        else
        {
            Assert.True(denied, $"{role} reaches {Samples[pattern]} ({(int)response.StatusCode})");
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(response.Headers.Location)).StatusCode);
        }
    }

    /// <summary>Each page route of the app that needs a login, with the permissions it names.</summary>
    private static IEnumerable<(string Pattern, IReadOnlyList<string> Policies)> PagePolicies(WebAppFixture app) =>
        app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => (e.RoutePattern.RawText?.TrimStart('/') ?? string.Empty,
                (IReadOnlyList<string>)e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(d => d.Policy).OfType<string>().ToList()));
}
