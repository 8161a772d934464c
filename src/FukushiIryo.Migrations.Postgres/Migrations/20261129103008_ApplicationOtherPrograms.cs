using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ApplicationOtherPrograms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OtherPrograms",
                table: "Applications",
                type: "character varying(410)",
                maxLength: 410,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherPrograms",
                table: "ApplicationChildren",
                type: "character varying(410)",
                maxLength: 410,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OtherPrograms",
                table: "Applications");

            migrationBuilder.DropColumn(
                name: "OtherPrograms",
                table: "ApplicationChildren");
        }
    }
}
