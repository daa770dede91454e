#!/usr/bin/env python3
"""Score a plain scikit-learn baseline on every split written by prepare.py.

Reads OUTDIR/tables.json; for each table fits on train.csv and scores on
test.csv:
  * the label and the table's baselineDrop columns are dropped from the inputs;
  * each dateColumns column becomes two numbers, NAME_year and NAME_dayofyear;
  * numeric columns: SimpleImputer() (mean) + StandardScaler();
  * other (string) columns: SimpleImputer(strategy="constant",
    fill_value="missing") + OneHotEncoder(handle_unknown="ignore");
  * classification: LogisticRegression(max_iter=5000), scored by accuracy;
    regression: Ridge(), scored by R^2.
Missing values are what sparkprop reads as missing: an empty field, NA, NaN
(pandas' longer default list, e.g. "None" or "null", is not used).
Also computed: the accuracy of always answering the train set's most frequent
class ("majority"), and for regression the R^2 of always answering the train
mean ("trainMeanR2", about 0 or slightly below).

Writes OUTDIR/baseline.json and prints an aligned table.

Usage: python3 scripts/corpus/baseline.py [--outdir DIR] [--only NAME ...]
"""

import argparse
import csv
import json
import os
import sys
import time
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, r2_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NA_VALUES = ["", "NA", "NaN"]


def fail(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(1)


def resolve(path):
    return path if os.path.isabs(path) else os.path.join(ROOT, path)


def load(path, label, task):
    with open(path, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    if len(set(header)) != len(header):
        fail(f"{path}: duplicate column names")
    dtype = {label: str} if task == "classification" else None
    df = pd.read_csv(path, keep_default_na=False, na_values=NA_VALUES, dtype=dtype,
                     low_memory=False)
    df.columns = header  # keep an empty header ("" = R's row names) as it is
    return df


def features(df, t):
    x = df.drop(columns=[t["label"]] + list(t["baselineDrop"]))
    for c in t["dateColumns"]:
        s = x.pop(c)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "could not infer format"
            dt = pd.to_datetime(s, errors="coerce")
        bad = int((dt.isna() & s.notna()).sum())
        if bad:
            print(f"warning: {t['name']}: {bad} values of date column {c!r} did not parse",
                  file=sys.stderr)
        x[c + "_year"] = dt.dt.year.astype(float)
        x[c + "_dayofyear"] = dt.dt.dayofyear.astype(float)
    return x


def model(x, task):
    numeric = [c for c in x.columns if pd.api.types.is_numeric_dtype(x[c])
               and not pd.api.types.is_bool_dtype(x[c])]
    other = [c for c in x.columns if c not in numeric]
    pre = ColumnTransformer([
        ("num", Pipeline([("impute", SimpleImputer()),
                          ("scale", StandardScaler())]), numeric),
        ("cat", Pipeline([("impute", SimpleImputer(strategy="constant", fill_value="missing")),
                          ("onehot", OneHotEncoder(handle_unknown="ignore"))]), other),
    ])
    est = LogisticRegression(max_iter=5000) if task == "classification" else Ridge()
    return Pipeline([("pre", pre), ("model", est)]), numeric, other


def score(t):
    train = load(resolve(t["train"]), t["label"], t["task"])
    test = load(resolve(t["test"]), t["label"], t["task"])
    xtr, xte = features(train, t), features(test, t)
    ytr, yte = train[t["label"]], test[t["label"]]
    if t["task"] == "regression":
        ytr, yte = ytr.astype(float), yte.astype(float)
    pipe, numeric, other = model(xtr, t["task"])
    for c in other:
        # the encoder needs one type per column: strings, with NaN for a gap
        # (a column that is numeric in train but not in test is read as text)
        for x in (xtr, xte):
            x[c] = x[c].map(lambda v: v if pd.isna(v) else str(v)).astype(object)
    for c in numeric:
        if not pd.api.types.is_numeric_dtype(xte[c]):
            xte[c] = pd.to_numeric(xte[c], errors="coerce")
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pipe.fit(xtr, ytr)
        pred = pipe.predict(xte)
    seconds = time.perf_counter() - start
    notes = sorted({f"{w.category.__name__}: {str(w.message).splitlines()[0]}"
                    for w in caught})
    for n in notes:
        print(f"note: {t['name']}: {n}", file=sys.stderr)
    r = {"task": t["task"]}
    if t["task"] == "classification":
        top = ytr.value_counts().idxmax()
        r.update(metric="accuracy",
                 baseline=float(accuracy_score(yte, pred)),
                 majority=float((yte == top).mean()),
                 classes=int(ytr.nunique()))
    else:
        r.update(metric="r2",
                 baseline=float(r2_score(yte, pred)),
                 majority=None,
                 trainMeanR2=float(r2_score(yte, np.full(len(yte), ytr.mean()))))
    r.update(trainRows=len(train), testRows=len(test),
             numericInputs=len(numeric), stringInputs=len(other))
    return r, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--outdir", default=os.path.join(ROOT, "target", "corpus"))
    ap.add_argument("--only", nargs="*", help="names of the tables to score (default: all)")
    args = ap.parse_args()
    outdir = os.path.abspath(args.outdir)
    index = os.path.join(outdir, "tables.json")
    if not os.path.exists(index):
        fail(f"{index} not found: run prepare.py first")
    with open(index) as fh:
        tables = json.load(fh)
    if args.only:
        tables = [t for t in tables if t["name"] in args.only]

    results, seconds = {}, {}
    for t in tables:
        results[t["name"]], seconds[t["name"]] = score(t)

    with open(os.path.join(outdir, "baseline.json"), "w") as fh:
        json.dump(results, fh, indent=2)
        fh.write("\n")

    head = f"{'table':16} {'task':14} {'metric':8} {'baseline':>8} {'trivial':>8} " \
           f"{'train':>6} {'test':>6} {'num':>4} {'str':>4} {'fit s':>6}"
    print(head)
    print("-" * len(head))
    for name, r in results.items():
        trivial = r["majority"] if r["task"] == "classification" else r["trainMeanR2"]
        maj = f"{trivial:8.4f}"
        print(f"{name:16} {r['task']:14} {r['metric']:8} {r['baseline']:8.4f} {maj} "
              f"{r['trainRows']:6} {r['testRows']:6} {r['numericInputs']:4} "
              f"{r['stringInputs']:4} {seconds[name]:6.2f}")
    print("trivial: accuracy of the train set's majority class (classification), "
          "R^2 of the train mean (regression)")
    print(f"wrote {os.path.relpath(os.path.join(outdir, 'baseline.json'), ROOT)}")


if __name__ == "__main__":
    main()
