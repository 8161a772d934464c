using FukushiIryo.App.Linkage;
using FukushiIryo.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FukushiIryo.Atena.Tests;

/// <summary>P16: the vault's database holds no 個人番号 in clear, on either provider; nor does the welfare database.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class NoPlaintextTests(PostgresFixture fixture)
{
    private const int Count = 50;

    [Fact]
    public async Task The_sqlite_files_hold_no_number_in_clear()
    {
        await using var bed = await AtenaTestBed.CreateAsync("sqlite", fixture);
        await LinkAsync(bed);
        await bed.RestartAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        foreach (var path in Directory.GetFiles(bed.Folder, "*.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.All(Enumerable.Range(0, Count), i => Assert.False(TestNumbers.Contains(bytes, TestNumbers.Digits(i)), $"{Path.GetFileName(path)} holds test number {i}"));
        }

        // The check itself finds a number that is there: the 宛名番号 of the links are in the vault's file.
        Assert.True(TestNumbers.Contains(await File.ReadAllBytesAsync(bed.Atena.Database.Target), Atena(7)));
    }

    [Fact]
    public async Task The_postgres_databases_hold_no_number_in_any_column()
    {
        await using var bed = await AtenaTestBed.CreateAsync("postgres", fixture);
        await LinkAsync(bed);
        foreach (var connectionString in new[] { bed.Welfare.Target, bed.Atena.Database.Target })
        {
            var values = await AllValuesAsync(connectionString);
            Assert.NotEmpty(values);
            Assert.All(Enumerable.Range(0, Count), i => Assert.DoesNotContain(values, v => v.Contains(TestNumbers.Digits(i), StringComparison.Ordinal)));
            // bytea is read as hex: the digits' ASCII bytes in hex are not there either.
            Assert.All(Enumerable.Range(0, Count), i => Assert.DoesNotContain(values, v => v.Contains(Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(TestNumbers.Digits(i))), StringComparison.Ordinal)));
        }

        Assert.Contains(await AllValuesAsync(bed.Atena.Database.Target), v => v == Atena(7));
    }

    private static async Task LinkAsync(AtenaTestBed bed)
    {
        await using var scope = bed.Scope();
        var vault = scope.ServiceProvider.GetRequiredService<IAtenaVault>();
        for (var i = 0; i < Count; i++)
        {
            await vault.LinkAsync(Atena(i), TestNumbers.Number(i), "atena1");
            Assert.Equal(Atena(i), await vault.FindAtenaNumberAsync(TestNumbers.Number(i), "atena1"));
        }

        Assert.Equal(Count, (await vault.RevealAsync([.. Enumerable.Range(0, Count).Select(Atena)], "atena1", "検査のため")).Count);
    }

    /// <summary>Every value of every column of every table of the public schema, as text (bytea as hex).</summary>
    private static async Task<List<string>> AllValuesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = new NpgsqlCommand("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var values = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = new NpgsqlCommand($"SELECT \"{column}\"::text FROM \"{table}\" WHERE \"{column}\" IS NOT NULL", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                values.Add(reader.GetString(0));
            }
        }

        return values;
    }

    private static string Atena(int i) => "30" + i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
}
