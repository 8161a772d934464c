using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReferenceMasters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BankBranches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BankCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    BranchCode = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Kana = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankBranches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Banks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BankCode = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    Kana = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Banks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LargeOfficePostalCodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    OfficeName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OfficeNameKana = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Prefecture = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Town = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StreetAddress = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PostOffice = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    IsPostOfficeBox = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasSeveralCodes = table.Column<bool>(type: "INTEGER", nullable: false),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LargeOfficePostalCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PostalAddresses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    MunicipalityCode = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    Prefecture = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Town = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PrefectureKana = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CityKana = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TownKana = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsPartOfTown = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsKoazaNumbered = table.Column<bool>(type: "INTEGER", nullable: false),
                    HasChome = table.Column<bool>(type: "INTEGER", nullable: false),
                    CoversSeveralTowns = table.Column<bool>(type: "INTEGER", nullable: false),
                    Edition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostalAddresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReferenceEditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LoadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LoadedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    Removed = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceEditions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BankBranches_BankCode_BranchCode",
                table: "BankBranches",
                columns: new[] { "BankCode", "BranchCode" });

            migrationBuilder.CreateIndex(
                name: "IX_BankBranches_BankCode_BranchCode_Current",
                table: "BankBranches",
                columns: new[] { "BankCode", "BranchCode" },
                unique: true,
                filter: "\"RemovedInEdition\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Banks_BankCode",
                table: "Banks",
                column: "BankCode");

            migrationBuilder.CreateIndex(
                name: "IX_Banks_BankCode_Current",
                table: "Banks",
                column: "BankCode",
                unique: true,
                filter: "\"RemovedInEdition\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LargeOfficePostalCodes_PostalCode",
                table: "LargeOfficePostalCodes",
                column: "PostalCode");

            migrationBuilder.CreateIndex(
                name: "IX_PostalAddresses_MunicipalityCode",
                table: "PostalAddresses",
                column: "MunicipalityCode");

            migrationBuilder.CreateIndex(
                name: "IX_PostalAddresses_PostalCode",
                table: "PostalAddresses",
                column: "PostalCode");

            migrationBuilder.CreateIndex(
                name: "IX_ReferenceEditions_Kind_Id",
                table: "ReferenceEditions",
                columns: new[] { "Kind", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BankBranches");

            migrationBuilder.DropTable(
                name: "Banks");

            migrationBuilder.DropTable(
                name: "LargeOfficePostalCodes");

            migrationBuilder.DropTable(
                name: "PostalAddresses");

            migrationBuilder.DropTable(
                name: "ReferenceEditions");
        }
    }
}
