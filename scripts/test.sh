#!/usr/bin/env bash
# The whole test suite against the three dqlite server generations (docs/servers.md):
#   1. dqlite 1.18.1 (the default): the full build, unit tests and every integration test;
#   2. dqlite 1.18.7 (the newest release): the integration suites again (integration-tests,
#      jooq-extension), the short chaos suite included;
#   3. dqlite 1.11.1 (the old generation): the same.
# Installs the servers and build tools first if they are missing (needs root then).
# Set DQLITE4J_CHAOS=long for the release-check form of the chaos suite (docs/servers.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-build-tools.sh
bash scripts/install-dqlite.sh
mvn_opts=(-B -ntp "-Ddqlite4j.chaos=${DQLITE4J_CHAOS:-short}")
echo "== dqlite4j: full build and tests against dqlite 1.18.1 =="
mvn "${mvn_opts[@]}" install -Ddqlite.server=1.18
for server in 1.18.7 1.11; do
  echo "== dqlite4j: integration tests against dqlite $server =="
  mvn "${mvn_opts[@]}" test -Ddqlite.server="$server" -pl integration-tests,jooq-extension
done
