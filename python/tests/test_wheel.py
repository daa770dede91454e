"""The wheel a user installs: `python -m build` makes it with the jar and conf/'s JVM flags inside; installed
into a fresh virtual environment (pip brings pyspark), its `sparkprop` command trains and predicts with no other
set-up (no Maven, no SPARK_HOME, no checkout: it runs in an empty directory), answering as submit/local.sh
does, and the README's Python quick start (python/examples/iris.py) runs there as written and learns iris."""

import re
import shutil
import subprocess
import sys
import time
import zipfile

import pytest

from conftest import DATA, REPO


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """(the wheel, the fresh environment's bin directory)."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out / "dist"),
                    str(REPO / "python")], check=True, capture_output=True, text=True)
    shutil.rmtree(REPO / "python" / "build", ignore_errors=True)
    for info in (REPO / "python").glob("*.egg-info"):
        shutil.rmtree(info, ignore_errors=True)
    (wheel,) = (out / "dist").glob("sparkprop-*.whl")
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "venv", str(out / "venv")], check=True)
    subprocess.run([str(out / "venv" / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check",
                    str(wheel)], check=True, capture_output=True, text=True)
    print(f"wheel {wheel.name}: {wheel.stat().st_size / 1e6:.1f} MB; "
          f"a fresh venv and pip install took {time.monotonic() - started:.0f} s")
    return wheel, out / "venv" / "bin"


def run(command, cwd, timeout=600):
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_the_wheel_carries_the_jar_and_the_jvm_settings(fresh):
    wheel, _ = fresh
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("sparkprop/jars/sparkprop.jar", "sparkprop/conf/jvm.options", "sparkprop/conf/spark-defaults.conf",
                 "sparkprop/conf/log4j2.properties", "sparkprop/py.typed", "sparkprop/_params.py"):
        assert name in names, name
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "sparkprop = sparkprop.cli:main" in entry_points
    assert wheel.stat().st_size < 60e6


def test_the_sparkprop_command_trains_and_predicts_with_no_other_set_up(fresh, tmp_path):
    _, bin_dir = fresh
    shutil.copy(DATA / "seattle-weather.csv", tmp_path / "weather.csv")
    sparkprop = str(bin_dir / "sparkprop")
    train = run([sparkprop, "train", "--input", "weather.csv", "--label", "weather", "--iterations", "40",
                 "--output", "models/weather"], tmp_path)
    assert train.returncode == 0, train.stderr[-3000:]
    assert "model saved to models/weather" in train.stdout
    predict = run([sparkprop, "predict", "--model", "models/weather", "--input", "weather.csv", "--output",
                   "predictions"], tmp_path)
    assert predict.returncode == 0, predict.stderr[-3000:]
    assert "1,461 predictions written to predictions" in predict.stdout
    assert list((tmp_path / "predictions").glob("part-*"))
    typo = run([sparkprop, "trian", "--input", "weather.csv"], tmp_path)
    assert typo.returncode == 2
    assert "Did you mean: train?" in typo.stderr and "Try 'sparkprop --help'" in typo.stderr, typo.stderr


def test_the_readme_example_runs_from_the_installed_wheel(fresh, tmp_path):
    _, bin_dir = fresh
    (tmp_path / "data").mkdir()
    shutil.copy(DATA / "iris.csv", tmp_path / "data" / "iris.csv")
    example = run([str(bin_dir / "python"), str(REPO / "python" / "examples" / "iris.py")], tmp_path)
    assert example.returncode == 0, example.stderr[-3000:]
    assert "completed 200 iterations" in example.stdout
    best = re.search(r"best hiddenLayers: \[(\d+)\] accuracy: ([0-9.]+)", example.stdout)
    assert best and best.group(1) in ("4", "16") and float(best.group(2)) > 0.9, example.stdout
    assert (tmp_path / "models" / "iris-pipeline" / "stages").is_dir()
