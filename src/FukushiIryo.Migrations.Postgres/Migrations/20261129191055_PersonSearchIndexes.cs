using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FukushiIryo.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PersonSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // ---- Hand-written (ADR 0040, person search indexes); keep this block when regenerating. ----
            // 漢字 name part: the unigrams and bigrams of the name without its spaces (half-width and 全角), and a
            // GIN index on them over the current records; PersonSearch asks fukushi_name_grams("Name") @>
            // fukushi_name_grams(part) and keeps its Contains as the exact check (pg_trgm cannot index 1–2
            // characters, pg_bigm is not packaged). Characters are code points (UTF8 database).
            migrationBuilder.Sql("""
                CREATE FUNCTION fukushi_name_grams(name text) RETURNS text[]
                LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
                RETURN (
                  WITH compact(s) AS (SELECT replace(replace(name, ' ', ''), '　', ''))
                  SELECT coalesce(array_agg(DISTINCT g), '{}')
                  FROM compact, LATERAL (
                    SELECT substr(compact.s, i, 1) FROM generate_series(1, length(compact.s)) AS i
                    UNION ALL
                    SELECT substr(compact.s, i, 2) FROM generate_series(1, length(compact.s) - 1) AS i) AS grams(g));
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_PersonRecords_NameGrams" ON "PersonRecords" USING gin (fukushi_name_grams("Name"))
                WHERE "SupersededAt" IS NULL;
                """);

            // Kana prefix: LIKE 'x%' by an index whatever the database's collation (text_pattern_ops), covering
            // what the count of a large result needs (the record in force today) so that it is an index-only scan.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_PersonRecords_NameKanaKey_Current" ON "PersonRecords" ("NameKanaKey" text_pattern_ops)
                INCLUDE ("PersonId", "ValidFrom", "ValidTo") WHERE "SupersededAt" IS NULL;
                """);

            // 宛名番号 prefix: the unique index serves LIKE 'x%' only under the C collation; this one under any.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_Persons_AtenaNumber_Pattern" ON "Persons" ("AtenaNumber" text_pattern_ops);
                """);
            // ---- end of the hand-written block ----
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX "IX_Persons_AtenaNumber_Pattern";""");
            migrationBuilder.Sql("""DROP INDEX "IX_PersonRecords_NameKanaKey_Current";""");
            migrationBuilder.Sql("""DROP INDEX "IX_PersonRecords_NameGrams";""");
            migrationBuilder.Sql("DROP FUNCTION fukushi_name_grams(text);");
        }
    }
}
