using Microsoft.EntityFrameworkCore;
using FukushiIryo.App.Data;
using FukushiIryo.App.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace FukushiIryo.App.Tests.Security;

/// <summary>The staff password policy (ASVS 5.0 L2, 評価書 P5): length in code points, the common list, context words.</summary>
public sealed class StaffPasswordPolicyTests
{
    private static readonly StaffUser Tanaka = new()
    {
        UserName = "tanaka01",
        DisplayName = "田中 花子",
        StaffNumber = "4711",
    };

    public static TheoryData<string, string?> Cases => new()
    {
        // accepted: no composition rules, any characters
        { "correct horse battery staple", null },
        { "静かな湖畔の森の影から出", null },                 // 12 kanji and kana: 12 code points
        { "blue whales🐳", null },                            // 11 + one emoji = 12 code points
        { new string('x', 120) + " 8 more", null },           // 127
        { new string('y', 128), null },

        // too short or too long, counted in code points
        { "", StaffPasswordPolicy.TooShortCode },
        { "short", StaffPasswordPolicy.TooShortCode },
        { "静かな湖畔の森の影から", StaffPasswordPolicy.TooShortCode },   // 11 code points
        { "blue whale🐳", StaffPasswordPolicy.TooShortCode },            // 11 code points, 12 UTF-16 units
        { new string('z', 129), StaffPasswordPolicy.TooLongCode },

        // the common-password list, case-insensitive and NFKC
        { "qwerty123456", StaffPasswordPolicy.CommonCode },
        { "LeaveMeAlone", StaffPasswordPolicy.CommonCode },
        { "ｑａｚｗｓｘｅｄｃｒｆｖ", StaffPasswordPolicy.CommonCode },
        { "leave me alone", StaffPasswordPolicy.CommonCode },

        // context words: city, section, system, and the user's own login, name and 職員番号
        { "奈良の鹿はとてもかわいいです", StaffPasswordPolicy.ContextWordCode },
        { "ＮＡＲＡ deer are lovely", StaffPasswordPolicy.ContextWordCode },
        { "I love Nara's deer park", StaffPasswordPolicy.ContextWordCode },
        { "子ども給付課のあいことば", StaffPasswordPolicy.ContextWordCode },
        { "my FUKUSHI secret pass", StaffPasswordPolicy.ContextWordCode },
        { "福祉医療システムの合言葉", StaffPasswordPolicy.ContextWordCode },
        { "Tanaka01 likes green tea", StaffPasswordPolicy.ContextWordCode },
        { "open sesame ４７１１!", StaffPasswordPolicy.ContextWordCode },
        { "花子さんの秘密の合言葉です", StaffPasswordPolicy.ContextWordCode },
        { "田中花子の秘密の合言葉です", StaffPasswordPolicy.ContextWordCode },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_policy_accepts_or_refuses_with_its_reason(string password, string? refusal)
    {
        var errors = StaffPasswordPolicy.Check(password, Tanaka);
        if (refusal is null)
        {
            Assert.Empty(errors);
        }
        else
        {
            Assert.Contains(errors, error => error.Code == refusal);
        }

        // Every refusal carries a Japanese message for the operator.
        Assert.All(errors, error => Assert.Matches("[\\p{IsHiragana}\\p{IsKatakana}\\p{IsCJKUnifiedIdeographs}]", error.Description));
    }

    [Fact]
    public void Lengths_are_code_points_not_utf16_units()
    {
        Assert.Equal(1, StaffPasswordPolicy.Length("🐳"));
        Assert.Equal(2, "🐳".Length);
        Assert.Equal(12, StaffPasswordPolicy.Length("静かな湖畔の森の影から出"));
    }

    [Fact]
    public void A_context_word_names_itself_in_the_message()
    {
        var error = Assert.Single(StaffPasswordPolicy.Check("奈良の鹿はとてもかわいいです", Tanaka));
        Assert.Contains("「奈良」", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_list_is_the_zxcvbn_frequency_list()
    {
        Assert.True(StaffPasswordPolicy.IsCommon("password"));
        Assert.True(StaffPasswordPolicy.IsCommon("123456"));
        Assert.False(StaffPasswordPolicy.IsCommon("correct horse battery staple"));
    }

    [Fact]
    public async Task Identity_uses_the_staff_policy_alone()
    {
        // The policy reads the context words from the settings table: a migrated database.
        var path = Path.Combine(Path.GetTempPath(), $"fukushi-policy-{Guid.NewGuid():N}.db");
        var services = new ServiceCollection();
        services.AddFukushiApp(new DatabaseSettings(DatabaseProvider.Sqlite, path));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<FukushiIryo.App.Data.FukushiDbContext>().Database.MigrateAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var validator = Assert.Single(users.PasswordValidators);
        Assert.IsType<StaffPasswordPolicy>(validator);
        var result = await validator.ValidateAsync(users, Tanaka, "blue whales🐳");
        Assert.True(result.Succeeded);
        Assert.False((await validator.ValidateAsync(users, Tanaka, "blue whales of nara")).Succeeded);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(path);
    }
}
