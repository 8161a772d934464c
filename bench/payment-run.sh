#!/usr/bin/env bash
# Benchmark: `fukushi payments prepare` over a demo city on SQLite and on a throwaway PostgreSQL cluster.
# Seeds HOUSEHOLDS demo households (default 20000) with the shipped bank master, adds one 可 autopay
# claim (医科外来, 3,000円) per recipient for 処理年月 2026-10 straight into the database (one INSERT …
# SELECT), then times prepare (twice: the second replaces the first) and approve (決裁 by a second
# user with password and TOTP; prints a RESULT payment.approve line); export is not timed. Prints wall
# time and peak memory per step. With FUKUSHI_BASELINE set to
# another build's fukushi.dll, times that build too on a copy of the same data (before/after figures).
# Not a test: it asserts nothing. Usage: bench/payment-run.sh [HOUSEHOLDS]. Needs PostgreSQL binaries
# (/usr/lib/postgresql/*/bin), python3 and /usr/bin/time; as root it runs PostgreSQL as `postgres`.
# Also prints CPU seconds (user + system) of the process, the wall time of each phase of prepare summed
# over its batches (FUKUSHI_PHASE_TIMES: PHASE payment.prepare.* lines) and the PostgreSQL statements slower than BENCH_SLOW_MS (200).
# BENCH_DB=postgres or sqlite runs one provider only (default both); BENCH_NO_BUILD=1 skips the publish (see below).
# BENCH_SEED_CACHE=DIR keeps the seeded database (claims in, nothing prepared) in DIR/<provider>-<HOUSEHOLDS>
# and reuses it on the next run instead of seeding again (minutes at 100,000): the PostgreSQL cluster's
# data directory copied while stopped, the SQLite file, the audit anchors and the 決裁 user's TOTP secret.
# BENCH_FUKUSHI_DLL=path/fukushi.dll times that build (a copy of the output, safe from rebuilds) instead of src/FukushiIryo.Cli's.
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-20000}
work=$(mktemp -d /tmp/fukushi-paybench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# The CLI as a server runs it: published with ReadyToRun by scripts/publish.sh (admin-guide §1.0), into the
# work folder. BENCH_NO_BUILD=1 runs the Release build output as it is instead (JIT only: ≈ 1.5 s more CPU).
if [ -n "${BENCH_FUKUSHI_DLL:-}" ]; then
  fukushi="dotnet $BENCH_FUKUSHI_DLL"
elif [ -n "${BENCH_NO_BUILD:-}" ]; then
  fukushi="dotnet src/FukushiIryo.Cli/bin/Release/net10.0/fukushi.dll"
else
  scripts/publish.sh "$work/publish" cli >/dev/null
  fukushi="dotnet $work/publish/cli/fukushi.dll"
fi
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
pg_start() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c log_min_duration_statement=${BENCH_SLOW_MS:-200}" -l "$work/pg.log" -w start >/dev/null; }
pg_start
psql() { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
psql -c "CREATE DATABASE bench" >/dev/null
password="quiet river under paper lanterns"

totp() { python3 - "$1" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
}

approve() { # name fukushi... — times `payments approve` (a fresh TOTP step each time) and prints its RESULT line
  local name=$1; shift
  sleep $(( 31 - $(date +%s) % 30 )) # a TOTP code is single-use: the next step gives a new one
  echo "$password" >"$work/password"
  measure "$name: payments approve" "$@" payments approve --month 2026-10 --password-stdin --totp "$(totp "$secret")" --user kessai <"$work/password"
  cat "$work/out" "$work/err"
  read -r seconds kilobytes user system < "$work/time"
  items=$(sed -nE 's/.*人、([0-9,]+) 件.*/\1/p' "$work/out" | tr -d ,)
  python3 - "${name%% *}" "$seconds" "$kilobytes" "$user" "$system" "${items:-0}" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
name, wall, kb, user, system, items, load = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), sys.argv[7]
print(f"RESULT payment.approve db={name} wall_s={wall:.2f} cpu_s={user + system:.2f} peak_rss_mb={kb // 1024} items={items} items_per_s={items / wall:.1f} load={load}")
PY
}

prepare_result() { # name — the RESULT line of the last `payments prepare` measured (items: its payees; claims too)
  local name=$1 seconds kilobytes user system payees claims
  read -r seconds kilobytes user system < "$work/time"
  payees=$(sed -nE 's/^支払先 ([0-9,]+) 人.*/\1/p' "$work/out" | tr -d ,)
  claims=$(sed -nE 's/.*レセプト ([0-9,]+) 件.*/\1/p' "$work/out" | tr -d ,)
  python3 - "$name" "$seconds" "$kilobytes" "$user" "$system" "${payees:-0}" "${claims:-0}" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import sys
name, wall, kb, user, system, payees, claims, load = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7]), sys.argv[8]
print(f"RESULT payment.prepare db={name} wall_s={wall:.2f} cpu_s={user + system:.2f} peak_rss_mb={kb // 1024} items={payees} items_per_s={payees / wall:.1f} claims={claims} load={load}")
PY
}

measure() { # label command... — prints the command's wall time, peak resident memory, CPU seconds and phases
  local label=$1; shift
  FUKUSHI_PHASE_TIMES=1 /usr/bin/time -o "$work/time" -f "%e %M %U %S" "$@" >"$work/out" 2>"$work/err"
  read -r seconds kilobytes user system < "$work/time"
  printf '%-50s %8s s %6s MB  CPU %s s (user %s + sys %s)  load %s\n' "$label" "$seconds" "$(( kilobytes / 1024 ))" \
    "$(python3 -c "print(round($user + $system, 2))")" "$user" "$system" "$(cut -d' ' -f1 /proc/loadavg)"
  grep -E "^(PHASE (payment|cli)\.|NOTE gc)" "$work/err" | sed 's/^/    /' || true
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
  cache=${BENCH_SEED_CACHE:+$BENCH_SEED_CACHE/$name-$households}
  if [ -n "$cache" ] && [ -f "$cache/secret" ]; then
    echo "$name: reusing the seeded database in $cache"
    secret=$(cat "$cache/secret")
    cp "$cache/anchors.log" "$work/anchors-$name.log"
    if [ "$name" = sqlite ]; then
      cp "$cache/fukushi.db" "$work/fukushi.db"
    else
      as_pg "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null
      rm -rf "$work/pg" && cp -a "$cache/pg" "$work/pg"
      pg_start
    fi
    $fukushi db migrate --skip-reference-data >/dev/null # a cache seeded by an older build lacks the newer migrations
  else
  $fukushi db migrate >/dev/null
  echo "$password" | $fukushi users add --login bench --name "計測 太郎" --staff-no 7777 --roles システム管理,支払 --password-stdin >/dev/null
  echo "$password" | $fukushi users add --login kessai --name "決裁 花子" --staff-no 7778 --roles 決裁 --password-stdin --user bench >/dev/null
  secret=$($fukushi users totp-enroll --login kessai --user bench | head -1 | sed -E 's/.*[?&]secret=([A-Z2-7]+).*/\1/')
  $fukushi demo seed --households "$households" --seed 1 --user bench >/dev/null
  if [ "$name" = sqlite ]; then
    claims_sql 0 | python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.stdin.read()); db.commit()' "$work/fukushi.db"
  else
    claims_sql "'2026-11-02T00:00:00Z'" | psql -d bench
    psql -d bench -c 'VACUUM ANALYZE' >/dev/null
  fi
  if [ -n "$cache" ]; then
    mkdir -p "$cache" && echo "$secret" >"$cache/secret" && cp "$work/anchors-$name.log" "$cache/anchors.log"
    if [ "$name" = sqlite ]; then
      cp "$work/fukushi.db" "$cache/fukushi.db"
    else
      as_pg "$pgbin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null
      rm -rf "$cache/pg" && cp -a "$work/pg" "$cache/pg"
      pg_start
    fi
  fi
  fi
  if [ "$name" = sqlite ]; then
    claims=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM MedicalClaims").fetchone()[0])' "$work/fukushi.db")
    cp "$work/fukushi.db" "$work/baseline.db"
    baseline_db="sqlite:$work/baseline.db"
  else
    claims=$(psql -d bench -tAc 'SELECT count(*) FROM "MedicalClaims"')
    offset=$(stat -c %s "$work/pg.log") # the statements of the prepare runs only, not the seed's
    psql -c "CREATE DATABASE baseline TEMPLATE bench" >/dev/null
    baseline_db="${db/Database=bench/Database=baseline}"
  fi

  echo "$name: $claims claims"
  measure "$name: payments prepare" $fukushi payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
  prepare_result "$name"
  measure "$name: payments prepare again (replaces)" $fukushi payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
  cat "$work/out"
  approve "$name" $fukushi
  if [ -n "${FUKUSHI_BASELINE:-}" ]; then
    export FUKUSHI_DB=$baseline_db
    measure "$name: baseline build: payments prepare" dotnet "$FUKUSHI_BASELINE" payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
    measure "$name: baseline build: prepare again" dotnet "$FUKUSHI_BASELINE" payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
    approve "$name (baseline build)" dotnet "$FUKUSHI_BASELINE"
  fi
done
if [ -z "${BENCH_DB:-}" ] || [ "$BENCH_DB" = postgres ]; then
  # Slowest first: at 100,000 payees the 51 batch COPYs per prepare would push the approval's INSERT out of a list in log order.
  echo "PostgreSQL statements slower than ${BENCH_SLOW_MS:-200} ms (all runs, slowest first):"
  tail -c +"$((offset + 1))" "$work/pg.log" | grep -o 'duration: [0-9.]* ms .\{0,160\}' | sort -k2,2 -g -r | sed 's/^/    /' | head -60 || true
fi
