using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EligibilityMasters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LossRules",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Cause = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LossRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgramPrecedences",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Program = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Effect = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LawNumber = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgramPrecedences", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LossRules_Cause_ValidFrom",
                table: "LossRules",
                columns: new[] { "Cause", "ValidFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgramPrecedences_Program_ValidFrom",
                table: "ProgramPrecedences",
                columns: new[] { "Program", "ValidFrom" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LossRules");

            migrationBuilder.DropTable(
                name: "ProgramPrecedences");
        }
    }
}
