"""A slice of the corpus of real tables (data/corpus): each table trained with the default options only (its label,
and the task for a numeric target), as a linear model and with --hidden 32, comes within 0.02 of scikit-learn's
baseline on the same fixed split (impute, scale, one-hot, LogisticRegression or Ridge with their defaults), as
scripts/corpus/prepare.py and baseline.py make them. The whole corpus runs with `sparkprop bench --cases defaults`."""

import json
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


def test_defaults_train_as_well_as_the_baseline(corpus, tmp_path):
    """Both tables, as a linear model and with --hidden 32, in one run of `bench --cases defaults` (one JVM)."""
    out, tables, baseline = corpus
    run = cli("bench", "--cases", "defaults", "--corpus", str(out), "--work-dir", str(tmp_path))
    scores = {}
    for line in run.stdout.splitlines():
        fields = line.split()
        if fields and fields[0] in tables:
            model = "linear" if fields[4] == "linear" else "hidden"
            scores[(fields[0], model)] = float(fields[7 if model == "hidden" else 6])
    assert len(scores) == 2 * len(TABLES), run.stdout
    for (name, model), score in scores.items():
        expected = baseline[name]["baseline"]
        assert score >= expected - 0.02, f"{name} {model}: {score} against the baseline's {expected}"
    assert "did not converge" not in run.stdout + run.stderr, run.stdout
