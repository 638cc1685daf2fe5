"""Explanation wording and the document-voice guard, on hand-built claims."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimdiff.compare.common import may_compare
from claimdiff.compare.explain import display_name, says, side_names, source_name
from claimdiff.models import Source, Span

from .test_detectors import SOURCES
from .test_detectors import claim as base_claim


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("SANA", "SANA says"),
        ("SANA and the army", "SANA and the army say"),
        ("local sources", "local sources say"),
        ("Turkish officials", "Turkish officials say"),
        ("Rescue workers", "Rescue workers say"),
        ("Fishermen", "Fishermen say"),
        (
            "Turkish security sources, via Anadolu Agency,",
            "Turkish security sources, via Anadolu Agency, say",
        ),
        ("a military source, via SANA,", "a military source, via SANA, says"),
        # An organisation's name is singular, whatever its last word.
        ("the Syrian Observatory for Human Rights", "the Syrian Observatory for Human Rights says"),
        (
            "the Kurdish-led Syrian Democratic Forces",
            "the Kurdish-led Syrian Democratic Forces says",
        ),
        ("the Ministry of Foreign Affairs", "the Ministry of Foreign Affairs says"),
        ("the Pentagon (and 1 more)", "the Pentagon (and 1 more) say"),
        # a surname or one-word name ending in -s is one source
        ("Caggins", "Caggins says"),
        ("Hamas", "Hamas says"),
        ("Officials", "Officials say"),
    ],
)
def test_says_agrees_with_its_subject(names: str, expected: str) -> None:
    assert says(names) == expected


def test_one_source_is_named_once_however_it_was_mentioned() -> None:
    first = base_claim("c1", "sohr", "the strike killed two people")
    first = replace(first, source_mention=Span(0, 0, "The Syrian Observatory for Human Rights"))
    again = base_claim("c2", "sohr", "the dead were civilians", article=first.article_id)
    again = replace(again, source_mention=Span(0, 0, "Britain-based monitor SOHR"))
    assert side_names([first, again], SOURCES) == "the Syrian Observatory for Human Rights"


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("A local official", "a local official"),
        ("Another witness", "another witness"),  # mid-sentence, as a merged flag names it
        ("Anotherville officials", "Anotherville officials"),
    ],
)
def test_a_mention_is_named_mid_sentence(mention: str, name: str) -> None:
    c = base_claim("c1", "sohr", "the strike killed two people")
    c = replace(c, source_mention=Span(0, 0, mention))
    assert source_name(c, SOURCES) == name


def test_a_name_recorded_with_its_article_gets_one_the() -> None:
    src = Source("health-ministry", "The health ministry", "unknown", "government")
    assert display_name(src) == "the health ministry"


def test_a_statement_is_not_a_side_against_the_body_that_issued_it() -> None:
    sources = {**SOURCES, "statement-x": Source("statement-x", "statement", "unknown", "unknown")}
    issuer = base_claim("c1", "coalition", "rockets hit the base", article="a1")
    statement = base_claim("c2", "statement-x", "forces responded with artillery", article="a1")
    statement = replace(statement, source_mention=Span(0, 0, "the statement"))
    assert not may_compare(issuer, statement, sources)
    # In another article the statement's words are compared as usual.
    assert may_compare(replace(issuer, article_id="a2"), statement, sources)


def test_a_place_is_named_with_its_preposition() -> None:
    from claimdiff.compare.location import find_location_conflicts
    from claimdiff.models import Incident

    a = base_claim("c1", "sohr", "the drone strike hit a car in Manbij")
    b = base_claim("c2", "sana", "the drone strike hit a car in Kobani")
    a = replace(a, places=("Manbij",))
    b = replace(b, places=("Kobani",))
    inc = Incident("i", "t", ("c1", "c2"), (a.article_id, b.article_id))
    found = find_location_conflicts(inc, [a, b], SOURCES)
    assert found, "the gazetteer should know both towns"
    assert "happened in “" in found[0].explanation
