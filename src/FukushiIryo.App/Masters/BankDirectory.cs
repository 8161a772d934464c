using FukushiIryo.App.Data;
using FukushiIryo.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters;

/// <summary>What the bank master says of a 金融機関コード + 店舗コード.</summary>
public enum BranchStatus
{
    /// <summary>The bank and the branch are in the current edition.</summary>
    Current,

    /// <summary>The bank is current but the branch was removed from the master (closed or merged).</summary>
    BranchClosed,

    /// <summary>The bank itself was removed from the master.</summary>
    BankClosed,

    /// <summary>The bank is current but the master never had the branch.</summary>
    UnknownBranch,

    /// <summary>The master never had the bank (zengin-code also lists branches of banks it no longer lists: those are here too).</summary>
    UnknownBank,

    /// <summary>The codes are not 4 and 3 digits.</summary>
    Malformed,
}

/// <summary>
/// The answer of <see cref="BankDirectory.CheckAsync"/>. An import turns it into what its rules
/// say: interfaces.md §4 imports a branch missing from the current master and flags it for
/// staff (a warning), while a payment export refuses anything but <see cref="BranchStatus.Current"/>.
/// Names come from the current rows, or, for a closed bank or branch, from its last row.
/// </summary>
public sealed record BranchCheck(
    BranchStatus Status,
    string BankCode,
    string BranchCode,
    string? BankName,
    string? BankKana,
    string? BranchName,
    string? BranchKana,
    string? RemovedInEdition)
{
    /// <summary>The bank and branch may receive a transfer.</summary>
    public bool IsCurrent => Status == BranchStatus.Current;

    /// <summary>The bank name for the 全銀 file: half-width, at most 15 bytes (null when unknown or not writable).</summary>
    public string? ZenginBankName => BankKana is null ? null : BankDirectory.ZenginName(BankKana);

    /// <summary>The branch name for the 全銀 file: half-width, at most 15 bytes (null when unknown or not writable).</summary>
    public string? ZenginBranchName => BranchKana is null ? null : BankDirectory.ZenginName(BranchKana);

    /// <summary>A message for staff or an import report.</summary>
    public string Message => Status switch
    {
        BranchStatus.Current => $"{BankName} {BranchName}",
        BranchStatus.BranchClosed => $"店舗 {BankCode}-{BranchCode}（{BankName} {BranchName}）は金融機関マスタの版 {RemovedInEdition} で廃止されています",
        BranchStatus.BankClosed => $"金融機関 {BankCode}（{BankName}）は金融機関マスタの版 {RemovedInEdition} で廃止されています",
        BranchStatus.UnknownBranch => $"店舗コード {BranchCode} は金融機関 {BankCode}（{BankName}）の店舗として金融機関マスタにありません",
        BranchStatus.UnknownBank => $"金融機関コード {BankCode} は金融機関マスタにありません",
        _ => $"金融機関コード（4桁）・店舗コード（3桁）の形式が正しくありません: {BankCode}-{BranchCode}",
    };
}

/// <summary>
/// Lookups in the bank master (統一金融機関コード, formats.md §4): whether a bank and a branch
/// exist now, were removed, or never existed, their names, and their 全銀 names.
/// </summary>
public sealed class BankDirectory(FukushiDbContext db)
{
    /// <summary>The byte length of the 被仕向銀行名 and 被仕向支店名 fields of a 全銀 data record.</summary>
    public const int ZenginNameBytes = 15;

    /// <summary>
    /// A master's kana name as the 全銀 file writes it (interfaces.md §6): half-width
    /// (<see cref="ZenginText.Convert"/>), cut to 15 bytes before a kana whose 濁点/半濁点 would not
    /// fit (<see cref="ZenginText.FitToBytes"/>), not padded. Null when a character has no 全銀 form
    /// (never for the shipped master).
    /// </summary>
    public static string? ZenginName(string kana)
    {
        ArgumentNullException.ThrowIfNull(kana);
        var converted = ZenginText.Convert(kana);
        return converted.IsComplete ? ZenginText.FitToBytes(converted.Text, ZenginNameBytes) : null;
    }

    /// <summary>The current row of a bank, else its last removed row, else null.</summary>
    public async Task<Bank?> FindBankAsync(string bankCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bankCode);
        return await db.Banks.AsNoTracking()
            .Where(bank => bank.BankCode == bankCode)
            .OrderBy(bank => bank.RemovedInEdition == null ? 0 : 1)
            .ThenByDescending(bank => bank.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The current row of a branch, else its last removed row, else null.</summary>
    public async Task<BankBranch?> FindBranchAsync(string bankCode, string branchCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bankCode);
        ArgumentNullException.ThrowIfNull(branchCode);
        return await db.BankBranches.AsNoTracking()
            .Where(branch => branch.BankCode == bankCode && branch.BranchCode == branchCode)
            .OrderBy(branch => branch.RemovedInEdition == null ? 0 : 1)
            .ThenByDescending(branch => branch.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the master says of <paramref name="bankCode"/> (4 digits) and <paramref name="branchCode"/> (3 digits).</summary>
    public async Task<BranchCheck> CheckAsync(string bankCode, string branchCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bankCode);
        ArgumentNullException.ThrowIfNull(branchCode);
        if (!IsDigits(bankCode, 4) || !IsDigits(branchCode, 3))
        {
            return new BranchCheck(BranchStatus.Malformed, bankCode, branchCode, null, null, null, null, null);
        }

        var bank = await FindBankAsync(bankCode, cancellationToken).ConfigureAwait(false);
        var branch = await FindBranchAsync(bankCode, branchCode, cancellationToken).ConfigureAwait(false);
        return Judge(bankCode, branchCode, bank, branch);
    }

    /// <summary>
    /// What the master says of a bank and branch already looked up (<paramref name="bank"/> and
    /// <paramref name="branch"/> null when the master has none): for callers that load the master in bulk.
    /// </summary>
    public static BranchCheck Judge(string bankCode, string branchCode, Bank? bank, BankBranch? branch)
    {
        ArgumentNullException.ThrowIfNull(bankCode);
        ArgumentNullException.ThrowIfNull(branchCode);
        if (!IsDigits(bankCode, 4) || !IsDigits(branchCode, 3))
        {
            return new BranchCheck(BranchStatus.Malformed, bankCode, branchCode, null, null, null, null, null);
        }

        var status = (bank, branch) switch
        {
            (null, _) => BranchStatus.UnknownBank,
            ({ RemovedInEdition: not null }, _) => BranchStatus.BankClosed,
            (_, null) => BranchStatus.UnknownBranch,
            (_, { RemovedInEdition: not null }) => BranchStatus.BranchClosed,
            _ => BranchStatus.Current,
        };
        var removedIn = status switch
        {
            BranchStatus.BankClosed => bank!.RemovedInEdition,
            BranchStatus.BranchClosed => branch!.RemovedInEdition,
            _ => null,
        };
        return new BranchCheck(status, bankCode, branchCode, bank?.Name, bank?.Kana, branch?.Name, branch?.Kana, removedIn);
    }

    private static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);
}
