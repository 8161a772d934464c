using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Numbers;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Masters.Editing;

/// <summary>
/// The dated masters staff edit on the マスタ管理 screens, one descriptor each. To register a new
/// master: declare its <see cref="MasterTable{T}"/> here (key, Japanese title, fields, series) and
/// add it to <see cref="All"/>; the screens, the rules and the audit come with it (docs/masters.md).
/// </summary>
public static class MasterCatalog
{
    /// <summary>The kinds of bank holiday by their Japanese names.</summary>
    public static IReadOnlyDictionary<string, BankHolidayKind> HolidayKinds { get; } = new Dictionary<string, BankHolidayKind>(StringComparer.Ordinal)
    {
        ["国民の祝日"] = BankHolidayKind.NationalHoliday,
        ["振替休日"] = BankHolidayKind.SubstituteHoliday,
        ["国民の休日"] = BankHolidayKind.CitizensHoliday,
        ["その他"] = BankHolidayKind.Other,
    };

    /// <summary>年齢区分: a succession per code.</summary>
    public static MasterTable<AgeBracket> AgeBrackets { get; } = new()
    {
        Key = "age-brackets",
        Title = "年齢区分",
        Description = "子どもの年齢区分（学年の区切り）と父母・養育者の区分です。区分は「その年齢に達した年度の翌年度の4月1日から、その年齢に達した年度の末日まで」で定めます。",
        Series = row => row.Code,
        Order = rows => rows.OrderBy(row => row.SortOrder).ThenBy(row => row.Code, StringComparer.Ordinal).ThenBy(row => row.ValidFrom),
        Fields =
        [
            MasterFields.Text<AgeBracket>("code", "コード", row => row.Code, (row, value) => row.Code = value ?? string.Empty, 40,
                hint: "他のマスタから参照される英字の識別子（例: Elementary）"),
            MasterFields.Text<AgeBracket>("name", "名称", row => row.Name, (row, value) => row.Name = value ?? string.Empty, 40),
            MasterFields.WholeNumber<AgeBracket>("sortOrder", "表示順", row => row.SortOrder, (row, value) => row.SortOrder = value ?? 0, 0, 999,
                hint: "年少から年長の順。父母・養育者は最後"),
            MasterFields.Boolean<AgeBracket>("forChildren", "子どもの区分", row => row.ForChildren, (row, value) => row.ForChildren = value,
                hint: "外すと父母・養育者の区分（年齢によらない）"),
            MasterFields.WholeNumber<AgeBracket>("startsAfterFiscalYearOfAge", "開始年齢（その年度の翌年度から）", row => row.StartsAfterFiscalYearOfAge,
                (row, value) => row.StartsAfterFiscalYearOfAge = value, 0, 30, required: false, hint: "空欄は出生から"),
            MasterFields.WholeNumber<AgeBracket>("endsWithFiscalYearOfAge", "終了年齢（その年度末まで）", row => row.EndsWithFiscalYearOfAge,
                (row, value) => row.EndsWithFiscalYearOfAge = value, 0, 30, required: false, hint: "空欄は終わりなし（高校生世代は18）"),
        ],
        Check = CheckAgeBracket,
    };

    /// <summary>公費負担者 (D2): a succession per program, 給付方式 and age range; 移行 rows are completed by staff.</summary>
    public static MasterTable<PublicPayer> PublicPayers { get; } = new()
    {
        Key = "public-payers",
        Title = "公費負担者",
        Description = "制度・給付方式・対象年齢区分ごとの公費負担者番号です。デモ番号は、市の実番号が決まった日から「新しい値」で置き換えてください。移行の行は旧システムの台帳から追加されたもので、対象年齢区分と有効期間を補完してください。",
        Series = row => string.Join('|', row.Program, row.BenefitMethod, row.FirstAgeBracket, row.LastAgeBracket),
        Tags = row => (row.IsMigrated ? ["移行"] : Array.Empty<string>()).Concat(row.IsDemo ? ["デモ"] : []),
        Incomplete = row => row.IsMigrated,
        MarkComplete = row => row.IsMigrated = false,
        Fields =
        [
            new MasterField<PublicPayer>("program", "制度", row => row.Program, (row, value) =>
            {
                row.Program = value!;
                return null;
            })
            {
                Kind = MasterFieldKind.Choice,
                Required = true,
                KeptOnCompletion = true,
                Choices = [new MasterChoice(PublicPayer.SingleParentProgram, "ひとり親家庭等医療費助成")],
            },
            new MasterField<PublicPayer>("payerNumber", "公費負担者番号", row => row.PayerNumber, WritePayerNumber)
            {
                Required = true,
                MaxLength = 20,
                KeptOnCompletion = true,
                Hint = "8桁（法別番号2桁・都道府県2桁・実施機関3桁・検証番号1桁）",
            },
            MasterFields.Choice<PublicPayer, BenefitMethod>("benefitMethod", "給付方式", RecipientVocabulary.BenefitMethods,
                row => row.BenefitMethod, (row, value) => row.BenefitMethod = value, keptOnCompletion: true),
            MasterFields.Code<PublicPayer>("firstAgeBracket", "対象年齢区分（から）", row => row.FirstAgeBracket, (row, value) => row.FirstAgeBracket = value,
                AgeBracketChoicesAsync, required: false, hint: "空欄は最年少の区分から"),
            MasterFields.Code<PublicPayer>("lastAgeBracket", "対象年齢区分（まで）", row => row.LastAgeBracket, (row, value) => row.LastAgeBracket = value,
                AgeBracketChoicesAsync, required: false, hint: "空欄は父母・養育者まで"),
        ],
    };

    /// <summary>金融機関休業日 (D15): one day per row; a holiday not yet come is withdrawn, never deleted.</summary>
    public static MasterTable<BankHoliday> BankHolidays { get; } = new()
    {
        Key = "bank-holidays",
        Title = "金融機関休業日",
        Description = "振込指定日にできない国民の祝日・振替休日・国民の休日です（土日と12月31日〜1月3日は暦の規則で、ここには登録しません）。法律の改正などで取りやめになった休日は、理由を備考に書いて取り下げます。",
        SingleDay = true,
        Series = row => row.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Order = rows => rows.OrderBy(row => row.ValidFrom).ThenBy(row => row.Id),
        Fields =
        [
            MasterFields.Text<BankHoliday>("name", "名称", row => row.Name, (row, value) => row.Name = value ?? string.Empty, 40),
            MasterFields.Choice<BankHoliday, BankHolidayKind>("kind", "種類", HolidayKinds, row => row.Kind, (row, value) => row.Kind = value),
        ],
    };

    /// <summary>喪失事由 by their Japanese names.</summary>
    public static IReadOnlyDictionary<string, LossReason> LossCauses { get; } =
        EligibilityVocabulary.LossReasons.ToDictionary(pair => pair.Name, pair => pair.Cause, StringComparer.Ordinal);

    /// <summary>喪失日の決め方 by their Japanese names.</summary>
    public static IReadOnlyDictionary<string, LossDateBasis> LossDateBases { get; } =
        Domain.Eligibility.LossRules.BasisNames.ToDictionary(pair => pair.Name, pair => pair.Basis, StringComparer.Ordinal);

    /// <summary>優先順位 by their Japanese names.</summary>
    public static IReadOnlyDictionary<string, PrecedenceEffect> PrecedenceEffectNames { get; } =
        PrecedenceEffects.All.ToDictionary(pair => pair.Name, pair => pair.Effect, StringComparer.Ordinal);

    /// <summary>喪失日の規則 (D7): a succession per 喪失事由.</summary>
    public static MasterTable<LossRule> LossRules { get; } = new()
    {
        Key = "loss-rules",
        Title = "喪失日の規則",
        Description = "喪失事由ごとの喪失日（資格がなくなる最初の日）の決め方です。死亡・転出は翌日、婚姻（事実婚を含む）は当日のように定めます。市の規則と違うときは、変わる日から「新しい値」で登録してください。",
        Series = row => row.Cause.ToString(),
        Order = rows => rows.OrderBy(row => row.Cause).ThenBy(row => row.ValidFrom),
        Fields =
        [
            MasterFields.Choice<LossRule, LossReason>("cause", "喪失事由", LossCauses, row => row.Cause, (row, value) => row.Cause = value),
            MasterFields.Choice<LossRule, LossDateBasis>("basis", "喪失日", LossDateBases, row => row.Basis, (row, value) => row.Basis = value,
                hint: "年齢到達は18歳到達年度末の翌日、対象児童なしは最後の児童の喪失日だけを選べます"),
        ],
        Check = CheckLossRule,
    };

    /// <summary>制度の優先順位 (D3): a succession per program.</summary>
    public static MasterTable<ProgramPrecedence> ProgramPrecedences { get; } = new()
    {
        Key = "program-precedence",
        Title = "制度の優先順位",
        Description = "他制度（生活保護・心身障害者医療・子ども医療・国の公費負担医療など）とひとり親家庭等医療費助成との優先関係です。資格審査は、申請者と児童が受けている他制度をこの表で判定します。",
        Series = row => row.Program,
        Order = rows => rows.OrderBy(row => row.SortOrder).ThenBy(row => row.Program, StringComparer.Ordinal).ThenBy(row => row.ValidFrom),
        Fields =
        [
            MasterFields.Text<ProgramPrecedence>("program", "制度", row => row.Program, (row, value) => row.Program = value ?? string.Empty, 40,
                hint: "他制度として記録する名称（例: 心身障害者医療）"),
            MasterFields.Choice<ProgramPrecedence, PrecedenceEffect>("effect", "優先関係", PrecedenceEffectNames, row => row.Effect, (row, value) => row.Effect = value),
            new MasterField<ProgramPrecedence>("lawNumber", "法別番号", row => row.LawNumber, WriteLawNumber)
            {
                MaxLength = 2,
                Hint = "国の公費負担医療の法別番号（2桁、例: 54）。市や県の制度は空欄",
            },
            MasterFields.WholeNumber<ProgramPrecedence>("sortOrder", "表示順", row => row.SortOrder, (row, value) => row.SortOrder = value ?? 0, 0, 999),
        ],
    };

    /// <summary>Every editable master, in the order of the マスタ管理 list.</summary>
    public static IReadOnlyList<MasterTable> All { get; } = [PublicPayers, AgeBrackets, BankHolidays, LossRules, ProgramPrecedences];

    /// <summary>The master of <paramref name="key"/>, or null.</summary>
    public static MasterTable? Find(string? key) => All.FirstOrDefault(table => string.Equals(table.Key, key, StringComparison.Ordinal));

    private static string? WritePayerNumber(PublicPayer row, string? value)
    {
        var text = value!.Normalize(NormalizationForm.FormKC).Trim();
        if (text.Length != PayerNumber.Length || !text.All(char.IsAsciiDigit))
        {
            return "公費負担者番号は8桁の数字で入力してください。";
        }

        if (!PayerNumber.TryParse(text, out var number))
        {
            return "公費負担者番号の検証番号（8桁目）が正しくありません。番号を確認してください。";
        }

        row.PayerNumber = number.ToString();
        return null;
    }

    private static IEnumerable<(string Key, string Message)> CheckLossRule(LossRule row)
    {
        var allowed = Domain.Eligibility.LossRules.AllowedBases(row.Cause);
        if (!allowed.Contains(row.Basis))
        {
            var names = Domain.Eligibility.LossRules.BasisNames.Where(pair => allowed.Contains(pair.Basis)).Select(pair => pair.Name);
            yield return ("basis", $"喪失事由「{row.Cause.Japanese()}」の喪失日は、{string.Join("・", names)}から選んでください。");
        }
    }

    private static string? WriteLawNumber(ProgramPrecedence row, string? value)
    {
        var text = value?.Normalize(NormalizationForm.FormKC);
        if (text is not null && (text.Length != 2 || !text.All(char.IsAsciiDigit)))
        {
            return "法別番号は2桁の数字で入力してください。";
        }

        row.LawNumber = text;
        return null;
    }

    private static IEnumerable<(string Key, string Message)> CheckAgeBracket(AgeBracket row)
    {
        if (row.StartsAfterFiscalYearOfAge is { } start && row.EndsWithFiscalYearOfAge is { } end && end <= start)
        {
            yield return ("endsWithFiscalYearOfAge", "終了年齢は開始年齢より大きくしてください。");
        }

        if (!row.Code.All(c => char.IsAsciiLetterOrDigit(c)))
        {
            yield return ("code", "コードは半角英数字で入力してください。");
        }
    }

    private static async Task<IReadOnlyList<MasterChoice>> AgeBracketChoicesAsync(FukushiDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.AgeBrackets.AsNoTracking()
            .Select(row => new { row.Code, row.Name, row.SortOrder, row.ValidFrom })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.GroupBy(row => row.Code, StringComparer.Ordinal)
            .Select(group => group.OrderByDescending(row => row.ValidFrom).First())
            .OrderBy(row => row.SortOrder)
            .Select(row => new MasterChoice(row.Code, row.Name))];
    }
}
