"""Incident matrix, casualty summary, timeline, channel chains, filters,
reviewer verdicts, JSON-LD and CSV safety, on the hand-built result."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from claimdiff.models import RunResult, Verdict
from claimdiff.report import write_report
from claimdiff.report.context import ASPECTS, Site
from claimdiff.report.jsonld import jsonld_text, to_jsonld
from claimdiff.report.tables import neutralise, to_csv, to_frames

# ------------------------------------------------------------ incident page


def test_matrix_cells_hold_each_sources_claims(result: RunResult) -> None:
    page = Site(result).incident_page(result.incidents[0])
    assert page.aspects == tuple(label for _, label in ASPECTS)
    rows = {r.source.id: r for r in page.matrix}
    col = {key: n for n, (key, _) in enumerate(ASPECTS)}
    military = rows["syrian-military-source"].cells
    assert [e.text for e in military[col["initiator"]]] == [
        "the members of the US patrol fired first"
    ]
    assert [e.text for e in military[col["time"]]] == ["“at 9:45 am” = 09:45"]
    assert [e.text for e in military[col["location"]]] == ["Qamishli countryside", "Tal al-Zahab"]
    spokesman = rows["oir-spokesman"].cells
    assert [e.text for e in spokesman[col["initiator"]]] == [
        "individuals in the vicinity of the checkpoint fired first",
        "Coalition troops responded",
    ]
    assert "Coalition troops (us)" in [e.text for e in spokesman[col["participants"]]]
    # one entry per claim: SANA gives "killed 1" in both articles
    assert [e.text for e in rows["sana"].cells[col["casualties"]]] == [
        "killed 1 (checkpoint soldiers)",
        "injured 2 (checkpoint soldiers)",
        "killed 1 (checkpoint soldiers)",
    ]
    # a source that says nothing on an aspect has an empty cell, not a guess
    assert rows["outlet"].cells[col["casualties"]] == ()
    # every entry links to its claim in the article
    assert all(
        e.href and e.href.startswith("../articles/")
        for r in page.matrix
        for cell in r.cells
        for e in cell
    )


def test_casualty_summary_lists_each_sources_figure(result: RunResult) -> None:
    page = Site(result).incident_page(result.incidents[0])
    killed, injured = page.casualty_summary
    assert (killed.category, killed.range, killed.conservative) == ("killed", "1", 1)
    assert [(f.source.id, f.figure, f.words) for f in killed.figures] == [
        ("sana", "1", "killing one"),
        ("sana", "1", "killing one soldier"),
    ]
    assert [(f.source.id, f.figure) for f in injured.figures] == [("sana", "2")]


def test_timeline_uses_publication_dates_only(result: RunResult) -> None:
    page = Site(result).incident_page(result.incidents[0])
    # only the SANA wire has a date; the CNN article's claims are counted as undated
    assert [(e.date, e.outlet, len(e.claims)) for e in page.timeline] == [("2020-08-17", "SANA", 4)]
    undated = sum(1 for c in result.claims if c.incident_id and c.article_id == "art-cnn-000")
    assert page.n_undated == undated


def test_source_page_channel_chain(result: RunResult) -> None:
    site = Site(result)
    page = site.source_page(result.source("syrian-military-source"))
    chains = [([s.text for s in ch.steps], ch.n_claims) for ch in page.chains]
    assert chains == [
        (["a Syrian military source (anonymous)", "SANA, the Syrian state news agency", "CNN"], 1),
        (["a Syrian military source (anonymous)", "SANA, the Syrian state news agency", "SANA"], 1),
    ]
    # the channel's page shows the same chains among its own
    sana = site.source_page(result.source("sana"))
    assert any(len(ch.steps) == 3 for ch in sana.chains)


def test_evidence_links_go_to_the_sentence(result: RunResult) -> None:
    page = Site(result).incident_page(result.incidents[0])
    quote = page.contradictions[0].sides[1].quotes[0]
    assert quote.claim is not None
    assert quote.claim.sentence_href == f"../articles/art-cnn-000.html#s-{quote.claim.id}"


# ------------------------------------------------------------------ filters


def test_filters_are_prerendered_pages(result: RunResult) -> None:
    site = Site(result)
    index = site.index_page()
    groups = {g.label: {f.text: f.n for f in g.links} for g in index.filters}
    assert groups["Severity"] == {"high": 1, "medium": 1}
    assert groups["Type"] == {"confirmation": 1, "initiator": 1}
    # the confirmation finding has no parties of its own: its sides' sources count
    assert groups["Party"] == {"press": 0, "syrian-government": 2, "us": 2}
    pages = dict(site.filter_pages_list())
    high = pages["filters/severity-high.html"]
    assert [k.severity for k in high.contradictions] == ["high"]
    assert high.filter_label == "Severity: high" and high.all_href == "../index.html"
    assert [f.current for g in high.filters for f in g.links].count(True) == 1
    press = pages["filters/party-press.html"]
    assert press.contradictions == ()
    assert [s.source.id for s in press.sources] == ["outlet"]
    assert [i.link.href for i in press.incidents] == ["../incidents/inc-tal-al-zahab.html"]


def test_filter_values_from_input_get_safe_file_names(hostile_result: RunResult, out: Path) -> None:
    write_report(hostile_result, out)
    names = [p.name for p in (out / "filters").iterdir()]
    assert names and all("<" not in n and '"' not in n and "/" not in n for n in names)


# ----------------------------------------------------------------- verdicts


def test_verdicts_beside_findings_and_orphans_listed(result: RunResult, out: Path) -> None:
    k = result.contradictions[0]
    reviews = {
        k.id: Verdict(k.id, "confirmed", "checked <both> videos", "amira", "2026-11-20"),
        result.incidents[0].id: Verdict(result.incidents[0].id, "needs-review"),
        "k-gone": Verdict("k-gone", "dismissed", "old finding", "lee", "2026-01-02"),
    }
    site = Site(result, reviews)
    card = site.incident_page(result.incidents[0]).contradictions[0]
    assert card.id == k.id and card.verdict is not None and card.verdict.status == "confirmed"
    assert [v.finding_id for v in site.index_page().orphaned] == ["k-gone"]
    write_report(result, out, reviews=reviews)
    inc_html = (out / "incidents" / "inc-tal-al-zahab.html").read_text(encoding="utf-8")
    assert "Reviewed: confirmed" in inc_html and "checked &lt;both&gt; videos" in inc_html
    assert "Reviewed: needs-review" in inc_html
    index_html = (out / "index.html").read_text(encoding="utf-8")
    assert "k-gone" in index_html and "old finding" in index_html


def test_no_reviews_no_verdict_markup(result: RunResult, out: Path) -> None:
    write_report(result, out)
    assert "Reviewed:" not in (out / "incidents" / "inc-tal-al-zahab.html").read_text()
    assert "orphaned-h" not in (out / "index.html").read_text()


# ------------------------------------------------------- dates in footers


def test_no_date_unless_asked(
    result: RunResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    write_report(result, tmp_path / "a")
    assert " on 20" not in (tmp_path / "a" / "index.html").read_text()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    write_report(result, tmp_path / "b")
    assert "on 2023-11-14 22:13 UTC" in (tmp_path / "b" / "index.html").read_text()
    write_report(result, tmp_path / "c")
    assert (tmp_path / "b" / "index.html").read_bytes() == (
        tmp_path / "c" / "index.html"
    ).read_bytes()


# -------------------------------------------------------------------- JSON-LD


def test_jsonld_claims_with_author_appearance_and_dates(result: RunResult) -> None:
    doc = to_jsonld(result)
    assert doc["@context"]["@vocab"] == "https://schema.org/"
    nodes = {n["identifier"]: n for n in doc["@graph"]}
    claims = [n for n in doc["@graph"] if n["@type"] == "Claim"]
    assert [n["identifier"] for n in claims] == [c.id for c in result.claims]
    b_sana = next(
        c for c in result.claims if c.article_id == "art-sana-001" and c.source_id == "sana"
    )
    node = nodes[b_sana.id]
    assert node["author"]["name"] == "SANA, the Syrian state news agency"
    assert node["appearance"]["publisher"]["name"] == "SANA"
    assert node["datePublished"] == "2020-08-17" == node["appearance"]["datePublished"]
    cnn_claim = nodes[result.claims[0].id]
    assert "datePublished" not in cnn_claim  # never guessed
    k = result.contradictions[0]
    kn = nodes[k.id]
    assert kn["@type"] == "claimdiff:Contradiction"
    assert kn["claimdiff:relation"] == "contradicts"
    assert kn["claimdiff:sideA"] == [f"urn:claimdiff:claim:{cid}" for cid in k.sides[0]]
    assert {e["claimdiff:side"] for e in kn["claimdiff:evidence"]} == {"A", "B"}


def test_jsonld_written_deterministically(result: RunResult, tmp_path: Path) -> None:
    write_report(result, tmp_path / "a")
    write_report(result, tmp_path / "b")
    a = (tmp_path / "a" / "claims.jsonld").read_bytes()
    assert a == (tmp_path / "b" / "claims.jsonld").read_bytes()
    assert json.loads(a) == json.loads(jsonld_text(result))


# ---------------------------------------------------------------------- CSV


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("US troops = 5", "US troops = 5"),
        ("", ""),
        (None, None),
        (3, 3),
    ],
)
def test_neutralise(value: object, expected: object) -> None:
    assert neutralise(value) == expected


def test_csv_cells_cannot_be_formulas(result: RunResult) -> None:
    k = replace(result.contradictions[0], explanation="=cmd|' /C calc'!A0")
    evil = replace(result, contradictions=(k,))
    frame = to_frames(evil)["contradictions"]
    assert frame.loc[0, "explanation"] == "=cmd|' /C calc'!A0"  # the frame keeps the value
    rows = list(csv.DictReader(io.StringIO(to_csv(frame))))
    assert rows[0]["explanation"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["id"] == k.id  # ids still match the JSON


def test_stale_filter_pages_are_removed(result: RunResult, out: Path) -> None:
    write_report(result, out)
    assert (out / "filters" / "type-initiator.html").is_file()
    write_report(replace(result, contradictions=result.contradictions[1:]), out)
    assert not (out / "filters" / "type-initiator.html").exists()
    assert (out / "filters" / "type-confirmation.html").is_file()
