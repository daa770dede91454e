#!/usr/bin/env python3
"""Writes sparkprop/_params.py, the params of the Spark ML classes declared in source, from the manifest the
Maven build writes into the application jar (io/github/sparkprop/ml/params.json: each Java param's name, doc,
type and default). tests/test_params.py fails when the checked-in module differs from what this writes.

Usage, after `mvn package` (which copies the jar into sparkprop/jars/):
    python python/generate_params.py            # rewrites python/sparkprop/_params.py
    python python/generate_params.py --check    # exit 1 when it is stale
"""

import argparse
import json
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODULE = HERE / "sparkprop" / "_params.py"
JAR = HERE / "sparkprop" / "jars" / "sparkprop.jar"
MANIFEST = "io/github/sparkprop/ml/params.json"

# Java type -> (Python type hint, PySpark converter)
TYPES = {
    "double": ("float", "toFloat"),
    "int": ("int", "toInt"),
    "long": ("int", "toInt"),
    "boolean": ("bool", "toBoolean"),
    "string": ("str", "toString"),
    "int[]": ("List[int]", "toListInt"),
    "double[]": ("List[float]", "toListFloat"),
    "string[]": ("List[str]", "toListString"),
}

# the Java class whose params each family declares, and the PySpark params class the family extends (which
# already declares the shared columns: featuresCol, labelCol, predictionCol, probabilityCol, ...)
FAMILIES = [
    ("Classifier", "SparkPropClassifier", "_ProbabilisticClassifierParams",
     ["featuresCol", "labelCol", "predictionCol", "probabilityCol", "rawPredictionCol", "thresholds"]),
    ("Regressor", "SparkPropRegressor", "_PredictorParams", ["featuresCol", "labelCol", "predictionCol"]),
]

HEADER = '''"""The params of sparkprop's Spark ML classes, declared in source (written by python/generate_params.py from
the manifest in the application jar; do not edit: tests/test_params.py fails when it is stale)."""

from typing import Any, List, Optional, TypeVar

from pyspark import keyword_only
from pyspark.ml.base import _PredictorParams
from pyspark.ml.classification import _ProbabilisticClassifierParams
from pyspark.ml.param import Param, Params, TypeConverters

'''


def literal(value):
    return repr(value)


def capitalized(name):
    return name[0].upper() + name[1:]


def network_params_source(entries):
    """The params every estimator and model has beyond PySpark's columns, declared once."""
    lines = ['_Self = TypeVar("_Self", bound="_SparkPropParams")', "", "",
             "class _SparkPropParams(Params):",
             '    """The network, optimizer and run params of every sparkprop estimator and model, with the Java',
             '    defaults."""', ""]
    for e in entries:
        hint, converter = TYPES[e["type"]]
        lines.append(f'    {e["name"]}: "Param[{hint}]" = Param(')
        lines.append(f'        Params._dummy(), {literal(e["name"])},')
        lines.append(f'        {literal(e["doc"])},')
        lines.append(f"        typeConverter=TypeConverters.{converter})")
    lines += ["", "    def __init__(self, *args: Any) -> None:", "        super().__init__(*args)",
              "        self._setDefault("]
    lines += [f'            {e["name"]}={literal(e["default"])},' for e in entries if "default" in e]
    lines += ["        )"]
    for e in entries:
        hint = TYPES[e["type"]][0]
        name = e["name"]
        lines += ["", f"    def get{capitalized(name)}(self) -> {hint}:",
                  f'        """Gets the value of {name} or its default value."""',
                  f"        return self.getOrDefault(self.{name})"]
        lines += ["", f"    def set{capitalized(name)}(self: _Self, value: {hint}) -> _Self:",
                  f'        """Sets the value of {name}."""',
                  f"        return self._set({name}=value)"]
    return "\n".join(lines) + "\n\n"


def family_source(family, java_class, base, entries):
    """A family's params class (PySpark's columns and the network's) and its keyword-only signatures."""
    lines = ["", f"class _SparkProp{family}Params({base}, _SparkPropParams):",
             f'    """The params of {java_class} and its model."""', "", "",
             f"class _SparkProp{family}Keywords:",
             f'    """The constructor and setParams of {java_class}: every param by keyword, with its default."""',
             "", "    @keyword_only", "    def __init__(", "            self, *,"]
    lines += keywords(entries)
    lines += ["    ) -> None:", "        super().__init__()", "        self._create_java_object()",
              "        self._set(**self._input_kwargs)", "",
              "    def _create_java_object(self) -> None:",
              '        raise NotImplementedError("the estimator class creates its Java object")', "",
              "    @keyword_only", "    def setParams(", "            self, *,"]
    lines += keywords(entries)
    lines += [f'    ) -> "_SparkProp{family}Keywords":', '        """Sets params by name (keyword arguments only)."""',
              "        return self._set(**self._input_kwargs)  # type: ignore[attr-defined]", "", ""]
    return "\n".join(lines)


def keywords(entries):
    lines = []
    for e in entries:
        hint = TYPES[e["type"]][0]
        if "default" in e:
            lines.append(f"            {e['name']}: {hint} = {literal(e['default'])},")
        else:
            lines.append(f"            {e['name']}: Optional[{hint}] = None,")
    return lines


def render(manifest):
    """The module's text: the network params once (they must be the same, doc and default, in every family),
    then each family."""
    own = None
    for _, java_class, _, shared in FAMILIES:
        entries = [e for e in manifest[java_class] if e["name"] not in shared]
        if own is not None and entries != own:
            raise ValueError(f"{java_class} declares other network params than {FAMILIES[0][1]}: give the "
                             "family a params class of its own")
        own = entries
    parts = [HEADER, network_params_source(own)]
    for family, java_class, base, _ in FAMILIES:
        parts.append(family_source(family, java_class, base, manifest[java_class]))
    return "\n".join(parts).rstrip("\n") + "\n"


def manifest_of(jar=JAR):
    with zipfile.ZipFile(jar) as archive:
        return json.loads(archive.read(MANIFEST))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="exit 1 when the module is stale, writing nothing")
    args = parser.parse_args()
    source = render(manifest_of())
    if args.check:
        if MODULE.read_text() != source:
            print(f"{MODULE} is stale: run python {Path(__file__).name}", file=sys.stderr)
            return 1
        return 0
    MODULE.write_text(source)
    print(f"wrote {MODULE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
