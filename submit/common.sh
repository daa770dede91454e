# Shared by the scripts of submit/ (sourced, not run): finds the project, builds the application jar when
# it is missing or older than pom.xml or src/main (the first run builds, with Maven), and reads the JVM
# flags of conf/jvm.options.
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$home/target/sparkprop.jar"
classpath_file="$home/target/classpath.txt"

if [[ ! -f "$jar" || ! -f "$classpath_file" || "$home/pom.xml" -nt "$jar" \
      || -n "$(find "$home/src/main" -newer "$jar" -print -quit)" ]]; then
  echo "sparkprop: building the application jar (mvn package)..." >&2
  (cd "$home" && mvn -B -q -DskipTests package >&2)
fi

# Spark's jars, then the Hadoop and YARN configuration directories (as spark-submit puts them on the class
# path), so that hdfs:/// paths and --master yarn find the cluster
spark_classpath="$(cat "$classpath_file")${HADOOP_CONF_DIR:+:$HADOOP_CONF_DIR}${YARN_CONF_DIR:+:$YARN_CONF_DIR}"

# the flags of conf/jvm.options (comments and blank lines left out), on one line
jvm_flags="$(grep -v '^\s*#' "$home/conf/jvm.options" | grep -v '^\s*$' | tr '\n' ' ')"
jvm_flags="${jvm_flags% }"

export OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"

# Runs spark-submit with the given arguments: $SPARK_HOME/bin/spark-submit when SPARK_HOME is set, else
# Spark's SparkSubmit class on the build's class path (with the module flags a Java 17 driver needs).
# Prints the command first (quoted, so that it can be pasted); with SPARKPROP_DRY_RUN=1 only prints it.
# A script whose driver runs here sets driver_log_config to the path of conf/log4j2.properties.
submit() {
  local cmd
  if [[ -n "${SPARK_HOME:-}" ]]; then
    cmd=("$SPARK_HOME/bin/spark-submit")
  else
    # SparkSubmit runs a client-mode driver in its own JVM, which --driver-java-options cannot reach
    # shellcheck disable=SC2206
    cmd=(java $jvm_flags ${driver_log_config:+"-Dlog4j2.configurationFile=$driver_log_config"}
         -cp "$spark_classpath" org.apache.spark.deploy.SparkSubmit)
  fi
  cmd+=(--class io.github.sparkprop.app.Main
        --properties-file "$home/conf/spark-defaults.conf" --load-spark-defaults
        --driver-java-options "$jvm_flags${driver_log_config:+ \"-Dlog4j2.configurationFile=$driver_log_config\"}"
        --conf "spark.executor.extraJavaOptions=$jvm_flags"
        --conf "spark.executorEnv.OPENBLAS_NUM_THREADS=1"
        "$@")
  printf 'sparkprop: running' >&2
  printf ' %q' "${cmd[@]}" >&2
  printf '\n' >&2
  if [[ "${SPARKPROP_DRY_RUN:-}" == 1 ]]; then
    return 0
  fi
  exec "${cmd[@]}"
}
