#!/usr/bin/env bash
# Benchmark: import of CLAIMS autopay claims (default 1,000,000) with matching, then the 審査 run of the
# month, against plain PostgreSQL COPY of the same rows into an equivalent unindexed table.
# Prints wall time, claims/s, peak resident memory (/usr/bin/time -v) and the ratio to COPY.
# Not a test: it asserts nothing. Usage: bench/claims-import-1m.sh [CLAIMS] [HOUSEHOLDS]
# (default 100000 households: about 250,000 recipients, so that most claims match; 2 % name nobody).
# The claims file is generated into a temporary folder (about 140 MB per million) and deleted with the
# throwaway cluster at the end; it cannot be a FIFO, since the import reads the file twice (pass 1
# checks it all, pass 2 writes). Needs PostgreSQL 15 binaries and /usr/bin/time; as root it runs
# PostgreSQL as `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
claims=${1:-1000000}
households=${2:-100000}
asof=2026-11-29
month=2026-10
work=$(mktemp -d /tmp/fukushi-bench-claims-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
psql_cmd=("$pgbin/psql" -X -h 127.0.0.1 -p "$port" -U postgres -d bench -v ON_ERROR_STOP=1 -qAt)
[ "$(id -u)" -eq 0 ] && psql_cmd=(runuser -u postgres -- "${psql_cmd[@]}")
psql_bench() { "${psql_cmd[@]}" "$@"; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

df -h "$work" | tail -1 | awk '{ print "free space for the temporary files: " $4 }'
if [ -z "${BENCH_NO_BUILD:-}" ]; then # BENCH_NO_BUILD=1: use the Release builds as they are
  dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/claims-gen/ClaimsGen.csproj -c Release -v q -nologo >/dev/null
fi
fukushi="dotnet src/FukushiIryo.Cli/bin/Release/net10.0/fukushi.dll"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
chmod 755 "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
# Statements slower than 100 ms are logged: the end of the run lists where the database time went.
as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c log_min_duration_statement=100" -l "$work/pg.log" -w start >/dev/null
as_pg "$pgbin/psql" -X -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null
export FUKUSHI_DB="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench" FUKUSHI_AUDIT_ANCHORS=$work/anchors.log
$fukushi db migrate >/dev/null
echo "correct horse battery staple" | $fukushi users add --login bench --name "計測 太郎" --staff-no 1 --roles システム管理,審査 --password-stdin >/dev/null
echo "seeding $households households …"
$fukushi demo seed --households "$households" --seed 1 --as-of "$asof" --user bench | sed -n 2,3p
dotnet bench/claims-gen/bin/Release/net10.0/ClaimsGen.dll "$claims" "$households" 1 "$asof" "$work/claims.csv"
chmod 644 "$work/claims.csv"
psql_bench -c "VACUUM ANALYZE" >/dev/null

measure() { # label command... — runs it under /usr/bin/time -v; sets $seconds and $megabytes
  local label=$1; shift
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time")
  megabytes=$(( $(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time") / 1024 ))
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time")
  printf '%-44s %8.2f s %10.0f claims/s %6d MB %7s s' "$label" "$seconds" "$(echo "$claims / $seconds" | bc -l)" "$megabytes" "$cpu"
}

# The reference: the same rows, plain COPY into an unindexed table of the same columns (server-side, one statement).
psql_bench -c "CREATE TABLE copy_claims (payer text, recipient text, insurer text, kana text, birth date, service_month text,
  provider text, provider_name text, schedule text, setting text, rate int, days int, points bigint, cost bigint, share bigint,
  meal bigint, high_cost bigint, extra bigint, long_term int)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-44s %10s %18s %9s %9s %s\n' "step ($claims claims, $households households)" "wall" "rate" "peak RSS" "CPU" "vs COPY"
measure "PostgreSQL COPY into an unindexed table" "${psql_cmd[@]}" -c "COPY copy_claims FROM '$work/claims.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')"
copy=$seconds; echo
measure "  of which pass 1 alone (import --dry-run)" $fukushi import receipts "$work/claims.csv" --month "$month" --dry-run --user bench
printf ' %6.1f×\n' "$(echo "$seconds / $copy" | bc -l)"
measure "import receipts (read, match, write)" $fukushi import receipts "$work/claims.csv" --month "$month" --user bench
import=$seconds; printf ' %6.1f×\n' "$(echo "$import / $copy" | bc -l)"
grep -E "照合済" "$work/out" | sed 's/^/    /'
measure "review run (審査 of the month)" $fukushi review run --month "$month" --user bench
review=$seconds; printf ' %6.1f×\n' "$(echo "$review / $copy" | bc -l)"
grep -E "^可|件$" "$work/out" | head -3 | sed 's/^/    /'
printf '%-44s %8.2f s %10.0f claims/s %19s %6.1f×\n' "import + review" "$(echo "$import + $review" | bc -l)" \
  "$(echo "$claims / ($import + $review)" | bc -l)" "" "$(echo "($import + $review) / $copy" | bc -l)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "statements over 100 ms (count, total ms, statement):"
grep -a 'duration:' "$work/pg.log" | sed -E 's/.*duration: ([0-9.]+) ms +(statement|execute [^:]*|bind [^:]*): */\1\t/' \
  | awk -F'\t' '{ key = substr($2, 1, 110); n[key]++; t[key] += $1 } END { for (k in n) printf "%6d %10.0f  %s\n", n[k], t[k], k }' | sort -k2 -nr | head -8
