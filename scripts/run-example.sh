#!/usr/bin/env bash
# Runs the example application (examples/, io.dqlite4j.examples.LibraryApp) end to end.
# Installs the build tools and the dqlite servers if they are missing (needs root then), builds
# and installs every module without tests (the examples build generates its jOOQ classes from
# its migrations with dqlite-jooq:generate), then runs the app:
#   bash scripts/run-example.sh                                   # starts a local 3-node cluster
#   bash scripts/run-example.sh --url jdbc:dqlite://127.0.0.1:9001/library   # an existing cluster
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-build-tools.sh
bash scripts/install-dqlite.sh
mvn -B -ntp -q install -DskipTests
# exec:java runs the app inside Maven's JVM; the arguments go through one property.
mvn -B -ntp -q -pl examples exec:java -Dexec.args="$*"
