"""One local SparkSession for the suite, with the application jar this package carries, and helpers that run
the command line: in the session's JVM, as the `sparkprop` command runs it, or through submit/local.sh on the
same repository."""

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from pyspark.sql import SparkSession

import sparkprop

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"


@pytest.fixture(scope="session")
def spark():
    session = (SparkSession.builder.master("local[2]").appName("sparkprop-python-tests")
               .config("spark.jars", sparkprop.jar())
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.driver.host", "127.0.0.1")
               .getOrCreate())
    yield session
    session.stop()


@pytest.fixture(scope="session")
def iris(spark):
    return spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True)


def cli(*args: str) -> subprocess.CompletedProcess:
    """Runs `submit/local.sh ARGS` and returns what it printed; fails the test on a non-zero exit."""
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1")
    run = subprocess.run([str(REPO / "submit" / "local.sh"), *args], cwd=REPO, env=env, capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, f"submit/local.sh {' '.join(args)} exited {run.returncode}:\n{run.stderr[-3000:]}"
    return run


def in_session(spark):
    """The command line run in the test session's JVM, as the `sparkprop` command runs it (Main.run): no JVM to
    start per command. Relative paths are the pytest process's; fails the test on a non-zero exit."""
    jvm = spark.sparkContext._jvm

    def run(*args):
        array = spark.sparkContext._gateway.new_array(jvm.java.lang.String, len(args))
        for i, arg in enumerate(args):
            array[i] = arg
        out, err = jvm.java.io.StringWriter(), jvm.java.io.StringWriter()
        code = jvm.io.github.sparkprop.app.Main.run(array, jvm.java.io.PrintWriter(out, True),
                                                     jvm.java.io.PrintWriter(err, True))
        assert code == 0, f"sparkprop {' '.join(args)}: {err.toString()}"
        return SimpleNamespace(stdout=out.toString())
    return run
