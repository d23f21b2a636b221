#!/usr/bin/env bash
# Regenerates docs/api/openapi/<service>.json from the services' JAX-RS resources (README.md here).
# Run from anywhere; extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
cd "$(dirname "$0")/../../.."
nice mvn -B "$@" -pl integration-tests -am verify -Dopenapi.regenerate=true \
  -Dtest=OpenApiDocumentsTest -Dsurefire.failIfNoSpecifiedTests=false -DfailIfNoTests=false
git status --short docs/api/openapi
