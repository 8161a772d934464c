#!/usr/bin/env bash
# Benchmark: the decide step of the August renewal (年度切替更新, ADR 0019) on a throwaway PostgreSQL
# cluster, PDFs excluded. Seeds demo households as of 2027-07-20 (about 2.5 recipients each; the
# default 40,000 households give about 100,000 recipients), lists every household of the 2027 renewal
# with its form returned (every 20th household without: it waits for the grace period), then times
# `fukushi renew august --year 2027 --step decide` (決裁 with password and TOTP): every returned
# household gets its 所得判定 for 課税年度 2027 and new rows from 2027-08-01, in transactions
# of 200 households. Prints wall time and peak RSS of the decide process, and the counts it printed.
# Both providers, each seeded the same (BENCH_DB=postgres or sqlite runs one only): a SQLite file
# and the PostgreSQL database. Ends with one machine-readable line per measured step and provider
# (for bench/scale.sh):
#   RESULT renew.decide db=sqlite|postgres wall_s=… cpu_s=… peak_rss_mb=… items=<recipients> households=… items_per_s=… load=…
# (and RESULT renew.decide.baseline … with FUKUSHI_BASELINE). FUKUSHI_PHASE_TIMES=1 makes the decide
# step print its per-phase Stopwatch and CPU sums (PHASE renewal.decide.* lines, standard error).
# BENCH_SLOW_MS=0 logs every PostgreSQL statement and prints the decide step's statements summed by
# shape (count, total and mean ms; literals and parameters folded).
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
pg_db="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"

password="steady rivers of autumn light"
totp() { python3 - "$secret" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
}

# The households of the 2027 renewal as the forms step lists them (heads of recipients eligible on
# 2027-07-31), returned on 2027-07-10 except every 20th; no PDF is rendered. $1: an instant literal,
# $2: what comes before a date's text (PostgreSQL "DATE ", SQLite nothing: dates are text there).
items_sql() {
  local now=$1 d=$2
  cat <<SQL
INSERT INTO "RenewalRuns" ("Kind", "Year", "CreatedAt", "CreatedBy") VALUES ('August', 2027, $now, 'bench');
INSERT INTO "RenewalItems" ("RunId", "HeadRecipientId", "HeadRecipientNumber", "State", "FormSentAt", "ReturnedOn", "ReturnedAt", "ReturnedBy", "Certificates", "Losses")
SELECT run."Id", head."Id", head."RecipientNumber",
       CASE WHEN head."Id" % 20 = 0 THEN 'FormSent' ELSE 'Returned' END, $now,
       CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE ${d}'2027-07-10' END,
       CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE $now END,
       CASE WHEN head."Id" % 20 = 0 THEN NULL ELSE 'bench' END, 0, 0
FROM "RenewalRuns" run
JOIN (SELECT DISTINCT CASE WHEN r."Kind" IN ('Child', 'Orphan') THEN COALESCE(r."ParentRecipientId", r."Id") ELSE r."Id" END AS "HeadId"
      FROM "Recipients" r
      JOIN "EligibilityRecords" e ON e."RecipientId" = r."Id"
      WHERE e."SupersededAt" IS NULL AND e."Status" = 'Active'
        AND e."ValidFrom" <= ${d}'2027-07-31' AND (e."ValidTo" IS NULL OR e."ValidTo" > ${d}'2027-07-31')) heads ON true
JOIN "Recipients" head ON head."Id" = heads."HeadId"
WHERE run."Kind" = 'August' AND run."Year" = 2027;
SQL
}

sqlite() { python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$@"; }

# One RESULT line: step, provider, wall seconds, peak RSS in KB, user and system CPU seconds of the process.
result() {
  python3 - "$@" "$recipients" "$items" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
step, db, wall, kb, user, system, recipients, households, load = sys.argv[1:]
wall, cpu = float(wall), float(user) + float(system)
print(f"RESULT {step} db={db} wall_s={wall:.2f} cpu_s={cpu:.2f} peak_rss_mb={int(kb) // 1024} items={recipients} "
      f"households={households} items_per_s={int(recipients) / wall if wall > 0 else 0:.1f} load={load}")
PY
}

decide() { # label provider database command... — times one decide step; prints its output, phases and RESULT line
  local label=$1 name=$2 database=$3; shift 3
  echo "$password" | FUKUSHI_DB=$database /usr/bin/time -o "$work/time" -f "%e %M %U %S" \
    "$@" renew august --year 2027 --step decide --password-stdin --totp "$(totp)" --user kessai > "$work/decide.txt" 2> "$work/decide.err" \
    || { echo "$name: $label decide step failed:"; cat "$work/decide.txt"; grep -v -E '^(PHASE|NOTE) ' "$work/decide.err" | head -20; return 0; }
  read -r seconds kilobytes user system < "$work/time"
  cat "$work/decide.txt"
  grep -E '^(PHASE|NOTE) ' "$work/decide.err" | sed 's/^/    /' || true
  printf '%s: %s renew august --step decide (%s recipients, %s households): %s s wall, %s MB peak RSS, CPU %s s user + %s s system, load %s\n' \
    "$name" "${label:-this build}" "$recipients" "$items" "$seconds" "$(( kilobytes / 1024 ))" "$user" "$system" "$(cut -d' ' -f1-3 /proc/loadavg)"
  results+=("$(result "renew.decide${label:+.$label}" "$name" "$seconds" "$kilobytes" "$user" "$system")")
}

# The decide step's PostgreSQL statements (the log from byte $1 on) summed by shape: numbers, strings
# and parameters folded, the first 110 characters kept; parse, bind and execute counted apart.
statement_shapes() {
  tail -c +"$(( $1 + 1 ))" "$work/pg.log" | python3 -c '
import re, sys, collections
sums = collections.defaultdict(lambda: [0, 0.0])
total = [0, 0.0]
for line in sys.stdin:
    m = re.search(r"duration: ([0-9.]+) ms  (statement|parse|bind|execute)( [^:]*)?: (.*)", line)
    if not m:
        continue
    ms, kind, text = float(m.group(1)), m.group(2), m.group(4)
    text = re.sub(r"\$\d+", "?", text)
    text = re.sub(r"\x27[^\x27]*\x27", "?", text)
    text = re.sub(r"\b\d+\b", "N", text)
    text = re.sub(r"(\?, )+\?", "?…", text)
    key = kind + " " + text[:110]
    sums[key][0] += 1
    sums[key][1] += ms
    total[0] += 1
    total[1] += ms
print(f"    all: {total[0]} logged statement phases, {total[1]:.0f} ms in PostgreSQL")
for key, (n, ms) in sorted(sums.items(), key=lambda kv: -kv[1][1])[:25]:
    print(f"    {n:7d} × {ms / n:7.2f} ms = {ms:8.0f} ms  {key}")
'
}

results=()
for name in sqlite postgres; do
  [ -z "${BENCH_DB:-}" ] || [ "$BENCH_DB" = "$name" ] || continue
  if [ "$name" = sqlite ]; then database="sqlite:$work/fukushi.db"; else database=$pg_db; fi
  export FUKUSHI_DB=$database FUKUSHI_AUDIT_ANCHORS=$work/anchors-$name.log
  $fukushi db migrate --skip-reference-data >/dev/null
  echo "$password" | $fukushi users add --login bench --name "計測 太郎" --staff-no 1 --roles システム管理 --password-stdin >/dev/null
  echo "$password" | $fukushi users add --login kessai --name "決裁 花子" --staff-no 2 --roles 決裁 --password-stdin --user bench >/dev/null
  secret=$($fukushi users totp-enroll --login kessai --user bench | head -1 | sed -E 's/.*[?&]secret=([A-Z2-7]+).*/\1/')
  start=$(date +%s)
  $fukushi demo seed --households "$households" --seed 1 --as-of 2027-07-20 --user bench >/dev/null
  echo "$name: demo seed of $households households: $(( $(date +%s) - start )) s"
  if [ "$name" = sqlite ]; then
    items_sql 0 "" | python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.stdin.read()); db.commit()' "$work/fukushi.db"
    recipients=$(sqlite "$work/fukushi.db" 'SELECT count(*) FROM "Recipients"')
    items=$(sqlite "$work/fukushi.db" 'SELECT count(*) FROM "RenewalItems"')
    cp "$work/fukushi.db" "$work/base.db"
    base_db="sqlite:$work/base.db"
  else
    items_sql "now()" "DATE " | psql -d bench
    psql -d bench -c 'VACUUM ANALYZE' >/dev/null
    recipients=$(psql -d bench -c 'SELECT count(*) FROM "Recipients"')
    items=$(psql -d bench -c 'SELECT count(*) FROM "RenewalItems"')
    psql -d postgres -c "CREATE DATABASE base TEMPLATE bench" >/dev/null
    base_db="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=base"
  fi
  echo "$name: recipients: $recipients, households listed: $items"

  # FUKUSHI_BASELINE=<another build's fukushi.dll, same schema>: that build decides a copy of the same data first.
  if [ -n "${FUKUSHI_BASELINE:-}" ]; then
    decide baseline "$name" "$base_db" dotnet "$FUKUSHI_BASELINE"
  fi
  offset=$(stat -c %s "$work/pg.log")
  decide "" "$name" "$database" $fukushi
  if [ "$name" = postgres ]; then
    if [ "${BENCH_SLOW_MS:-200}" = 0 ]; then
      echo "postgres: the decide step's statements by shape (count × mean = total):"
      statement_shapes "$offset"
    else
      slow=$(tail -c +"$(( offset + 1 ))" "$work/pg.log" | grep -c 'duration:' || true)
      echo "postgres: statements of the decide step PostgreSQL logged as slower than ${BENCH_SLOW_MS:-200} ms: $slow"
      tail -c +"$(( offset + 1 ))" "$work/pg.log" | grep -o 'duration: [0-9.]* ms  .\{0,160\}' | sort -t' ' -k2 -rn | head -5 || true
    fi
  fi
done
printf '%s\n' "${results[@]}"
