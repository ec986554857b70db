#!/usr/bin/env bash
# compose's kafka-init job: creates the topics given as arguments before any service starts, so no consumer
# ever subscribes to a topic that does not exist yet (the broker does not auto-create topics).
#
# Settings, from the environment: BOOTSTRAP_SERVERS, TOPIC_PARTITIONS, TOPIC_REPLICATION_FACTOR, and
# TOPIC_MIN_INSYNC_REPLICAS (optional; set 2 on a three-broker cluster), and CLIENT_CONFIG (optional: a client
# properties file with the login, on a cluster that asks for one). Topics that exist are left as they are, so a
# restart of the stack finds nothing to do. KAFKA_BIN: where Kafka's tools are (the image's /opt/kafka/bin).
set -euo pipefail

: "${BOOTSTRAP_SERVERS:?}" "${TOPIC_PARTITIONS:?}" "${TOPIC_REPLICATION_FACTOR:?}"
PARALLEL=4   # each kafka-topics.sh call is a JVM; a few at a time keep the first start short and the memory low

kafka_topics() {
  "${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP_SERVERS" ${CLIENT_CONFIG:+--command-config "$CLIENT_CONFIG"} "$@"
}

create() {
  local settings=(--partitions "$TOPIC_PARTITIONS" --replication-factor "$TOPIC_REPLICATION_FACTOR")
  if [[ -n "${TOPIC_MIN_INSYNC_REPLICAS:-}" ]]; then
    settings+=(--config "min.insync.replicas=$TOPIC_MIN_INSYNC_REPLICAS")
  fi
  # kafka-topics warns about the dots in every name; the names follow DESIGN section 3, so that is only noise.
  kafka_topics --create --if-not-exists --topic "$1" "${settings[@]}" 2>&1 \
    | { grep -v "Due to limitations in metric names" || true; }
}

existing=" $(kafka_topics --list | tr '\n' ' ') "
missing=()
for topic in "$@"; do
  if [[ "$existing" != *" $topic "* ]]; then
    missing+=("$topic")
  fi
done
echo "$(( $# - ${#missing[@]} )) of $# topics exist; creating ${#missing[@]} (partitions=$TOPIC_PARTITIONS," \
     "replication-factor=$TOPIC_REPLICATION_FACTOR, min.insync.replicas=${TOPIC_MIN_INSYNC_REPLICAS:-broker default})"

failed=0
for ((i = 0; i < ${#missing[@]}; i += PARALLEL)); do
  pids=()
  for topic in "${missing[@]:i:PARALLEL}"; do
    create "$topic" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
  done
done

if (( failed )); then
  echo "Some topics could not be created; see the errors above." >&2
  exit 1
fi
echo "All $# topics are ready."
