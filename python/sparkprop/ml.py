"""sparkprop's Spark ML estimators and models, wrapping the Java classes as PySpark wraps its own.

Every param is declared from the Java classes' own list (name, doc, type, default), which the build writes
into the application jar (``io/github/sparkprop/ml/params.json``): the two sides cannot drift apart.

    from sparkprop.ml import SparkPropClassifier
    model = SparkPropClassifier(hiddenLayers=[64], optimizer="adam", stepSize=0.01, maxIter=200).fit(train)
    model.summary.objectiveHistory

Saved pipelines that hold these stages load after ``import sparkprop`` (PySpark finds a stage's Python class
from its Java class name, ``io.github.sparkprop.ml.*``, which this module registers under that name).
"""

import inspect
import json
import sys
import zipfile
from typing import Any, Dict, List, Optional

from pyspark import keyword_only
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.util import JavaMLReadable, JavaMLReader, JavaMLWritable, MLReader
from pyspark.ml.wrapper import JavaEstimator, JavaModel, JavaWrapper
from pyspark.sql.utils import is_remote

import sparkprop

JAVA_PACKAGE = "io.github.sparkprop.ml"
MANIFEST = "io/github/sparkprop/ml/params.json"

_CONVERTERS = {
    "double": TypeConverters.toFloat,
    "int": TypeConverters.toInt,
    "long": TypeConverters.toInt,
    "boolean": TypeConverters.toBoolean,
    "string": TypeConverters.toString,
    "int[]": TypeConverters.toListInt,
    "double[]": TypeConverters.toListFloat,
    "string[]": TypeConverters.toListString,
}


def _manifest() -> Dict[str, List[Dict[str, Any]]]:
    with zipfile.ZipFile(sparkprop.jar()) as jar:
        return json.loads(jar.read(MANIFEST))


_PARAMS = _manifest()


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


class _SparkPropParams(Params):
    """Declares a class's params from the manifest: class-level Params, defaults, getters and setters."""

    _java_class_name: str = ""

    @classmethod
    def _declare(cls, entries: List[Dict[str, Any]]) -> None:
        cls._param_entries = entries
        for entry in entries:
            name = entry["name"]
            if hasattr(Params, name) or hasattr(JavaModel, name) or hasattr(JavaEstimator, name):
                raise TypeError(f"the Java param {name} clashes with an attribute of PySpark's classes")
            setattr(cls, name, Param(Params._dummy(), name, entry["doc"], typeConverter=_CONVERTERS[entry["type"]]))
            capitalized = name[0].upper() + name[1:]
            setattr(cls, "get" + capitalized, _getter(name))
            setattr(cls, "set" + capitalized, _setter(name))

    @classmethod
    def _defaults(cls) -> Dict[str, Any]:
        return {entry["name"]: entry["default"] for entry in cls._param_entries if "default" in entry}

    def _check_names(self, kwargs: Dict[str, Any]) -> None:
        names = {entry["name"] for entry in self._param_entries}
        unknown = sorted(set(kwargs) - names)
        if unknown:
            raise TypeError(f"{type(self).__name__} has no param {', '.join(unknown)}; its params are "
                            f"{', '.join(sorted(names))}")


def _getter(name: str):
    def get(self):
        return self.getOrDefault(getattr(self, name))
    get.__name__ = "get" + name[0].upper() + name[1:]
    get.__doc__ = f"Gets the value of {name} or its default value."
    return get


def _setter(name: str):
    def set_value(self, value):
        return self._set(**{name: value})
    set_value.__name__ = "set" + name[0].upper() + name[1:]
    set_value.__doc__ = f"Sets the value of {name}."
    return set_value


def _keyword_signature(cls: type) -> inspect.Signature:
    """self, then every param as a keyword-only argument with its default (None where Java has none)."""
    parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    for entry in cls._param_entries:
        parameters.append(inspect.Parameter(entry["name"], inspect.Parameter.KEYWORD_ONLY,
                                            default=entry.get("default")))
    return inspect.Signature(parameters)


class _SparkPropEstimator(JavaEstimator, _SparkPropParams, JavaMLWritable, _SparkPropReadable):
    """An estimator whose Java object is created by name; keyword-only constructor and setParams."""

    @keyword_only
    def __init__(self, **kwargs: Any):
        super().__init__()
        self._check_names(kwargs)
        if not is_remote():
            _require_java_class(self._java_class_name)
        self._java_obj = self._new_java_obj(self._java_class_name, self.uid)
        self._setDefault(**self._defaults())
        self._set(**kwargs)

    @keyword_only
    def setParams(self, **kwargs: Any):
        """Sets params by name (keyword arguments only)."""
        self._check_names(kwargs)
        return self._set(**kwargs)


class _SparkPropModel(JavaModel, _SparkPropParams, JavaMLWritable, _SparkPropReadable):
    """A fitted (or loaded) model: transform, save, the network's figures and, when fitted here, a summary."""

    def __init__(self, java_model: Optional[Any] = None):
        super().__init__(java_model)
        self._setDefault(**self._defaults())

    @property
    def numFeatures(self) -> int:
        """n_0, the number of network inputs."""
        return self._call_java("numFeatures")

    @property
    def weights(self) -> List[float]:
        """The flat weights: per layer W^l row-major (n_l x n_{l-1}), then b^l."""
        _not_on_connect("weights")
        return self._call_java("weights")

    @property
    def network(self) -> str:
        """The network, e.g. '4 -> 8 tanh -> 3 softmax, cross-entropy loss'."""
        _not_on_connect("network")
        return self._java_obj.network().toString()

    @property
    def hasSummary(self) -> bool:
        """Whether this model was fitted in this session (a loaded model has no summary)."""
        _not_on_connect("hasSummary")
        return self._call_java("hasSummary")

    @property
    def summary(self) -> "SparkPropTrainingSummary":
        """What training went through; raises for a loaded model (see hasSummary)."""
        if not self.hasSummary:
            raise RuntimeError("no training summary: this model was loaded, not fitted")
        return SparkPropTrainingSummary(self._call_java("summary"))


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
    def trainingMetrics(self) -> Dict[str, Any]:
        """Accuracy, log loss, per-class precision/recall/F1, confusion matrix (or RMSE, MAE, R^2)."""
        return json.loads(self._call_java("trainingMetricsJson"))

    @property
    def validationMetrics(self) -> Optional[Dict[str, Any]]:
        """The same on the validation rows, or None without a validation indicator column."""
        text = self._call_java("validationMetricsJson")
        return None if text is None else json.loads(text)


class SparkPropClassificationModel(_SparkPropModel):
    """A fitted sparkprop classifier: appends prediction, rawPrediction and probability columns."""

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropClassificationModel"

    @property
    def numClasses(self) -> int:
        """k, the number of classes."""
        return self._call_java("numClasses")

    @property
    def labels(self) -> List[str]:
        """The class labels in index order, as the model stores them."""
        _not_on_connect("labels")
        return list(self._java_obj.labels())


class SparkPropRegressionModel(_SparkPropModel):
    """A fitted sparkprop regressor: appends a prediction column."""

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropRegressionModel"


class SparkPropClassifier(_SparkPropEstimator):
    """sparkprop's distributed trainer as a Spark ML classifier (a drop-in for MultilayerPerceptronClassifier:
    hiddenLayers instead of its layers). Labels are class indices 0..k-1 (StringIndexer makes them), features
    one vector column (VectorAssembler makes it). Every param of the Java class, by the same name and default.
    """

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropClassifier"

    def _create_model(self, java_model: Any) -> SparkPropClassificationModel:
        return SparkPropClassificationModel(java_model)


class SparkPropRegressor(_SparkPropEstimator):
    """sparkprop's distributed trainer as a Spark ML regressor (squared loss, identity output by default)."""

    _java_class_name = f"{JAVA_PACKAGE}.SparkPropRegressor"

    def _create_model(self, java_model: Any) -> SparkPropRegressionModel:
        return SparkPropRegressionModel(java_model)


for _cls in (SparkPropClassifier, SparkPropClassificationModel, SparkPropRegressor, SparkPropRegressionModel):
    _cls._declare(_PARAMS[_cls.__name__])
for _cls in (SparkPropClassifier, SparkPropRegressor):
    _cls.__init__.__signature__ = _keyword_signature(_cls)
    _cls.setParams.__signature__ = _keyword_signature(_cls)

# PySpark maps a saved or Java stage's class name to a Python class by importing its Java package as a Python
# module ("io.github.sparkprop.ml"); "io" is Python's own io module, which has no submodules, so the name is
# registered here and resolves to this module.
sys.modules.setdefault(JAVA_PACKAGE, sys.modules[__name__])
