using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Data;

/// <summary>
/// The text order (照合順序) of a PostgreSQL database (ADR 0042). The system is written for code-point
/// order: the order SQLite and <see cref="StringComparer.Ordinal"/> use, the order of 受給者番号 and
/// 宛名番号 lists, and an order that a C library upgrade cannot silently change under an index. A
/// database created with a linguistic collation (a libc locale such as ja_JP.UTF-8, or ICU) still works,
/// but lists ordered by the database (kana names above all) come out in that locale's order, and a libc
/// locale's indexes must be rebuilt after an operating-system upgrade. <c>fukushi db migrate</c> and the web
/// application's start therefore warn about it; they do not refuse.
/// </summary>
public static class DatabaseCollation
{
    /// <summary>The libc collations whose order is the code-point order.</summary>
    private static readonly HashSet<string> CodePointLocales = new(StringComparer.OrdinalIgnoreCase) { "C", "POSIX", "C.UTF-8", "C.utf8" };

    /// <summary>
    /// Null when a database of this provider (<c>datlocprovider</c>: c libc, i ICU, b built-in; null before
    /// PostgreSQL 15), default collation (<c>datcollate</c>) and ICU or built-in locale orders text by
    /// code point; otherwise a description such as "ja-JP (ICU)".
    /// </summary>
    public static string? Describe(string? provider, string collate, string? locale) => provider switch
    {
        "i" => $"{locale} (ICU)",
        "b" => CodePointLocales.Contains(locale ?? string.Empty) ? null : $"{locale} (builtin)",
        _ => CodePointLocales.Contains(collate) ? null : collate,
    };

    /// <summary>
    /// The warning for the database <paramref name="db"/> is connected to, or null when its collation is a
    /// code-point order or it is SQLite (always code-point order).
    /// </summary>
    public static async Task<string?> WarningAsync(DbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var command = connection.CreateCommand();

            // to_jsonb: datlocprovider is new in PostgreSQL 15, daticulocale became datlocale in 17.
            command.CommandText = """
                SELECT j->>'datlocprovider', j->>'datcollate', coalesce(j->>'datlocale', j->>'daticulocale'), current_database()
                FROM pg_database d, to_jsonb(d) AS j WHERE d.datname = current_database()
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var description = Describe(Text(reader, 0), Text(reader, 1) ?? string.Empty, Text(reader, 2));
            return description is null
                ? null
                : $"警告: データベース「{reader.GetString(3)}」の照合順序 {description} はコード順（C）ではありません。"
                  + "カナ氏名などデータベースが並べる一覧の順序が SQLite と異なり、libc のロケールでは OS 更新の後に索引の再作成が要ります。"
                  + "新しく作るときは createdb --locale=C.UTF-8 --template=template0 としてください（管理者ガイド「データベースの作成」）。";
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
