"""A model saved from Python is read by the command line (inspect, evaluate), and one the command line trained
loads in Python, scores raw columns as evaluate does, and exports from Python a graph that scores them alike."""

import re

import numpy as np
import onnxruntime

from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler

from conftest import DATA, cli, in_session
from sparkprop import onnx_inputs
from sparkprop.ml import SparkPropClassificationModel, SparkPropClassifier

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def accuracy_printed(text):
    return float(re.search(r"accuracy (\d\.\d+)", text).group(1))


def test_a_python_model_is_read_by_inspect_and_evaluate(spark, iris, tmp_path):
    data = VectorAssembler(inputCols=FEATURES, outputCol="features").transform(
        StringIndexer(inputCol="species", outputCol="label").fit(iris).transform(iris)).select("features", "label")
    model = SparkPropClassifier(hiddenLayers=[6], optimizer="adam", stepSize=0.05, maxIter=100, seed=2).fit(data)
    ours = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(model.transform(data))
    path = str(tmp_path / "python-model")
    model.save(path)
    inspected = cli("inspect", "--model", path).stdout  # submit/local.sh in a process of its own
    assert "4 -> 6" in inspected and "vector column 'features'" in inspected
    table = str(tmp_path / "data.parquet")
    data.write.parquet(table)
    evaluated = in_session(spark)("evaluate", "--model", path, "--input", table, "--label", "label").stdout
    assert abs(accuracy_printed(evaluated) - ours) < 1e-4


def test_a_command_line_model_loads_in_python_and_scores_raw_columns(spark, iris, tmp_path):
    path = str(tmp_path / "cli-model")
    run = in_session(spark)
    run("train", "--input", str(DATA / "iris.csv"), "--label", "species", "--hidden", "5", "--standardize",
        "--optimizer", "adam", "--learning-rate", "0.05", "--iterations", "60", "--seed", "4", "--output", path)
    evaluated = run("evaluate", "--model", path, "--input", str(DATA / "iris.csv"), "--label", "species").stdout
    model = SparkPropClassificationModel.load(path)
    assert model.labels == ["setosa", "versicolor", "virginica"] and not model.hasSummary
    predictions = model.transform(iris).collect()
    correct = sum(model.labels[int(row.prediction)] == row.species for row in predictions)
    assert abs(correct / len(predictions) - accuracy_printed(evaluated)) < 1e-4

    # its ONNX graph, written from Python, reads the same raw columns and gives the same probabilities
    graph = str(tmp_path / "cli-model.onnx")
    model.export_onnx(graph)
    session = onnxruntime.InferenceSession(graph, providers=["CPUExecutionProvider"])
    rows = iris.collect()
    probabilities, _ = session.run(None, onnx_inputs(session, {c: [row[c] for row in rows] for c in iris.columns}))
    expected = np.array([row.probability.toArray() for row in predictions])
    assert np.abs(probabilities.astype(np.float64) - expected).max() < 1e-5
