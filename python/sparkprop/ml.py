"""sparkprop's Spark ML estimators and models, wrapping the Java classes as PySpark wraps its own.

Every param is declared in source (``sparkprop._params``, written by ``python/generate_params.py`` from the
Java classes' own list of names, docs, types and defaults, which the build puts into the application jar; a
test fails when the two differ). The classes extend PySpark's own probabilistic classifier and regressor bases.

    from sparkprop.ml import SparkPropClassifier
    model = SparkPropClassifier(hiddenLayers=[64], optimizer="adam", stepSize=0.01, maxIter=200).fit(train)
    model.summary.objectiveHistory

Saved pipelines that hold these stages load after ``import sparkprop`` (PySpark finds a stage's Python class
from its Java class name, ``io.github.sparkprop.ml.*``, which this module registers under that name).
"""

import json
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
from pyspark.ml.classification import _JavaProbabilisticClassificationModel, _JavaProbabilisticClassifier
from pyspark.ml.param import Param
from pyspark.ml.regression import _JavaRegressionModel, _JavaRegressor
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable, MLReader
from pyspark.ml.wrapper import JavaModel, JavaWrapper
from pyspark.sql import DataFrame
from pyspark.sql.utils import is_remote

from sparkprop import _pipeline
from sparkprop._params import (_SparkPropClassifierKeywords, _SparkPropClassifierParams,
                               _SparkPropRegressorKeywords, _SparkPropRegressorParams)

JAVA_PACKAGE = "io.github.sparkprop.ml"


def _require_java_class(name: str) -> None:
    """Raises a clear error when the session's JVM has no such class (a session started without sparkprop's
    jar), where Py4J would resolve the name to a package and fail with "'JavaPackage' object is not callable".
    """
    from py4j.java_gateway import JavaClass
    from pyspark.ml.util import _jvm

    java_obj = _jvm()
    for part in name.split("."):
        java_obj = getattr(java_obj, part)
    if not isinstance(java_obj, JavaClass):
        raise RuntimeError(f"the Spark session has no class {name}: start it with sparkprop's jar, "
                           "SparkSession.builder.config(\"spark.jars\", sparkprop.jar()), or spark-submit "
                           "--jars with that path")


class _SparkPropReader(JavaMLReader):
    """Loads through the Java class's own reader (PySpark would derive a pyspark.* name from the module)."""

    @classmethod
    def _java_loader_class(cls, clazz: type) -> str:
        _require_java_class(clazz._java_class_name)
        return clazz._java_class_name


class _SparkPropRemoteReader(MLReader):
    """Loads on a Spark Connect server, naming the Java class (PySpark's remote reader would derive a
    pyspark.* name from the module): the server reads the saved stage and returns its uid and params, and for
    a model a reference to it in the server's cache."""

    def __init__(self, clazz: type):
        super().__init__()
        self._clazz = clazz

    def load(self, path: str):
        import pyspark.sql.connect.proto as pb2
        from pyspark.ml.connect.serialize import deserialize, deserialize_param
        from pyspark.ml.util import RemoteModelRef
        from pyspark.sql.connect.session import SparkSession

        session = SparkSession.getActiveSession()
        if session is None:
            raise RuntimeError("no active Spark Connect session to load " + path + " with")
        is_model = issubclass(self._clazz, JavaModel)
        kind = pb2.MlOperator.OPERATOR_TYPE_MODEL if is_model else pb2.MlOperator.OPERATOR_TYPE_ESTIMATOR
        command = pb2.Command()
        command.ml_command.read.CopyFrom(pb2.MlCommand.Read(
            operator=pb2.MlOperator(name=self._clazz._java_class_name, type=kind), path=path))
        _, properties, _ = session.client.execute_command(command)
        result = deserialize(properties)
        instance = self._clazz(RemoteModelRef(result.obj_ref.id)) if is_model else self._clazz()
        instance._resetUid(result.uid)
        instance._set(**{name: deserialize_param(value) for name, value in result.params.params.items()})
        return instance


class _SparkPropReadable(JavaMLReadable):
    @classmethod
    def read(cls) -> MLReader:
        return _SparkPropRemoteReader(cls) if is_remote() else _SparkPropReader(cls)


def _not_on_connect(what: str) -> None:
    if is_remote():
        raise RuntimeError(f"{what} is not available through Spark Connect: its ML service calls only Spark's "
                           "own model methods (transform, numFeatures, numClasses, save, load); use a classic "
                           "SparkSession, or load the saved model with sparkprop inspect")


class _JavaObjectByName:
    """Creates an estimator's Java object from its class name, saying clearly when the session lacks the jar;
    fits several param maps together."""

    _java_class_name: str = ""

    def _create_java_object(self) -> None:
        if not is_remote():
            _require_java_class(self._java_class_name)
        self._java_obj = self._new_java_obj(self._java_class_name, self.uid)  # type: ignore[attr-defined]

    def fitMultiple(self, dataset: DataFrame, paramMaps: Sequence[Dict[Param, Any]]) -> Iterator[Tuple[int, Any]]:
        """Fits one model per param map, all together (the Java estimator's multi-map fit: one cached data set,
        one Spark job an iteration for every map), each model as ``fit(dataset, paramMap)`` gives it. PySpark's
        CrossValidator and TrainValidationSplit call this; it returns their thread-safe iterator of (index,
        model). Through Spark Connect the maps are fitted one by one."""
        if is_remote() or not paramMaps:
            return super().fitMultiple(dataset, paramMaps)  # type: ignore[misc]
        from pyspark.ml.base import _FitMultipleIterator
        from pyspark.ml.util import _jvm

        self._transfer_params_to_java()  # type: ignore[attr-defined]
        java_maps = _jvm().PythonUtils.toSeq([self._transfer_param_map_to_java(m)  # type: ignore[attr-defined]
                                              for m in paramMaps])
        fitted = self._java_obj.fit(dataset._jdf, java_maps)  # type: ignore[attr-defined]
        models = [self.copy(paramMaps[k])._copyValues(  # type: ignore[attr-defined]
            self._create_model(fitted.apply(k)))  # type: ignore[attr-defined]
            for k in range(fitted.length())]
        return _FitMultipleIterator(lambda index: models[index], len(models))


class _SparkPropModel(JavaMLWritable, _SparkPropReadable):
    """What both models add to PySpark's: the network, its weights per layer, the summary, ONNX export."""

    _java_class_name: str = ""

    @property
    def weights(self) -> List[Tuple[np.ndarray, np.ndarray]]:
        """Per layer l = 1..L, (W^l, b^l): W^l of shape [n_l, n_{l-1}], b^l of shape [n_l] (PyTorch's nn.Linear
        layout), acting on the features as the model standardises them (when it does)."""
        _not_on_connect("weights")
        network = self._java_obj.network()  # type: ignore[attr-defined]
        # one pickled transfer (_call_java), not a Py4J call per element of the Java array
        flat = np.array(self._call_java("weights"), dtype=np.float64)  # type: ignore[attr-defined]
        layers = []
        for l in range(1, network.depth() + 1):
            rows, columns = network.size(l), network.size(l - 1)
            w, b = network.weightOffset(l), network.biasOffset(l)
            layers.append((flat[w:w + rows * columns].reshape(rows, columns), flat[b:b + rows].copy()))
        return layers

    @property
    def layers(self) -> List[int]:
        """The layer sizes n_0, ..., n_L."""
        _not_on_connect("layers")
        network = self._java_obj.network()  # type: ignore[attr-defined]
        return [network.size(l) for l in range(network.depth() + 1)]

    @property
    def network(self) -> str:
        """The network, e.g. '4 -> 8 tanh -> 3 softmax, cross-entropy loss'."""
        _not_on_connect("network")
        return self._java_obj.network().toString()  # type: ignore[attr-defined]

    @property
    def hasSummary(self) -> bool:
        """Whether this model was fitted in this session (a loaded model has no summary)."""
        _not_on_connect("hasSummary")
        return self._call_java("hasSummary")  # type: ignore[attr-defined]

    @property
    def summary(self) -> "SparkPropTrainingSummary":
        """What training went through; raises for a loaded model (see hasSummary)."""
        if not self.hasSummary:
            raise RuntimeError("no training summary: this model was loaded, not fitted")
        return SparkPropTrainingSummary(self._call_java("summary"))  # type: ignore[attr-defined]

    def export_onnx(self, path: str, overwrite: bool = False) -> None:
        """Writes the model as an ONNX graph that reads the table's own columns (or the model's vector column),
        as `sparkprop export` does; ``sparkprop.onnx_inputs`` makes its inputs from a table."""
        _not_on_connect("export_onnx")
        self._java_obj.exportOnnx(path, overwrite)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ClassMetrics:
    """One class's figures."""
    label: str
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Metrics:
    """A model's figures on a set of rows: a classifier's (accuracy ... confusionMatrix) or a regressor's (rmse,
    mae, r2); the others are None. ``metrics["accuracy"]`` reads a field by name too."""
    samples: int
    accuracy: Optional[float] = None
    logLoss: Optional[float] = None
    squaredLoss: Optional[float] = None
    auc: Optional[float] = None
    labels: List[str] = field(default_factory=list)
    perClass: List[ClassMetrics] = field(default_factory=list)
    confusionMatrix: List[List[int]] = field(default_factory=list)
    rmse: Optional[float] = None
    mae: Optional[float] = None
    r2: Optional[float] = None

    @staticmethod
    def from_json(text: str) -> "Metrics":
        figures = json.loads(text)
        figures["perClass"] = [ClassMetrics(**c) for c in figures.get("perClass", [])]
        return Metrics(**figures)

    def __getitem__(self, name: str) -> Any:
        if name not in self.__dataclass_fields__:
            raise KeyError(name)
        return getattr(self, name)


class SparkPropTrainingSummary(JavaWrapper):
    """The objective per iteration, the validation history, why training stopped and the final figures."""

    @property
    def objectiveHistory(self) -> List[float]:
        """The cost J (data loss plus L2) at the start of each iteration."""
        return self._call_java("objectiveHistory")

    @property
    def lossHistory(self) -> List[float]:
        """The data loss without L2, one entry per iteration."""
        return self._call_java("lossHistory")

    @property
    def validationHistory(self) -> List[float]:
        """The validation rows' loss at each iteration's weights; empty without a validation indicator column."""
        return self._call_java("validationHistory")

    @property
    def totalIterations(self) -> int:
        return self._call_java("totalIterations")

    @property
    def stopReason(self) -> str:
        """Why training stopped, e.g. 'completed 100 iterations'."""
        return self._call_java("stopReason")

    @property
    def converged(self) -> bool:
        """Whether a convergence test (tol, the line search, early stopping) ended training rather than maxIter."""
        return self._call_java("converged")

    @property
    def warning(self) -> Optional[str]:
        """Why the loss did not come down (it rose, or stopped improving) and what to try; None when it did."""
        return self._call_java("warning")

    @property
    def trainingMetrics(self) -> Metrics:
        """Accuracy, log loss, per-class precision/recall/F1, confusion matrix (or RMSE, MAE, R^2)."""
        return Metrics.from_json(self._call_java("trainingMetricsJson"))

    @property
    def validationMetrics(self) -> Optional[Metrics]:
        """The same on the validation rows, or None without a validation indicator column."""
        text = self._call_java("validationMetricsJson")
        return None if text is None else Metrics.from_json(text)


class SparkPropClassificationModel(_SparkPropModel, _JavaProbabilisticClassificationModel[Any],
                                   _SparkPropClassifierParams):
    """A fitted sparkprop classifier: appends prediction, rawPrediction and probability columns, as PySpark's
    probabilistic classification models do (thresholds, probabilityCol and rawPredictionCol included)."""

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropClassificationModel"

    @property
    def labels(self) -> List[str]:
        """The class labels in index order, as the model stores them."""
        _not_on_connect("labels")
        return list(self._java_obj.labels())


class SparkPropRegressionModel(_SparkPropModel, _JavaRegressionModel[Any], _SparkPropRegressorParams):
    """A fitted sparkprop regressor: appends a prediction column."""

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropRegressionModel"


class SparkPropClassifier(_JavaObjectByName, _SparkPropClassifierKeywords,
                          _JavaProbabilisticClassifier[SparkPropClassificationModel], _SparkPropClassifierParams,
                          JavaMLWritable, _SparkPropReadable):
    """sparkprop's distributed trainer as a Spark ML probabilistic classifier (a drop-in for
    MultilayerPerceptronClassifier: hiddenLayers instead of its layers). Labels are class indices 0..k-1
    (StringIndexer makes them), features one vector column (VectorAssembler makes it). Every param of the Java
    class, by the same name and default, keyword-only.
    """

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropClassifier"

    def _create_model(self, java_model: Any) -> SparkPropClassificationModel:
        return SparkPropClassificationModel(java_model)


class SparkPropRegressor(_JavaObjectByName, _SparkPropRegressorKeywords,
                         _JavaRegressor[SparkPropRegressionModel], _SparkPropRegressorParams,
                         JavaMLWritable, _SparkPropReadable):
    """sparkprop's distributed trainer as a Spark ML regressor (squared loss, identity output by default)."""

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropRegressor"

    def _create_model(self, java_model: Any) -> SparkPropRegressionModel:
        return SparkPropRegressionModel(java_model)


# PySpark maps a saved or Java stage's class name to a Python class by importing its Java package as a Python
# module ("io.github.sparkprop.ml"); "io" is Python's own io module, which has no submodules, so the name is
# registered here and resolves to this module.
sys.modules.setdefault(JAVA_PACKAGE, sys.modules[__name__])


# PySpark's CrossValidator over a Pipeline whose maps tune a sparkprop stage trains that stage's maps together
_pipeline.install()
