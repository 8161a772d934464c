using System.Text.Encodings.Web;
using System.Text.Json;
using FukushiIryo.App.Payments;
using FukushiIryo.Domain.Payments;

namespace FukushiIryo.App.Tests.Payments;

/// <summary>
/// The steps of a payment line are written by hand with a Utf8JsonWriter (speed, bench/README.md): the
/// text must stay byte for byte what the serialiser gave before, which the detail CSV and the screens show.
/// </summary>
public sealed class PaymentStepsJsonTests
{
    private static readonly JsonSerializerOptions Before = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<SubsidyStep[]> Steps() => new()
    {
        Array.Empty<SubsidyStep>(),
        new[] { new SubsidyStep("保険自己負担額", 3_000), new SubsidyStep("一部負担金", -500), new SubsidyStep("助成額", 2_500) },
        new[] { new SubsidyStep("高額療養費（推計）", -57_600), new SubsidyStep("附加給付 \"25,000円\" \\ <超過>", 0) },
        new[] { new SubsidyStep("ﾊﾝｶｸ & tab\tnewline\n", long.MaxValue), new SubsidyStep(string.Empty, long.MinValue) },
    };

    [Fact]
    public void A_line_with_two_steps_is_written_out_in_full() =>
        Assert.Equal(
            """[{"項目":"保険自己負担額","金額":3000},{"項目":"一部負担金","金額":-500}]""",
            PaymentRuns.ToStepsJson([new SubsidyStep("保険自己負担額", 3_000), new SubsidyStep("一部負担金", -500)]));

    [Theory]
    [MemberData(nameof(Steps))]
    public void Steps_are_the_same_text_as_the_serialiser_gave(SubsidyStep[] steps)
    {
        var serialised = JsonSerializer.Serialize(steps.Select(s => new Dictionary<string, object> { ["項目"] = s.Label, ["金額"] = s.Amount }), Before);

        Assert.Equal(serialised, PaymentRuns.ToStepsJson(steps));
    }
}
