#!/usr/bin/env bash
# Split the corpus (data/corpus/) into fixed train/test files and score the
# scikit-learn baseline on them. Works from any directory; everything it
# writes goes under target/ of the project:
#   target/corpus-venv/          Python venv with requirements.txt (made once)
#   target/corpus/NAME/{train,test}.csv, target/corpus/tables.json
#   target/corpus/baseline.json
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

venv=target/corpus-venv
if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv"
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r scripts/corpus/requirements.txt

"$venv/bin/python" scripts/corpus/prepare.py --tables data/corpus/tables.json --outdir target/corpus
"$venv/bin/python" scripts/corpus/baseline.py --outdir target/corpus
