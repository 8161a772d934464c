using System.Globalization;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.Atena.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FukushiIryo.Atena.Vault;

/// <summary>
/// Issues 宛名番号 to 住登外 persons (住登外者の宛名番号発番; ADR 0027, section of 2026-11-29). The 団体統合宛名システム
/// numbers 住登者; the numbers issued here are <see cref="Width"/> digits starting with <see cref="Prefix"/>
/// (<c>9000000001</c>, <c>9000000002</c>, …), a range the 団体統合宛名システム does not hand out, so an issued number
/// cannot be a 住基 number. The state is the table <see cref="AtenaDbContext.IssuedAtenaNumbers"/> in the 宛名
/// database: the next number is the highest sequence plus one; two concurrent issues that pick the same sequence
/// collide on its unique index and the loser retries, so a number is never handed out twice. A number already held
/// by a person in the welfare 台帳 or by a 個人番号 link is skipped (its row kept, marked). Each issue is audited (<c>atena.number_issued</c>,
/// the number only).
/// </summary>
public static class AtenaNumberIssuer
{
    /// <summary>The leading digit reserved for 住登外 宛名番号.</summary>
    public const char Prefix = '9';

    /// <summary>The length of an issued 宛名番号 (prefix included).</summary>
    public const int Width = 10;

    /// <summary>The highest sequence the range holds (9 digits after the prefix).</summary>
    public const long MaxSequence = 999_999_999;

    private const int MaxAttempts = 50;

    /// <summary>The 宛名番号 of sequence <paramref name="sequence"/> (1 → <c>9000000001</c>).</summary>
    public static string Format(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, MaxSequence);
        return Prefix + sequence.ToString("D" + (Width - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="atenaNumber"/> lies in the range reserved for 住登外 (issued here, never by 住基).</summary>
    public static bool IsNonResidentNumber(string? atenaNumber) =>
        atenaNumber is { Length: Width } && atenaNumber[0] == Prefix && atenaNumber.All(char.IsAsciiDigit) && atenaNumber != Prefix + new string('0', Width - 1);

    internal static async Task<string> IssueAsync(AtenaDbContext atena, FukushiDbContext welfare, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var last = await atena.IssuedAtenaNumbers.AsNoTracking().MaxAsync(i => (long?)i.Sequence, cancellationToken).ConfigureAwait(false) ?? 0;
            var sequence = last + 1;
            if (sequence > MaxSequence)
            {
                throw new App.Linkage.AtenaVaultRefusedException("住登外者の宛名番号の範囲を使い切りました。");
            }

            var number = Format(sequence);
            var taken = await welfare.Persons.AsNoTracking().AnyAsync(p => p.AtenaNumber == number, cancellationToken).ConfigureAwait(false)
                || await atena.MyNumberLinks.AsNoTracking().AnyAsync(l => l.AtenaNumber == number, cancellationToken).ConfigureAwait(false);
            var row = new IssuedAtenaNumber { Sequence = sequence, AtenaNumber = number, IssuedAt = now, IssuedBy = actor, Skipped = taken };
            atena.IssuedAtenaNumbers.Add(row);
            try
            {
                await atena.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException exception) when (IsUniqueViolation(exception))
            {
                // Another call claimed this sequence first: read the highest again.
                atena.ChangeTracker.Clear();
                continue;
            }
            finally
            {
                atena.Entry(row).State = EntityState.Detached;
            }

            if (taken)
            {
                continue;
            }

            welfare.AddAudit(new AuditEntry(actor, AuditEventType.AtenaNumberIssued, AtenaVault.AtenaSubject, number));
            await welfare.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return number;
        }

        throw new App.Linkage.AtenaVaultRefusedException("宛名番号を発番できませんでした（同時に多くの発番が行われています）。もう一度操作してください。");
    }

    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
