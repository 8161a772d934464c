using System.Globalization;
using System.Text;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Text;

namespace FukushiIryo.App.People;

/// <summary>住登外者の登録 as typed: 氏名, カナ, 生年月日, 性別, 郵便番号 and 住所.</summary>
public sealed record NonResidentInput(string? Name, string? NameKana, DateOnly? BirthDate, Sex? Sex, string? PostalCode, string? Address);

/// <summary>What 住登外者の登録 did: the new person and the 宛名番号 issued, or the problems by field (nothing saved, no number issued).</summary>
public sealed record NonResidentResult(IReadOnlyList<FieldProblem> Problems, long? PersonId = null, string? AtenaNumber = null)
{
    public bool IsSaved => Problems.Count == 0;
}

/// <summary>
/// 住登外者の登録 (issue 15 item 1): a person the 団体統合宛名システム does not number (a parent or child living outside
/// the city) is put on the 台帳 with a 宛名番号 issued by the 宛名 module (<see cref="IAtenaVault.IssueAtenaNumberAsync"/>,
/// ADR 0027) and 住民区分 住登外, as the same <see cref="Person"/> and <see cref="PersonRecord"/> history the residents
/// import writes (true from the registration day). A later <c>import residents</c> row with that 宛名番号 updates the
/// person as any other. Audited (<c>person.nonresident_registered</c>; the issue itself is audited by the vault).
/// </summary>
public sealed class NonResidentRegistration(FukushiDbContext db, PersonLedger ledger, IAtenaVault vault, TimeProvider clock)
{
    public async Task<NonResidentResult> RegisterAsync(NonResidentInput input, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var problems = new List<FieldProblem>();
        // 氏名 and 住所 keep their original characters (外字 included): trimmed, never normalized.
        var name = (input.Name ?? string.Empty).Trim();
        var kana = KanaNormalizer.ToCanonicalName(Clean(input.NameKana));
        var postal = Clean(input.PostalCode).Replace("-", string.Empty, StringComparison.Ordinal).Replace("〒", string.Empty, StringComparison.Ordinal);
        var address = (input.Address ?? string.Empty).Trim();
        var today = JstClock.Today(clock);
        if (name.Length is 0 or > 100)
        {
            problems.Add(new("Name", name.Length == 0 ? "氏名を入力してください。" : "氏名は100文字以内で入力してください。"));
        }

        if (kana.Length is 0 or > 100 || !KanaNormalizer.IsKatakanaName(kana))
        {
            problems.Add(new("NameKana", "カナ氏名はカタカナで入力してください。"));
        }

        if (input.BirthDate is not { } birth)
        {
            problems.Add(new("BirthDate", "生年月日を入力してください。"));
        }
        else if (birth > today)
        {
            problems.Add(new("BirthDate", "生年月日が未来の日付です。"));
        }

        if (input.Sex is not { } sex || !Enum.IsDefined(sex))
        {
            problems.Add(new("Sex", "性別を選んでください。"));
        }

        if (postal.Length > 0 && (postal.Length != 7 || !postal.All(char.IsAsciiDigit)))
        {
            problems.Add(new("PostalCode", "郵便番号は7桁の数字で入力してください（例: 630-8580）。"));
        }

        if (address.Length is 0 or > 200)
        {
            problems.Add(new("Address", address.Length == 0 ? "住所を入力してください。" : "住所は200文字以内で入力してください。"));
        }

        if (problems.Count > 0)
        {
            return new NonResidentResult(problems);
        }

        // The number is issued (and audited) first: if the registration below fails, the number stays unused, never reused.
        var atenaNumber = await vault.IssueAtenaNumberAsync(actor, cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var person = await ledger.RegisterAsync(atenaNumber, new PersonRecord
        {
            Name = name,
            NameKana = kana,
            NameKanaKey = KanaNormalizer.ToSearchKey(kana),
            BirthDate = input.BirthDate!.Value,
            Sex = input.Sex!.Value,
            ResidencyStatus = ResidencyStatus.Unregistered,
            PostalCode = postal.Length == 0 ? null : postal,
            Address = address,
        }, today, actor, cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.NonResidentRegistered, "person", person.Id.ToString(CultureInfo.InvariantCulture), new Dictionary<string, object?>
        {
            ["atenaNumber"] = atenaNumber,
        }));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new NonResidentResult([], person.Id, atenaNumber);
    }

    private static string Clean(string? text) => (text ?? string.Empty).Normalize(NormalizationForm.FormKC).Trim();
}
