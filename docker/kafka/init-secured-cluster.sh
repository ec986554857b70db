#!/usr/bin/env bash
# docker-compose.cluster.yml's kafka-init job, logged in as the super user "admin": creates the topics given as
# arguments and every topic docker/kafka/acls.txt names (create-topics.sh), then adds the ACLs of acls.txt, one
# kafka-acls.sh call a rule. Both steps skip what exists, so a restart of the stack finds nothing to do.
#
# Settings, from the environment: ACLS (the path of acls.txt), SCRAM_PASSWORD_ADMIN, and create-topics.sh's.
# local-stack's KafkaAclsIT runs this script against its broker, with KAFKA_BIN pointing at Kafka's tools there.
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?}" "${ACLS:?}" "${SCRAM_PASSWORD_ADMIN:?}"
KAFKA_BIN=${KAFKA_BIN:-/opt/kafka/bin}
PARALLEL=4   # each kafka-acls.sh call is a JVM, like each kafka-topics.sh call

umask 077
CLIENT_CONFIG=$(mktemp)
export CLIENT_CONFIG KAFKA_BIN
trap 'rm -f "$CLIENT_CONFIG"' EXIT
cat > "$CLIENT_CONFIG" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$SCRAM_PASSWORD_ADMIN";
EOF

rules=$(grep -v '^\s*#' "$ACLS" | awk 'NF')

# Every topic a rule names literally: a topic nobody may use is not worth creating, and a new topic needs a rule.
topics=("$@")
while read -r _ _ type pattern names; do
  if [[ "$type" == Topic && "$pattern" == literal ]]; then
    IFS=, read -ra named <<< "$names"
    for topic in "${named[@]}"; do
      [[ "$topic" == '*' ]] || topics+=("$topic")
    done
  fi
done <<< "$rules"
mapfile -t topics < <(printf '%s\n' "${topics[@]}" | sort -u)
/bin/bash "$(dirname "$0")/create-topics.sh" "${topics[@]}"

# One rule: principal operations resource-type pattern names, as acls.txt explains.
add_acl() {
  local principal=$1 operations=$2 type=$3 pattern=$4 names=$5
  local args=(--add --allow-principal "User:$principal" --resource-pattern-type "$pattern")
  IFS=, read -ra list <<< "$operations"
  for operation in "${list[@]}"; do args+=(--operation "$operation"); done
  IFS=, read -ra list <<< "$names"
  case "$type" in
    Topic) for name in "${list[@]}"; do args+=(--topic "$name"); done ;;
    Group) for name in "${list[@]}"; do args+=(--group "$name"); done ;;
    TransactionalId) for name in "${list[@]}"; do args+=(--transactional-id "$name"); done ;;
    Cluster) args+=(--cluster) ;;
    *) echo "Unknown resource type $type in $ACLS" >&2; return 1 ;;
  esac
  "$KAFKA_BIN/kafka-acls.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" --command-config "$CLIENT_CONFIG" "${args[@]}" \
    > /dev/null
}

count=0
failed=0
pids=()
while read -r principal operations type pattern names; do
  add_acl "$principal" "$operations" "$type" "$pattern" "$names" &
  pids+=($!)
  count=$((count + 1))
  if (( ${#pids[@]} == PARALLEL )); then
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    pids=()
  fi
done <<< "$rules"
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done

if (( failed )); then
  echo "Some ACLs could not be added; see the errors above." >&2
  exit 1
fi
echo "All $count ACL rules of $(basename "$ACLS") are in place."
