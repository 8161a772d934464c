#!/usr/bin/env bash
# Benchmark: the payment notices (支給決定通知書, PDF) on their own, on SQLite and on a throwaway PostgreSQL
# cluster. Seeds HOUSEHOLDS demo households (default 20000), adds one 可 autopay claim per recipient for
# 処理年月 2026-10 straight into the database (as bench/payment-run.sh does), prepares and approves the run
# (決裁 with password and TOTP; neither timed), then times `fukushi payments export`, which writes the 全銀
# file, the accounting and detail CSVs and the notices (the PDFs are nearly all of its work). The output
# folder is deleted at once. Prints one line per provider in the scale suite's contract (bench/README.md):
#   RESULT notices db=… wall_s=… cpu_s=… peak_rss_mb=… items=<payees> items_per_s=…
# Not a test: it asserts nothing. Usage: bench/payment-notices.sh [HOUSEHOLDS]. BENCH_DB=postgres|sqlite runs
# one provider (default both); BENCH_NO_BUILD=1 uses the Release build as it is; FUKUSHI_PHASE_TIMES=1 adds the
# export's phases and a "NOTE export.<file> heap_mb=… rss_mb=…" line after each file (stderr). Needs PostgreSQL binaries,
# python3 and /usr/bin/time; as root it runs PostgreSQL as `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-20000}
work=$(mktemp -d /tmp/fukushi-noticebench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
cp -r src/FukushiIryo.Cli/bin/Release/net10.0 "$work/cli" # a build in the worktree meanwhile does not change it
fukushi="dotnet $work/cli/fukushi.dll"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
psql() { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
password="lanterns drift over the quiet river"

totp() { python3 - "$1" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
digest = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
offset = digest[-1] & 15
print("%06d" % ((struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7fffffff) % 1000000))
PY
}

claims_sql() { # $1: the instant literal of the provider — one 可 claim (3,000円 一部負担金) per recipient
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

for db in "sqlite:$work/fukushi.db" "postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"; do
  name=${db%%:*}
  case "${BENCH_DB:-both}" in both|"$name") ;; *) continue ;; esac
  if [ "$name" = postgres ]; then
    as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
    as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
    psql -c "CREATE DATABASE bench" >/dev/null
  fi
  export FUKUSHI_DB=$db FUKUSHI_AUDIT_ANCHORS=$work/anchors-$name.log FUKUSHI_ATENA_DB=sqlite:$work/atena-$name.db FUKUSHI_ATENA_KEYS=$work/atena-keys-$name
  $fukushi db migrate >/dev/null
  echo "$password" | $fukushi users add --login bench --name "計測 太郎" --staff-no 7777 --roles システム管理,支払 --password-stdin >/dev/null
  echo "$password" | $fukushi users add --login kessai --name "決裁 花子" --staff-no 7778 --roles 決裁 --password-stdin --user bench >/dev/null
  secret=$($fukushi users totp-enroll --login kessai --user bench | head -1 | sed -E 's/.*[?&]secret=([A-Z2-7]+).*/\1/')
  # The city's own account and 委託者 (made-up values) that the 全銀 file needs.
  for setting in "payment.requester-code 1234567890" "payment.requester-name ナラシ" "payment.bank-code 0162" "payment.branch-code 001" "payment.account-number 7654321"; do
    # shellcheck disable=SC2086 # key and value
    $fukushi settings set $setting --user bench >/dev/null
  done
  $fukushi demo seed --households "$households" --seed 1 --user bench >/dev/null
  if [ "$name" = sqlite ]; then
    claims_sql 0 | python3 -c 'import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.executescript(sys.stdin.read()); db.commit()' "$work/fukushi.db"
  else
    claims_sql "'2026-11-02T00:00:00Z'" | psql -d bench
    psql -d bench -c 'VACUUM ANALYZE' >/dev/null
  fi
  $fukushi payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench >/dev/null
  echo "$password" | $fukushi payments approve --month 2026-10 --password-stdin --totp "$(totp "$secret")" --user kessai >/dev/null

  /usr/bin/time -o "$work/time" -f "%e %M %U %S" $fukushi payments export --month 2026-10 --out "$work/export-$name" --user bench > "$work/out"
  read -r seconds kilobytes user system < "$work/time"
  payees=$(sed -nE 's/^支払 [0-9-]+: ([0-9,]+) 人.*/\1/p' "$work/out" | tr -d ,)
  pdfs=$(find "$work/export-$name" -name '*.pdf' | wc -l)
  pdf_mb=$(du -sm --apparent-size "$work/export-$name" | cut -f1)
  rm -rf "$work/export-$name"
  echo "$name: payments export: $payees payees, $pdfs PDF file(s), $pdf_mb MB written, load $(cut -d' ' -f1 /proc/loadavg)"
  python3 - "$name" "$seconds" "$kilobytes" "$user" "$system" "$payees" <<'PY'
import sys
name, wall, kb, user, system, items = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6])
print(f"RESULT notices db={name} wall_s={wall:.2f} cpu_s={user + system:.2f} peak_rss_mb={kb // 1024} items={items} items_per_s={items / wall:.1f}")
PY
done
