#!/usr/bin/env bash
# Builds the platform and runs it locally: embedded PostgreSQL and Redis (unless DATABASE_URL /
# REDIS_URL are set), migrations, the SDP simulator and the five services as child processes, a
# demo tenant (acme-corp) onboarded and one ticket enhanced, a demo MSP admin and an acme-corp tenant
# admin created with passwords generated for this run. Prints every URL, a local-only operator token
# and how to sign in as each demo person, then runs until Ctrl-C, which stops everything it started.
#   ./run-local.sh --help           options (other ports, no demo, ...)
#   SKIP_BUILD=1 ./run-local.sh     reuse the jars from the last build
set -euo pipefail
cd "$(dirname "$0")"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "Building the platform (mvn -B -q -DskipTests -pl deploy/local-run -am package) ..."
  mvn -B -q -DskipTests -pl deploy/local-run -am package
fi

JAR=$(ls deploy/local-run/target/local-run-*.jar 2>/dev/null | grep -v -- '-sources\|original-' | head -n 1 || true)
if [ -z "$JAR" ]; then
  echo "no deploy/local-run/target/local-run-*.jar: run without SKIP_BUILD=1" >&2
  exit 1
fi
# Embedded PostgreSQL and Redis unpack their binaries into java.io.tmpdir.
mkdir -p local-run/tmp
exec java -Djava.io.tmpdir=local-run/tmp -jar "$JAR" "$@"
