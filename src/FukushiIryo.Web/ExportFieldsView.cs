namespace FukushiIryo.Web;

/// <summary>The model of the shared export fields (<c>_ExportFields</c>).</summary>
public sealed record ExportFieldsView(string Prefix, string? Purpose, bool RecentlyReauthenticated);
