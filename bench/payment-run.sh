#!/usr/bin/env bash
# Benchmark: `fukushi payments prepare` over a demo city on SQLite and on a throwaway PostgreSQL cluster.
# Seeds HOUSEHOLDS demo households (default 20000) with the shipped bank master, adds one 可 autopay
# claim (医科外来, 3,000円) per recipient for 処理年月 2026-10 straight into the database (one INSERT …
# SELECT), then times prepare (twice: the second replaces the first); approve is not timed (needs a
# TOTP), export is not timed. Prints wall time and peak memory per step. With FUKUSHI_BASELINE set to
# another build's fukushi.dll, times that build too on a copy of the same data (before/after figures).
# Not a test: it asserts nothing. Usage: bench/payment-run.sh [HOUSEHOLDS]. Needs PostgreSQL binaries
# (/usr/lib/postgresql/*/bin), python3 and /usr/bin/time; as root it runs PostgreSQL as `postgres`.
# Also prints CPU seconds (user + system) of the process, the wall time of each phase of prepare summed
# over its batches (FUKUSHI_PHASE_TIMES: PHASE payment.prepare.* lines) and the PostgreSQL statements slower than BENCH_SLOW_MS (200).
# BENCH_DB=postgres or sqlite runs one provider only (default both); BENCH_NO_BUILD=1 skips the build.
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-20000}
work=$(mktemp -d /tmp/fukushi-paybench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
fukushi="dotnet src/FukushiIryo.Cli/bin/Release/net10.0/fukushi.dll"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c log_min_duration_statement=${BENCH_SLOW_MS:-200}" -l "$work/pg.log" -w start >/dev/null
psql() { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -c "CREATE DATABASE bench" >/dev/null

measure() { # label command... — prints the command's wall time, peak resident memory, CPU seconds and phases
  local label=$1; shift
  FUKUSHI_PHASE_TIMES=1 /usr/bin/time -o "$work/time" -f "%e %M %U %S" "$@" >"$work/out" 2>"$work/err"
  read -r seconds kilobytes user system < "$work/time"
  printf '%-50s %8s s %6s MB  CPU %s s (user %s + sys %s)  load %s\n' "$label" "$seconds" "$(( kilobytes / 1024 ))" \
    "$(python3 -c "print(round($user + $system, 2))")" "$user" "$system" "$(cut -d' ' -f1 /proc/loadavg)"
  grep "^PHASE payment\." "$work/err" | sed 's/^/    /' || true
}

# One 可 claim per recipient: the MedicalClaims columns the model requires get neutral values.
claims_sql() { # $1: the instant literal of the provider
  cat <<SQL
INSERT INTO "MedicalClaims" ("Source", "SourceLine", "ProcessingMonth", "ServiceMonth", "ProviderCode", "PrefectureCode", "ProviderName",
    "Schedule", "Inpatient", "InsurerShareRate", "Points", "PatientShare", "HighCostRefund", "ExtraBenefit", "OtherPublicAmount",
    "LongTerm", "DisasterMutualAid", "MatchStatus", "MatchReason", "RawRecords", "ImportedAt", "RecipientId")
SELECT 'Autopay', 0, 202610, 202609, '0100102', '29', '奈良診療所', 'Medical', false, 70, 1000, 3000, 0, 0, 0,
    false, false, 'Matched', 'bench', '', $1, "Id" FROM "Recipients";
INSERT INTO "ClaimReviews" ("MedicalClaimId", "ProcessingMonth", "ProviderCode", "Outcome", "Status", "ReviewedAt", "ReviewedBy", "Version")
SELECT "Id", "ProcessingMonth", "ProviderCode", 'Accepted', 'Open', $1, 'bench', 0 FROM "MedicalClaims";
SQL
}

printf '%-50s %10s %9s\n' "step ($households households)" "wall" "peak RSS"
for db in "sqlite:$work/fukushi.db" "postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"; do
  name=${db%%:*}
  [ -z "${BENCH_DB:-}" ] || [ "$BENCH_DB" = "$name" ] || continue
  export FUKUSHI_DB=$db FUKUSHI_AUDIT_ANCHORS=$work/anchors-$name.log
  $fukushi db migrate >/dev/null
  echo "quiet river under paper lanterns" | $fukushi users add --login bench --name "計測 太郎" --staff-no 7777 --roles システム管理,支払 --password-stdin >/dev/null
  $fukushi demo seed --households "$households" --seed 1 --user bench >/dev/null
  if [ "$name" = sqlite ]; then
    claims_sql 0 | python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.stdin.read()); db.commit()' "$work/fukushi.db"
    claims=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM MedicalClaims").fetchone()[0])' "$work/fukushi.db")
    cp "$work/fukushi.db" "$work/baseline.db"
    baseline_db="sqlite:$work/baseline.db"
  else
    claims_sql "'2026-11-02T00:00:00Z'" | psql -d bench
    psql -d bench -c 'VACUUM ANALYZE' >/dev/null
    claims=$(psql -d bench -tAc 'SELECT count(*) FROM "MedicalClaims"')
    offset=$(stat -c %s "$work/pg.log") # the statements of the prepare runs only, not the seed's
    psql -c "CREATE DATABASE baseline TEMPLATE bench" >/dev/null
    baseline_db="${db/Database=bench/Database=baseline}"
  fi

  echo "$name: $claims claims"
  measure "$name: payments prepare" $fukushi payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
  measure "$name: payments prepare again (replaces)" $fukushi payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
  cat "$work/out"
  if [ -n "${FUKUSHI_BASELINE:-}" ]; then
    export FUKUSHI_DB=$baseline_db
    measure "$name: baseline build: payments prepare" dotnet "$FUKUSHI_BASELINE" payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
    measure "$name: baseline build: prepare again" dotnet "$FUKUSHI_BASELINE" payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
  fi
done
if [ -z "${BENCH_DB:-}" ] || [ "$BENCH_DB" = postgres ]; then
  echo "PostgreSQL statements slower than ${BENCH_SLOW_MS:-200} ms (all runs):"
  tail -c +"$((offset + 1))" "$work/pg.log" | grep -o 'duration: [0-9.]* ms .\{0,160\}' | sed 's/^/    /' | head -60 || true
fi
