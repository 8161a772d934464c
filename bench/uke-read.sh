#!/usr/bin/env bash
# Reads a generated UKE file of N claims (default 1,000,000) with UkeReader and prints claims/s and
# peak memory. The generated file goes to $TMPDIR and is deleted afterwards (~200 MB per million).
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project uke-read/UkeRead.csproj -- "${1:-1000000}"
