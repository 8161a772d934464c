using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ImportedFileId = table.Column<long>(type: "bigint", nullable: false),
                    SourceLine = table.Column<long>(type: "bigint", nullable: false),
                    Clearinghouse = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ProcessingMonth = table.Column<int>(type: "integer", nullable: false),
                    ServiceMonth = table.Column<int>(type: "integer", nullable: false),
                    ProviderCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    PrefectureCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    ProviderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Schedule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Inpatient = table.Column<bool>(type: "boolean", nullable: false),
                    InsurerShareRate = table.Column<int>(type: "integer", nullable: true),
                    DaysOfCare = table.Column<int>(type: "integer", nullable: true),
                    Points = table.Column<long>(type: "bigint", nullable: true),
                    MedicalCost = table.Column<long>(type: "bigint", nullable: true),
                    PatientShare = table.Column<long>(type: "bigint", nullable: true),
                    MealAmount = table.Column<long>(type: "bigint", nullable: true),
                    HighCostRefund = table.Column<long>(type: "bigint", nullable: true),
                    ExtraBenefit = table.Column<long>(type: "bigint", nullable: true),
                    OtherPublicAmount = table.Column<long>(type: "bigint", nullable: true),
                    OtherPayerNumbers = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LongTerm = table.Column<bool>(type: "boolean", nullable: false),
                    DisasterMutualAid = table.Column<bool>(type: "boolean", nullable: false),
                    PayerNumber = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    RecipientNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    InsurerNumber = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    CardSymbol = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CardNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    KanaName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    RecipientId = table.Column<long>(type: "bigint", nullable: true),
                    SuggestedRecipientId = table.Column<long>(type: "bigint", nullable: true),
                    MatchStatus = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    MatchReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Warnings = table.Column<string>(type: "text", nullable: true),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: true),
                    SubsidyAmount = table.Column<long>(type: "bigint", nullable: true),
                    RawRecords = table.Column<string>(type: "text", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
