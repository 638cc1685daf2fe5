"""The seed scorer: a run built from the gold itself scores perfectly, and each
perturbation lowers the figure it should and no other."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from claimdiff.errors import GoldFileError
from claimdiff.evaluate import (
    Gold,
    MergedSources,
    format_scores,
    load_gold,
    occurrences,
    score,
)

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "syria-seeds"
DOC_KEYS = {"000": "art-000", "003": "art-003", "004": "art-004"}


@pytest.fixture(scope="module")
def gold() -> Gold:
    return load_gold(SEEDS / "gold.yaml")


# --- a perfect run, built from the gold -------------------------------------
# The locator here is written independently of the scorer's (whole-word
# regex, nearest by distance between centres), so a scorer that located gold
# strings wrongly would not agree with it.


def _spans(text: str, s: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\b" + re.escape(s) + r"\b", text)]


def _near(text: str, s: str, anchor: tuple[int, int]) -> tuple[int, int]:
    mid = (anchor[0] + anchor[1]) / 2
    spans = _spans(text, s)
    assert spans, s
    return min(spans, key=lambda sp: (sp[0] <= mid < sp[1], abs((sp[0] + sp[1]) / 2 - mid)))


def _span(text: str, iv: tuple[int, int]) -> dict[str, Any]:
    return {"start": iv[0], "end": iv[1], "text": text[iv[0] : iv[1]]}


def _outlet_source(doc_key: str) -> str:
    return "src-cnn" if doc_key in ("000", "003") else "src-outlet-004"


def perfect_run(gold: Gold) -> dict[str, Any]:
    texts = {k: (SEEDS / d.file).read_text(encoding="utf-8") for k, d in gold.documents.items()}
    articles: list[dict[str, Any]] = [
        {
            "id": DOC_KEYS[k],
            "path": f"corpora/syria-seeds/{d.file}",
            "row": None,
            "title": None,
            "outlet": d.outlet,
            "published": None,
            "url": None,
            "text": texts[k],
            "warnings": [],
        }
        for k, d in gold.documents.items()
    ]
    sources = [
        {"id": f"src-{s.id}", "name": s.name, "party": s.party, "kind": s.kind, "aliases": []}
        for s in gold.sources.values()
        if s.kind != "outlet"
    ]
    # Outlet sources carry party "unknown": the scorer reads kind "outlet" as "press".
    sources += [
        {"id": "src-cnn", "name": "CNN", "party": "unknown", "kind": "outlet", "aliases": []},
        {"id": "src-outlet-004", "name": "X", "party": "unknown", "kind": "outlet", "aliases": []},
    ]
    claims = []
    content_at: dict[str, tuple[int, int]] = {}
    for a in gold.attributions:
        text = texts[a.doc]
        contents = _spans(text, a.content)
        assert len(contents) == 1, a.id
        content = contents[0]
        content_at[a.id] = content
        mention = _near(text, a.source_mention, content) if a.source_mention else None
        cue = _near(text, a.cue, content) if a.cue else None
        ends = [iv for iv in (content, mention, cue) if iv is not None]
        sentence = (min(iv[0] for iv in ends), max(iv[1] for iv in ends))
        outlet_voice = gold.sources[a.source].kind == "outlet"
        claims.append(
            {
                "id": f"clm-{a.id}",
                "article_id": DOC_KEYS[a.doc],
                "source_id": _outlet_source(a.doc) if outlet_voice else f"src-{a.source}",
                "form": a.form,
                "source_mention": _span(text, mention) if mention else None,
                "cue": _span(text, cue) if cue else None,
                "content": [_span(text, content)],
                "sentence": _span(text, sentence),
                "channel_id": f"src-{a.channel}" if a.channel else None,
                "hedged": False,
                "incident_id": f"inc-{a.incident}" if a.incident else None,
                "casualties": [],
                "roles": [],
                "event_types": [],
                "places": [],
                "warnings": [],
            }
        )
    incidents = []
    for inc, title in gold.incidents.items():
        members = [a for a in gold.attributions if a.incident == inc]
        incidents.append(
            {
                "id": f"inc-{inc}",
                "title": title,
                "claim_ids": [f"clm-{a.id}" for a in members],
                "article_ids": sorted({DOC_KEYS[a.doc] for a in members}),
            }
        )

    def evidence(side: tuple[str, ...], phrase: str) -> list[dict[str, Any]]:
        def spot(aid: str) -> tuple[str, tuple[int, int]]:
            return aid, _near(texts[gold.attribution(aid).doc], phrase, content_at[aid])

        aid, iv = min(map(spot, side), key=lambda p: abs(p[1][0] - content_at[p[0]][0]))
        doc = gold.attribution(aid).doc
        return [{"article_id": DOC_KEYS[doc], "claim_id": f"clm-{aid}", **_span(texts[doc], iv)}]

    contradictions: list[dict[str, Any]] = [
        {
            "id": f"con-{k.id}",
            "incident_id": f"inc-{k.incident}",
            "type": k.type,
            "relation": "diverges" if k.type == "casualties" else "contradicts",
            "severity": k.severity,
            "sides": [[f"clm-{aid}" for aid in side] for side in k.between],
            "evidence": [evidence(side, ev[0]) for side, ev in zip(k.between, k.evidence)],
            "explanation": "",
        }
        for k in gold.contradictions
    ]
    for i, u in enumerate(gold.unconfirmed):
        first, second = u.between
        contradictions.append(
            {
                "id": f"con-unconfirmed-{i}",
                "incident_id": f"inc-{gold.attribution(first).incident}",
                "type": "confirmation",
                "relation": "unconfirmed",
                "severity": "low",
                "sides": [[f"clm-{first}"], [f"clm-{second}"]],
                "evidence": [[], []],
                "explanation": u.why,
            }
        )
    return {
        "schema_version": 1,
        "generator": "tests",
        "articles": articles,
        "sources": sources,
        "claims": claims,
        "incidents": incidents,
        "contradictions": contradictions,
        "errors": [],
    }


@pytest.fixture()
def perfect(gold: Gold) -> dict[str, Any]:
    return perfect_run(gold)


def _claim(doc: dict[str, Any], gold_id: str) -> dict[str, Any]:
    return next(c for c in doc["claims"] if c["id"] == f"clm-{gold_id}")


def _add_flag(doc: dict[str, Any], a: str, b: str, relation: str, fid: str = "con-x") -> None:
    doc["contradictions"].append(
        {
            "id": fid,
            "incident_id": _claim(doc, a)["incident_id"],
            "type": "casualties",
            "relation": relation,
            "severity": "low",
            "sides": [[f"clm-{a}"], [f"clm-{b}"]],
            "evidence": [[], []],
            "explanation": "",
        }
    )


# --- the perfect run ---------------------------------------------------------


def test_the_perfect_run_is_a_valid_claimdiff_json(perfect: dict[str, Any]) -> None:
    pytest.importorskip("jsonschema")
    from claimdiff.schema import validate_document

    assert validate_document(perfect) == []


def test_the_perfect_run_scores_perfectly(gold: Gold, perfect: dict[str, Any]) -> None:
    s = score(perfect, gold)
    assert s.warnings == ()
    assert s.recall.value == 1.0 and s.recall.total == len(gold.attributions)
    assert all(r.value == 1.0 for r in s.recall_by_form.values())
    assert set(s.recall_by_form) == {a.form for a in gold.attributions}
    assert s.unmatched_attributed_claims == 0
    assert s.source_agreement.value == 1.0
    assert s.distinct_sources_kept and s.merged_sources == ()
    assert s.source_map["us-official-2"] == "src-us-official-2"
    assert "outlet" not in s.source_map
    assert s.party_agreement.value == 1.0
    assert s.channel_agreement.value == 1.0 and s.channel_agreement.total == 1
    assert (s.incidents.precision, s.incidents.recall, s.incidents.f1) == (1.0, 1.0, 1.0)
    assert s.incidents.items == sum(a.incident is not None for a in gold.attributions)
    assert s.contradictions_found.value == 1.0
    for r in s.contradictions:
        assert r.found and r.type_ok and r.evidence_ok == (True, True), r
        assert r.predicted_id == f"con-{r.gold_id}"
    assert s.not_contradiction_violations == 0
    assert all(n.status == "not flagged" for n in s.not_contradictions)
    assert [u.status for u in s.unconfirmed] == ["unconfirmed"]
    assert s.flags_total == 5
    assert s.flags_matching_gold == 4 and s.flags_matching_unconfirmed == 1
    json.dumps(s.to_json())


def test_format_scores_is_a_readable_table(gold: Gold, perfect: dict[str, Any]) -> None:
    table = format_scores(score(perfect, gold))
    assert re.search(r"^  recall +39/39 +1\.000$", table, re.MULTILINE)
    assert "distinct sources kept" in table and "k4 casualties" in table
    assert "missed attributions" not in table


# --- perturbations -------------------------------------------------------------


def test_dropping_claims_lowers_recall_only(gold: Gold, perfect: dict[str, Any]) -> None:
    perfect["claims"] = [c for c in perfect["claims"] if c["article_id"] != "art-004"]
    s = score(perfect, gold)
    n004 = sum(a.doc == "004" for a in gold.attributions)
    assert s.recall.hits == len(gold.attributions) - n004
    assert set(s.unmatched_gold) == {a.id for a in gold.attributions if a.doc == "004"}
    assert s.recall_by_form["denial"].value == 0.0
    assert s.source_agreement.value == 1.0 and s.party_agreement.value == 1.0
    assert {r.gold_id for r in s.contradictions if not r.found} == {"k3", "k4"}
    assert "missed attributions: a004-01" in format_scores(s)


def test_merging_the_two_anonymous_officials_is_reported(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    second = [a.id for a in gold.attributions if a.source == "us-official-2"]
    assert len(second) == 3
    for aid in second:
        _claim(perfect, aid)["source_id"] = "src-us-military-official"
    s = score(perfect, gold)
    assert not s.distinct_sources_kept
    merged = ("us-military-official", "us-official-2")
    assert s.merged_sources == (
        MergedSources("src-us-military-official", merged, "us-military-official"),
    )
    assert s.source_agreement.hits == s.source_agreement.total - 3
    assert s.party_agreement.value == 1.0  # both speak for the US
    assert {m.gold_id for m in s.matches if not m.source_ok} == set(second)
    table = format_scores(s)
    assert "no: us-military-official + us-official-2 -> src-us-military-official" in table


def test_splitting_one_gold_source_counts_the_minority_wrong(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    _claim(perfect, "a003-09")["source_id"] = "src-analysts"
    s = score(perfect, gold)
    assert s.distinct_sources_kept
    assert [m.gold_id for m in s.matches if not m.source_ok] == ["a003-09"]


def test_a_wrong_party_lowers_party_agreement(gold: Gold, perfect: dict[str, Any]) -> None:
    next(s for s in perfect["sources"] if s["id"] == "src-sana")["party"] = "unknown"
    s = score(perfect, gold)
    assert s.source_agreement.value == 1.0
    assert [m.gold_id for m in s.matches if not m.party_ok] == ["a000-09"]


def test_an_outlet_source_of_another_kind_is_not_the_press(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    next(s for s in perfect["sources"] if s["id"] == "src-outlet-004")["kind"] = "unknown"
    s = score(perfect, gold)
    wrong = {a.id for a in gold.attributions if a.doc == "004" and a.source == "outlet"}
    assert {m.gold_id for m in s.matches if not m.party_ok} == wrong
    assert {m.gold_id for m in s.matches if not m.source_ok} == wrong


def test_a_missing_channel_lowers_channel_agreement(gold: Gold, perfect: dict[str, Any]) -> None:
    _claim(perfect, "a000-10")["channel_id"] = None
    assert score(perfect, gold).channel_agreement.value == 0.0


def test_a_channel_is_recognised_by_name(gold: Gold, perfect: dict[str, Any]) -> None:
    perfect["sources"].append(
        {
            "id": "src-agency",
            "name": "SANA",
            "party": "syrian-government",
            "kind": "state-media",
            "aliases": [],
        }
    )
    _claim(perfect, "a000-10")["channel_id"] = "src-agency"
    assert score(perfect, gold).channel_agreement.value == 1.0


def test_splitting_an_incident_lowers_bcubed_recall(gold: Gold, perfect: dict[str, Any]) -> None:
    # SANA's side of the checkpoint clash becomes an incident of its own.
    split = {"clm-a000-09", "clm-a000-10"}
    for inc in perfect["incidents"]:
        inc["claim_ids"] = [c for c in inc["claim_ids"] if c not in split]
    perfect["incidents"].append(
        {"id": "inc-split", "title": "", "claim_ids": sorted(split), "article_ids": ["art-000"]}
    )
    for cid in split:
        next(c for c in perfect["claims"] if c["id"] == cid)["incident_id"] = "inc-split"
    s = score(perfect, gold)
    assert s.incidents.precision == 1.0
    assert s.incidents.recall is not None and s.incidents.recall < 1.0
    assert s.incidents.f1 is not None and s.incidents.f1 < 1.0
    assert s.recall.value == 1.0 and s.source_agreement.value == 1.0


def test_an_unassigned_claim_is_a_singleton_incident(gold: Gold, perfect: dict[str, Any]) -> None:
    for aid in ("a000-09", "a000-10"):
        _claim(perfect, aid)["incident_id"] = None
    s = score(perfect, gold)
    assert s.incidents.precision == 1.0
    assert s.incidents.recall is not None and s.incidents.recall < 1.0


def test_merging_incidents_lowers_bcubed_precision(gold: Gold, perfect: dict[str, Any]) -> None:
    for c in perfect["claims"]:
        if c["incident_id"] is not None:
            c["incident_id"] = "inc-everything"
    s = score(perfect, gold)
    assert s.incidents.recall == 1.0
    assert s.incidents.precision is not None and s.incidents.precision < 0.5


def test_a_flag_on_a_not_contradiction_pair_is_a_violation(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    _add_flag(perfect, "a003-16", "a003-04", "contradicts")
    s = score(perfect, gold)
    assert s.not_contradiction_violations == 1
    violated = [n for n in s.not_contradictions if n.violated]
    assert [(n.label, n.status, n.flagged) for n in violated] == [
        ("a003-04 / a003-16", "contradicts", (("con-x", "contradicts"),))
    ]
    assert s.flags_total == 6 and s.flags_matching_gold == 4


def test_a_diverges_flag_on_a_not_contradiction_pair_is_shown_not_violated(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    _add_flag(perfect, "a003-01", "a003-06", "diverges")
    s = score(perfect, gold)
    assert s.not_contradiction_violations == 0
    assert [n.status for n in s.not_contradictions if n.flagged] == ["diverges"]


def test_a_flag_on_not_contradiction_phrases_is_a_violation(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    evidence = []
    for art, phrase in (("art-000", "less than 1,000 troops"), ("art-003", "about 2,000 troops")):
        text = next(a["text"] for a in perfect["articles"] if a["id"] == art)
        (iv,) = occurrences(text, phrase)
        evidence.append([{"article_id": art, "claim_id": "clm-bg-" + art, **_span(text, iv)}])
    perfect["contradictions"].append(
        {
            "id": "con-troops",
            "incident_id": "inc-khusham-strikes",
            "type": "casualties",
            "relation": "contradicts",
            "severity": "low",
            "sides": [["clm-bg-art-000"], ["clm-bg-art-003"]],
            "evidence": evidence,
            "explanation": "",
        }
    )
    s = score(perfect, gold)
    assert [n.violated for n in s.not_contradictions] == [False, False, False, True]


def test_an_unconfirmed_pair_flagged_as_contradicting_is_a_violation(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    for c in perfect["contradictions"]:
        if c["relation"] == "unconfirmed":
            c["relation"] = "contradicts"
    s = score(perfect, gold)
    assert [(u.status, u.violated) for u in s.unconfirmed] == [("contradicts", True)]
    assert s.flags_matching_unconfirmed == 0


def test_an_unflagged_unconfirmed_pair_is_reported(gold: Gold, perfect: dict[str, Any]) -> None:
    flags = perfect["contradictions"]
    perfect["contradictions"] = [c for c in flags if c["relation"] != "unconfirmed"]
    assert [u.status for u in score(perfect, gold).unconfirmed] == ["not flagged"]


def test_a_contradiction_with_sides_swapped_and_wrong_evidence(
    gold: Gold, perfect: dict[str, Any]
) -> None:
    k2 = next(c for c in perfect["contradictions"] if c["id"] == "con-k2")
    k2["sides"].reverse()
    # The right words for the (now first) SANA side; none for the coalition side.
    k2["evidence"] = [k2["evidence"][1], []]
    perfect["contradictions"] = [c for c in perfect["contradictions"] if c["id"] != "con-k1"]
    s = score(perfect, gold)
    by_id = {r.gold_id: r for r in s.contradictions}
    # k1 is still found, through the k2 flag (same claims), with the wrong type.
    assert by_id["k1"].found and by_id["k1"].predicted_id == "con-k2" and not by_id["k1"].type_ok
    assert by_id["k2"].found and by_id["k2"].type_ok
    assert by_id["k2"].evidence_ok == (False, True)


def test_a_missing_contradiction_is_not_found(gold: Gold, perfect: dict[str, Any]) -> None:
    perfect["contradictions"] = [c for c in perfect["contradictions"] if c["id"] != "con-k3"]
    s = score(perfect, gold)
    assert [r.gold_id for r in s.contradictions if not r.found] == ["k3"]
    assert s.contradictions_found.hits == 3


# --- the matching rule ----------------------------------------------------------


def test_content_must_cover_half_of_the_gold_tokens(gold: Gold, perfect: dict[str, Any]) -> None:
    claim = _claim(perfect, "a000-04")  # "No US personnel were injured": 5 tokens
    text = perfect["articles"][0]["text"]
    start = claim["content"][0]["start"]
    claim["content"] = [_span(text, (start, start + len("No US")))]  # 2 of 5
    assert "a000-04" in score(perfect, gold).unmatched_gold
    claim["content"] = [_span(text, (start, start + len("No US person")))]  # 3 of 5, partly
    assert "a000-04" not in score(perfect, gold).unmatched_gold


def test_the_source_mention_must_overlap(gold: Gold, perfect: dict[str, Any]) -> None:
    claim = _claim(perfect, "a000-07")
    text = perfect["articles"][0]["text"]
    wrong = _near(text, "Caggins", (0, 0))  # "Col. Myles Caggins", not this claim's "Caggins said"
    claim["source_mention"] = _span(text, wrong)
    s = score(perfect, gold)
    assert s.unmatched_gold == ("a000-07",)
    assert s.unmatched_attributed_claims == 1 and s.unmatched_claims == ("clm-a000-07",)


def test_a_narrative_gold_needs_a_narrative_claim(gold: Gold, perfect: dict[str, Any]) -> None:
    claim = _claim(perfect, "a000-11")
    claim["form"] = "indirect"
    claim["source_mention"] = _claim(perfect, "a000-08")["source_mention"]
    assert "a000-11" in score(perfect, gold).unmatched_gold


def test_matching_is_one_to_one(gold: Gold, perfect: dict[str, Any]) -> None:
    # A duplicate of a matched claim matches nothing: each gold attribution
    # takes one claim, and the duplicate counts as an unmatched attributed claim.
    dup = copy.deepcopy(_claim(perfect, "a000-06"))
    dup["id"] = "clm-dup"
    perfect["claims"].append(dup)
    s = score(perfect, gold)
    assert s.recall.value == 1.0
    assert s.unmatched_claims == ("clm-dup",)


def test_a_missing_article_is_a_warning(gold: Gold, perfect: dict[str, Any]) -> None:
    perfect["articles"] = [a for a in perfect["articles"] if a["id"] != "art-003"]
    perfect["claims"] = [c for c in perfect["claims"] if c["article_id"] != "art-003"]
    s = score(perfect, gold)
    assert any("003_577cce47dc99c1c0.txt" in w for w in s.warnings)
    assert s.recall.hits == sum(a.doc != "003" for a in gold.attributions)


@pytest.mark.parametrize(
    ("text", "needle", "expected"),
    [
        ("he said the other", "he", [(0, 2)]),  # "the" and "other" are not "he"
        ("the other", "he", [(1, 3), (6, 8)]),  # no whole word: any occurrence
        ("a monitor, The monitor", "monitor", [(2, 9), (15, 22)]),
        ("“quoted”", "quoted", [(1, 7)]),
    ],
)
def test_occurrences(text: str, needle: str, expected: list[tuple[int, int]]) -> None:
    assert occurrences(text, needle) == expected


# --- the gold file -----------------------------------------------------------------


def _write_gold(tmp_path: Path, body: str) -> Path:
    (tmp_path / "a.txt").write_text("Smith said it rained.", encoding="utf-8")
    p = tmp_path / "gold.yaml"
    p.write_text(body, encoding="utf-8")
    return p


GOOD = """
version: 1
documents:
  "1": {file: a.txt, outlet: X}
sources:
  smith: {name: Smith, party: unknown, kind: person}
incidents:
  rain: "It rained"
attributions:
  - {id: a1, doc: "1", source: smith, source_mention: Smith, cue: said, form: indirect,
     incident: rain, content: "it rained"}
"""


def test_load_gold_reads_a_small_file(tmp_path: Path) -> None:
    g = load_gold(_write_gold(tmp_path, GOOD))
    assert [a.id for a in g.attributions] == ["a1"] and g.contradictions == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("source: smith,", "source: jones,"), "unknown source 'jones'"),
        (("form: indirect", "form: quote"), "form 'quote'"),
        (('content: "it rained"', 'content: "it snowed"'), "'it snowed' does not occur in a.txt"),
        (("incident: rain,", "incident: hail,"), "unknown incident 'hail'"),
        (("version: 1", "version: 2"), "version: expected 1"),
        (("  rain:", "rain: [\n"), "not valid YAML"),
    ],
)
def test_load_gold_names_the_file_and_problem(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    p = _write_gold(tmp_path, GOOD.replace(*change))
    with pytest.raises(GoldFileError, match=re.escape(message)) as err:
        load_gold(p)
    assert str(p) in str(err.value)


def test_load_gold_on_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="not found"):
        load_gold(tmp_path / "nope.yaml")
