using FukushiIryo.Domain.Calendar;
using FukushiIryo.Formats.Import;

namespace FukushiIryo.Formats.Tests.Import;

public sealed class AutopayRowsTests : IDisposable
{
    private const string Header = "負担者番号,受給者番号,保険者番号,氏名カナ,生年月日,診療年月,医療機関コード,医療機関名,点数表,入外区分,給付割合,実日数,点数,医療費,窓口負担額,食事療養額,高額療養費,附加給付,長期";

    // 81292013: 法別 81, 奈良 29, 201, check 3. 0000125: serial 000012, check 5. 292011: 奈良市国保. 0100102: 奈良 医科.
    private const string Good = "81292013,0000125,292011,ﾅﾗ ﾊﾅｺ,1995-02-08,2025-12,0100102,奈良テスト医院,医科,外来,70,2,1234,,3700,0,,0,0";

    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    private (List<AutopayRow?> Rows, List<ImportProblem> Problems) Read(string header, params string[] rows)
    {
        var path = _files.WriteCp932("autopay.csv", header + "\r\n" + string.Join("\r\n", rows) + "\r\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("autopay"));
        Assert.Empty(file.FileProblems);
        var problems = new List<ImportProblem>();
        var typed = file.Records().Select(record => AutopayRows.Read(record, "29", problems)).ToList();
        return (typed, problems);
    }

    [Fact]
    public void A_cp932_autopay_row_is_typed_with_its_amounts_in_yen_and_unknown_benefits_as_null()
    {
        var (rows, problems) = Read(Header, Good);
        Assert.Empty(problems);
        var row = Assert.Single(rows)!;
        Assert.Equal(2, row.Line);
        Assert.Equal("81292013", row.PayerNumber!.ToString());
        Assert.Equal("0000125", row.RecipientNumber!.ToString());
        Assert.True(row.InsurerNumber!.IsNationalHealthInsurance);
        Assert.Equal("ナラ ハナコ", row.KanaName);
        Assert.Equal(new DateOnly(1995, 2, 8), row.BirthDate);
        Assert.Equal(new YearMonth(2025, 12), row.ServiceMonth);
        Assert.Equal("29", row.PrefectureCode);
        Assert.Equal("0100102", row.ProviderCode!.Code);
        Assert.Equal(AutopayScheduleKind.Medical, row.Schedule);
        Assert.False(row.Inpatient);
        Assert.Equal(70, row.InsurerShareRate);
        Assert.Equal(2, row.DaysOfCare);
        Assert.Equal(1234L, row.Points);
        Assert.Null(row.MedicalCost);
        Assert.Equal(3700L, row.PatientShare);
        Assert.Equal(0L, row.MealAmount);
        Assert.Null(row.HighCostRefund);
        Assert.Equal(0L, row.ExtraBenefit);
        Assert.False(row.LongTerm);
        Assert.Null(row.OtherPublicAmount);
        Assert.False(row.DisasterMutualAid);
    }

    [Fact]
    public void The_optional_columns_give_the_prefecture_the_other_public_amount_and_the_disaster_flag()
    {
        var (rows, problems) = Read(
            Header + ",都道府県,他公費負担額,災害共済",
            "81292013,0000125,00292011,ナラ タロウ,R2.5.1,R07.12,0100207,奈良テスト歯科,歯科,入院,80,14,5000,,10000,1380,2000,,1,29,1500,1",
            "81292013,0000125,01292010,ナラ ジロウ,2020-05-01,202512,0100409,奈良訪問看護,訪問看護,外来,70,4,,32000,9600,0,0,0,0,,,");
        Assert.Empty(problems);
        var dental = rows[0]!;
        Assert.Equal("292011", dental.InsurerNumber!.ToString());
        Assert.Equal(AutopayScheduleKind.Dental, dental.Schedule);
        Assert.True(dental.Inpatient);
        Assert.Equal(2000L, dental.HighCostRefund);
        Assert.Null(dental.ExtraBenefit);
        Assert.True(dental.LongTerm);
        Assert.Equal(1500L, dental.OtherPublicAmount);
        Assert.True(dental.DisasterMutualAid);
        Assert.Equal(new YearMonth(2025, 12), dental.ServiceMonth);
        var nursing = rows[1]!;
        Assert.Equal(AutopayScheduleKind.HomeNursing, nursing.Schedule);
        Assert.Null(nursing.Points);
        Assert.Equal(32000L, nursing.MedicalCost);
        Assert.Null(nursing.ProviderCode);
        Assert.Equal("29", nursing.PrefectureCode);
    }

    [Theory]
    [InlineData("8129201,0000125,292011", "負担者番号")]
    [InlineData("81292013,000012,292011", "受給者番号")]
    [InlineData("81292013,0000125,2920111", "保険者番号")]
    [InlineData("81292013,0000125,29201", "保険者番号")]
    public void Identifiers_of_the_wrong_length_are_file_errors(string identifiers, string column)
    {
        var (rows, problems) = Read(Header, identifiers + Good[Good.IndexOf(",ﾅﾗ", StringComparison.Ordinal)..]);
        Assert.Null(Assert.Single(rows));
        var problem = Assert.Single(problems);
        Assert.Equal((2L, column, ImportSeverity.Error), (problem.Line, problem.Column, problem.Severity));
    }

    [Theory]
    [InlineData("81292014,0000125,292011,0100102", "負担者番号")]
    [InlineData("81292013,0000126,292011,0100102", "受給者番号")]
    [InlineData("81292013,0000125,292012,0100102", "保険者番号")]
    [InlineData("81292013,0000125,292011,0100103", "医療機関コード")]
    [InlineData("81292013,0000125,292011,1234567", "医療機関コード")]
    public void A_bad_check_digit_is_a_warning_on_a_readable_row(string identifiers, string column)
    {
        var parts = identifiers.Split(',');
        var fields = Good.Split(',');
        (fields[0], fields[1], fields[2], fields[6]) = (parts[0], parts[1], parts[2], parts[3]);
        var (rows, problems) = Read(Header, string.Join(',', fields));
        Assert.NotNull(Assert.Single(rows));
        var problem = Assert.Single(problems);
        Assert.Equal((2L, column, ImportSeverity.Warning), (problem.Line, problem.Column, problem.Severity));
    }

    [Theory]
    [InlineData(8, "鍼灸", "点数表")]
    [InlineData(9, "通院", "入外区分")]
    [InlineData(10, "75", "給付割合")]
    [InlineData(12, "", "点数")]
    [InlineData(14, "", "窓口負担額")]
    [InlineData(14, "-10", "窓口負担額")]
    [InlineData(16, "不明", "高額療養費")]
    [InlineData(18, "2", "長期")]
    [InlineData(4, "2026-02-30", "生年月日")]
    [InlineData(5, "2025-13", "診療年月")]
    public void Unreadable_values_are_file_errors_on_their_column(int index, string value, string column)
    {
        var fields = Good.Split(',');
        fields[index] = value;
        var (rows, problems) = Read(Header, string.Join(',', fields));
        Assert.Null(Assert.Single(rows));
        Assert.Equal((2L, column), (problems[0].Line, problems[0].Column));
    }

    [Fact]
    public void Pharmacy_visiting_nursing_and_therapy_cost_rows_cannot_be_inpatient()
    {
        var fields = Good.Split(',');
        (fields[6], fields[8], fields[9]) = ("0100304", "調剤", "入院");
        var (rows, problems) = Read(Header, string.Join(',', fields));
        Assert.Null(Assert.Single(rows));
        Assert.Equal("入外区分", Assert.Single(problems).Column);
    }

    [Fact]
    public void A_paid_receipt_row_adds_the_payment_date_and_the_subsidy()
    {
        var path = _files.WriteUtf8("paid.csv", Header + ",支払日,助成額\n" + Good + ",2026-02-20,3200\n" + Good + ",2026-02-31,3200\n");
        using var file = ImportFile.Open(path, ImportLayout.BuiltIn("paid-receipts"));
        var problems = new List<ImportProblem>();
        var rows = file.Records().Select(record => AutopayRows.ReadPaid(record, "29", problems)).ToList();
        Assert.Equal(new DateOnly(2026, 2, 20), rows[0]!.PaidOn);
        Assert.Equal(3200L, rows[0]!.SubsidyAmount);
        Assert.Equal(1234L, rows[0]!.Claim.Points);
        Assert.Null(rows[1]);
        Assert.Equal((3L, "支払日"), (Assert.Single(problems).Line, problems[0].Column));
    }
}
