#!/usr/bin/env bash
# Runs a sparkprop command on Kubernetes:
#   submit/k8s.sh k8s://https://API_SERVER:443 COMMAND [OPTIONS]
# SPARKPROP_IMAGE names a Spark 4.2 image with the application jar at /opt/sparkprop/sparkprop.jar
# (for example built FROM apache/spark:4.2.0 with target/sparkprop.jar copied in). Data and models must be
# on a shared file system (HDFS, S3 with s3a://). Extra settings: SPARK_SUBMIT_ARGS="--conf ...".
set -euo pipefail
if [[ $# -lt 2 || "$1" != k8s://* ]]; then
  echo "usage: submit/k8s.sh k8s://https://HOST:PORT COMMAND [OPTIONS]" >&2
  exit 2
fi
if [[ -z "${SPARKPROP_IMAGE:-}" ]]; then
  echo "submit/k8s.sh: set SPARKPROP_IMAGE to the container image holding /opt/sparkprop/sparkprop.jar" >&2
  exit 2
fi
master="$1"
shift
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck disable=SC2086
submit --master "$master" --deploy-mode cluster \
  --conf "spark.kubernetes.container.image=$SPARKPROP_IMAGE" \
  ${SPARK_SUBMIT_ARGS:-} local:///opt/sparkprop/sparkprop.jar "$@"
