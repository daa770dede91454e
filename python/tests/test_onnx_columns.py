"""Models of real tables (dates, timestamps, categories kept whole or with an "other" slot, gaps, the scaler)
exported with their encoding inside the graph: onnxruntime, fed each held-out row's own values (the text of the
CSV file, through sparkprop.onnx_inputs), scores every row as `sparkprop predict` does on the same file, within
1e-5 (a regressor's prediction: 1e-5 relative, float32's share of a value in the target's units); onnx's full
checker accepts every graph. The tables are a slice of the corpus (data/corpus) and of the shipped tables;
SPARKPROP_ONNX_TABLES=all runs every one of them, a comma-separated list the named ones (-s prints the largest
difference of each)."""

import csv
import datetime
import json
import os
import subprocess
import sys

import numpy as np
import onnx
import onnxruntime
import pytest

from conftest import REPO, in_session
from sparkprop import onnx_inputs

# a date, a timestamp and high-cardinality columns, categories with gaps, an "other" slot, a binary label
SLICE = ["seattle-weather", "penguins-raw", "bundesliga", "forbes2000", "hdma"]
ROW = "sparkprop_row"


# the shipped tables beside the corpus: a date written as text among gaps, a category with a stray "."
SHIPPED = [
    {"name": "cars", "file": "data/cars.csv", "label": "Origin", "task": "classification", "rows": 406,
     "columns": 9, "dateColumns": ["Year"]},
    {"name": "penguins", "file": "data/penguins.csv", "label": "species", "task": "classification", "rows": 344,
     "columns": 7, "dateColumns": []},
]


def chosen_tables():
    tables = json.loads((REPO / "data" / "corpus" / "tables.json").read_text()) + SHIPPED
    wanted = os.environ.get("SPARKPROP_ONNX_TABLES", ",".join(SLICE))
    return tables if wanted == "all" else [t for t in tables if t["name"] in wanted.split(",")]


TABLES = chosen_tables()


@pytest.fixture(scope="module")
def split(tmp_path_factory):
    out = tmp_path_factory.mktemp("onnx-corpus")
    chosen = out / "chosen.json"
    chosen.write_text(json.dumps(TABLES))
    subprocess.run([sys.executable, str(REPO / "scripts" / "corpus" / "prepare.py"), "--tables", str(chosen),
                    "--outdir", str(out)], cwd=REPO, check=True, capture_output=True, text=True)
    return out


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def with_row_numbers(source, target):
    """The held-out file with a first column numbering its rows (predict keeps it: the model does not read it)."""
    header, rows = read_csv(source)
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow([ROW, *header])
        writer.writerows([[str(i), *row] for i, row in enumerate(rows)])
    return header, rows


@pytest.mark.parametrize("table", TABLES, ids=[t["name"] for t in TABLES])
def test_onnxruntime_scores_the_held_out_rows_as_predict_does(spark, split, tmp_path, table):
    run = in_session(spark)
    train, test = split / table["name"] / "train.csv", split / table["name"] / "test.csv"
    model, graph, predicted = (str(tmp_path / name) for name in ("model", "model.onnx", "predicted"))
    task = ["--task", "regression"] if table["task"] == "regression" else []
    run("train", "--input", str(train), "--label", table["label"], *task, "--hidden", "8", "--iterations", "20",
        "--output", model)
    exported = run("export", "--model", model, "--output", graph).stdout
    assert "columns" in exported, exported
    onnx.checker.check_model(onnx.load(graph), full_check=True)
    numbered = tmp_path / "test.csv"
    header, rows = with_row_numbers(test, numbered)
    run("predict", "--model", model, "--input", str(numbered), "--output", predicted, "--output-format", "parquet")
    ours = sorted(spark.read.parquet(predicted).collect(), key=lambda row: int(row[ROW]))
    assert [int(row[ROW]) for row in ours] == list(range(len(rows))), "predict scores every held-out row"

    session = onnxruntime.InferenceSession(graph, providers=["CPUExecutionProvider"])
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    outputs = dict(zip([o.name for o in session.get_outputs()], session.run(None, onnx_inputs(session, columns))))
    metadata = session.get_modelmeta().custom_metadata_map
    if table["task"] == "regression":
        expected = np.array([row["prediction"] for row in ours], dtype=np.float64)
        actual = outputs["prediction"][:, 0].astype(np.float64)
        print(f"{table['name']}: {len(rows)} rows, largest relative difference "
              f"{(np.abs(actual - expected) / np.maximum(1.0, np.abs(expected))).max():.2e}")
        assert (np.abs(actual - expected) <= 1e-5 * np.maximum(1.0, np.abs(expected))).all(), \
            np.abs(actual - expected).max()
    else:
        labels = metadata["sparkprop.labels"].split("\n")
        expected = np.array([[row[f"probability_{label}"] for label in labels] for row in ours])
        probabilities = outputs["probabilities"].astype(np.float64)
        assert probabilities.shape == expected.shape
        print(f"{table['name']}: {len(rows)} rows, largest difference {np.abs(probabilities - expected).max():.2e}")
        assert np.abs(probabilities - expected).max() < 1e-5
        top2 = np.sort(expected, axis=1)[:, -2:]
        clear = top2[:, 1] - top2[:, 0] > 1e-5
        onnx_labels = np.array([labels[c] for c in outputs["prediction"]])
        assert (onnx_labels[clear] == np.array([str(row["prediction"]) for row in ours])[clear]).all()
    kinds = {entry["kind"] for entry in json.loads(metadata["sparkprop.inputs"])}
    assert ("date" in kinds or "timestamp" in kinds) == bool(table["dateColumns"]), kinds


def test_the_graph_takes_dates_and_timestamps_apart_as_the_calendar_does(spark, tmp_path):
    """The date arithmetic inside the graph (Hinnant's civil_from_days in double) against Python's calendar, for
    every day from 1600 to 2400 (leap years of every rule, days before 1970) and times of day: the encoded
    network inputs exposed as an output of the graph."""
    table = tmp_path / "days.csv"
    days = [datetime.date(1600, 1, 1) + datetime.timedelta(days=d) for d in range(0, 292_000, 7)]
    days += [datetime.date(y, 2, 29) for y in (1600, 1904, 2000, 2024, 2400)] + [datetime.date(1970, 1, 1)]
    with open(table, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["day", "at", "label"])
        for i, day in enumerate(days):
            writer.writerow([day.isoformat(), f"{day.isoformat()} {i % 24:02d}:{i % 60:02d}:{i % 59:02d}", i % 2])
    model, graph = str(tmp_path / "model"), str(tmp_path / "model.onnx")
    run = in_session(spark)
    run("train", "--input", str(table), "--label", "label", "--iterations", "2", "--output", model)
    run("export", "--model", model, "--output", graph)
    proto = onnx.load(graph)
    proto.graph.output.append(onnx.helper.make_tensor_value_info("sparkprop.encoded", onnx.TensorProto.FLOAT, None))
    session = onnxruntime.InferenceSession(proto.SerializeToString(), providers=["CPUExecutionProvider"])
    header, rows = read_csv(table)
    columns = {name: [row[i] for row in rows] for i, name in enumerate(header)}
    encoded = session.run(["sparkprop.encoded"], onnx_inputs(session, columns))[0]
    hours = [(i % 24) + (i % 60) / 60 + (i % 59) / 3600 for i in range(len(days))]
    expected = np.array([[d.year, d.timetuple().tm_yday, d.year, d.timetuple().tm_yday, h]
                         for d, h in zip(days, hours)])
    assert encoded.shape == expected.shape
    assert (encoded[:, [0, 1, 2, 3]] == expected[:, [0, 1, 2, 3]]).all()
    assert np.abs(encoded[:, 4] - expected[:, 4]).max() < 1e-5


def test_unseen_categories_and_gaps_score_as_predict_scores_them(spark, tmp_path):
    """Rows predict fills in: an unseen category (none of the slots), a category gap (the missing slot, in every
    spelling), a numeric gap (the training mean), an integer category written with ".0"."""
    train, test = tmp_path / "train.csv", tmp_path / "test.csv"
    colours, codes = ["red", "green", "blue"], ["1", "2", "3"]
    with open(train, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["colour", "code", "size", "label"])
        for i in range(120):
            size = "" if i % 17 == 0 else str(i % 9 + 0.5)
            colour = "" if i % 13 == 0 else colours[i % 3]
            writer.writerow([colour, codes[i % 3], size, "yes" if (i % 3 == 0) != (i % 9 > 5) else "no"])
    held_out = [["purple", "1", "2.5"], ["", "2", "3"], ["NA", "3.0", ""], ["n/a", "1.0", "7"], ["red", "4", "NaN"],
                ["NULL", "2", "1"], ["green", "3", "4.5"]]
    with open(test, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow([ROW, "colour", "code", "size"])
        writer.writerows([[str(i), *row] for i, row in enumerate(held_out)])
    model, graph, predicted = (str(tmp_path / name) for name in ("model", "model.onnx", "predicted"))
    run = in_session(spark)
    run("train", "--input", str(train), "--label", "label", "--categorical", "code", "--hidden", "4",
        "--iterations", "30", "--output", model)
    run("export", "--model", model, "--output", graph)
    run("predict", "--model", model, "--input", str(test), "--output", predicted, "--output-format", "parquet")
    ours = sorted(spark.read.parquet(predicted).collect(), key=lambda row: int(row[ROW]))
    assert len(ours) == len(held_out)
    session = onnxruntime.InferenceSession(graph, providers=["CPUExecutionProvider"])
    described = {entry["name"]: entry["type"] for entry in
                 json.loads(session.get_modelmeta().custom_metadata_map["sparkprop.inputs"])}
    assert described == {"colour": "string", "code": "string", "size": "float"}
    # the raw text, without onnx_inputs' canonical numbers: the graph itself reads "3.0" as the category 3
    feed = {"colour": np.array([[r[0]] for r in held_out], dtype=object),
            "code": np.array([[r[1]] for r in held_out], dtype=object),
            "size": np.array([[float(r[2]) if r[2] else np.nan] for r in held_out], dtype=np.float32)}
    probabilities, _ = session.run(None, feed)
    expected = np.array([[row["probability_no"], row["probability_yes"]] for row in ours])
    assert np.abs(probabilities.astype(np.float64) - expected).max() < 1e-5
    assert len({round(p, 4) for p in expected[:, 1]}) >= 5, "the rows score differently"
