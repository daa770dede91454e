"""scripts/bench/cost_model.py: its arithmetic against hand counts and numpy, and its fit against runs made from
known constants (the model must find them again and predict the held-back network exactly)."""

import importlib.util
import json

import numpy as np
import pytest

from conftest import REPO

spec = importlib.util.spec_from_file_location("cost_model", REPO / "scripts" / "bench" / "cost_model.py")
cost_model = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cost_model)


def test_flops_count_six_a_weight_but_four_in_the_first_layer():
    # [4, 8, 3]: 32 weights in the first layer (forward 2, gradient 2), 24 in the second (forward, gradient, delta)
    assert cost_model.flops({"layers": [4, 8, 3]}) == 4 * 32 + 6 * 24


def test_the_merge_tree_last_executor_receives_fan_in_minus_one_a_level():
    assert [cost_model.merged_sums(e) for e in (1, 2, 16, 17, 64, 256, 257)] == [0, 1, 15, 2 * 4, 2 * 7, 2 * 15,
                                                                               3 * 6]


def test_weighted_least_squares_as_numpy():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(30, 3))
    y = x @ [1.5, -2.0, 0.25] + rng.normal(scale=0.1, size=30)
    w = rng.uniform(0.5, 2.0, size=30)
    expected = np.linalg.lstsq(x * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0]
    found = cost_model.solve([list(col) for col in x.T], list(y), list(w))
    assert found == pytest.approx(expected, rel=1e-9)


GEMM = 40e9
TRUTH = {"d0": 0.02, "d1": 16e-9, "u": 7e-9, "c": 1.5e-9, "a": 0.07, "beta": 1.6e-9}
NETWORKS = {"small": [100, 896, 10], "middle": [1000, 2048, 1024, 10], "large": [1000, 4096, 2048, 10]}


def run(name, workers, rows, cores):
    """A run as the scaling case records it, its times made from TRUTH by the model's equations written out."""
    layers = NETWORKS[name]
    weights = [a * b for a, b in zip(layers, layers[1:])]
    parameters = sum(weights) + sum(layers[1:])
    products = rows * (6 * sum(weights) - 2 * weights[0]) / GEMM
    sum_bytes = 8.0 * parameters
    fetched = workers * sum_bytes
    shuffled = workers * sum_bytes if workers > 1 else 0.0
    results = sum_bytes
    cpu = products + TRUTH["u"] * rows * sum(layers[1:]) + TRUTH["c"] * (fetched + shuffled)
    driver = TRUTH["d0"] + TRUTH["d1"] * parameters
    jobs = TRUTH["a"] + cpu / min(workers, cores) + TRUTH["beta"] * (fetched + results + shuffled)
    return {"network": name, "layers": layers, "parameters": parameters, "scaling": "weak", "workers": workers,
            "rows": rows, "secondsPerIteration": driver + jobs, "jobSecondsPerIteration": jobs,
            "taskCpuSeconds": cpu, "broadcastBytes": sum_bytes, "broadcastFetchedBytes": fetched,
            "resultBytes": results, "shuffleBytes": shuffled, "executorsLost": 0, "mllibSecondsPerIteration": "NaN"}


def test_the_fit_finds_the_constants_and_predicts_the_held_back_network(tmp_path):
    cores = 2
    runs = [run(name, workers, rows * workers, cores) for name, rows in
            (("small", 5_000), ("middle", 500), ("large", 64)) for workers in (1, 2, 4, 8)]
    path = tmp_path / "results.json"
    path.write_text(json.dumps({"cores": cores, "dgemmGflopsOneThread": GEMM / 1e9, "scaling": runs}))
    loaded, loaded_cores, gemm = cost_model.load([path])
    model = cost_model.Model(loaded, loaded_cores, gemm, ["small", "large"])
    for name in TRUTH:
        assert getattr(model, name) == pytest.approx(TRUTH[name], rel=1e-6), name
    for r in runs:
        assert model.on_bench(r) == pytest.approx(r["secondsPerIteration"], rel=1e-9)
