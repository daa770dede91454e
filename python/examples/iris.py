"""The README's Python quick start: a Pipeline with SparkPropClassifier on iris, its summary, save and load,
and a CrossValidator over hiddenLayers. Run from the top of the repository (it reads data/iris.csv):

    .venv/bin/python python/examples/iris.py
"""
import sparkprop
from pyspark.sql import SparkSession
from pyspark.ml import Pipeline, PipelineModel
from pyspark.ml.feature import StringIndexer, VectorAssembler, StandardScaler
from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from sparkprop.ml import SparkPropClassifier

spark = SparkSession.builder.master("local[*]").config("spark.jars", sparkprop.jar()).getOrCreate()
iris = spark.read.csv("data/iris.csv", header=True, inferSchema=True)
classifier = SparkPropClassifier(hiddenLayers=[16], optimizer="adam", stepSize=0.05, maxIter=200, seed=42)
pipeline = Pipeline(stages=[
    StringIndexer(inputCol="species", outputCol="label"),
    VectorAssembler(inputCols=["sepal_length", "sepal_width", "petal_length", "petal_width"], outputCol="raw"),
    StandardScaler(inputCol="raw", outputCol="features"),
    classifier])
model = pipeline.fit(iris)
model.transform(iris).select("species", "probability", "prediction").show(5)
summary = model.stages[-1].summary
print(summary.objectiveHistory[-1], summary.stopReason, summary.trainingMetrics["accuracy"])
model.write().overwrite().save("models/iris-pipeline")
PipelineModel.load("models/iris-pipeline")

grid = ParamGridBuilder().addGrid(classifier.hiddenLayers, [[4], [16]]).build()
cv = CrossValidator(estimator=pipeline, estimatorParamMaps=grid, numFolds=3,
                    evaluator=MulticlassClassificationEvaluator(metricName="accuracy")).fit(iris)
print("best hiddenLayers:", cv.bestModel.stages[-1].getHiddenLayers(), "accuracy:", max(cv.avgMetrics))
