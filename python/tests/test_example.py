"""The README's Python quick start (python/examples/iris.py) is the README's program (test_wheel.py runs it from
the installed wheel)."""

from conftest import REPO


def test_the_readme_shows_the_example_as_it_is():
    example = (REPO / "python" / "examples" / "iris.py").read_text()
    program = example[example.index("import sparkprop"):]
    readme = (REPO / "README.md").read_text()
    assert "```python\n" + program + "```\n" in readme
