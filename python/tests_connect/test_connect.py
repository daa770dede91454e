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


def test_a_connect_client_saves_and_loads_a_pipeline(spark, tmp_path):
    from pyspark.ml import Pipeline, PipelineModel
    from pyspark.ml.feature import StandardScaler

    iris = spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True)
    pipeline = Pipeline(stages=[
        StringIndexer(inputCol="species", outputCol="label"),
        VectorAssembler(inputCols=FEATURES, outputCol="raw"),
        StandardScaler(inputCol="raw", outputCol="features"),
        SparkPropClassifier(hiddenLayers=[6], optimizer="adam", stepSize=0.05, maxIter=100, seed=3)])
    model = pipeline.fit(iris)
    expected = [row.probability.toArray().tolist() for row in model.transform(iris).select("probability").collect()]

    path = str(tmp_path / "pipeline")
    model.write().overwrite().save(path)
    loaded = PipelineModel.load(path)
    assert isinstance(loaded.stages[-1], SparkPropClassificationModel)
    assert loaded.stages[-1].getHiddenLayers() == [6]
    actual = [row.probability.toArray().tolist() for row in loaded.transform(iris).select("probability").collect()]
    assert actual == expected


def test_a_connect_client_fits_a_regressor(spark, tmp_path):
    from pyspark.ml.evaluation import RegressionEvaluator
    from sparkprop.ml import SparkPropRegressionModel, SparkPropRegressor

    iris = spark.read.csv(str(DATA / "iris.csv"), header=True, inferSchema=True)
    data = VectorAssembler(inputCols=FEATURES[:3], outputCol="features").transform(iris) \
        .withColumnRenamed("petal_width", "label")
    model = SparkPropRegressor(hiddenLayers=[6], optimizer="adam", stepSize=0.05, maxIter=150, seed=5,
                               standardization=True).fit(data)
    assert isinstance(model, SparkPropRegressionModel) and model.numFeatures == 3
    rmse = RegressionEvaluator(metricName="rmse").evaluate(model.transform(data))
    assert rmse < 0.3

    path = str(tmp_path / "regressor")
    model.save(path)
    loaded = SparkPropRegressionModel.load(path)
    assert RegressionEvaluator(metricName="rmse").evaluate(loaded.transform(data)) == rmse
