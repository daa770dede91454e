"""Every param of the Java classes exists in Python with the same name, doc and default, read from the live
Java objects (not from the manifest the Python side is declared from), and nothing more; the params are
declared in source, generated from the jar's manifest and current with it; the classes are PySpark's own
kinds of estimators and models."""

import inspect
import sys

import pytest
from pyspark.ml.base import Estimator
from pyspark.ml.classification import (ProbabilisticClassificationModel, ProbabilisticClassifier,
                                      _ProbabilisticClassifierParams)
from pyspark.ml.regression import RegressionModel, Regressor

import sparkprop
from conftest import REPO
from sparkprop.ml import (SparkPropClassificationModel, SparkPropClassifier, SparkPropRegressionModel,
                          SparkPropRegressor)


def java_params(java_obj):
    """{name: (doc, default or a marker for none)} of a Java Params object."""
    no_default = object()
    params = {}
    for param in java_obj.params():
        default = no_default
        if java_obj.hasDefault(param):
            value = java_obj.getDefault(param).get()
            default = list(value) if hasattr(value, "__len__") and not isinstance(value, str) else value
        params[param.name()] = (param.doc(), default)
    return params, no_default


@pytest.mark.parametrize("python_class, java_class", [
    (SparkPropClassifier, "io.github.sparkprop.ml.SparkPropClassifier"),
    (SparkPropRegressor, "io.github.sparkprop.ml.SparkPropRegressor"),
    (SparkPropClassificationModel, "io.github.sparkprop.ml.SparkPropClassificationModel"),
    (SparkPropRegressionModel, "io.github.sparkprop.ml.SparkPropRegressionModel"),
])
def test_every_java_param_is_in_python_with_its_doc_and_default(spark, python_class, java_class):
    java_obj = getattr(spark.sparkContext._jvm.io.github.sparkprop.ml, java_class.split(".")[-1])()
    expected, no_default = java_params(java_obj)
    instance = python_class()
    python = {p.name: p for p in instance.params}
    assert sorted(python) == sorted(expected)
    assert len(expected) > 30
    for name, (doc, default) in expected.items():
        # the shared columns (featuresCol, probabilityCol, ...) are PySpark's own, with PySpark's docs
        if not hasattr(_ProbabilisticClassifierParams, name):
            assert python[name].doc == doc, name
        if default is no_default:
            assert not instance.hasDefault(python[name]), name
        else:
            actual = instance.getOrDefault(python[name])
            assert actual == default and type(actual) is type(default), f"{name}: python {actual!r}, java {default!r}"


def test_constructor_and_set_params_are_keyword_only_and_name_unknown_params():
    with pytest.raises(TypeError, match="keyword"):
        SparkPropClassifier([8])
    with pytest.raises(TypeError, match="unexpected keyword argument 'hiddenLayer'"):
        SparkPropClassifier(hiddenLayer=[8])
    with pytest.raises(TypeError, match="unexpected keyword argument 'maxIters'"):
        SparkPropRegressor().setParams(maxIters=3)
    classifier = SparkPropClassifier(hiddenLayers=[8, 4], maxIter=7)
    assert classifier.getHiddenLayers() == [8, 4] and classifier.getMaxIter() == 7
    assert classifier.setParams(optimizer="adam", stepSize=1) is classifier
    assert classifier.getOptimizer() == "adam" and classifier.getStepSize() == 1.0
    assert isinstance(classifier.getStepSize(), float)
    assert classifier.setSeed(3).getSeed() == 3


def test_a_session_without_the_class_gets_a_clear_error_not_py4js(spark, tmp_path):
    class Unknown(SparkPropClassifier):
        _java_class_name = "io.github.sparkprop.ml.NoSuchClassifier"

    with pytest.raises(RuntimeError, match=r"no class io\.github\.sparkprop\.ml\.NoSuchClassifier.*sparkprop\.jar\(\)"):
        Unknown()
    with pytest.raises(RuntimeError, match="no class io.github.sparkprop.ml.NoSuchClassifier"):
        Unknown.load(str(tmp_path / "anything"))


def test_a_package_installed_without_its_jar_says_how_to_build_it(monkeypatch, tmp_path):
    import sparkprop
    monkeypatch.setattr(sparkprop, "_JAR", tmp_path / "jars" / "sparkprop.jar")
    with pytest.raises(FileNotFoundError, match=r"mvn package.*pip install \./python"):
        sparkprop.jar()


def test_the_params_module_is_what_the_generator_writes_from_this_jar():
    sys.path.insert(0, str(REPO / "python"))
    try:
        import generate_params
    finally:
        sys.path.pop(0)
    module = REPO / "python" / "sparkprop" / "_params.py"
    assert module.read_text() == generate_params.render(generate_params.manifest_of(sparkprop.jar())), \
        "python/sparkprop/_params.py is stale: run python python/generate_params.py"


def test_signatures_getters_and_setters_are_in_source_with_types():
    """What an IDE or mypy reads: the constructor's keyword-only params with their types and defaults in the
    source text (not a signature made at run time), typed getters, setters that return the instance."""
    source = inspect.getsource(sys.modules["sparkprop._params"])
    assert "hiddenLayers: List[int] = []," in source and "stepSize: float = " in source
    assert "def getHiddenLayers(self) -> List[int]:" in source
    signature = inspect.signature(SparkPropClassifier.__init__)
    assert signature.parameters["hiddenLayers"].kind is inspect.Parameter.KEYWORD_ONLY
    assert signature.parameters["hiddenLayers"].annotation == "List[int]" or \
        signature.parameters["hiddenLayers"].annotation == list[int] or \
        str(signature.parameters["hiddenLayers"].annotation) == "typing.List[int]"
    assert (REPO / "python" / "sparkprop" / "py.typed").is_file()


def test_the_classes_are_pysparks_probabilistic_classifier_and_regressor():
    assert issubclass(SparkPropClassifier, ProbabilisticClassifier) and issubclass(SparkPropClassifier, Estimator)
    assert issubclass(SparkPropClassificationModel, ProbabilisticClassificationModel)
    assert issubclass(SparkPropRegressor, Regressor) and issubclass(SparkPropRegressionModel, RegressionModel)
    classifier = SparkPropClassifier(probabilityCol="p", rawPredictionCol="raw", thresholds=[0.3, 0.7])
    assert classifier.getProbabilityCol() == "p" and classifier.getRawPredictionCol() == "raw"
    assert classifier.getThresholds() == [0.3, 0.7]
    assert not hasattr(SparkPropRegressor(), "thresholds")
