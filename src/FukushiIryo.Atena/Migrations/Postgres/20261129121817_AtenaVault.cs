using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FukushiIryo.Atena.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AtenaVault : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MyNumberLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtenaNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Sealed = table.Column<byte[]>(type: "bytea", maxLength: 64, nullable: false),
                    LookupHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    KeyVersion = table.Column<int>(type: "integer", nullable: false),
                    LinkedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LinkedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SupersededAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SupersededBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MyNumberLinks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MyNumberLinks_AtenaNumber",
                table: "MyNumberLinks",
                column: "AtenaNumber",
                unique: true,
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MyNumberLinks_Current_LookupHash",
                table: "MyNumberLinks",
                column: "LookupHash",
                unique: true,
                filter: "\"SupersededAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_MyNumberLinks_KeyVersion",
                table: "MyNumberLinks",
                column: "KeyVersion");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MyNumberLinks");
        }
    }
}
