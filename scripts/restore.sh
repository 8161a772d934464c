#!/usr/bin/env bash
# Restores a folder written by scripts/backup.sh into FRESH databases and places (it never overwrites):
# checks manifest.sha256 first, then the welfare and 宛名 databases (PostgreSQL: pg_restore of the -Fc dump
# into an existing empty database, one transaction; SQLite: the copy, integrity-checked, to a path that does
# not exist yet), the 宛名 key ring, the audit anchor file and the Web's
# data-protection keys. Targets are the settings fukushi reads: FUKUSHI_DB, FUKUSHI_ATENA_DB,
# FUKUSHI_ATENA_KEYS, FUKUSHI_AUDIT_ANCHORS, FUKUSHI_DATA_PROTECTION_KEYS (defaults under data/). Each database is restored to the provider it
# was backed up from. Usage: scripts/restore.sh BACKUP_FOLDER. Exit codes: 0 restored, 1 refused (manifest
# mismatch, a target not empty), 2 usage, 4 environment. Afterwards run `fukushi audit verify` (docs/manual/backup.md).
set -euo pipefail
source "$(dirname "$0")/backup-common.sh"

[ $# -eq 1 ] || die 2 "usage: scripts/restore.sh BACKUP_FOLDER"
from=$(cd "$1" && pwd) || die 2 "no such folder: $1"
[ -f "$from/manifest.sha256" ] || die 1 "$from has no manifest.sha256: not a backup of scripts/backup.sh"
(cd "$from" && sha256sum --quiet --strict -c manifest.sha256) || die 1 "the backup does not match its manifest (a file is damaged or missing)"
umask 077

# Refuse anything but fresh targets, all of them, before restoring anything.
check_fresh() { # name setting
  local name=$1 setting=$2 target
  target=$(target_of "$setting")
  case "$(provider_of "$setting")" in
    postgres)
      [ -f "$from/$name.dump" ] || die 2 "the backup's $name database is not a PostgreSQL dump (restore it to SQLite)"
      pg_conninfo "$target"
      pick_pg_tools "$conninfo"
      local tables
      tables=$("$pgbin/psql" -X -qAt -d "$conninfo" -c "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')") \
        || die 4 "cannot open the target $name database (create it empty first)"
      [ "$tables" = 0 ] || die 1 "the target $name database is not empty ($tables tables)" ;;
    sqlite)
      [ -f "$from/$name.sqlite" ] || die 2 "the backup's $name database is not a SQLite file (restore it to PostgreSQL)"
      [ -e "$target" ] && die 1 "the target $name database $target already exists"
      command -v sqlite3 >/dev/null || die 4 "sqlite3 not found (Debian: apt-get install sqlite3)" ;;
  esac
}
check_fresh welfare "$welfare_db"
check_fresh atena "$atena_db"
compgen -G "$atena_keys/atena-key-v*.json" >/dev/null && die 1 "the target key ring $atena_keys already holds keys"
[ -e "$audit_anchors" ] && [ -f "$from/audit-anchors.log" ] && die 1 "the target anchor file $audit_anchors already exists"

restore() { # name setting
  local name=$1 setting=$2 target
  target=$(target_of "$setting")
  case "$(provider_of "$setting")" in
    postgres)
      pg_conninfo "$target"
      pick_pg_tools "$conninfo"
      "$pgbin/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction -d "$conninfo" "$from/$name.dump" \
        || die 4 "pg_restore of the $name database failed (nothing was restored into it)"
      "$pgbin/psql" -X -q -d "$conninfo" -c ANALYZE >/dev/null ;;
    sqlite)
      mkdir -p "$(dirname "$target")"
      cp "$from/$name.sqlite" "$target.restoring"
      [ "$(sqlite3 "$target.restoring" 'PRAGMA integrity_check')" = ok ] || { rm -f "$target.restoring"; die 1 "the $name copy fails its integrity check"; }
      mv "$target.restoring" "$target" ;;
  esac
  echo "restored the $name database"
}
restore welfare "$welfare_db"
restore atena "$atena_db"

mkdir -p "$atena_keys"
chmod 700 "$atena_keys"
cp "$from"/atena-keys/atena-key-v*.json "$atena_keys/"
chmod 600 "$atena_keys"/atena-key-v*.json
echo "restored the 宛名 key ring: $(ls "$from/atena-keys" | wc -l) key file(s)"
if [ -f "$from/audit-anchors.log" ]; then
  mkdir -p "$(dirname "$audit_anchors")"
  cp "$from/audit-anchors.log" "$audit_anchors"
  echo "restored the audit anchor file"
fi
if [ -d "$from/data-protection-keys" ]; then
  mkdir -p -m 700 "$data_protection_keys"
  cp -n "$from"/data-protection-keys/*.xml "$data_protection_keys/"
  echo "restored the data-protection keys"
fi
echo "next: fukushi audit verify --user <監査 or システム管理>"
