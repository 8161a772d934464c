#!/usr/bin/env bash
# The receipt import on SQLite, for the scale suite (bench/claims-import-1m.sh measures PostgreSQL): seeds
# HOUSEHOLDS demo households into a SQLite file, writes CLAIMS autopay claims with bench/claims-gen (same seed
# and reference date as claims-import-1m.sh), then times `import receipts` (read, match, write) and `review run`
# (審査 of the month). The folder with the database and the claims file is deleted at the end. Prints, in the
# scale suite's contract (bench/README.md):
#   RESULT import db=sqlite wall_s=… cpu_s=… peak_rss_mb=… items=<claims> items_per_s=…
#   RESULT review db=sqlite …
# Not a test. Usage: bench/claims-import-sqlite.sh [CLAIMS] [HOUSEHOLDS] (defaults 200000, 20000).
# BENCH_NO_BUILD=1 uses the Release builds as they are; BENCH_DB=postgres skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-200000}
households=${2:-20000}
asof=2026-11-29
month=2026-10
case "${BENCH_DB:-sqlite}" in sqlite) ;; *) exit 0 ;; esac
work=$(mktemp -d /tmp/fukushi-sqlitebench-XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -z "${BENCH_NO_BUILD:-}" ]; then
  dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/claims-gen/ClaimsGen.csproj -c Release -v q -nologo >/dev/null
fi
cp -r src/FukushiIryo.Cli/bin/Release/net10.0 "$work/cli"
fukushi="dotnet $work/cli/fukushi.dll"
export FUKUSHI_DB=sqlite:$work/fukushi.db FUKUSHI_AUDIT_ANCHORS=$work/anchors.log FUKUSHI_ATENA_DB=sqlite:$work/atena.db FUKUSHI_ATENA_KEYS=$work/atena-keys
$fukushi db migrate >/dev/null
echo "correct horse battery staple" | $fukushi users add --login bench --name "計測 太郎" --staff-no 1 --roles システム管理,審査 --password-stdin >/dev/null
$fukushi demo seed --households "$households" --seed 1 --as-of "$asof" --user bench >/dev/null
dotnet bench/claims-gen/bin/Release/net10.0/ClaimsGen.dll "$claims" "$households" 1 "$asof" "$work/claims.csv" 2>/dev/null

measure() { # step command... — prints its RESULT line
  local step=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %M %U %S" "$@" > "$work/out" 2>&1 || { tail -5 "$work/out"; exit 1; }
  read -r seconds kilobytes user system < "$work/time"
  sed 's/^/    /' "$work/out" | head -4
  python3 -c 'import sys; s, kb, u, sy, n = float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]); print(f"RESULT {sys.argv[1]} db=sqlite wall_s={s:.2f} cpu_s={u + sy:.2f} peak_rss_mb={kb // 1024} items={n} items_per_s={n / s:.1f}")' \
    "$step" "$seconds" "$kilobytes" "$user" "$system" "$claims"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
measure import $fukushi import receipts "$work/claims.csv" --month "$month" --user bench
measure review $fukushi review run --month "$month" --user bench
