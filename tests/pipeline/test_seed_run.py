"""The whole pipeline on the seed corpus: the contract, the offsets, and the
figures the gold file asks for."""

from __future__ import annotations

import json

import pytest

from claimdiff.evaluate import format_scores, load_gold, score
from claimdiff.report import write_report
from claimdiff.schema import validate_document

from ..conftest import SEEDS

pytestmark = pytest.mark.slow

CONTRACT_FILES = [
    "index.html",
    "claimdiff.json",
    "claims.csv",
    "incidents.csv",
    "contradictions.csv",
]


def test_report_writes_every_contract_file_and_validates(seed_run, tmp_path):
    write_report(seed_run, tmp_path / "out")
    out = tmp_path / "out"
    for name in CONTRACT_FILES:
        assert (out / name).is_file(), name
    doc = json.loads((out / "claimdiff.json").read_text("utf-8"))
    assert doc["schema_version"] == 1
    assert validate_document(doc) == []
    for inc in doc["incidents"]:
        assert (out / "incidents" / f"{inc['id']}.html").is_file()
    for art in doc["articles"]:
        assert (out / "articles" / f"{art['id']}.html").is_file()


def test_offsets_index_the_decoded_text(seed_run):
    for c in seed_run.claims:
        text = seed_run.article(c.article_id).text
        for span in (*c.content, c.sentence, c.cue, c.source_mention):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_metadata_is_never_guessed(seed_run):
    by_name = {a.path.rsplit("/", 1)[-1]: a for a in seed_run.articles}
    caption = by_name["000_36a3edd86f76f352.txt"]
    assert caption.published is None  # the photo caption's date is not the article's
    assert caption.outlet == "CNN"
    assert by_name["004_f72e526466b0ad9b.txt"].title.startswith("US reinforces Syria base")
    assert by_name["004_f72e526466b0ad9b.txt"].outlet is None


def test_seed_gold_figures(seed_run, capsys):
    gold = load_gold(SEEDS / "gold.yaml")
    s = score(seed_run.to_json(), gold)
    print(format_scores(s))  # the figures quoted in the README
    assert s.recall.value >= 0.95
    assert s.source_agreement.value >= 0.95
    assert s.party_agreement.value >= 0.95
    assert s.distinct_sources_kept
    assert s.incidents.f1 >= 0.75
    k1 = next(k for k in s.contradictions if k.gold_id == "k1")
    assert k1.found and k1.type_ok and all(k1.evidence_ok)
    assert not s.not_contradiction_violations


def test_who_fired_first_is_flagged_with_both_quotes(seed_run):
    ks = [k for k in seed_run.contradictions if k.type == "initiator"]
    assert len(ks) == 1
    k = ks[0]
    assert set(k.parties) == {"us", "syrian-government"}
    words = [{e.span.text for e in side} for side in k.evidence]
    assert any("returned fire" in w or "came under" in w or "fired upon" in w for w in words[0])
    assert any("opened several rounds of fire" in w or "attacked" in w for w in words[1])
    chan = [seed_run.claim(cid).channel_id for cid in k.sides[1]]
    assert "sana" in chan  # the Syrian military source speaks through SANA


def test_same_input_gives_byte_identical_files(seed_run, tmp_path):
    from claimdiff.pipeline import run

    again = run([SEEDS])
    write_report(seed_run, tmp_path / "a")
    write_report(again, tmp_path / "b")
    files_a = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    files_b = sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file()
    )
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
