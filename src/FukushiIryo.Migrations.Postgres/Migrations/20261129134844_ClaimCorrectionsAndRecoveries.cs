using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ClaimCorrectionsAndRecoveries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClaimCorrections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MedicalClaimId = table.Column<long>(type: "bigint", nullable: false),
                    PreviousCorrectionId = table.Column<long>(type: "bigint", nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SourceLine = table.Column<long>(type: "bigint", nullable: true),
                    SourceFileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Points = table.Column<long>(type: "bigint", nullable: true),
                    PatientShare = table.Column<long>(type: "bigint", nullable: true),
                    HighCostRefund = table.Column<long>(type: "bigint", nullable: true),
                    ExtraBenefit = table.Column<long>(type: "bigint", nullable: true),
                    OtherPublicAmount = table.Column<long>(type: "bigint", nullable: true),
                    PreviousSubsidy = table.Column<long>(type: "bigint", nullable: false),
                    NewSubsidy = table.Column<long>(type: "bigint", nullable: false),
                    Copayment = table.Column<long>(type: "bigint", nullable: false),
                    Difference = table.Column<long>(type: "bigint", nullable: false),
                    StepsJson = table.Column<string>(type: "text", nullable: false),
                    PaymentAdjustmentId = table.Column<long>(type: "bigint", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimCorrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClaimCorrections_ClaimCorrections_PreviousCorrectionId",
                        column: x => x.PreviousCorrectionId,
                        principalTable: "ClaimCorrections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClaimCorrections_MedicalClaims_MedicalClaimId",
                        column: x => x.MedicalClaimId,
                        principalTable: "MedicalClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClaimCorrections_PaymentAdjustments_PaymentAdjustmentId",
                        column: x => x.PaymentAdjustmentId,
                        principalTable: "PaymentAdjustments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Recoveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PayeeRecipientId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WrittenOffAmount = table.Column<long>(type: "bigint", nullable: false),
                    WriteOffReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WrittenOffBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    WrittenOffAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recoveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recoveries_Recipients_PayeeRecipientId",
                        column: x => x.PayeeRecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecoveryItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecoveryId = table.Column<long>(type: "bigint", nullable: false),
                    PaymentAdjustmentId = table.Column<long>(type: "bigint", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecoveryItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecoveryItems_PaymentAdjustments_PaymentAdjustmentId",
                        column: x => x.PaymentAdjustmentId,
                        principalTable: "PaymentAdjustments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecoveryItems_Recoveries_RecoveryId",
                        column: x => x.RecoveryId,
                        principalTable: "Recoveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecoveryReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecoveryId = table.Column<long>(type: "bigint", nullable: false),
                    SentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NewDueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Outstanding = table.Column<long>(type: "bigint", nullable: false),
                    SentBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecoveryReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecoveryReminders_Recoveries_RecoveryId",
                        column: x => x.RecoveryId,
                        principalTable: "Recoveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RecoveryRepayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecoveryId = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecoveryRepayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecoveryRepayments_Recoveries_RecoveryId",
                        column: x => x.RecoveryId,
                        principalTable: "Recoveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClaimCorrections_MedicalClaimId",
                table: "ClaimCorrections",
                column: "MedicalClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimCorrections_PaymentAdjustmentId",
                table: "ClaimCorrections",
                column: "PaymentAdjustmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimCorrections_PreviousCorrectionId",
                table: "ClaimCorrections",
                column: "PreviousCorrectionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_Number",
                table: "Recoveries",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_PayeeRecipientId",
                table: "Recoveries",
                column: "PayeeRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_Recoveries_Status_DueDate",
                table: "Recoveries",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryItems_PaymentAdjustmentId",
                table: "RecoveryItems",
                column: "PaymentAdjustmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryItems_RecoveryId",
                table: "RecoveryItems",
                column: "RecoveryId");

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryReminders_RecoveryId",
                table: "RecoveryReminders",
                column: "RecoveryId");

            migrationBuilder.CreateIndex(
                name: "IX_RecoveryRepayments_RecoveryId",
                table: "RecoveryRepayments",
                column: "RecoveryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClaimCorrections");

            migrationBuilder.DropTable(
                name: "RecoveryItems");

            migrationBuilder.DropTable(
                name: "RecoveryReminders");

            migrationBuilder.DropTable(
                name: "RecoveryRepayments");

            migrationBuilder.DropTable(
                name: "Recoveries");
        }
    }
}
