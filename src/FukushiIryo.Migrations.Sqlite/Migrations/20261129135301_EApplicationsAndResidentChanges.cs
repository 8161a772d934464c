using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EApplicationsAndResidentChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EApplications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: true),
                    ApplicationId = table.Column<long>(type: "INTEGER", nullable: true),
                    PurgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PurgedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EApplications_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ResidentChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportedFileId = table.Column<long>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    BeforeRecordId = table.Column<long>(type: "INTEGER", nullable: true),
                    AfterRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    EventReason = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    EventDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    EffectiveDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidentChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ResidentChanges_ImportedFiles_ImportedFileId",
                        column: x => x.ImportedFileId,
                        principalTable: "ImportedFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResidentChanges_PersonRecords_AfterRecordId",
                        column: x => x.AfterRecordId,
                        principalTable: "PersonRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResidentChanges_PersonRecords_BeforeRecordId",
                        column: x => x.BeforeRecordId,
                        principalTable: "PersonRecords",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ResidentChanges_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EApplications_ApplicationId",
                table: "EApplications",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_EApplications_ExternalId",
                table: "EApplications",
                column: "ExternalId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EApplications_Status",
                table: "EApplications",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentChanges_AfterRecordId",
                table: "ResidentChanges",
                column: "AfterRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentChanges_BeforeRecordId",
                table: "ResidentChanges",
                column: "BeforeRecordId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentChanges_ImportedFileId_PersonId",
                table: "ResidentChanges",
                columns: new[] { "ImportedFileId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ResidentChanges_PersonId",
                table: "ResidentChanges",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EApplications");

            migrationBuilder.DropTable(
                name: "ResidentChanges");
        }
    }
}
