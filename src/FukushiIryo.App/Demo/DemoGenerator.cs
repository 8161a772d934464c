using System.Globalization;
using FukushiIryo.App.People;
using FukushiIryo.Domain.Numbers;

namespace FukushiIryo.App.Demo;

/// <summary>
/// Generates a fictitious but realistic 奈良市 population for the ひとり親家庭等医療費助成 台帳:
/// deterministic (the same options and reference data give the same population, byte for byte, on
/// every machine), with no clock and no System.Random inside. See docs/demo.md for what it holds.
/// </summary>
public static class DemoGenerator
{
    /// <summary>The first 宛名番号 serial (written with 10 digits, leading zeros significant).</summary>
    public const long FirstAtenaSerial = 100_001;

    /// <summary>The first 住基 世帯番号 serial (10 digits).</summary>
    public const long FirstHouseholdSerial = 5_000_001;

    /// <summary>The first 受給者番号 serial (6 digits + check digit).</summary>
    public const int FirstRecipientSerial = 100_001;

    public static DemoPopulation Generate(DemoOptions options, DemoReferenceData reference)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reference);
        options.Validate();
        var context = new DemoContext(options, reference);
        var households = new List<DemoHousehold>(options.Households);
        for (var index = 0; index < options.Households; index++)
        {
            households.Add(new DemoHouseholdBuilder(context, index).Build());
        }

        var nextAtena = Number(households);
        var changes = DemoChanges.Build(context, households, nextAtena);
        return new DemoPopulation(options, households, changes, reference.LongTermSelfPayLimit);
    }

    /// <summary>
    /// Gives every household its 世帯番号, every person a 宛名番号, and every recipient a 受給者番号
    /// (the parent or carer first, then the children), in population order; returns the next 宛名番号 serial.
    /// </summary>
    private static long Number(List<DemoHousehold> households)
    {
        var atena = FirstAtenaSerial;
        var recipientSerial = FirstRecipientSerial;
        foreach (var household in households)
        {
            household.HouseholdNumber = Ten(FirstHouseholdSerial + household.Index);
            foreach (var person in household.MemberList)
            {
                person.AtenaNumber = Ten(atena++);
                person.HouseholdNumber = person.ResidencyStatus == ResidencyStatus.Registered ? household.HouseholdNumber : null;
            }

            var recipients = household.MemberList
                .Where(p => p.Recipient is not null)
                .Select(p => p.Recipient!)
                .OrderBy(r => r.Parent is null && r.Kind is Eligibility.RecipientKind.Parent or Eligibility.RecipientKind.Carer ? 0 : 1);
            foreach (var recipient in recipients)
            {
                recipient.RecipientNumber = RecipientNumber.FromSerial(recipientSerial++).ToString();
            }
        }

        return atena;
    }

    internal static string Ten(long serial) => serial.ToString("D10", CultureInfo.InvariantCulture);
}
