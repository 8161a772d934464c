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

    public static TheoryData<string, string> RolesAndPages()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in RoleNames.All)
        {
            foreach (var page in new[] { "/", "/Persons", "/Persons/1", "/Persons/1/Income", "/Masters", "/Masters/public-payers", "/Masters/bank-holidays/add" })
            {
                data.Add(role, page);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndPages))]
    public async Task Each_role_reaches_exactly_the_pages_its_permissions_allow(string role, string page)
    {
        var login = $"role{RoleNames.All.ToList().IndexOf(role)}";
        using var staff = await StaffSession.LoginAsync(app, login);
        var permission = page switch
        {
            "/" => Permissions.Home,
            "/Persons" => Permissions.PersonSearch,
            "/Masters" or "/Masters/public-payers" => Permissions.MastersView,
            "/Masters/bank-holidays/add" => Permissions.MastersEdit,
            "/Persons/1/Income" => Permissions.IncomeDetermine,
            _ => Permissions.PersonView,
        };
        var response = await staff.Client.GetAsync(page);
        if (Permissions.Allows(permission, [role]))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.Client.GetAsync(response.Headers.Location)).StatusCode);
        }
    }
}
