#!/usr/bin/env bash
# The Python package's tests, as mvn verify runs them (after the jar is built and copied into the package):
# a virtual environment under target/python-venv with the package, pyspark, pytest, onnx and onnxruntime,
# then pytest on python/tests against a local SparkSession with the built jar, and on python/tests_connect
# against a Spark Connect server with it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
venv=target/python-venv
if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
# the dependencies once (pyspark is a 450 MB source package: pip builds and caches its wheel on first use),
# then this build's package and jar every time
"$venv/bin/pip" install --quiet --disable-pip-version-check "./python[test]"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall ./python
rm -rf python/build python/*.egg-info
cd python
"../$venv/bin/python" -m pytest -q -p no:cacheprovider --durations=8 tests
# Spark Connect in a process of its own (Connect mode is process-wide); SPARK_TESTING gives the server a
# free port instead of 15002
SPARK_TESTING=1 exec "../$venv/bin/python" -m pytest -q -p no:cacheprovider tests_connect
