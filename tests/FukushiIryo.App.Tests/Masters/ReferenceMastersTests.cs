using System.Globalization;
using System.IO.Compression;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.Formats.Reference;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace FukushiIryo.App.Tests.Masters;

/// <summary>The reference masters (banks, postal codes): loading editions and looking up, on both providers.</summary>
[Collection(PostgresCollectionName.Value)]
public sealed class ReferenceMastersTests(PostgresFixture fixture, ShippedReferenceFixture shipped, ITestOutputHelper output)
    : IClassFixture<ShippedReferenceFixture>
{
    private static readonly DateTimeOffset Now = ShippedReferenceFixture.LoadedAt;

    private static string ShippedFile(string file) => Path.Combine(AppContext.BaseDirectory, "Shipped", file);

    private static string JapanPost(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "japanpost", file);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task The_shipped_files_load_every_bank_branch_and_town_and_the_Nara_large_offices(string provider)
    {
        var loaded = await shipped.GetAsync(provider, fixture);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: shipped reference masters loaded in {loaded.Elapsed.TotalSeconds:F2} s"));

        Assert.Equal(
            [
                (ReferenceDataKind.Banks, 1146, "2026-05-25"),
                (ReferenceDataKind.Branches, 31219, "2026-05-25"),
                (ReferenceDataKind.PostalAddresses, 124511, "2026-05-29"),
                (ReferenceDataKind.LargeOffices, 169, "2026-05-29"),
            ],
            loaded.Result.Tables.Select(t => (t.Kind, t.Added, t.Edition)));
        Assert.Equal(0, loaded.Result.Changed + loaded.Result.Removed + loaded.Result.Unchanged);

        await using var db = loaded.Database.Open();
        Assert.Equal(1146, await db.Banks.CountAsync(b => b.RemovedInEdition == null));
        Assert.Equal(31219, await db.BankBranches.CountAsync());
        Assert.Equal(124511, await db.PostalAddresses.CountAsync());
        Assert.Equal(169, await db.LargeOfficePostalCodes.CountAsync());
        Assert.Equal(47, await db.PostalAddresses.Select(a => a.Prefecture).Distinct().CountAsync());
        Assert.Equal(
            ["shipped:banks.csv", "shipped:branches.csv", "shipped:utf_ken_all.zip/utf_ken_all.csv", "shipped:29NARA_JIGYOSYO.CSV"],
            await db.ReferenceEditions.OrderBy(e => e.Id).Select(e => e.Source).ToListAsync());
        var audit = await db.AuditEvents.OrderBy(e => e.Sequence).FirstAsync();
        Assert.Equal(AuditEventType.MastersUpdated, audit.EventType);
        Assert.Equal("system", audit.Actor);
        Assert.Contains("\"PostalAddresses.added\":124511", audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Loading_the_shipped_files_again_changes_nothing(string provider)
    {
        var loaded = await shipped.GetAsync(provider, fixture);
        var before = await SnapshotAsync(loaded.Database);

        await using (var db = loaded.Database.Open())
        {
            Assert.Empty((await ReferenceMasters.EnsureLoadedAsync(db, Now.AddDays(1))).Tables);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = new List<ReferenceUpdateResult>();
        foreach (var (set, file) in new[]
        {
            (ReferenceMasterSet.Banks, "banks.csv"),
            (ReferenceMasterSet.Banks, "branches.csv"),
            (ReferenceMasterSet.Postal, "utf_ken_all.zip"),
            (ReferenceMasterSet.Postal, "29NARA_JIGYOSYO.CSV"),
        })
        {
            await using var db = loaded.Database.Open();
            results.Add(await ReferenceMasters.UpdateAsync(db, set, ShippedFile(file), null, "hoshu1", Now.AddDays(1)));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{provider}: the same four files compared again in {watch.Elapsed.TotalSeconds:F2} s"));
        Assert.All(results, result => Assert.False(result.HasChanges));
        Assert.Equal([1146, 31219, 124511, 169], results.Select(r => r.Unchanged));
        Assert.Equal(before, await SnapshotAsync(loaded.Database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_bank_and_branch_of_the_shipped_master_are_found_with_their_zengin_names(string provider)
    {
        var loaded = await shipped.GetAsync(provider, fixture);
        await using var db = loaded.Database.Open();
        var banks = new BankDirectory(db);

        var nanto = await banks.CheckAsync("0162", "025");
        Assert.Equal(BranchStatus.Current, nanto.Status);
        Assert.True(nanto.IsCurrent);
        Assert.Equal(("南都", "ナント", "奈良市役所出張所", "ナラシヤクシヨ"), (nanto.BankName, nanto.BankKana, nanto.BranchName, nanto.BranchKana));
        Assert.Equal("ﾅﾝﾄ", nanto.ZenginBankName);
        Assert.Equal("ﾅﾗｼﾔｸｼﾖ", nanto.ZenginBranchName);

        var mufg = await banks.CheckAsync("0005", "001");
        Assert.Equal("ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ", mufg.ZenginBankName);

        Assert.Equal(BranchStatus.UnknownBranch, (await banks.CheckAsync("0162", "999")).Status);
        Assert.Equal(BranchStatus.UnknownBank, (await banks.CheckAsync("9999", "001")).Status);
        Assert.Equal(BranchStatus.Malformed, (await banks.CheckAsync("162", "25")).Status);

        // zengin-code keeps the branches of banks it no longer lists (0118 関西みらい, merged): no bank, no transfer.
        var orphan = await banks.CheckAsync("0118", (await db.BankBranches.Where(b => b.BankCode == "0118").Select(b => b.BranchCode).FirstAsync()));
        Assert.Equal(BranchStatus.UnknownBank, orphan.Status);
        Assert.NotNull(orphan.BranchName);

        // Every shipped kana name has a 全銀 form that fits its 15-byte field as it is.
        var kana = await db.Banks.Select(b => b.Kana).Concat(db.BankBranches.Select(b => b.Kana)).ToListAsync();
        Assert.All(kana, name =>
        {
            var zengin = BankDirectory.ZenginName(name);
            Assert.NotNull(zengin);
            Assert.Equal(FukushiIryo.Domain.Text.ZenginText.Convert(name).Text, zengin);
            Assert.True(zengin.Length <= BankDirectory.ZenginNameBytes, name);
        });
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Postal_codes_are_found_in_KEN_ALL_or_as_large_offices(string provider)
    {
        var loaded = await shipped.GetAsync(provider, fixture);
        await using var db = loaded.Database.Open();
        var postal = new PostalDirectory(db);

        var cityHall = await postal.CheckAsync("630-8580");
        Assert.Equal(PostalCodeStatus.LargeOffice, cityHall.Status);
        Assert.True(cityHall.IsKnown);
        var office = Assert.Single(await postal.FindAsync("6308580"));
        Assert.Equal("奈良市役所", office.OfficeName);
        Assert.Equal("奈良県奈良市二条大路南１丁目１－１", office.Address);
        Assert.Equal("29201", office.MunicipalityCode);
        Assert.Equal(PostalCodeStatus.LargeOffice, (await postal.CheckAsync("６３０－８５８０")).Status);

        // 630-8501 is 奈良県庁: a 大口事業所 number, not a KEN_ALL code.
        Assert.Equal(PostalCodeStatus.LargeOffice, (await postal.CheckAsync("6308501")).Status);
        Assert.Equal("奈良県庁", Assert.Single(await postal.FindAsync("6308501")).OfficeName);

        var town = await postal.CheckAsync("6308012");
        Assert.Equal(PostalCodeStatus.Address, town.Status);
        var nijo = Assert.Single(await postal.FindAsync("630-8012"));
        Assert.Equal(("奈良県", "奈良市", "二条大路南", "奈良県奈良市二条大路南"), (nijo.Prefecture, nijo.City, nijo.Town, nijo.Address));
        Assert.Equal("ナラケンナラシニジョウオオジミナミ", nijo.Kana);
        Assert.False(nijo.IsLargeOffice);

        // 630-0000 is the catch-all code of 奈良市 and of 山添村.
        Assert.Equal(
            [("奈良県奈良市", "", "以下に掲載がない場合", "ナラケンナラシ"), ("奈良県山辺郡山添村", "", "以下に掲載がない場合", "ナラケンヤマベグンヤマゾエムラ")],
            (await postal.FindAsync("6300000")).Select(a => (a.Address, a.Town, a.TownAsListed, a.Kana)));

        var nakamachi = Assert.Single(await postal.FindAsync("6308037"));
        Assert.Equal("中町", nakamachi.Town);
        Assert.EndsWith("５４８２～５５２９）", nakamachi.TownAsListed, StringComparison.Ordinal);

        Assert.Equal(PostalCodeStatus.Unknown, (await postal.CheckAsync("6309999")).Status);
        Assert.False((await postal.CheckAsync("6309999")).IsKnown);
        Assert.Equal(PostalCodeStatus.Malformed, (await postal.CheckAsync("63O-8580")).Status);
        Assert.Empty(await postal.FindAsync("6309999"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_branch_missing_from_a_new_edition_is_marked_removed_and_reported_closed(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        using var files = new TempFolder();
        var v1 = files.Zip("zengin-v1.zip",
            ("banks.csv", Banks(("0162", "ナント", "南都"), ("0001", "ミズホ", "みずほ"))),
            ("branches.csv", Branches(
                ("0162", "010", "ホンテン", "本店営業部"),
                ("0162", "025", "ナラシヤクシヨ", "奈良市役所出張所"),
                ("0162", "030", "サイダイジ", "西大寺"),
                ("0001", "001", "トウキヨウ", "東京営業部"))));
        var first = await UpdateAsync(database, ReferenceMasterSet.Banks, v1, "v1");
        Assert.Equal([(ReferenceDataKind.Banks, 2), (ReferenceDataKind.Branches, 4)], first.Tables.Select(t => (t.Kind, t.Added)));

        var v2 = files.Write("branches.csv", Branches(
            ("0162", "010", "ホンテンエイギヨウブ", "本店営業部"),
            ("0162", "030", "サイダイジ", "西大寺"),
            ("0162", "040", "ニシノキヨウダイガクマエバシ", "西ノ京大学前橋"),
            ("0001", "001", "トウキヨウ", "東京営業部")));
        var second = Assert.Single((await UpdateAsync(database, ReferenceMasterSet.Banks, v2, "v2")).Tables);
        Assert.Equal(
            new ReferenceTableChange(ReferenceDataKind.Branches, "branches.csv", "v2", Added: 1, Changed: 1, Removed: 1, Unchanged: 2, Duplicates: 0),
            second);

        await using (var db = database.Open())
        {
            var banks = new BankDirectory(db);
            var closed = await banks.CheckAsync("0162", "025");
            Assert.Equal(BranchStatus.BranchClosed, closed.Status);
            Assert.Equal("v2", closed.RemovedInEdition);
            Assert.Equal("奈良市役所出張所", closed.BranchName);
            Assert.Contains("廃止", closed.Message, StringComparison.Ordinal);

            var renamed = await banks.CheckAsync("0162", "010");
            Assert.Equal((BranchStatus.Current, "ﾎﾝﾃﾝｴｲｷﾞﾖｳﾌﾞ"), (renamed.Status, renamed.ZenginBranchName));
            Assert.Equal(
                [("v1", "v2"), ("v2", null)],
                (await db.BankBranches.Where(b => b.BranchCode == "010").OrderBy(b => b.Id).Select(b => new { b.Edition, b.RemovedInEdition }).ToListAsync())
                    .Select(b => (b.Edition, b.RemovedInEdition)));

            // 17 bytes in 全銀 characters: cut to 15, and before the ﾊ whose ﾞ would not fit.
            Assert.Equal("ﾆｼﾉｷﾖｳﾀﾞｲｶﾞｸﾏｴ", (await banks.CheckAsync("0162", "040")).ZenginBranchName);
            Assert.Equal(
                [(ReferenceDataKind.Banks, "v1"), (ReferenceDataKind.Branches, "v1"), (ReferenceDataKind.Branches, "v2")],
                (await db.ReferenceEditions.OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Kind, e.Label)));
        }

        var v3 = files.Write("banks.csv", Banks(("0162", "ナント", "南都")));
        Assert.Equal(1, (await UpdateAsync(database, ReferenceMasterSet.Banks, v3, "v3")).Removed);
        var v4 = files.Write("branches-v4.csv", Branches(
            ("0162", "010", "ホンテンエイギヨウブ", "本店営業部"),
            ("0162", "025", "ナラシヤクシヨ", "奈良市役所出張所"),
            ("0162", "030", "サイダイジ", "西大寺"),
            ("0162", "040", "ニシノキヨウダイガクマエバシ", "西ノ京大学前橋"),
            ("0001", "001", "トウキヨウ", "東京営業部")));
        var fourth = (await UpdateAsync(database, ReferenceMasterSet.Banks, v4, "v4")).Tables.Single();
        Assert.Equal((1, 0, 0, 4), (fourth.Added, fourth.Changed, fourth.Removed, fourth.Unchanged));

        await using (var db = database.Open())
        {
            var banks = new BankDirectory(db);
            Assert.Equal(BranchStatus.Current, (await banks.CheckAsync("0162", "025")).Status);
            var bankGone = await banks.CheckAsync("0001", "001");
            Assert.Equal((BranchStatus.BankClosed, "v3", "みずほ"), (bankGone.Status, bankGone.RemovedInEdition, bankGone.BankName));
            Assert.Equal(7, await db.BankBranches.CountAsync());
            Assert.Equal(5, await db.BankBranches.CountAsync(b => b.RemovedInEdition == null));
            Assert.Equal(4, await db.AuditEvents.CountAsync(e => e.EventType == AuditEventType.MastersUpdated && e.Actor == "hoshu1"));
        }
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_file_with_an_unreadable_line_loads_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        using var files = new TempFolder();
        await UpdateAsync(database, ReferenceMasterSet.Banks, files.Write("branches.csv", Branches(("0162", "010", "ホンテン", "本店営業部"))), "v1");
        var before = await SnapshotAsync(database);

        var broken = files.Write("branches-v2.csv", Branches(
            ("0162", "020", "ケンチヨウ", "県庁出張所"),
            ("0162", "25", "ナラシヤクシヨ", "奈良市役所出張所"),
            ("0162", "030", "サイダイジ", "西大寺")));
        var exception = await Assert.ThrowsAsync<ReferenceDataException>(() => UpdateAsync(database, ReferenceMasterSet.Banks, broken, "v2"));
        var error = Assert.Single(exception.Errors);
        Assert.Equal((3L, "branch_code", "25"), (error.Line, error.Column, error.Value));

        var postal = files.Write("KEN_ALL.CSV", "29201,\"630  \",\"6308012\",\"ﾅﾗｹﾝ\",\"ﾅﾗｼ\",\"ﾆｼﾞｮｳｵｵｼﾞﾐﾅﾐ\",\"奈良県\",\"奈良市\",\"二条大路南\",0,0,1,0,0,0\r\n");
        await Assert.ThrowsAsync<ReferenceDataException>(() => UpdateAsync(database, ReferenceMasterSet.Banks, postal, "v2"));
        await Assert.ThrowsAsync<FileNotFoundException>(() => UpdateAsync(database, ReferenceMasterSet.Banks, files.PathOf("missing.csv"), "v2"));

        Assert.Equal(before, await SnapshotAsync(database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task KEN_ALL_in_cp932_with_split_towns_loads_the_same_rows_as_utf_ken_all(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var fromKenAll = Assert.Single((await UpdateAsync(database, ReferenceMasterSet.Postal, JapanPost("29NARA_KEN_ALL.CSV"), "ken_all")).Tables);
        Assert.Equal((1930, 0), (fromKenAll.Added, fromKenAll.Duplicates));

        await using (var db = database.Open())
        {
            var nakamachi = await db.PostalAddresses.SingleAsync(a => a.PostalCode == "6308037");
            Assert.StartsWith("中町（５１１５～５１４９、５１７１、５１８３、５１８６、５１９２～５１９６、", nakamachi.Town, StringComparison.Ordinal);
            Assert.EndsWith("５４６３、５４７０、５４７２、５４７５、５４８２～５５２９）", nakamachi.Town, StringComparison.Ordinal);
            Assert.StartsWith("ナカマチ（", nakamachi.TownKana, StringComparison.Ordinal);
            Assert.Equal("ken_all", nakamachi.Edition);
        }

        var fromUtf = Assert.Single((await UpdateAsync(database, ReferenceMasterSet.Postal, JapanPost("29NARA_utf_ken_all.csv"), "utf")).Tables);
        Assert.Equal((0, 0, 0, 1930), (fromUtf.Added, fromUtf.Changed, fromUtf.Removed, fromUtf.Unchanged));
    }

    private static async Task<ReferenceUpdateResult> UpdateAsync(TestDatabase database, ReferenceMasterSet set, string path, string edition)
    {
        await using var db = database.Open();
        return await ReferenceMasters.UpdateAsync(db, set, path, edition, "hoshu1", Now);
    }

    private static async Task<string> SnapshotAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var parts = new List<object?>
        {
            await db.Banks.CountAsync(), await db.Banks.MaxAsync(b => (long?)b.Id), await db.Banks.CountAsync(b => b.RemovedInEdition != null),
            await db.BankBranches.CountAsync(), await db.BankBranches.MaxAsync(b => (long?)b.Id), await db.BankBranches.CountAsync(b => b.RemovedInEdition != null),
            await db.PostalAddresses.CountAsync(), await db.PostalAddresses.MaxAsync(a => (long?)a.Id), await db.PostalAddresses.CountAsync(a => a.RemovedInEdition != null),
            await db.LargeOfficePostalCodes.CountAsync(), await db.LargeOfficePostalCodes.CountAsync(o => o.RemovedInEdition != null),
            await db.ReferenceEditions.CountAsync(),
        };
        return string.Join("|", parts);
    }

    private static string Banks(params (string Code, string Kana, string Name)[] rows) =>
        "bank_code,kana,name,hira,roma\n" + string.Concat(rows.Select(r => $"{r.Code},{r.Kana},{r.Name},,\n"));

    private static string Branches(params (string Bank, string Branch, string Kana, string Name)[] rows) =>
        "bank_code,branch_code,kana,name,hira,roma\n" + string.Concat(rows.Select(r => $"{r.Bank},{r.Branch},{r.Kana},{r.Name},,\n"));

    /// <summary>A temporary folder of input files, removed afterwards.</summary>
    private sealed class TempFolder : IDisposable
    {
        private readonly string folder = Directory.CreateTempSubdirectory("fukushi-ref-").FullName;

        public string PathOf(string name) => Path.Combine(folder, name);

        public string Write(string name, string text)
        {
            var path = PathOf(name);
            File.WriteAllText(path, text, name.Equals("KEN_ALL.CSV", StringComparison.Ordinal) ? Formats.Common.InputEncoding.Cp932 : new UTF8Encoding(false));
            return path;
        }

        public string Zip(string name, params (string Entry, string Text)[] entries)
        {
            var path = PathOf(name);
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            foreach (var (entry, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }

            return path;
        }

        public void Dispose() => Directory.Delete(folder, recursive: true);
    }
}
