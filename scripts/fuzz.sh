#!/usr/bin/env bash
# Fuzzes the four import readers (UKE, autopay CSV, residents CSV, tax CSV) with the property-based
# fuzzer of tests/FukushiIryo.App.Tests/Fuzzing (ADR 0036) for SECONDS per reader (default 60).
# A finding fails with the shrunk input printed as C# (Convert.FromHexString("…")) and FsCheck's
# replay seed: paste it into a regression test in that folder and fix the reader.
# The normal test suite runs the same fuzzer for 6 s per reader (FUKUSHI_FUZZ_SECONDS unset).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET]   (TARGET: uke, autopay, residents or tax; default all)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
target=${2:-}
case "$seconds" in ''|*[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS] [TARGET]" >&2; exit 2 ;; esac
filter="FullyQualifiedName~ReaderFuzzTests.Any_input"
if [ -n "$target" ]; then
  case "$target" in uke|autopay|residents|tax) ;; *) echo "TARGET is uke, autopay, residents or tax: $target" >&2; exit 2 ;; esac
  filter="$filter&DisplayName~$target"
fi
if [ -z "${FUZZ_NO_BUILD:-}" ]; then
  dotnet build tests/FukushiIryo.App.Tests -c Release -v q -nologo >/dev/null
fi
# The per-test timeout of the runner would stop a long run: none is set, and the budget is per reader.
FUKUSHI_FUZZ_SECONDS=$seconds dotnet test tests/FukushiIryo.App.Tests -c Release --no-build \
  --filter "$filter" --logger "console;verbosity=normal"
