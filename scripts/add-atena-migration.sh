#!/usr/bin/env bash
# Adds an EF Core migration NAME of the 宛名 database to both providers (ADR 0027): the migrations live in
# src/FukushiIryo.Atena/Migrations/{Sqlite,Postgres}, one DbContext subclass per provider.
# Check that the model has no change without a migration:
#   dotnet dotnet-ef migrations has-pending-model-changes --project src/FukushiIryo.Atena --context SqliteAtenaDbContext
#   dotnet dotnet-ef migrations has-pending-model-changes --project src/FukushiIryo.Atena --context PostgresAtenaDbContext
# Usage: scripts/add-atena-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-atena-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet restore src/FukushiIryo.Atena >/dev/null
for provider in Postgres Sqlite; do
  dotnet dotnet-ef migrations add "$name" \
    --project src/FukushiIryo.Atena \
    --startup-project src/FukushiIryo.Atena \
    --context "${provider}AtenaDbContext" --output-dir "Migrations/$provider"
done
