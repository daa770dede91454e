#!/usr/bin/env bash
# Runs a sparkprop command on a Spark standalone cluster:
#   submit/standalone.sh spark://HOST:7077 COMMAND [OPTIONS]
# e.g. submit/standalone.sh spark://master:7077 train --config conf/mnist-mlp.properties
# A cluster on this machine, for trying it: master="$(submit/cluster-up.sh)", then submit/cluster-down.sh.
# Extra spark-submit settings: SPARK_SUBMIT_ARGS="--executor-memory 4g --total-executor-cores 8".
set -euo pipefail
if [[ $# -lt 2 || "$1" != spark://* ]]; then
  echo "usage: submit/standalone.sh spark://HOST:PORT COMMAND [OPTIONS]" >&2
  exit 2
fi
master="$1"
shift
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
driver_log_config="$home/conf/log4j2.properties" # the driver runs here
# shellcheck disable=SC2086
submit --master "$master" --deploy-mode client ${SPARK_SUBMIT_ARGS:-} "$jar" "$@"
