#!/usr/bin/env bash
# Benchmark: the decide step of the August renewal (年度切替更新, ADR 0019) on a throwaway PostgreSQL
# cluster, PDFs excluded. Seeds demo households as of 2027-07-20 (about 2.5 recipients each; the
# default 40,000 households give about 100,000 recipients), lists every household of the 2027 renewal
# with its form returned (every 20th household without: it waits for the grace period), then times
# `fukushi renew august --year 2027 --step decide` (決裁 with password and TOTP): every returned
# household gets its 所得判定 for 課税年度 2027 and new rows from 2027-08-01, in transactions
# of 200 households. Prints wall time and peak RSS of the decide process, and the counts it printed.
# Ends with one machine-readable line per measured step (for bench/scale.sh):
#   RESULT renew.decide db=postgres wall_s=… cpu_s=… peak_rss_mb=… items=<recipients> households=… items_per_s=… load=…
# (and RESULT renew.decide.baseline … with FUKUSHI_BASELINE). FUKUSHI_PHASE_TIMES=1 makes the decide
# step print its per-phase Stopwatch and CPU sums (PHASE renewal.decide.* lines, standard error).
# Not a test: it asserts nothing. Usage: [FUKUSHI_BASELINE=other/fukushi.dll] bench/renew-august.sh [HOUSEHOLDS]. Needs PostgreSQL 15
# binaries (/usr/lib/postgresql/*/bin), /usr/bin/time and python3; as root it runs PostgreSQL as `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-40000}
work=$(mktemp -d /tmp/fukushi-bench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

if [ -z "${BENCH_NO_BUILD:-}" ]; then dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null; fi
# A copy of the build, so that a build in the worktree while the benchmark runs does not change it.
cp -r src/FukushiIryo.Cli/bin/Release/net10.0 "$work/cli"
fukushi="dotnet $work/cli/fukushi.dll"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c log_min_duration_statement=${BENCH_SLOW_MS:-200}" -l "$work/pg.log" -w start >/dev/null
psql() { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql -c "CREATE DATABASE bench" >/dev/null
export FUKUSHI_DB="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench" FUKUSHI_AUDIT_ANCHORS=$work/anchors.log

password="steady rivers of autumn light"
$fukushi db migrate --skip-reference-data >/dev/null
echo "$password" | $fukushi users add --login bench --name "計測 太郎" --staff-no 1 --roles システム管理 --password-stdin >/dev/null
echo "$password" | $fukushi users add --login kessai --name "決裁 花子" --staff-no 2 --roles 決裁 --password-stdin --user bench >/dev/null
secret=$($fukushi users totp-enroll --login kessai --user bench | head -1 | sed -E 's/.*[?&]secret=([A-Z2-7]+).*/\1/')

start=$(date +%s)
$fukushi demo seed --households "$households" --seed 1 --as-of 2027-07-20 --user bench >/dev/null
echo "demo seed of $households households: $(( $(date +%s) - start )) s"

# The households of the 2027 renewal as the forms step lists them (heads of recipients eligible on
# 2027-07-31), returned on 2027-07-10 except every 20th; no PDF is rendered.
psql -d bench <<'SQL'
INSERT INTO "RenewalRuns" ("Kind", "Year", "CreatedAt", "CreatedBy") VALUES ('August', 2027, now(), 'bench');
INSERT INTO "RenewalItems" ("RunId", "HeadRecipientId", "HeadRecipientNumber", "State", "FormSentAt", "ReturnedOn", "ReturnedAt", "ReturnedBy", "Certificates", "Losses")
SELECT run."Id", head."Id", head."RecipientNumber",
       CASE WHEN head."Id" % 20 = 0 THEN 'FormSent' ELSE 'Returned' END, now(),
       CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE DATE '2027-07-10' END,
       CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE now() END,
       CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE 'bench' END, 0, 0
FROM "RenewalRuns" run
JOIN (SELECT DISTINCT CASE WHEN r."Kind" IN ('Child', 'Orphan') THEN COALESCE(r."ParentRecipientId", r."Id") ELSE r."Id" END AS "HeadId"
      FROM "Recipients" r
      JOIN "EligibilityRecords" e ON e."RecipientId" = r."Id"
      WHERE e."SupersededAt" IS NULL AND e."Status" = 'Active'
        AND e."ValidFrom" <= DATE '2027-07-31' AND (e."ValidTo" IS NULL OR e."ValidTo" > DATE '2027-07-31')) heads ON true
JOIN "Recipients" head ON head."Id" = heads."HeadId"
WHERE run."Kind" = 'August' AND run."Year" = 2027;
SQL
recipients=$(psql -d bench -c 'SELECT count(*) FROM "Recipients"')
items=$(psql -d bench -c 'SELECT count(*) FROM "RenewalItems"')
echo "recipients: $recipients, households listed: $items"

totp() { python3 - "$secret" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
}

# One RESULT line: step, wall seconds, peak RSS in KB, user and system CPU seconds of the process.
result() {
  python3 - "$@" "$recipients" "$items" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
step, wall, kb, user, system, recipients, households, load = sys.argv[1:]
wall, cpu = float(wall), float(user) + float(system)
print(f"RESULT {step} db=postgres wall_s={wall:.2f} cpu_s={cpu:.2f} peak_rss_mb={int(kb) // 1024} items={recipients} "
      f"households={households} items_per_s={int(recipients) / wall if wall > 0 else 0:.1f} load={load}")
PY
}

# FUKUSHI_BASELINE=<another build's fukushi.dll>: that build decides a copy of the same data first
# (the columns and migration the baseline does not know are dropped from the copy).
if [ -n "${FUKUSHI_BASELINE:-}" ]; then
  psql -d postgres -c "CREATE DATABASE base TEMPLATE bench" >/dev/null
  psql -d base -c 'ALTER TABLE "RenewalItems" DROP COLUMN IF EXISTS "CertificatesPrintedAt", DROP COLUMN IF EXISTS "NoticePrintedAt"' \
       -c "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" LIKE '%RenewalPrintMarks'" >/dev/null
  echo "$password" | FUKUSHI_DB="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=base" /usr/bin/time -o "$work/time-base" -f "%e %M %U %S" \
    dotnet "$FUKUSHI_BASELINE" renew august --year 2027 --step decide --password-stdin --totp "$(totp)" --user kessai > "$work/decide-base.txt"
  read -r seconds kilobytes user system < "$work/time-base"
  cat "$work/decide-base.txt"
  printf 'BASELINE renew august --step decide: %s s wall, %s MB peak RSS, CPU %s s user + %s s system\n' "$seconds" "$(( kilobytes / 1024 ))" "$user" "$system"
  base_result=$(result renew.decide.baseline "$seconds" "$kilobytes" "$user" "$system")
fi

echo "$password" | /usr/bin/time -o "$work/time" -f "%e %M %U %S" \
  $fukushi renew august --year 2027 --step decide --password-stdin --totp "$(totp)" --user kessai > "$work/decide.txt"
read -r seconds kilobytes user system < "$work/time"
cat "$work/decide.txt"
printf 'renew august --step decide (%s recipients, %s households): %s s wall, %s MB peak RSS, CPU %s s user + %s s system\n' "$recipients" "$items" "$seconds" "$(( kilobytes / 1024 ))" "$user" "$system"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
decide_result=$(result renew.decide "$seconds" "$kilobytes" "$user" "$system")
slow=$(grep -c 'duration:' "$work/pg.log" || true)
echo "statements PostgreSQL logged as slower than ${BENCH_SLOW_MS:-200} ms (whole run, seed included): $slow"
grep -o 'duration: [0-9.]* ms  statement: .\{0,160\}' "$work/pg.log" | sort -t' ' -k2 -rn | head -5 || true
[ -n "${base_result:-}" ] && echo "$base_result"
echo "$decide_result"
