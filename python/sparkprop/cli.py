"""``sparkprop``, the console command that ``pip install`` puts on the PATH: runs sparkprop's commands (train,
predict, evaluate, inspect, export, bench) on the Spark that pyspark ships, with the jar this package carries and
the JVM flags and Spark settings the project keeps in conf/ (copied into the package by the build), as
``submit/local.sh`` runs them in a checkout: the same output and exit codes. No Maven, no SPARK_HOME; Java 17 or
newer, which pyspark needs too, from JAVA_HOME or the PATH. SPARKPROP_JAVA_OPTS adds JVM flags (e.g. -Xmx8g)."""

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Optional, Sequence

PACKAGE = Path(__file__).resolve().parent
CONF = PACKAGE / "conf"
MAIN = "io.github.sparkprop.app.Main"


def java_executable() -> Optional[str]:
    """JAVA_HOME's java, else the PATH's, else None."""
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = Path(home) / "bin" / ("java.exe" if os.name == "nt" else "java")
        if candidate.is_file():
            return str(candidate)
    return shutil.which("java")


def spark_jars() -> Path:
    """The jars directory of the installed pyspark (found without importing it)."""
    spec = importlib.util.find_spec("pyspark")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("pyspark is not installed: pip install sparkprop brings it")
    return Path(list(spec.submodule_search_locations)[0]) / "jars"


def spark_defaults() -> List[str]:
    """conf/spark-defaults.conf as -D system properties, which Spark reads as its settings."""
    properties = []
    for line in (CONF / "spark-defaults.conf").read_text(encoding="utf-8").splitlines():
        fields = line.split(None, 1)
        if fields and not fields[0].startswith("#"):
            properties.append(f"-D{fields[0]}={fields[1].strip() if len(fields) > 1 else ''}")
    return properties


def java_command(java: str, args: Sequence[str], launcher: str = "sparkprop") -> List[str]:
    """The java command line that runs sparkprop ARGS."""
    from sparkprop import jar

    if not (CONF / "jvm.options").is_file():
        raise FileNotFoundError(f"sparkprop's JVM settings are not in this installation ({CONF}): build the jar "
                                "with Maven (mvn package copies conf/ into python/sparkprop/conf/), then install "
                                "this package again (pip install ./python)")
    classpath = os.pathsep.join([jar(), str(spark_jars() / "*")])
    return [java, f"@{CONF / 'jvm.options'}", *shlex.split(os.environ.get("SPARKPROP_JAVA_OPTS", "")),
            *spark_defaults(), f"-Dlog4j2.configurationFile={CONF / 'log4j2.properties'}",
            f"-Dsparkprop.launcher={launcher}", "-cp", classpath, MAIN, *args]


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    java = java_executable()
    if java is None:
        print("sparkprop: no Java found: install Java 17 or newer (pyspark runs on it too), or set JAVA_HOME",
              file=sys.stderr)
        return 2
    try:
        command = java_command(java, args)
    except FileNotFoundError as e:
        print(f"sparkprop: {e}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    env.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        os.execve(java, command, env)  # the JVM takes this process over: signals and the exit code are its own
    return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main())
