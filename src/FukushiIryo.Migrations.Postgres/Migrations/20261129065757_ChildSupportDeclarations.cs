using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ChildSupportDeclarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ChildSupportDeclarations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    TaxYear = table.Column<int>(type: "integer", nullable: false),
                    ReceivedByChild = table.Column<long>(type: "bigint", nullable: false),
                    ReceivedByRecipient = table.Column<long>(type: "bigint", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildSupportDeclarations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildSupportDeclarations_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChildSupportDeclarations_PersonId_TaxYear",
                table: "ChildSupportDeclarations",
                columns: new[] { "PersonId", "TaxYear" });

            migrationBuilder.CreateIndex(
                name: "IX_ChildSupportDeclarations_PersonId_TaxYear_Current",
                table: "ChildSupportDeclarations",
                columns: new[] { "PersonId", "TaxYear" },
                unique: true,
                filter: "\"SupersededAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ChildSupportDeclarations");
        }
    }
}
