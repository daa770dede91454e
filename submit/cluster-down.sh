#!/usr/bin/env bash
# Stops the cluster that submit/cluster-up.sh started: exactly the processes whose pids it wrote down
# (Workers first, then the Master), and the executors those Workers launched. A recorded pid that is now
# another process (after a reboot) is left alone: only a Spark daemon of this cluster is stopped.
# Settings: SPARKPROP_CLUSTER_DIR as for cluster-up.sh.
set -euo pipefail
trap 'echo "sparkprop: cluster-down.sh failed at line $LINENO: $BASH_COMMAND" >&2' ERR
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${SPARKPROP_CLUSTER_DIR:-$home/target/cluster}"
if [[ ! -f "$dir/pids" ]]; then
  echo "sparkprop: no cluster was started from $dir" >&2
  exit 0
fi
dir="$(cd "$dir" && pwd)" # as cluster-up.sh wrote it into the daemons' command lines

# The pids, Workers first (a Worker kills its executors when it stops; its children are killed too, in
# case it cannot), the Master last.
pids=()
while read -r pid name; do
  [[ "$name" == master ]] || pids+=("$pid")
done < "$dir/pids"
while read -r pid name; do
  [[ "$name" != master ]] || pids+=("$pid")
done < "$dir/pids"

children() {
  # the direct children of a process (executors of a Worker), from /proc; a process that ends while they are
  # read (this script's own pipelines among them) is skipped, not taken for a failure
  local parent="$1" status
  for status in /proc/[0-9]*/status; do
    awk -v p="$parent" '$1 == "PPid:" && $2 == p { split(FILENAME, f, "/"); print f[3] }' "$status" 2>/dev/null \
      || true
  done
}

source "$home/submit/cluster-pids.sh"
stopped=0
for pid in "${pids[@]}"; do
  if is_cluster_process "$pid" "$dir"; then
    stopped=$((stopped + 1))
    executors="$(children "$pid" | tr '\n' ' ')"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -9 "$pid" 2>/dev/null || true
    for child in $executors; do
      kill -9 "$child" 2>/dev/null || true
    done
  fi
done
rm -f "$dir/pids" "$dir/master-url"
echo "sparkprop: cluster stopped ($stopped of the ${#pids[@]} recorded processes were running)" >&2
