"""Cross-validation from PySpark, as its users run it: 8 maps (hidden 32, 64, 128, 256 x step 0.1, 0.3; sigmoid,
full-batch gradient descent, 10 iterations, unstandardised, as MLlib's network) x 3 folds on the shipped 8k MNIST:
PySpark's CrossValidator over SparkPropClassifier (its fitMultiple: each fold's maps together), the same with
PySpark's own fitMultiple (map by map, as before), and over MultilayerPerceptronClassifier. One run each after a
warm-up fit; wall seconds, the best average accuracy, and how far apart the two sparkprop runs' metrics are.

    target/python-venv/bin/python scripts/bench/crossvalidation.py [--master local[*]] [--out target/bench/...]
"""

import argparse
import json
import time
from pathlib import Path

from pyspark.ml.base import Estimator
from pyspark.ml.classification import MultilayerPerceptronClassifier
from pyspark.ml.evaluation import MulticlassClassificationEvaluator
from pyspark.ml.feature import VectorAssembler
from pyspark.ml.tuning import CrossValidator
from pyspark.sql import SparkSession

import sparkprop
from sparkprop.ml import SparkPropClassifier

HIDDEN = [32, 64, 128, 256]
STEPS = [0.1, 0.3]
FOLDS = 3


class OneByOne(SparkPropClassifier):
    """SparkPropClassifier with PySpark's own fitMultiple: one fit per map."""
    fitMultiple = Estimator.fitMultiple


def timed(validator, data):
    start = time.perf_counter()
    model = validator.fit(data)
    return model, time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--mnist", default="data/mnist-train-8k.csv.gz")
    parser.add_argument("--iterations", type=int, default=10)
    parser.add_argument("--out", default="target/bench/crossvalidation-python.json")
    args = parser.parse_args()
    spark = (SparkSession.builder.master(args.master).config("spark.jars", sparkprop.jar())
             .config("spark.driver.memory", "6g").getOrCreate())
    spark.sparkContext.setLogLevel("WARN")
    csv = spark.read.csv(args.mnist, header=True, inferSchema=True)
    pixels = [c for c in csv.columns if c != "label"]
    data = VectorAssembler(inputCols=pixels, outputCol="features").transform(csv) \
        .selectExpr("cast(label as double) label", "features").cache()
    data.count()

    evaluator = MulticlassClassificationEvaluator(metricName="accuracy")

    def search(estimator, maps):
        return CrossValidator(estimator=estimator, estimatorParamMaps=maps, evaluator=evaluator, numFolds=FOLDS,
                              seed=7)

    settings = dict(activation="sigmoid", optimizer="gd", maxIter=args.iterations, regParam=0.0, seed=1,
                    standardization=False)
    together, apart = SparkPropClassifier(**settings), OneByOne(**settings)
    mlp = MultilayerPerceptronClassifier(solver="gd", maxIter=args.iterations, tol=0.0, blockSize=128, seed=1)
    grid = [(h, s) for h in HIDDEN for s in STEPS]
    ours = [{together.hiddenLayers: [h], together.stepSize: s} for h, s in grid]
    ours_apart = [{apart.hiddenLayers: [h], apart.stepSize: s} for h, s in grid]
    theirs = [{mlp.layers: [784, h, 10], mlp.stepSize: s} for h, s in grid]
    together.fit(data, ours[0])  # warm-up
    mlp.fit(data, theirs[0])
    model_together, seconds_together = timed(search(together, ours), data)
    model_apart, seconds_apart = timed(search(apart, ours_apart), data)
    model_mlp, seconds_mlp = timed(search(mlp, theirs), data)
    difference = max(abs(a - b) for a, b in zip(model_together.avgMetrics, model_apart.avgMetrics))
    result = dict(maps=len(grid), folds=FOLDS, iterations=args.iterations, master=args.master,
                  together=seconds_together, oneByOne=seconds_apart, mllib=seconds_mlp,
                  oneByOneOverTogether=seconds_apart / seconds_together, largestMetricDifference=difference,
                  bestAccuracy=max(model_together.avgMetrics), mllibBestAccuracy=max(model_mlp.avgMetrics))
    print(f"PySpark CrossValidator, mnist 8k, {len(grid)} maps x {FOLDS} folds: over SparkPropClassifier "
          f"{seconds_together:.1f} s (fitMultiple together), {seconds_apart:.1f} s map by map "
          f"({seconds_apart / seconds_together:.2f} x), over MultilayerPerceptronClassifier {seconds_mlp:.1f} s; "
          f"best accuracy {result['bestAccuracy']:.4f} (MLlib {result['mllibBestAccuracy']:.4f}), the two "
          f"sparkprop runs' metrics {difference:.1e} apart")
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, indent=2))
    spark.stop()


if __name__ == "__main__":
    main()
