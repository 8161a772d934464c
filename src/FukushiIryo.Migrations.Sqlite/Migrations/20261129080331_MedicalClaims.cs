using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MedicalClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MedicalClaims",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ImportedFileId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceLine = table.Column<long>(type: "INTEGER", nullable: false),
                    Clearinghouse = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ProcessingMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    PrefectureCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    ProviderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Schedule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Inpatient = table.Column<bool>(type: "INTEGER", nullable: false),
                    InsurerShareRate = table.Column<int>(type: "INTEGER", nullable: true),
                    DaysOfCare = table.Column<int>(type: "INTEGER", nullable: true),
                    Points = table.Column<long>(type: "INTEGER", nullable: true),
                    MedicalCost = table.Column<long>(type: "INTEGER", nullable: true),
                    PatientShare = table.Column<long>(type: "INTEGER", nullable: true),
                    MealAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    HighCostRefund = table.Column<long>(type: "INTEGER", nullable: true),
                    ExtraBenefit = table.Column<long>(type: "INTEGER", nullable: true),
                    OtherPublicAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    OtherPayerNumbers = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LongTerm = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisasterMutualAid = table.Column<bool>(type: "INTEGER", nullable: false),
                    PayerNumber = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    RecipientNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    InsurerNumber = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    CardSymbol = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CardNumber = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    KanaName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecipientId = table.Column<long>(type: "INTEGER", nullable: true),
                    SuggestedRecipientId = table.Column<long>(type: "INTEGER", nullable: true),
                    MatchStatus = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MatchReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Warnings = table.Column<string>(type: "TEXT", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SubsidyAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    RawRecords = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MedicalClaims", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MedicalClaims_ImportedFileId",
                table: "MedicalClaims",
                column: "ImportedFileId");

            migrationBuilder.CreateIndex(
                name: "IX_MedicalClaims_ProcessingMonth_MatchStatus",
                table: "MedicalClaims",
                columns: new[] { "ProcessingMonth", "MatchStatus" });

            migrationBuilder.CreateIndex(
                name: "IX_MedicalClaims_RecipientId_ServiceMonth",
                table: "MedicalClaims",
                columns: new[] { "RecipientId", "ServiceMonth" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MedicalClaims");
        }
    }
}
