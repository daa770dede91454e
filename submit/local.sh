#!/usr/bin/env bash
# Runs a sparkprop command on the embedded local[*] Spark:  submit/local.sh COMMAND [OPTIONS]
# Works from any directory. Builds the application jar when it is missing or older than pom.xml or src/
# (the first run builds, with Maven), puts Spark's jars on the class path, takes the JVM flags from
# conf/jvm.options and Spark's settings from conf/spark-defaults.conf, and execs java, so the exit code is
# the command's.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# conf/spark-defaults.conf as system properties, which Spark reads as its settings
spark_defaults=()
while read -r key value; do
  [[ -z "$key" || "$key" == \#* ]] || spark_defaults+=("-D$key=$value")
done < "$home/conf/spark-defaults.conf"

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
# shellcheck disable=SC2086
exec java @"$home/conf/jvm.options" ${SPARKPROP_JAVA_OPTS:-} "${spark_defaults[@]}" \
  -Dlog4j2.configurationFile="$home/conf/log4j2.properties" -Dsparkprop.launcher="$0" \
  -cp "$jar:$spark_classpath" io.github.sparkprop.app.Main "$@"
