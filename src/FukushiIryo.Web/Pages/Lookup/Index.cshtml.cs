using FukushiIryo.App.Masters;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FukushiIryo.Web.Pages.Lookup;

/// <summary>What a lookup shows beside its field: the names found (and the address to fill in), or why none.</summary>
public sealed record LookupResult(string? Text, string? Problem, IReadOnlyList<string> Addresses, string? FillFor);

/// <summary>
/// 郵便番号 → 住所 and 金融機関コード・店舗コード → 金融機関名・店舗名 (permission <c>home.view</c>: reference data,
/// no personal data), asked by htmx from every form where an address or a bank account is typed. The names come
/// from the reference masters loaded from the shipped data (<see cref="PostalDirectory"/>, <see cref="BankDirectory"/>:
/// indexed lookups in the current edition, so an update by <c>fukushi masters update</c> shows at once). The
/// field names are passed in the query (<c>field</c>, <c>bankField</c>, <c>branchField</c>) because the forms
/// name their inputs differently (<c>PostalCode</c>, <c>Input.PostalCode</c>).
/// </summary>
public sealed class IndexModel(PostalDirectory postal, BankDirectory banks) : PageModel
{
    public IActionResult OnGet() => NotFound();

    /// <summary>The addresses of the 郵便番号 typed in <paramref name="field"/>; <paramref name="fill"/> is the id of the address input.</summary>
    public async Task<IActionResult> OnGetPostalAsync(string? field, string? fill, CancellationToken cancellationToken)
    {
        var typed = field is null ? null : Request.Query[field].FirstOrDefault()?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return Result(new(null, null, [], null));
        }

        if (PostalDirectory.Normalize(typed) is null)
        {
            return Result(new(null, "郵便番号は7桁の数字で入力してください（ハイフンは省略できます）。", [], null));
        }

        var check = await postal.CheckAsync(typed, cancellationToken).ConfigureAwait(false);
        if (!check.IsKnown)
        {
            return Result(new(null, check.Message + "。住所を直接入力してください。", [], null));
        }

        var addresses = (await postal.FindAsync(typed, cancellationToken).ConfigureAwait(false)).Select(a => a.Address).Distinct(StringComparer.Ordinal).ToList();
        return Result(new(addresses.Count == 1 ? addresses[0] : $"この郵便番号の町域は {addresses.Count} 件あります。選んでください。", null, addresses, fill));
    }

    /// <summary>The bank and branch names of the codes typed in <paramref name="bankField"/> and <paramref name="branchField"/>.</summary>
    public async Task<IActionResult> OnGetBankAsync(string? bankField, string? branchField, CancellationToken cancellationToken)
    {
        var bank = (bankField is null ? null : Request.Query[bankField].FirstOrDefault())?.Trim() ?? string.Empty;
        var branch = (branchField is null ? null : Request.Query[branchField].FirstOrDefault())?.Trim() ?? string.Empty;
        if (bank.Length == 0)
        {
            return Result(new(null, null, [], null));
        }

        if (bank.Length != 4 || !bank.All(char.IsAsciiDigit))
        {
            return Result(new(null, "金融機関コードは4桁の数字で入力してください。", [], null));
        }

        if (branch.Length == 0)
        {
            var found = await banks.FindBankAsync(bank, cancellationToken).ConfigureAwait(false);
            return found is null
                ? Result(new(null, $"金融機関コード {bank} は金融機関マスタにありません。", [], null))
                : Result(new(found.RemovedInEdition is null ? found.Name : $"{found.Name}（金融機関マスタの版 {found.RemovedInEdition} で廃止）", null, [], null));
        }

        if (branch.Length != 3 || !branch.All(char.IsAsciiDigit))
        {
            return Result(new(null, "店舗コードは3桁の数字で入力してください。", [], null));
        }

        var check = await banks.CheckAsync(bank, branch, cancellationToken).ConfigureAwait(false);
        return check.IsCurrent ? Result(new(check.Message, null, [], null)) : Result(new(null, check.Message + "。", [], null));
    }

    private PartialViewResult Result(LookupResult result) => Partial("_LookupResult", result);
}
