"""What a format reader hands back before ids and metadata are settled."""

from __future__ import annotations

from dataclasses import dataclass, field

# Field -> value, only for values actually given (never None).
Meta = dict[str, str]


@dataclass
class Record:
    """One article's text and the metadata found for it, by where it was found.

    ``given`` is metadata the input states for this article (front matter, a
    table row's columns); ``page`` is what an HTML page's markup says. The
    folder manifest and the text itself are consulted later, in
    :func:`claimdiff.ingest.read_inputs`, so that precedence lives in one place.
    """

    path: str
    text: str
    row: int | None = None
    given: Meta = field(default_factory=dict)
    page: Meta = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
