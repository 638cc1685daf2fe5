"""File names for pages, atomic writes, and removal of stale pages."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from ..review.atomic import atomic_write

# Ids made by claimdiff (``inc-3f2a…``) are used as file names unchanged. An
# id from an input file (front matter ``id:``, a table's id column) may hold
# anything, so it is slugged and made unique with a hash of the id.
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
_UNSAFE_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def page_stem(item_id: str) -> str:
    """A file name stem for ``item_id``: the id itself when that is safe."""
    if _SAFE_NAME.fullmatch(item_id) and item_id.split(".")[0].lower() not in _WINDOWS_RESERVED:
        return item_id
    slug = _UNSAFE_CHARS.sub("-", item_id).strip("-.")[:60] or "item"
    return f"{slug}-{_hash(item_id)}"


def page_names(ids: Iterable[str]) -> dict[str, str]:
    """``{id: "<stem>.html"}``, unique even on case-insensitive file systems.

    Depends only on the set of ids, not their order, so names are stable.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for item_id in sorted(set(ids)):
        stem = page_stem(item_id)
        if stem.lower() in taken:
            stem = f"{stem}-{_hash(item_id)}"
        taken.add(stem.lower())
        names[item_id] = f"{stem}.html"
    return names


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (str as UTF-8) to a temp file beside ``path``, then rename it.

    A reader never sees a half-written file, and an interrupted run leaves the
    previous file in place. No fsync: a report of thousands of pages would pay
    for it on every page, and a lost report is re-run, not recovered.
    """
    atomic_write(path, data, durable=False)


def remove_stale_pages(folder: Path, keep: Iterable[str]) -> list[Path]:
    """Delete ``*.html`` files in ``folder`` (not below it) not named in ``keep``.

    Only page files are touched: anything else a user put there stays.
    """
    keep_names = set(keep)
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for p in sorted(folder.glob("*.html")):
        if p.name not in keep_names and (p.is_file() or p.is_symlink()):
            p.unlink()
            removed.append(p)
    return removed


__all__ = ["page_names", "page_stem", "remove_stale_pages", "write_atomic"]
