#!/usr/bin/env bash
# docker-compose.cluster.yml's brokers: formats the storage with the SCRAM users before the image's own start
# (kafka-storage.sh format --add-scram), so the users exist in the cluster's first metadata, before any broker
# needs them to log in to another. Then hands over to the image's entrypoint, which finds the storage formatted.
#
# Users: admin (a super user) and every principal docker/kafka/acls.txt names, each with the password in
# SCRAM_PASSWORD_<NAME> (upper case, - as _), e.g. SCRAM_PASSWORD_ORDER_SERVICE. The variables have no KAFKA_
# prefix: the image turns every KAFKA_* variable into a broker setting. Passwords are read once, when the volume
# is new; after changing them, start from scratch with `docker compose down -v`.
#
# Also writes /tmp/admin.properties, the admin login for this container's own Kafka tools (the healthcheck).
set -euo pipefail

: "${CLUSTER_ID:?}" "${KAFKA_LOG_DIRS:?}" "${ACLS:?path of acls.txt}"

password_of() {
  local variable="SCRAM_PASSWORD_$(tr 'a-z-' 'A-Z_' <<< "$1")"
  if [[ -z "${!variable:-}" ]]; then
    echo "No password for Kafka user $1: set $variable" >&2
    exit 1
  fi
  printf '%s' "${!variable}"
}

umask 077
cat > /tmp/admin.properties <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(password_of admin)";
EOF

if [[ ! -f "$KAFKA_LOG_DIRS/meta.properties" ]]; then
  # The settings kafka-storage.sh format reads and checks; the image writes the full server.properties later.
  config=$(mktemp)
  cat > "$config" <<EOF
process.roles=$KAFKA_PROCESS_ROLES
node.id=$KAFKA_NODE_ID
controller.quorum.voters=$KAFKA_CONTROLLER_QUORUM_VOTERS
controller.listener.names=$KAFKA_CONTROLLER_LISTENER_NAMES
listeners=$KAFKA_LISTENERS
listener.security.protocol.map=$KAFKA_LISTENER_SECURITY_PROTOCOL_MAP
inter.broker.listener.name=$KAFKA_INTER_BROKER_LISTENER_NAME
sasl.enabled.mechanisms=$KAFKA_SASL_ENABLED_MECHANISMS
sasl.mechanism.inter.broker.protocol=$KAFKA_SASL_MECHANISM_INTER_BROKER_PROTOCOL
sasl.mechanism.controller.protocol=$KAFKA_SASL_MECHANISM_CONTROLLER_PROTOCOL
listener.name.controller.sasl.enabled.mechanisms=$KAFKA_LISTENER_NAME_CONTROLLER_SASL_ENABLED_MECHANISMS
log.dirs=$KAFKA_LOG_DIRS
EOF
  users=(admin $(grep -v '^\s*#' "$ACLS" | awk 'NF { print $1 }' | sort -u))
  format=(format --cluster-id "$CLUSTER_ID" -c "$config")
  for user in "${users[@]}"; do
    format+=(--add-scram "SCRAM-SHA-512=[name=$user,password=$(password_of "$user")]")
  done
  echo "Formatting $KAFKA_LOG_DIRS with the SCRAM users ${users[*]}"
  /opt/kafka/bin/kafka-storage.sh "${format[@]}"
  rm -f "$config"
fi

exec /etc/kafka/docker/run "$@"
