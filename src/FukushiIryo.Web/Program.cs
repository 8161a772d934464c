// The staff web app (職員用画面). Until Foundation C fills it, it serves a placeholder page so
// that the README's run command starts something a person can open.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => Results.Content(
    """
    <!DOCTYPE html>
    <html lang="ja">
    <head><meta charset="utf-8"><title>福祉医療費助成システム</title></head>
    <body>
    <h1>福祉医療費助成システム（ひとり親家庭等医療費助成）</h1>
    <p>職員用画面は準備中です。</p>
    </body>
    </html>
    """,
    "text/html; charset=utf-8"));
app.MapGet("/health", () => Results.Text("ok"));

await app.RunAsync().ConfigureAwait(false);
