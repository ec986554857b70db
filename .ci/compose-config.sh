#!/usr/bin/env bash
# Validates every compose file without a Docker engine: `docker-compose config -q` parses each file (and the
# cluster overlay on top of the base file), checks it against the Compose schema and resolves every variable.
# Installs Debian's docker-compose package first when it is missing. Called by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v docker-compose > /dev/null; then
  echo "Installing docker-compose (Debian package) ..."
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  if ! $sudo apt-get install -y --no-install-recommends docker-compose; then
    $sudo apt-get update
    $sudo apt-get install -y --no-install-recommends docker-compose
  fi
fi

check() {
  echo "docker-compose $* config -q"
  docker-compose "$@" config -q
}

check -f docker-compose.yml
check -f docker-compose.yml --profile ui
check -f docker-compose.yml --profile observability
check -f docker-compose.yml -f docker-compose.cluster.yml
echo "Compose files are valid."
