using System.Diagnostics;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>A database per provider with the shipped reference masters loaded once, shared by the read-only tests of a class.</summary>
public sealed class ShippedReferenceFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset LoadedAt = new(2026, 11, 29, 9, 0, 0, TimeSpan.FromHours(9));

    private readonly Dictionary<string, Task<ShippedReference>> loaded = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public Task<ShippedReference> GetAsync(string provider, PostgresFixture postgres)
    {
        lock (gate)
        {
            if (!loaded.TryGetValue(provider, out var load))
            {
                load = LoadAsync(provider, postgres);
                loaded[provider] = load;
            }

            return load;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var load in loaded.Values)
        {
            if (load.IsCompletedSuccessfully)
            {
                await load.Result.Database.DisposeAsync();
            }
        }
    }

    private static async Task<ShippedReference> LoadAsync(string provider, PostgresFixture postgres)
    {
        var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var db = database.Open();
        var watch = Stopwatch.StartNew();
        var result = await ReferenceMasters.EnsureLoadedAsync(db, LoadedAt);
        return new ShippedReference(database, result, watch.Elapsed);
    }
}

/// <summary>A database loaded with the shipped files, what the load reported, and how long it took.</summary>
public sealed record ShippedReference(TestDatabase Database, ReferenceUpdateResult Result, TimeSpan Elapsed);
