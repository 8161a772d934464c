#!/usr/bin/env bash
# Publishes the two programs for a server (admin-guide §1.0): the `fukushi` CLI and the Web application,
# framework-dependent for linux-x64, compiled ahead of time (ReadyToRun) so that a batch does not spend its
# first seconds in the JIT (ADR 0023, session 8). Usage: scripts/publish.sh [OUT [cli|web|all]] (default: publish/, all).
# Writes OUT/cli (run as `dotnet OUT/cli/fukushi.dll …`) and OUT/web (`dotnet OUT/web/FukushiIryo.Web.dll`).
# Needs the .NET 10 SDK and the NuGet feed (the ReadyToRun compiler is a NuGet package the SDK picks).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-publish}
case ${2:-all} in
  cli) projects=Cli ;;
  web) projects=Web ;;
  all) projects="Cli Web" ;;
  *) echo "usage: scripts/publish.sh [OUT [cli|web|all]]" >&2; exit 2 ;;
esac
rid=${FUKUSHI_PUBLISH_RID:-linux-x64}
for project in $projects; do
  target=$out/$(echo "$project" | tr '[:upper:]' '[:lower:]')
  rm -rf "$target"
  dotnet publish "src/FukushiIryo.$project" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -o "$target" -v q -nologo
  echo "published $target"
done
