"""The cost model of an iteration, fitted on the scaling case's runs (`sparkprop bench --cases scaling`).

Time per iteration of full-batch gradient descent on E one-core executors, a network of P parameters and R rows:

    T = d0 + d1 * P  +  a + kappa * R / E  +  (beta + 1 / BW) * bytes

- d0 + d1 * P: the driver's time outside the Spark jobs (the optimizer's step over P weights, the gradient's
  division by m, the broadcast's creation and destruction, the record of the iteration), measured in every run as
  its seconds an iteration less its jobs' seconds, fitted on P by least squares over all runs;
- a: the fixed cost of the iteration's jobs (scheduling, launching, the result's way back), fitted;
- kappa: the CPU seconds of a row of the network (forward, back-propagation and the executors' merges: the tasks'
  own CPU time), measured per network as the runs' task CPU seconds over their rows; each executor computes
  R / E rows on its own core. The bench machine has fewer cores than the larger clusters' executors, which then
  share them: there the term is the CPU seconds over min(E, cores);
- bytes: what the iteration moves. On the bench machine (one host: every byte is copied by its CPUs, loopback
  costs no wire time) all of it, as measured: the bytes the executors fetch of the broadcasts, the tasks' results
  and the shuffle. On a cluster, the bytes on the critical path, which one node handles in turn: the broadcast of
  the weights B (each executor fetches it, in parallel), the sums S its executor-merge tree's last executor
  receives (up to 16 a level, depth ceil(log16 E)) and the one sum that reaches the driver;
- beta: the seconds a byte costs the CPUs that serialise, compress, copy and merge it, fitted; 1 / BW: the
  seconds a byte takes on the wire.

a and beta are fitted by least squares of the relative errors on the runs of the networks given to --fit; the other networks' runs are
held back and predicted (accepted within 25 %). Then the model predicts weak scaling on 16, 64 and 256 one-core
executors on 10 and 25 GbE for each network (the case's rows per executor), with the efficiency T(1) / T(E) and
the largest term, and lists MLlib's network measured on the same clusters beside sparkprop.

    python3 scripts/bench/cost_model.py RESULTS.json [RESULTS.json ...] [--fit 100k,30m]

(several results files: the runs of each, e.g. the 30m network's, run with larger executors; runs that lost an
executor are left out).
"""

import argparse
import json
import math
from pathlib import Path

LINKS = {"10 GbE": 10e9 / 8, "25 GbE": 25e9 / 8}
EXECUTORS = [16, 64, 256]
FAN_IN = 16


def number(value):
    """A figure of results.json (Jackson writes NaN as the string "NaN")."""
    return float(value) if value is not None else math.nan


def load(paths):
    """The scaling runs of the results files (runs that lost an executor left out), and the machine's cores."""
    runs, cores = [], None
    for path in paths:
        results = json.loads(Path(path).read_text())
        mine = results.get("scaling") or []
        if not mine:
            raise SystemExit(f"{path} has no scaling runs: run ./submit/local.sh bench --cases scaling first")
        for r in mine:
            if r.get("executorsLost", 0) > 0:
                print(f"left out: {r['network']} {r['scaling']} on {r['workers']} workers, which lost "
                      f"{r['executorsLost']} executors (its figures include the recovery)")
        runs += [r for r in mine if r.get("executorsLost", 0) == 0]
        cores = results["cores"]
    if not runs:
        raise SystemExit("no run to fit on")
    return runs, cores


def least_squares(xs, ys, weights=None):
    """The intercept and slope of y = c0 + c1 x, minimising the weighted sum of squared residuals."""
    weights = weights or [1.0] * len(xs)
    total = sum(weights)
    mean_x = sum(w * x for w, x in zip(weights, xs)) / total
    mean_y = sum(w * y for w, y in zip(weights, ys)) / total
    sxx = sum(w * (x - mean_x) ** 2 for w, x in zip(weights, xs))
    slope = sum(w * (x - mean_x) * (y - mean_y) for w, x, y in zip(weights, xs, ys)) / sxx if sxx > 0 else 0.0
    return mean_y - slope * mean_x, slope


def moved_bytes(r):
    return r["broadcastFetchedBytes"] + r["resultBytes"] + r["shuffleBytes"]


def critical_bytes(weights_bytes, sum_bytes, executors):
    """The broadcast, the sums the tree's last executor receives, and the one sum that reaches the driver."""
    if executors == 1:
        return weights_bytes + sum_bytes
    depth = max(1, math.ceil(math.log(executors) / math.log(FAN_IN) - 1e-9))
    fan_in = math.ceil(executors ** (1.0 / depth))
    return weights_bytes + (depth * (fan_in - 1) + 1) * sum_bytes


class Model:
    def __init__(self, runs, cores, fitting):
        self.cores = cores
        self.d0, self.d1 = least_squares([r["parameters"] for r in runs],
                                         [r["secondsPerIteration"] - r["jobSecondsPerIteration"] for r in runs])
        self.kappa = {}
        for name in dict.fromkeys(r["network"] for r in runs):
            mine = [r for r in runs if r["network"] == name]
            self.kappa[name] = sum(r["taskCpuSeconds"] for r in mine) / sum(r["rows"] for r in mine)
        fit = [r for r in runs if r["network"] in fitting]
        # relative errors: each run weighs 1 / T^2, so that the small networks' runs count as much as the large ones'
        self.a, self.beta = least_squares(
            [moved_bytes(r) for r in fit],
            [r["secondsPerIteration"] - self.driver(r["parameters"]) - self.compute(r) for r in fit],
            [1 / r["secondsPerIteration"] ** 2 for r in fit])

    def driver(self, parameters):
        return self.d0 + self.d1 * parameters

    def compute(self, r):
        return self.kappa[r["network"]] * r["rows"] / min(r["workers"], self.cores)

    def on_bench(self, r):
        return self.driver(r["parameters"]) + self.a + self.compute(r) + self.beta * moved_bytes(r)

    def on_cluster(self, name, parameters, weights_bytes, rows_per_executor, executors, bandwidth):
        """The terms of an iteration on E one-core executors of a cluster."""
        return {
            "driver": self.driver(parameters),
            "jobs": self.a,
            "compute": self.kappa[name] * rows_per_executor,
            "bytes": (self.beta + 1 / bandwidth) * critical_bytes(weights_bytes, 8.0 * parameters, executors),
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+")
    parser.add_argument("--fit", default="100k,30m", help="the networks whose runs fit a and beta")
    args = parser.parse_args()
    runs, cores = load(args.results)
    fitting = args.fit.split(",")
    model = Model(runs, cores, fitting)
    print(f"driver outside the jobs: {model.d0 * 1e3:.1f} ms + {model.d1 * 1e9:.2f} ns a parameter (measured)")
    print(f"fitted on {', '.join(fitting)}: a = {model.a * 1e3:.1f} ms, beta = {model.beta * 1e9:.2f} s/GB")
    for name, kappa in model.kappa.items():
        print(f"{name}: kappa = {kappa * 1e3:.4f} CPU ms a row")

    print("\nthe model against every run (held back: its network was not fitted on)")
    print(f"{'network':8} {'scaling':7} {'E':>3} {'rows':>8} {'measured s':>11} {'model s':>9} {'error':>7}  held back")
    worst = {True: 0.0, False: 0.0}
    for r in runs:
        predicted = model.on_bench(r)
        error = predicted / r["secondsPerIteration"] - 1
        held = r["network"] not in fitting
        worst[held] = max(worst[held], abs(error))
        print(f"{r['network']:8} {r['scaling']:7} {r['workers']:>3} {r['rows']:>8,} {r['secondsPerIteration']:>11.3f} "
              f"{predicted:>9.3f} {100 * error:>6.1f}%  {'yes' if held else ''}")
    print(f"largest error: {100 * worst[False]:.1f} % on the runs fitted on, {100 * worst[True]:.1f} % on the "
          f"held-back runs")

    print("\npredicted weak scaling on a cluster (one core an executor, the case's rows per executor)")
    print(f"{'network':8} {'link':7} {'E':>4} {'s/it':>8} {'efficiency':>10}  largest term")
    for name in model.kappa:
        weak = [r for r in runs if r["network"] == name and r["scaling"] == "weak"]
        if not weak:
            continue
        r = weak[0]
        rows = r["rows"] // r["workers"]
        weights_bytes = r["broadcastBytes"]
        for link, bandwidth in LINKS.items():
            one = sum(model.on_cluster(name, r["parameters"], weights_bytes, rows, 1, bandwidth).values())
            for executors in EXECUTORS:
                terms = model.on_cluster(name, r["parameters"], weights_bytes, rows, executors, bandwidth)
                total = sum(terms.values())
                largest = max(terms, key=terms.get)
                print(f"{name:8} {link:7} {executors:>4} {total:>8.3f} {100 * one / total:>9.0f}%  {largest} "
                      f"({100 * terms[largest] / total:.0f} %)")

    print("\nMLlib's network on the same clusters (weak scaling), seconds an iteration")
    for r in runs:
        mllib = number(r.get("mllibSecondsPerIteration"))
        if r["scaling"] == "weak" and not math.isnan(mllib):
            print(f"{r['network']:8} E={r['workers']:<3} sparkprop {r['secondsPerIteration']:.3f}  MLlib {mllib:.3f}  "
                  f"({mllib / r['secondsPerIteration']:.2f} x)")


if __name__ == "__main__":
    main()
