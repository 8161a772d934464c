#!/usr/bin/env bash
# Benchmark: fukushi demo seed and the residents import, on SQLite and on PostgreSQL.
# Prints wall time and peak memory (whole process, /usr/bin/time) per step. Not a test: it asserts
# nothing. Usage: bench/seed-and-import.sh [HOUSEHOLDS] (default 20000). Needs PostgreSQL 15
# binaries (/usr/lib/postgresql/*/bin) and /usr/bin/time; as root it runs PostgreSQL as `postgres`.
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-20000}
work=$(mktemp -d /tmp/fukushi-bench-XXXXXX)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() { as_pg "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
fukushi="dotnet src/FukushiIryo.Cli/bin/Release/net10.0/fukushi.dll"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
as_pg "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
as_pg "$pgbin/pg_ctl" -D "$work/pg" -o "-p $port -k $work -c listen_addresses=127.0.0.1" -l "$work/pg.log" -w start >/dev/null
as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE bench" >/dev/null

measure() { # label command... — prints the command's wall time and peak resident memory
  local label=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" >/dev/null
  read -r seconds kilobytes < "$work/time"
  printf '%-50s %8s s %6s MB\n' "$label" "$seconds" "$(( kilobytes / 1024 ))"
}

printf '%-50s %10s %9s\n' "step ($households households)" "wall" "peak RSS"
for db in "sqlite:$work/fukushi.db" "postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=bench"; do
  export FUKUSHI_DB=$db FUKUSHI_AUDIT_ANCHORS=$work/anchors-${db%%:*}.log
  name=${db%%:*}
  $fukushi db migrate --skip-reference-data >/dev/null
  echo "correct horse battery staple" | $fukushi users add --login bench --name "計測 太郎" --staff-no 1 --roles システム管理,審査 --password-stdin >/dev/null
  measure "$name: demo seed" $fukushi demo seed --households "$households" --seed 1 --files "$work/files-$name" --user bench
  head -20001 "$work/files-$name/residents.csv" > "$work/residents-20k-$name.csv"
  rows=$(( $(wc -l < "$work/residents-20k-$name.csv") - 1 ))
  measure "$name: import residents, $rows unchanged rows" $fukushi import residents "$work/residents-20k-$name.csv" --user bench
  measure "$name: import residents, changed extract" $fukushi import residents "$work/files-$name/residents-changes.csv" --user bench
  export FUKUSHI_DB="${db/fukushi.db/fresh.db}"
  [ "$name" = postgres ] && { as_pg "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE fresh" >/dev/null; FUKUSHI_DB="postgres:Host=127.0.0.1;Port=$port;Username=postgres;Database=fresh"; }
  $fukushi db migrate --skip-reference-data >/dev/null
  echo "correct horse battery staple" | $fukushi users add --login bench --name "計測 太郎" --staff-no 1 --roles システム管理 --password-stdin >/dev/null
  measure "$name: import residents --migration, $rows new" $fukushi import residents "$work/residents-20k-$name.csv" --migration --user bench
done
