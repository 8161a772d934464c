using FukushiIryo.App.People;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.Tests.People;

/// <summary>A 住基 record for tests: 奈良 花子, born 1990-05-12, 登大路町, unless the name and kana are given.</summary>
internal static class SamplePersonRecord
{
    public static PersonRecord Create(string name = "奈良 花子", string kana = "ナラ ハナコ", string? kanaKey = null) => new()
    {
        Name = name,
        NameKana = kana,
        NameKanaKey = kanaKey ?? KanaNormalizer.ToSearchKey(kana),
        BirthDate = new DateOnly(1990, 5, 12),
        Sex = Sex.Female,
        ResidencyStatus = ResidencyStatus.Registered,
        PostalCode = "6308501",
        Address = "奈良県奈良市登大路町30番地",
        HouseholdNumber = "0001234",
        RegistryRelationship = "世帯主",
    };
}
