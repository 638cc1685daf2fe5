"""claimdiff check: classification of findings across edited corpora, --fail-on
and exit codes, and the markdown / JUnit / JSON / HTML outputs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from claimdiff.cli import app
from claimdiff.review import (
    MARKDOWN_CAP,
    compare,
    dump_baseline,
    from_report,
    junit_xml,
    load_baseline,
    markdown,
    parse_fail_on,
)
from claimdiff.review.diff import DEFAULT_FAIL_ON, CheckResult, Finding

from .conftest import LAST_PARAGRAPH, seed

runner = CliRunner()


def by_key(result: CheckResult, kind: str) -> dict[str, Finding]:
    """Findings of one kind by current id, and by baseline id for absent ones."""
    out = {}
    for f in result.findings:
        if f.kind == kind:
            out[f.id or f.baseline_id] = f
            if f.baseline_id:
                out.setdefault(f.baseline_id, f)
    return out


# --- the pipeline on edited corpora ----------------------------------------------


def _content(claim: dict) -> str:
    return " ".join(s["text"] for s in claim["content"])


@pytest.mark.slow
def test_each_classification_on_an_edited_corpus(edited_runs):
    a, b = edited_runs["A"], edited_runs["B"]
    result = compare(from_report(a.doc), from_report(b.doc))
    arts = {f.description.split(":")[0]: f for f in result.findings if f.kind == "article"}
    assert arts[seed("000").name].status == "updated"  # reworded: new id, same file
    assert arts[seed("003").name].status == "absent"
    assert arts[seed("004").name].status == "new"

    claims = by_key(result, "claim")
    # Removed article: its claims are absent, and that is not a regression of extraction.
    removed = a.claims_of(seed("003").name)
    assert removed
    for c in removed:
        f = claims[c["id"]]
        assert (f.status, f.events, f.failing) == ("absent", (), False), f
    # Added article: its claims are new, without an event.
    added = b.claims_of(seed("004").name)
    assert added
    for c in added:
        assert (claims[c["id"]].status, claims[c["id"]].events) == ("new", ())

    a000, b000 = a.claims_of(seed("000").name), b.claims_of(seed("000").name)
    # The reworded sentence's claim is the same claim, updated.
    (old,) = [c for c in a000 if "were injured" in _content(c)]
    f = claims[old["id"]]
    assert f.status == "updated" and f.id != old["id"], f
    assert "were hurt" in _content(next(c for c in b000 if c["id"] == f.id))
    assert any(ch.field == "text" for ch in f.changes)
    # The deleted sentence's claims are lost although their article is still there.
    gone = [c for c in a000 if "helicopters" in c["sentence"]["text"]]
    assert gone
    for c in gone:
        assert claims[c["id"]].status == "absent" and "lost-claim" in claims[c["id"]].events
        assert claims[c["id"]].failing  # lost-claim fails by default
    # The paragraph only B has: new claims in an article that was there.
    fresh = [
        c
        for c in b000
        if LAST_PARAGRAPH[:20] in c["sentence"]["text"] or "SANA" in c["sentence"]["text"]
    ]
    assert fresh
    for c in fresh:
        assert claims[c["id"]].status == "new" and claims[c["id"]].events == ("new-claim",)
    # Every other claim of the edited article is unchanged, though every id changed with the text.
    touched = {old["id"], *(c["id"] for c in gone)}
    rest = [c for c in a000 if c["id"] not in touched]
    assert rest
    for c in rest:
        f = claims[c["id"]]
        assert f.status == "unchanged", f
        assert f.id != c["id"] and f.baseline_id == c["id"]

    # The contradiction needs the Syrian side's account, which only B has.
    assert b.doc["contradictions"], "the seed contradiction (gold k1) should be found"
    for k in b.doc["contradictions"]:
        assert by_key(result, "contradiction")[k["id"]].status == "new"
    assert result.failed
    assert {"new-contradiction", "lost-claim"} <= {e for f in result.failing() for e in f.events}

    # And the other way round the contradiction is absent.
    back = compare(from_report(b.doc), from_report(a.doc))
    for k in b.doc["contradictions"]:
        f = by_key(back, "contradiction")[k["id"]]
        assert f.status == "absent" and f.failing and f.events == ("absent-contradiction",)


@pytest.mark.slow
def test_added_article_leaves_existing_findings_alone(edited_runs):
    d, e = edited_runs["D"], edited_runs["E"]
    assert compare(from_report(d.doc), from_report(d.doc)).counts() == {
        kind: {"new": 0, "updated": 0, "absent": 0, "unchanged": len(d.doc[kind + "s"])}
        for kind in ("article", "claim", "incident", "contradiction")
    }
    result = compare(from_report(d.doc), from_report(e.doc))
    claims = by_key(result, "claim")
    for c in d.doc["claims"]:
        assert (claims[c["id"]].status, claims[c["id"]].id) == ("unchanged", c["id"])
    assert not [f for f in result.findings if f.status == "absent"]
    for k in d.doc["contradictions"]:
        assert by_key(result, "contradiction")[k["id"]].status in ("unchanged", "updated")
    assert not result.failed or all(f.events == ("new-contradiction",) for f in result.failing())


# --- synthetic reports: pairing rules without a model -----------------------------


def _doc(severity="high", side_b=("c-3",), inc="i-1", kid="k-1", source="sana"):
    def claim(cid, text, src):
        return {
            "id": cid,
            "article_id": "a-1",
            "source_id": src,
            "form": "indirect",
            "cue": {"start": 0, "end": 4, "text": "said"},
            "content": [{"start": 0, "end": 1, "text": text}],
            "hedged": False,
            "casualties": [],
            "roles": [],
        }

    return {
        "articles": [
            {
                "id": "a-1",
                "path": "x/one.txt",
                "row": None,
                "title": "T",
                "outlet": "O",
                "text": "...",
            }
        ],
        "claims": [
            claim("c-1", "the patrol came under fire", "us-coalition"),
            claim("c-2", "the patrol returned fire", "us-coalition"),
            claim("c-3", "the patrol opened fire first", source),
        ],
        "incidents": [
            {
                "id": inc,
                "title": "clash",
                "claim_ids": ["c-1", "c-2", "c-3"],
                "article_ids": ["a-1"],
            }
        ],
        "contradictions": [
            {
                "id": kid,
                "incident_id": inc,
                "type": "initiator",
                "relation": "contradicts",
                "severity": severity,
                "parties": ["us", "syrian-government"],
                "sides": [["c-1", "c-2"], list(side_b)],
                "evidence": [[{"text": "came under fire"}], [{"text": "opened fire"}]],
                "explanation": "...",
            }
        ],
    }


def test_changed_severity_is_a_changed_contradiction_under_a_new_id():
    result = compare(
        from_report(_doc()), from_report(_doc(severity="medium", inc="i-9", kid="k-9"))
    )
    (k,) = [f for f in result.findings if f.kind == "contradiction"]
    assert (k.status, k.baseline_id, k.id) == ("updated", "k-1", "k-9")
    assert k.events == ("changed-contradiction",) and k.failing
    assert [c.field for c in k.changes] == ["severity"]
    (i,) = [f for f in result.findings if f.kind == "incident"]
    assert (i.status, i.baseline_id, i.id) == ("unchanged", "i-1", "i-9")


def test_contradiction_moved_to_another_incident_is_the_same_contradiction():
    new = _doc(kid="k-9")
    new["incidents"].append(
        {"id": "i-7", "title": "regrouped", "claim_ids": ["c-9"], "article_ids": ["a-1"]}
    )
    new["contradictions"][0]["incident_id"] = "i-7"
    result = compare(from_report(_doc()), from_report(new))
    (k,) = [f for f in result.findings if f.kind == "contradiction"]
    assert (k.status, k.baseline_id, k.id) == ("updated", "k-1", "k-9")
    assert [(c.field, c.old, c.new) for c in k.changes] == [("incident", "i-1", "i-7")]
    assert k.events == ("updated-contradiction",) and not result.failed


def test_changed_sides_is_an_update_that_passes_by_default():
    result = compare(from_report(_doc()), from_report(_doc(side_b=("c-2", "c-3"))))
    (k,) = [f for f in result.findings if f.kind == "contradiction"]
    assert k.status == "updated" and k.events == ("updated-contradiction",) and not k.failing
    assert not result.failed
    strict = compare(
        from_report(_doc()), from_report(_doc(side_b=("c-2", "c-3"))), parse_fail_on(["all"])
    )
    assert strict.failed


def test_changed_source_is_a_changed_attribution():
    result = compare(from_report(_doc()), from_report(_doc(source="syrian-army")))
    f = by_key(result, "claim")["c-3"]
    assert f.status == "updated" and f.events == ("changed-attribution",) and f.failing
    assert [(c.field, c.old, c.new) for c in f.changes] == [("source", "sana", "syrian-army")]


def test_article_local_source_ids_do_not_count_as_changed_attribution():
    old, new = _doc(source="official-00000001"), _doc(source="official-00000002")
    for doc, aid in ((old, "a-100000000001"), (new, "a-200000000002")):
        doc["articles"][0]["id"] = aid
        for c in doc["claims"]:
            c["article_id"] = aid
    new["articles"][0]["text"] = "edited"
    old["claims"][2]["source_id"] = "official-00000001"
    new["claims"][2]["source_id"] = "official-00000002"
    result = compare(from_report(old), from_report(new))
    assert by_key(result, "claim")["c-3"].status == "unchanged"


def test_fail_on_parsing():
    assert parse_fail_on(None) == DEFAULT_FAIL_ON
    assert parse_fail_on(["none"]) == ()
    assert parse_fail_on(["lost-claim,new-claim", "lost-claim"]) == ("lost-claim", "new-claim")
    assert "updated-article" in parse_fail_on(["all"])
    with pytest.raises(ValueError, match="unknown --fail-on kind 'lost-claims'"):
        parse_fail_on(["lost-claims"])


def test_baseline_is_sorted_stable_and_round_trips(tmp_path):
    entries = from_report(_doc())
    text = dump_baseline(entries)
    assert text == dump_baseline(from_report(_doc()))
    assert "x/one.txt" not in text and "one.txt" in text  # relative to the corpus folder
    (tmp_path / "b.yaml").write_text(text, encoding="utf-8")
    assert load_baseline(tmp_path / "b.yaml") == entries
    ids = [c["id"] for c in entries["claims"]]
    assert ids == sorted(ids)


# --- outputs ----------------------------------------------------------------------


def _huge_result(n: int = 60000) -> CheckResult:
    findings = [
        Finding(
            "claim",
            status,
            f"c-{i:08d}",
            None,
            "a long description <b>|*_ " * 20,
            (),
            ("lost-claim",) if status == "absent" else (),
            "",
            status == "absent" and i % 7 == 0,
        )
        for i in range(n)
        for status in (("new", "absent", "updated")[i % 3],)
    ]
    return CheckResult(findings, DEFAULT_FAIL_ON)


def test_markdown_stays_under_the_cap_on_a_huge_diff():
    result = _huge_result()
    text = markdown(result, html_link="out/check.html")
    assert len(text.encode("utf-8")) < MARKDOWN_CAP < 1024 * 1024
    assert "<details><summary>" in text and "more (see the JSON or HTML output)" in text
    assert "<b>" not in text  # descriptions are escaped
    # Failing items are listed first, so a cut list still shows what broke the run.
    first = next(
        line
        for line in text.splitlines()
        if line.startswith("- ") and "c-" in line and "absent" not in line
    )
    assert first
    absent_section = text[text.index("Claims absent") :]
    assert absent_section.split("\n- ", 1)[1].startswith("❌")
    # A tiny cap still gives valid, capped text.
    assert len(markdown(result, cap=5000).encode("utf-8")) <= 5000


def test_short_lists_are_not_folded():
    result = compare(from_report(_doc()), from_report(_doc(source="syrian-army")))
    text = markdown(result)
    assert "<details>" not in text and "### Claims updated (1)" in text and "❌" in text


def _check_junit(xml_text: str, result: CheckResult) -> None:
    """The structure of the usual JUnit schema: testsuites > testsuite > testcase > failure."""
    root = ET.fromstring(xml_text.encode("utf-8"))
    assert root.tag == "testsuites"
    cases = 0
    fails = 0
    for suite in root:
        assert suite.tag == "testsuite"
        assert set(suite.attrib) >= {"name", "tests", "failures", "errors"}
        for case in suite:
            assert case.tag == "testcase" and case.get("name") and case.get("classname")
            for child in case:
                assert child.tag in ("failure", "system-out")
                if child.tag == "failure":
                    assert child.get("message") and child.get("type")
        n = len(suite.findall("testcase"))
        nf = len(suite.findall("testcase/failure"))
        assert (int(suite.get("tests")), int(suite.get("failures"))) == (n, nf)
        cases += n
        fails += nf
    assert (int(root.get("tests")), int(root.get("failures"))) == (cases, fails)
    assert cases == len(result.findings)
    assert fails == len(result.failing())


def test_junit_is_valid_with_hostile_text():
    result = _huge_result(300)
    result.findings[0] = Finding(
        "claim",
        "absent",
        None,
        "c-x",
        "bad \x00\x1b chars & <tags> “quotes”",
        (),
        ("lost-claim",),
        "",
        True,
    )
    _check_junit(junit_xml(result), result)


@pytest.mark.slow
def test_check_command_exit_codes_and_outputs(edited_runs, tmp_path):
    a, b = edited_runs["A"], edited_runs["B"]
    base = tmp_path / "a.baseline.yaml"
    assert runner.invoke(app, ["baseline", str(a.out), "-o", str(base)]).exit_code == 0
    text = base.read_text("utf-8")
    assert str(a.out) not in text and str(tmp_path) not in text  # no volatile paths
    runner.invoke(app, ["baseline", str(a.out), "-o", str(tmp_path / "again.yaml")])
    assert (tmp_path / "again.yaml").read_text("utf-8") == text

    files = {k: tmp_path / f"check.{k}" for k in ("md", "xml", "json", "html")}
    args = [
        "check",
        str(b.out),
        "--baseline",
        str(base),
        "--markdown",
        str(files["md"]),
        "--junit",
        str(files["xml"]),
        "--json",
        str(files["json"]),
    ]
    r = runner.invoke(app, args)
    assert r.exit_code == 1, r.output  # a new contradiction and lost claims
    assert "regression: lost-claim" in r.output
    doc = json.loads(files["json"].read_text("utf-8"))
    assert doc["failed"] is True and doc["counts"]["article"] == {
        "new": 1,
        "updated": 1,
        "absent": 1,
        "unchanged": 0,
    }
    result = compare(load_baseline(base), from_report(b.doc))
    _check_junit(files["xml"].read_text("utf-8"), result)
    md = files["md"].read_text("utf-8")
    assert "❌" in md and "| Contradictions |" in md
    html = (b.out / "check.html").read_text("utf-8")  # beside the report by default
    assert "Changes since the baseline" in html
    for f in result.failing():
        assert f.key in html

    assert runner.invoke(app, [*args, "--fail-on", "none"]).exit_code == 0
    assert runner.invoke(app, [*args, "--fail-on", "new-article"]).exit_code == 1
    assert (
        runner.invoke(app, [*args, "--fail-on", "updated-incident,absent-incident"]).exit_code == 1
    )
    r = runner.invoke(app, [*args, "--fail-on", "typo"])
    assert r.exit_code == 2 and "typo" in r.output
    r = runner.invoke(app, ["check", str(b.out), "--baseline", str(tmp_path / "missing.yaml")])
    assert r.exit_code == 2 and "missing.yaml" in r.output
    (tmp_path / "bad.yaml").write_text("baseline_version: 1\nclaims: [\n", encoding="utf-8")
    r = runner.invoke(app, ["check", str(b.out), "--baseline", str(tmp_path / "bad.yaml")])
    assert r.exit_code == 2 and "bad.yaml" in r.output and "line" in r.output
    r = runner.invoke(app, ["check", str(tmp_path / "no-report"), "--baseline", str(base)])
    assert r.exit_code == 2 and "claimdiff.json" in r.output
    assert runner.invoke(app, ["check", str(b.out)]).exit_code == 2  # --baseline is required

    # Accepting the current state: exit 0, the baseline now describes B, and B passes.
    before = base.read_text("utf-8")
    r = runner.invoke(
        app, ["check", str(b.out), "--baseline", str(base), "--update-baseline", "--no-html"]
    )
    assert r.exit_code == 0, r.output
    assert base.read_text("utf-8") != before
    assert base.read_text("utf-8") == dump_baseline(from_report(b.doc))
    r = runner.invoke(
        app, ["check", str(b.out), "--baseline", str(base), "--fail-on", "all", "--no-html"]
    )
    assert r.exit_code == 0, r.output
    assert "no regressions" in r.output


@pytest.mark.slow
def test_verdicts_carry_across_a_rerun_with_an_added_article(edited_runs, tmp_path):
    d, e = edited_runs["D"], edited_runs["E"]
    reviews = tmp_path / "reviews.yaml"
    targets = [k["id"] for k in d.doc["contradictions"]] + [
        d.doc["claims"][0]["id"],
        d.doc["incidents"][0]["id"],
    ]
    for fid in targets:
        r = runner.invoke(
            app,
            [
                "review",
                fid,
                "--status",
                "confirmed",
                "--note",
                "checked",
                "--reviewer",
                "ana",
                "--reviews",
                str(reviews),
                "--report",
                str(d.out),
            ],
        )
        assert r.exit_code == 0, r.output
    base = tmp_path / "d.yaml"
    runner.invoke(app, ["baseline", str(d.out), "-o", str(base)])
    out = tmp_path / "c.json"
    r = runner.invoke(
        app,
        [
            "check",
            str(e.out),
            "--baseline",
            str(base),
            "--reviews",
            str(reviews),
            "--json",
            str(out),
            "--no-html",
            "--fail-on",
            "none",
        ],
    )
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text("utf-8"))
    assert doc["orphaned_verdicts"] == []
    with_verdict = {f["id"]: f["verdict"]["status"] for f in doc["findings"] if f["verdict"]}
    assert with_verdict == dict.fromkeys(targets, "confirmed")
    r = runner.invoke(app, ["review", "--list", "--reviews", str(reviews), "--report", str(e.out)])
    assert r.exit_code == 0 and "orphaned" not in r.output and all(t in r.output for t in targets)


@pytest.mark.slow
def test_orphaned_verdicts_are_reported_and_kept(edited_runs, tmp_path):
    a, b = edited_runs["A"], edited_runs["B"]
    reviews = tmp_path / "reviews.yaml"
    gone = a.claims_of(seed("003").name)[0]["id"]  # its article is removed in B
    moved = next(c["id"] for c in a.claims_of(seed("000").name) if "were injured" in _content(c))
    for fid in (gone, moved):
        assert (
            runner.invoke(
                app,
                ["review", fid, "--status", "dismissed", "--note", "n", "--reviews", str(reviews)],
            ).exit_code
            == 0
        )
    before = reviews.read_text("utf-8")
    base = tmp_path / "a.yaml"
    runner.invoke(app, ["baseline", str(a.out), "-o", str(base)])
    out, md = tmp_path / "c.json", tmp_path / "c.md"
    r = runner.invoke(
        app,
        [
            "check",
            str(b.out),
            "--baseline",
            str(base),
            "--reviews",
            str(reviews),
            "--json",
            str(out),
            "--markdown",
            str(md),
            "--no-html",
            "--fail-on",
            "none",
        ],
    )
    assert r.exit_code == 0, r.output
    assert "orphaned" in r.output and gone in r.output
    orphans = {o["finding_id"]: o for o in json.loads(out.read_text("utf-8"))["orphaned_verdicts"]}
    assert set(orphans) == {gone, moved}
    assert orphans[gone]["successor"] is None
    assert (
        orphans[moved]["successor"] and orphans[moved]["successor"] != moved
    )  # the reworded claim's new id
    assert "Orphaned verdicts (2, kept)" in md.read_text("utf-8")
    assert reviews.read_text("utf-8") == before  # reading never rewrites
    # Recording a new verdict keeps the orphans.
    new_id = orphans[moved]["successor"]
    assert (
        runner.invoke(
            app,
            [
                "review",
                new_id,
                "--status",
                "dismissed",
                "--reviews",
                str(reviews),
                "--report",
                str(b.out),
            ],
        ).exit_code
        == 0
    )
    r = runner.invoke(app, ["review", "--list", "--reviews", str(reviews), "--report", str(b.out)])
    assert r.output.count("(orphaned)") == 2 and new_id in r.output


def test_markdown_escapes_ids_and_text_from_input_files():
    doc = _doc()
    doc["articles"][0]["id"] = "a`<script>alert(1)</script>"
    doc["articles"][0]["text"] = "edited"
    for c in doc["claims"]:
        c["article_id"] = doc["articles"][0]["id"]
    doc["claims"][2]["content"][0]["text"] = "| table | breaker <img src=x> **bold**"
    result = compare(from_report(_doc()), from_report(doc), parse_fail_on(["all"]))
    text = markdown(result)
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;" in text and "\\| table \\|" in text
