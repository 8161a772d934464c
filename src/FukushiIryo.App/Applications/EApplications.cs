using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FukushiIryo.App.Audit;
using FukushiIryo.App.Data;
using FukushiIryo.App.Linkage;
using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Domain.Text;
using Json.Schema;
using Microsoft.EntityFrameworkCore;

namespace FukushiIryo.App.Applications;

/// <summary>The outcome of <see cref="EApplications.ReceiveAsync"/>: the row kept, or the problems by field (nothing stored, nothing sent to the vault).</summary>
/// <param name="Problems">JSON field (<c>children[0].myNumber</c>; empty for the whole document) → Japanese message.</param>
public sealed record EApplicationReceipt(EApplication? Saved, EApplicationPayload? Payload, IReadOnlyDictionary<string, string> Problems)
{
    public bool IsSaved => Saved is not null;
}

/// <summary>No 宛名 vault is composed in this host: an e-application cannot be received (its 個人番号 would have nowhere to go).</summary>
public sealed class VaultMissingException() : InvalidOperationException("宛名の個人番号保管庫が構成されていないため、電子申請を受け付けられません。");

/// <summary>A received e-application waiting to be registered, with its payload read back.</summary>
public sealed record PendingEApplication(EApplication Row, EApplicationPayload Payload);

/// <summary>
/// 電子申請の受付 (評価書 システム6, pia-controls.md P21, ADR 0029). <see cref="ReceiveAsync"/> checks a
/// JSON e-application against docs/formats/e-application.schema.json and the 個人番号 check digits,
/// field by field (nothing kept on a problem); then each 個人番号 goes to the 宛名 vault
/// (<see cref="IAtenaVault.FindAtenaNumberAsync"/>, else one person of the 台帳 with the same カナ氏名 and
/// 生年月日 is linked by <see cref="IAtenaVault.LinkAsync"/>) and the application WITHOUT any 個人番号 is
/// kept as a pending <see cref="EApplication"/>. Staff register it as a 新規申請
/// (<see cref="RegisterAsync"/>, through <see cref="ApplicationIntake"/>), which purges the payload, audited.
/// </summary>
/// <remarks>The vault is null in a host that composes none (before the 宛名 module): reading and
/// registering work, receiving refuses (<see cref="VaultMissingException"/>).</remarks>
public sealed class EApplications(FukushiDbContext db, IAtenaVault? vault, TimeProvider clock)
{
    /// <summary>The largest document accepted (bytes of UTF-8).</summary>
    public const int MaxBytes = 256 * 1024;

    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    private static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>The schema's text, as published in docs/formats (embedded in the assembly).</summary>
    public static string SchemaText()
    {
        using var stream = typeof(EApplications).Assembly.GetManifestResourceStream("FukushiIryo.App.Applications.e-application.schema.json")
            ?? throw new InvalidOperationException("The e-application schema is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>Checks and keeps one e-application (<paramref name="json"/>); see the class summary.</summary>
    public async Task<EApplicationReceipt> ReceiveAsync(string json, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (vault is null)
        {
            throw new VaultMissingException();
        }

        var problems = Validate(json, out var node);
        if (problems.Count > 0 || node is null)
        {
            return new EApplicationReceipt(null, null, problems);
        }

        var externalId = node["externalId"]!.GetValue<string>();
        if (await db.EApplications.AsNoTracking().AnyAsync(e => e.ExternalId == externalId, cancellationToken).ConfigureAwait(false))
        {
            problems["externalId"] = $"受付番号 {externalId} の電子申請はすでに受け付けています。";
            return new EApplicationReceipt(null, null, problems);
        }

        // The 個人番号 leave here for the vault and are not kept past this method.
        var applicantNode = node["applicant"]!.AsObject();
        var applicant = await MatchAsync(applicantNode, actor, cancellationToken).ConfigureAwait(false);
        var children = new List<EApplicationChild>();
        foreach (var child in node["children"]!.AsArray())
        {
            var person = await MatchAsync(child!.AsObject(), actor, cancellationToken).ConfigureAwait(false);
            children.Add(new EApplicationChild(person, Flag(child, "insured"), Flag(child, "remoteArea"), Flag(child, "separateCustody"), Flag(child, "inChildWelfareFacility"), Programs(child["otherPrograms"])));
        }

        var insurance = node["insurance"]!;
        var account = node["account"]!;
        var payload = new EApplicationPayload(
            externalId,
            node["submittedAt"] is { } submitted ? DateTimeOffset.Parse(submitted.GetValue<string>(), CultureInfo.InvariantCulture) : null,
            Date(node["appliedOn"])!.Value,
            Text(node["applicationReason"]),
            applicant,
            applicantNode["role"]!.GetValue<string>(),
            Text(applicantNode["phoneNumber"]),
            Text(applicantNode["postalCode"]),
            Text(applicantNode["address"]),
            node["singleParentReason"]!.GetValue<string>(),
            Date(node["reasonArisenOn"])!.Value,
            Date(node["fixedTermEnd"]),
            Flag(node, "publicAssistance"),
            Programs(node["otherPrograms"]),
            insurance["kind"]!.GetValue<string>(),
            insurance["insurerNumber"]!.GetValue<string>(),
            Text(insurance["cardSymbol"]),
            Text(insurance["cardNumber"]),
            Text(account["bankCode"]),
            Text(account["branchCode"]),
            Text(account["accountType"]),
            Text(account["accountNumber"]),
            Text(account["yuchoSymbol"]),
            Text(account["yuchoNumber"]),
            account["holderKana"]!.GetValue<string>(),
            children);
        var text = JsonSerializer.Serialize(payload, PayloadJson);
        if (MyNumberPattern.Contains(text))
        {
            // Validate refused every free text holding such a number; this is the last guard.
            throw new InvalidOperationException("An e-application payload to keep holds a 個人番号 pattern.");
        }

        var row = new EApplication
        {
            ExternalId = externalId,
            AppliedOn = payload.AppliedOn,
            ReceivedAt = AppClock.Now(clock),
            ReceivedBy = actor,
            Status = EApplicationStatus.Pending,
            Payload = text,
        };
        db.EApplications.Add(row);
        db.AddAudit(new AuditEntry(actor, AuditEventType.EApplicationReceived, "eapplication", externalId, new Dictionary<string, object?>
        {
            ["appliedOn"] = payload.AppliedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["children"] = children.Count,
            ["matched"] = children.Count(c => c.Person.AtenaNumber is not null) + (applicant.AtenaNumber is null ? 0 : 1),
            ["unmatched"] = children.Count(c => c.Person.AtenaNumber is null) + (applicant.AtenaNumber is null ? 1 : 0),
            ["payloadSha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new EApplicationReceipt(row, payload, problems);
    }

    /// <summary>The e-applications waiting to be registered, oldest first.</summary>
    public async Task<IReadOnlyList<PendingEApplication>> PendingAsync(string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        var rows = await db.EApplications.AsNoTracking().Where(e => e.Status == EApplicationStatus.Pending)
            .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        db.AddAudit(new AuditEntry(actor, AuditEventType.EApplicationViewed, Details: new Dictionary<string, object?>
        {
            ["screen"] = "電子申請の一覧",
            ["count"] = rows.Count,
        }, ClientAddress: clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => new PendingEApplication(row, Read(row.Payload!)))];
    }

    /// <summary>One pending e-application, or null when there is none (or it is registered already). Audited as a view.</summary>
    public async Task<PendingEApplication?> FindPendingAsync(long id, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        var row = await db.EApplications.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.Status == EApplicationStatus.Pending, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        db.AddAudit(new AuditEntry(actor, AuditEventType.EApplicationViewed, "eapplication", row.ExternalId, new Dictionary<string, object?> { ["screen"] = "電子申請の登録" }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new PendingEApplication(row, Read(row.Payload!));
    }

    /// <summary>The 新規申請 form as the e-application fills it: the persons by the 宛名番号 matched (empty where none was).</summary>
    public static ApplicationForm FormOf(EApplicationPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new ApplicationForm
        {
            ApplicantAtena = payload.Applicant.AtenaNumber,
            ApplicantRole = payload.ApplicantRole,
            AppliedOn = payload.AppliedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ApplicationReason = payload.ApplicationReason,
            SingleParentReason = payload.SingleParentReason,
            ReasonArisenOn = payload.ReasonArisenOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            FixedTermEnd = payload.FixedTermEnd?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PublicAssistance = payload.PublicAssistance,
            OtherPrograms = [.. payload.OtherPrograms],
            InsuranceKind = payload.InsuranceKind,
            InsurerNumber = payload.InsurerNumber,
            CardSymbol = payload.CardSymbol,
            CardNumber = payload.CardNumber,
            BankCode = payload.BankCode,
            BranchCode = payload.BranchCode,
            AccountType = payload.AccountType ?? nameof(Domain.Text.AccountType.Ordinary),
            AccountNumber = payload.AccountNumber,
            YuchoSymbol = payload.YuchoSymbol,
            YuchoNumber = payload.YuchoNumber,
            AccountHolderKana = payload.AccountHolderKana,
            PhoneNumber = payload.PhoneNumber,
            Children = [.. payload.Children.Select(child => new ApplicationChildForm
            {
                Atena = child.Person.AtenaNumber,
                Insured = child.Insured,
                RemoteArea = child.RemoteArea,
                SeparateCustody = child.SeparateCustody,
                InChildWelfareFacility = child.InChildWelfareFacility,
                OtherPrograms = [.. child.OtherPrograms],
            })],
        };
    }

    /// <summary>
    /// Registers pending e-application <paramref name="id"/> as a 新規申請 with <paramref name="form"/> (as
    /// staff checked and completed it), through <see cref="ApplicationIntake"/>: on a problem nothing
    /// changes; once the application is saved, the payload is purged and the purge audited (P21).
    /// </summary>
    public async Task<ApplicationIntakeResult> RegisterAsync(long id, ApplicationForm form, string actor, string? clientAddress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var pending = await db.EApplications.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (pending is not { Status: EApplicationStatus.Pending })
        {
            return new ApplicationIntakeResult(null, new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [string.Empty] = pending is null ? $"電子申請 {id} はありません。" : $"電子申請 {pending.ExternalId} はすでに登録されています。",
            }, null);
        }

        var result = await new ApplicationIntake(db, clock).ReceiveAsync(form, actor, clientAddress, cancellationToken).ConfigureAwait(false);
        if (result.Saved is not { } saved)
        {
            return result;
        }

        await PurgeAsync(id, saved, actor, clientAddress, cancellationToken).ConfigureAwait(false);
        return result;
    }

    private async Task PurgeAsync(long id, Application saved, string actor, string? clientAddress, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var row = await db.EApplications.SingleAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        var now = AppClock.Now(clock);
        row.Status = EApplicationStatus.Registered;
        row.ApplicationId = saved.Id;
        row.Payload = null;
        row.PurgedAt = now;
        row.PurgedBy = actor;
        db.AddAudit(new AuditEntry(actor, AuditEventType.EApplicationPurged, "eapplication", row.ExternalId, new Dictionary<string, object?>
        {
            ["application"] = saved.ReceptionNumber,
        }, clientAddress));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The payload kept for a row (never a 個人番号).</summary>
    public static EApplicationPayload Read(string payload) =>
        JsonSerializer.Deserialize<EApplicationPayload>(payload, PayloadJson) ?? throw new InvalidOperationException("An empty e-application payload.");

    /// <summary>
    /// The problems of <paramref name="json"/> by field, in Japanese: the schema first, then what a
    /// schema cannot say (個人番号 check digits, real dates, a number given twice, a date after today,
    /// a 個人番号 written into a free-text field). Empty when the document is acceptable.
    /// </summary>
    public Dictionary<string, string> Validate(string json, out JsonNode? node)
    {
        ArgumentNullException.ThrowIfNull(json);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        node = null;
        if (Encoding.UTF8.GetByteCount(json) > MaxBytes)
        {
            problems[string.Empty] = $"電子申請が大きすぎます（{MaxBytes / 1024}KBまで）。";
            return problems;
        }

        JsonElement element;
        try
        {
            using var document = JsonDocument.Parse(json);
            element = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            problems[string.Empty] = "JSONとして読めません。";
            return problems;
        }

        var results = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!results.IsValid)
        {
            // A branch of oneOf / anyOf / not fails by design: only the combinator's own verdict is told.
            foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 } && !InsideCombinator(d.EvaluationPath.ToString())))
            {
                foreach (var (keyword, error) in detail.Errors!)
                {
                    var pointer = detail.InstanceLocation.ToString();
                    if (keyword == "required")
                    {
                        // The library names the missing properties in quotes: one problem per missing field.
                        foreach (System.Text.RegularExpressions.Match missing in System.Text.RegularExpressions.Regex.Matches(error, "\"([A-Za-z]+)\""))
                        {
                            var field = FieldOf(pointer + "/" + missing.Groups[1].Value);
                            problems.TryAdd(field, $"{field}: 必須の項目がありません。");
                        }

                        continue;
                    }

                    var (place, message) = Describe(pointer, keyword, detail.EvaluationPath.ToString());
                    problems.TryAdd(place, message);
                }
            }

            // Only branch errors: the combinator failed as a whole (no branch fits); told once, at its object
            // (the one combinator of the schema is the account's bank-or-ゆうちょ choice).
            if (problems.Count == 0 && (results.Details ?? []).FirstOrDefault(d => d.Errors is { Count: > 0 }) is { } branch)
            {
                var (place, message) = Describe(branch.InstanceLocation.ToString(), "oneOf", branch.EvaluationPath.ToString());
                problems[place] = message;
            }

            if (problems.Count == 0 && AccountChoiceBroken(element))
            {
                // The library reports a oneOf with no fitting branch without a located error: told here.
                problems.Add(Describe("/account", "oneOf", string.Empty).Field, Describe("/account", "oneOf", string.Empty).Message);
            }

            if (problems.Count == 0)
            {
                problems[string.Empty] = "電子申請の形式に合いません。";
            }

            return problems;
        }

        node = JsonNode.Parse(json)!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        CheckPerson(node["applicant"]!, "applicant", seen, problems);
        var children = node["children"]!.AsArray();
        for (var i = 0; i < children.Count; i++)
        {
            CheckPerson(children[i]!, string.Create(CultureInfo.InvariantCulture, $"children[{i}]"), seen, problems);
        }

        var today = JstClock.Today(clock);
        if (Date(node["appliedOn"]) is { } applied && applied > today)
        {
            problems["appliedOn"] = "申請年月日が今日より後です。";
        }

        ScanFreeText(node, string.Empty, problems);
        return problems;
    }

    private static void CheckPerson(JsonNode person, string path, HashSet<string> seen, Dictionary<string, string> problems)
    {
        var digits = person["myNumber"]!.GetValue<string>();
        if (!MyNumber.TryParse(digits, out _))
        {
            problems[path + ".myNumber"] = "個人番号が正しくありません（検査用数字が合いません）。";
        }
        else if (!seen.Add(digits))
        {
            problems[path + ".myNumber"] = "同じ個人番号が申請に2回入っています。";
        }

        if (!KanaNormalizer.IsKatakanaName(KanaNormalizer.ToCanonicalName(person["nameKana"]!.GetValue<string>())))
        {
            problems[path + ".nameKana"] = "氏名カナはカタカナで入力してください。";
        }
    }

    /// <summary>A 個人番号 belongs in <c>myNumber</c> only: any other string holding one is refused (it would be kept).</summary>
    private static void ScanFreeText(JsonNode? node, string path, Dictionary<string, string> problems)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name != "myNumber")
                    {
                        ScanFreeText(value, path.Length == 0 ? name : path + "." + name, problems);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    ScanFreeText(array[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), problems);
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text) && MyNumberPattern.Contains(text):
                problems.TryAdd(path, "個人番号は個人番号の欄にだけ入力してください（この欄には保存できません）。");
                break;
        }
    }

    private async Task<EApplicationPerson> MatchAsync(JsonObject person, string actor, CancellationToken cancellationToken)
    {
        var myNumber = MyNumber.Parse(person["myNumber"]!.GetValue<string>());
        var name = person["name"]!.GetValue<string>().Trim();
        var kana = KanaNormalizer.ToCanonicalName(person["nameKana"]!.GetValue<string>());
        var birth = Date(person["birthDate"])!.Value;
        var atena = await vault!.FindAtenaNumberAsync(myNumber, actor, cancellationToken).ConfigureAwait(false);
        if (atena is not null)
        {
            return new EApplicationPerson(name, kana, birth, atena, "vault");
        }

        // Not linked yet: one person of the 台帳 with the same カナ氏名 and 生年月日 is taken as the match.
        var key = KanaNormalizer.ToSearchKey(kana);
        var candidates = await db.PersonRecords.AsNoTracking().Current()
            .Where(r => r.NameKanaKey == key && r.BirthDate == birth)
            .Select(r => r.PersonId).Distinct().Take(2).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (candidates.Count != 1)
        {
            return new EApplicationPerson(name, kana, birth, null, "none");
        }

        var personId = candidates[0];
        var found = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => p.AtenaNumber).SingleAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await vault.LinkAsync(found, myNumber, actor, cancellationToken).ConfigureAwait(false);
        }
        catch (AtenaVaultRefusedException)
        {
            // The number belongs to someone else in the vault: no match; staff pick the person.
            return new EApplicationPerson(name, kana, birth, null, "none");
        }

        return new EApplicationPerson(name, kana, birth, found, "ledger");
    }

    private static (string Field, string Message) Describe(string pointer, string keyword, string schemaLocation)
    {
        var field = FieldOf(pointer);
        var label = field.Length == 0 ? "電子申請" : field;
        return keyword switch
        {
            "additionalProperties" or "unevaluatedProperties" => (field, $"{label}: 決められていない項目があります。"),
            "" when schemaLocation.Contains("Properties", StringComparison.Ordinal) => (field, $"{label}: 決められていない項目です。"),
            "type" => (field, $"{label}: 値の型が違います。"),
            "enum" => (field, $"{label}: 選べる値ではありません。"),
            "const" when schemaLocation.Contains("consent", StringComparison.Ordinal) => (field, $"{label}: 同意がなければ受け付けられません。"),
            "const" => (field, $"{label}: 値が違います。"),
            "pattern" or "format" => (field, $"{label}: 形式が違います。"),
            "minLength" => (field, $"{label}: 入力してください。"),
            "maxLength" => (field, $"{label}: 長すぎます。"),
            "minItems" => (field, $"{label}: 1件以上必要です。"),
            "maxItems" => (field, $"{label}: 件数が多すぎます。"),
            "oneOf" or "not" => (field, $"{label}: 口座は金融機関コード・支店コード・口座番号か、ゆうちょの記号・番号のどちらか一方で入力してください。"),
            _ => (field, $"{label}: 電子申請の形式に合いません（{keyword}）。"),
        };
    }

    /// <summary>The account gives both a bank account and a ゆうちょ one, or neither completely (the schema's oneOf).</summary>
    private static bool AccountChoiceBroken(JsonElement root)
    {
        if (!root.TryGetProperty("account", out var account) || account.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        bool Has(string name) => account.TryGetProperty(name, out _);
        var bank = Has("bankCode") || Has("branchCode") || Has("accountNumber");
        var yucho = Has("yuchoSymbol") || Has("yuchoNumber");
        var bankComplete = Has("bankCode") && Has("branchCode") && Has("accountNumber");
        var yuchoComplete = Has("yuchoSymbol") && Has("yuchoNumber");
        return bank == yucho || (bank && !bankComplete) || (yucho && !yuchoComplete);
    }

    private static bool InsideCombinator(string evaluationPath) =>
        evaluationPath.Contains("/oneOf/", StringComparison.Ordinal) || evaluationPath.Contains("/anyOf/", StringComparison.Ordinal)
        || evaluationPath.Contains("/not/", StringComparison.Ordinal) || evaluationPath.EndsWith("/not", StringComparison.Ordinal);

    /// <summary>JSON pointer <c>/children/0/myNumber</c> → <c>children[0].myNumber</c>.</summary>
    internal static string FieldOf(string pointer)
    {
        var builder = new StringBuilder();
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (name.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(name).Append(']');
            }
            else
            {
                builder.Append(builder.Length == 0 ? string.Empty : ".").Append(name);
            }
        }

        return builder.ToString();
    }

    private static JsonSchema LoadSchema() => JsonSchema.FromText(SchemaText());

    private static bool Flag(JsonNode? node, string name) => node?[name] is { } value && value.GetValue<bool>();

    private static string? Text(JsonNode? node) => node is null ? null : node.GetValue<string>().Trim() is { Length: > 0 } text ? text : null;

    private static DateOnly? Date(JsonNode? node) =>
        node is null ? null : DateOnly.ParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Programs(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item!.GetValue<string>().Trim()).Where(item => item.Length > 0)] : [];
}
