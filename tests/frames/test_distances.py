"""Distances normalised to kilometres."""

from __future__ import annotations

import pytest

from claimdiff.frames.distances import find_distances

ROWS = [
    ("approximately 8 kilometers east of the line", [(8.0, "8 kilometers")]),
    ("five miles east of the agreed line", [(8.047, "five miles")]),
    ("rounds landed within 500 meters of the base", [(0.5, "500 meters")]),
    ("a village 3 km from the border", [(3.0, "3 km")]),
    ("shelling 3km away", [(3.0, "3km")]),
    ("a 10-kilometre buffer zone", [(10.0, "10-kilometre")]),
    ("half a mile from the checkpoint", [(0.805, "half a mile")]),
    ("twenty kilometres south of the city", [(20.0, "twenty kilometres")]),
    # not distances
    ("a $5m reconstruction deal", []),
    ("the over 50,000-strong force", []),
    ("about 2,000 troops", []),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_distances(text: str, expected: list[tuple[float, str]]) -> None:
    assert [(d.km, d.span.text) for d in find_distances(text)] == expected


def test_eight_km_and_five_miles_agree() -> None:
    """The seeds' 8 kilometers and five miles are one distance (gold not_contradictions)."""
    (a,) = find_distances("approximately 8 kilometers east")
    (b,) = find_distances("five miles east")
    assert abs(a.km - b.km) / a.km < 0.05


def test_spans_are_offset() -> None:
    (d,) = find_distances("xx 4 km", offset=100)
    assert (d.span.start, d.span.end) == (103, 107)
