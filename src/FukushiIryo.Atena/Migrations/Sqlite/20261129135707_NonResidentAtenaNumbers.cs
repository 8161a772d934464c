using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Atena.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NonResidentAtenaNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IssuedAtenaNumbers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    AtenaNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Skipped = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedAtenaNumbers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedAtenaNumbers_AtenaNumber",
                table: "IssuedAtenaNumbers",
                column: "AtenaNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IssuedAtenaNumbers_Sequence",
                table: "IssuedAtenaNumbers",
                column: "Sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedAtenaNumbers");
        }
    }
}
