"""Files and folders -> :class:`~claimdiff.models.Article` s, never stopping at a bad file.

Metadata precedence, highest first:

1. what the input states for the article: front matter (``.txt``/``.md``)
   or the row's columns (tables);
2. the folder's ``manifest.yaml`` (its ``id`` applies to files, not table rows);
3. the HTML page's markup (``.html``/``.htm``);
4. the text itself, for ``title`` and ``outlet`` only (see
   :mod:`claimdiff.ingest.metadata`). ``published`` is never read from text.

Ids: an explicit id (front matter, manifest, id column), made file-name safe,
else ``stable_id("a", text)``. The second article to want an id already taken
gets ``stable_id("a", text, path, row)`` and a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import ColumnMap
from ..errors import InputFileError
from ..models import Article, InputError, stable_id
from .files import SUPPORTED_SUFFIXES, InputFile, expand
from .html import read_html_file
from .manifest import ManifestEntry, Manifests
from .metadata import normalise_date, outlet_from_dateline, sanitise_id, title_from_first_line
from .record import Meta, Record
from .tables import COLUMN_NAMES, read_csv_file, read_json_file, read_jsonl_file, read_parquet_file
from .text import read_text_file

__all__ = ["COLUMN_NAMES", "SUPPORTED_SUFFIXES", "read_inputs"]

_TABLE_READERS = {
    ".csv": read_csv_file,
    ".jsonl": read_jsonl_file,
    ".json": read_json_file,
    ".parquet": read_parquet_file,
}


def read_inputs(
    paths: Sequence[str | Path], columns: ColumnMap | None = None
) -> tuple[list[Article], list[InputError]]:
    """Read every article under ``paths`` (files and folders, in any mix).

    Returns the articles in walk order (paths as given, folders sorted, then
    table rows) and one :class:`InputError` per problem; never raises for a
    bad input. ``columns`` names table columns that are not recognised by
    their common names.
    """
    columns = columns or ColumnMap()
    manifests = Manifests()
    articles: list[Article] = []
    errors: list[InputError] = []
    taken: dict[str, str] = {}  # id -> the article that has it, for the warning
    for item in expand(paths):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        entry, manifest_errors = manifests.entry_for(item)
        errors.extend(manifest_errors)
        records, file_errors = _read_file(item, columns)
        errors.extend(file_errors)
        for record in records:
            articles.append(_article(record, entry, taken))
    return articles, errors


def _read_file(item: InputFile, columns: ColumnMap) -> tuple[list[Record], list[InputError]]:
    try:
        data = item.fs_path.read_bytes()
        if item.suffix in _TABLE_READERS:
            return _TABLE_READERS[item.suffix](data, item.shown, columns)
        if item.suffix in (".html", ".htm"):
            return [read_html_file(data, item.shown)], []
        return [read_text_file(data, item.shown)], []
    except InputFileError as e:
        return [], [InputError(item.shown, e.reason, e.code)]
    except OSError as e:
        reason = f"cannot be read: {e.strerror or e}"
        return [], [InputError(item.shown, reason, InputFileError.code)]
    except Exception as e:  # noqa: BLE001 - one odd file must not stop the run
        reason = f"unexpected error while reading: {type(e).__name__}: {e}"
        return [], [InputError(item.shown, reason, InputFileError.code)]


def _article(record: Record, entry: ManifestEntry, taken: dict[str, str]) -> Article:
    warnings = [*record.warnings, *entry.warnings]
    manifest = dict(entry.meta)
    if record.row is not None:
        manifest.pop("id", None)  # one id for every row of a table would collide
    tiers: list[tuple[str, Meta]] = [
        ("front matter" if record.row is None else "column", record.given),
        ("manifest", manifest),
        ("page", record.page),
    ]
    first = {
        key: next((meta[key] for _, meta in tiers if key in meta), None)
        for key in ("title", "outlet", "url", "id")
    }
    article_id = _assign_id(record, first["id"], taken, warnings)
    return Article(
        id=article_id,
        path=record.path,
        text=record.text,
        row=record.row,
        title=first["title"] or title_from_first_line(record.text),
        outlet=first["outlet"] or outlet_from_dateline(record.text),
        published=_published(tiers, warnings),
        url=first["url"],
        warnings=tuple(warnings),
    )


def _published(tiers: list[tuple[str, Meta]], warnings: list[str]) -> str | None:
    """The first date that parses; an unparseable one is reported, not guessed at."""
    for where, meta in tiers:
        if "published" in meta:
            iso, warning = normalise_date(meta["published"])
            if warning:
                warnings.append(f"{where}: {warning}")
            if iso:
                return iso
    return None


def _assign_id(
    record: Record, explicit: str | None, taken: dict[str, str], warnings: list[str]
) -> str:
    article_id: str | None = None
    if explicit is not None:
        article_id = sanitise_id(explicit)
        if article_id is None:
            warnings.append(f"id {explicit!r} has no usable characters; using a content id")
        elif article_id != explicit:
            warnings.append(f"id {explicit!r} made safe as a file name: {article_id!r}")
    article_id = article_id or stable_id("a", record.text)
    where = record.path if record.row is None else f"{record.path} row {record.row}"
    if article_id in taken:
        fallback = stable_id("a", record.text, record.path, record.row)
        n = 0
        while fallback in taken:  # only if the same text, path and row came twice
            n += 1
            fallback = stable_id("a", record.text, record.path, record.row, n)
        warnings.append(
            f"id {article_id!r} is already used by {taken[article_id]} "
            f"(same text or same explicit id); this article's id is {fallback!r}"
        )
        article_id = fallback
    taken[article_id] = where
    return article_id
