"""The inputs of a graph that `sparkprop export` wrote, from a table's own columns (see ``onnx_inputs``)."""

import datetime as _dt
import json
import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Dict, Iterable, List, Mapping

import numpy as np

_MISSING = {"", "na", "n/a", "nan", "null"}
_DECIMAL = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EPOCH = _dt.date(1970, 1, 1)
_UTC = _dt.timezone.utc


def onnx_inputs(graph: Any, rows: Mapping[str, Iterable[Any]]) -> Dict[str, np.ndarray]:
    """The feed of an exported graph: each of its inputs from the table column of the same name, converted as its
    metadata (``sparkprop.inputs``) describes it and as ``sparkprop predict`` reads the values.

    graph: an ``onnxruntime.InferenceSession`` or an ``onnx.ModelProto`` of the exported file.
    rows: the columns by name: a pandas DataFrame, or a dict of lists or NumPy arrays, each value as the table
    holds it (text, a number, a bool, a ``datetime.date`` or ``datetime.datetime``, None for a gap).

    Numbers and booleans become float32 [N, 1] (NaN for a gap; true is 1); categories text [N, 1] (a number in
    its canonical form, 1.50 as 1.5; "" for a gap); dates float64 days since 1970-01-01; timestamps float64
    seconds since 1970-01-01T00:00:00Z (text without an offset is UTC); a vector input float32 [N, n_0].
    Raises ValueError naming the column and row of a value that is none of these.
    """
    feed = {}
    for spec in _described_inputs(graph):
        name = spec["name"]
        if name not in rows:
            raise ValueError(f"the graph reads column '{name}', which the rows do not have "
                             f"(they have {', '.join(map(str, rows.keys()))})")
        values = list(rows[name])
        if spec["kind"] == "vector":
            feed[name] = np.asarray(values, dtype=np.float32).reshape(len(values), -1)
            continue
        convert, dtype = _CONVERSIONS[spec["kind"]]
        converted = []
        for row, value in enumerate(values):
            try:
                converted.append(convert(value))
            except ValueError as e:
                raise ValueError(f"column '{name}', row {row + 1}: {value!r} {e}") from None
        feed[name] = np.array(converted, dtype=dtype).reshape(len(values), 1)
    return feed


def _described_inputs(graph: Any) -> List[Dict[str, str]]:
    if hasattr(graph, "get_modelmeta"):
        metadata = graph.get_modelmeta().custom_metadata_map
    else:
        metadata = {entry.key: entry.value for entry in graph.metadata_props}
    if "sparkprop.inputs" not in metadata:
        raise ValueError("the graph has no sparkprop.inputs metadata: export it with sparkprop 0.1 or later")
    return json.loads(metadata["sparkprop.inputs"])


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().lower() in _MISSING
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    try:
        return bool(value != value)  # NaN of any float type, pandas' NaT and NA
    except (TypeError, ValueError):
        return False


def _number(value: Any) -> float:
    if _is_missing(value):
        return math.nan
    if isinstance(value, (bool, np.bool_)):
        return 1.0 if value else 0.0
    if isinstance(value, str):
        text = value.strip()
        if text.lower() in ("true", "false"):
            return 1.0 if text.lower() == "true" else 0.0
        if not _DECIMAL.fullmatch(text):
            raise ValueError("is not a number")
        value = float(text)
    number = float(value)
    if math.isinf(number):
        raise ValueError("is infinite; values must be finite numbers")
    return number


def _category(value: Any) -> str:
    if _is_missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "true" if value else "false"
    text = str(value).strip()
    if _DECIMAL.fullmatch(text):
        try:
            canonical = Decimal(text).normalize()
        except InvalidOperation:
            return text
        return "0" if canonical == 0 else format(canonical, "f")
    return text


def _days(value: Any) -> float:
    if _is_missing(value):
        return math.nan
    if isinstance(value, np.datetime64):
        return float(value.astype("datetime64[D]").astype(np.int64))
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, str):
        text = value.strip()
        if not _DATE.fullmatch(text):
            raise ValueError("is not a date (yyyy-MM-dd)")
        value = _dt.date.fromisoformat(text)
    if not isinstance(value, _dt.date):
        raise ValueError("is not a date (yyyy-MM-dd)")
    return float((value - _EPOCH).days)


def _seconds(value: Any) -> float:
    if _is_missing(value):
        return math.nan
    if isinstance(value, np.datetime64):
        return float(value.astype("datetime64[us]").astype(np.int64)) / 1e6
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}.*)?", text):
            raise ValueError("is not a timestamp (yyyy-MM-dd HH:mm:ss)")
        value = _dt.datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, _dt.datetime):
        raise ValueError("is not a timestamp (yyyy-MM-dd HH:mm:ss)")
    if value.tzinfo is None:
        value = value.replace(tzinfo=_UTC)
    return value.timestamp()


_CONVERSIONS: Dict[str, tuple] = {
    "numeric": (_number, np.float32),
    "boolean": (_number, np.float32),
    "categorical": (_category, object),
    "date": (_days, np.float64),
    "timestamp": (_seconds, np.float64),
}
