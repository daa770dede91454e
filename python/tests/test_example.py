"""The README's Python quick start (python/examples/iris.py) is the README's program, runs as written and learns
iris."""

import re
import shutil
import subprocess
import sys

from conftest import DATA, REPO


def test_the_readme_example_runs(tmp_path):
    (tmp_path / "data").mkdir()
    shutil.copy(DATA / "iris.csv", tmp_path / "data" / "iris.csv")
    run = subprocess.run([sys.executable, str(REPO / "python" / "examples" / "iris.py")], cwd=tmp_path,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "completed 200 iterations" in run.stdout
    best = re.search(r"best hiddenLayers: \[(\d+)\] accuracy: ([0-9.]+)", run.stdout)
    assert best and best.group(1) in ("4", "16") and float(best.group(2)) > 0.9, run.stdout
    assert (tmp_path / "models" / "iris-pipeline" / "stages").is_dir()


def test_the_readme_shows_the_example_as_it_is():
    example = (REPO / "python" / "examples" / "iris.py").read_text()
    program = example[example.index("import sparkprop"):]
    readme = (REPO / "README.md").read_text()
    assert "```python\n" + program + "```\n" in readme
