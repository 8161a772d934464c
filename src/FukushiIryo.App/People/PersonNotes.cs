using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.People;

/// <summary>An inquiry as staff enter it: who asked, how, when, what, and what was answered.</summary>
public sealed record InquiryEntry(long PersonId, string? Inquirer, string? Channel, DateTimeOffset AskedAt, string? Question, string? Answer);

/// <summary>
/// メモ and 問合せ記録 (issue 9 item 7, P20) of a person: both append-only (a memo is corrected by a
/// new memo naming it; nothing is edited or deleted) and audited without their text.
/// </summary>
public sealed class PersonNotes(FukushiDbContext db, TimeProvider clock)
{
    /// <summary>受付方法 staff choose from.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["窓口", "電話", "文書"];

    public const int MaxMemoLength = 2000;

    /// <summary>Adds a memo; returns problems by field (nothing saved) or none.</summary>
    public async Task<IReadOnlyList<FieldProblem>> AddMemoAsync(long personId, string? text, long? correctsMemoId, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var value = (text ?? string.Empty).Trim();
        var problems = new List<FieldProblem>();
        if (value.Length == 0)
        {
            problems.Add(new("Text", "メモを入力してください。"));
        }
        else if (value.Length > MaxMemoLength)
        {
            problems.Add(new("Text", $"メモは{MaxMemoLength}文字以内で入力してください。"));
        }

        if (correctsMemoId is { } corrected && !await db.Memos.AnyAsync(m => m.Id == corrected && m.PersonId == personId, cancellationToken).ConfigureAwait(false))
        {
            problems.Add(new("CorrectsMemoId", "訂正するメモが見つかりません。"));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == personId, cancellationToken).ConfigureAwait(false);
        var memo = new Memo { PersonId = personId, Text = value, RecordedAt = AppClock.Now(clock), RecordedBy = actor, CorrectsMemoId = correctsMemoId };
        db.Memos.Add(memo);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.MemoAdded, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["memo"] = memo.Id,
            ["corrects"] = correctsMemoId,
            ["length"] = value.Length,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <summary>Records an inquiry; returns problems by field (nothing saved) or none.</summary>
    public async Task<IReadOnlyList<FieldProblem>> RecordInquiryAsync(InquiryEntry entry, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var problems = new List<FieldProblem>();
        var inquirer = Required(entry.Inquirer, "Inquirer", "問合せ者", 100, problems);
        var channel = (entry.Channel ?? string.Empty).Trim();
        if (!Channels.Contains(channel, StringComparer.Ordinal))
        {
            problems.Add(new("Channel", "受付方法を選んでください。"));
        }

        var question = Required(entry.Question, "Question", "問合せ内容", 2000, problems);
        var answer = Required(entry.Answer, "Answer", "回答内容", 2000, problems);
        var now = AppClock.Now(clock);
        if (entry.AskedAt > now.AddMinutes(5))
        {
            problems.Add(new("AskedAt", "問合せ日時が未来です。"));
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == entry.PersonId, cancellationToken).ConfigureAwait(false);
        var inquiry = new Inquiry
        {
            PersonId = entry.PersonId,
            Inquirer = inquirer,
            Channel = channel,
            AskedAt = entry.AskedAt.ToUniversalTime(),
            Question = question,
            Answer = answer,
            RecordedAt = now,
            RecordedBy = actor,
        };
        db.Inquiries.Add(inquiry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.InquiryRecorded, "person", person.AtenaNumber, new Dictionary<string, object?>
        {
            ["inquiry"] = inquiry.Id,
            ["channel"] = channel,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <summary>The person's inquiries, latest first.</summary>
    public Task<List<Inquiry>> InquiriesAsync(long personId, CancellationToken cancellationToken = default) =>
        db.Inquiries.AsNoTracking().Where(i => i.PersonId == personId).OrderByDescending(i => i.AskedAt).ThenByDescending(i => i.Id).ToListAsync(cancellationToken);

    /// <summary>The person's memos, latest first.</summary>
    public Task<List<Memo>> MemosAsync(long personId, CancellationToken cancellationToken = default) =>
        db.Memos.AsNoTracking().Where(m => m.PersonId == personId).OrderByDescending(m => m.RecordedAt).ThenByDescending(m => m.Id).ToListAsync(cancellationToken);

    private static string Required(string? text, string field, string label, int max, List<FieldProblem> problems)
    {
        var value = (text ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            problems.Add(new(field, $"{label}を入力してください。"));
        }
        else if (value.Length > max)
        {
            problems.Add(new(field, $"{label}は{max}文字以内で入力してください。"));
        }

        return value;
    }
}
