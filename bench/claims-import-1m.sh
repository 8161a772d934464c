#!/usr/bin/env bash
# Benchmark: import of CLAIMS autopay claims (default 1,000,000) with matching, then the 審査 run of the
# month, against plain PostgreSQL COPY of the same rows into an equivalent unindexed table.
# Prints wall time, claims/s, peak resident memory and CPU seconds of the client (/usr/bin/time -v), the
# CPU seconds of the PostgreSQL cluster during the step (PG CPU, from /proc) and the ratio to COPY.
# Not a test: it asserts nothing. Usage: bench/claims-import-1m.sh [CLAIMS] [HOUSEHOLDS]
# The last lines are machine-readable, one per measured step (for bench/scale.sh):
#   RESULT <step> db=postgres wall_s=… cpu_s=… peak_rss_mb=… items=… items_per_s=… vs_copy=… load=…
# The fukushi steps run with FUKUSHI_PHASE_TIMES=1: their per-phase Stopwatch sums (PHASE lines) and notes (NOTE lines, e.g. the ledger index's size) are shown.
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

pg_cpu() { # CPU seconds used so far by the cluster: the postmaster, its finished children and the running ones
  local postmaster; postmaster=$(head -1 "$work/pg/postmaster.pid")
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$postmaster/stat"
    for child in $(ps -o pid= --ppid "$postmaster"); do awk '{ print $14 + $15 }' "/proc/$child/stat" 2>/dev/null || true; done
  } | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.1f", s / hz }'
}

measure() { # label command... — runs it under /usr/bin/time -v; sets $seconds, $megabytes, $cpu and $pgcpu
  local label=$1; shift
  local pg_before; pg_before=$(pg_cpu)
  /usr/bin/time -v -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
  sleep 1 # the server process of the connection ends just after the client
  pgcpu=$(echo "$(pg_cpu) - $pg_before" | bc -l)
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time")
  megabytes=$(( $(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time") / 1024 ))
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time")
  printf '%-44s %8.2f s %10.0f claims/s %6d MB %7s s %7.1f s' "$label" "$seconds" "$(echo "$claims / $seconds" | bc -l)" "$megabytes" "$cpu" "$pgcpu"
}
results=()
result() { # step — records the last measure as a RESULT line, printed at the end
  local ratio=""; [ -n "${copy:-}" ] && ratio=$(printf ' vs_copy=%.2f' "$(echo "$seconds / $copy" | bc -l)")
  results+=("$(printf 'RESULT %s db=postgres wall_s=%.2f cpu_s=%s pg_cpu_s=%.1f peak_rss_mb=%d items=%d items_per_s=%.0f%s load=%s' \
    "$1" "$seconds" "$cpu" "$pgcpu" "$megabytes" "$claims" "$(echo "$claims / $seconds" | bc -l)" "$ratio" "$(cut -d' ' -f1 /proc/loadavg)")")
}
phases() { grep -E '^(PHASE|NOTE) ' "$work/out" | sed 's/^/    /' || true; }
export FUKUSHI_PHASE_TIMES=1

# The reference: the same rows, plain COPY into an unindexed table of the same columns (server-side, one statement).
psql_bench -c "CREATE TABLE copy_claims (payer text, recipient text, insurer text, kana text, birth date, service_month text,
  provider text, provider_name text, schedule text, setting text, rate int, days int, points bigint, cost bigint, share bigint,
  meal bigint, high_cost bigint, extra bigint, long_term int)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%-44s %10s %18s %9s %9s %9s %s\n' "step ($claims claims, $households households)" "wall" "rate" "peak RSS" "CPU" "PG CPU" "vs COPY"
measure "PostgreSQL COPY into an unindexed table" "${psql_cmd[@]}" -c "COPY copy_claims FROM '$work/claims.csv' WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')"
result copy; copy=$seconds; echo
measure "  of which pass 1 alone (import --dry-run)" $fukushi import receipts "$work/claims.csv" --month "$month" --dry-run --user bench
printf ' %6.1f×\n' "$(echo "$seconds / $copy" | bc -l)"; result import-dry-run
measure "import receipts (read, match, write)" $fukushi import receipts "$work/claims.csv" --month "$month" --user bench
import=$seconds; import_cpu=$cpu; import_rss=$megabytes; import_pgcpu=$pgcpu; printf ' %6.1f×\n' "$(echo "$import / $copy" | bc -l)"; result import
grep -E "照合済" "$work/out" | sed 's/^/    /'; phases
measure "review run (審査 of the month)" $fukushi review run --month "$month" --user bench
review=$seconds; printf ' %6.1f×\n' "$(echo "$review / $copy" | bc -l)"; result review
grep -E "^可|件$" "$work/out" | head -3 | sed 's/^/    /'; phases
seconds=$(echo "$import + $review" | bc -l); cpu=$(echo "$import_cpu + $cpu" | bc -l); pgcpu=$(echo "$import_pgcpu + $pgcpu" | bc -l)
megabytes=$(( import_rss > megabytes ? import_rss : megabytes ))
result import+review
printf '%-44s %8.2f s %10.0f claims/s %19s %6.1f×\n' "import + review" "$(echo "$import + $review" | bc -l)" \
  "$(echo "$claims / ($import + $review)" | bc -l)" "" "$(echo "($import + $review) / $copy" | bc -l)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "statements over 100 ms (count, total ms, statement):"
grep -a 'duration:' "$work/pg.log" | sed -E 's/.*duration: ([0-9.]+) ms +(statement|execute [^:]*|bind [^:]*): */\1\t/' \
  | awk -F'\t' '{ key = substr($2, 1, 110); n[key]++; t[key] += $1 } END { for (k in n) printf "%6d %10.0f  %s\n", n[k], t[k], k }' | sort -k2 -nr | head -8
printf '%s\n' "${results[@]}"
