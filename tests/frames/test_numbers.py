"""Quantity expressions -> (low, high, conservative)."""

from __future__ import annotations

import pytest

from claimdiff.frames.numbers import data, interval, parse_number

INTERVALS = [
    ("more than 100", (101, None, 101)),
    ("over 100", (101, None, 101)),
    ("at least 12", (12, None, 12)),
    ("some 500", (450, 550, 500)),
    ("about 2,000", (1800, 2200, 2000)),
    ("nearly 50", (45, 49, 45)),
    ("up to 20", (1, 20, None)),
    ("fewer than 10", (0, 9, None)),
    ("between 20 and 30", (20, 30, 20)),
    ("20 to 30", (20, 30, 20)),
    ("twenty-five", (25, 25, 25)),
    ("two hundred and fifty", (250, 250, 250)),
    ("a hundred", (100, 100, 100)),
    ("more than a dozen", (13, None, 13)),
    ("one", (1, 1, 1)),
    ("no", (0, 0, 0)),
    ("none of the", (0, 0, 0)),
    # ACLED's conservative figures for vague words: tens 10, dozens 12, hundreds 100
    ("dozens of", (24, 99, 12)),
    ("Dozens", (24, 99, 12)),
    ("hundreds of", (200, 999, 100)),
    ("tens of", (20, 99, 10)),
    ("thousands of", (2000, 9999, 1000)),
    ("scores of", (40, 199, 40)),
    ("several", (3, 9, 3)),
]


@pytest.mark.parametrize(("text", "expected"), INTERVALS)
def test_quantity_interval(text: str, expected: tuple[int | None, int | None, int | None]) -> None:
    m = data().quantity.fullmatch(text)
    assert m is not None, text
    assert interval(m) == expected


NUMBERS = [
    ("1,200", 1200),
    ("2.5 million", 2_500_000),
    ("ninety-nine", 99),
    ("three thousand", 3000),
    ("one hundred and five", 105),
    ("seventeen", 17),
    ("troops", None),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERS)
def test_parse_number(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected
