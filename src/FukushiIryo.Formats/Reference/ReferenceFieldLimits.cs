namespace FukushiIryo.Formats.Reference;

/// <summary>
/// The longest value of each reference field (characters): the readers report a longer one as an
/// error of its line, and the database columns have these lengths, so that a load never fails in
/// the database half-way. The real data stays well inside (2026-05: 町域名 297, its カナ 302).
/// </summary>
public static class ReferenceFieldLimits
{
    /// <summary>Bank and branch names, kanji and kana.</summary>
    public const int BankName = 60;

    public const int Prefecture = 20;

    public const int PrefectureKana = 40;

    public const int City = 60;

    public const int CityKana = 100;

    /// <summary>町域名 and its カナ (KEN_ALL).</summary>
    public const int Town = 400;

    /// <summary>大口事業所名 and its カナ.</summary>
    public const int OfficeName = 200;

    /// <summary>町域名 of a 大口事業所.</summary>
    public const int OfficeTown = 200;

    /// <summary>番地等 of a 大口事業所.</summary>
    public const int StreetAddress = 200;

    /// <summary>取扱局.</summary>
    public const int PostOffice = 60;
}
