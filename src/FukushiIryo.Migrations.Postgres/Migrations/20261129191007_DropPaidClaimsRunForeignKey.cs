using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DropPaidClaimsRunForeignKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_PaidClaims_PaymentRuns_PaymentRunId",
                table: "PaidClaims");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddForeignKey(
                name: "FK_PaidClaims_PaymentRuns_PaymentRunId",
                table: "PaidClaims",
                column: "PaymentRunId",
                principalTable: "PaymentRuns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
