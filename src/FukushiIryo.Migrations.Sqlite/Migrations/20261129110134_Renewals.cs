using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Renewals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RenewalRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FormsRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecideRunAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecideRunBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenewalRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RenewalItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadRecipientId = table.Column<long>(type: "INTEGER", nullable: false),
                    HeadRecipientNumber = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FormSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Certificates = table.Column<int>(type: "INTEGER", nullable: false),
                    Losses = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RenewalItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RenewalItems_Recipients_HeadRecipientId",
                        column: x => x.HeadRecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RenewalItems_RenewalRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "RenewalRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RenewalItems_HeadRecipientId",
                table: "RenewalItems",
                column: "HeadRecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_RenewalItems_RunId_HeadRecipientId",
                table: "RenewalItems",
                columns: new[] { "RunId", "HeadRecipientId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RenewalItems_RunId_State",
                table: "RenewalItems",
                columns: new[] { "RunId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_RenewalRuns_Kind_Year",
                table: "RenewalRuns",
                columns: new[] { "Kind", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RenewalItems");

            migrationBuilder.DropTable(
                name: "RenewalRuns");
        }
    }
}
