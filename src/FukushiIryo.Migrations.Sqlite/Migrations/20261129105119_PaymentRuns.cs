using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaymentRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaymentRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessingMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    PayDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Preparation = table.Column<int>(type: "INTEGER", nullable: false),
                    PreparedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PreparedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ExportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ExportedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClaimCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PayeeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    HeldOutPayeeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOutAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    InKindClaimCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ZeroClaimCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PaymentLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Preparation = table.Column<int>(type: "INTEGER", nullable: false),
                    MedicalClaimId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    PayeeRecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimProcessingMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LongTerm = table.Column<bool>(type: "INTEGER", nullable: false),
                    TotalCost = table.Column<long>(type: "INTEGER", nullable: false),
                    SelfPay = table.Column<long>(type: "INTEGER", nullable: false),
                    SelfPayDerived = table.Column<bool>(type: "INTEGER", nullable: false),
                    LongTermReduction = table.Column<long>(type: "INTEGER", nullable: false),
                    HighCostRefund = table.Column<long>(type: "INTEGER", nullable: false),
                    HighCostEstimated = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExtraBenefit = table.Column<long>(type: "INTEGER", nullable: false),
                    ExtraBenefitEstimated = table.Column<bool>(type: "INTEGER", nullable: false),
                    OtherPublicAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    MealAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Target = table.Column<long>(type: "INTEGER", nullable: false),
                    Copayment = table.Column<long>(type: "INTEGER", nullable: false),
                    Subsidy = table.Column<long>(type: "INTEGER", nullable: false),
                    StepsJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentLines_MedicalClaims_MedicalClaimId",
                        column: x => x.MedicalClaimId,
                        principalTable: "MedicalClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentLines_PaymentRuns_PaymentRunId",
                        column: x => x.PaymentRunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentPayees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Preparation = table.Column<int>(type: "INTEGER", nullable: false),
                    PayeeRecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecipientNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AtenaNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BankCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    BranchCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    BranchName = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    AccountType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 7, nullable: true),
                    AccountHolderKana = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PayeeName = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ClaimCount = table.Column<int>(type: "INTEGER", nullable: false),
                    PreviousAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    HeldOut = table.Column<bool>(type: "INTEGER", nullable: false),
                    HeldOutReason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentPayees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentPayees_PaymentRuns_PaymentRunId",
                        column: x => x.PaymentRunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaidClaims",
                columns: table => new
                {
                    MedicalClaimId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentLineId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaidClaims", x => x.MedicalClaimId);
                    table.ForeignKey(
                        name: "FK_PaidClaims_MedicalClaims_MedicalClaimId",
                        column: x => x.MedicalClaimId,
                        principalTable: "MedicalClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaidClaims_PaymentLines_PaymentLineId",
                        column: x => x.PaymentLineId,
                        principalTable: "PaymentLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaidClaims_PaymentRuns_PaymentRunId",
                        column: x => x.PaymentRunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaidClaims_PaymentLineId",
                table: "PaidClaims",
                column: "PaymentLineId");

            migrationBuilder.CreateIndex(
                name: "IX_PaidClaims_PaymentRunId",
                table: "PaidClaims",
                column: "PaymentRunId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_MedicalClaimId",
                table: "PaymentLines",
                column: "MedicalClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_PaymentRunId_Preparation_MedicalClaimId",
                table: "PaymentLines",
                columns: new[] { "PaymentRunId", "Preparation", "MedicalClaimId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_RecipientId_ServiceMonth",
                table: "PaymentLines",
                columns: new[] { "RecipientId", "ServiceMonth" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentPayees_PaymentRunId_Preparation_PayeeRecipientId",
                table: "PaymentPayees",
                columns: new[] { "PaymentRunId", "Preparation", "PayeeRecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentRuns_ProcessingMonth",
                table: "PaymentRuns",
                column: "ProcessingMonth",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaidClaims");

            migrationBuilder.DropTable(
                name: "PaymentPayees");

            migrationBuilder.DropTable(
                name: "PaymentLines");

            migrationBuilder.DropTable(
                name: "PaymentRuns");
        }
    }
}
