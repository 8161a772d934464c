namespace FukushiIryo.App.Security;

/// <summary>
/// Permissions (権限): every page, endpoint and command names one; roles are sets of permissions
/// (architecture.md §5). Deny by default: a permission not in this table is held by nobody.
/// This is the single table of roles: the web app's policies and the CLI (through its
/// command → permission table) read it from here, and docs/permissions.md is generated from it.
/// </summary>
public static class Permissions
{
    /// <summary>ホーム画面（業務一覧）の表示。すべての職員ロール。</summary>
    public const string Home = "home.view";

    /// <summary>宛名検索。</summary>
    public const string PersonSearch = "person.search";

    /// <summary>個人の台帳の閲覧。</summary>
    public const string PersonView = "person.view";

    /// <summary>秘匿項目（地方税関係情報・支払口座・メモ）をマスクなしで表示する。</summary>
    public const string SensitiveView = "person.sensitive.view";

    /// <summary>職員アカウントの管理: 作成・変更・有効化・無効化・一覧・TOTP 発行（CLI users）。</summary>
    public const string UsersManage = "users.manage";

    /// <summary>利用中のセッションの確認と終了（管理 画面）。</summary>
    public const string SessionsManage = "sessions.manage";

    /// <summary>監査ログのハッシュ連鎖の検証と個人番号パターン検査（CLI audit verify、audit scan）。</summary>
    public const string AuditVerify = "audit.verify";

    /// <summary>住民・宛名情報の取込（CLI import residents）。</summary>
    public const string ImportResidents = "import.residents";

    /// <summary>地方税関係情報の取込（CLI import tax）。</summary>
    public const string ImportTax = "import.tax";

    /// <summary>レセプト・自動償還データの取込（CLI import receipts）。</summary>
    public const string ImportMedicalClaims = "import.receipts";

    /// <summary>審査の実行（CLI review run）。</summary>
    public const string ReviewRun = "review.run";

    /// <summary>審査キューの閲覧と処理（承認・否認・照合の訂正・一括承認）（審査 画面）。</summary>
    public const string ReviewResolve = "review.resolve";

    /// <summary>償還払いの領収書の入力（償還払い入力 画面）: 窓口で受け付け、審査で入力する。入力した請求はすぐに審査され、結果は審査キューへ。</summary>
    public const string ManualClaimsEnter = "claims.manual.enter";

    /// <summary>養育費の申告（児童養育費・受給者養育費）の記録（宛名詳細 画面）。</summary>
    public const string ChildSupportRecord = "income.child_support.record";

    /// <summary>旧システムからの初回移行の取込（CLI import residents --migration、import recipients、import paid-receipts）。</summary>
    public const string ImportMigration = "import.migration";

    /// <summary>参照マスタ（金融機関・郵便番号）の更新（CLI masters update）。</summary>
    public const string MastersUpdate = "masters.update";

    /// <summary>所得判定（所得基準・県市区分・高額療養費区分）の実行と説明（CLI income determine）。</summary>
    public const string IncomeDetermine = "income.determine";

    /// <summary>有効期間つきマスタ（公費負担者・年齢区分・金融機関休業日など）の閲覧（マスタ管理 画面）。</summary>
    public const string MastersView = "masters.view";

    /// <summary>有効期間つきマスタの変更（新しい値・追加・訂正・終了・取下げ・移行行の補完）。</summary>
    public const string MastersEdit = "masters.edit";

    /// <summary>デモデータの作成（CLI demo seed）。</summary>
    public const string DemoSeed = "demo.seed";

    /// <summary>システム設定の変更と一覧（CLI settings）。</summary>
    public const string SettingsManage = "settings.manage";

    /// <summary>
    /// 個人データの一括出力（宛名検索結果のCSV）。目的の入力と再認証が必要。評価書 P10「外部記憶媒体への
    /// コピーは管理権限者のみ」: the 管理権限者 are the holders of the 決裁 role (課長・係長).
    /// </summary>
    public const string PersonExport = "person.export";

    /// <summary>操作履歴（監査ログ）の検索と閲覧、個人ごとの閲覧者の確認。</summary>
    public const string AuditView = "audit.view";

    /// <summary>操作履歴（監査ログ）のCSV出力。目的の入力と再認証が必要。</summary>
    public const string AuditExport = "audit.export";

    /// <summary>新規申請の入力（受付番号の付番、受付簿への記載）。窓口。</summary>
    public const string ApplicationEnter = "application.enter";

    /// <summary>申請の決定（認定・却下）。入力者以外の決裁権限者が再認証のうえ行う（P2）。</summary>
    public const string ApplicationDecide = "application.decide";


    /// <summary>記載事項変更: 氏名・住所・保険・口座・連絡先の変更（届出）と訂正（宛名詳細 画面）。</summary>
    public const string PersonChange = "person.change";

    /// <summary>メモの記録（追記のみ）。表示は <see cref="SensitiveView"/> がなければマスク。</summary>
    public const string MemoRecord = "person.memo.record";

    /// <summary>問合せ記録（P20: だれが、だれについて、いつ、何を回答したか）の記録。閲覧は個人の台帳の閲覧権限。</summary>
    public const string InquiryRecord = "person.inquiry.record";

    /// <summary>資格消滅（喪失事由・事由発生日の入力、世帯への影響の確認）と資格喪失候補の確認・取下げ。</summary>
    public const string EligibilityLoss = "eligibility.loss";

    /// <summary>更新（8月の年度切替更新・4月の年齢区分更新）: 更新申請書の送付、返送の記録、進み具合と結果一覧の閲覧。窓口。</summary>
    public const string RenewalForms = "renewal.forms";

    /// <summary>更新の決定（再判定・新しい受給資格証・喪失）。決裁行為: Web は再認証、CLI はパスワードと確認コード。</summary>
    public const string RenewalDecide = "renewal.decide";

    /// <summary>帳票（受給資格証・認定通知書・却下通知書・喪失通知書・受付簿）の印刷（P11）。印刷のたびに操作履歴に記録。</summary>
    public const string DocumentsPrint = "documents.print";

    /// <summary>外部システムのAPIキーの発行・一覧・無効化（CLI apikeys）。キーの権限に決裁・監査は含められない。</summary>
    public const string ApiKeysManage = "apikeys.manage";

    /// <summary>支払処理の準備と出力（CLI payments prepare / export、支払 画面）、支払処理の閲覧。</summary>
    public const string PaymentsPrepare = "payments.prepare";

    /// <summary>支払の承認（支払決定）。準備した職員以外の決裁権限者が再認証のうえ行う。</summary>
    public const string PaymentsApprove = "payments.approve";

    /// <summary>支払処理（準備・承認・出力の状況と支払先一覧）の閲覧。</summary>
    public const string PaymentsView = "payments.view";

    /// <summary>個人番号の紐付けファイルの取込（CLI import atena）。宛名管理。</summary>
    public const string AtenaImport = "atena.import";

    /// <summary>個人番号から宛名番号を調べる（宛名管理 画面）。照会のたびに操作履歴に記録。</summary>
    public const string AtenaLookup = "atena.lookup";

    /// <summary>宛名番号の個人番号を表示・取り出す（宛名管理 画面、PMH 出力）。目的の入力と再認証が必要で、そのたびに操作履歴に記録。</summary>
    public const string AtenaReveal = "atena.reveal";

    /// <summary>宛名モジュールの鍵の更新（CLI atena rotate-keys）: 新しい鍵の版を作り、全件を暗号化し直す。</summary>
    public const string AtenaKeysRotate = "atena.keys.rotate";

    /// <summary>情報照会（P15）: 照会許可照合リストで確かめた照会の記録と、その結果の入力（情報照会 画面、CLI inquiry）。</summary>
    public const string NetworkInquiry = "linkage.inquiry";

    /// <summary>
    /// データ利用申請（P14）と、承認された自分の申請のビューの閲覧。ロールのない利用部署の職員アカウントを
    /// 含むすべての職員アカウントが持つ（<see cref="HeldByEveryAccount"/>）; what each may see is decided per
    /// approved request, never by the role (ADR 0030).
    /// </summary>
    public const string DataUseRequest = "datause.request";

    /// <summary>データ利用申請の決裁（承認・不承認）。申請者以外の決裁権限者が再認証のうえ行う。</summary>
    public const string DataUseApprove = "datause.approve";

    /// <summary>PMH 医療費助成対象者情報の出力（CLI pmh export）。個人番号を宛名の保管庫から読むため宛名管理のみ。</summary>
    public const string PmhExport = "pmh.export";

    /// <summary>本人開示（評価書 P19）: 一人の保有情報すべてと閲覧履歴の PDF 出力。目的の入力と再認証が必要。</summary>
    public const string PersonDisclosure = "person.disclosure";

    /// <summary>統計（受給者数調査・支払月報・県補助金、統計 画面）の作成と出力。集計値のみで、個人の一覧は含まない。</summary>
    public const string StatisticsReport = "statistics.report";

    /// <summary>過誤調整（再審査結果の入力・取込、資格の遡及喪失の調整）と返還請求（作成・戻入・督促・返還請求書・出納への一覧）。支払。</summary>
    public const string PaymentsAdjust = "payments.adjust";

    /// <summary>不納欠損（返還請求の未収額の欠損処理）。決裁行為: 返還請求を作成した職員以外が、Web は再認証、CLI はパスワードと確認コードで行う。</summary>
    public const string PaymentsWriteOff = "payments.writeoff";

    /// <summary>振込不能の記録・取込・再振込の解除・振込不能通知の印刷、現物給付請求書の記録と照合・会計連携データの出力（支払）。</summary>
    public const string PaymentsReturns = "payments.returns";

    /// <summary>電子申請の受信（電子申請システムのAPIキー、CLI import e-application）。個人番号は宛名の保管庫へ渡し、福祉側に残さない。</summary>
    public const string EApplicationReceive = "eapplication.receive";

    /// <summary>住基異動の確認（住民情報の取込ごとに、受給者の氏名・住所・世帯の変更を一覧する画面）。</summary>
    public const string ResidentChangesView = "residents.changes.view";

    /// <summary>住登外者の登録（住基にない人を台帳に登録し、宛名モジュールで宛名番号を発番する）。</summary>
    public const string NonResidentRegister = "person.nonresident.register";

    private static readonly (string Permission, string Description, string[] Roles)[] Table =
    [
        (Home, "ホーム画面（業務一覧）の表示", [.. RoleNames.All]),
        (PersonSearch, "宛名検索", [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer, RoleNames.Approver, RoleNames.Auditor]),
        (PersonView, "個人の台帳の閲覧", [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer, RoleNames.Approver, RoleNames.Auditor]),
        (SensitiveView, "秘匿項目（地方税関係情報・支払口座・メモ）のマスクなし表示", [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer, RoleNames.Approver, RoleNames.Auditor]),
        (UsersManage, "職員アカウントの管理（作成・変更・有効化・無効化・一覧・TOTP 発行）", [RoleNames.SystemAdmin]),
        (SessionsManage, "利用中のセッションの確認と終了（同時利用の確認）", [RoleNames.SystemAdmin]),
        (AuditVerify, "監査ログのハッシュ連鎖の検証と個人番号パターン検査", [RoleNames.Auditor, RoleNames.SystemAdmin]),
        (ImportResidents, "住民・宛名情報の取込", [RoleNames.Reviewer]),
        (ImportTax, "地方税関係情報の取込", [RoleNames.Reviewer]),
        (ImportMedicalClaims, "レセプト・自動償還データの取込と突合", [RoleNames.Reviewer]),
        (ReviewRun, "審査（チェック規則）の実行", [RoleNames.Reviewer]),
        (ReviewResolve, "審査キューの閲覧と処理（承認・否認・照合の訂正・一括承認）", [RoleNames.Reviewer]),
        (ManualClaimsEnter, "償還払い（領収書）の入力と審査", [RoleNames.Counter, RoleNames.Reviewer]),
        (ChildSupportRecord, "養育費の申告（児童養育費・受給者養育費）の記録", [RoleNames.Counter]),
        (ImportMigration, "旧システムからの初回移行の取込", [RoleNames.SystemAdmin]),
        (MastersUpdate, "参照マスタ（金融機関・郵便番号）の更新", [RoleNames.SystemAdmin, RoleNames.Maintainer]),
        (IncomeDetermine, "所得判定（所得基準・県市区分・高額療養費区分）の実行と説明", [RoleNames.Counter, RoleNames.Reviewer]),
        (MastersView, "有効期間つきマスタ（公費負担者・年齢区分・金融機関休業日など）の閲覧", [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer, RoleNames.Approver, RoleNames.Auditor, RoleNames.SystemAdmin]),
        (MastersEdit, "有効期間つきマスタの変更（新しい値・追加・訂正・終了・取下げ・移行行の補完）", [RoleNames.SystemAdmin]),
        (DemoSeed, "デモデータの作成", [RoleNames.SystemAdmin]),
        (SettingsManage, "システム設定の変更と一覧", [RoleNames.SystemAdmin]),
        (PersonExport, "個人データの一括出力（目的の入力と再認証が必要）。評価書 P10 の「管理権限者」として決裁ロールのみ", [RoleNames.Approver]),
        (AuditView, "操作履歴の検索・閲覧と、個人ごとの閲覧者の確認", [RoleNames.Auditor]),
        (AuditExport, "操作履歴のCSV出力（目的の入力と再認証が必要）", [RoleNames.Auditor]),
        (ApplicationEnter, "新規申請の入力（受付番号の付番・受付簿への記載）", [RoleNames.Counter]),
        (ApplicationDecide, "申請の決定（認定・却下）。入力者以外の決裁権限者が再認証のうえ行う", [RoleNames.Approver]),

        (PersonChange, "記載事項変更（氏名・住所・保険・口座・連絡先の変更と訂正）", [RoleNames.Counter]),
        (MemoRecord, "メモの記録（追記のみ）", [RoleNames.Counter, RoleNames.Reviewer]),
        (InquiryRecord, "問合せ記録の記録（だれが、だれについて、いつ、何を回答したか）", [RoleNames.Counter, RoleNames.Reviewer, RoleNames.Payer]),
        (EligibilityLoss, "資格消滅と資格喪失候補の確認・取下げ", [RoleNames.Counter, RoleNames.Reviewer]),
        (RenewalForms, "更新（年度切替更新・年齢区分更新）の申請書送付・返送の記録・結果一覧", [RoleNames.Counter]),
        (RenewalDecide, "更新の決定（所得の再判定・新しい受給資格証・所得超過・更新未提出・年齢到達の喪失）。決裁行為（再認証／パスワードと確認コード）", [RoleNames.Approver]),
        (DocumentsPrint, "帳票（受給資格証・認定通知書・却下通知書・喪失通知書・受付簿）の印刷", [RoleNames.Counter, RoleNames.Approver]),
        (ApiKeysManage, "外部システムのAPIキーの発行・一覧・無効化", [RoleNames.SystemAdmin]),
        (PaymentsView, "支払処理（準備・承認・出力の状況と支払先一覧）の閲覧", [RoleNames.Payer, RoleNames.Approver]),
        (PaymentsPrepare, "支払処理の準備と支払ファイルの出力", [RoleNames.Payer]),
        (PaymentsApprove, "支払の承認（支払決定）。準備した職員以外の決裁権限者が再認証のうえ行う", [RoleNames.Approver]),
        (AtenaImport, "個人番号の紐付けファイルの取込（宛名モジュール）", [RoleNames.AtenaAdmin]),
        (AtenaLookup, "個人番号から宛名番号の照会（宛名モジュール、照会ごとに記録）", [RoleNames.AtenaAdmin]),
        (AtenaReveal, "宛名番号の個人番号の表示・取り出し（目的の入力と再認証が必要、表示ごとに記録）", [RoleNames.AtenaAdmin]),
        (AtenaKeysRotate, "宛名モジュールの鍵の更新（全件の再暗号化と索引の再作成）", [RoleNames.AtenaAdmin]),
        (NetworkInquiry, "情報照会（照会許可照合リストで確かめた照会の記録と結果の入力）", [RoleNames.Counter, RoleNames.Reviewer]),
        (DataUseRequest, "データ利用申請と、承認された自分の申請のビューの閲覧（ロールのない利用部署の職員アカウントを含むすべての職員）", [.. RoleNames.All]),
        (DataUseApprove, "データ利用申請の決裁（承認・不承認）。申請者以外の決裁権限者が再認証のうえ行う", [RoleNames.Approver]),
        (PmhExport, "PMH 医療費助成対象者情報の出力（個人番号を含む）", [RoleNames.AtenaAdmin]),
        (PersonDisclosure, "本人開示（保有情報・支払・閲覧履歴の PDF 出力。目的の入力と再認証が必要）", [RoleNames.Counter, RoleNames.SystemAdmin]),
        (StatisticsReport, "統計（受給者数調査・支払月報・県補助金）の作成と出力、統計画面の閲覧。集計値のみ", [RoleNames.Statistician]),
        (PaymentsAdjust, "過誤調整（再審査結果の入力・取込、資格の遡及喪失）と返還請求（作成・戻入・督促・返還請求書・出納への一覧）", [RoleNames.Payer]),
        (PaymentsWriteOff, "不納欠損（返還請求の未収額の欠損処理）。返還請求を作成した職員以外の決裁権限者が再認証のうえ行う", [RoleNames.Approver]),
        (PaymentsReturns, "振込不能の記録・取込・再振込の解除・振込不能通知、現物給付請求書の記録と照合・会計連携データの出力", [RoleNames.Payer]),
        (EApplicationReceive, "電子申請の受信（電子申請システムのAPIキー・CLI）。個人番号は宛名の保管庫へ渡す", [RoleNames.Counter]),
        (ResidentChangesView, "住基異動の確認（取込ごとの受給者の氏名・住所・世帯の変更）", [RoleNames.Counter, RoleNames.Reviewer]),
        (NonResidentRegister, "住登外者の登録（住基にない親・児童を台帳に登録し、宛名番号を発番する）", [RoleNames.Counter]),
    ];

    private static readonly Dictionary<string, string[]> RolesByPermission =
        Table.ToDictionary(entry => entry.Permission, entry => entry.Roles, StringComparer.Ordinal);

    private static readonly Dictionary<string, string> DescriptionByPermission =
        Table.ToDictionary(entry => entry.Permission, entry => entry.Description, StringComparer.Ordinal);

    /// <summary>Every permission, in the table's order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Table.Select(entry => entry.Permission)];

    /// <summary>The roles that hold <paramref name="permission"/>; none for an unknown permission.</summary>
    public static IReadOnlyList<string> RolesFor(string permission) =>
        RolesByPermission.TryGetValue(permission, out var roles) ? roles : [];

    /// <summary>The Japanese description of <paramref name="permission"/>; empty for an unknown one.</summary>
    public static string Describe(string permission) =>
        DescriptionByPermission.TryGetValue(permission, out var description) ? description : string.Empty;

    public static bool Allows(string permission, IEnumerable<string> roles) =>
        HeldByEveryAccount(permission) || RolesFor(permission).Intersect(roles, StringComparer.Ordinal).Any();

    /// <summary>
    /// Whether every staff account holds <paramref name="permission"/>, with or without a role: only
    /// <see cref="DataUseRequest"/>, whose pages show each account its own requests (ADR 0030).
    /// </summary>
    public static bool HeldByEveryAccount(string permission) => string.Equals(permission, DataUseRequest, StringComparison.Ordinal);
}
