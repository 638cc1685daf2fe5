"""Time expressions, with and without a publication date to anchor them."""

from __future__ import annotations

import pytest

from claimdiff.frames.times import find_times, parse_published

PUB = "2018-02-10"  # a Saturday

# (text, published, [(span text, value, relative, clock)])
ROWS = [
    (
        "fired upon in eastern Syria Monday morning",
        None,
        [("Monday morning", None, "weekday:monday", None)],
    ),
    (
        "fired upon in eastern Syria Monday morning",
        PUB,
        [("Monday morning", "2018-02-05", "weekday:monday", None)],
    ),
    (
        "conducted strikes on Wednesday",
        PUB,
        [("on Wednesday", "2018-02-07", "weekday:wednesday", None)],
    ),
    ("the attack on Saturday", PUB, [("on Saturday", "2018-02-10", "weekday:saturday", None)]),
    ("last Saturday", PUB, [("last Saturday", "2018-02-03", "last:saturday", None)]),
    ("killed in February", None, [("in February", None, "month:february", None)]),
    ("killed in February", PUB, [("in February", "2018-02", "month:february", None)]),
    ("in October", PUB, [("in October", "2017-10", "month:october", None)]),
    ("shot down a jet last June", None, [("last June", None, "last:june", None)]),
    ("shot down a jet last June", PUB, [("last June", "2017-06", "last:june", None)]),
    ("yesterday", PUB, [("yesterday", "2018-02-09", "ago:1d", None)]),
    ("yesterday", None, [("yesterday", None, "ago:1d", None)]),
    ("withdrew today", PUB, [("today", "2018-02-10", "ago:0d", None)]),
    ("three days ago", PUB, [("three days ago", "2018-02-07", "ago:3d", None)]),
    ("last year", PUB, [("last year", "2017", "last:year", None)]),
    ("last week", PUB, [("last week", None, "last:week", None)]),
    ("over the past two days", PUB, [("over the past two days", None, "past:2d", None)]),
    ("in recent days", None, [("in recent days", None, "recent:days", None)]),
    ("at 9:45 am, a patrol", None, [("9:45 am", None, None, "09:45")]),
    (
        "On Sunday at 10 p.m.",
        PUB,
        [("On Sunday at 10 p.m.", "2018-02-04", "weekday:sunday", "22:00")],
    ),
    ("at 14:30 local time", None, [("14:30", None, None, "14:30")]),
    # absolute dates need no anchor
    ("on October 20, 2019", None, [("October 20, 2019", "2019-10-20", None, None)]),
    ("on 12 February 2018", None, [("12 February 2018", "2018-02-12", None, None)]),
    ("in February 2018", None, [("February 2018", "2018-02", None, None)]),
    ("from 2014 to 2017", None, [("2014", "2014", None, None), ("2017", "2017", None, None)]),
    ("on February 8", None, [("February 8", None, "monthday:02-08", None)]),
    ("on February 8", PUB, [("February 8", "2018-02-08", "monthday:02-08", None)]),
    ("on December 30", PUB, [("December 30", "2017-12-30", "monthday:12-30", None)]),
    # a weekday naming a date given with it is that date, not the last such weekday
    ("on Saturday, February 3", PUB, [("February 3", "2018-02-03", "monthday:02-03", None)]),
    ("on Thursday 1 February", PUB, [("1 February", "2018-02-01", "monthday:02-01", None)]),
    ("Saturday, the army said", PUB, [("Saturday", "2018-02-10", "weekday:saturday", None)]),
    # a month is no date: the weekday stays
    (
        "on Saturday, in January",
        PUB,
        [
            ("on Saturday", "2018-02-10", "weekday:saturday", None),
            ("in January", "2018-01", "month:january", None),
        ],
    ),
    # not times
    ("The US maintains about 2,000 troops", PUB, []),
    ("officials may march on", PUB, []),
]


@pytest.mark.parametrize(("text", "published", "expected"), ROWS)
def test_times(text: str, published: str | None, expected: list[tuple[str | None, ...]]) -> None:
    got = [(t.span.text, t.value, t.relative, t.clock) for t in find_times(text, 0, published)]
    assert got == expected


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2020-02-12", "2020-02-12"),
        ("2020-02-12T08:00:00Z", "2020-02-12"),
        ("2020-02", None),
        (None, None),
        ("x", None),
    ],
)
def test_parse_published(published: str | None, expected: str | None) -> None:
    d = parse_published(published)
    assert (d.isoformat() if d else None) == expected
