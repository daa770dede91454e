"""`sparkprop export --format onnx` against `sparkprop predict`: onnxruntime's probabilities on the same rows
equal predict's within 1e-5, and its class indices agree, for an iris model read as one vector and an MNIST model
read as its 784 columns, trained by the command line, an iris model of every hidden activation the jar offers, and a regressor's predictions; onnx's full checker
accepts the graphs."""

import re

import numpy as np
import onnx
import onnxruntime
import pytest
from pyspark.sql import functions as F

from conftest import DATA, in_session


def export_and_predict(spark, tmp_path, model, data, features, form="vector"):
    """Exports the model (checked by onnx's full checker) reading its columns or one vector (form), and predicts
    the rows with the command line:
    (an onnxruntime session on the graph, predict's output rows, the input rows), both in row order."""
    rows = data.withColumn("row_id", F.monotonically_increasing_id())
    table = str(tmp_path / "rows.parquet")
    rows.write.parquet(table)
    graph = str(tmp_path / "model.onnx")
    cli = in_session(spark)
    exported = cli("export", "--model", model, "--format", "onnx", "--output", graph, "--inputs", form)
    assert "exported" in exported.stdout and "opset 13" in exported.stdout
    onnx.checker.check_model(onnx.load(graph), full_check=True)
    predicted = str(tmp_path / "predicted")
    cli("predict", "--model", model, "--input", table, "--output", predicted, "--output-format", "parquet")
    session = onnxruntime.InferenceSession(graph, providers=["CPUExecutionProvider"])
    ours = spark.read.parquet(predicted).orderBy("row_id").collect()
    inputs = spark.read.parquet(table).orderBy("row_id").collect()
    assert [row["row_id"] for row in ours] == [row["row_id"] for row in inputs]
    assert session.get_modelmeta().custom_metadata_map["sparkprop.features"].split("\n") == features
    return session, ours, inputs


def features_of(inputs, features):
    return np.array([[row[f] for f in features] for row in inputs], dtype=np.float32)


def feed(inputs, features, form):
    """The vector input, or one [N, 1] input per column."""
    vector = features_of(inputs, features)
    if form == "vector":
        return {"features": vector}
    return {name: vector[:, [i]] for i, name in enumerate(features)}


def predict_and_run_onnx(spark, tmp_path, model, data, features, label, form="vector"):
    """(predict's probabilities, onnxruntime's probabilities, predict's labels, onnx's class indices, labels)."""
    session, ours, inputs = export_and_predict(spark, tmp_path, model, data, features, form)
    labels = session.get_modelmeta().custom_metadata_map["sparkprop.labels"].split("\n")
    expected = np.array([[row[f"probability_{c}"] for c in labels] for row in ours])
    predicted_labels = [str(row["prediction"]) for row in ours]
    assert [i.name for i in session.get_inputs()] == (["features"] if form == "vector" else features)
    probabilities, classes = session.run(["probabilities", "prediction"], feed(inputs, features, form))
    return expected, probabilities, predicted_labels, classes, labels


def assert_same_scores(expected, probabilities, predicted_labels, classes, labels):
    assert probabilities.dtype == np.float32 and classes.dtype == np.int64
    assert probabilities.shape == expected.shape
    assert np.abs(probabilities.astype(np.float64) - expected).max() < 1e-5
    # the class of every row whose two best probabilities are not within float rounding of each other
    top2 = np.sort(expected, axis=1)[:, -2:]
    clear = top2[:, 1] - top2[:, 0] > 1e-5
    assert clear.mean() > 0.99
    onnx_labels = np.array([labels[c] for c in classes])
    assert (onnx_labels[clear] == np.array(predicted_labels)[clear]).all()


def test_an_iris_model_scores_in_onnxruntime_as_predict_does(spark, tmp_path):
    model = str(tmp_path / "iris-model")
    in_session(spark)("train", "--input", str(DATA / "iris.csv"), "--label", "species", "--hidden", "6", "--activation", "tanh",
        "--standardize", "--optimizer", "adam", "--learning-rate", "0.05", "--iterations", "80", "--seed", "3",
        "--output", model)
    iris = spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True)
    features = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    assert_same_scores(*predict_and_run_onnx(spark, tmp_path, model, iris, features, "species"))


def test_every_hidden_activation_scores_in_onnxruntime_as_predict_does(spark, tmp_path):
    """Every hidden activation the jar offers (as `train --help` lists them: --activation=relu|tanh|...), each with
    its own ONNX nodes; the commands run in this session's JVM."""
    run = in_session(spark)
    activations = re.search(r"--activation=(\S+)", run("train", "--help").stdout).group(1).split("|")
    assert {"relu", "tanh", "gelu", "silu"} <= set(activations)
    iris = spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True)
    features = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    for activation in activations:
        model = str(tmp_path / activation / "model")
        run("train", "--input", str(DATA / "iris.csv"), "--label", "species", "--hidden", "4", "--activation",
            activation, "--optimizer", "adam", "--learning-rate", "0.05", "--iterations", "30", "--seed", "2",
            "--output", model)
        assert_same_scores(*predict_and_run_onnx(spark, tmp_path / activation, model, iris, features, "species"))


def test_an_mnist_model_scores_in_onnxruntime_as_predict_does(spark, tmp_path):
    """Its 784 pixel columns as 784 graph inputs (--inputs columns)."""
    model = str(tmp_path / "mnist-model")
    in_session(spark)("train", "--input", str(DATA / "mnist-train-8k.csv.gz"), "--label", "label", "--hidden", "32", "--standardize",
        "--optimizer", "adam", "--learning-rate", "0.002", "--iterations", "30", "--seed", "1", "--output", model)
    test = spark.read.csv(str(DATA / "mnist-test-2k.csv.gz"), header=True, inferSchema=True)
    features = [c for c in test.columns if c != "label"]
    expected, probabilities, predicted_labels, classes, labels = predict_and_run_onnx(
        spark, tmp_path, model, test, features, "label", form="columns")
    assert len(expected) == 2000
    assert_same_scores(expected, probabilities, predicted_labels, classes, labels)


def test_a_one_unit_classifier_gives_two_columns_and_the_class_of_a_half(spark, tmp_path):
    model = str(tmp_path / "binary-model")
    binary = spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True) \
        .withColumn("virginica", (F.col("species") == "virginica").cast("int")).drop("species")
    source = str(tmp_path / "binary.parquet")
    binary.write.parquet(source)
    in_session(spark)("train", "--input", source, "--label", "virginica", "--hidden", "4", "--activation", "leaky-relu",
        "--iterations", "60", "--optimizer", "adam", "--learning-rate", "0.05", "--output", model)
    features = ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    expected, probabilities, predicted_labels, classes, labels = predict_and_run_onnx(
        spark, tmp_path, model, binary, features, "virginica")
    assert probabilities.shape == (150, 2) and labels == ["0", "1"]
    assert_same_scores(expected, probabilities, predicted_labels, classes, labels)


def test_a_regressor_predicts_in_onnxruntime_as_predict_does(spark, tmp_path):
    model = str(tmp_path / "regressor")
    features = ["sepal_length", "sepal_width", "petal_length"]
    iris = spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True).drop("species")
    source = str(tmp_path / "iris.parquet")
    iris.write.parquet(source)
    in_session(spark)("train", "--input", source, "--label", "petal_width", "--task", "regression", "--hidden", "5",
        "--standardize", "--optimizer", "adam", "--learning-rate", "0.05", "--iterations", "80", "--seed", "6",
        "--output", model)
    session, ours, inputs = export_and_predict(spark, tmp_path, model, iris.drop("petal_width"), features)
    assert [output.name for output in session.get_outputs()] == ["prediction"]
    (prediction,) = session.run(["prediction"], {"features": features_of(inputs, features)})
    expected = np.array([[row["prediction"]] for row in ours])
    assert prediction.dtype == np.float32 and prediction.shape == (150, 1)
    assert np.abs(prediction.astype(np.float64) - expected).max() < 1e-5
    assert np.abs(expected[:, 0] - np.array([row["petal_width"] for row in iris.collect()])).mean() < 0.3
