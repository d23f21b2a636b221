#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is new: the owner role that migrations use (not a
# superuser) and the database it owns. The runtime role is created by `tenant-service db migrate`
# (docs/configuration.md): neither superuser nor BYPASSRLS, owning no table.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner="$DATABASE_MIGRATION_USER" -v owner_password="$DATABASE_MIGRATION_PASSWORD" <<'SQL'
CREATE ROLE :"owner" LOGIN CREATEROLE NOSUPERUSER PASSWORD :'owner_password';
CREATE DATABASE aiagents OWNER :"owner";
\c aiagents
ALTER SCHEMA public OWNER TO :"owner";
SQL
