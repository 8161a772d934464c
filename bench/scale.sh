#!/usr/bin/env bash
# The end-to-end scale suite ("Scale and faults", item 1; docs/benchmarks.md): runs the per-step benchmark
# scripts one after the other at one city size, collects the lines each prints in the contract
#   RESULT <step> db=<postgres|sqlite> wall_s=… cpu_s=… peak_rss_mb=… items=… items_per_s=…
#   RESULT search db=postgres p50_ms=… p95_ms=… p99_ms=… requests=… errors=… peak_rss_mb=…
# and prints one table and writes JSON. A script that is missing, fails or prints no RESULT line for a
# provider is reported as "not measured" for it: nothing is estimated. Each step seeds its own city on its
# own throwaway cluster (or SQLite file) in a temporary folder, which its trap removes (with the generated
# inputs) even when interrupted; this script's own temporary folder (the logs) is removed at the end too.
# Usage: bench/scale.sh --households N --receipts-per-month M [--db postgres|sqlite|both] [--out FILE.json]
# BENCH_NO_BUILD=1: use the Release builds as they are (otherwise built once here, then BENCH_NO_BUILD=1 for
# every step). BENCH_STEPS="import payment ..." runs only those steps (names below). BENCH_KEEP_LOGS=DIR keeps
# each step's full output there. Not a test: it asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
usage() { echo "usage: bench/scale.sh --households N --receipts-per-month M [--db postgres|sqlite|both] [--out FILE.json]" >&2; exit 2; }
households= receipts= db=both out=
while [ $# -gt 0 ]; do
  case "$1" in
    --households) households=${2:-}; shift 2 ;;
    --receipts-per-month) receipts=${2:-}; shift 2 ;;
    --db) db=${2:-}; shift 2 ;;
    --out) out=${2:-}; shift 2 ;;
    *) usage ;;
  esac
done
[[ "$households" =~ ^[1-9][0-9]*$ && "$receipts" =~ ^[1-9][0-9]*$ ]] || usage
case "$db" in postgres|sqlite|both) ;; *) usage ;; esac
[ -n "$out" ] || out=bench/out/scale-$(date -u +%Y%m%dT%H%M%SZ).json
work=$(mktemp -d /tmp/fukushi-scale-XXXXXX)
trap 'rm -rf "$work"' EXIT

# step | script | arguments | the providers it measures (postgres, sqlite or both)
steps=$(cat <<STEPS
import|claims-import-1m.sh|$receipts $households|postgres
import-sqlite|claims-import-sqlite.sh|$receipts $households|sqlite
copy|copy-reference.sh|$receipts $households|postgres
payment|payment-run.sh|$households|both
notices|payment-notices.sh|$households|both
renew|renew-august.sh|$households|both
search|search-latency.sh|$households|postgres
STEPS
)

if [ -z "${BENCH_NO_BUILD:-}" ]; then
  echo "building (Release) …"
  dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
  dotnet build bench/claims-gen/ClaimsGen.csproj -c Release -v q -nologo >/dev/null
  dotnet build bench/search-load/SearchLoad.csproj -c Release -v q -nologo >/dev/null
fi
echo "scale suite: $households households, $receipts receipts per month, db=$db; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), free in /tmp: $(df -h /tmp | awk 'NR == 2 { print $4 }')"

index=0
while IFS='|' read -r step script arguments providers; do
  [ -z "${BENCH_STEPS:-}" ] || [[ " $BENCH_STEPS " == *" $step "* ]] || continue
  [ "$db" = both ] || [ "$providers" = both ] || [ "$providers" = "$db" ] || continue
  index=$((index + 1))
  log=$work/$index-$step.log
  { echo "#step $step"; echo "#script $script"; echo "#providers $providers"; echo "#load_before $(cut -d' ' -f1 /proc/loadavg)"; } > "$log.meta"
  if [ ! -f "bench/$script" ]; then
    echo "#missing" >> "$log.meta"
    echo "[$step] bench/$script: missing — not measured"
    : > "$log"
    continue
  fi
  echo "[$step] bench/$script $arguments …"
  start=$(date +%s)
  status=0
  # shellcheck disable=SC2086 # the arguments are words
  BENCH_NO_BUILD=1 BENCH_DB=$([ "$db" = both ] && echo "" || echo "$db") BENCH_CLIENTS=20 \
    bash "bench/$script" $arguments > "$log" 2>&1 < /dev/null || status=$?
  { echo "#exit $status"; echo "#wall $(( $(date +%s) - start ))"; echo "#load_after $(cut -d' ' -f1 /proc/loadavg)"; } >> "$log.meta"
  if grep -q '^RESULT ' "$log"; then
    grep '^RESULT ' "$log" | awk '!seen[$0]++' | sed 's/^/    /'
  else
    echo "    no RESULT line (exit $status); its last lines:"
    tail -3 "$log" | sed 's/^/      /'
  fi
  if [ -n "${BENCH_KEEP_LOGS:-}" ]; then mkdir -p "$BENCH_KEEP_LOGS" && cp "$log" "$BENCH_KEEP_LOGS/$step.log"; fi
done <<< "$steps"

mkdir -p "$(dirname "$out")"
python3 - "$work" "$out" "$households" "$receipts" "$db" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" <<'PY'
import glob, json, os, re, sys, datetime
work, out, households, receipts, selected, commit = sys.argv[1:7]
rows, steps = [], []
for meta_path in sorted(glob.glob(os.path.join(work, "*.log.meta")), key=lambda p: int(os.path.basename(p).split("-")[0])):
    meta = {}
    for line in open(meta_path, encoding="utf-8"):
        key, _, value = line[1:].strip().partition(" ")
        meta[key] = value
    log = open(meta_path[:-5], encoding="utf-8", errors="replace").read()
    results = []
    seen = set()
    for line in log.splitlines():
        # A script may repeat its RESULT line (search-latency.sh prints the driver's and then its last): count it once.
        if not line.startswith("RESULT ") or line in seen:
            continue
        seen.add(line)
        words = line.split()
        fields = {"step": words[1]}
        for word in words[2:]:
            key, _, value = word.partition("=")
            try:
                fields[key] = float(value) if "." in value else int(value)
            except ValueError:
                fields[key] = value
        fields.setdefault("db", "postgres" if words[1] == "search" else "?")
        results.append(fields)
    wanted = ["postgres", "sqlite"] if meta["providers"] == "both" else [meta["providers"]]
    wanted = [p for p in wanted if selected in ("both", p)]
    measured = {r["db"] for r in results}
    why = "script missing" if "missing" in meta else (f"exit {meta.get('exit')}" if meta.get("exit") != "0" else "no RESULT line")
    not_measured = [{"db": p, "reason": why} for p in wanted if p not in measured]
    steps.append({"step": meta["step"], "script": "bench/" + meta["script"], "exit_code": None if "missing" in meta else int(meta.get("exit", "0")),
                  "wall_s": int(meta["wall"]) if "wall" in meta else None, "load_before": meta.get("load_before"), "load_after": meta.get("load_after"),
                  "results": results, "not_measured": not_measured})
    rows += [(meta["step"], r) for r in results] + [(meta["step"], {"step": meta["step"], "db": n["db"], "missing": n["reason"]}) for n in not_measured]

def cell(r, key, fmt):
    value = r.get(key)
    return "-" if value is None or value == "-" else fmt.format(value)
print()
print(f"{'step':<22} {'db':<9} {'items':>10} {'wall s':>9} {'items/s':>10} {'CPU s':>8} {'peak MB':>8}  latency p50/p95/p99 ms")
for step, r in rows:
    name = r["step"] if r["step"] == step else f"{step}/{r['step']}"
    if "missing" in r:
        print(f"{name:<22} {r['db']:<9} not measured ({r['missing']})")
    elif r["step"] == "search":
        print(f"{name:<22} {r['db']:<9} {cell(r, 'requests', '{:,}'):>10} {'':>9} {'':>10} {'':>8} {cell(r, 'peak_rss_mb', '{}'):>8}  "
              f"{cell(r, 'p50_ms', '{}')}/{cell(r, 'p95_ms', '{}')}/{cell(r, 'p99_ms', '{}')} ({cell(r, 'errors', '{}')} errors)")
    else:
        print(f"{name:<22} {r['db']:<9} {cell(r, 'items', '{:,}'):>10} {cell(r, 'wall_s', '{:.2f}'):>9} {cell(r, 'items_per_s', '{:,.0f}'):>10} "
              f"{cell(r, 'cpu_s', '{:.1f}'):>8} {cell(r, 'peak_rss_mb', '{}'):>8}")
copy = next((r for _, r in rows if r.get("step") == "copy" and "wall_s" in r), None)
imports = [r for _, r in rows if r.get("step") == "import" and r.get("db") == "postgres" and "wall_s" in r]
if copy and imports:
    print(f"import on PostgreSQL / COPY of the same rows: {imports[0]['wall_s'] / copy['wall_s']:.1f}× the wall time")
report = {"suite": "bench/scale.sh", "finished": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "commit": commit, "households": int(households), "receipts_per_month": int(receipts), "db": selected,
          "cores": os.cpu_count(), "load_at_end": open("/proc/loadavg").read().split()[:3], "steps": steps}
with open(out, "w", encoding="utf-8") as f:
    json.dump(report, f, ensure_ascii=False, indent=2)
print(f"written: {out}")
PY
