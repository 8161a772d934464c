using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace FukushiIryo.Formats.Pmh;

/// <summary>基本5情報 of a PMH record: 氏名, カナ氏名, 住所, 生年月日, 性別 (the 住基 code 1, 2 or 9).</summary>
public sealed record PmhBasicFiveInfo(string Name, string NameKana, string Address, DateOnly DateOfBirth, string Sex);

/// <summary>
/// One PMH 医療費助成対象者差分履歴情報 (docs/formats/pmh/medical-subsidy-recipients.schema.json): one
/// 受給者証 version of one person. Optional items are written only when not null. The 個人番号 is
/// held here for the moment of writing only.
/// </summary>
public sealed record PmhRecipientRecord(
    string CertificateTypeId,
    string MyNumber,
    PmhBasicFiveInfo BasicFiveInfo,
    bool IsNotDisclosed,
    string? InsurerNumber,
    string CertificationName,
    string? RecipientNumber,
    string? Segment,
    string? IncomeSegment,
    bool IsAlwaysReimbursement,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    string HistoryKey,
    bool IsDeleted)
{
    /// <summary>受給者証券面項目: pairs written as objects in this order; empty until the 券面 layout of PMH's 制度マスタ is known.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CertificationDetail { get; init; } = [];

    /// <summary>The record's text for messages and logs: the 履歴キー only, never the 個人番号.</summary>
    public override string ToString() => $"PMH record {HistoryKey}";
}

/// <summary>
/// Streams PMH records as one JSON array (UTF-8 without BOM, the request body of
/// <c>postRegistrationTasks</c>) with <see cref="Utf8JsonWriter"/>: one record in memory at a time.
/// Japanese is written as is (not \u-escaped); dates as YYYY-MM-DD.
/// </summary>
public sealed class PmhRecipientWriter : IAsyncDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Indented = false,
    };

    private readonly Stream stream;
    private readonly Utf8JsonWriter writer;
    private bool ended;

    public PmhRecipientWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        writer = new Utf8JsonWriter(stream, Options);
        writer.WriteStartArray();
    }

    public long Count { get; private set; }

    public async Task WriteAsync(PmhRecipientRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (ended)
        {
            throw new InvalidOperationException("The PMH array is already closed.");
        }

        writer.WriteStartObject();
        writer.WriteString("orgSpecificCertificateTypeId", record.CertificateTypeId);
        writer.WriteString("myNumber", record.MyNumber);
        writer.WriteStartObject("basicFiveInfo");
        writer.WriteString("name", record.BasicFiveInfo.Name);
        writer.WriteString("nameKana", record.BasicFiveInfo.NameKana);
        writer.WriteString("address", record.BasicFiveInfo.Address);
        writer.WriteString("dateOfBirth", Date(record.BasicFiveInfo.DateOfBirth));
        writer.WriteString("sex", record.BasicFiveInfo.Sex);
        writer.WriteEndObject();
        writer.WriteBoolean("isNotDisclosed", record.IsNotDisclosed);
        Optional("medicalSubsidyInsurerNumber", record.InsurerNumber);
        writer.WriteString("certificationName", record.CertificationName);
        Optional("medicalSubsidyRecipientNumber", record.RecipientNumber);
        Optional("segment", record.Segment);
        Optional("incomeSegment", record.IncomeSegment);
        writer.WriteString("isAlwaysReimbursement", record.IsAlwaysReimbursement ? "1" : "0");
        writer.WriteString("validFrom", Date(record.ValidFrom));
        writer.WriteString("validTo", Date(record.ValidTo));
        writer.WriteString("historyKey", record.HistoryKey);
        writer.WriteBoolean("isDeleted", record.IsDeleted);
        writer.WriteStartArray("certificationDetail");
        foreach (var (item, value) in record.CertificationDetail)
        {
            writer.WriteStartObject();
            writer.WriteString(item, value);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        Count++;
        if (writer.BytesPending > 64 * 1024)
        {
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the array and flushes.</summary>
    public async Task EndAsync(CancellationToken cancellationToken = default)
    {
        if (!ended)
        {
            writer.WriteEndArray();
            ended = true;
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await writer.DisposeAsync().ConfigureAwait(false);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Optional(string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
