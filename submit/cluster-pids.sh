# Sourced by cluster-up.sh and cluster-down.sh: whether a recorded pid is still a daemon of the cluster in a
# directory (a Spark Master or Worker whose class path is that cluster's spark-home), so that a pid reused
# by another process after a reboot is never taken for one.
is_cluster_process() {
  local pid="$1" dir="$2" cmdline
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  cmdline="$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$cmdline" == *"org.apache.spark.deploy."* && "$cmdline" == *"$dir/spark-home/jars/"* ]]
}
