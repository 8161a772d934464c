using FukushiIryo.Domain.Calendar;
using FukushiIryo.Domain.Numbers;
using FukushiIryo.Formats.Import;
using FukushiIryo.Formats.Uke;

namespace FukushiIryo.Formats.Tests.Uke;

public sealed class UkeReaderTests
{
    private static (List<UkeClaim> Receipts, UkeReader Reader) Read(UkeFile file)
    {
        var reader = file.Open();
        var receipts = reader.Claims().ToList();
        return (receipts, reader);
    }

    private static void AssertErrors(UkeReader reader, params (long Line, string Column)[] expected) =>
        Assert.Equal(expected, reader.Errors.Select(error => (error.Line, error.Column)));

    [Fact]
    public void A_medical_receipt_is_typed_from_its_re_ho_ko_sn_and_mf_records_and_the_rest_is_kept_as_written()
    {
        var file = new UkeFile()
            .Ir()
            .Re(1, type: "1122", kana: "ナラハナコ")
            .Ho(UkeFile.Kokuho, points: "1234", copay: "3700")
            .Ko(points: "1234", patient: "500")
            .Add("SN", "1", "01", "  292011", "１２３", "４５", "01", "", "")
            .Add("MF", "01", "", "1500")
            .Add("SY", "3721002", "50712", "1", "8002", "", "", "")
            .Add("SI", "11", "1", "111000110", "", "282", "1")
            .Go(2, 1234);
        var (receipts, reader) = Read(file);

        Assert.Empty(reader.Errors);
        var receipt = Assert.Single(receipts);
        Assert.Equal(2, receipt.Line);
        Assert.Equal(8, receipt.LastLine);
        Assert.Equal("IR", receipt.Header.RecordType);
        Assert.Equal(Clearinghouse.Kokuhoren, receipt.Header.Clearinghouse);
        Assert.Equal("29", receipt.Header.PrefectureCode);
        Assert.Equal(FeeSchedule.Medical, receipt.FeeSchedule);
        Assert.Equal("0100102", receipt.Header.ProviderCode!.Code);
        Assert.Equal("奈良テスト医院", receipt.Header.ProviderName);
        Assert.Equal(new YearMonth(2026, 1), receipt.Header.BillingMonth);
        Assert.Equal("00", receipt.Header.MultiVolume);

        var re = receipt.Common;
        Assert.Equal(1, re.ClaimNumber);
        Assert.Equal("1122", re.ClaimType.Code);
        Assert.False(re.ClaimType.IsPublicOnly);
        Assert.False(re.ClaimType.IsInpatient);
        Assert.Equal(new YearMonth(2025, 12), re.ServiceMonth);
        Assert.Equal(DateNotation.WarekiCode, re.ServiceMonthNotation);
        Assert.Equal("奈良　花子", re.Name);
        Assert.Equal(2, re.Sex);
        Assert.Equal(new DateOnly(1995, 2, 8), re.BirthDate);
        Assert.Equal(70, re.InsurerShareRate);
        Assert.Equal("ナラハナコ", re.KanaName);

        var ho = receipt.Insurance!;
        Assert.Equal("292011", ho.InsurerNumberText);
        Assert.True(ho.InsurerNumber!.IsNationalHealthInsurance);
        Assert.Equal("１２３", ho.CardSymbol);
        Assert.Equal("４５", ho.CardNumber);
        Assert.Equal(2, ho.DaysOfCare);
        Assert.Equal(1234L, ho.Points);
        Assert.Equal(3700L, ho.PatientShare);

        var ko = Assert.Single(receipt.PublicExpenses);
        Assert.Equal(1, ko.Order);
        Assert.Equal("81292013", ko.PayerNumber!.ToString());
        Assert.Equal("0000125", ko.RecipientNumberText);
        Assert.Equal(1234L, ko.Points);
        Assert.Equal(500L, ko.PatientShare);

        var sn = Assert.Single(receipt.Qualifications);
        Assert.Equal("292011", sn.InsurerNumberText);
        Assert.Equal("01", sn.CardSuffix);
        Assert.Equal("01", receipt.PatientShareRecord!.Category);
        Assert.Equal("1500", receipt.PatientShareRecord.Record.Field(4));
        Assert.Equal(["SY", "SI"], receipt.OtherRecords.Select(record => record.RecordType));
        Assert.Equal([7L, 8L], receipt.OtherRecords.Select(record => record.Line));
        Assert.Equal("111000110", receipt.OtherRecords[1].Field(4));
        Assert.Empty(receipt.Warnings);
        Assert.Equal(1234L, receipt.TotalPoints);
        Assert.Equal(2, receipt.PayerCount);
    }

    [Theory]
    [InlineData("1111", true)]
    [InlineData("1112", false)]
    [InlineData("1117", true)]
    [InlineData("1110", false)]
    [InlineData("1212", false)]
    [InlineData("3113", true)]
    public void The_receipt_type_tells_inpatient_by_its_odd_fourth_digit(string code, bool inpatient) =>
        Assert.Equal(inpatient, new UkeClaimType(code).IsInpatient);

    [Fact]
    public void A_pharmacy_receipt_is_always_outpatient() => Assert.False(new UkeClaimType("4111").IsInpatient);

    [Fact]
    public void Dental_files_with_a_uk_header_and_orca_ir_headers_and_pharmacy_yk_files_are_read_with_their_own_positions()
    {
        var file = new UkeFile()
            .Uk()
            .IrDental()
            .Re(1, type: "3112", kana: "ナラタロウ", kanaField: 26, length: 27)
            .Add("HO", UkeFile.Shaho, "", "", "1", "438", "", "", "", "", "1310", "", "", "")
            .Add("HS", "", "", "102400", "5220063")
            .Add("SS", "11", "1", "301072810")
            .Yk()
            .Re(2, type: "4112", kana: "ナラジロウ", kanaField: 42, length: 42)
            .Add("HO", UkeFile.Kokuho, "", "", "1", "250", "", "", "", "750", "", "", "", "")
            .Add("KO", UkeFile.Payer, UkeFile.Recipient, "", "1", "250", "", "0", "", "0")
            .Add("CZ", "1", "50712")
            .Go(3, 688);
        var (receipts, reader) = Read(file);

        Assert.Empty(reader.Errors);
        Assert.Equal(3, reader.HeaderCount);
        Assert.Equal(2, receipts.Count);
        var dental = receipts[0];
        Assert.Equal("IR", dental.Header.RecordType);
        Assert.Equal(FeeSchedule.Dental, dental.FeeSchedule);
        Assert.Equal("奈良テスト歯科", dental.Header.ProviderName);
        Assert.Equal(new YearMonth(2026, 1), dental.Header.BillingMonth);
        Assert.Equal("ナラタロウ", dental.Common.KanaName);
        Assert.Equal(1310L, dental.Insurance!.PatientShare);
        Assert.Equal("01292010", dental.Insurance.InsurerNumber!.ToString());
        Assert.Equal(["HS", "SS"], dental.OtherRecords.Select(record => record.RecordType));

        var pharmacy = receipts[1];
        Assert.Equal("YK", pharmacy.Header.RecordType);
        Assert.Equal(FeeSchedule.Pharmacy, pharmacy.FeeSchedule);
        Assert.Equal("奈良テスト薬局", pharmacy.Header.ProviderName);
        Assert.Equal("0100304", pharmacy.Header.ProviderCode!.Code);
        Assert.Equal("ナラジロウ", pharmacy.Common.KanaName);
        Assert.False(pharmacy.Common.ClaimType.IsInpatient);
        Assert.Equal(750L, pharmacy.Insurance!.PatientShare);
        Assert.Equal(0L, pharmacy.PublicExpenses[0].PatientShare);
        Assert.Equal(0L, pharmacy.PublicExpenses[0].CoveredPatientShare);
    }

    [Fact]
    public void Several_headers_each_with_its_receipts_and_concatenated_files_each_with_its_go_are_read()
    {
        var file = new UkeFile()
            .Ir(code: UkeFile.MedicalCode).Re(1).Ho(points: "100").Re(2).Ho(points: "200")
            .Ir(code: "0100409", name: "第二医院").Re(1).Ho(points: "300").Ko(points: "300")
            .Go(4, 600)
            .Ir(month: "202602").Re(1, month: "202601", birth: "19950208").Ho(points: "50")
            .Go(1, 50);
        var (receipts, reader) = Read(file);

        Assert.Empty(reader.Errors);
        Assert.Equal(3, reader.HeaderCount);
        Assert.Equal(2, reader.TotalsCount);
        Assert.Equal(4, reader.ClaimCount);
        Assert.Equal([1L, 1L, 6L, 11L], receipts.Select(receipt => receipt.Header.Line));
        Assert.Equal("第二医院", receipts[2].Header.ProviderName);
        Assert.Equal("0100409", receipts[2].Header.ProviderCode!.Code);
        Assert.Equal(new YearMonth(2026, 2), receipts[3].Header.BillingMonth);
        Assert.Equal(DateNotation.Compact, receipts[3].Header.BillingMonthNotation);
        Assert.Equal(new YearMonth(2026, 1), receipts[3].Common.ServiceMonth);
        Assert.Equal(new DateOnly(1995, 2, 8), receipts[3].Common.BirthDate);
        Assert.Equal(DateNotation.Compact, receipts[3].Common.BirthDateNotation);
        Assert.Contains(DateNotation.WarekiCode, reader.DateNotations);
        Assert.Contains(DateNotation.Compact, reader.DateNotations);
    }

    [Theory]
    [InlineData("50712", "4070208", 2025, 12, "1995-02-08")]
    [InlineData("43104", "3560418", 2019, 4, "1981-04-18")]
    [InlineData("50105", "5010501", 2019, 5, "2019-05-01")]
    [InlineData("202512", "20100315", 2025, 12, "2010-03-15")]
    [InlineData("201904", "19890108", 2019, 4, "1989-01-08")]
    public void Months_and_birth_dates_are_read_in_wareki_and_seireki(string month, string birth, int year, int monthNumber, string birthDate)
    {
        var (receipts, reader) = Read(new UkeFile().Ir().Re(1, month: month, birth: birth).Ho(points: "10").Go(1, 10));
        Assert.Empty(reader.Errors);
        Assert.Equal(new YearMonth(year, monthNumber), receipts[0].Common.ServiceMonth);
        Assert.Equal(DateOnly.Parse(birthDate, System.Globalization.CultureInfo.InvariantCulture), receipts[0].Common.BirthDate);
    }

    [Fact]
    public void A_heisei_month_after_the_era_is_read_as_the_same_month_with_a_warning()
    {
        var (receipts, reader) = Read(new UkeFile().Ir(month: "43106").Re(1, month: "43105").Ho(points: "10").Go(1, 10));
        Assert.Empty(reader.Errors);
        Assert.Equal(new YearMonth(2019, 6), receipts[0].Header.BillingMonth);
        Assert.Equal(new YearMonth(2019, 5), receipts[0].Common.ServiceMonth);
        Assert.Equal("IR 請求年月", Assert.Single(receipts[0].Header.Warnings).Column);
        var warning = Assert.Single(receipts[0].Warnings);
        Assert.Equal((2L, "RE 診療年月", ImportSeverity.Warning), (warning.Line, warning.Column, warning.Severity));
    }

    [Theory]
    [InlineData("  292011", "292011", true)]
    [InlineData("292011", "292011", true)]
    [InlineData("00292011", "292011", true)]
    [InlineData("01292010", "01292010", false)]
    [InlineData("  133066", "133066", true)]
    public void Insurer_numbers_of_six_digits_right_aligned_with_spaces_or_with_00_are_national_health_insurance(string written, string canonical, bool kokuho)
    {
        var (receipts, reader) = Read(new UkeFile().Ir().Re(1).Add("HO", written, "", "", "1", "10").Go(1, 10));
        Assert.Empty(reader.Errors);
        var ho = receipts[0].Insurance!;
        Assert.Equal(canonical, ho.InsurerNumber!.ToString());
        Assert.Equal(kokuho, ho.InsurerNumber.IsNationalHealthInsurance);
        Assert.Empty(receipts[0].Warnings);
    }

    [Fact]
    public void Doubtful_contents_are_warnings_on_a_readable_receipt_not_file_errors()
    {
        var file = new UkeFile()
            .Ir(code: "0100103")
            .Re(1).Ho("292012", points: "100").Ko("81292014", "0000126", points: "100")
            .Re(2).Ho("", points: "50")
            .Re(3).Ho("1234567", points: "5").Ko("8129201", "12345", points: "5")
            .Go(5, 155);
        var (receipts, reader) = Read(file);

        Assert.Empty(reader.Errors);
        Assert.Null(receipts[0].Header.ProviderCode);
        Assert.Equal("0100103", receipts[0].Header.ProviderCodeText);
        Assert.Equal(("IR 医療機関コード", "0100103"), (receipts[0].Header.Warnings[0].Column, receipts[0].Header.Warnings[0].Value));
        Assert.Equal(
            [(3L, "HO 保険者番号"), (4L, "KO 公費負担者番号"), (4L, "KO 公費受給者番号")],
            receipts[0].Warnings.Select(warning => (warning.Line, warning.Column)));
        Assert.Null(receipts[0].Insurance!.InsurerNumber);
        Assert.Equal("292012", receipts[0].Insurance!.InsurerNumberText);
        Assert.Null(receipts[0].PublicExpenses[0].PayerNumber);
        Assert.Equal("保険者番号がありません", Assert.Single(receipts[1].Warnings).Reason);
        Assert.Equal(
            ["保険者番号が 6 桁（国保）か 8 桁ではありません", "公費負担者番号が 8 桁ではありません", "公費受給者番号が 7 桁の数字ではありません"],
            receipts[2].Warnings.Select(warning => warning.Reason));
        Assert.All(receipts.SelectMany(receipt => receipt.Warnings), warning => Assert.Equal(ImportSeverity.Warning, warning.Severity));
    }

    [Fact]
    public void An_unknown_record_type_is_kept_on_its_receipt_and_counted_not_an_error()
    {
        var (receipts, reader) = Read(new UkeFile().Ir().Re(1).Ho(points: "10").Add("ZZ", "new", "fields").Add("JD", "1").Go(1, 10));
        Assert.Empty(reader.Errors);
        Assert.Equal(["ZZ", "JD"], receipts[0].OtherRecords.Select(record => record.RecordType));
        Assert.Equal("fields", receipts[0].OtherRecords[0].Field(3));
        Assert.Equal(1, reader.UnknownRecordTypes["ZZ"]);
        Assert.False(reader.UnknownRecordTypes.ContainsKey("JD"));
    }

    [Fact]
    public void Go_counts_each_payer_and_sums_ho_points_or_the_first_ko_points_of_a_public_only_receipt()
    {
        var file = new UkeFile()
            .Ir()
            .Re(1).Ho(points: "700")
            .Re(2, type: "1122").Ho(points: "300").Ko(points: "300")
            .Re(3, type: "1232").Ko(points: "90").Ko("12292011", "", points: "80")
            .Go(5, 1090);
        var (receipts, reader) = Read(file);
        Assert.Empty(reader.Errors);
        Assert.Equal([1, 2, 2], receipts.Select(receipt => receipt.PayerCount));
        Assert.Equal([700L, 300L, 90L], receipts.Select(receipt => receipt.TotalPoints));
        Assert.Null(receipts[2].Insurance);
        Assert.True(receipts[2].Common.ClaimType.IsPublicOnly);
    }

    [Theory]
    [InlineData(2, 1000, "GO 総件数")]
    [InlineData(1, 999, "GO 総合計点数")]
    public void Go_totals_that_disagree_with_the_receipts_are_a_file_error_on_the_go_line(long count, long points, string column)
    {
        var (_, reader) = Read(new UkeFile().Ir().Re(1).Ho(points: "1000").Add("SY", "1").Go(count, points));
        AssertErrors(reader, (5, column));
    }

    [Fact]
    public void A_file_without_a_header_is_a_file_error_on_its_first_line_reported_once()
    {
        var (receipts, reader) = Read(new UkeFile().Re(1).Ho().Re(2).Ho().Go(2, 2000));
        Assert.Empty(receipts);
        AssertErrors(reader, (1, ""));
        Assert.Contains("ヘッダーレコード", reader.Errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_go_is_a_file_error_on_its_last_line()
    {
        var (receipts, reader) = Read(new UkeFile().Ir().Re(1).Ho().Add("SY", "1"));
        Assert.Single(receipts);
        AssertErrors(reader, (4, "GO"));
    }

    [Fact]
    public void An_empty_file_is_a_file_error_on_line_0()
    {
        var reader = new UkeReader(new MemoryStream("\r\n\r\n"u8.ToArray()), Formats.Common.InputEncoding.StrictCp932);
        Assert.Empty(reader.Claims());
        AssertErrors(reader, (0, ""));
    }

    [Fact]
    public void An_re_without_its_required_fields_is_a_file_error_per_field_with_its_line()
    {
        var file = new UkeFile()
            .Ir()
            .Re(1).Ho(points: "10")
            .Add("RE", "2", "1112", "", "奈良　花子", "2", "4070208")
            .Add("RE", "3", "112", "50712", "", "3", "4070230")
            .Add("RE", "x", "1112", "50713", "奈良　花子", "1")
            .Go(1, 10);
        var (_, reader) = Read(file);
        AssertErrors(
            reader,
            (4, "RE 診療年月"),
            (5, "RE レセプト種別"),
            (5, "RE 氏名"),
            (5, "RE 男女区分"),
            (5, "RE 生年月日"),
            (6, "RE レセプト番号"),
            (6, "RE 診療年月"),
            (6, "RE 生年月日"));
        Assert.Equal("存在しない日付です", reader.Errors[4].Reason);
        Assert.Equal("存在しない年月です", reader.Errors[6].Reason);
        Assert.StartsWith("項目が足りません", reader.Errors[7].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_of_a_receipt_before_any_re_and_a_broken_ho_or_ko_are_file_errors_with_their_lines()
    {
        var file = new UkeFile()
            .Ir()
            .Ho()
            .Re(1).Ho(points: "10").Ho(points: "10")
            .Re(2).Ho("29A011", points: "abc").Ko("", points: "10").Ko().Ko().Ko().Ko()
            .Go(6, 10);
        var (_, reader) = Read(file);
        AssertErrors(
            reader,
            (2, "HO"),
            (5, "HO"),
            (7, "HO 保険者番号"),
            (7, "HO 合計点数"),
            (8, "KO 公費負担者番号"),
            (12, "KO"));
    }

    [Fact]
    public void A_receipt_after_go_without_a_new_header_is_a_file_error()
    {
        var (_, reader) = Read(new UkeFile().Ir().Re(1).Ho(points: "10").Go(1, 10).Re(2).Ho(points: "10"));
        AssertErrors(reader, (5, "RE"), (6, "GO"));
    }

    [Fact]
    public void A_broken_header_is_a_file_error_per_field()
    {
        var (_, reader) = Read(new UkeFile().Ir(agency: "3", prefecture: "48", schedule: "2", month: "5081").Re(1).Ho(points: "10").Go(1, 10));
        AssertErrors(reader, (1, "IR 審査支払機関"), (1, "IR 都道府県"), (1, "IR 点数表"), (1, "IR 請求年月"));
    }

    [Fact]
    public void Bytes_that_are_not_cp932_are_a_file_error_on_their_line()
    {
        var bytes = new UkeFile().Ir().Re(1).Ho(points: "10").Go(1, 10).ToBytes().ToList();
        int secondLine = bytes.IndexOf((byte)'\n') + 1;
        bytes.InsertRange(secondLine, [(byte)'S', (byte)'Y', (byte)',', 0x81, 0x7F, (byte)'\r', (byte)'\n']);
        var reader = new UkeReader(new MemoryStream([.. bytes]), Formats.Common.InputEncoding.StrictCp932);
        Assert.Single(reader.Claims());
        AssertErrors(reader, (2, ""));
    }

    [Fact]
    public void The_receipts_can_be_read_once()
    {
        using var reader = new UkeFile().Ir().Re(1).Ho(points: "1").Go(1, 1).Open();
        _ = reader.Claims().ToList();
        Assert.Throws<InvalidOperationException>(() => reader.Claims());
    }
}
