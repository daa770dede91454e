#!/usr/bin/env bash
# Runs a sparkprop command on YARN (HADOOP_CONF_DIR must point at the cluster's configuration):
#   submit/yarn.sh COMMAND [OPTIONS]
# e.g. submit/yarn.sh train --input hdfs:///data/train.parquet --hidden 256 --output hdfs:///models/m
# Cluster deploy mode by default (DEPLOY_MODE=client to keep the driver here); in cluster mode, paths must
# be on HDFS (or another shared file system), and --config files are not shipped: give options instead.
# Extra spark-submit settings: SPARK_SUBMIT_ARGS="--num-executors 10 --executor-memory 8g".
set -euo pipefail
if [[ $# -lt 1 ]]; then
  echo "usage: submit/yarn.sh COMMAND [OPTIONS]" >&2
  exit 2
fi
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck disable=SC2086
submit --master yarn --deploy-mode "${DEPLOY_MODE:-cluster}" ${SPARK_SUBMIT_ARGS:-} "$jar" "$@"
