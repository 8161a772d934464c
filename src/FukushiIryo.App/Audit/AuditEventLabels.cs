namespace FukushiIryo.App.Audit;

/// <summary>The Japanese name of each event type, for the 監査 screens and exports.</summary>
public static class AuditEventLabels
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [AuditEventType.UserCreated] = "職員アカウント作成",
        [AuditEventType.UserUpdated] = "職員アカウント変更",
        [AuditEventType.UserEnabled] = "職員アカウント有効化",
        [AuditEventType.UserDisabled] = "職員アカウント無効化",
        [AuditEventType.UserListed] = "職員アカウント一覧",
        [AuditEventType.UserPasswordSet] = "パスワード設定（管理者）",
        [AuditEventType.DbMigrated] = "データベース更新",
        [AuditEventType.AuditVerified] = "操作履歴の検証",
        [AuditEventType.MyNumberScanned] = "個人番号パターン検査",
        [AuditEventType.ResidentsImported] = "住民情報の取込",
        [AuditEventType.PersonSearched] = "宛名検索",
        [AuditEventType.PersonViewed] = "個人の閲覧",
        [AuditEventType.LoginSucceeded] = "ログイン",
        [AuditEventType.LoginFailed] = "ログイン失敗",
        [AuditEventType.Logout] = "ログアウト",
        [AuditEventType.SessionEnded] = "セッション終了",
        [AuditEventType.SessionsEndedByAdmin] = "セッションの強制終了",
        [AuditEventType.AccessDenied] = "権限のない操作の拒否",
        [AuditEventType.UserTotpEnrolled] = "二要素認証の登録",
        [AuditEventType.TotpFailed] = "確認コードの誤り",
        [AuditEventType.TotpReplayed] = "確認コードの再使用",
        [AuditEventType.StepUpSucceeded] = "再認証・決裁の本人確認",
        [AuditEventType.RecoveryCodeUsed] = "回復コードの使用",
        [AuditEventType.RecipientsImported] = "受給者台帳の移行取込",
        [AuditEventType.ImportErrorReportWritten] = "取込エラーレポート出力",
        [AuditEventType.MastersUpdated] = "参照マスタ更新",
        [AuditEventType.DemoSeeded] = "デモデータ作成",
        [AuditEventType.SettingChanged] = "システム設定の変更",
        [AuditEventType.ExportCreated] = "個人データの出力",
        [AuditEventType.ExportRefused] = "個人データの出力中止（個人番号の疑い）",
        [AuditEventType.AuditSearched] = "操作履歴の検索",
        [AuditEventType.TaxImported] = "地方税関係情報の取込",
        [AuditEventType.MedicalClaimsImported] = "レセプト・自動償還データの取込",
        [AuditEventType.PaidClaimsImported] = "支払済レセプトの移行取込",
        [AuditEventType.ChildSupportDeclared] = "養育費の申告の記録",
        [AuditEventType.IncomeDetermined] = "所得判定",
        [AuditEventType.MasterRowAdded] = "マスタ行の追加",
        [AuditEventType.MasterFigureChanged] = "マスタの新しい値",
        [AuditEventType.MasterRowCorrected] = "マスタ行の訂正",
        [AuditEventType.MasterRowEnded] = "マスタ行の終了",
        [AuditEventType.MasterRowWithdrawn] = "マスタ行の取下げ",
        [AuditEventType.MasterRowCompleted] = "移行マスタ行の補完",
        [AuditEventType.DocumentPrinted] = "帳票の印刷",
        [AuditEventType.ApplicationReceived] = "新規申請の受付",
        [AuditEventType.ApplicationGranted] = "申請の認定",
        [AuditEventType.ApplicationRejected] = "申請の却下",
        [AuditEventType.PersonChanged] = "記載事項の変更",
        [AuditEventType.PersonCorrected] = "記載事項の訂正",
        [AuditEventType.MemoAdded] = "メモの記録",
        [AuditEventType.InquiryRecorded] = "問合せの記録",
        [AuditEventType.EligibilityLost] = "資格消滅",
        [AuditEventType.LossCandidateDismissed] = "資格喪失候補の取下げ",
        [AuditEventType.ApiKeyCreated] = "APIキーの発行",
        [AuditEventType.ApiKeyListed] = "APIキーの一覧",
        [AuditEventType.ApiKeyDisabled] = "APIキーの無効化",
    };

    /// <summary>The Japanese name, or the code itself for a type without one.</summary>
    public static string For(string eventType) =>
        Labels.TryGetValue(eventType ?? string.Empty, out var label) ? label : eventType ?? string.Empty;
}
