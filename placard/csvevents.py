"""Event listings from a sign-up form's CSV export: rows as raw fields with their file lines."""
from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass

from .coerce import without_controls
from .errors import ContentError

# A form export may hold a very long description; the csv default (128 kB) is too small.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
MAX_ROWS = 50_000
REQUIRED_COLUMNS = ("title", "start", "country")


@dataclass(frozen=True)
class Row:
    fields: dict     # key -> text, only the columns Placard knows
    line: int        # physical line where the row starts (header is line 1)


def read_rows(path: str, data: bytes, known_keys) -> tuple[list[Row], list[ContentError]]:
    """Decode and split a CSV file into rows; errors carry the file's physical line numbers."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return [], [ContentError(path, line, f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
                                 "cannot be decoded)", "export or save the CSV as UTF-8")]
    text = without_controls(text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=False)
    try:
        header = next(reader)
    except StopIteration:
        return [], [ContentError(path, 1, "the file is empty; the first row must name the columns")]
    columns = [name.strip().lower() for name in header]
    errors = [ContentError(path, 1, f"the column '{name}' is missing", "the first row names the columns")
              for name in REQUIRED_COLUMNS if name not in columns]
    if errors:
        return [], errors
    keep = {index: name for index, name in enumerate(columns) if name in known_keys}
    rows: list[Row] = []
    line = start = reader.line_num + 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(columns):
                errors.append(ContentError(
                    path, start, f"this row has {len(record)} fields but the first row names "
                    f"{len(columns)} columns", "a value with a comma must be in double quotes"))
                continue
            if len(rows) >= MAX_ROWS:
                errors.append(ContentError(path, start, f"more than {MAX_ROWS} rows; split the file"))
                break
            fields = {name: record[index] for index, name in keep.items() if index < len(record)}
            rows.append(Row(fields, start))
    except csv.Error as exc:
        errors.append(ContentError(path, reader.line_num, f"the CSV cannot be read: {exc}"))
    if _ends_inside_quotes("".join(io.StringIO(text, newline="").readlines()[start - 1:])):
        errors.append(ContentError(path, start, "a double quote opened in this row is never closed, so the "
                                   "rest of the file was read as one cell", "close the quote or remove it"))
    return rows, errors


def _ends_inside_quotes(row: str) -> bool:
    """Whether a row's raw text ends inside a quoted cell (a quote opens only at a cell's start)."""
    quoted, at_start, index = False, True, 0
    while index < len(row):
        char = row[index]
        if quoted:
            if char == '"' and row[index + 1:index + 2] == '"':
                index += 1
            elif char == '"':
                quoted = False
        elif char == '"' and at_start:
            quoted = True
        at_start = not quoted and char in ",\r\n"
        index += 1
    return quoted
