"""Page contexts, checked as data: no HTML involved."""

from __future__ import annotations

import pytest

from claimdiff.models import RunResult
from claimdiff.report.context import Site, figure, safe_href


def test_index_page(result: RunResult) -> None:
    page = Site(result).index_page()
    assert page.root == ""
    assert {c.label: c.n for c in page.counts} == {
        "articles": 2,
        "claims": 13,
        "sources": 5,
        "incidents": 1,
        "contradictions": 2,
    }
    # most severe first
    assert [k.severity for k in page.contradictions] == ["high", "medium"]
    initiator = page.contradictions[0]
    assert initiator.incident is not None
    assert initiator.incident.href == f"incidents/inc-tal-al-zahab.html#{initiator.id}"
    assert [s.party for s in initiator.sides] == ["us", "syrian-government"]
    # parties fall back to the sources' parties when the finding has none
    assert [s.party for s in page.contradictions[1].sides] == ["syrian-government", "us"]
    row = page.incidents[0]
    assert (row.n_claims, row.n_articles) == (12, 2)
    assert [(c.label, c.n) for c in row.by_severity] == [("high", 1), ("medium", 1)]
    assert page.ungrouped_claims == 1
    sana = next(s for s in page.sources if s.source.id == "sana")
    assert (sana.n_claims, sana.n_as_channel, sana.source.href) == (2, 2, "sources/sana.html")
    assert [(e.path, e.code) for e in page.errors] == [("inputs/broken.pdf", "E106")]


def test_incident_page_sides_and_evidence(result: RunResult) -> None:
    site = Site(result)
    page = site.incident_page(result.incidents[0])
    assert page.root == "../"
    card = page.contradictions[0]
    side_a, side_b = card.sides
    assert [q.claim.source.id for q in side_a.quotes if q.claim] == ["oir-spokesman"] * 2
    first = side_a.quotes[0]
    marked = [c.text for c in first.excerpt.chunks if any(t.name == "mark" for t in c.open)]
    assert marked == ["came under small arms fire", "returned fire in self-defense"]
    assert first.claim is not None and first.claim.href is not None
    assert first.claim.href.startswith("../articles/art-cnn-000.html#c-")
    assert side_b.sources[0].id == "syrian-military-source"


def test_incident_page_claims_by_party_then_source(result: RunResult) -> None:
    page = Site(result).incident_page(result.incidents[0])
    # in the incident's party order
    assert [g.party for g in page.by_party] == ["us", "syrian-government", "press"]
    us = page.by_party[0]
    assert [s.source.id for s in us.sources] == ["oir-spokesman", "us-coalition"]
    assert [(c.category, c.figure, c.source.id) for c in page.casualties] == [
        ("killed", "1", "sana"),
        ("injured", "2", "sana"),
        ("killed", "1", "sana"),
    ]


def test_article_page_marks_every_claim(result: RunResult) -> None:
    site = Site(result)
    page = site.article_page(result.articles[1])
    assert page.text.text == result.articles[1].text
    assert page.unplaced == frozenset()
    # every claim's words and its sentence (where evidence links land) are anchored
    assert page.text.placed_ids == {c.id for c in page.claims} | {f"s-{c.id}" for c in page.claims}
    assert page.url_href is None
    assert site.article_page(result.articles[0]).url_href == "https://edition.cnn.com/example"


def test_source_page_channels(result: RunResult) -> None:
    site = Site(result)
    sana = site.source_page(result.source("sana"))
    assert [u.source.id for u in sana.used_as_channel_by] == ["syrian-military-source"]
    assert len(sana.used_as_channel_by[0].claims) == 2
    assert sana.channels_used == ()
    military = site.source_page(result.source("syrian-military-source"))
    assert [u.source.id for u in military.channels_used] == ["sana"]
    assert military.channel_of is not None and military.channel_of.id == "sana"
    outlet = site.source_page(result.source("outlet"))
    # the narrative claim not grouped into an incident comes last, under None
    assert [g.incident is None for g in outlet.groups] == [False, True]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(1, 1, "1"), (20, 30, "20–30"), (101, None, "101+"), (None, None, "?"), (None, 5, "≤5")],
)
def test_figure(low: int | None, high: int | None, expected: str) -> None:
    assert figure(low, high) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://example.org", "HTTP://example.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("//example.org", None),
        ("https://example.org/a b", None),
        (None, None),
    ],
)
def test_safe_href(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_evidence_outside_the_claim_sentence_gets_its_own_excerpt(result: RunResult) -> None:
    from dataclasses import replace

    from claimdiff.models import EvidenceSpan, Span

    k = result.contradictions[0]
    quote_claim = result.claim(k.sides[0][0])
    text = result.article(quote_claim.article_id).text
    start = text.index("few incidents")
    far = EvidenceSpan(quote_claim.article_id, quote_claim.id, Span.of(text, start, start + 13))
    moved = replace(k, evidence=((far,), k.evidence[1]))
    site = Site(replace(result, contradictions=(moved,)))
    side = site.contradiction_card("../", moved).sides[0]
    own, extra = side.quotes[0], side.quotes[1]
    assert own.evidence == () and "few incidents" not in own.excerpt.text
    assert extra.evidence == ("few incidents",) and extra.claim is not None
    assert extra.claim.id == quote_claim.id
    assert "few incidents" in extra.excerpt.text and len(extra.excerpt.text) < 300


def test_broken_findings_still_show_what_they_have(hostile_result: RunResult) -> None:
    site = Site(hostile_result)
    evil = next(i for i in hostile_result.incidents if i.id == "inc-evil")
    card = site.incident_page(evil).contradictions[0]
    side_a, side_b = card.sides
    assert side_a.missing == ("c-missing",)
    broken, orphan = side_b.quotes[1], side_b.quotes[-1]
    # offsets outside the text: shown as recorded, flagged as not located
    assert broken.claim is not None and broken.claim.id == "c-broken-offsets"
    assert not broken.located and broken.claim.href is not None
    # evidence whose claim and article are not in the result: still shown
    assert orphan.claim is None and orphan.article is None and not orphan.located
    assert orphan.evidence == ("<scr",)
