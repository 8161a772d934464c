#!/usr/bin/env bash
# Benchmark: the batch prints after the August renewal's decide step (受給資格証 and 喪失通知書 PDFs,
# ADR 0041 session 8). Seeds demo households as of 2027-07-20 and lists the 2027 renewal as
# bench/renew-august.sh does (every 20th household without its form), decides them (not timed), then
# times `fukushi renew august --year 2027 --step decide --out DIR` run again: it decides nothing new and
# prints every kind not yet printed (certificates-001.pdf, loss-income-001.pdf, loss-not-submitted-001.pdf
# when due; about 2 cards per household). Prints wall, CPU (user + system) and peak RSS of that process
# with the load, the lines it printed and the files' sizes, and ends with one line per measured run:
#   RESULT renew.print db=sqlite|postgres wall_s=… cpu_s=… peak_rss_mb=… documents=… households=… pages=… load=…
# FUKUSHI_BASELINE=<another build's fukushi.dll, same schema> first prints a copy of the same decided data
# with that build (RESULT renew.print.baseline …). The default is SQLite only; BENCH_DB=postgres or
# BENCH_DB=both. Each approval needs a fresh TOTP code: the script waits for the next 30-s window.
# Not a test: it asserts nothing. Usage: [FUKUSHI_BASELINE=…] [BENCH_DB=…] bench/renew-print.sh [HOUSEHOLDS]
# Needs /usr/bin/time and python3 (and PostgreSQL 15 binaries for postgres; as root it runs them as `postgres`).
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-40000}
providers=${BENCH_DB:-sqlite}
[ "$providers" = both ] && providers="sqlite postgres"
work=$(mktemp -d /tmp/fukushi-bench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { [ -d "$work/pg" ] && as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

if [ -z "${BENCH_NO_BUILD:-}" ]; then dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null; fi
cp -r src/FukushiIryo.Cli/bin/Release/net10.0 "$work/cli"
fukushi="dotnet $work/cli/fukushi.dll"
psql() { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
if [[ " $providers " == *" postgres "* ]]; then
  [ "$(id -u)" -eq 0 ] && chown postgres "$work"
  as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
  psql -c "CREATE DATABASE bench" >/dev/null
fi

password="steady rivers of autumn light"
echo 0 > "$work/window"
totp() { # a code of a 30-s window not used yet (a code serves once; called in a subshell: the window is kept in a file)
  while [ $(( $(date +%s) / 30 )) -le "$(cat "$work/window")" ]; do sleep 1; done
  echo $(( $(date +%s) / 30 )) > "$work/window"
  python3 - "$secret" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
}

# The households of the 2027 renewal (heads of recipients eligible on 2027-07-31), returned on
# 2027-07-10 except every 20th (as bench/renew-august.sh). $1: an instant literal, $2: a date's prefix.
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

print() { # label provider database out command... — times one printing run; prints its output and RESULT line
  local label=$1 name=$2 database=$3 out=$4; shift 4
  local code; code=$(totp)
  echo "$password" | FUKUSHI_DB=$database /usr/bin/time -o "$work/time" -f "%e %M %U %S" \
    "$@" renew august --year 2027 --step decide --out "$out" --password-stdin --totp "$code" --user kessai > "$work/print.txt" 2> "$work/print.err" \
    || { echo "$name: $label print failed:"; cat "$work/print.txt"; head -20 "$work/print.err"; return 0; }
  read -r seconds kilobytes user system < "$work/time"
  sed 's/^/    /' "$work/print.txt"
  ls -l "$out" | sed 's/^/    /'
  local documents pages printed_households
  documents=$(grep -oE ': [0-9]+ 通' "$work/print.txt" | grep -oE '[0-9]+' | paste -sd+ | bc)
  pages=$(grep -oE '[0-9]+ ページ' "$work/print.txt" | grep -oE '[0-9]+' | paste -sd+ | bc)
  printed_households=$(grep -oE '[0-9]+ 世帯、' "$work/print.txt" | grep -oE '[0-9]+' | paste -sd+ | bc)
  local load; load=$(cut -d' ' -f1-3 /proc/loadavg)
  printf '%s: %s print (%s documents, %s pages, %s households): %s s wall, CPU %s s user + %s s system, %s MB peak RSS, load %s\n' \
    "$name" "${label:-this build}" "$documents" "$pages" "$printed_households" "$seconds" "$user" "$system" "$(( kilobytes / 1024 ))" "$load"
  results+=("$(printf 'RESULT renew.print%s db=%s wall_s=%s cpu_s=%s peak_rss_mb=%s documents=%s households=%s pages=%s load=%s' \
    "${label:+.$label}" "$name" "$seconds" "$(echo "$user + $system" | bc)" "$(( kilobytes / 1024 ))" "$documents" "$printed_households" "$pages" "${load%% *}")")
}

results=()
for name in $providers; do
  if [ "$name" = sqlite ]; then database="sqlite:$work/fukushi.db"; else database="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"; fi
  export FUKUSHI_DB=$database FUKUSHI_AUDIT_ANCHORS=$work/anchors-$name.log
  $fukushi db migrate --skip-reference-data >/dev/null
  echo "$password" | $fukushi users add --login bench --name "計測 太郎" --staff-no 1 --roles システム管理 --password-stdin >/dev/null
  echo "$password" | $fukushi users add --login kessai --name "決裁 花子" --staff-no 2 --roles 決裁 --password-stdin --user bench >/dev/null
  secret=$($fukushi users totp-enroll --login kessai --user bench | head -1 | sed -E 's/.*[?&]secret=([A-Z2-7]+).*/\1/')
  $fukushi demo seed --households "$households" --seed 1 --as-of 2027-07-20 --user bench >/dev/null
  if [ "$name" = sqlite ]; then
    items_sql 0 "" | python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.stdin.read()); db.commit()' "$work/fukushi.db"
  else
    items_sql "now()" "DATE " | psql -d bench
  fi
  start=$(date +%s)
  echo "$password" | $fukushi renew august --year 2027 --step decide --password-stdin --totp "$(totp)" --user kessai | sed 's/^/    /'
  echo "$name: decided in $(( $(date +%s) - start )) s (not measured)"
  if [ "$name" = sqlite ]; then
    cp "$work/fukushi.db" "$work/base.db"; base_db="sqlite:$work/base.db"
  else
    psql -d bench -c 'VACUUM ANALYZE' >/dev/null
    psql -d postgres -c "CREATE DATABASE base TEMPLATE bench" >/dev/null
    base_db="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=base"
  fi
  if [ -n "${FUKUSHI_BASELINE:-}" ]; then
    FUKUSHI_AUDIT_ANCHORS=$work/anchors-base-$name.log print baseline "$name" "$base_db" "$work/out-base-$name" dotnet "$FUKUSHI_BASELINE"
    rm -rf "$work/out-base-$name" "$work/base.db"
  fi
  print "" "$name" "$database" "$work/out-$name" $fukushi
  rm -rf "$work/out-$name"
  echo "$name: audit verify: $($fukushi audit verify --user bench 2>&1 | tail -1)"
done
printf '%s\n' "${results[@]}"
