extern alias cli;

using System.Text;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using CliPermissions = cli::FukushiIryo.Cli.CliPermissions;

namespace FukushiIryo.Web.Tests;

/// <summary>
/// docs/permissions.md is generated from the code (architecture.md §5): the pages come from the
/// app's route table, the commands from the CLI's table, the roles from <see cref="Permissions"/>.
/// With FUKUSHI_UPDATE_DOCS=1 the test writes the file instead of comparing.
/// </summary>
[Collection(WebAppDefinition.Name)]
public sealed class PermissionDocumentTests(WebAppFixture app)
{
    [Fact]
    public void Docs_permissions_md_is_the_one_generated_from_the_code()
    {
        var rendered = PermissionDocument.Render(Pages(), CliPermissions.Entries);
        var path = Path.Combine(RepositoryRoot(), PermissionDocument.RelativePath);
        if (Environment.GetEnvironmentVariable(PermissionDocument.UpdateVariable) == "1")
        {
            File.WriteAllText(path, rendered, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return;
        }

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : string.Empty;
        Assert.True(committed == rendered,
            $"{PermissionDocument.RelativePath} is not the one generated from the code. Regenerate it with "
            + $"`{PermissionDocument.UpdateVariable}=1 dotnet test tests/FukushiIryo.Web.Tests --filter PermissionDocumentTests` and commit it.");
    }

    [Fact]
    public void The_document_lists_every_permission_page_and_command()
    {
        var rendered = PermissionDocument.Render(Pages(), CliPermissions.Entries);
        Assert.All(Permissions.All, permission => Assert.Contains($"| `{permission}` |", rendered, StringComparison.Ordinal));
        Assert.All(CliPermissions.Commands, command => Assert.Contains($"| `fukushi {command}` |", rendered, StringComparison.Ordinal));
        Assert.Contains("| `/Persons` | `person.search` |", rendered, StringComparison.Ordinal);
        Assert.Contains("| `/Account/Login` | なし", rendered, StringComparison.Ordinal);
    }

    /// <summary>Every route of the app with the permission it names; empty for the pages before login.</summary>
    private List<(string Page, string Permission)> Pages()
    {
        var pages = new List<(string, string)>();
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + endpoint.RoutePattern.RawText?.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                pages.Add((route, string.Empty));
                continue;
            }

            foreach (var policy in endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).OfType<string>())
            {
                pages.Add((route, policy));
            }
        }

        Assert.NotEmpty(pages);
        return pages;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "FukushiIryo.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (FukushiIryo.sln) was not found above " + AppContext.BaseDirectory);
    }
}
