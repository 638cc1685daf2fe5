"""``.txt`` and ``.md`` files: optional YAML front matter, then the article text.

The article text is the decoded file after the front matter, with the blank
lines between the closing ``---`` and the first text line dropped (they are
layout of the front matter, not of the article). A file without front matter
is kept whole, so offsets into it are offsets into the decoded file.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import EmptyInputError, ParseError
from .encoding import decode, encoding_warnings
from .metadata import FIELDS, clean_value
from .record import Meta, Record

_OPEN = "---"
_CLOSE = ("---", "...")
# Keys that are allowed but not metadata claimdiff keeps.
_IGNORED_KEYS = {"note"}


def read_text_file(data: bytes, path: str) -> Record:
    text, encoding = decode(data)
    given, body, warnings = split_front_matter(text)
    if not body.strip():
        raise EmptyInputError("no text after the front matter")
    return Record(
        path=path, text=body, given=given, warnings=encoding_warnings(encoding) + warnings
    )


def split_front_matter(text: str) -> tuple[Meta, str, list[str]]:
    """``(metadata, text after the front matter, warnings)``."""
    lines = text.split("\n")
    if lines[0].rstrip() != _OPEN:
        return {}, text, []
    close = next((i for i in range(1, len(lines)) if lines[i].rstrip() in _CLOSE), None)
    if close is None:
        # A Markdown rule at the top, not front matter: keep everything.
        return (
            {},
            text,
            ["starts with '---' but no closing '---' line; read as text, not front matter"],
        )
    try:
        loaded = yaml.load("\n".join(lines[1:close]), Loader=yaml.BaseLoader)
    except yaml.YAMLError as e:
        raise ParseError(yaml_problem(e, what="front matter", first_line=2)) from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise ParseError(f"front matter (lines 1-{close + 1}) must be 'key: value' lines")
    meta, warnings = metadata_fields(loaded, where="front matter")
    body = lines[close + 1 :]
    while body and not body[0].strip():
        body.pop(0)
    return meta, "\n".join(body), warnings


def metadata_fields(mapping: dict[Any, Any], *, where: str) -> tuple[Meta, list[str]]:
    """The known fields of a YAML mapping (read with BaseLoader: all strings)."""
    meta: Meta = {}
    warnings: list[str] = []
    unknown: list[str] = []
    for key, value in mapping.items():
        name = str(key).strip().lower()
        if name in _IGNORED_KEYS:
            continue
        if name not in FIELDS:
            unknown.append(str(key))
        elif isinstance(value, (list, dict)):
            warnings.append(f"{where} '{key}' is not a single value; ignored")
        elif (cleaned := clean_value(value)) is not None:
            meta[name] = cleaned
    if unknown:
        warnings.append(
            f"{where} key(s) {', '.join(repr(k) for k in unknown)} not used "
            f"(known: {', '.join(FIELDS)})"
        )
    return meta, warnings


def yaml_problem(e: yaml.YAMLError, *, what: str, first_line: int = 1) -> str:
    """A YAML error naming the file line (from 1) where YAML starts at ``first_line``."""
    mark = getattr(e, "problem_mark", None)
    problem = getattr(e, "problem", None) or str(e)
    if mark is None:
        return f"{what} is not valid YAML: {problem}"
    return f"{what} is not valid YAML at line {mark.line + first_line}: {problem}"
