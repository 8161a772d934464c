using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Atena.Migrations.Sqlite
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtenaNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Sealed = table.Column<byte[]>(type: "BLOB", maxLength: 64, nullable: false),
                    LookupHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    KeyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LinkedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SupersededAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SupersededBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
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
