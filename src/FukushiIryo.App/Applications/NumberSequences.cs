using System.Globalization;
using FukushiIryo.App.Data;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Applications;

/// <summary>
/// Hands out the next value of a <see cref="NumberSequence"/> (受付番号 per 年度, 受給者番号). Call it
/// inside the transaction that stores the value: the UPDATE locks the counter row until commit
/// (PostgreSQL row lock; SQLite writes one at a time), so concurrent users wait for each other and
/// never get the same value; a rolled-back transaction gives its value back, a committed one never.
/// </summary>
public static class NumberSequences
{
    /// <summary>The sequence of 受給者番号 serials (decisions.md D10).</summary>
    public const string RecipientNumbers = "recipient-number";

    /// <summary>The sequence of 受付番号 of one 年度.</summary>
    public static string Receptions(FiscalYear year) => string.Create(CultureInfo.InvariantCulture, $"reception-{year.Year}");

    /// <summary>The next value of <paramref name="name"/> (1 for a new sequence). Requires an open transaction.</summary>
    public static async Task<long> NextAsync(FukushiDbContext db, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A number is taken inside the transaction that stores it.");
        }

        await EnsureAsync(db, name, cancellationToken).ConfigureAwait(false);
        await db.NumberSequences.Where(s => s.Name == name)
            .ExecuteUpdateAsync(s => s.SetProperty(row => row.LastValue, row => row.LastValue + 1), cancellationToken).ConfigureAwait(false);
        return await db.NumberSequences.AsNoTracking().Where(s => s.Name == name).Select(s => s.LastValue)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the sequence at 0 when missing (a write: on SQLite it takes the write lock of the transaction).</summary>
    public static Task EnsureAsync(FukushiDbContext db, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Both providers know INSERT … ON CONFLICT DO NOTHING (SQLite ≥ 3.24).
        return db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"NumberSequences\" (\"Name\", \"LastValue\") VALUES ({name}, 0) ON CONFLICT DO NOTHING", cancellationToken);
    }

    /// <summary>
    /// A new 受給者番号: the next serial with its check digit, skipping any serial a recipient already
    /// has (numbers migrated from the previous system). Requires an open transaction.
    /// </summary>
    public static async Task<RecipientNumber> NextRecipientNumberAsync(FukushiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        while (true)
        {
            var serial = await NextAsync(db, RecipientNumbers, cancellationToken).ConfigureAwait(false);
            if (serial > RecipientNumber.MaxSerial)
            {
                throw new InvalidOperationException("受給者番号の連番を使い切りました。");
            }

            var number = RecipientNumber.FromSerial((int)serial).ToString();
            if (!await db.Recipients.AnyAsync(r => r.RecipientNumber == number, cancellationToken).ConfigureAwait(false))
            {
                return RecipientNumber.Parse(number);
            }
        }
    }

    /// <summary>受付番号 as printed: 和暦 era letter and year of the 年度, and the serial, e.g. R8-00001.</summary>
    public static string ReceptionNumber(FiscalYear year, long serial)
    {
        var start = year.Start;
        var era = JapaneseEra.Of(start);
        return string.Create(CultureInfo.InvariantCulture, $"{era.Letter}{era.ToEraYear(start.Year)}-{serial:D5}");
    }
}
