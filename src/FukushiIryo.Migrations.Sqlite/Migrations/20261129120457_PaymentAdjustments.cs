using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaymentAdjustments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AdjustmentCount",
                table: "PaymentRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "AdjustmentTotal",
                table: "PaymentRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "AdjustmentAmount",
                table: "PaymentPayees",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "PaymentAdjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PayeeRecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    RecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    MedicalClaimId = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StatusChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentAdjustments_MedicalClaims_MedicalClaimId",
                        column: x => x.MedicalClaimId,
                        principalTable: "MedicalClaims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PaymentAdjustmentLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    Preparation = table.Column<int>(type: "INTEGER", nullable: false),
                    PaymentAdjustmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    PayeeRecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Applied = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentAdjustmentLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentAdjustmentLines_PaymentAdjustments_PaymentAdjustmentId",
                        column: x => x.PaymentAdjustmentId,
                        principalTable: "PaymentAdjustments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaymentAdjustmentLines_PaymentRuns_PaymentRunId",
                        column: x => x.PaymentRunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SettledAdjustments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PaymentAdjustmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentRunId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentAdjustmentLineId = table.Column<long>(type: "INTEGER", nullable: false),
                    Applied = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettledAdjustments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettledAdjustments_PaymentAdjustmentLines_PaymentAdjustmentLineId",
                        column: x => x.PaymentAdjustmentLineId,
                        principalTable: "PaymentAdjustmentLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettledAdjustments_PaymentAdjustments_PaymentAdjustmentId",
                        column: x => x.PaymentAdjustmentId,
                        principalTable: "PaymentAdjustments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettledAdjustments_PaymentRuns_PaymentRunId",
                        column: x => x.PaymentRunId,
                        principalTable: "PaymentRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAdjustmentLines_PaymentAdjustmentId",
                table: "PaymentAdjustmentLines",
                column: "PaymentAdjustmentId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAdjustmentLines_PaymentRunId_Preparation_PaymentAdjustmentId",
                table: "PaymentAdjustmentLines",
                columns: new[] { "PaymentRunId", "Preparation", "PaymentAdjustmentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAdjustments_MedicalClaimId",
                table: "PaymentAdjustments",
                column: "MedicalClaimId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAdjustments_PayeeRecipientId",
                table: "PaymentAdjustments",
                column: "PayeeRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAdjustments_SourceType_SourceId",
                table: "PaymentAdjustments",
                columns: new[] { "SourceType", "SourceId" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAdjustments_Status_PayeeRecipientId",
                table: "PaymentAdjustments",
                columns: new[] { "Status", "PayeeRecipientId" });

            migrationBuilder.CreateIndex(
                name: "IX_SettledAdjustments_PaymentAdjustmentId_PaymentRunId",
                table: "SettledAdjustments",
                columns: new[] { "PaymentAdjustmentId", "PaymentRunId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SettledAdjustments_PaymentAdjustmentLineId",
                table: "SettledAdjustments",
                column: "PaymentAdjustmentLineId");

            migrationBuilder.CreateIndex(
                name: "IX_SettledAdjustments_PaymentRunId",
                table: "SettledAdjustments",
                column: "PaymentRunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SettledAdjustments");

            migrationBuilder.DropTable(
                name: "PaymentAdjustmentLines");

            migrationBuilder.DropTable(
                name: "PaymentAdjustments");

            migrationBuilder.DropColumn(
                name: "AdjustmentCount",
                table: "PaymentRuns");

            migrationBuilder.DropColumn(
                name: "AdjustmentTotal",
                table: "PaymentRuns");

            migrationBuilder.DropColumn(
                name: "AdjustmentAmount",
                table: "PaymentPayees");
        }
    }
}
