#!/usr/bin/env python3
"""Split every corpus table into a fixed 70/30 train/test pair.

For each entry of data/corpus/tables.json this writes OUTDIR/NAME/train.csv
and OUTDIR/NAME/test.csv (plain CSV; a .csv.gz is decompressed on the way),
and OUTDIR/tables.json listing them.

The split is textual: both files start with the header line, and every data
line is copied unchanged into one of them, in the order of the source file.
The csv module first checks that each record is exactly one line (see
csvlines.py); the run fails otherwise. The test lines are chosen with
numpy.random.default_rng(SEED).permutation(n) on the record index: the first
round(0.3 n) positions of the permutation are the test records. The split
therefore depends only on n and SEED, never on the machine.

Usage: python3 scripts/corpus/prepare.py [--tables FILE] [--outdir DIR] [--only NAME ...]
Relative paths are taken from the current directory; the defaults are
data/corpus/tables.json and target/corpus under the project root.
"""

import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from csvlines import MISSING, CsvError, fail, read_bytes, split_lines  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = 20261206
TEST_FRACTION = 0.3


def test_count(n):
    # round half up, in integers: 30 % of n
    return (3 * n + 5) // 10


def test_indices(n):
    perm = np.random.default_rng(SEED).permutation(n)
    return set(int(i) for i in perm[:test_count(n)])


def shown(path):
    """A path relative to the project root when it lies inside it."""
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith("..") else rel


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tables", default=os.path.join(ROOT, "data", "corpus", "tables.json"))
    ap.add_argument("--outdir", default=os.path.join(ROOT, "target", "corpus"))
    ap.add_argument("--only", nargs="*", help="names of the tables to split (default: all)")
    args = ap.parse_args()

    tables_path = os.path.abspath(args.tables)
    outdir = os.path.abspath(args.outdir)
    with open(tables_path) as fh:
        tables = json.load(fh)
    names = [t["name"] for t in tables]
    if len(set(names)) != len(names):
        fail(f"{tables_path}: duplicate table names")
    if args.only:
        unknown = set(args.only) - set(names)
        if unknown:
            fail(f"unknown table(s): {', '.join(sorted(unknown))}")
        tables = [t for t in tables if t["name"] in args.only]

    out_entries = []
    for t in tables:
        name = t["name"]
        # "file" is relative to the project root (the directory above data/)
        src = t["file"] if os.path.isabs(t["file"]) else os.path.join(ROOT, t["file"])
        try:
            header_line, header, rows = split_lines(read_bytes(src), t["file"])
        except (CsvError, OSError) as e:
            fail(str(e))
        n = len(rows)
        if n != t["rows"] or len(header) != t["columns"]:
            fail(f"{t['file']}: {n} rows x {len(header)} columns, "
                 f"tables.json says {t['rows']} x {t['columns']}")
        for col in [t["label"]] + t.get("baselineDrop", []) + t.get("dateColumns", []):
            if col not in header:
                fail(f"{t['file']}: column {col!r} named in tables.json is not in the header")
        li = header.index(t["label"])
        gaps = sum(1 for _, rec in rows if rec[li] in MISSING)
        if gaps:
            fail(f"{t['file']}: {gaps} rows have a missing label {t['label']!r}")

        test = test_indices(n)
        train_lines = [line for i, (line, _) in enumerate(rows) if i not in test]
        test_lines = [line for i, (line, _) in enumerate(rows) if i in test]

        if t["task"] == "classification":
            train_classes = {rows[i][1][li] for i in range(n) if i not in test}
            unseen = sorted({rows[i][1][li] for i in test} - train_classes)
            if unseen:
                print(f"warning: {name}: test has classes absent from train: {unseen}",
                      file=sys.stderr)

        d = os.path.join(outdir, name)
        os.makedirs(d, exist_ok=True)
        train_path = os.path.join(d, "train.csv")
        test_path = os.path.join(d, "test.csv")
        with open(train_path, "wb") as fh:
            fh.write(header_line + b"".join(train_lines))
        with open(test_path, "wb") as fh:
            fh.write(header_line + b"".join(test_lines))

        entry = {
            "name": name,
            "task": t["task"],
            "label": t["label"],
            "train": shown(train_path),
            "test": shown(test_path),
            "rows": n,
            "trainRows": len(train_lines),
            "testRows": len(test_lines),
            "columns": len(header),
            "traits": t.get("traits", []),
            "baselineDrop": t.get("baselineDrop", []),
            "dateColumns": t.get("dateColumns", []),
        }
        out_entries.append(entry)
        print(f"{name:16} {n:6} rows -> train {len(train_lines):6}  test {len(test_lines):6}")

    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "tables.json"), "w") as fh:
        json.dump(out_entries, fh, indent=2)
        fh.write("\n")
    print(f"wrote {shown(os.path.join(outdir, 'tables.json'))}")


if __name__ == "__main__":
    main()
