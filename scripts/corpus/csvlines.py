"""Line-exact reading of a CSV file, shared by build.py and prepare.py.

A file is split into its physical lines (on b"\\n"; a line keeps its own
ending, so a CRLF file stays CRLF), and the csv module checks that every
record is exactly one line with as many fields as the header. Anything else
(a quoted field holding a line break, a blank line, a short or long record,
a file that is not UTF-8) stops the run with an error naming the file and line.
"""

import csv
import gzip
import sys

# sparkprop reads these three as a missing value; nothing else.
MISSING = frozenset(["", "NA", "NaN"])


class CsvError(Exception):
    pass


def read_bytes(path):
    with open(path, "rb") as fh:
        raw = fh.read()
    if path.endswith(".gz"):
        raw = gzip.decompress(raw)
    return raw


def split_lines(raw, where):
    """Return (header_line, header_fields, [(data_line, fields), ...]).

    Every line is returned as bytes ending in b"\\n" (a last line without a
    line break gets one), otherwise exactly as it stands in the file.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        raise CsvError(f"{where}: starts with a UTF-8 byte order mark")
    parts = raw.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    if not parts:
        raise CsvError(f"{where}: empty file")
    lines = [p + b"\n" for p in parts]
    try:
        text = [line.decode("utf-8") for line in lines]
    except UnicodeDecodeError as e:
        raise CsvError(f"{where}: not UTF-8 ({e})") from None
    reader = csv.reader(text)
    records = []
    last = 0
    for rec in reader:
        if reader.line_num != last + 1:
            raise CsvError(
                f"{where}: the record that starts on line {last + 1} spans "
                f"lines {last + 1}-{reader.line_num} (a quoted line break); "
                "the textual split needs one record per line")
        last = reader.line_num
        records.append(rec)
    if last != len(lines):
        raise CsvError(f"{where}: the csv module read {last} lines of {len(lines)}")
    header = records[0]
    rows = []
    for i, (line, rec) in enumerate(zip(lines[1:], records[1:]), start=2):
        if len(rec) != len(header):
            kind = "blank line" if not rec else f"{len(rec)} fields"
            raise CsvError(f"{where}: line {i}: {kind}, header has {len(header)}")
        rows.append((line, rec))
    return lines[0], header, rows


def fail(msg):
    print(f"error: {msg}", file=sys.stderr)
    sys.exit(1)
