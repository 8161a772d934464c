#!/usr/bin/env bash
# Adds an EF Core migration NAME to both providers' migrations projects (architecture.md §3).
# Usage: scripts/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/add-migration.sh NAME}
dotnet tool restore >/dev/null
dotnet restore >/dev/null
for provider in Postgres Sqlite; do
  dotnet dotnet-ef migrations add "$name" \
    --project "src/FukushiIryo.Migrations.$provider" \
    --startup-project "src/FukushiIryo.Migrations.$provider" \
    --context FukushiDbContext --output-dir Migrations
done
