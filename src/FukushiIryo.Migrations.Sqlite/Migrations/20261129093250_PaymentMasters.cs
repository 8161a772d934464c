using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaymentMasters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClearinghouseFees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Clearinghouse = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FeePerClaim = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClearinghouseFees", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CopaymentRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Program = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecipientKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    BenefitMethod = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ClaimKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    ShortStayAmount = table.Column<long>(type: "INTEGER", nullable: true),
                    ShortStayDaysBelow = table.Column<int>(type: "INTEGER", nullable: true),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CopaymentRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InsurerExtraBenefits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    InsurerNumber = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    InsurerName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    MonthlyCap = table.Column<long>(type: "INTEGER", nullable: false),
                    RoundingUnit = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InsurerExtraBenefits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClearinghouseFees_Clearinghouse_ValidFrom",
                table: "ClearinghouseFees",
                columns: new[] { "Clearinghouse", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_CopaymentRules_Program_ClaimKind_ValidFrom",
                table: "CopaymentRules",
                columns: new[] { "Program", "ClaimKind", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_InsurerExtraBenefits_InsurerNumber_ValidFrom",
                table: "InsurerExtraBenefits",
                columns: new[] { "InsurerNumber", "ValidFrom" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClearinghouseFees");

            migrationBuilder.DropTable(
                name: "CopaymentRules");

            migrationBuilder.DropTable(
                name: "InsurerExtraBenefits");
        }
    }
}
