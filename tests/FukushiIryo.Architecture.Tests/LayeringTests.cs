using System.Reflection;
using NetArchTest.Rules;

namespace FukushiIryo.Architecture.Tests;

/// <summary>
/// architecture.md §1–§2: the rules (Domain) are pure and the codecs (Formats) know nothing of the
/// database or the web; Domain knows nothing of Formats.
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] InfrastructureNamespaces =
    [
        "Microsoft.EntityFrameworkCore",
        "Microsoft.AspNetCore",
        "Microsoft.Extensions.DependencyInjection",
        "Npgsql",
        "Microsoft.Data.Sqlite",
        "System.Data",
    ];

    private static Assembly Domain => Assembly.Load("FukushiIryo.Domain");

    private static Assembly Formats => Assembly.Load("FukushiIryo.Formats");

    public static TheoryData<string> PureAssemblies => new() { "FukushiIryo.Domain", "FukushiIryo.Formats" };

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void Pure_assemblies_reference_no_database_or_web_assembly(string assemblyName)
    {
        var references = Assembly.Load(assemblyName).GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .Where(name => InfrastructureNamespaces.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(references);
    }

    [Theory]
    [MemberData(nameof(PureAssemblies))]
    public void Pure_assemblies_have_no_type_that_depends_on_the_database_or_the_web(string assemblyName)
    {
        var result = Types.InAssembly(Assembly.Load(assemblyName))
            .ShouldNot().HaveDependencyOnAny(InfrastructureNamespaces)
            .GetResult();
        Assert.True(result.IsSuccessful, "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Domain_does_not_depend_on_the_codecs()
    {
        Assert.DoesNotContain(Domain.GetReferencedAssemblies(), reference => reference.Name == "FukushiIryo.Formats");
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOn("FukushiIryo.Formats").GetResult();
        Assert.True(result.IsSuccessful);
    }

    [Fact]
    public void Domain_depends_only_on_the_base_class_library()
    {
        var foreign = Domain.GetReferencedAssemblies()
            .Select(reference => reference.Name ?? string.Empty)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard" && name != "mscorlib")
            .ToList();
        Assert.Empty(foreign);
    }

    [Fact]
    public void The_codecs_depend_on_nothing_of_the_application()
    {
        var references = Formats.GetReferencedAssemblies().Select(reference => reference.Name).ToList();
        Assert.DoesNotContain("FukushiIryo.App", references);
        Assert.DoesNotContain("FukushiIryo.Web", references);
    }
}
