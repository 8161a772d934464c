using System.Globalization;
using System.Text;
using FukushiIryo.App.Data;
using FukushiIryo.App.Eligibility;
using FukushiIryo.Domain.Eligibility;
using FukushiIryo.Domain.Income;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Payments;
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

    /// <summary>照会許可照合リスト (P15): a succession per 事務 × 特定個人情報.</summary>
    public static MasterTable<InquiryAllowListRow> InquiryAllowList { get; } = new()
    {
        Key = "inquiry-allow-list",
        Title = "照会許可照合リスト",
        Description = "情報提供ネットワークシステムで行える情報照会（事務・特定個人情報・根拠条文）です。この表の有効期間内にない照会は、情報照会 画面とCLIで拒否され、操作履歴に記録されます。初期値は特定個人情報保護評価書から導いたものです。市の照会許可照合リストと照らして確認してください。",
        Series = row => row.Procedure + "|" + row.InformationItem,
        Order = rows => rows.OrderBy(row => row.Procedure, StringComparer.Ordinal).ThenBy(row => row.InformationItem, StringComparer.Ordinal).ThenBy(row => row.ValidFrom),
        Fields =
        [
            MasterFields.Text<InquiryAllowListRow>("procedure", "事務", row => row.Procedure, (row, value) => row.Procedure = value ?? string.Empty, 100),
            MasterFields.Text<InquiryAllowListRow>("informationItem", "特定個人情報", row => row.InformationItem, (row, value) => row.InformationItem = value ?? string.Empty, 100,
                hint: "例: 地方税関係情報"),
            MasterFields.Text<InquiryAllowListRow>("provider", "情報提供者", row => row.Provider, (row, value) => row.Provider = value ?? string.Empty, 100),
            MasterFields.Text<InquiryAllowListRow>("legalBasis", "根拠条文", row => row.LegalBasis, (row, value) => row.LegalBasis = value ?? string.Empty, 400,
                hint: "例: 番号利用法 第19条第9号、番号利用条例 第4条第1項 別表第1（6の項）"),
        ],
    };

    /// <summary>Every editable master, in the order of the マスタ管理 list.</summary>

    /// <summary>The columns of the limit table by their Japanese names.</summary>
    public static IReadOnlyDictionary<string, LimitColumn> LimitColumns { get; } = new Dictionary<string, LimitColumn>(StringComparer.Ordinal)
    {
        ["受給者（父母、父母のいる児童の養育者）"] = LimitColumn.Recipient,
        ["扶養義務者・配偶者・孤児等の養育者"] = LimitColumn.SupportObligor,
    };

    /// <summary>The kinds of 高額療養費 limit by their Japanese names.</summary>
    public static IReadOnlyDictionary<string, HighCostLimitKind> HighCostLimitKinds { get; } = new Dictionary<string, HighCostLimitKind>(StringComparer.Ordinal)
    {
        ["通常"] = HighCostLimitKind.Standard,
        ["多数回該当"] = HighCostLimitKind.ManyTimes,
        ["長期（特定疾病）"] = HighCostLimitKind.LongTerm,
        ["長期（人工透析・上位所得）"] = HighCostLimitKind.LongTermDialysis,
    };

    /// <summary>The largest amount an income master accepts (under 1 億円: beyond that it is a typing slip).</summary>
    public const long MaxAmount = 99_999_999;

    /// <summary>所得制限限度額 (D4): one row per column and period, with every add-on.</summary>
    public static MasterTable<IncomeLimit> IncomeLimits { get; } = new()
    {
        Key = "income-limits",
        Title = "所得制限限度額",
        Description = "所得判定の限度額（児童扶養手当の一部支給の限度額）を、受給者の列と扶養義務者等の列ごとに、扶養親族等の数と加算額で定めます。所得額がこの額未満のとき所得基準に該当します。判定は基準日に有効な行を使います。",
        Series = row => row.Column.ToString(),
        Order = rows => rows.OrderBy(row => row.Column).ThenBy(row => row.ValidFrom).ThenBy(row => row.Id),
        Fields =
        [
            MasterFields.Choice<IncomeLimit, LimitColumn>("column", "限度額の列", LimitColumns, row => row.Column, (row, value) => row.Column = value),
            MasterFields.Yen<IncomeLimit>("zeroDependants", "扶養親族等 0人（円）", row => row.ZeroDependants, (row, value) => row.ZeroDependants = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeLimit>("oneDependant", "扶養親族等 1人（円）", row => row.OneDependant, (row, value) => row.OneDependant = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeLimit>("twoDependants", "扶養親族等 2人（円）", row => row.TwoDependants, (row, value) => row.TwoDependants = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeLimit>("threeDependants", "扶養親族等 3人（円）", row => row.ThreeDependants, (row, value) => row.ThreeDependants = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeLimit>("eachAdditionalDependant", "4人目から1人につき（円）", row => row.EachAdditionalDependant, (row, value) => row.EachAdditionalDependant = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeLimit>("elderlyAddOn", "加算: 老人扶養親族1人につき（円）", row => row.ElderlyAddOn, (row, value) => row.ElderlyAddOn = value ?? 0, MaxAmount,
                hint: "加算しない列は 0"),
            MasterFields.Boolean<IncomeLimit>("elderlySpouseCounts", "老人控除対象配偶者も老人加算の対象", row => row.ElderlySpouseCounts, (row, value) => row.ElderlySpouseCounts = value),
            MasterFields.Yen<IncomeLimit>("specifiedAddOn", "加算: 特定扶養親族・16〜18歳の扶養親族1人につき（円）", row => row.SpecifiedAddOn, (row, value) => row.SpecifiedAddOn = value ?? 0, MaxAmount,
                hint: "加算しない列は 0"),
            MasterFields.Boolean<IncomeLimit>("oneElderlyLeftOutWhenAllElderly", "扶養親族等がすべて老人扶養親族のときは1人を加算しない", row => row.OneElderlyLeftOutWhenAllElderly, (row, value) => row.OneElderlyLeftOutWhenAllElderly = value),
        ],
        Check = CheckIncomeLimit,
    };

    /// <summary>所得判定の控除額 (D19) and the 基礎控除 of the 旧ただし書き所得 (D5): one row per period.</summary>
    public static MasterTable<IncomeDeduction> IncomeDeductions { get; } = new()
    {
        Key = "income-deductions",
        Title = "所得判定の控除額",
        Description = "所得判定で所得から差し引く控除額と、養育費を所得に算入する割合です。国保の高額療養費区分に使う旧ただし書き所得の基礎控除もここで定めます。判定は基準日に有効な行を使います（行は期間ごとに1行）。",
        Series = _ => "income-deductions",
        Fields =
        [
            MasterFields.Yen<IncomeDeduction>("flatDeduction", "社会保険料相当額（一律、円）", row => row.FlatDeduction, (row, value) => row.FlatDeduction = value ?? 0, MaxAmount),
            MasterFields.WholeNumber<IncomeDeduction>("childSupportPercent", "養育費を所得に算入する割合（%）", row => row.ChildSupportPercent, (row, value) => row.ChildSupportPercent = value ?? 0, 0, 100),
            MasterFields.Yen<IncomeDeduction>("earnedIncomeAdjustmentCap", "所得金額調整の上限（円）", row => row.EarnedIncomeAdjustmentCap, (row, value) => row.EarnedIncomeAdjustmentCap = value ?? 0, MaxAmount,
                hint: "給与所得と公的年金等所得の合計から差し引く額の上限"),
            MasterFields.Yen<IncomeDeduction>("disabled", "障害者控除（円）", row => row.Disabled, (row, value) => row.Disabled = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeDeduction>("speciallyDisabled", "特別障害者控除（円）", row => row.SpeciallyDisabled, (row, value) => row.SpeciallyDisabled = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeDeduction>("workingStudent", "勤労学生控除（円）", row => row.WorkingStudent, (row, value) => row.WorkingStudent = value ?? 0, MaxAmount),
            MasterFields.Yen<IncomeDeduction>("widow", "寡婦控除（円）", row => row.Widow, (row, value) => row.Widow = value ?? 0, MaxAmount,
                hint: "父母には適用しません（養育者・扶養義務者のみ）"),
            MasterFields.Yen<IncomeDeduction>("singleParent", "ひとり親控除（円）", row => row.SingleParent, (row, value) => row.SingleParent = value ?? 0, MaxAmount,
                hint: "父母には適用しません（養育者・扶養義務者のみ）"),
            MasterFields.Yen<IncomeDeduction>("highCostBasicDeduction", "旧ただし書き所得の基礎控除（円）", row => row.HighCostBasicDeduction, (row, value) => row.HighCostBasicDeduction = value ?? 0, MaxAmount,
                hint: "国保の高額療養費区分の判定に使います"),
        ],
    };

    /// <summary>給与所得控除 by income year: one row per band of 給与収入; a new table is a new set of rows from 1 January.</summary>
    public static MasterTable<SalaryDeductionBand> SalaryDeductionBands { get; } = new()
    {
        Key = "salary-deduction-bands",
        Title = "給与所得控除（給与所得の計算表）",
        Description = "給与収入から給与所得を求める表です（所得金額調整の計算に使います）。給与収入の帯ごとに、給与収入を端数単位で切り捨てて 割合（%）を掛け、加算額を足します（0円未満は0円）。期間は所得年で、開始日は1月1日、最終日は12月31日です。税制改正で表が変わるときは、改正の年の1月1日から帯ごとに新しい値を登録し、なくなる帯は前年の12月31日で終了してください。",
        Series = row => row.ReceiptsFrom.ToString(CultureInfo.InvariantCulture),
        Order = rows => rows.OrderBy(row => row.ValidFrom).ThenBy(row => row.ReceiptsFrom).ThenBy(row => row.Id),
        Fields =
        [
            MasterFields.Yen<SalaryDeductionBand>("receiptsFrom", "給与収入（から、円）", row => row.ReceiptsFrom, (row, value) => row.ReceiptsFrom = value ?? 0, MaxAmount * 10),
            MasterFields.Yen<SalaryDeductionBand>("receiptsTo", "給与収入（未満、円）", row => row.ReceiptsTo, (row, value) => row.ReceiptsTo = value, MaxAmount * 10, required: false,
                hint: "空欄は上限なし"),
            MasterFields.Yen<SalaryDeductionBand>("roundingUnit", "端数単位（円）", row => row.RoundingUnit, (row, value) => row.RoundingUnit = value ?? 0, MaxAmount,
                hint: "給与収入をこの単位で切り捨ててから計算します（4,000円単位の帯は 4000、切り捨てなしは 1）"),
            MasterFields.WholeNumber<SalaryDeductionBand>("ratePercent", "割合（%）", row => row.RatePercent, (row, value) => row.RatePercent = value ?? 0, 0, 100,
                hint: "給与所得が一定額の帯は 0"),
            MasterFields.Yen<SalaryDeductionBand>("addend", "加算額（円）", row => row.Addend, (row, value) => row.Addend = value ?? 0, MaxAmount, min: -MaxAmount,
                hint: "差し引く額はマイナスで入力します（例: −550,000）"),
        ],
        Check = CheckSalaryBand,
        CheckPeriod = CheckIncomeYearPeriod,
    };

    /// <summary>高額療養費 自己負担限度額 (D5, D13) by 区分 and kind, dated by 診療月.</summary>
    public static MasterTable<HighCostLimit> HighCostLimits { get; } = new()
    {
        Key = "high-cost-limits",
        Title = "高額療養費の自己負担限度額",
        Description = "70歳未満の高額療養費の自己負担限度額を、区分（ア〜オ）と種類ごとに定めます。限度額 ＝ 定額 ＋（総医療費 − 基準額）× 割合（基準額を超えるとき）。期間は診療月で、開始日は月の初日です。長期（特定疾病）はすべての区分に共通で、区分を空欄にします。",
        Series = row => (row.Category ?? string.Empty) + "|" + row.Kind,
        Order = rows => rows.OrderBy(row => row.SortOrder).ThenBy(row => row.ValidFrom).ThenBy(row => row.Id),
        Fields =
        [
            MasterFields.Text<HighCostLimit>("category", "区分", row => row.Category, (row, value) => row.Category = value, 10, required: false,
                hint: "ア・イ・ウ・エ・オ。長期（特定疾病）は空欄"),
            MasterFields.Choice<HighCostLimit, HighCostLimitKind>("kind", "種類", HighCostLimitKinds, row => row.Kind, (row, value) => row.Kind = value),
            MasterFields.Yen<HighCostLimit>("monthlyLimit", "限度額（定額、円）", row => row.MonthlyLimit, (row, value) => row.MonthlyLimit = value ?? 0, MaxAmount),
            MasterFields.Yen<HighCostLimit>("costThreshold", "基準額（総医療費、円）", row => row.CostThreshold, (row, value) => row.CostThreshold = value, MaxAmount, required: false,
                hint: "総医療費がこの額を超えた分に割合を掛けて加えます。定額だけの行は空欄"),
            MasterFields.WholeNumber<HighCostLimit>("overflowRatePercent", "割合（%）", row => row.OverflowRatePercent, (row, value) => row.OverflowRatePercent = value, 0, 100, required: false,
                hint: "基準額を入れた行だけ（1%）"),
            MasterFields.Yen<HighCostLimit>("annualCap", "年間上限（円）", row => row.AnnualCap, (row, value) => row.AnnualCap = value, MaxAmount, required: false,
                hint: "年間上限が定められた場合だけ"),
            MasterFields.WholeNumber<HighCostLimit>("sortOrder", "表示順", row => row.SortOrder, (row, value) => row.SortOrder = value ?? 0, 0, 999),
        ],
        Check = CheckHighCostLimit,
        CheckPeriod = CheckFirstOfMonthPeriod,
    };

    /// <summary>国保 高額療養費 区分 by the household's 旧ただし書き所得 (D5).</summary>
    public static MasterTable<HighCostIncomeBracket> HighCostIncomeBrackets { get; } = new()
    {
        Key = "high-cost-income-brackets",
        Title = "高額療養費の所得区分（国保）",
        Description = "国保世帯の高額療養費の区分を、世帯の旧ただし書き所得の合計で決めます。所得がこの額を超えるとその区分です（上の区分から順に判定）。基準額が空欄の課税世帯の区分がいちばん下の区分で、住民税非課税世帯の区分には印を付けます。未申告の人がいる世帯は基準額のいちばん高い区分になります。",
        Series = row => row.Category,
        Order = rows => rows.OrderBy(row => row.SortOrder).ThenBy(row => row.ValidFrom).ThenBy(row => row.Id),
        Fields =
        [
            MasterFields.Text<HighCostIncomeBracket>("category", "区分", row => row.Category, (row, value) => row.Category = value ?? string.Empty, 10),
            MasterFields.Yen<HighCostIncomeBracket>("incomeAbove", "旧ただし書き所得（を超える、円）", row => row.IncomeAbove, (row, value) => row.IncomeAbove = value, MaxAmount, required: false,
                hint: "いちばん下の課税世帯の区分と非課税世帯の区分は空欄"),
            MasterFields.Boolean<HighCostIncomeBracket>("forTaxExemptHousehold", "住民税非課税世帯の区分", row => row.ForTaxExemptHousehold, (row, value) => row.ForTaxExemptHousehold = value),
            MasterFields.WholeNumber<HighCostIncomeBracket>("sortOrder", "表示順", row => row.SortOrder, (row, value) => row.SortOrder = value ?? 0, 0, 999,
                hint: "所得の高い区分から順に"),
        ],
        Check = row => row.ForTaxExemptHousehold && row.IncomeAbove is not null
            ? [("incomeAbove", "住民税非課税世帯の区分には基準額を入力しません。")]
            : [],
    };

    /// <summary>請求期限 (審査 rule R08): one succession.</summary>
    public static MasterTable<ClaimDeadline> ClaimDeadlines { get; } = new()
    {
        Key = "claim-deadlines",
        Title = "請求期限",
        Description = "審査で請求期限超過（R08）と判定する月数です。処理年月が診療月からこの月数を超えたレセプトを否とします。市の規則と違うときは、変わる日から「新しい値」で登録してください。",
        Series = _ => "claim-deadline",
        Order = rows => rows.OrderBy(row => row.ValidFrom),
        Fields =
        [
            MasterFields.WholeNumber<ClaimDeadline>("months", "請求期限（月数）", row => row.Months, (row, value) => row.Months = value ?? 0, 1, 240,
                hint: "診療月の翌月から数えた月数（初期値 60 = 5年）"),
        ],
    };

    /// <summary>レセプト種別 by their Japanese names (decisions.md D1).</summary>
    public static IReadOnlyDictionary<string, ClaimKind> ClaimKindNames { get; } = new Dictionary<string, ClaimKind>(StringComparer.Ordinal)
    {
        ["医科 外来"] = ClaimKind.MedicalOutpatient,
        ["医科 入院"] = ClaimKind.MedicalInpatient,
        ["歯科 外来"] = ClaimKind.DentalOutpatient,
        ["歯科 入院"] = ClaimKind.DentalInpatient,
        ["調剤"] = ClaimKind.Pharmacy,
        ["訪問看護"] = ClaimKind.HomeNursing,
        ["療養費"] = ClaimKind.CareAllowance,
    };

    /// <summary>審査支払機関 by their Japanese names.</summary>
    public static IReadOnlyList<MasterChoice> Clearinghouses { get; } =
    [
        new(ClearinghouseFee.Kokuhoren, "国保連（国民健康保険団体連合会）"),
        new(ClearinghouseFee.ShiharaiKikin, "支払基金（社会保険診療報酬支払基金）"),
    ];

    /// <summary>一部負担金 (D1): a succession per program, 受給者区分, 給付方式 and レセプト種別.</summary>
    public static MasterTable<CopaymentRule> CopaymentRules { get; } = new()
    {
        Key = "copayment-rules",
        Title = "一部負担金",
        Description = "受給者が医療機関・診療月・レセプト種別（医科・歯科、入院・外来、調剤、訪問看護、療養費）ごとに負担する一部負担金です。受給者区分や給付方式を空欄にした行はすべてに共通で、区分や方式を指定した行があればそちらを使います。期間は診療月で、開始日は月の初日です。入院は実日数が「短期の日数」未満のとき短期の額になります。",
        Series = row => string.Join('|', row.Program, row.RecipientKind, row.BenefitMethod, row.ClaimKind),
        Order = rows => rows.OrderBy(row => row.ClaimKind).ThenBy(row => row.RecipientKind).ThenBy(row => row.BenefitMethod).ThenBy(row => row.ValidFrom).ThenBy(row => row.Id),
        Fields =
        [
            new MasterField<CopaymentRule>("program", "制度", row => row.Program, (row, value) =>
            {
                row.Program = value!;
                return null;
            })
            {
                Kind = MasterFieldKind.Choice,
                Required = true,
                Choices = [new MasterChoice(PublicPayer.SingleParentProgram, "ひとり親家庭等医療費助成")],
            },
            MasterFields.OptionalChoice<CopaymentRule, RecipientKind>("recipientKind", "受給者区分", RecipientVocabulary.Kinds, row => row.RecipientKind, (row, value) => row.RecipientKind = value,
                hint: "空欄はすべての受給者区分"),
            MasterFields.OptionalChoice<CopaymentRule, BenefitMethod>("benefitMethod", "給付方式", RecipientVocabulary.BenefitMethods, row => row.BenefitMethod, (row, value) => row.BenefitMethod = value,
                hint: "空欄はすべての給付方式"),
            MasterFields.Choice<CopaymentRule, ClaimKind>("claimKind", "レセプト種別", ClaimKindNames, row => row.ClaimKind, (row, value) => row.ClaimKind = value),
            MasterFields.Yen<CopaymentRule>("amount", "一部負担金（円）", row => row.Amount, (row, value) => row.Amount = value ?? 0, MaxAmount,
                hint: "医療機関・診療月・レセプト種別ごとの額"),
            MasterFields.Yen<CopaymentRule>("shortStayAmount", "短期入院の額（円）", row => row.ShortStayAmount, (row, value) => row.ShortStayAmount = value, MaxAmount, required: false,
                hint: "入院だけ。実日数が短期の日数未満のときの額"),
            MasterFields.WholeNumber<CopaymentRule>("shortStayDaysBelow", "短期の日数（未満）", row => row.ShortStayDaysBelow, (row, value) => row.ShortStayDaysBelow = value, 1, 31, required: false,
                hint: "入院だけ（初期値 14）"),
        ],
        Check = CheckCopaymentRule,
        CheckPeriod = CheckFirstOfMonthPeriod,
    };

    /// <summary>附加給付 (D6): a succession per insurer; only 健保組合 and 共済.</summary>
    public static MasterTable<InsurerExtraBenefit> InsurerExtraBenefits { get; } = new()
    {
        Key = "insurer-extra-benefits",
        Title = "附加給付（健保組合・共済）",
        Description = "健保組合・共済が行う附加給付です。レセプトの自己負担額（高額療養費を引いた後）が上限額を超えた分を、端数単位未満を切り捨てて附加給付と推計します（レセプトに附加給付額があればその額を使います）。国民健康保険・協会けんぽなどは附加給付を行わないため登録できません。期間は診療月で、開始日は月の初日です。",
        Series = row => row.InsurerNumber,
        Order = rows => rows.OrderBy(row => row.InsurerNumber, StringComparer.Ordinal).ThenBy(row => row.ValidFrom).ThenBy(row => row.Id),
        Fields =
        [
            new MasterField<InsurerExtraBenefit>("insurerNumber", "保険者番号", row => row.InsurerNumber, WriteExtraBenefitInsurer)
            {
                Required = true,
                MaxLength = 20,
                Hint = "8桁（健保組合は法別番号 06、共済は 31〜34 など）",
            },
            MasterFields.Text<InsurerExtraBenefit>("insurerName", "保険者名", row => row.InsurerName, (row, value) => row.InsurerName = value, 100, required: false),
            MasterFields.Yen<InsurerExtraBenefit>("monthlyCap", "自己負担の上限額（月額、円）", row => row.MonthlyCap, (row, value) => row.MonthlyCap = value ?? 0, MaxAmount,
                hint: "例: 25,000"),
            MasterFields.Yen<InsurerExtraBenefit>("roundingUnit", "端数単位（円）", row => row.RoundingUnit, (row, value) => row.RoundingUnit = value ?? 0, MaxAmount,
                hint: "附加給付をこの単位未満切り捨て（初期値 100、切り捨てなしは 1）"),
        ],
        Check = row => row.RoundingUnit < 1 ? [("roundingUnit", "端数単位は1円以上にしてください（切り捨てなしは 1）。")] : [],
        CheckPeriod = CheckFirstOfMonthPeriod,
    };

    /// <summary>審査支払手数料 (D17): a succession per 審査支払機関.</summary>
    public static MasterTable<ClearinghouseFee> ClearinghouseFees { get; } = new()
    {
        Key = "clearinghouse-fees",
        Title = "審査支払手数料",
        Description = "現物給付のレセプトを審査支払機関（国保連・支払基金）に支払うときの、レセプト1件あたりの手数料です。期間は処理年月で、開始日は月の初日です。初期値は0円です。契約の額を「新しい値」で登録してください。",
        Series = row => row.Clearinghouse,
        Order = rows => rows.OrderBy(row => row.Clearinghouse, StringComparer.Ordinal).ThenBy(row => row.ValidFrom).ThenBy(row => row.Id),
        Fields =
        [
            new MasterField<ClearinghouseFee>("clearinghouse", "審査支払機関", row => row.Clearinghouse, (row, value) =>
            {
                row.Clearinghouse = value!;
                return null;
            })
            {
                Kind = MasterFieldKind.Choice,
                Required = true,
                Choices = Clearinghouses,
            },
            MasterFields.Yen<ClearinghouseFee>("feePerClaim", "手数料（1件あたり、円）", row => row.FeePerClaim, (row, value) => row.FeePerClaim = value ?? 0, MaxAmount),
        ],
        CheckPeriod = CheckFirstOfMonthPeriod,
    };

    /// <summary>Every editable master, in the order of the マスタ管理 list.</summary>
    public static IReadOnlyList<MasterTable> All { get; } =
        [PublicPayers, AgeBrackets, BankHolidays, LossRules, ProgramPrecedences, IncomeLimits, IncomeDeductions, SalaryDeductionBands, HighCostLimits, HighCostIncomeBrackets, ClaimDeadlines, CopaymentRules, InsurerExtraBenefits, ClearinghouseFees, InquiryAllowList];

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

    private static string? WriteExtraBenefitInsurer(InsurerExtraBenefit row, string? value)
    {
        var text = value!.Normalize(NormalizationForm.FormKC).Trim();
        if (ExtraBenefitInsurers.Refusal(text) is { } refusal)
        {
            return refusal;
        }

        row.InsurerNumber = InsurerNumber.Parse(text).ToString();
        return null;
    }

    private static IEnumerable<(string Key, string Message)> CheckCopaymentRule(CopaymentRule row)
    {
        if (row.ShortStayAmount is null != row.ShortStayDaysBelow is null)
        {
            yield return (row.ShortStayAmount is null ? "shortStayAmount" : "shortStayDaysBelow", "短期入院の額と短期の日数は両方入力するか、両方空欄にしてください。");
        }

        if (row.ShortStayAmount is not null && !ClaimKinds.IsInpatient(row.ClaimKind))
        {
            yield return ("shortStayAmount", "短期入院の額は入院のレセプト種別（医科 入院・歯科 入院）だけに入力します。");
        }
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

    private static IEnumerable<(string Key, string Message)> CheckIncomeLimit(IncomeLimit row)
    {
        var steps = new (string Key, string Label, long Amount)[]
        {
            ("zeroDependants", "0人", row.ZeroDependants),
            ("oneDependant", "1人", row.OneDependant),
            ("twoDependants", "2人", row.TwoDependants),
            ("threeDependants", "3人", row.ThreeDependants),
        };
        for (var i = 1; i < steps.Length; i++)
        {
            if (steps[i].Amount < steps[i - 1].Amount)
            {
                yield return (steps[i].Key, $"扶養親族等 {steps[i].Label}の限度額は {steps[i - 1].Label}の限度額以上にしてください。");
            }
        }
    }

    private static IEnumerable<(string Key, string Message)> CheckSalaryBand(SalaryDeductionBand row)
    {
        if (row.ReceiptsTo is { } to && to <= row.ReceiptsFrom)
        {
            yield return ("receiptsTo", "給与収入（未満）は給与収入（から）より大きくしてください。");
        }

        if (row.RoundingUnit < 1)
        {
            yield return ("roundingUnit", "端数単位は1円以上にしてください（切り捨てなしは 1）。");
        }
    }

    private static IEnumerable<(string Key, string Message)> CheckHighCostLimit(HighCostLimit row)
    {
        if (row.CostThreshold is null != row.OverflowRatePercent is null)
        {
            yield return (row.CostThreshold is null ? "costThreshold" : "overflowRatePercent", "基準額と割合は両方入力するか、両方空欄にしてください。");
        }

        if (row.Kind == HighCostLimitKind.LongTerm && row.Category is not null)
        {
            yield return ("category", "長期（特定疾病）はすべての区分に共通です。区分は空欄にしてください。");
        }

        if (row.Kind != HighCostLimitKind.LongTerm && row.Category is null)
        {
            yield return ("category", "区分を入力してください（空欄は長期（特定疾病）だけです）。");
        }
    }

    /// <summary>The 給与所得控除 table runs by income year: from 1 January to 31 December.</summary>
    private static IEnumerable<(string Key, string Message)> CheckIncomeYearPeriod(DateOnly? from, DateOnly? last)
    {
        if (from is { } start && (start.Month, start.Day) != (1, 1))
        {
            yield return (MasterTable.FromKey, "開始日は所得年の初日（1月1日）にしてください。");
        }

        if (last is { } end && (end.Month, end.Day) != (12, 31))
        {
            yield return (MasterTable.LastKey, "最終日は所得年の末日（12月31日）にしてください。");
        }
    }

    /// <summary>高額療養費 goes by 診療月: from the first of a month to the last day of a month.</summary>
    private static IEnumerable<(string Key, string Message)> CheckFirstOfMonthPeriod(DateOnly? from, DateOnly? last)
    {
        if (from is { Day: not 1 })
        {
            yield return (MasterTable.FromKey, "開始日は診療月の初日（1日）にしてください。");
        }

        if (last is { } end && end.AddDays(1).Day != 1)
        {
            yield return (MasterTable.LastKey, "最終日は月の末日にしてください。");
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
