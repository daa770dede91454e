#!/usr/bin/env bash
# Runs a sparkprop command on YARN (HADOOP_CONF_DIR must point at the cluster's configuration):
#   submit/yarn.sh COMMAND [OPTIONS]
# e.g. submit/yarn.sh train --input hdfs:///data/train.parquet --hidden 256 --output hdfs:///models/m
# Cluster deploy mode by default (DEPLOY_MODE=client to keep the driver here); in cluster mode, paths must
# be on HDFS (or another shared file system), --config files are not shipped (give options instead), and
# what the command prints (evaluate --json, inspect) goes to the driver's log in YARN, not to this terminal.
# Extra spark-submit settings: SPARK_SUBMIT_ARGS="--num-executors 10 --executor-memory 8g".
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: submit/yarn.sh COMMAND [OPTIONS]" >&2
  exit 2
fi
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
if [[ "${DEPLOY_MODE:-cluster}" == client ]]; then
  driver_log_config="$home/conf/log4j2.properties"
fi
# shellcheck disable=SC2086
submit --master yarn --deploy-mode "${DEPLOY_MODE:-cluster}" ${SPARK_SUBMIT_ARGS:-} "$jar" "$@"
