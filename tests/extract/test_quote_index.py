"""QuoteIndex lookups (binary searches) agree with a plain scan, on quotes
found in real-style text and on hand-made overlapping ones (scan fallback)."""

from __future__ import annotations

import pytest

from claimdiff.extract.attribution import QuoteIndex
from claimdiff.extract.quotes import Quote, find_quotes

TEXT = (
    "“We will not leave,” the mayor said. The army said it “repelled an attack” overnight.\n\n"
    "“The town is surrounded. There is no water,\n\n“and no power,” a resident said. "
    "Officials called it “a ‘limited’ operation”."
)


def scan_at(quotes: list[Quote], offset: int) -> Quote | None:
    return next((q for q in quotes if q.start <= offset < q.end), None)


def scan_overlapping(quotes: list[Quote], s: int, e: int) -> list[Quote]:
    return [q for q in quotes if q.start < e and s < q.end]


@pytest.mark.parametrize(
    "quotes",
    [
        find_quotes(TEXT)[0],
        [
            Quote(0, 30, 1, 29),
            Quote(10, 20, 11, 19),
            Quote(40, 50, 41, 49),
        ],  # nested: scan fallback
    ],
    ids=["found", "overlapping"],
)
def test_lookups_match_a_scan(quotes: list[Quote]) -> None:
    assert quotes, "the sample text has quotes"
    qi = QuoteIndex(quotes)
    ordered = sorted(quotes, key=lambda q: q.start)
    n = max(q.end for q in quotes) + 5
    for off in range(n):
        assert qi.at(off) == scan_at(ordered, off), off
        assert qi.inside(off) == (
            (q := scan_at(ordered, off)) is not None and q.inner_start <= off < q.inner_end
        )
    for s in range(0, n, 3):
        for e in range(s + 1, n, 7):
            assert qi.overlapping(s, e) == scan_overlapping(ordered, s, e), (s, e)
