using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DropPaymentLinesClaimForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PaymentLines_MedicalClaims_MedicalClaimId",
                table: "PaymentLines");

            migrationBuilder.DropIndex(
                name: "IX_PaymentLines_MedicalClaimId",
                table: "PaymentLines");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_PaymentLines_MedicalClaimId",
                table: "PaymentLines",
                column: "MedicalClaimId");

            migrationBuilder.AddForeignKey(
                name: "FK_PaymentLines_MedicalClaims_MedicalClaimId",
                table: "PaymentLines",
                column: "MedicalClaimId",
                principalTable: "MedicalClaims",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
