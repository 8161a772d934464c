using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.Formats.Reference;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters;

/// <summary>What the postal masters say of a 郵便番号.</summary>
public enum PostalCodeStatus
{
    /// <summary>A 郵便番号 of the current KEN_ALL edition (one or more 町域).</summary>
    Address,

    /// <summary>A 大口事業所個別番号 of the current JIGYOSYO edition.</summary>
    LargeOffice,

    /// <summary>Known only from an earlier edition: the code was abolished or moved.</summary>
    Abolished,

    /// <summary>Neither list has ever had it.</summary>
    Unknown,

    /// <summary>Not 7 digits (a hyphen and full-width digits are accepted).</summary>
    Malformed,
}

/// <summary>
/// The answer of <see cref="PostalDirectory.CheckAsync"/>. interfaces.md §1: a 郵便番号 unknown to
/// KEN_ALL and the 大口事業所 list is imported with a warning (<see cref="IsKnown"/> false), while
/// one that is not 7 digits is a file error (<see cref="PostalCodeStatus.Malformed"/>).
/// </summary>
public sealed record PostalCodeCheck(PostalCodeStatus Status, string Input, string? PostalCode, string? RemovedInEdition)
{
    /// <summary>The code is in a current edition of either list.</summary>
    public bool IsKnown => Status is PostalCodeStatus.Address or PostalCodeStatus.LargeOffice;

    /// <summary>A message for staff or an import report.</summary>
    public string Message => Status switch
    {
        PostalCodeStatus.Address => $"郵便番号 {PostalCode} は郵便番号データにあります",
        PostalCodeStatus.LargeOffice => $"郵便番号 {PostalCode} は大口事業所個別番号です",
        PostalCodeStatus.Abolished => $"郵便番号 {PostalCode} は郵便番号データの版 {RemovedInEdition} で廃止されています",
        PostalCodeStatus.Unknown => $"郵便番号 {PostalCode} は郵便番号データ（KEN_ALL・大口事業所）にありません",
        _ => $"郵便番号は7桁の数字で指定してください: {Input}",
    };
}

/// <summary>An address a 郵便番号 stands for, ready to fill an address form.</summary>
/// <param name="PostalCode">7 digits.</param>
/// <param name="MunicipalityCode">全国地方公共団体コード, 5 digits.</param>
/// <param name="Prefecture">都道府県名.</param>
/// <param name="City">市区町村名.</param>
/// <param name="Town">町域 to show (<see cref="JapanPostCsv.DisplayTown"/>): empty for a catch-all line, notes removed.</param>
/// <param name="TownAsListed">町域名 as Japan Post lists it, notes included.</param>
/// <param name="StreetAddress">番地等 of a 大口事業所, else empty.</param>
/// <param name="Kana">都道府県・市区町村・町域 in kana, as shown (a 大口事業所: its name in kana).</param>
/// <param name="OfficeName">The 大口事業所's name, else null.</param>
public sealed record PostalAddressMatch(
    string PostalCode,
    string MunicipalityCode,
    string Prefecture,
    string City,
    string Town,
    string TownAsListed,
    string StreetAddress,
    string Kana,
    string? OfficeName)
{
    /// <summary>The address to prefill: 都道府県 + 市区町村 + 町域 (+ 番地等 of a 大口事業所).</summary>
    public string Address => Prefecture + City + Town + StreetAddress;

    public bool IsLargeOffice => OfficeName is not null;
}

/// <summary>Lookups in the postal masters (KEN_ALL and the 大口事業所 list, formats.md §5).</summary>
public sealed class PostalDirectory(FukushiDbContext db)
{
    /// <summary>
    /// The 7 digits of a 郵便番号 as people write it (<c>630-8580</c>, <c>６３０－８５８０</c>,
    /// <c>〒630 8580</c>), or null when it is not 7 digits.
    /// </summary>
    public static string? Normalize(string? input)
    {
        if (input is null)
        {
            return null;
        }

        var digits = new StringBuilder(7);
        foreach (var c in input.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not ('-' or '〒' or ' ' or '\u2212' or '\u2010' or '\u2011' or 'ー'))
            {
                return null;
            }
        }

        return digits.Length == 7 ? digits.ToString() : null;
    }

    /// <summary>Whether <paramref name="postalCode"/> is in the current KEN_ALL or 大口事業所 list.</summary>
    public async Task<PostalCodeCheck> CheckAsync(string postalCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postalCode);
        var code = Normalize(postalCode);
        if (code is null)
        {
            return new PostalCodeCheck(PostalCodeStatus.Malformed, postalCode, null, null);
        }

        if (await db.PostalAddresses.AnyAsync(a => a.PostalCode == code && a.RemovedInEdition == null, cancellationToken).ConfigureAwait(false))
        {
            return new PostalCodeCheck(PostalCodeStatus.Address, postalCode, code, null);
        }

        if (await db.LargeOfficePostalCodes.AnyAsync(o => o.PostalCode == code && o.RemovedInEdition == null, cancellationToken).ConfigureAwait(false))
        {
            return new PostalCodeCheck(PostalCodeStatus.LargeOffice, postalCode, code, null);
        }

        var removedIn = await db.PostalAddresses.Where(a => a.PostalCode == code).OrderByDescending(a => a.Id).Select(a => a.RemovedInEdition)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? await db.LargeOfficePostalCodes.Where(o => o.PostalCode == code).OrderByDescending(o => o.Id).Select(o => o.RemovedInEdition)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return removedIn is null
            ? new PostalCodeCheck(PostalCodeStatus.Unknown, postalCode, code, null)
            : new PostalCodeCheck(PostalCodeStatus.Abolished, postalCode, code, removedIn);
    }

    /// <summary>The current addresses of <paramref name="postalCode"/>: its 町域 in KEN_ALL order, then its 大口事業所. Empty when unknown or malformed.</summary>
    public async Task<IReadOnlyList<PostalAddressMatch>> FindAsync(string postalCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postalCode);
        var code = Normalize(postalCode);
        if (code is null)
        {
            return [];
        }

        var towns = await db.PostalAddresses.AsNoTracking()
            .Where(a => a.PostalCode == code && a.RemovedInEdition == null)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var offices = await db.LargeOfficePostalCodes.AsNoTracking()
            .Where(o => o.PostalCode == code && o.RemovedInEdition == null)
            .OrderBy(o => o.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return
        [
            .. towns.Select(a => new PostalAddressMatch(
                a.PostalCode,
                a.MunicipalityCode,
                a.Prefecture,
                a.City,
                JapanPostCsv.DisplayTown(a.Town, a.City),
                a.Town,
                string.Empty,
                a.PrefectureKana + a.CityKana + JapanPostCsv.DisplayTownKana(a.Town, a.TownKana, a.City),
                null)),
            .. offices.Select(o => new PostalAddressMatch(
                o.PostalCode,
                o.MunicipalityCode,
                o.Prefecture,
                o.City,
                o.Town,
                o.Town,
                o.StreetAddress,
                o.OfficeNameKana,
                o.OfficeName)),
        ];
    }
}
