#!/usr/bin/env bash
# The physical limit for the receipt import: the same autopay rows that bench/claims-import-1m.sh imports
# (bench/claims-gen with the same seed and reference date) loaded by plain PostgreSQL COPY (server side, one
# statement) into an unindexed table of the same 19 columns, on a throwaway cluster. CPU is that of the
# PostgreSQL backend that ran the COPY (the postmaster's reaped-children time, the cluster being otherwise
# idle); the generated file is deleted with the cluster. Prints, in the scale suite's contract (bench/README.md):
#   RESULT copy db=postgres wall_s=… cpu_s=… peak_rss_mb=- items=<rows> items_per_s=…
# Not a test. Usage: bench/copy-reference.sh [CLAIMS] [HOUSEHOLDS] (defaults 1000000, 100000).
# BENCH_NO_BUILD=1 uses the Release build of claims-gen as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-1000000}
households=${2:-100000}
asof=2026-11-29
work=$(mktemp -d /tmp/fukushi-copybench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build bench/claims-gen/ClaimsGen.csproj -c Release -v q -nologo >/dev/null
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
chmod 755 "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
psql() { as_pg "$pgbin/psql" -X -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
psql -c "CREATE DATABASE bench" >/dev/null
dotnet bench/claims-gen/bin/Release/net10.0/ClaimsGen.dll "$claims" "$households" 1 "$asof" "$work/claims.csv" 2>/dev/null
chmod 644 "$work/claims.csv"
psql -d bench -c "CREATE TABLE copy_claims (payer text, recipient text, insurer text, kana text, birth date, service_month text,
  provider text, provider_name text, schedule text, setting text, rate int, days int, points bigint, cost bigint, share bigint,
  meal bigint, high_cost bigint, extra bigint, long_term int)"

postmaster=$(head -1 "$work/pg/postmaster.pid")
children_ticks() { awk '{ print $16 + $17 }' "/proc/$postmaster/stat"; } # cutime + cstime of exited backends
before=$(children_ticks)
start=$(date +%s.%N)
rows=$(psql -d bench -c "COPY copy_claims FROM '$work/claims.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')" -c "SELECT count(*) FROM copy_claims" | tail -1)
end=$(date +%s.%N)
sleep 0.2 # the backend is reaped
after=$(children_ticks)
python3 - "$start" "$end" "$before" "$after" "$(getconf CLK_TCK)" "$rows" <<'PY'
import sys
start, end, before, after, tck, rows = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
wall = end - start
print(f"RESULT copy db=postgres wall_s={wall:.2f} cpu_s={(after - before) / tck:.2f} peak_rss_mb=- items={rows} items_per_s={rows / wall:.1f}")
PY
