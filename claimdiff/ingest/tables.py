"""Tables: ``.csv``, ``.jsonl``, ``.json`` and ``.parquet``, one article per row.

A problem with one row (empty text, a bad JSONL line, too many CSV fields)
is an error entry for that row; the other rows are still read. A problem
with the whole table (not parseable, no text column) is raised.

``Article.row`` is the 0-based index of the record: for CSV the data rows
after the header (blank lines skipped), for JSON the list index, for Parquet
the row number, and for JSONL the line (line N of the file is row N-1, so a
bad line leaves a gap instead of renumbering the rows after it).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..config import ColumnMap
from ..errors import EmptyInputError, InputFileError, MissingColumnError, ParseError
from ..models import InputError
from .encoding import decode, encoding_warnings, normalise_newlines
from .metadata import FIELDS, clean_value, is_missing
from .record import Meta, Record

# Recognised column names per field, in order of preference (CONTRACT.md).
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article_content", "article_text"),
    "title": ("title", "headline", "article_title"),
    "outlet": ("outlet", "publisher", "site", "sitename", "source"),
    "published": ("published", "date", "publication_date", "published_at"),
    "url": ("url", "link"),
    "id": ("id", "article_id", "unit_id"),
}
_DELIMITERS = (",", "\t", ";", "|")
# Wrapper keys under which JSON exports commonly put their list of records.
_JSON_LIST_KEYS = ("articles", "data")
_MAX_COLUMNS_NAMED = 30

Row = tuple[int, Mapping[str, Any]]
# Errors carry their row index until they are put in file order.
RowError = tuple[int, InputError]
Result = tuple[list[Record], list[InputError]]


def read_csv_file(data: bytes, path: str, columns: ColumnMap) -> Result:
    text, encoding = decode(data)
    # The csv module's default cap (128 KiB a field) is below some long-form
    # articles; no field can be longer than the file.
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text)))
    try:
        return _noting(encoding, _read_csv(text, path, columns))
    finally:
        csv.field_size_limit(limit)


def _read_csv(text: str, path: str, columns: ColumnMap) -> Result:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    rows: list[Row] = []
    errors: list[RowError] = []
    try:
        header = next(reader, None)
        if header is None:
            raise EmptyInputError("file is empty")
        for cells in reader:
            if not cells:
                continue  # a blank line
            index = len(rows) + len(errors)
            if len(cells) > len(header):
                reason = f"has {len(cells)} fields, the header has {len(header)}"
                errors.append(
                    _row_error(path, index, f"{reason} (line {reader.line_num})", ParseError)
                )
                continue
            record: dict[str, Any] = {}
            for name, cell in zip(header, cells):
                record.setdefault(name, cell)  # a repeated header name: the first wins
            rows.append((index, record))
    except csv.Error as e:
        raise ParseError(f"not parseable as CSV at line {reader.line_num}: {e}") from None
    if not rows and not errors:
        raise EmptyInputError("no rows (only a header)")
    records, row_errors = rows_to_records(path, header, rows, columns)
    return records, _in_order(errors + row_errors)


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most columns.

    Only the header is looked at: article text is full of commas and
    semicolons, so counting them in the data (as csv.Sniffer does) misleads.
    Ties go to the comma.
    """
    header = text.split("\n", 1)[0]
    best, most = ",", 1
    for delimiter in _DELIMITERS:
        n = len(next(csv.reader([header], delimiter=delimiter), []))
        if n > most:
            best, most = delimiter, n
    return best


def read_jsonl_file(data: bytes, path: str, columns: ColumnMap) -> Result:
    text, encoding = decode(data)
    return _noting(encoding, _read_jsonl(text, path, columns))


def _read_jsonl(text: str, path: str, columns: ColumnMap) -> Result:
    rows: list[Row] = []
    errors: list[RowError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            reason = f"line {number}: not valid JSON ({e.msg} at column {e.colno})"
            errors.append((number - 1, InputError(path, reason, ParseError.code)))
            continue
        if not isinstance(obj, dict):
            reason = f"line {number}: not a JSON object but {_json_type(obj)}"
            errors.append((number - 1, InputError(path, reason, ParseError.code)))
            continue
        rows.append((number - 1, obj))
    if not rows:
        if errors:
            return [], _in_order(errors)
        raise EmptyInputError("no records")
    records, row_errors = rows_to_records(path, _union_keys(rows), rows, columns)
    return records, _in_order(errors + row_errors)


def read_json_file(data: bytes, path: str, columns: ColumnMap) -> Result:
    text, encoding = decode(data)
    return _noting(encoding, _read_json(text, path, columns))


def _read_json(text: str, path: str, columns: ColumnMap) -> Result:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as e:
        hint = " (one object per line? name the file .jsonl)" if e.msg == "Extra data" else ""
        raise ParseError(
            f"not valid JSON at line {e.lineno} column {e.colno}: {e.msg}{hint}"
        ) from None
    if isinstance(obj, dict):
        key = next((k for k in _JSON_LIST_KEYS if isinstance(obj.get(k), list)), None)
        if key is None:
            raise ParseError(
                "expected a list of records, or an object with an 'articles' or 'data' list; "
                f"found an object with keys {_names(list(obj))}"
            )
        obj = obj[key]
    if not isinstance(obj, list):
        raise ParseError(f"expected a list of records; found {_json_type(obj)}")
    if not obj:
        raise EmptyInputError("no records (empty list)")
    rows: list[Row] = []
    errors: list[RowError] = []
    for index, item in enumerate(obj):
        if isinstance(item, dict):
            rows.append((index, item))
        else:
            errors.append(
                _row_error(path, index, f"not a JSON object but {_json_type(item)}", ParseError)
            )
    if not rows:
        return [], _in_order(errors)
    records, row_errors = rows_to_records(path, _union_keys(rows), rows, columns)
    return records, _in_order(errors + row_errors)


def read_parquet_file(data: bytes, path: str, columns: ColumnMap) -> Result:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as e:  # noqa: BLE001 - pyarrow raises many unrelated types
        raise ParseError(f"not a readable Parquet file: {e}") from None
    if frame.empty:
        raise EmptyInputError("no rows")
    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()  # a named index (e.g. "id") saved by pandas is a column
    header = [str(c) for c in frame.columns]
    rows: list[Row] = [
        (index, dict(zip(header, values)))
        for index, values in enumerate(frame.itertuples(index=False, name=None))
    ]
    records, errors = rows_to_records(path, header, rows, columns)
    return records, _in_order(errors)


def resolve_columns(header: Sequence[str], columns: ColumnMap) -> dict[str, str]:
    """Field -> column name. Raises :class:`MissingColumnError`."""
    by_lower: dict[str, str] = {}
    for name in header:
        by_lower.setdefault(name.strip().lower(), name)
    resolved: dict[str, str] = {}
    for field_name, candidates in COLUMN_NAMES.items():
        named = getattr(columns, field_name)
        if named is not None:
            found = named if named in header else by_lower.get(named.strip().lower())
            if found is None:
                raise MissingColumnError(
                    f"column {named!r} (given for {field_name}, --{field_name}-column) not found; "
                    f"columns present: {_names(header)}"
                )
            resolved[field_name] = found
            continue
        for candidate in candidates:
            if candidate in by_lower:
                resolved[field_name] = by_lower[candidate]
                break
    if "text" not in resolved:
        raise MissingColumnError(
            f"no text column: columns found: {_names(header)}; accepted names: "
            f"{', '.join(COLUMN_NAMES['text'])}; name another column with --text-column"
        )
    return resolved


def rows_to_records(
    path: str, header: Sequence[str], rows: Iterable[Row], columns: ColumnMap
) -> tuple[list[Record], list[RowError]]:
    resolved = resolve_columns(header, columns)
    text_column = resolved["text"]
    records: list[Record] = []
    errors: list[RowError] = []
    for index, values in rows:
        try:
            text = _text_cell(values.get(text_column), text_column)
        except InputFileError as e:
            errors.append(_row_error(path, index, e.reason, type(e)))
            continue
        given: Meta = {}
        warnings: list[str] = []
        for field_name in FIELDS:
            column = resolved.get(field_name)
            if column is None:
                continue
            value = _cell(values.get(column))
            if isinstance(value, (list, dict)):
                warnings.append(f"column {column!r} is not a single value; ignored")
            elif (cleaned := clean_value(value)) is not None:
                given[field_name] = cleaned
        records.append(Record(path=path, text=text, row=index, given=given, warnings=warnings))
    return records, errors


def _cell(value: Any) -> Any:
    """A table cell as a plain Python value; None for every kind of missing."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (list, dict)):
        return value
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _text_cell(value: Any, column: str) -> str:
    value = _cell(value)
    if isinstance(value, bytes):
        value, _ = decode(value)
    if isinstance(value, (list, dict)):
        raise ParseError(f"column {column!r} holds {_json_type(value)}, not text")
    if value is None or not str(value).strip():
        raise EmptyInputError(f"empty text (column {column!r})")
    # Only strings and numbers reach here; a number as text is odd but harmless.
    return normalise_newlines(value if isinstance(value, str) else str(value))


def _noting(encoding: str, result: Result) -> Result:
    """``result`` with the file's decoding warnings added to every row."""
    for record in result[0]:
        record.warnings[:0] = encoding_warnings(encoding)
    return result


def _row_error(path: str, index: int, reason: str, kind: type[InputFileError]) -> RowError:
    return index, InputError(path, f"row {index}: {reason}", kind.code)


def _in_order(errors: list[RowError]) -> list[InputError]:
    return [error for _, error in sorted(errors, key=lambda e: e[0])]


def _union_keys(rows: Sequence[Row]) -> list[str]:
    keys: dict[str, None] = {}
    for _, values in rows:
        keys.update(dict.fromkeys(values))
    return list(keys)


def _names(names: Sequence[Any]) -> str:
    shown = ", ".join(repr(str(n)) for n in names[:_MAX_COLUMNS_NAMED])
    more = len(names) - _MAX_COLUMNS_NAMED
    return shown + (f" and {more} more" if more > 0 else "") if names else "(none)"


def _json_type(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "a string", bool: "true/false"}
    if value is None:
        return "null"
    return kinds.get(type(value), "a number")
