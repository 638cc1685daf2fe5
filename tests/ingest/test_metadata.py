from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest

from claimdiff.ingest.metadata import (
    known_outlets,
    normalise_date,
    outlet_from_dateline,
    sanitise_id,
    title_from_first_line,
)

DATELINES: list[tuple[str, str | None]] = [
    ("CNN\u00a0—\u00a0\n\nUS troops in Syria exchanged fire.", "CNN"),
    ("CNN — US troops in Syria exchanged fire.", "CNN"),
    ("(CNN) — US troops in Syria exchanged fire.", "CNN"),
    ("(CNN)—US troops in Syria exchanged fire.", "CNN"),
    ("WASHINGTON (Reuters) - The U.S. military said on Monday.", "Reuters"),
    ("LONDON, Feb 8 (Reuters) - The coalition said.", "Reuters"),
    ("BEIRUT, Lebanon (AP) — Syrian state media said.", "Associated Press"),
    ("BEIRUT (AFP) – Syrian state media said.", "AFP"),
    ("DAMASCUS (REUTERS) -- State media said.", "Reuters"),
    ("Al-Monitor — Clashes broke out.", "Al-Monitor"),
    # A caption first, then the dateline (seed 000's layout).
    ("A soldier stands in a carrier. (Photo by X / AFP)\nCNN — Text.", "CNN"),
    # A place, not an outlet.
    ("SYRIA — The US-led coalition conducted strikes.", None),
    ("WASHINGTON — The Pentagon said.", None),
    ("WASHINGTON (Unknown Wire) — The Pentagon said.", None),
    # Hyphenated words and running text are no dateline.
    ("US-led forces said the attack was unprovoked.", None),
    ("Reuters reported - citing officials - that it happened.", None),
    ("The official told CNN — in an interview — that it happened.", None),
    ("reuters - lower case is not a dateline token.", None),
    # Too far down: the first five non-blank lines only.
    ("\n".join(["Line of text."] * 5 + ["CNN — too late."]), None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), DATELINES)
def test_outlet_from_dateline(text: str, expected: str | None) -> None:
    assert outlet_from_dateline(text) == expected


HEADLINE = "Army sends tanks to border post as fighting flares with rebels: reports"

TITLES: list[tuple[str, str | None]] = [
    (f"{HEADLINE}\nThe army has reportedly sent more armour.", HEADLINE),
    (
        "\n\nCoalition strikes pro-regime forces\n\nText follows.",
        "Coalition strikes pro-regime forces",
    ),
    ("Coalition strikes pro-regime forces  \nText.", "Coalition strikes pro-regime forces"),
    # Ends like a sentence, a quote, a lead-in or a dateline.
    ("The coalition said it struck back.\nMore text.", None),
    ("Did the coalition strike first?\nMore text.", None),
    ("Strike was “unprovoked”\nMore text.", None),
    ('Strike was "unprovoked"\nMore text.', None),
    ("The coalition said:\nMore text.", None),
    ("CNN —\nText.", None),
    ("(CNN) — US troops exchanged fire\nText.", None),
    # Too long, too short, alone, a byline, no letters.
    (" ".join(["word"] * 21) + "\nText.", None),
    (" ".join(["word"] * 20) + "\nText.", " ".join(["word"] * 20)),
    ("Advertisement\nText.", None),
    ("A headline with nothing after it", None),
    ("A headline with only blank lines after\n\n  \n", None),
    ("By Jane Doe and John Roe\nText.", None),
    ("2019 — 10 — 20\nText.", None),
    # The first line of a hard-wrapped paragraph.
    ("The alliance battling insurgents near the border carried out air and\nrocket strikes.", None),
    ("The alliance battling insurgents near the border carried out raids\nagainst camps.", None),
    ("The alliance battling insurgents near the border said on\nTuesday it struck.", None),
    # A headline's attribution ("..., X says") ends the headline; a hard-wrapped
    # sentence ending in "said" or "says" does not.
    (
        "Shelling kills three in border town, rescue group says\nText.",
        "Shelling kills three in border town, rescue group says",
    ),
    (
        "Dam strike floods two villages, local council says\nThe dam.",
        "Dam strike floods two villages, local council says",
    ),
    ("The governor of the province says\nText.", None),
    ("Airstrike hits clinic in the north, the health ministry said\nText.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_title_from_first_line(text: str, expected: str | None) -> None:
    assert title_from_first_line(text) == expected


DATES: list[tuple[object, str | None, bool]] = [
    # value, ISO date, warns
    ("2019-10-20", "2019-10-20", False),
    (" 2019-10-20 ", "2019-10-20", False),
    ("2018-02-08T04:12:00Z", "2018-02-08", False),
    ("2018-02-08T23:30:00-05:00", "2018-02-08", False),  # the date as published, not UTC
    ("2018-02-08 04:12", "2018-02-08", False),
    ("2019/10/20", "2019-10-20", False),
    ("October 20, 2019", "2019-10-20", False),
    ("Oct. 20, 2019", "2019-10-20", False),
    ("20 October 2019", "2019-10-20", False),
    ("Wed, 08 Feb 2018 04:12:00 GMT", "2018-02-08", False),
    ("25/12/2019", "2019-12-25", False),
    ("12/25/2019", "2019-12-25", False),
    ("20191020", "2019-10-20", False),
    ("03/04/2019", None, True),  # 3 April or March 4?
    ("October 2019", None, True),  # no day: not guessed
    ("2019", None, True),
    ("2019-02-30", None, True),
    ("last Tuesday", None, True),
    (20191020, None, True),
    (date(2019, 10, 20), "2019-10-20", False),
    (datetime(2019, 10, 20, 23, 0, tzinfo=UTC), "2019-10-20", False),
    (pd.Timestamp("2019-10-20 08:00"), "2019-10-20", False),
    (pd.NaT, None, False),
    (float("nan"), None, False),
    ("", None, False),
    ("null", None, False),
    (None, None, False),
]


@pytest.mark.parametrize(("value", "expected", "warns"), DATES)
def test_normalise_date(value: object, expected: str | None, warns: bool) -> None:
    iso, warning = normalise_date(value)
    assert iso == expected
    assert (warning is not None) == warns
    if warning:
        assert repr(value if not isinstance(value, str) else value.strip()) in warning


IDS: list[tuple[str, str | None]] = [
    ("seed-000", "seed-000"),
    ("a_b.c-1", "a_b.c-1"),
    ("0003", "0003"),
    ("a b/c", "a-b-c"),
    ("../etc/passwd", "---etc-passwd"),
    (".hidden", "-hidden"),
    ("ü1", "-1"),
    ("...", None),
    ("///", None),
    ("", None),
]


@pytest.mark.parametrize(("raw", "expected"), IDS)
def test_sanitise_id(raw: str, expected: str | None) -> None:
    assert sanitise_id(raw) == expected


def test_long_ids_are_cut() -> None:
    assert sanitise_id("x" * 500) == "x" * 128


def test_outlets_are_data() -> None:
    outlets = known_outlets()
    for token, name in [
        ("CNN", "CNN"), ("Reuters", "Reuters"), ("AP", "Associated Press"), ("AFP", "AFP"),
        ("BBC", "BBC"), ("Al Jazeera", "Al Jazeera"), ("NYT", "The New York Times"),
        ("Washington Post", "The Washington Post"), ("Fox News", "Fox News"),
        ("Sky News", "Sky News"), ("Al-Monitor", "Al-Monitor"), ("The Independent", "The Independent"),
    ]:  # fmt: skip
        assert outlets[token] == name
    assert "SYRIA" not in outlets
