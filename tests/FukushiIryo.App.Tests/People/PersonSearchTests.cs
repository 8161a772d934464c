using FukushiIryo.App.Audit;
using FukushiIryo.App.People;
using FukushiIryo.App.Tests.Infrastructure;
using FukushiIryo.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Tests.People;

/// <summary>
/// 宛名検索 paging on both databases: the total of a search whose page is short comes from the page itself
/// (no second count, bench/README.md search latency), and must equal what counting gives in every case:
/// a full first page, a short last page, exactly one full page, a page past the end, a handful of hits.
/// </summary>
[Collection(PostgresCollectionName.Value)]
public sealed class PersonSearchTests(PostgresFixture fixture)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Totals_and_pages_are_right_whether_the_page_is_full_short_or_past_the_end(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, fixture);
        var clock = new SettableClock(Now);
        await using (var db = database.Open())
        {
            var ledger = new PersonLedger(db, clock);
            int atena = 1;
            foreach (var (kana, count) in new[] { ("ナラ", 23), ("ヤマダ", 20), ("サトウ", 2) })
            {
                for (int i = 0; i < count; i++)
                {
                    await ledger.RegisterAsync((atena++).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), Record(kana, i), new DateOnly(2020, 1, 1), "madoguchi1");
                }
            }
        }

        await using var check = database.Open();
        var search = new PersonSearch(check, clock);
        async Task<(int Hits, int Total, int Pages)> Search(string kana, int page)
        {
            var result = await search.SearchAsync(new PersonSearchCriteria(Kana: kana, Page: page), "madoguchi1", null);
            return (result.Hits.Count, result.Total, result.PageCount);
        }

        Assert.Equal((20, 23, 2), await Search("ナラ", 1));   // full page: counted
        Assert.Equal((3, 23, 2), await Search("ナラ", 2));    // short last page: 20 + 3
        Assert.Equal((0, 23, 2), await Search("ナラ", 3));    // past the end: counted
        Assert.Equal((20, 20, 1), await Search("ヤマダ", 1)); // exactly one full page
        Assert.Equal((0, 20, 1), await Search("ヤマダ", 2));
        Assert.Equal((2, 2, 1), await Search("サトウ", 1));   // a handful
        Assert.Equal((0, 0, 0), await Search("ワタナベ", 1)); // nobody
        Assert.Equal(["サトウ ハナコ0", "サトウ ハナコ1"], (await search.SearchAsync(new PersonSearchCriteria(Kana: "サトウ"), "madoguchi1", null)).Hits.Select(h => h.NameKana));

        var audited = await check.AuditEvents.Where(e => e.EventType == AuditEventType.PersonSearched).CountAsync();
        Assert.Equal(8, audited);
    }

    private static PersonRecord Record(string kana, int index) => SamplePersonRecord.Create(kana: $"{kana} ハナコ{index}", kanaKey: $"{kana}ハナコ{index}");
}
