using System.Globalization;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Masters;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.People;

/// <summary>
/// 変更 or 訂正 (architecture.md §3): a change says the fact changed on a date (a move, a marriage
/// name, a new insurance) and keeps what was true before; a correction says what we recorded was
/// wrong for the period and replaces it, keeping the wrong row as superseded.
/// </summary>
public enum LedgerEditKind
{
    /// <summary>変更: the world changed on <see cref="LedgerEdit.EffectiveOn"/>.</summary>
    Change = 1,

    /// <summary>訂正: the period that contains <see cref="LedgerEdit.EffectiveOn"/> was recorded wrong.</summary>
    Correction = 2,
}

/// <summary>The items of 記載事項変更 (issue 9 item 5).</summary>
public enum LedgerItem
{
    /// <summary>氏名.</summary>
    Name = 1,

    /// <summary>住所.</summary>
    Address = 2,

    /// <summary>医療保険.</summary>
    Insurance = 3,

    /// <summary>支払口座.</summary>
    BankAccount = 4,

    /// <summary>連絡先.</summary>
    Contact = 5,
}

/// <summary>
/// One 記載事項変更: the person and the version the form was read with, 変更 or 訂正, the 届出日 (the
/// day the recipient reported it) and the effective day (変更: the first day of the new values;
/// 訂正: a day of the period to correct). For a change the effective day defaults to the 届出日.
/// </summary>
public sealed record LedgerEdit(long PersonId, long ExpectedVersion, LedgerEditKind Kind, DateOnly ReportedOn, DateOnly EffectiveOn);

/// <summary>A problem with one field of the form, in Japanese, shown beside the field.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>What an edit did: saved, or refused with the problems by field (nothing saved).</summary>
public sealed record LedgerEditResult(IReadOnlyList<FieldProblem> Problems)
{
    public static LedgerEditResult Saved { get; } = new([]);

    public bool IsSaved => Problems.Count == 0;
}

/// <summary>氏名 as typed (漢字 and カナ).</summary>
public sealed record NameInput(string? Name, string? NameKana);

/// <summary>住所 as typed: 郵便番号 (7 digits, hyphen allowed) and the address.</summary>
public sealed record AddressInput(string? PostalCode, string? Address);

/// <summary>医療保険 as typed.</summary>
public sealed record InsuranceInput(
    InsuranceKind? Kind,
    string? InsurerNumber,
    string? InsurerName,
    InsuredRole? InsuredRole,
    string? InsuredName,
    string? CardSymbol,
    string? CardNumber);

/// <summary>
/// 支払口座 as typed: either a ゆうちょ 記号・番号 (decisions.md D16; the 金融機関・店舗 then come from
/// them) or 金融機関コード, 店舗コード, 預金種目 and 口座番号; the 口座名義 in kana in both cases.
/// </summary>
public sealed record BankAccountInput(
    string? BankCode,
    string? BranchCode,
    AccountType? AccountType,
    string? AccountNumber,
    string? HolderKana,
    string? YuchoSymbol = null,
    string? YuchoNumber = null)
{
    public bool IsYucho => !string.IsNullOrWhiteSpace(YuchoSymbol) || !string.IsNullOrWhiteSpace(YuchoNumber);
}

/// <summary>連絡先 as typed.</summary>
public sealed record ContactInput(string? PhoneNumber);

/// <summary>
/// 記載事項変更 (issue 9 item 5): 氏名, 住所, 医療保険, 支払口座 and 連絡先 of a person, as a 変更 from a
/// date or a 訂正 of a period, with history (<see cref="History"/>), refused when the form is stale
/// (the person's version), checked field by field (nothing saved on bad input), and audited with
/// the old and new values (<see cref="AuditEventType.PersonChanged"/>, <see cref="AuditEventType.PersonCorrected"/>).
/// </summary>
public sealed class PersonChanges(FukushiDbContext db, TimeProvider clock)
{
    private const string ConflictMessage = "この宛名は他の職員が更新しました。画面を読み込み直してから入力してください。";

    /// <summary>The Japanese name of an item.</summary>
    public static string ItemName(LedgerItem item) => item switch
    {
        LedgerItem.Name => "氏名",
        LedgerItem.Address => "住所",
        LedgerItem.Insurance => "医療保険",
        LedgerItem.BankAccount => "支払口座",
        LedgerItem.Contact => "連絡先",
        _ => throw new ArgumentOutOfRangeException(nameof(item), item, null),
    };

    /// <summary>変更 or 訂正 in Japanese.</summary>
    public static string KindName(LedgerEditKind kind) => kind == LedgerEditKind.Correction ? "訂正" : "変更";

    public Task<LedgerEditResult> EditNameAsync(LedgerEdit edit, NameInput input, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        // 氏名 and 住所 keep their original characters (外字 included): trimmed, never normalized.
        var name = (input.Name ?? string.Empty).Trim();
        var kana = KanaNormalizer.ToFullWidthKatakana(Clean(input.NameKana));
        if (name.Length == 0)
        {
            problems.Add(new("Name", "氏名を入力してください。"));
        }
        else if (name.Length > 100)
        {
            problems.Add(new("Name", "氏名は100文字以内で入力してください。"));
        }

        if (!KanaNormalizer.IsKatakanaName(kana) || kana.Length > 100)
        {
            problems.Add(new("NameKana", "カナ氏名はカタカナで入力してください。"));
        }

        return EditAsync(edit, LedgerItem.Name, problems, db.PersonRecords, null,
            row =>
            {
                row.Name = name;
                row.NameKana = kana;
                row.NameKanaKey = KanaNormalizer.ToSearchKey(kana);
            },
            row => new Dictionary<string, object?> { ["name"] = row.Name, ["nameKana"] = row.NameKana },
            actor, clientAddress, cancellationToken);
    }

    public Task<LedgerEditResult> EditAddressAsync(LedgerEdit edit, AddressInput input, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        var postal = Clean(input.PostalCode).Replace("-", string.Empty, StringComparison.Ordinal).Replace("〒", string.Empty, StringComparison.Ordinal);
        var address = (input.Address ?? string.Empty).Trim();
        if (postal.Length > 0 && !IsDigits(postal, 7, 7))
        {
            problems.Add(new("PostalCode", "郵便番号は7桁の数字で入力してください（例: 630-8580）。"));
        }

        if (address.Length == 0)
        {
            problems.Add(new("Address", "住所を入力してください。"));
        }
        else if (address.Length > 200)
        {
            problems.Add(new("Address", "住所は200文字以内で入力してください。"));
        }

        return EditAsync(edit, LedgerItem.Address, problems, db.PersonRecords, null,
            row =>
            {
                row.PostalCode = postal.Length == 0 ? null : postal;
                row.Address = address;
            },
            row => new Dictionary<string, object?> { ["postalCode"] = row.PostalCode, ["address"] = row.Address },
            actor, clientAddress, cancellationToken);
    }

    public Task<LedgerEditResult> EditInsuranceAsync(LedgerEdit edit, InsuranceInput input, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        if (input.Kind is null || !Enum.IsDefined(input.Kind.Value))
        {
            problems.Add(new("Kind", "保険種別を選んでください。"));
        }

        InsurerNumber? insurer = null;
        try
        {
            insurer = InsurerNumber.Parse(Clean(input.InsurerNumber));
        }
        catch (FormatException exception)
        {
            problems.Add(new("InsurerNumber", exception.Message));
        }

        if (input.InsuredRole is null || !Enum.IsDefined(input.InsuredRole.Value))
        {
            problems.Add(new("InsuredRole", "本人・家族を選んでください。"));
        }

        var cardNumber = Clean(input.CardNumber);
        if (cardNumber.Length == 0)
        {
            problems.Add(new("CardNumber", "被保険者証の番号を入力してください。"));
        }

        return EditAsync(edit, LedgerItem.Insurance, problems, db.Insurances, id => new Insurance { PersonId = id },
            row =>
            {
                row.InsuranceKind = input.Kind!.Value;
                row.InsurerNumber = insurer!.ToString();
                row.InsurerName = NullIfEmpty(input.InsurerName);
                row.InsuredRole = input.InsuredRole!.Value;
                row.InsuredName = NullIfEmpty(input.InsuredName);
                row.CardSymbol = NullIfEmpty(input.CardSymbol);
                row.CardNumber = cardNumber;
            },
            row => new Dictionary<string, object?>
            {
                ["insuranceKind"] = row.InsuranceKind.ToString(),
                ["insurerNumber"] = row.InsurerNumber,
                ["insurerName"] = row.InsurerName,
                ["insuredRole"] = row.InsuredRole.ToString(),
                ["cardSymbol"] = row.CardSymbol,
                ["cardNumber"] = row.CardNumber,
            },
            actor, clientAddress, cancellationToken);
    }

    public async Task<LedgerEditResult> EditBankAccountAsync(LedgerEdit edit, BankAccountInput input, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        string bankCode, branchCode, accountNumber;
        AccountType? accountType;
        if (input.IsYucho)
        {
            if (YuchoAccount.TryParse(input.YuchoSymbol, input.YuchoNumber, out var yucho, out var error))
            {
                (bankCode, branchCode, accountType, accountNumber) = (YuchoAccount.BankCode, yucho.BranchCode, yucho.AccountType, yucho.AccountNumber);
            }
            else
            {
                problems.Add(new(error is YuchoAccountError.SymbolNotFiveDigits or YuchoAccountError.SymbolFirstDigit ? "YuchoSymbol" : "YuchoNumber", YuchoAccount.Describe(error)));
                (bankCode, branchCode, accountType, accountNumber) = (string.Empty, string.Empty, null, string.Empty);
            }
        }
        else
        {
            bankCode = Clean(input.BankCode);
            branchCode = Clean(input.BranchCode);
            accountType = input.AccountType;
            accountNumber = Clean(input.AccountNumber);
            if (!IsDigits(bankCode, 4, 4))
            {
                problems.Add(new("BankCode", "金融機関コードは4桁の数字で入力してください。"));
            }
            else if (bankCode == YuchoAccount.BankCode)
            {
                problems.Add(new("BankCode", "ゆうちょ銀行の口座は通帳の記号・番号で入力してください。"));
            }

            if (!IsDigits(branchCode, 3, 3))
            {
                problems.Add(new("BranchCode", "店舗コードは3桁の数字で入力してください。"));
            }

            if (accountType is null || !Enum.IsDefined(accountType.Value))
            {
                problems.Add(new("AccountType", "預金種目を選んでください。"));
            }

            if (!IsDigits(accountNumber, 1, 7) || accountNumber.All(c => c == '0'))
            {
                problems.Add(new("AccountNumber", "口座番号は7桁以内の数字で入力してください。"));
            }
            else
            {
                accountNumber = accountNumber.PadLeft(7, '0');
            }
        }

        var holder = KanaNormalizer.ToFullWidthKatakana(Clean(input.HolderKana));
        if (!KanaNormalizer.IsKatakanaName(holder) || holder.Length > 100)
        {
            problems.Add(new("HolderKana", "口座名義はカタカナで入力してください。"));
        }

        string bankName = string.Empty, branchName = string.Empty;
        if (!problems.Any(p => p.Field is "BankCode" or "BranchCode" or "YuchoSymbol" or "YuchoNumber"))
        {
            var check = await new BankDirectory(db).CheckAsync(bankCode, branchCode, cancellationToken).ConfigureAwait(false);
            if (check.IsCurrent)
            {
                (bankName, branchName) = (check.BankName ?? string.Empty, check.BranchName ?? string.Empty);
            }
            else
            {
                problems.Add(new(input.IsYucho ? "YuchoSymbol" : check.Status is BranchStatus.UnknownBank or BranchStatus.BankClosed ? "BankCode" : "BranchCode", check.Message + "。"));
            }
        }

        return await EditAsync(edit, LedgerItem.BankAccount, problems, db.BankAccounts, id => new BankAccount { PersonId = id },
            row =>
            {
                row.BankCode = bankCode;
                row.BankName = bankName;
                row.BranchCode = branchCode;
                row.BranchName = branchName;
                row.AccountType = accountType!.Value;
                row.AccountNumber = accountNumber;
                row.AccountHolderKana = holder;
            },
            row => new Dictionary<string, object?>
            {
                ["bankCode"] = row.BankCode,
                ["branchCode"] = row.BranchCode,
                ["accountType"] = row.AccountType.ToString(),
                ["accountNumber"] = row.AccountNumber,
                ["accountHolderKana"] = row.AccountHolderKana,
            },
            actor, clientAddress, cancellationToken).ConfigureAwait(false);
    }

    public Task<LedgerEditResult> EditContactAsync(LedgerEdit edit, ContactInput input, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        var phone = Clean(input.PhoneNumber).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!IsDigits(phone, 10, 11) || phone[0] != '0')
        {
            problems.Add(new("PhoneNumber", "電話番号は0で始まる10桁または11桁の数字で入力してください（ハイフン可）。"));
        }

        return EditAsync(edit, LedgerItem.Contact, problems, db.Contacts, id => new Contact { PersonId = id },
            row => row.PhoneNumber = phone,
            row => new Dictionary<string, object?> { ["phoneNumber"] = row.PhoneNumber },
            actor, clientAddress, cancellationToken);
    }

    private async Task<LedgerEditResult> EditAsync<T>(
        LedgerEdit edit,
        LedgerItem item,
        List<FieldProblem> problems,
        DbSet<T> rows,
        Func<long, T>? start,
        Action<T> apply,
        Func<T, Dictionary<string, object?>> show,
        string actor,
        string? clientAddress,
        CancellationToken cancellationToken)
        where T : HistoryRow
    {
        ArgumentNullException.ThrowIfNull(edit);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (edit.Kind == LedgerEditKind.Change && edit.EffectiveOn > edit.ReportedOn.AddYears(1))
        {
            problems.Add(new("EffectiveOn", "変更日が届出日より1年以上先です。日付を確かめてください。"));
        }

        if (problems.Count > 0)
        {
            return new LedgerEditResult(problems);
        }

        var person = await db.Persons.SingleAsync(p => p.Id == edit.PersonId, cancellationToken).ConfigureAwait(false);
        if (person.Version != edit.ExpectedVersion)
        {
            throw new ConcurrencyConflictException(ConflictMessage);
        }

        var current = await rows.Where(r => EF.Property<long>(r, "PersonId") == edit.PersonId).Current().ToListAsync(cancellationToken).ConfigureAwait(false);
        var before = current.FirstOrDefault(r => r.ValidFrom <= edit.EffectiveOn && (r.ValidTo is null || r.ValidTo > edit.EffectiveOn));
        var now = AppClock.Now(clock);
        HistoryEdit<T> plan;
        if (edit.Kind == LedgerEditKind.Correction)
        {
            if (before is null)
            {
                return new LedgerEditResult([new("EffectiveOn", $"{edit.EffectiveOn:yyyy-MM-dd} を含む{ItemName(item)}の記録がないため訂正できません。変更として入力してください。")]);
            }

            plan = History.PlanCorrection(current, apply, now, actor, row => row.Id == before.Id);
        }
        else if (current.Count == 0)
        {
            if (start is null)
            {
                return new LedgerEditResult([new("EffectiveOn", $"{ItemName(item)}の記録がありません。")]);
            }

            var first = start(edit.PersonId);
            apply(first);
            plan = History.PlanStart(first, edit.EffectiveOn, now, actor);
        }
        else
        {
            plan = History.PlanChange(current, edit.EffectiveOn, apply, now, actor);
        }

        var after = plan.Added.First(r => r.ValidFrom <= edit.EffectiveOn && (r.ValidTo is null || r.ValidTo > edit.EffectiveOn));
        var oldValues = before is null ? null : show(before);
        var newValues = show(after);
        if (oldValues is not null && oldValues.SequenceEqual(newValues))
        {
            return new LedgerEditResult([new("EffectiveOn", "入力された内容は現在の記録と同じです。")]);
        }

        plan.ApplyTo(db, now);
        db.Entry(person).Property(p => p.Version).OriginalValue = edit.ExpectedVersion;
        db.Touch(person);
        db.AddAudit(new AuditEntry(actor, edit.Kind == LedgerEditKind.Correction ? AuditEventType.PersonCorrected : AuditEventType.PersonChanged, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["item"] = item.ToString(),
            ["kind"] = KindName(edit.Kind),
            ["reportedOn"] = edit.ReportedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["effectiveOn"] = edit.EffectiveOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["old"] = oldValues,
            ["new"] = newValues,
        }, ClientAddress: clientAddress));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new ConcurrencyConflictException(ConflictMessage, exception);
        }

        return LedgerEditResult.Saved;
    }

    private static string Clean(string? text) => (text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();

    private static string? NullIfEmpty(string? text) => Clean(text) is { Length: > 0 } value ? value : null;

    private static bool IsDigits(string text, int min, int max) => text.Length >= min && text.Length <= max && text.All(char.IsAsciiDigit);
}
