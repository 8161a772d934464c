using FukushiIryo.Formats.Reference;

namespace FukushiIryo.App.Masters;

/// <summary>
/// A row of a reference master that comes whole from an outside edition (the bank master, the
/// postal code data) rather than from staff. Rows are never updated in their data and never
/// deleted: a row missing from a newer edition is marked <see cref="RemovedInEdition"/>, and a
/// row whose data changed is marked so too and followed by a new row. So "a branch that closed"
/// (only removed rows) can be told from "a branch that never existed" (no row at all), and the
/// name a branch had when a past transfer was made stays readable.
/// </summary>
public abstract class ReferenceRow
{
    public long Id { get; set; }

    /// <summary>The edition (its label, usually its date) in which this row, with this data, first appeared.</summary>
    public string Edition { get; set; } = string.Empty;

    /// <summary>The edition in which the row disappeared or was replaced; null while it is current.</summary>
    public string? RemovedInEdition { get; set; }
}

/// <summary>金融機関 of the 統一金融機関コード master (formats.md §4).</summary>
public sealed class Bank : ReferenceRow
{
    /// <summary>金融機関コード, 4 digits.</summary>
    public string BankCode { get; set; } = string.Empty;

    /// <summary>The name in full-width katakana as the master writes it (全銀 style: <c>ナント</c>).</summary>
    public string Kana { get; set; } = string.Empty;

    /// <summary>The name in kanji, as the master writes it (<c>南都</c>, without 銀行).</summary>
    public string Name { get; set; } = string.Empty;
}

/// <summary>店舗 (branch) of a bank in the 統一金融機関コード master (formats.md §4).</summary>
public sealed class BankBranch : ReferenceRow
{
    /// <summary>金融機関コード, 4 digits.</summary>
    public string BankCode { get; set; } = string.Empty;

    /// <summary>店舗コード, 3 digits.</summary>
    public string BranchCode { get; set; } = string.Empty;

    /// <summary>The name in full-width katakana (全銀 style).</summary>
    public string Kana { get; set; } = string.Empty;

    /// <summary>The name in kanji.</summary>
    public string Name { get; set; } = string.Empty;
}

/// <summary>
/// 郵便番号 (one 町域 of KEN_ALL / utf_ken_all, formats.md §5). Kana is full-width and the text is
/// normalised to what CP932 writes (<see cref="JapanPostCsv.NormalizeText"/>), whichever file
/// it came from. <see cref="Town"/> keeps Japan Post's notes; show <see cref="JapanPostCsv.DisplayTown"/>.
/// </summary>
public sealed class PostalAddress : ReferenceRow
{
    /// <summary>郵便番号, 7 digits.</summary>
    public string PostalCode { get; set; } = string.Empty;

    /// <summary>全国地方公共団体コード, 5 digits (JIS X 0402, without the check digit).</summary>
    public string MunicipalityCode { get; set; } = string.Empty;

    /// <summary>都道府県名.</summary>
    public string Prefecture { get; set; } = string.Empty;

    /// <summary>市区町村名.</summary>
    public string City { get; set; } = string.Empty;

    /// <summary>町域名, notes included (<c>以下に掲載がない場合</c>, <c>（その他）</c>).</summary>
    public string Town { get; set; } = string.Empty;

    /// <summary>都道府県名カナ.</summary>
    public string PrefectureKana { get; set; } = string.Empty;

    /// <summary>市区町村名カナ.</summary>
    public string CityKana { get; set; } = string.Empty;

    /// <summary>町域名カナ.</summary>
    public string TownKana { get; set; } = string.Empty;

    /// <summary>一町域が二以上の郵便番号で表される.</summary>
    public bool IsPartOfTown { get; set; }

    /// <summary>小字毎に番地が起番されている.</summary>
    public bool IsKoazaNumbered { get; set; }

    /// <summary>丁目を有する.</summary>
    public bool HasChome { get; set; }

    /// <summary>一つの郵便番号で二以上の町域を表す.</summary>
    public bool CoversSeveralTowns { get; set; }
}

/// <summary>大口事業所個別番号 (JIGYOSYO.CSV, formats.md §5): a postal code of its own for one office or 私書箱.</summary>
public sealed class LargeOfficePostalCode : ReferenceRow
{
    /// <summary>大口事業所個別番号, 7 digits.</summary>
    public string PostalCode { get; set; } = string.Empty;

    /// <summary>全国地方公共団体コード, 5 digits.</summary>
    public string MunicipalityCode { get; set; } = string.Empty;

    /// <summary>大口事業所名 (<c>奈良市役所</c>).</summary>
    public string OfficeName { get; set; } = string.Empty;

    /// <summary>大口事業所名カナ (full-width).</summary>
    public string OfficeNameKana { get; set; } = string.Empty;

    /// <summary>都道府県名.</summary>
    public string Prefecture { get; set; } = string.Empty;

    /// <summary>市区町村名.</summary>
    public string City { get; set; } = string.Empty;

    /// <summary>町域名.</summary>
    public string Town { get; set; } = string.Empty;

    /// <summary>小字名、丁目、番地等.</summary>
    public string StreetAddress { get; set; } = string.Empty;

    /// <summary>取扱局.</summary>
    public string PostOffice { get; set; } = string.Empty;

    /// <summary>私書箱 (true) or 大口事業所 (false).</summary>
    public bool IsPostOfficeBox { get; set; }

    /// <summary>The office has more than one 個別番号.</summary>
    public bool HasSeveralCodes { get; set; }
}

/// <summary>
/// One edition of a reference master as it was loaded: what file, when, by whom, and what it
/// changed. Written only when the edition changed something.
/// </summary>
public sealed class ReferenceEdition
{
    public long Id { get; set; }

    public ReferenceDataKind Kind { get; set; }

    /// <summary>The edition's label, stored in the rows' <see cref="ReferenceRow.Edition"/> / <see cref="ReferenceRow.RemovedInEdition"/>.</summary>
    public string Label { get; set; } = string.Empty;

    /// <summary>The file (and zip entry) it came from.</summary>
    public string Source { get; set; } = string.Empty;

    /// <summary>SHA-256 of the whole file as given (lowercase hex).</summary>
    public string Sha256 { get; set; } = string.Empty;

    public DateTimeOffset LoadedAt { get; set; }

    /// <summary>The login (or <c>system</c>) that loaded it.</summary>
    public string LoadedBy { get; set; } = string.Empty;

    public int Added { get; set; }

    public int Changed { get; set; }

    public int Removed { get; set; }

    public int Unchanged { get; set; }
}
