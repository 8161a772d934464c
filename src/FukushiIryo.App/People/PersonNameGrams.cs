namespace FukushiIryo.App.People;

/// <summary>
/// The 漢字 name search's index on PostgreSQL (ADR 0040): <see cref="SqlFunction"/> gives the unigrams and
/// bigrams of a name compacted as <see cref="Compact"/> does, and a GIN index on it over the current person
/// records (<see cref="IndexName"/>) finds every record whose compacted name may contain a part of 1, 2
/// or more characters: its grams hold all of the part's. The exact check stays the part's Contains.
/// Characters are code points on PostgreSQL (a UTF8 database), so 𠮷 is one character there.
/// </summary>
public static class PersonNameGrams
{
    /// <summary>The IMMUTABLE SQL function created by the PersonSearchIndexes migration (PostgreSQL only).</summary>
    public const string SqlFunction = "fukushi_name_grams";

    /// <summary>The GIN expression index on <see cref="SqlFunction"/>("Name") of the current records.</summary>
    public const string IndexName = "IX_PersonRecords_NameGrams";

    /// <summary>A name or part without its spaces (half-width and 全角), as the search compares them.</summary>
    public static string Compact(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("　", string.Empty, StringComparison.Ordinal);
    }
}
