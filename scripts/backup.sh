#!/usr/bin/env bash
# Backs up the whole system into one dated folder (owner-only, 0700/0600): the welfare database and the 宛名
# database (PostgreSQL: pg_dump -Fc; SQLite: the online backup API of the sqlite3 shell, safe while the
# application runs), the 宛名 key ring (FUKUSHI_ATENA_KEYS), the audit chain's anchor file
# (FUKUSHI_AUDIT_ANCHORS), the Web application's data-protection keys when present, a description
# (backup-info.txt) and manifest.sha256 (SHA-256 of every file; `sha256sum -c manifest.sha256` checks it).
# Usage: scripts/backup.sh DEST — writes DEST/fukushi-backup-YYYYMMDDTHHMMSSZ/ and prints its path.
# Reads the same settings as fukushi (FUKUSHI_DB, FUKUSHI_ATENA_DB, FUKUSHI_ATENA_KEYS, FUKUSHI_AUDIT_ANCHORS,
# defaults under data/ relative to the current folder) and FUKUSHI_DATA_PROTECTION_KEYS. Exit codes: 0 done,
# 2 usage, 4 environment (a database, a tool or the key ring missing). Never prints a password or key.
# The key ring must be kept on other media than the database dumps: see docs/manual/backup.md.
set -euo pipefail
source "$(dirname "$0")/backup-common.sh"

[ $# -eq 1 ] || die 2 "usage: scripts/backup.sh DEST"
umask 077
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$1"
out=$(cd "$1" && pwd)/fukushi-backup-$stamp
[ -e "$out" ] && die 1 "$out already exists"
mkdir "$out"
chmod 700 "$out"
partial=$out
trap '[ -n "$partial" ] && rm -rf "$partial"' EXIT # nothing half-written is left behind

dump() { # name setting — writes $out/NAME.dump (PostgreSQL) or $out/NAME.sqlite (SQLite)
  local name=$1 setting=$2 target
  target=$(target_of "$setting")
  case "$(provider_of "$setting")" in
    postgres)
      pg_conninfo "$target"
      pick_pg_tools "$conninfo"
      "$pgbin/pg_dump" -Fc --no-owner --no-privileges -d "$conninfo" -f "$out/$name.dump" || die 4 "pg_dump of the $name database failed"
      echo "$name: postgres, $("$pgbin/pg_dump" --version)" >> "$out/backup-info.txt" ;;
    sqlite)
      [ -f "$target" ] || die 4 "the $name database $target does not exist"
      command -v sqlite3 >/dev/null || die 4 "sqlite3 not found (Debian: apt-get install sqlite3)"
      # The online backup API: a consistent copy even while the application writes (WAL included).
      sqlite3 "$target" ".timeout 30000" ".backup '$out/$name.sqlite'" || die 4 "backup of the $name database failed"
      [ "$(sqlite3 "$out/$name.sqlite" 'PRAGMA integrity_check')" = ok ] || die 4 "the copy of the $name database fails its integrity check"
      echo "$name: sqlite, $(sqlite3 --version | cut -d' ' -f1)" >> "$out/backup-info.txt" ;;
  esac
}

{
  echo "FukushiIryo backup $stamp"
  echo "host: $(hostname)"
} > "$out/backup-info.txt"
dump welfare "$welfare_db"
dump atena "$atena_db"

# The 宛名 key ring: without it the 宛名 dump yields no 個人番号. Every version is kept (older backups may need them).
compgen -G "$atena_keys/atena-key-v*.json" >/dev/null || die 4 "the 宛名 key ring $atena_keys holds no key file"
mkdir "$out/atena-keys"
cp -p "$atena_keys"/atena-key-v*.json "$out/atena-keys/"
echo "atena key versions: $(ls "$out/atena-keys" | sed -E 's/atena-key-v([0-9]+)\.json/\1/' | sort -n | tr '\n' ' ')" >> "$out/backup-info.txt"

if [ -f "$audit_anchors" ]; then
  cp -p "$audit_anchors" "$out/audit-anchors.log"
else
  echo "warning: no audit anchor file at $audit_anchors (the audit chain is then verified without anchors)" >&2
fi
if [ -d "$data_protection_keys_source" ] && compgen -G "$data_protection_keys_source/*.xml" >/dev/null; then
  mkdir "$out/data-protection-keys"
  cp -p "$data_protection_keys_source"/*.xml "$out/data-protection-keys/"
  echo "data-protection keys: $(ls "$out/data-protection-keys" | wc -l)" >> "$out/backup-info.txt"
fi

chmod -R go-rwx "$out"
(cd "$out" && find . -type f ! -name manifest.sha256 -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum > manifest.sha256)
chmod 600 "$out/manifest.sha256"
partial=
echo "$out"
