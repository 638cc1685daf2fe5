"""claimdiff.json's schema, and the checks a JSON Schema cannot express."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("jsonschema")

import jsonschema

from claimdiff.models import (
    Article,
    Casualty,
    Claim,
    Contradiction,
    EvidenceSpan,
    Incident,
    InputError,
    Role,
    RunResult,
    Source,
    Span,
    Weapon,
)
from claimdiff.schema import load_schema, validate_document

SEED_PATH = "corpora/syria-seeds/000_36a3edd86f76f352.txt"
SEED = Path(__file__).resolve().parent.parent / SEED_PATH
TEXT = SEED.read_text(encoding="utf-8")


def _at(phrase: str, after: int = 0) -> Span:
    start = TEXT.index(phrase, after)
    return Span.of(TEXT, start, start + len(phrase))


def _sentence(phrase: str) -> Span:
    s = _at(phrase)
    end = TEXT.find("\n", s.end)
    return Span.of(TEXT, TEXT.rfind("\n", 0, s.start) + 1, len(TEXT) if end < 0 else end)


def seed_run() -> RunResult:
    """Seed 000 with a few of its claims, built from the model dataclasses."""
    art = Article(id="art-000", path=SEED_PATH, text=TEXT, outlet="CNN")
    sources = (
        Source("src-caggins", "Col. Myles Caggins", "us", "spokesperson", ("Caggins",)),
        Source("src-sana", "SANA", "syrian-government", "state-media"),
        Source("src-syrian-military", "a Syrian military source", "syrian-government", "anonymous"),
        Source("src-cnn", "CNN", "unknown", "outlet"),
    )
    quote = (
        "After receiving safe passage from the pro-regime forces,"
        " the patrol came under small arms fire"
    )
    caggins = Claim(
        id="clm-caggins",
        article_id=art.id,
        source_id="src-caggins",
        form="direct",
        source_mention=_at("Caggins", TEXT.index(quote)),
        cue=_at("said in a statement"),
        content=(_at(quote),),
        sentence=_sentence(quote),
        incident_id="inc-clash",
        roles=(Role("responder", "Coalition troops", "us", _at("returned fire in self-defense")),),
        event_types=("armed-clash",),
        places=("Tal Al-Zahab",),
        weapons=(Weapon("small_arms", _at("small arms fire")),),
    )
    sana = Claim(
        id="clm-sana",
        article_id=art.id,
        source_id="src-sana",
        form="indirect",
        source_mention=_at("The Syrian state news agency"),
        cue=_at("claimed"),
        content=(_at("US forces attacked a checkpoint, killing one and injuring two"),),
        sentence=_sentence("US forces attacked a checkpoint"),
        incident_id="inc-clash",
        casualties=(
            Casualty("killed", None, 1, 1, _at("killing one"), conservative=1),
            Casualty("injured", None, 2, 2, _at("injuring two")),
        ),
        roles=(Role("initiator", "US forces", "us", _at("attacked a checkpoint")),),
    )
    military = Claim(
        id="clm-military",
        article_id=art.id,
        source_id="src-syrian-military",
        form="direct",
        source_mention=_at("A Syrian military source"),
        cue=_at("told"),
        content=(_at("the members of the US patrol opened several rounds of fire"),),
        sentence=_sentence("A Syrian military source"),
        channel_id="src-sana",
        hedged=False,
        incident_id="inc-clash",
    )
    narrative = Claim(
        id="clm-unclear",
        article_id=art.id,
        source_id="src-cnn",
        form="narrative",
        source_mention=None,
        cue=None,
        content=(_at("It is not clear why the shooting began"),),
        sentence=_sentence("It is not clear why"),
        hedged=True,
    )
    claims = (caggins, sana, military, narrative)
    incident = Incident(
        id="inc-clash",
        title="Exchange of fire at the Tal al-Zahab checkpoint",
        claim_ids=("clm-caggins", "clm-sana", "clm-military"),
        article_ids=(art.id,),
        parties=("us", "syrian-government"),
        source_ids=("src-caggins", "src-sana", "src-syrian-military"),
    )
    contradiction = Contradiction(
        id="con-initiator",
        incident_id="inc-clash",
        type="initiator",
        relation="contradicts",
        severity="high",
        sides=(("clm-caggins",), ("clm-sana", "clm-military")),
        evidence=(
            (EvidenceSpan(art.id, "clm-caggins", _at("came under small arms fire")),),
            (EvidenceSpan(art.id, "clm-military", _at("opened several rounds of fire")),),
        ),
        explanation="Each side says the other fired first.",
        parties=("us", "syrian-government"),
    )
    return RunResult(
        articles=(art,),
        sources=sources,
        claims=claims,
        incidents=(incident,),
        contradictions=(contradiction,),
        errors=(InputError("broken.csv", "no text column", "E105"),),
        meta={"generator": "claimdiff 0.1.0"},
    )


@pytest.fixture()
def doc() -> dict[str, Any]:
    return seed_run().to_json()


def _claim(doc: dict[str, Any], cid: str) -> dict[str, Any]:
    return next(c for c in doc["claims"] if c["id"] == cid)


def _one(problems: list[str], *words: str) -> str:
    hits = [p for p in problems if all(w in p for w in words)]
    assert hits, (words, problems)
    return hits[0]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_what_run_result_writes_is_valid(doc: dict[str, Any]) -> None:
    assert validate_document(doc) == []


def test_an_extract_only_document_is_valid(doc: dict[str, Any]) -> None:
    doc["incidents"], doc["contradictions"] = [], []
    for c in doc["claims"]:
        c["incident_id"] = None
    assert validate_document(doc) == []


def test_fields_the_contract_leaves_open_may_be_added(doc: dict[str, Any]) -> None:
    doc["claims"][0]["frame"] = {"anything": 1}
    doc["incidents"][0]["summary"] = "more"
    doc["contradictions"][0]["score"] = 0.9
    assert validate_document(doc) == []


def test_a_span_whose_text_does_not_match_its_offsets(doc: dict[str, Any]) -> None:
    _claim(doc, "clm-sana")["cue"]["text"] = "said"
    _one(validate_document(doc), "claims[1] (clm-sana).cue", "'said'", "'claimed'")


@pytest.mark.parametrize(
    "where",
    [
        lambda d: _claim(d, "clm-caggins")["content"][0],
        lambda d: _claim(d, "clm-caggins")["sentence"],
        lambda d: _claim(d, "clm-sana")["casualties"][1]["span"],
        lambda d: _claim(d, "clm-sana")["roles"][0]["span"],
        lambda d: _claim(d, "clm-caggins")["weapons"][0]["span"],
        lambda d: d["contradictions"][0]["evidence"][1][0],
    ],
)
def test_every_kind_of_span_is_checked(doc: dict[str, Any], where: Any) -> None:
    where(doc)["start"] += 1
    assert len(validate_document(doc)) == 1


def test_a_span_outside_the_text(doc: dict[str, Any]) -> None:
    _claim(doc, "clm-unclear")["content"][0]["end"] = len(TEXT) + 5
    _one(validate_document(doc), "clm-unclear", "content[0]", "outside the article text")


def test_a_dangling_source_id(doc: dict[str, Any]) -> None:
    _claim(doc, "clm-military")["source_id"] = "src-nobody"
    problems = validate_document(doc)
    _one(problems, "claims[2] (clm-military)", "source_id 'src-nobody' is not in sources")


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("article_id", "art-x", ("article_id 'art-x' is not in articles",)),
        ("channel_id", "src-x", ("channel_id 'src-x' is not in sources",)),
        ("incident_id", "inc-x", ("incident_id 'inc-x' is not in incidents",)),
    ],
)
def test_other_dangling_claim_references(
    doc: dict[str, Any], field: str, value: str, words: tuple[str, ...]
) -> None:
    _claim(doc, "clm-military")[field] = value
    _one(validate_document(doc), "clm-military", *words)


def test_dangling_references_in_incidents_and_contradictions(doc: dict[str, Any]) -> None:
    doc["incidents"][0]["claim_ids"].append("clm-ghost")
    doc["contradictions"][0]["sides"][0].append("clm-phantom")
    doc["contradictions"][0]["evidence"][0][0]["article_id"] = "art-elsewhere"
    problems = validate_document(doc)
    _one(problems, "incidents[0] (inc-clash)", "'clm-ghost' is not in claims")
    _one(problems, "contradictions[0] (con-initiator)", "sides[0]", "'clm-phantom'")
    _one(problems, "contradictions[0] (con-initiator).evidence[0][0]", "'art-elsewhere'")


def test_an_incident_and_its_claims_must_agree(doc: dict[str, Any]) -> None:
    doc["incidents"][0]["claim_ids"].append("clm-unclear")
    _one(validate_document(doc), "inc-clash", "'clm-unclear'", "incident_id is None")


def test_evidence_must_come_from_its_side(doc: dict[str, Any]) -> None:
    doc["contradictions"][0]["evidence"][0][0]["claim_id"] = "clm-sana"
    _one(validate_document(doc), "evidence[0][0]", "'clm-sana' is not on side 0")


def test_a_bad_form(doc: dict[str, Any]) -> None:
    _claim(doc, "clm-sana")["form"] = "quote"
    _one(validate_document(doc), "claims[1] (clm-sana).form", "'quote' is not one of")


@pytest.mark.parametrize(
    ("key", "field", "label"),
    [
        ("claims", "content", "claims[0] (clm-caggins)"),
        ("claims", "source_mention", "claims[0] (clm-caggins)"),
        ("articles", "published", "articles[0] (art-000)"),
        ("sources", "party", "sources[0] (src-caggins)"),
        ("incidents", "claim_ids", "incidents[0] (inc-clash)"),
        ("contradictions", "severity", "contradictions[0] (con-initiator)"),
        ("errors", "reason", "errors[0]"),
    ],
)
def test_a_missing_required_field(doc: dict[str, Any], key: str, field: str, label: str) -> None:
    del doc[key][0][field]
    _one(validate_document(doc), label, f"'{field}' is a required property")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda d: d["contradictions"][0].update(relation="refutes"), ("relation", "'refutes'")),
        (lambda d: d["contradictions"][0].update(severity="critical"), ("severity", "'critical'")),
        (lambda d: d["contradictions"][0]["sides"].append(["clm-sana"]), ("sides", "too long")),
        (lambda d: d["claims"][0]["content"][0].update(start=-1), ("content[0].start", "less")),
        (lambda d: d["claims"][0]["cue"].update(end="12"), ("cue.end", "not of type 'integer'")),
        (lambda d: d["claims"][0].update(source_mention={"start": 1}), ("source_mention",)),
        (lambda d: d.update(schema_version=2), ("schema_version", "1 was expected")),
        (lambda d: d["articles"][0].update(published="Monday"), ("published", "does not match")),
        (lambda d: d["articles"][0].update(lang="en"), ("articles[0]", "'lang' was unexpected")),
        (lambda d: d["errors"][0].update(code="bad"), ("errors[0].code",)),
        (lambda d: d.pop("generator") and None, ()),
    ],
)
def test_shape_problems(doc: dict[str, Any], change: Any, words: tuple[str, ...]) -> None:
    change(doc)
    problems = validate_document(doc)
    if words:
        _one(problems, *words)
    else:
        assert problems == []


def test_ids_are_unique_per_list(doc: dict[str, Any]) -> None:
    doc["sources"].append(copy.deepcopy(doc["sources"][0]))
    doc["claims"][3]["id"] = "clm-sana"
    problems = validate_document(doc)
    _one(problems, "sources[4] (src-caggins)", "used more than once in sources")
    _one(problems, "claims[3] (clm-sana)", "used more than once in claims")


def test_a_malformed_document_gives_problems_not_a_crash(doc: dict[str, Any]) -> None:
    doc["claims"][0]["content"] = "not a list"
    doc["claims"][1] = "not a claim"
    doc["contradictions"][0]["sides"] = None
    doc["incidents"] = {}
    assert len(validate_document(doc)) >= 4
    assert validate_document({}) != []  # type: ignore[arg-type]
