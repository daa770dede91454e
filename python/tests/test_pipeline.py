"""The estimators as PySpark users use MLlib's: a Pipeline of StringIndexer, VectorAssembler, StandardScaler
and SparkPropClassifier fitted, applied, saved and loaded; the summary; CrossValidator and
TrainValidationSplit over hiddenLayers; the regressor; PySpark's mapping of Java class names to Python classes
(the io.github package name against Python's io module), also in a fresh process that imported only sparkprop."""

import subprocess
import sys

from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.evaluation import MulticlassClassificationEvaluator, RegressionEvaluator
from pyspark.ml.feature import StandardScaler, StringIndexer, VectorAssembler
from pyspark.ml.tuning import (CrossValidator, CrossValidatorModel, ParamGridBuilder, TrainValidationSplit,
                               TrainValidationSplitModel)
from pyspark.ml.wrapper import JavaParams

from sparkprop.ml import (SparkPropClassificationModel, SparkPropClassifier, SparkPropRegressionModel,
                          SparkPropRegressor, SparkPropTrainingSummary)

FEATURES = ["sepal_length", "sepal_width", "petal_length", "petal_width"]


def iris_pipeline(classifier):
    return Pipeline(stages=[
        StringIndexer(inputCol="species", outputCol="label"),
        VectorAssembler(inputCols=FEATURES, outputCol="raw"),
        StandardScaler(inputCol="raw", outputCol="features"),
        classifier])


def accuracy(predictions):
    return MulticlassClassificationEvaluator(metricName="accuracy").evaluate(predictions)


def test_a_pipeline_fits_transforms_saves_and_loads(iris, tmp_path):
    classifier = SparkPropClassifier(hiddenLayers=[8], optimizer="adam", stepSize=0.05, maxIter=150, seed=7)
    model = iris_pipeline(classifier).fit(iris)
    predictions = model.transform(iris)
    assert {"prediction", "probability", "rawPrediction"} <= set(predictions.columns)
    assert accuracy(predictions) > 0.9

    network = model.stages[-1]
    assert isinstance(network, SparkPropClassificationModel)
    assert network.numClasses == 3 and network.numFeatures == 4
    assert network.getHiddenLayers() == [8] and network.getMaxIter() == 150
    assert [(w.shape, b.shape) for w, b in network.weights] == [((8, 4), (8,)), ((3, 8), (3,))]
    assert network.layers == [4, 8, 3]
    # thresholds as PySpark's probabilistic models take them: a 0 for class 2 predicts it everywhere
    prepared = PipelineModel(model.stages[:-1]).transform(iris)
    always_two = network.copy({network.thresholds: [1.0, 1.0, 0.0]}).transform(prepared)
    assert {row.prediction for row in always_two.select("prediction").collect()} == {2.0}
    assert "4 -> 8" in network.network

    summary = network.summary
    assert isinstance(summary, SparkPropTrainingSummary)
    assert summary.totalIterations == 150 and len(summary.objectiveHistory) == 150
    assert summary.objectiveHistory[-1] < summary.objectiveHistory[0] / 4
    assert summary.stopReason == "completed 150 iterations"
    assert summary.converged is False, "maxIter ended it, not a convergence test"
    assert summary.warning is None, "the loss came down"
    assert summary.validationHistory == [] and summary.validationMetrics is None
    assert summary.trainingMetrics["samples"] == 150 and summary.trainingMetrics.samples == 150
    assert summary.trainingMetrics.accuracy > 0.9 and summary.trainingMetrics.rmse is None
    assert [c.label for c in summary.trainingMetrics.perClass] == ["0", "1", "2"]
    assert sum(map(sum, summary.trainingMetrics.confusionMatrix)) == 150

    path = str(tmp_path / "pipeline")
    model.write().overwrite().save(path)
    loaded = PipelineModel.load(path)
    assert isinstance(loaded.stages[-1], SparkPropClassificationModel)
    assert loaded.stages[-1].getHiddenLayers() == [8]
    assert not loaded.stages[-1].hasSummary
    expected = [row.probability.toArray().tolist() for row in predictions.select("probability").collect()]
    actual = [row.probability.toArray().tolist() for row in loaded.transform(iris).select("probability").collect()]
    assert actual == expected

    alone = str(tmp_path / "network")
    network.save(alone)
    again = SparkPropClassificationModel.load(alone)
    assert all((w1 == w2).all() and (b1 == b2).all() for (w1, b1), (w2, b2) in zip(again.weights, network.weights))
    assert again.uid == network.uid


def test_an_estimator_saves_and_loads_with_its_params(tmp_path):
    classifier = SparkPropClassifier(hiddenLayers=[5, 3], precision="float32", maxIter=12)
    path = str(tmp_path / "estimator")
    classifier.save(path)
    loaded = SparkPropClassifier.load(path)
    assert loaded.uid == classifier.uid
    assert loaded.getHiddenLayers() == [5, 3] and loaded.getPrecision() == "float32" and loaded.getMaxIter() == 12


def test_java_stages_map_back_to_these_classes_despite_pythons_io_module(spark, iris):
    java_classifier = spark.sparkContext._jvm.io.github.sparkprop.ml.SparkPropClassifier()
    java_classifier.setMaxIter(3)
    python = JavaParams._from_java(java_classifier)
    assert isinstance(python, SparkPropClassifier)
    assert python.getMaxIter() == 3 and python.uid == java_classifier.uid()


def test_a_fresh_process_loads_a_saved_pipeline_after_import_sparkprop(iris, tmp_path):
    path = str(tmp_path / "pipeline")
    iris_pipeline(SparkPropClassifier(hiddenLayers=[3], maxIter=2)).fit(iris).save(path)
    # run outside the source tree: the installed package, as a user has it
    program = (
        "import sparkprop\n"  # the package alone, as a program does for spark.jars; not sparkprop.ml
        "from pyspark.sql import SparkSession\n"
        "from pyspark.ml import PipelineModel\n"
        "spark = (SparkSession.builder.master('local[1]').config('spark.jars', sparkprop.jar())\n"
        "         .config('spark.ui.enabled', 'false').config('spark.driver.host', '127.0.0.1').getOrCreate())\n"
        f"stage = PipelineModel.load({path!r}).stages[-1]\n"
        "print(type(stage).__module__, type(stage).__name__, stage.getHiddenLayers())\n")
    run = subprocess.run([sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.split() == ["sparkprop.ml", "SparkPropClassificationModel", "[3]"]


def test_cross_validator_and_train_validation_split_choose_among_hidden_layers(iris, tmp_path):
    classifier = SparkPropClassifier(optimizer="adam", stepSize=0.05, maxIter=60, seed=3)
    grid = ParamGridBuilder().addGrid(classifier.hiddenLayers, [[2], [8]]).build()
    prepared = iris_pipeline(SparkPropClassifier(maxIter=1)).fit(iris).transform(iris).select("features", "label")
    evaluator = MulticlassClassificationEvaluator(metricName="accuracy")
    cv = CrossValidator(estimator=classifier, estimatorParamMaps=grid, evaluator=evaluator, numFolds=2, seed=5)
    cv_model = cv.fit(prepared)
    assert len(cv_model.avgMetrics) == 2
    assert isinstance(cv_model.bestModel, SparkPropClassificationModel)
    assert cv_model.bestModel.getHiddenLayers() in ([2], [8])
    path = str(tmp_path / "cv")
    cv_model.save(path)
    assert CrossValidatorModel.load(path).bestModel.getHiddenLayers() == cv_model.bestModel.getHiddenLayers()

    tvs = TrainValidationSplit(estimator=classifier, estimatorParamMaps=grid, evaluator=evaluator, trainRatio=0.7,
                               seed=5)
    tvs_model = tvs.fit(prepared)
    assert len(tvs_model.validationMetrics) == 2
    path = str(tmp_path / "tvs")
    tvs_model.save(path)
    assert isinstance(TrainValidationSplitModel.load(path).bestModel, SparkPropClassificationModel)


def test_the_regressor_fits_with_a_validation_column(spark, iris):
    data = VectorAssembler(inputCols=FEATURES[:3], outputCol="features").transform(iris) \
        .withColumnRenamed("petal_width", "label") \
        .withColumn("validation", (iris.sepal_length * 10 % 5 == 0))
    regressor = SparkPropRegressor(hiddenLayers=[8], optimizer="adam", stepSize=0.02, maxIter=200, seed=1,
                                   standardization=True, validationIndicatorCol="validation", evalEvery=10)
    model = regressor.fit(data)
    assert isinstance(model, SparkPropRegressionModel)
    rmse = RegressionEvaluator(metricName="rmse").evaluate(model.transform(data))
    assert rmse < 0.3
    summary = model.summary
    assert len(summary.validationHistory) > 0
    assert summary.validationMetrics.rmse < 0.4 and summary.trainingMetrics.rmse < 0.3


def test_fit_multiple_trains_the_maps_together_as_fits_one_by_one(iris):
    """PySpark's CrossValidator and TrainValidationSplit call fitMultiple: the maps train together (the Java
    multi-map fit), each model as fit(dataset, paramMap) gives it."""
    data = VectorAssembler(inputCols=FEATURES, outputCol="features").transform(
        StringIndexer(inputCol="species", outputCol="label").fit(iris).transform(iris)).select("features", "label")
    classifier = SparkPropClassifier(maxIter=8, optimizer="adam", stepSize=0.05)
    maps = ParamGridBuilder().addGrid(classifier.hiddenLayers, [[3], [5]]).build()
    context = iris.sparkSession.sparkContext
    context.setJobGroup("together", "fitMultiple")
    together = dict(classifier.fitMultiple(data, maps))
    context.setJobGroup("apart", "fit one by one")
    apart = [classifier.fit(data, params) for params in maps]
    context.setJobGroup(None, None)
    jobs = {group: len(context.statusTracker().getJobIdsForGroup(group)) for group in ("together", "apart")}
    # one read of the data and 8 rounds for the two, instead of two reads and 16 passes
    assert jobs["together"] < jobs["apart"] - 10, jobs
    assert sorted(together) == [0, 1]
    for index, alone in enumerate(apart):
        model = together[index]
        assert isinstance(model, SparkPropClassificationModel)
        assert model.getHiddenLayers() == alone.getHiddenLayers() and model.getSeed() == alone.getSeed()
        for (w1, b1), (w2, b2) in zip(model.weights, alone.weights):
            assert abs(w1 - w2).max() <= 1e-9 * abs(w2).max() and abs(b1 - b2).max() <= 1e-9 * abs(w2).max()


def test_a_pipelines_fit_multiple_trains_its_sparkprop_stages_maps_together(iris):
    """CrossValidator over a Pipeline calls the Pipeline's fitMultiple: when the maps tune only the sparkprop stage,
    the stages before it are fitted once and the stage's maps together; each PipelineModel is the one
    pipeline.fit(dataset, paramMap) gives. Maps that tune another stage are fitted as PySpark fits them."""
    classifier = SparkPropClassifier(maxIter=8, optimizer="adam", stepSize=0.05)
    pipeline = iris_pipeline(classifier)
    maps = ParamGridBuilder().addGrid(classifier.hiddenLayers, [[3], [5]]).addGrid(classifier.seed, [1, 2]).build()
    context = iris.sparkSession.sparkContext
    context.setJobGroup("pipeline together", "fitMultiple")
    together = dict(pipeline.fitMultiple(iris, maps))
    context.setJobGroup("pipeline apart", "fit one by one")
    apart = [pipeline.fit(iris, params) for params in maps]
    scaler = pipeline.getStages()[2]
    other = ParamGridBuilder().addGrid(scaler.withMean, [False, True]).build()
    context.setJobGroup("another stage", "fitMultiple")
    of_another_stage = dict(pipeline.fitMultiple(iris, other))
    context.setJobGroup(None, None)
    jobs = {group: len(context.statusTracker().getJobIdsForGroup(group))
            for group in ("pipeline together", "pipeline apart", "another stage")}
    # the indexer and scaler fitted once, and 8 rounds for the four maps
    assert jobs["pipeline together"] < jobs["pipeline apart"] / 2, jobs
    for index, alone in enumerate(apart):
        model = together[index]
        assert isinstance(model, PipelineModel) and len(model.stages) == 4
        last = model.stages[-1]
        assert last.getHiddenLayers() == alone.stages[-1].getHiddenLayers() and last.getSeed() == maps[index][
            classifier.seed]
        for (w1, b1), (w2, b2) in zip(last.weights, alone.stages[-1].weights):
            assert abs(w1 - w2).max() <= 1e-9 * abs(w2).max() and abs(b1 - b2).max() <= 1e-9 * abs(w2).max()
    assert [of_another_stage[k].stages[2].getWithMean() for k in (0, 1)] == [False, True]
