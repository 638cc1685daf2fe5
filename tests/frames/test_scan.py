"""The shared stem scan (frames/_scan.py) and its helpers in frames/_data.py: prefilters
that must never skip a text a pattern matches."""

from __future__ import annotations

import re

import pytest

from claimdiff.frames._data import StemIndex, search_stems
from claimdiff.frames._scan import _index, scan

TEXTS = [
    "Two soldiers were killed when rebels shelled an army outpost on Monday.",
    "The ministry said no civilians were hurt in the airstrike near the town of Saraqib.",
    "Militants fired mortar rounds at the base at 9:45 am, the spokesman said.",
    "A drone strike killed three fighters 12 km north of the city last week.",
    "The senator said the budget was dead on arrival.",
    "Nothing of the kind happened.",
    "",
]


@pytest.mark.parametrize(
    "stems,text,found",
    [
        # overlapping stems: a longer stem and its prefixes at one place, another inside it
        (
            ["air", "airstrike", "strike", "rik"],
            "an airstrike",
            {"air", "airstrike", "strike", "rik"},
        ),
        # a stem starting inside a match and running past it
        (["car bomb", "bombard"], "a car bombardment", {"car bomb", "bombard"}),
        (["war", "warplane", "plane"], "warplanes", {"war", "warplane", "plane"}),
        (["this ", "is", "last "], "this is the last", {"this ", "is"}),
        (["kill"], "skilled", {"kill"}),
        (["kill"], "nothing here", set()),
        ([], "anything", set()),
    ],
)
def test_stem_index_finds_every_substring(stems, text, found):
    assert StemIndex(stems).present(text) == found


def test_stem_index_agrees_with_substring_tests():
    index = _index()
    stems = sorted(index._prefixes)
    for text in TEXTS:
        low = text.lower()
        assert index.present(low) == {s for s in stems if s in low}, text


@pytest.mark.parametrize(
    "pattern,stems",
    [
        ("(?:armed |suicide )?drones?|UAVs?", ("armed ", "drone", "suicide ", "uav")),
        ("VX|sarin(?: gas)?", ("sarin", "vx")),
        ("(?:fighter-)?bombers?", ("bomber", "fighter-")),
        # a start that may be empty or is not literal: no prefilter
        ("(?:armed )?", None),
        ("\\bIEDs?", None),
        ("(?:a|b)*c", None),
        ("x|drones?", None),
    ],
)
def test_search_stems(pattern, stems):
    assert search_stems(pattern) == stems
    if stems is not None:
        rx = re.compile(pattern, re.IGNORECASE)
        for text in TEXTS:
            if rx.search(text):
                assert any(s in text.lower() for s in stems), text


@pytest.mark.parametrize(
    "text,exact",
    [
        ("KILLED", True),
        ("“killed”", True),
        # İ, dotless ı and long ſ match i / s in a case-blind search but lower() keeps them
        ("kılled", False),
        ("İnjured", False),
        ("miſſing", False),
    ],
)
def test_scan_exact(text, exact):
    sc = scan(text)
    assert sc.exact is exact
    # may_search never skips a text the case-blind search matches
    stems = search_stems("killed|injured|missing")
    rx = re.compile("killed|injured|missing", re.IGNORECASE)
    assert rx.search(text) is not None
    assert sc.may_search(stems)


def test_scan_digit():
    assert scan("in 2019").digit and not scan("in May").digit


def test_every_stem_the_parts_ask_about_is_indexed():
    """A stem left out of the index would never be found: its pattern never searched."""
    from claimdiff.frames.casualties import any_word_stems, gates
    from claimdiff.frames.events import event_data
    from claimdiff.frames.places import gazetteer
    from claimdiff.frames.roles import role_data
    from claimdiff.frames.times import TIME_STEMS
    from claimdiff.frames.weapons import weapon_data

    ed, wd = event_data(), weapon_data()
    groups = [
        *ed.sure_stems.values(),
        *ed.ambiguous_stems.values(),
        ed.context_stems,
        *wd.stems,
        *wd.search_stems,
        any_word_stems(),
        *vars(gates()).values(),
        gazetteer().site_stems,
        *(r.stems for r in role_data().rules),
        TIME_STEMS,
    ]
    indexed = set(_index()._prefixes)
    assert all(set(g) <= indexed for g in groups if g)
