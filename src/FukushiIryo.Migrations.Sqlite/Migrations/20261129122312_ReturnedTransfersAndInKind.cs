using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReturnedTransfersAndInKind : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InKindInvoices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProcessingMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    Clearinghouse = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    InvoiceCount = table.Column<int>(type: "INTEGER", nullable: false),
                    InvoiceAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    OurCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OurAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    NotAcceptedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FeePerClaim = table.Column<long>(type: "INTEGER", nullable: false),
                    FeeAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    DifferencesJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PayDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InKindInvoices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReturnedTransfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    ProcessingMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    PayDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PaymentPayeeId = table.Column<long>(type: "INTEGER", nullable: false),
                    PayeeRecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecipientNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BankCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    BranchCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileLine = table.Column<long>(type: "INTEGER", nullable: true),
                    PaymentAdjustmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReleasedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReleasedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReturnedTransfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReturnedTransfers_PaymentAdjustments_PaymentAdjustmentId",
                        column: x => x.PaymentAdjustmentId,
                        principalTable: "PaymentAdjustments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnedTransfers_PaymentPayees_PaymentPayeeId",
                        column: x => x.PaymentPayeeId,
                        principalTable: "PaymentPayees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReturnedTransfers_PaymentRuns_PaymentRunId",
                        column: x => x.PaymentRunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InKindInvoices_ProcessingMonth_Clearinghouse",
                table: "InKindInvoices",
                columns: new[] { "ProcessingMonth", "Clearinghouse" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReturnedTransfers_PayeeRecipientId",
                table: "ReturnedTransfers",
                column: "PayeeRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnedTransfers_PaymentAdjustmentId",
                table: "ReturnedTransfers",
                column: "PaymentAdjustmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnedTransfers_PaymentPayeeId",
                table: "ReturnedTransfers",
                column: "PaymentPayeeId");

            migrationBuilder.CreateIndex(
                name: "IX_ReturnedTransfers_PaymentRunId_PayeeRecipientId",
                table: "ReturnedTransfers",
                columns: new[] { "PaymentRunId", "PayeeRecipientId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InKindInvoices");

            migrationBuilder.DropTable(
                name: "ReturnedTransfers");
        }
    }
}
