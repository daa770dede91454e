"""A Spark Connect server started by pyspark in this process's own JVM (local[2]) with sparkprop's jar on its
class path, and a client session on it. Run apart from the classic tests (Connect mode is process-wide)."""

from pathlib import Path

import pytest
from pyspark.sql import SparkSession

import sparkprop

DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="session")
def spark():
    session = (SparkSession.builder.remote("local[2]")
               .config("spark.jars", sparkprop.jar())
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .getOrCreate())
    yield session
    session.stop()
