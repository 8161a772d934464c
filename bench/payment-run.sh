#!/usr/bin/env bash
# Benchmark: `fukushi payments prepare` over a demo city on SQLite. Seeds HOUSEHOLDS demo households
# (default 20000) with the shipped bank master, adds one 可 autopay claim (医科外来, 3,000円) per
# recipient for 処理年月 2026-10 straight into the database, then times prepare (twice: the second
# replaces the first), approve is not timed (needs a TOTP), export is not timed. Prints wall time and
# peak memory per step. Not a test: it asserts nothing. Usage: bench/payment-run.sh [HOUSEHOLDS]
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-20000}
work=$(mktemp -d /tmp/fukushi-paybench-XXXXXX)
trap 'rm -rf "$work"' EXIT
dotnet build src/FukushiIryo.Cli -c Release -v q -nologo >/dev/null
fukushi="dotnet src/FukushiIryo.Cli/bin/Release/net10.0/fukushi.dll"
export FUKUSHI_DB="sqlite:$work/fukushi.db" FUKUSHI_AUDIT_ANCHORS=$work/anchors.log

measure() { # label command... — prints the command's wall time and peak resident memory
  local label=$1; shift
  /usr/bin/time -o "$work/time" -f "%e %M" "$@" >"$work/out"
  read -r seconds kilobytes < "$work/time"
  printf '%-50s %8s s %6s MB\n' "$label" "$seconds" "$(( kilobytes / 1024 ))"
}

$fukushi db migrate >/dev/null
echo "quiet river under paper lanterns" | $fukushi users add --login bench --name "計測 太郎" --staff-no 7777 --roles システム管理,支払 --password-stdin >/dev/null
$fukushi demo seed --households "$households" --seed 1 --user bench >/dev/null

# One 可 claim per recipient: the MedicalClaims columns the model requires get neutral values.
python3 - "$work/fukushi.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cols = db.execute("PRAGMA table_info(MedicalClaims)").fetchall()
values = {"Source": "Autopay", "ImportedFileId": 0, "SourceLine": 0, "ProcessingMonth": 202610, "ServiceMonth": 202609,
          "ProviderCode": "0100102", "PrefectureCode": "29", "ProviderName": "奈良診療所", "Schedule": "Medical", "Inpatient": 0,
          "InsurerShareRate": 70, "Points": 1000, "PatientShare": 3000, "HighCostRefund": 0, "ExtraBenefit": 0, "OtherPublicAmount": 0,
          "LongTerm": 0, "DisasterMutualAid": 0, "MatchStatus": "Matched", "MatchReason": "bench", "RawRecords": "", "ImportedAt": 0}
names = [c[1] for c in cols if c[1] != "Id" and (c[3] or c[1] in values)]
recipients = [r[0] for r in db.execute("SELECT Id FROM Recipients")]
rows = [[(rid if n == "RecipientId" else values.get(n, 0 if cols[[c[1] for c in cols].index(n)][2].upper() in ("INTEGER", "REAL") else "")) for n in names] for rid in recipients]
if "RecipientId" not in names:
    names.append("RecipientId"); rows = [r + [rid] for r, rid in zip(rows, recipients)]
db.executemany(f"INSERT INTO MedicalClaims ({','.join(names)}) VALUES ({','.join('?' * len(names))})", rows)
db.execute("""INSERT INTO ClaimReviews (MedicalClaimId, ProcessingMonth, ProviderCode, Outcome, Status, ReviewedAt, ReviewedBy, Version)
              SELECT Id, ProcessingMonth, ProviderCode, 'Accepted', 'Open', 0, 'bench', 0 FROM MedicalClaims""")
db.commit()
print(f"{len(recipients)} claims", file=sys.stderr)
PY

printf '%-50s %10s %9s\n' "step ($households households)" "wall" "peak RSS"
measure "sqlite: payments prepare" $fukushi payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
measure "sqlite: payments prepare again (replaces)" $fukushi payments prepare --month 2026-10 --pay-date 2026-11-20 --user bench
cat "$work/out"
