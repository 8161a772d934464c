#!/usr/bin/env bash
# Benchmark: person search (宛名検索) latency under concurrent staff, on a throwaway PostgreSQL cluster.
# Seeds HOUSEHOLDS demo households (default 40000 ≈ 100,000 persons), then runs bench/search-load:
# CLIENTS concurrent clients (default 20) for SECONDS (default 30), each request a PersonSearch.SearchAsync
# in its own DI scope (a FukushiDbContext, the search's queries and its audit event) as a web request has,
# on loopback to PostgreSQL. The web app's own share (Kestrel, cookie check, Razor) is not in the figure.
# Prints p50/p95/p99 per kind of search and overall, the statements PostgreSQL logged as slower than
# BENCH_SLOW_MS (50), and a final machine-readable line:
#   RESULT search p50_ms=… p95_ms=… p99_ms=… requests=… errors=… peak_rss_mb=…
# (peak_rss_mb: the driver process, which hosts PersonSearch). Also the CPU seconds PostgreSQL used (all of
# its processes) from the sampling to the end, and the plan of one 漢字 name-part page (it should show the
# name grams index, ADR 0040). Not a test: it asserts nothing.
# Usage: bench/search-latency.sh [HOUSEHOLDS] [CLIENTS] [SECONDS]. BENCH_NO_BUILD=1 skips the builds.
# Needs PostgreSQL binaries (/usr/lib/postgresql/*/bin) and python3; as root it runs PostgreSQL as `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-40000}
clients=${2:-20}
seconds=${3:-30}
work=$(mktemp -d /tmp/fukushi-searchbench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/search-load/SearchLoad.csproj -c Release -v q -nologo >/dev/null
fi
fukushi="dotnet src/FukushiIryo.Cli/bin/Release/net10.0/fukushi.dll"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c log_min_duration_statement=${BENCH_SLOW_MS:-50}" \
  -l "$work/pg.log" -w start >/dev/null
as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -v ON_ERROR_STOP=1 -q -c "CREATE DATABASE bench" >/dev/null
psql() { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d bench -v ON_ERROR_STOP=1 -q "$@"; }

export FUKUSHI_DB="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench" FUKUSHI_AUDIT_ANCHORS=$work/anchors.log
$fukushi db migrate >/dev/null
echo "quiet river under paper lanterns" | $fukushi users add --login bench --name "計測 太郎" --staff-no 7777 --roles システム管理 --password-stdin >/dev/null
$fukushi demo seed --households "$households" --seed 1 --user bench >/dev/null
psql -c "VACUUM ANALYZE" >/dev/null
offset=$(stat -c %s "$work/pg.log")
# CPU seconds of the whole PostgreSQL cluster (postmaster, live backends, and the children it has reaped).
pg_cpu() {
  local pm; pm=$(head -1 "$work/pg/postmaster.pid")
  { awk '{print $14+$15+$16+$17}' "/proc/$pm/stat"; for c in $(cat "/proc/$pm/task/$pm/children"); do awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || true; done; } |
    awk -v hz="$(getconf CLK_TCK)" '{s+=$1} END {printf "%.1f", s/hz}'
}
pg_cpu_before=$(pg_cpu)
echo "search latency: $households households, $(psql -tAc 'SELECT count(*) FROM "Persons"') persons, $clients clients, ${seconds} s, load $(cut -d' ' -f1 /proc/loadavg)"
dotnet bench/search-load/bin/Release/net10.0/SearchLoad.dll "$FUKUSHI_DB" "$clients" "$seconds" | tee "$work/result"
echo "PostgreSQL CPU during the sampling, warm-up and runs: $(awk -v a="$pg_cpu_before" -v b="$(pg_cpu)" 'BEGIN {printf "%.1f", b-a}') s; load $(cut -d' ' -f1 /proc/loadavg)"
echo "PostgreSQL statements slower than ${BENCH_SLOW_MS:-50} ms during the run (count, then the 10 slowest):"
tail -c +"$((offset + 1))" "$work/pg.log" | grep -c 'duration:' || true
tail -c +"$((offset + 1))" "$work/pg.log" | grep -o 'duration: [0-9.]* ms .\{0,200\}' | sort -t' ' -k2 -rn | head -10 | sed 's/^/    /' || true
echo "plan of a 漢字 name-part page (山田):"
psql -c "EXPLAIN (COSTS OFF) SELECT p.\"Id\" FROM \"Persons\" p JOIN (SELECT * FROM \"PersonRecords\" WHERE fukushi_name_grams(\"Name\") @> fukushi_name_grams('山田')) r ON r.\"PersonId\" = p.\"Id\" WHERE r.\"SupersededAt\" IS NULL AND replace(replace(r.\"Name\", ' ', ''), '　', '') LIKE '%山田%' ORDER BY r.\"NameKanaKey\", p.\"AtenaNumber\" LIMIT 20" | sed 's/^/    /'
grep '^RESULT ' "$work/result" | tail -1
