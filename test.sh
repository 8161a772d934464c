#!/usr/bin/env bash
# The README's test command. Installs what the suite needs from Debian when it is missing
# (as root; otherwise prints the exact apt-get line and stops), then runs the whole suite.
# The tests start their own throwaway PostgreSQL cluster: nothing needs to run beforehand.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

missing=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if ! command -v runuser >/dev/null 2>&1; then
  missing+=(util-linux)
fi
# The browser tests drive Debian's chromium through Playwright (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  missing+=(chromium fonts-ipaexfont-gothic)
fi

# The document tests read the PDFs back with poppler (pdftotext, pdfinfo, pdffonts, pdftoppm).
if ! command -v pdftotext >/dev/null 2>&1; then
  missing+=(poppler-utils)
fi

# The restore drill (BackupRestoreDrillTests) runs scripts/backup.sh and restore.sh: sqlite3's online backup.
if ! command -v sqlite3 >/dev/null 2>&1; then
  missing+=(sqlite3)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "test.sh: installing ${missing[*]} from Debian"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    # The Debian package starts a cluster of its own; the tests do not use it.
    if command -v pg_ctlcluster >/dev/null 2>&1; then
      service postgresql stop >/dev/null 2>&1 || true
    fi
  else
    echo "test.sh: missing packages. Run as root:"
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
    exit 1
  fi
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test FukushiIryo.sln --configuration Release "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line over all test assemblies.
awk '
  /^(Passed|Failed)!/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i + 1))
      if ($i == "Failed:")  failed  += $(i + 1)
      if ($i == "Passed:")  passed  += $(i + 1)
      if ($i == "Skipped:") skipped += $(i + 1)
    }
  }
  END { printf "Total: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit "$status"
