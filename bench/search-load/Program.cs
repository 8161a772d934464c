using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FukushiIryo.App;
using FukushiIryo.App.Data;
using FukushiIryo.App.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Person search (宛名検索) latency under concurrent staff (bench/search-latency.sh): CLIENTS tasks, each
// with its own DI scope per request as the web app has (one FukushiDbContext, PersonSearch.SearchAsync
// with its audit event), loop for SECONDS after a short warm-up. The criteria are drawn from a sample of
// the database's own persons in the mix a 窓口 uses: kana prefix, kana prefix + birth date, 漢字 name
// part, birth date, 宛名番号, 受給者番号. Prints the percentiles per kind and overall, and a final line
// `RESULT search p50_ms=… p95_ms=… p99_ms=… requests=… errors=… peak_rss_mb=…`.
// Usage: SearchLoad DATABASE CLIENTS SECONDS (DATABASE as FUKUSHI_DB: postgres:CONNECTION_STRING).
var settings = DatabaseSettings.Parse(args[0]);
int clients = int.Parse(args[1], CultureInfo.InvariantCulture);
int seconds = int.Parse(args[2], CultureInfo.InvariantCulture);

var services = new ServiceCollection().AddFukushiApp(settings).BuildServiceProvider();
var samples = await SampleAsync(services);
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{samples.Persons:N0} persons, {samples.Rows.Count:N0} sampled; {clients} clients for {seconds} s"));

string[] kinds = ["kana", "kana+birth", "name", "birth", "atena", "recipient"];
PersonSearchCriteria Criteria(Random random, out string kind)
{
    var row = samples.Rows[random.Next(samples.Rows.Count)];
    kind = kinds[random.Next(kinds.Length)];
    return kind switch
    {
        "kana" => new PersonSearchCriteria(Kana: row.Kana[..Math.Min(3, row.Kana.Length)]),
        "kana+birth" => new PersonSearchCriteria(Kana: row.Kana[..Math.Min(2, row.Kana.Length)], BirthDate: row.BirthDate),
        "name" => new PersonSearchCriteria(Name: Compact(row.Name)[..Math.Min(2, Compact(row.Name).Length)]),
        "birth" => new PersonSearchCriteria(BirthDate: row.BirthDate),
        "atena" => new PersonSearchCriteria(AtenaNumber: row.Atena),
        _ => row.Recipient is { } number ? new PersonSearchCriteria(RecipientNumber: number) : new PersonSearchCriteria(AtenaNumber: row.Atena),
    };
}

async Task<double> OneAsync(PersonSearchCriteria criteria)
{
    long start = Stopwatch.GetTimestamp();
    await using var scope = services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<PersonSearch>().SearchAsync(criteria, "bench", "127.0.0.1");
    return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

// Warm-up: compile the queries and open the pool's connections (not counted).
var warm = new Random(7);
await Parallel.ForEachAsync(Enumerable.Range(0, clients * 3), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (_, _) =>
{
    PersonSearchCriteria criteria;
    lock (warm)
    {
        criteria = Criteria(warm, out _);
    }

    await OneAsync(criteria);
});

// One client alone first (a third of the time, at most 10 s): the service time of a search with its
// audit event, without waiting for the others (the audit chain takes one writer at a time).
var alone = new List<double>();
var aloneUntil = Stopwatch.GetTimestamp() + (long)(Math.Min(10, Math.Max(1, seconds / 3)) * (double)Stopwatch.Frequency);
var aloneRandom = new Random(999);
while (Stopwatch.GetTimestamp() < aloneUntil)
{
    alone.Add(await OneAsync(Criteria(aloneRandom, out _)));
}

Console.WriteLine(Line("1 client", alone));

var latencies = new ConcurrentBag<(string Kind, double Ms)>();
int errors = 0;
var until = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
{
    var random = new Random(1000 + client);
    while (Stopwatch.GetTimestamp() < until)
    {
        var criteria = Criteria(random, out var kind);
        try
        {
            latencies.Add((kind, await OneAsync(criteria)));
        }
        catch (Exception error) when (error is DbUpdateException or InvalidOperationException or TimeoutException or Npgsql.NpgsqlException)
        {
            if (Interlocked.Increment(ref errors) <= 5)
            {
                Console.Error.WriteLine($"error: {error.GetType().Name}: {error.Message}");
            }
        }
    }
})));
wall.Stop();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

static string Compact(string name) => name.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("　", string.Empty, StringComparison.Ordinal);

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static string Line(string label, IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return string.Create(CultureInfo.InvariantCulture,
        $"{label,-12} {sorted.Length,7} req  p50 {Percentile(sorted, 50),7:F1} ms  p95 {Percentile(sorted, 95),7:F1} ms  p99 {Percentile(sorted, 99),7:F1} ms  max {(sorted.Length == 0 ? double.NaN : sorted[^1]),7:F1} ms");
}

foreach (var kind in kinds)
{
    Console.WriteLine(Line(kind, latencies.Where(l => l.Kind == kind).Select(l => l.Ms)));
}

var all = latencies.Select(l => l.Ms).Order().ToArray();
Console.WriteLine(Line("all", all));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{all.Length / wall.Elapsed.TotalSeconds:F0} searches/s over {wall.Elapsed.TotalSeconds:F1} s; driver + app CPU {cpu.TotalSeconds:F1} s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT search p50_ms={Percentile(all, 50):F1} p95_ms={Percentile(all, 95):F1} p99_ms={Percentile(all, 99):F1} requests={all.Length} errors={errors} peak_rss_mb={Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)}"));
return errors == 0 ? 0 : 1;

// A sample of persons in force today with what staff would type: kana, name, birth date, 宛名番号, 受給者番号.
static async Task<(int Persons, List<Sample> Rows)> SampleAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<FukushiDbContext>();
    int persons = await db.Persons.CountAsync();
    var records = await db.PersonRecords.AsNoTracking().Where(r => r.ValidTo == null).OrderBy(r => r.PersonId)
        .Select(r => new { r.PersonId, r.NameKana, r.Name, r.BirthDate }).ToListAsync();
    var random = new Random(42);
    var picked = records.OrderBy(_ => random.Next()).Take(2000).ToList();
    var ids = picked.Select(p => p.PersonId).ToList();
    var atena = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.AtenaNumber);
    var numbers = (await db.Recipients.AsNoTracking().Where(r => ids.Contains(r.PersonId)).Select(r => new { r.PersonId, r.RecipientNumber }).ToListAsync())
        .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.First().RecipientNumber);
    return (persons, picked.Select(p => new Sample(p.NameKana, p.Name, p.BirthDate, atena[p.PersonId], numbers.GetValueOrDefault(p.PersonId))).ToList());
}

internal sealed record Sample(string Kana, string Name, DateOnly BirthDate, string Atena, string? Recipient);
