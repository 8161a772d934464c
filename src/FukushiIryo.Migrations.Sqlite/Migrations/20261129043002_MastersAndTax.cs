using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MastersAndTax : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AgeBrackets",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ForChildren = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartsAfterFiscalYearOfAge = table.Column<int>(type: "INTEGER", nullable: true),
                    EndsWithFiscalYearOfAge = table.Column<int>(type: "INTEGER", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgeBrackets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "BankHolidays",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankHolidays", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PublicPayers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Program = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PayerNumber = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    BenefitMethod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FirstAgeBracket = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    LastAgeBracket = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    IsMigrated = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsDemo = table.Column<bool>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicPayers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TaxRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    TaxYear = table.Column<int>(type: "INTEGER", nullable: false),
                    IsUndeclared = table.Column<bool>(type: "INTEGER", nullable: false),
                    PensionReceipts = table.Column<long>(type: "INTEGER", nullable: true),
                    ChildSupportReceivedByChild = table.Column<long>(type: "INTEGER", nullable: true),
                    ChildSupportReceivedByRecipient = table.Column<long>(type: "INTEGER", nullable: true),
                    NonTaxablePensionReceipts = table.Column<long>(type: "INTEGER", nullable: true),
                    SalaryReceipts = table.Column<long>(type: "INTEGER", nullable: true),
                    OtherMiscellaneousIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    TotalTaxBase = table.Column<long>(type: "INTEGER", nullable: true),
                    FuturesIncomeAfterCarryforward = table.Column<long>(type: "INTEGER", nullable: true),
                    AggregateIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    AggregateIncomeWithSeparate = table.Column<long>(type: "INTEGER", nullable: true),
                    RetirementIncomeAfterCarryforward = table.Column<long>(type: "INTEGER", nullable: true),
                    CapitalGainsBeforeSpecialDeductionAfterCarryforward = table.Column<long>(type: "INTEGER", nullable: true),
                    BeefCattleIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    TreatyInterestDividendTotal = table.Column<long>(type: "INTEGER", nullable: true),
                    PensionIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    TotalIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    ForestryIncomeAfterCarryforward = table.Column<long>(type: "INTEGER", nullable: true),
                    SeparateLandBusinessIncomeAfterCarryforward = table.Column<long>(type: "INTEGER", nullable: true),
                    SeparateStockIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    TreatyInterestIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    TreatyDividendIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    SpecialProvisionDividendIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    SpecialProvisionInterestIncome = table.Column<long>(type: "INTEGER", nullable: true),
                    PublicLandAcquisitionDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    CasualtyLossCarryforwardDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxMedicalExpenseDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxDonationDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxCasualtyLossDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxSocialInsuranceDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxSmallBusinessMutualAidDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxLifeInsuranceDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxNonLifeInsuranceDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    ResidentTaxSpecialSpouseDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    IncomeTaxLifeInsuranceDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    IncomeTaxNonLifeInsuranceDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    IncomeTaxSpecialSpouseDeduction = table.Column<long>(type: "INTEGER", nullable: true),
                    SpouseDeductionKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DependantsOther = table.Column<int>(type: "INTEGER", nullable: true),
                    DependantsDisabled = table.Column<int>(type: "INTEGER", nullable: true),
                    DependantsSpeciallyDisabledCohabiting = table.Column<int>(type: "INTEGER", nullable: true),
                    DependantsElderlyCohabiting = table.Column<int>(type: "INTEGER", nullable: true),
                    DependantsSpecified = table.Column<int>(type: "INTEGER", nullable: true),
                    DependantsSpeciallyDisabled = table.Column<int>(type: "INTEGER", nullable: true),
                    DependantsElderly = table.Column<int>(type: "INTEGER", nullable: true),
                    YoungGeneralDependants = table.Column<int>(type: "INTEGER", nullable: true),
                    SupportedChildren = table.Column<int>(type: "INTEGER", nullable: true),
                    MinorDependants = table.Column<int>(type: "INTEGER", nullable: true),
                    ComputedAnnualTax = table.Column<long>(type: "INTEGER", nullable: true),
                    PerCapitaMunicipalTax = table.Column<long>(type: "INTEGER", nullable: true),
                    PerCapitaPrefecturalTax = table.Column<long>(type: "INTEGER", nullable: true),
                    NetIncomeLevyMunicipalTax = table.Column<long>(type: "INTEGER", nullable: true),
                    NetIncomeLevyPrefecturalTax = table.Column<long>(type: "INTEGER", nullable: true),
                    IncomeTax = table.Column<long>(type: "INTEGER", nullable: true),
                    TotalTaxRelief = table.Column<long>(type: "INTEGER", nullable: true),
                    EstimatedIncomeTax = table.Column<long>(type: "INTEGER", nullable: true),
                    IsWorkingStudent = table.Column<bool>(type: "INTEGER", nullable: true),
                    IsDisabled = table.Column<bool>(type: "INTEGER", nullable: true),
                    WidowKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    IsSpeciallyDisabled = table.Column<bool>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TaxRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TaxRecords_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgeBrackets_Code_ValidFrom",
                table: "AgeBrackets",
                columns: new[] { "Code", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_BankHolidays_ValidFrom",
                table: "BankHolidays",
                column: "ValidFrom");

            migrationBuilder.CreateIndex(
                name: "IX_PublicPayers_PayerNumber",
                table: "PublicPayers",
                column: "PayerNumber");

            migrationBuilder.CreateIndex(
                name: "IX_PublicPayers_Program_BenefitMethod_ValidFrom",
                table: "PublicPayers",
                columns: new[] { "Program", "BenefitMethod", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxRecords_PersonId_TaxYear",
                table: "TaxRecords",
                columns: new[] { "PersonId", "TaxYear" });

            migrationBuilder.CreateIndex(
                name: "IX_TaxRecords_PersonId_TaxYear_Current",
                table: "TaxRecords",
                columns: new[] { "PersonId", "TaxYear" },
                unique: true,
                filter: "\"SupersededAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgeBrackets");

            migrationBuilder.DropTable(
                name: "BankHolidays");

            migrationBuilder.DropTable(
                name: "PublicPayers");

            migrationBuilder.DropTable(
                name: "TaxRecords");
        }
    }
}
