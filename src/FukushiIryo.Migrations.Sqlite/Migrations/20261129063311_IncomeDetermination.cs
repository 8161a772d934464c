using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IncomeDetermination : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HighCostIncomeBrackets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    IncomeAbove = table.Column<long>(type: "INTEGER", nullable: true),
                    ForTaxExemptHousehold = table.Column<bool>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HighCostIncomeBrackets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HighCostLimits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MonthlyLimit = table.Column<long>(type: "INTEGER", nullable: false),
                    CostThreshold = table.Column<long>(type: "INTEGER", nullable: true),
                    OverflowRatePercent = table.Column<int>(type: "INTEGER", nullable: true),
                    AnnualCap = table.Column<long>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HighCostLimits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncomeDeductions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FlatDeduction = table.Column<long>(type: "INTEGER", nullable: false),
                    ChildSupportPercent = table.Column<int>(type: "INTEGER", nullable: false),
                    EarnedIncomeAdjustmentCap = table.Column<long>(type: "INTEGER", nullable: false),
                    Disabled = table.Column<long>(type: "INTEGER", nullable: false),
                    SpeciallyDisabled = table.Column<long>(type: "INTEGER", nullable: false),
                    WorkingStudent = table.Column<long>(type: "INTEGER", nullable: false),
                    Widow = table.Column<long>(type: "INTEGER", nullable: false),
                    SingleParent = table.Column<long>(type: "INTEGER", nullable: false),
                    HighCostBasicDeduction = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncomeDeductions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IncomeDeterminations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxYear = table.Column<int>(type: "INTEGER", nullable: false),
                    IncomeYear = table.Column<int>(type: "INTEGER", nullable: false),
                    BaseDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Column = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Criterion = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FundingShare = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HighCostCategory = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Income = table.Column<long>(type: "INTEGER", nullable: true),
                    Limit = table.Column<long>(type: "INTEGER", nullable: true),
                    Dependants = table.Column<int>(type: "INTEGER", nullable: true),
                    TaxRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Steps = table.Column<string>(type: "TEXT", nullable: false),
                    DeterminedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DeterminedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncomeDeterminations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncomeDeterminations_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IncomeDeterminations_TaxRecords_TaxRecordId",
                        column: x => x.TaxRecordId,
                        principalTable: "TaxRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncomeLimits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Column = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ZeroDependants = table.Column<long>(type: "INTEGER", nullable: false),
                    OneDependant = table.Column<long>(type: "INTEGER", nullable: false),
                    TwoDependants = table.Column<long>(type: "INTEGER", nullable: false),
                    ThreeDependants = table.Column<long>(type: "INTEGER", nullable: false),
                    EachAdditionalDependant = table.Column<long>(type: "INTEGER", nullable: false),
                    ElderlyAddOn = table.Column<long>(type: "INTEGER", nullable: false),
                    ElderlySpouseCounts = table.Column<bool>(type: "INTEGER", nullable: false),
                    SpecifiedAddOn = table.Column<long>(type: "INTEGER", nullable: false),
                    OneElderlyLeftOutWhenAllElderly = table.Column<bool>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncomeLimits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SalaryDeductionBands",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReceiptsFrom = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceiptsTo = table.Column<long>(type: "INTEGER", nullable: true),
                    RoundingUnit = table.Column<long>(type: "INTEGER", nullable: false),
                    RatePercent = table.Column<int>(type: "INTEGER", nullable: false),
                    Addend = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SalaryDeductionBands", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HighCostIncomeBrackets_Category_ValidFrom",
                table: "HighCostIncomeBrackets",
                columns: new[] { "Category", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_HighCostLimits_Category_Kind_ValidFrom",
                table: "HighCostLimits",
                columns: new[] { "Category", "Kind", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_IncomeDeductions_ValidFrom",
                table: "IncomeDeductions",
                column: "ValidFrom");

            migrationBuilder.CreateIndex(
                name: "IX_IncomeDeterminations_PersonId_TaxYear_DeterminedAt",
                table: "IncomeDeterminations",
                columns: new[] { "PersonId", "TaxYear", "DeterminedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_IncomeDeterminations_TaxRecordId",
                table: "IncomeDeterminations",
                column: "TaxRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_IncomeLimits_Column_ValidFrom",
                table: "IncomeLimits",
                columns: new[] { "Column", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_SalaryDeductionBands_ValidFrom_ReceiptsFrom",
                table: "SalaryDeductionBands",
                columns: new[] { "ValidFrom", "ReceiptsFrom" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HighCostIncomeBrackets");

            migrationBuilder.DropTable(
                name: "HighCostLimits");

            migrationBuilder.DropTable(
                name: "IncomeDeductions");

            migrationBuilder.DropTable(
                name: "IncomeDeterminations");

            migrationBuilder.DropTable(
                name: "IncomeLimits");

            migrationBuilder.DropTable(
                name: "SalaryDeductionBands");
        }
    }
}
