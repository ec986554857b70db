#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data volume (/docker-entrypoint-initdb.d).
#
# One database and one login role per service, as local-stack's LocalPostgres does: each role owns its
# database, and CONNECT is revoked from PUBLIC, so a service's role can open its own database and no other
# (the maintenance databases included). Passwords come from the environment (.env), never from this file.
# REPLICATION lets a service run the logical outbox relay (ORDERSAGA_MESSAGING_OUTBOX_RELAY=logical) on a slot of
# its own database; the image's pg_hba.conf allows physical replication (the whole cluster's WAL) from inside the
# container only, and a logical slot decodes its own database only.
set -euo pipefail

create_service_database() {
  local name="$1" password="$2"
  # psql quotes the values itself: :"name" as an identifier, :'password' as a literal.
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
       --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE REPLICATION PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"name" TO :"name";
SQL
  echo "database and login role $name created"
}

create_service_database order_service "${ORDER_DB_PASSWORD:?}"
create_service_database inventory_service "${INVENTORY_DB_PASSWORD:?}"
create_service_database payment_service "${PAYMENT_DB_PASSWORD:?}"
create_service_database shipping_service "${SHIPPING_DB_PASSWORD:?}"

psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -c 'REVOKE CONNECT ON DATABASE postgres, template1 FROM PUBLIC'
