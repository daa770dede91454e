"""A Spark Connect client fits, applies, saves and loads sparkprop's estimators and models: the server finds
them through the service files in the jar and creates them by their Java class names."""

import pytest
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import StringIndexer, VectorAssembler
from pyspark.sql.utils import is_remote

from conftest import DATA
from sparkprop.ml import SparkPropClassificationModel, SparkPropClassifier

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def test_a_connect_client_fits_transforms_saves_and_loads(spark, tmp_path):
    assert is_remote()
    iris = spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True)
    data = VectorAssembler(inputCols=FEATURES, outputCol="features").transform(
        StringIndexer(inputCol="species", outputCol="label").fit(iris).transform(iris))
    classifier = SparkPropClassifier(hiddenLayers=[8], optimizer="adam", stepSize=0.05, maxIter=120, seed=7,
                                     standardization=True)
    model = classifier.fit(data)
    assert isinstance(model, SparkPropClassificationModel)
    assert model.numFeatures == 4 and model.numClasses == 3
    assert model.getHiddenLayers() == [8]
    predictions = model.transform(data)
    accuracy = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(predictions)
    assert accuracy > 0.9
    with pytest.raises(RuntimeError, match="not available through Spark Connect"):
        model.summary

    path = str(tmp_path / "model")
    model.save(path)
    loaded = SparkPropClassificationModel.load(path)
    assert loaded.numFeatures == 4 and loaded.getMaxIter() == 120
    again = MulticlassClassificationEvaluator(metricName="accuracy").evaluate(loaded.transform(data))
    assert again == accuracy

    estimator_path = str(tmp_path / "estimator")
    classifier.save(estimator_path)
    assert SparkPropClassifier.load(estimator_path).getHiddenLayers() == [8]
