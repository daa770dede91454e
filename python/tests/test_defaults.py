"""A slice of the corpus of real tables (data/corpus): each table trained with the default options only (its label,
and the task for a numeric target), as a linear model and with --hidden 32, comes within 0.02 of scikit-learn's
baseline on the same fixed split (impute, scale, one-hot, LogisticRegression or Ridge with their defaults), as
scripts/corpus/prepare.py and baseline.py make them. The whole corpus runs with `sparkprop bench --cases defaults`."""

import json
import re
import subprocess
import sys

import pytest

from conftest import REPO, cli

# a date and five classes; the row numbers of R, gaps and a numeric target
TABLES = ["seattle-weather", "airquality"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    tables = [t for t in json.loads((REPO / "data" / "corpus" / "tables.json").read_text()) if t["name"] in TABLES]
    chosen = out / "chosen.json"
    chosen.write_text(json.dumps(tables))
    for script, args in (("prepare.py", ["--tables", str(chosen)]), ("baseline.py", [])):
        subprocess.run([sys.executable, str(REPO / "scripts" / "corpus" / script), *args, "--outdir", str(out)],
                       cwd=REPO, check=True, capture_output=True, text=True)
    return out, {t["name"]: t for t in tables}, json.loads((out / "baseline.json").read_text())


def score_of(output: str, task: str) -> float:
    """The test accuracy, or the test R^2, that train printed."""
    if task == "classification":
        return float(re.search(r"^test accuracy: ([0-9.]+)$", output, re.M).group(1))
    return float(re.search(r"^test data .*:\nsamples .* R\^2 (-?[0-9.]+)$", output, re.M).group(1))


@pytest.mark.parametrize("name", TABLES)
@pytest.mark.parametrize("hidden", [None, "32"])
def test_defaults_train_as_well_as_the_baseline(corpus, tmp_path, name, hidden):
    out, tables, baseline = corpus
    table = tables[name]
    args = ["train", "--input", str(out / name / "train.csv"), "--test", str(out / name / "test.csv"),
            "--label", table["label"], "--output", str(tmp_path / "model")]
    if table["task"] == "regression":
        args += ["--task", "regression"]
    if hidden:
        args += ["--hidden", hidden]
    run = cli(*args)
    score = score_of(run.stdout, table["task"])
    expected = baseline[name]["baseline"]
    assert score >= expected - 0.02, f"{name} hidden={hidden}: {score} against the baseline's {expected}"
    assert "did not converge" not in run.stderr, run.stderr[-2000:]
