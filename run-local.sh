#!/usr/bin/env bash
# Builds the platform and runs it locally on default settings. Interim version: starts
# tenant-service on the machine's PostgreSQL (127.0.0.1:5432, superuser "postgres" over trust
# auth), creating the local database and roles on first use. Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"

mvn -B -q -DskipTests package

PG="psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt"
$PG -c "SELECT 1 FROM pg_roles WHERE rolname = 'aiagents_owner'" | grep -q 1 \
  || $PG -c "CREATE ROLE aiagents_owner LOGIN CREATEROLE PASSWORD 'aiagents_owner_local'"
$PG -c "SELECT 1 FROM pg_database WHERE datname = 'aiagents'" | grep -q 1 \
  || $PG -c "CREATE DATABASE aiagents OWNER aiagents_owner"

export TENANT_ENCRYPTION_KEY="${TENANT_ENCRYPTION_KEY:-$(head -c 32 /dev/urandom | base64)}"
export PLATFORM_ADMIN_TOKEN="${PLATFORM_ADMIN_TOKEN:-local-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export PLATFORM_SERVICE_TOKEN="${PLATFORM_SERVICE_TOKEN:-local-service-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

JAR=tenant-service/target/tenant-service-0.1.0-SNAPSHOT.jar
java -jar "$JAR" db migrate tenant-service/config.yml
echo "tenant-service: http://127.0.0.1:8081  (admin http://127.0.0.1:9081)"
echo "operator token: $PLATFORM_ADMIN_TOKEN"
exec java -jar "$JAR" server tenant-service/config.yml
