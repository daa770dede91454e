"""sparkprop for PySpark: Spark ML estimators over sparkprop's distributed trainer (see ``sparkprop.ml``).

``sparkprop.jar()`` is the path of the application jar this package carries, for ``spark.jars``::

    spark = SparkSession.builder.config("spark.jars", sparkprop.jar()).getOrCreate()

``sparkprop.onnx_inputs(session, rows)`` turns a table's columns into the inputs of a graph that
``sparkprop export`` wrote (onnxruntime then scores them as ``sparkprop predict`` does).
"""

from pathlib import Path

from sparkprop._onnx import onnx_inputs

__all__ = ["jar", "onnx_inputs"]

__version__ = "0.1.0"

_JAR = Path(__file__).resolve().parent / "jars" / "sparkprop.jar"


def jar() -> str:
    """The path of sparkprop's application jar inside this installation.

    Raises FileNotFoundError, saying how to build it, when the package was installed without it.
    """
    if not _JAR.is_file():
        raise FileNotFoundError(
            f"sparkprop's application jar is not in this installation ({_JAR}): build it with Maven "
            "(mvn package at the top of the sparkprop repository copies it into python/sparkprop/jars/), "
            "then install this package again (pip install ./python)")
    return str(_JAR)


# makes the Java package name resolve to sparkprop.ml, for PySpark's loading of saved pipelines
from sparkprop import ml  # noqa: F401,E402
