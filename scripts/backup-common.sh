# Shared by scripts/backup.sh and scripts/restore.sh (sourced, not run). See docs/manual/backup.md.

# The database settings as the application reads them (DatabaseSettings: "sqlite:PATH" or "postgres:CONNECTION").
welfare_db=${FUKUSHI_DB:-sqlite:data/fukushi.db}
atena_db=${FUKUSHI_ATENA_DB:-sqlite:data/atena.db}
atena_keys=${FUKUSHI_ATENA_KEYS:-data/atena-keys}
audit_anchors=${FUKUSHI_AUDIT_ANCHORS:-data/audit-anchors.log}
# ASP.NET Core data-protection keys (sign-in cookies, anti-forgery tokens) of the Web application: the folder it
# is configured with (FUKUSHI_DATA_PROTECTION_KEYS, default data/data-protection-keys: DataProtectionKeys.cs).
# Installations started before that setting existed kept them in the user's ~/.aspnet/DataProtection-Keys:
# backup takes them from there when the configured folder does not exist.
data_protection_keys=${FUKUSHI_DATA_PROTECTION_KEYS:-data/data-protection-keys}
data_protection_keys_source=$data_protection_keys
if [ -z "${FUKUSHI_DATA_PROTECTION_KEYS:-}" ] && [ ! -d "$data_protection_keys" ] && [ -d "${HOME:-/nonexistent}/.aspnet/DataProtection-Keys" ]; then
  data_protection_keys_source=${HOME}/.aspnet/DataProtection-Keys
fi

die() { # code message — prints to stderr and exits (2 usage, 4 environment, 1 refused, as the CLI's exit codes)
  echo "$(basename "$0"): $2" >&2
  exit "$1"
}

provider_of() { # "sqlite:…" -> sqlite, "postgres:…" -> postgres
  case "${1%%:*}" in
    [Ss][Qq][Ll][Ii][Tt][Ee]) echo sqlite ;;
    [Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss]|[Pp][Oo][Ss][Tt][Gg][Rr][Ee][Ss][Qq][Ll]) echo postgres ;;
    *) die 2 "unknown database setting (sqlite:PATH or postgres:CONNECTION expected)" ;;
  esac
}

target_of() { echo "${1#*:}"; }

# An Npgsql connection string ("Host=…;Port=…;Username=…;Database=…;Password=…") as libpq keyword=value pairs
# for pg_dump / pg_restore / psql, in $conninfo; a password goes to PGPASSWORD, never on a command line.
pg_conninfo() {
  local IFS=';' part key value out=""
  unset PGPASSWORD
  for part in $1; do
    [ -z "${part// /}" ] && continue
    key=$(printf '%s' "${part%%=*}" | tr -d ' ' | tr '[:upper:]' '[:lower:]')
    value=${part#*=}
    value=${value//\'/\\\'}
    case "$key" in
      host|server) out+="host='$value' " ;;
      port) out+="port='$value' " ;;
      username|userid|user) out+="user='$value' " ;;
      database|db) out+="dbname='$value' " ;;
      password|pwd) export PGPASSWORD=${part#*=} ;;
      sslmode)
        value=$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]')
        case "$value" in verifyca) value=verify-ca ;; verifyfull) value=verify-full ;; esac
        out+="sslmode='$value' " ;;
      *) ;; # pooling, timeouts and the like: not for the tools
    esac
  done
  conninfo=$out
}

# The PostgreSQL client binaries whose major version matches the server (pg_dump refuses a newer server, and
# a newer pg_dump's custom format may not restore with an older pg_restore): $pgbin.
pick_pg_tools() { # conninfo
  local any major
  any=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$any" ] || any=$(dirname "$(command -v psql 2>/dev/null || echo /nonexistent/psql)")
  [ -x "$any/psql" ] || die 4 "PostgreSQL client tools not found (Debian: apt-get install postgresql-client)"
  major=$("$any/psql" -X -qAt -d "$1" -c "SELECT current_setting('server_version_num')::int / 10000") \
    || die 4 "cannot connect to the PostgreSQL server"
  if [ -x "/usr/lib/postgresql/$major/bin/pg_dump" ]; then
    pgbin=/usr/lib/postgresql/$major/bin
  else
    die 4 "no pg_dump of the server's major version $major (/usr/lib/postgresql/$major/bin): install postgresql-client-$major"
  fi
}
