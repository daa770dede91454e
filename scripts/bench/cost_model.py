"""The cost model of an iteration, fitted on the scaling case's runs (`sparkprop bench --cases gemm,scaling`).

Time per iteration of full-batch gradient descent on E one-core executors, a network of P parameters and U units
(the sizes of its hidden and output layers), R rows, C cores:

    T = d0 + d1 P  +  a  +  W / min(E, C)  +  beta x bytes
    W = F R / G  +  u R U  +  c x executor bytes

- d0 + d1 P: the driver's time outside the Spark jobs (the optimizer's step over P weights, the gradient's
  division by m, the broadcast's creation and destruction, the record of the iteration), measured in every run as
  its seconds an iteration less its jobs' seconds, fitted on P by least squares over all runs;
- W: the CPU seconds of the executors' tasks (measured in every run from Spark's task metrics): the products of
  forward and back-propagation (F flops a row: 6 a weight, but 4 in the first layer) at G, the machine's dgemm
  rate on one thread (measured by the gemm case, not fitted); the activations and their derivatives, u a row and
  unit; and c a byte the executors fetch of the broadcast or shuffle between them (deserialising, adding the
  executors' sums). u and c are fitted on the task CPU seconds of the fitted networks' runs with E <= C (where
  no executor waits for a core); each executor computes its share on its own core, or, with more executors than
  cores, the cores share W;
- a: the fixed cost of the iteration's jobs (scheduling, launching, the result's way back), fitted;
- beta: the wall seconds a byte moved costs beyond the executors' CPU (serialising on the driver, waiting for
  the fetches, the copies of loopback), on all the bytes moved: those the executors fetch of the broadcasts,
  the tasks' results, the shuffle; fitted.

a and beta are fitted by least squares of the relative errors on the runs of the networks given to --fit, after
u and c; the other networks' runs are held back and predicted from their layers, R and E alone (accepted
within 25 %).

On a cluster of one-core executors, the bytes on the critical path count, which one node handles in turn: each
executor fetches the broadcast B and ships its sum S (in parallel), the executor-merge tree's last executor
receives and adds the sums (up to 16 a level, depth ceil(log16 E)), and the one sum reaches the driver; each of
these bytes costs c (the executor's CPU), beta and 1 / BW (the wire). The model predicts weak scaling on 16, 64
and 256 executors on 10 and 25 GbE for each network (the case's rows per executor, and 100 times more), with
the efficiency T(1) / T(E) and the largest term, and lists MLlib's network measured on the same clusters beside
sparkprop.

    python3 scripts/bench/cost_model.py RESULTS.json [RESULTS.json ...] [--fit 100k,30m]

(several results files: the runs of each, e.g. the 30m network's, run with larger executors; the dgemm rate of
the first that has one; runs that lost an executor are left out).
"""

import argparse
import json
import math
from pathlib import Path

LINKS = {"10 GbE": 10e9 / 8, "25 GbE": 25e9 / 8}
EXECUTORS = [16, 64, 256]
FAN_IN = 16
ROW_SCALES = [1, 100]


def number(value):
    """A figure of results.json (Jackson writes NaN as the string "NaN")."""
    return float(value) if value is not None else math.nan


def load(paths):
    """The scaling runs of the results files (runs that lost an executor left out), the cores, the dgemm rate."""
    runs, cores, gemm = [], None, None
    for path in paths:
        results = json.loads(Path(path).read_text())
        mine = results.get("scaling") or []
        if not mine:
            raise SystemExit(f"{path} has no scaling runs: run ./submit/local.sh bench --cases gemm,scaling first")
        for r in mine:
            if r.get("executorsLost", 0) > 0:
                print(f"left out: {r['network']} {r['scaling']} on {r['workers']} workers, which lost "
                      f"{r['executorsLost']} executors (its figures include the recovery)")
        runs += [r for r in mine if r.get("executorsLost", 0) == 0]
        cores = results["cores"]
        if gemm is None and "dgemmGflopsOneThread" in results:
            gemm = results["dgemmGflopsOneThread"] * 1e9
    if not runs:
        raise SystemExit("no run to fit on")
    if gemm is None:
        raise SystemExit("no dgemm rate in the results: run the gemm case with the scaling case "
                         "(--cases gemm,scaling)")
    return runs, cores, gemm


def solve(columns, ys, weights):
    """The coefficients x minimising sum w (sum_j x_j col_j - y)^2 (normal equations, Gaussian elimination)."""
    n = len(columns)
    matrix = [[sum(w * ci * cj for w, ci, cj in zip(weights, columns[i], columns[j])) for j in range(n)]
              for i in range(n)]
    rhs = [sum(w * ci * y for w, ci, y in zip(weights, columns[i], ys)) for i in range(n)]
    for k in range(n):
        pivot = max(range(k, n), key=lambda i: abs(matrix[i][k]))
        matrix[k], matrix[pivot], rhs[k], rhs[pivot] = matrix[pivot], matrix[k], rhs[pivot], rhs[k]
        for i in range(k + 1, n):
            factor = matrix[i][k] / matrix[k][k]
            matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[k])]
            rhs[i] -= factor * rhs[k]
    x = [0.0] * n
    for k in reversed(range(n)):
        x[k] = (rhs[k] - sum(matrix[k][j] * x[j] for j in range(k + 1, n))) / matrix[k][k]
    return x


def units(r):
    return sum(r["layers"][1:])


def flops(r):
    """The flops a row of forward and back-propagation: 2 a weight forward, 2 for its gradient, 2 to carry the
    error back through it (but through the first layer: nothing needs the inputs' errors)."""
    layers = r["layers"]
    weights = [a * b for a, b in zip(layers, layers[1:])]
    return 2.0 * (3 * sum(weights) - weights[0])


def moved_bytes(r):
    return r["broadcastFetchedBytes"] + r["resultBytes"] + r["shuffleBytes"]


def executor_bytes(r):
    return r["broadcastFetchedBytes"] + r["shuffleBytes"]


def merged_sums(executors):
    """The sums the merge tree's last executor receives from others: fan-in - 1 a level, up to FAN_IN a level
    (TreeDepth's rule)."""
    if executors == 1:
        return 0
    depth = 1
    while FAN_IN ** depth < executors:
        depth += 1
    return depth * (math.ceil(executors ** (1.0 / depth) - 1e-9) - 1)


class Model:
    def __init__(self, runs, cores, gemm, fitting):
        self.cores, self.gemm = cores, gemm
        self.d0, self.d1 = solve([[1.0] * len(runs), [r["parameters"] for r in runs]],
                                 [r["secondsPerIteration"] - r["jobSecondsPerIteration"] for r in runs],
                                 [1.0] * len(runs))
        fit = [r for r in runs if r["network"] in fitting]
        alone = [r for r in fit if r["workers"] <= cores]
        # relative errors: each run weighs 1 / y^2, so that the small networks' runs count as much as the large ones'
        # the products at the measured dgemm rate; the rest of the tasks' CPU time is the activations' and the bytes'
        self.u, self.c = solve([[r["rows"] * units(r) for r in alone], [executor_bytes(r) for r in alone]],
                               [r["taskCpuSeconds"] - flops(r) * r["rows"] / gemm for r in alone],
                               [1 / r["taskCpuSeconds"] ** 2 for r in alone])
        self.a, self.beta = solve([[1.0] * len(fit), [moved_bytes(r) for r in fit]],
                                  [r["secondsPerIteration"] - self.driver(r["parameters"])
                                   - self.work(r) / min(r["workers"], cores) for r in fit],
                                  [1 / r["secondsPerIteration"] ** 2 for r in fit])

    def driver(self, parameters):
        return self.d0 + self.d1 * parameters

    def compute(self, r, rows):
        return flops(r) * rows / self.gemm + self.u * rows * units(r)

    def work(self, r):
        return self.compute(r, r["rows"]) + self.c * executor_bytes(r)

    def on_bench(self, r):
        return (self.driver(r["parameters"]) + self.a + self.work(r) / min(r["workers"], self.cores)
                + self.beta * moved_bytes(r))

    def on_cluster(self, r, rows_per_executor, executors, bandwidth):
        """The terms of an iteration on E one-core executors of a cluster, each holding rows_per_executor rows."""
        weights, sums = r["broadcastBytes"], 8.0 * r["parameters"]
        critical = weights + (merged_sums(executors) + 1) * sums
        return {
            "driver": self.driver(r["parameters"]),
            "jobs": self.a,
            "compute": self.compute(r, rows_per_executor),
            "bytes": (self.c + self.beta + 1 / bandwidth) * critical,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+")
    parser.add_argument("--fit", default="100k,30m", help="the networks whose runs fit the model")
    args = parser.parse_args()
    runs, cores, gemm = load(args.results)
    fitting = args.fit.split(",")
    model = Model(runs, cores, gemm, fitting)
    print(f"driver outside the jobs: {model.d0 * 1e3:.1f} ms + {model.d1 * 1e9:.2f} ns a parameter (measured)")
    print(f"the products at dgemm's {gemm / 1e9:.1f} GFLOP/s on one thread (measured); fitted on "
          f"{', '.join(fitting)}: u = {model.u * 1e9:.2f} ns a row and unit, c = {model.c * 1e9:.2f} s/GB (the "
          f"executors' CPU), a = {model.a * 1e3:.1f} ms, beta = {model.beta * 1e9:.2f} s/GB")

    print("\nthe model against every run (held back: its network was not fitted on; E > C: executors share cores)")
    print(f"{'network':8} {'scaling':7} {'E':>3} {'rows':>8} {'task CPU s':>10} {'model':>7} {'measured s':>11} "
          f"{'model s':>8} {'error':>7}  held back")
    worst = {}
    for r in runs:
        predicted = model.on_bench(r)
        error = predicted / r["secondsPerIteration"] - 1
        held = r["network"] not in fitting
        key = (held, r["workers"] > cores)
        worst[key] = max(worst.get(key, 0.0), abs(error))
        print(f"{r['network']:8} {r['scaling']:7} {r['workers']:>3} {r['rows']:>8,} {r['taskCpuSeconds']:>10.3f} "
              f"{model.work(r):>7.3f} {r['secondsPerIteration']:>11.3f} {predicted:>8.3f} {100 * error:>6.1f}%  "
              f"{'yes' if held else ''}")
    for (held, shared), error in sorted(worst.items()):
        print(f"largest error on the {'held-back' if held else 'fitted'} runs with "
              f"{'more executors than cores' if shared else 'E <= C'}: {100 * error:.1f} %")

    print("\npredicted weak scaling on a cluster (one core an executor): seconds an iteration, efficiency T(1) / T(E),"
          " the largest term")
    print(f"{'network':8} {'rows/ex':>8} {'E':>4}" + "".join(f" {link:>30}" for link in LINKS))
    for name in dict.fromkeys(r["network"] for r in runs):
        weak = [r for r in runs if r["network"] == name and r["scaling"] == "weak"]
        if not weak:
            continue
        r = weak[0]
        for scale in ROW_SCALES:
            rows = scale * r["rows"] // r["workers"]
            for executors in EXECUTORS:
                line = f"{name:8} {rows:>8,} {executors:>4}"
                for bandwidth in LINKS.values():
                    one = sum(model.on_cluster(r, rows, 1, bandwidth).values())
                    terms = model.on_cluster(r, rows, executors, bandwidth)
                    total = sum(terms.values())
                    largest = max(terms, key=terms.get)
                    share = 100 * terms[largest] / total
                    line += f" {total:>8.3f} s {100 * one / total:>4.0f} % {largest:>7} ({share:>2.0f} %)"
                print(line)

    print("\nMLlib's network on the same clusters (weak scaling), seconds an iteration")
    for r in runs:
        mllib = number(r.get("mllibSecondsPerIteration"))
        if r["scaling"] == "weak" and not math.isnan(mllib):
            print(f"{r['network']:8} E={r['workers']:<3} sparkprop {r['secondsPerIteration']:.3f}  MLlib {mllib:.3f}  "
                  f"({mllib / r['secondsPerIteration']:.2f} x)")


if __name__ == "__main__":
    main()
