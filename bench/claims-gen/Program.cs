using System.Diagnostics;
using System.Globalization;
using System.Text;
using FukushiIryo.App.Demo;
using FukushiIryo.App.Eligibility;
using FukushiIryo.App.MedicalClaims;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Review;

// Writes an autopay file (interfaces.md §5) of COUNT claims for the 処理年月 before the reference date's
// month, about the recipients of the demo population that `fukushi demo seed --households H --seed S
// --as-of DATE` stores (the generator is deterministic, so the same population is regenerated here):
// round after round over the recipients eligible and insured the whole 診療月, each round at another
// made-up provider (so no claim duplicates another), with the counter self-pay of the 給付割合 of their
// age; one claim in 50 carries a 受給者番号 that names nobody (照合不能). Usage:
// ClaimsGen COUNT HOUSEHOLDS SEED DATE OUTPUT.csv
int count = int.Parse(args[0], CultureInfo.InvariantCulture);
var options = new DemoOptions(int.Parse(args[1], CultureInfo.InvariantCulture), long.Parse(args[2], CultureInfo.InvariantCulture), DateOnly.ParseExact(args[3], "yyyy-MM-dd", CultureInfo.InvariantCulture));
string output = args[4];
var clock = Stopwatch.StartNew();
var population = DemoGenerator.Generate(options, await DemoReferenceData.LoadAsync());
var month = YearMonth.Of(options.ReferenceDate).AddMonths(-1);
var service = month.AddMonths(-1);
var eligible = population.Recipients.Where(r =>
        r.AcquiredOn <= service.FirstDay && (r.LostOn is null || r.LostOn > service.LastDay) && r.Person.Insurance is { } insurance
        && insurance.AcquiredOn <= service.FirstDay && r.Person.BirthDate < service.FirstDay
        && r.Periods.Any(p => p.Status == EligibilityStatus.Active && p.PayerNumber is not null))
    .ToList();
var providers = Enumerable.Range(0, 2000).Select(i =>
{
    var body = "01" + (1000 + i).ToString("D4", CultureInfo.InvariantCulture);
    var code = body + MhlwCheckDigit.Compute("291" + body).ToString(CultureInfo.InvariantCulture);
    return new DemoProvider(code, "ベンチ医院" + (i + 1).ToString(CultureInfo.InvariantCulture), MedicalClaimSchedule.Medical, false);
}).ToList();
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"population of {options.Households:N0} households: {population.Recipients.Count:N0} recipients, {eligible.Count:N0} eligible the whole {service} ({clock.Elapsed.TotalSeconds:F1} s)"));

IEnumerable<DemoClaim> Claims()
{
    var random = DemoRandom.ForStream(options.Seed, 0x42454E4348);
    for (int i = 0; i < count; i++)
    {
        var recipient = eligible[i % eligible.Count];
        var provider = providers[(i / eligible.Count) % providers.Count];
        var person = recipient.Person;
        var rate = ReviewRules.AllowedInsurerShareRates(person.BirthDate, service)[0];
        var points = random.Between(120L, 2_500L);
        bool unknown = random.Chance(20);
        yield return new DemoClaim
        {
            ProcessingMonth = month,
            ServiceMonth = service,
            Provider = provider,
            ProviderCode = provider.Code,
            Recipient = recipient,
            PayerNumber = recipient.Periods.First(p => p.Status == EligibilityStatus.Active).PayerNumber!,
            RecipientNumber = unknown ? RecipientNumber.FromSerial(900_000 + random.Next(99_999)).ToString() : recipient.RecipientNumber,
            InsurerNumber = person.Insurance!.InsurerNumber,
            Name = person.Name,
            KanaName = unknown ? "ミトウロク　タロウ" : person.NameKana,
            Sex = person.Sex,
            BirthDate = unknown ? new DateOnly(1950, 1, 1) : person.BirthDate,
            InsurerShareRate = rate,
            DaysOfCare = random.Between(1, 3),
            Points = points,
            PatientShare = CounterRounding.SelfPay(points * 10, rate),
        };
    }
}

using (var writer = new StreamWriter(output, false, new UTF8Encoding(true), 1 << 20))
{
    DemoClaims.WriteAutopay(writer, Claims());
}

Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{count:N0} claims, {new FileInfo(output).Length / 1048576.0:F0} MiB written to {output} in {clock.Elapsed.TotalSeconds:F1} s"));
