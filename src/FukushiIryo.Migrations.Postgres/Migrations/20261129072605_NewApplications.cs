using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NewApplications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Applications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReceptionNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReceptionYear = table.Column<int>(type: "integer", nullable: false),
                    ReceptionSerial = table.Column<int>(type: "integer", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ApplicationKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ApplicationReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ApplicantPersonId = table.Column<long>(type: "bigint", nullable: false),
                    ApplicantRole = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SingleParentReason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReasonArisenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    FixedTermEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicAssistance = table.Column<bool>(type: "boolean", nullable: false),
                    InsuranceKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    InsurerNumber = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CardSymbol = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CardNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BankCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    BankName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    BranchCode = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BranchName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AccountType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AccountNumber = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    AccountHolderKana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PhoneNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Findings = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Applications_Persons_ApplicantPersonId",
                        column: x => x.ApplicantPersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NumberSequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    LastValue = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberSequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ApplicationChildren",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<long>(type: "bigint", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    Insured = table.Column<bool>(type: "boolean", nullable: false),
                    RemoteArea = table.Column<bool>(type: "boolean", nullable: false),
                    SeparateCustody = table.Column<bool>(type: "boolean", nullable: false),
                    InChildWelfareFacility = table.Column<bool>(type: "boolean", nullable: false),
                    RecipientId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicationChildren", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicationChildren_Applications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "Applications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationChildren_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ApplicationChildren_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationChildren_ApplicationId_Position",
                table: "ApplicationChildren",
                columns: new[] { "ApplicationId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationChildren_PersonId",
                table: "ApplicationChildren",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ApplicationChildren_RecipientId",
                table: "ApplicationChildren",
                column: "RecipientId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ApplicantPersonId",
                table: "Applications",
                column: "ApplicantPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_AppliedOn",
                table: "Applications",
                column: "AppliedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ReceptionNumber",
                table: "Applications",
                column: "ReceptionNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_ReceptionYear_ReceptionSerial",
                table: "Applications",
                columns: new[] { "ReceptionYear", "ReceptionSerial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Applications_Status_AppliedOn",
                table: "Applications",
                columns: new[] { "Status", "AppliedOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicationChildren");

            migrationBuilder.DropTable(
                name: "NumberSequences");

            migrationBuilder.DropTable(
                name: "Applications");
        }
    }
}
