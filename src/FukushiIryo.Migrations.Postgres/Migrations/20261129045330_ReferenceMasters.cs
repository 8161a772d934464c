using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BankCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    BranchCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Kana = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Edition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BankBranches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Banks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BankCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    Kana = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Edition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Banks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LargeOfficePostalCodes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostalCode = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    MunicipalityCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    OfficeName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OfficeNameKana = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Prefecture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Town = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StreetAddress = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PostOffice = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    IsPostOfficeBox = table.Column<bool>(type: "boolean", nullable: false),
                    HasSeveralCodes = table.Column<bool>(type: "boolean", nullable: false),
                    Edition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LargeOfficePostalCodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PostalAddresses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostalCode = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    MunicipalityCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: false),
                    Prefecture = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    City = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Town = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    PrefectureKana = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CityKana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TownKana = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    IsPartOfTown = table.Column<bool>(type: "boolean", nullable: false),
                    IsKoazaNumbered = table.Column<bool>(type: "boolean", nullable: false),
                    HasChome = table.Column<bool>(type: "boolean", nullable: false),
                    CoversSeveralTowns = table.Column<bool>(type: "boolean", nullable: false),
                    Edition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RemovedInEdition = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PostalAddresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReferenceEditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LoadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LoadedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    Removed = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false)
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
