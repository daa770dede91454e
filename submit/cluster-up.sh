#!/usr/bin/env bash
# Starts a Spark standalone cluster on this machine from the build's own jars (no Spark distribution
# needed): a Master and N Workers (default 2), each a separate java process bound to the loopback address,
# on ports the system picks free.
#   submit/cluster-up.sh [WORKERS]
# Settings: SPARKPROP_CLUSTER_DIR (default target/cluster) holds the logs, the pids, the Workers' work
# directories and the file master-url; SPARKPROP_WORKER_CORES (default 1) and SPARKPROP_WORKER_MEMORY
# (default 2g) size each Worker. Prints the master URL last. Stop it with submit/cluster-down.sh.
set -euo pipefail
workers="${1:-2}"
if [[ ! "$workers" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: submit/cluster-up.sh [WORKERS], WORKERS a positive number, got '$workers'" >&2
  exit 2
fi
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
dir="${SPARKPROP_CLUSTER_DIR:-$home/target/cluster}"
cores="${SPARKPROP_WORKER_CORES:-1}"
memory="${SPARKPROP_WORKER_MEMORY:-2g}"

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)" # absolute: the daemons' command lines name it, cluster-down.sh checks them
source "$home/submit/cluster-pids.sh"
if [[ -f "$dir/pids" ]]; then
  while read -r pid _; do
    if is_cluster_process "$pid" "$dir"; then
      echo "sparkprop: a cluster started from $dir is running (pid $pid); stop it with submit/cluster-down.sh" >&2
      exit 2
    fi
  done < "$dir/pids"
fi
# only what an earlier cluster-up wrote here: the directory may hold other things
rm -rf "$dir/pids" "$dir/master-url" "$dir/spark-home" "$dir"/master.log "$dir"/worker-*

# A SPARK_HOME of this cluster's own, whose jars/ are the build's Spark jars (links, not copies): Workers
# start their executors with SPARK_HOME/jars on the class path.
spark_home="$dir/spark-home"
mkdir -p "$spark_home/jars"
tr ':' '\n' < "$classpath_file" | while IFS= read -r entry || [[ -n "$entry" ]]; do
  ln -sf "$entry" "$spark_home/jars/"
done

export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1
export OPENBLAS_NUM_THREADS=1

# Starts one daemon (Master or Worker) in the background, its output (Spark's default logging, INFO) in
# $dir/NAME.log, its pid in $dir/pids.
start() {
  local name="$1"
  shift
  # shellcheck disable=SC2086
  nohup java $jvm_flags -Xmx512m -cp "$spark_home/jars/*" "$@" > "$dir/$name.log" 2>&1 < /dev/null &
  echo "$! $name" >> "$dir/pids"
}

# Waits until the log of a daemon shows a line matching a pattern, or fails after 90 s.
await() {
  local name="$1" pattern="$2"
  for _ in $(seq 1 180); do
    if grep -q -E "$pattern" "$dir/$name.log" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$(awk -v n="$name" '$2 == n { print $1 }' "$dir/pids")" 2>/dev/null; then
      echo "sparkprop: the $name stopped; its log, $dir/$name.log, ends with:" >&2
      tail -20 "$dir/$name.log" >&2
      "$home/submit/cluster-down.sh" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "sparkprop: the $name did not start within 90 s; see $dir/$name.log" >&2
  "$home/submit/cluster-down.sh" >&2
  exit 1
}

# interrupted while starting: stop what has started
trap '"$home/submit/cluster-down.sh"; exit 130' INT TERM
start master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 0 --webui-port 0
await master 'Starting Spark master at spark://'
master_url="$(grep -o -E 'spark://127\.0\.0\.1:[0-9]+' "$dir/master.log" | head -1)"
for i in $(seq 1 "$workers"); do
  mkdir -p "$dir/worker-$i"
  start "worker-$i" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --port 0 --webui-port 0 \
    --cores "$cores" --memory "$memory" --work-dir "$dir/worker-$i" "$master_url"
done
for i in $(seq 1 "$workers"); do
  await "worker-$i" 'Successfully registered with master'
done
trap - INT TERM
echo "$master_url" > "$dir/master-url"
echo "sparkprop: cluster up: 1 Master, $workers Workers ($cores core(s), $memory each); logs and pids in $dir" >&2
echo "$master_url"
