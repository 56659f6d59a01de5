#!/usr/bin/env bash
# The whole test suite: unit tests, then every integration test against real local dqlite
# clusters of dqlite 1.18.1 (the default), then the integration suites again against dqlite
# 1.11.1. Installs the servers and build tools first if they are missing (needs root then).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-build-tools.sh
bash scripts/install-dqlite.sh
mvn_opts=(-B -ntp)
echo "== dqlite4j: full build and tests against dqlite 1.18.1 =="
mvn "${mvn_opts[@]}" install -Ddqlite.server=1.18
echo "== dqlite4j: integration tests against dqlite 1.11.1 =="
mvn "${mvn_opts[@]}" test -Ddqlite.server=1.11 -pl integration-tests,jooq-extension
