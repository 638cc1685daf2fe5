"""Distances with units ("12 kilometers", "two miles", "300 meters", "3km"),
normalised to kilometres so that differently written figures compare."""

from __future__ import annotations

import re
from functools import lru_cache

from ..models import Distance, Span
from ._data import alternation
from ._scan import scan
from .numbers import data as number_data
from .numbers import parse_number


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    d = number_data()
    units = alternation(list(d.length_units))
    # "a mile", "half a mile", "12 kilometers", "12-kilometer", "3km"; not "$5m" or "2 m people"
    return re.compile(
        rf"(?<![\w$£€.,-])(?P<n>half\s+an?|an?|{d.number_src})\s*-?\s*(?P<u>{units})(?![\w])(?!\s+(?:people|dollars|euros|barrels|tons))",
        re.IGNORECASE,
    )


def km_of(number: str, unit: str) -> float | None:
    """Kilometres in ``number unit`` ("five", "miles" -> 8.047)."""
    n = number.strip().lower()
    value = 0.5 if n.startswith("half") else 1.0 if n in ("a", "an") else parse_number(n)
    factor = number_data().length_units.get(re.sub(r"\s+", " ", unit.lower()))
    if value is None or factor is None:
        return None
    return round(value * factor, 3)


@lru_cache(maxsize=1)
def _unit_end() -> re.Pattern[str]:
    """A length unit other than the bare "m", ending a word, in lower-cased text."""
    units = [u.lower() for u in number_data().length_units if u.lower() != "m"]
    return re.compile(rf"(?:{alternation(units)})(?![\w])")


def find_distances(text: str, offset: int = 0) -> list[Distance]:
    sc = scan(text)
    # A distance has a digit or a unit word other than "m" (kept only after digits, below);
    # most claims have neither, and this test is far cheaper than the full pattern.
    if not sc.digit and sc.exact and _unit_end().search(sc.low) is None:
        return []
    out = []
    for m in _pattern().finditer(text):
        if m.group("u").lower() == "m" and not m.group("n")[-1:].isdigit():
            continue  # "a m", "five m": only digits take the bare "m"
        km = km_of(m.group("n"), m.group("u"))
        if km is not None:
            out.append(Distance(km, Span(offset + m.start(), offset + m.end(), m.group(0))))
    return out
