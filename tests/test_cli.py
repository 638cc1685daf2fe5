"""The command line: commands, exit codes, bad input handling, docs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimdiff import __version__
from claimdiff.cli import app

from .conftest import ROOT, SEEDS

runner = CliRunner()


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output


def test_usage_error_exits_2():
    assert runner.invoke(app, ["report"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_every_command_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text("utf-8")
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert f"claimdiff {name}" in readme, name


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    m = re.search(r"<!-- test-command -->\s*```sh\n(.+?)\n```", readme, re.DOTALL)
    assert m, "README must mark its test command"
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    for line in m.group(1).splitlines():
        assert line.strip() in ci, line


@pytest.mark.slow
def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "Two soldiers were wounded in the attack, the army said.\n", encoding="utf-8"
    )
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (corpus / "broken.json").write_text("[{", encoding="utf-8")
    (corpus / "notext.csv").write_text("headline,date\nA,2020-01-01\n", encoding="utf-8")
    out = tmp_path / "out"
    r = subprocess.run(
        [sys.executable, "-m", "claimdiff.cli", "report", str(corpus), "-o", str(out)],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr
    doc = json.loads((out / "claimdiff.json").read_text("utf-8"))
    assert [Path(a["path"]).name for a in doc["articles"]] == ["good.txt"]
    bad = {Path(e["path"]).name: e["reason"] for e in doc["errors"]}
    assert set(bad) == {"empty.txt", "binary.txt", "broken.json", "notext.csv"}
    for name in bad:
        assert name in r.stderr  # one line per bad file, naming it
    assert any(c["form"] == "indirect" for c in doc["claims"])


@pytest.mark.slow
def test_nothing_readable_exits_1(tmp_path):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimdiff.cli",
            "report",
            str(tmp_path),
            "-o",
            str(tmp_path / "out"),
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 1
    assert "empty.txt" in r.stderr or "no input" in r.stderr


@pytest.mark.slow
def test_extract_writes_claims_without_grouping(tmp_path):
    out = tmp_path / "x.json"
    r = runner.invoke(app, ["extract", str(SEEDS), "-o", str(out)])
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text("utf-8"))
    assert doc["claims"] and doc["incidents"] == [] and doc["contradictions"] == []


@pytest.mark.slow
def test_eval_command_prints_figures_and_gates(tmp_path):
    out = tmp_path / "run"
    assert runner.invoke(app, ["report", str(SEEDS), "-o", str(out)]).exit_code == 0
    r = runner.invoke(
        app, ["eval", str(out), "--gold", str(SEEDS / "gold.yaml"), "--min-recall", "0.95"]
    )
    assert r.exit_code == 0, r.output
    assert "recall" in r.output
    r = runner.invoke(
        app, ["eval", str(out), "--gold", str(SEEDS / "gold.yaml"), "--min-recall", "1.01"]
    )
    assert r.exit_code == 1
    # Every gate passes at the seed targets, and each fails on its own above the measured figure.
    gold = ["eval", str(out), "--gold", str(SEEDS / "gold.yaml")]
    targets = [
        "--min-party-agreement",
        "0.95",
        "--min-incident-f1",
        "0.9",
        "--min-contradictions",
        "1.0",
    ]
    r = runner.invoke(app, [*gold, *targets, "--max-false-flags", "0"])
    assert r.exit_code == 0, r.output
    figures = json.loads(runner.invoke(app, [*gold, "--json"]).output)
    f1 = figures["incidents"]["f1"]
    r = runner.invoke(app, [*gold, "--min-incident-f1", str(f1 + 0.001)])
    assert r.exit_code == 1 and "incident B-cubed F1" in r.output


# --- baselines, check and reviews (the slow, pipeline-backed cases are in tests/review/) ---


def test_review_command_records_verdicts_and_refuses_bad_input(tmp_path):
    reviews = tmp_path / "reviews.yaml"
    args = ["--reviews", str(reviews)]
    r = runner.invoke(app, ["review", "k-1", "--status", "confirmed", "--note", "checked", *args])
    assert r.exit_code == 0, r.output
    env = {"CLAIMDIFF_REVIEWER": "bo"}
    r = runner.invoke(app, ["review", "k-1", "--status", "dismissed", *args], env=env)
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["review", "--list", "--reviews", str(reviews)])
    assert r.exit_code == 0 and "k-1\tdismissed\tbo\t" in r.output and "checked" in r.output
    assert (tmp_path / "reviews.yaml.bak").exists()
    before = reviews.read_text("utf-8")
    assert runner.invoke(app, ["review", "k-2", "--status", "maybe", *args]).exit_code == 2
    assert runner.invoke(app, ["review", "k-2", *args]).exit_code == 2  # no --status
    assert runner.invoke(app, ["review", "--status", "confirmed", *args]).exit_code == 2
    r = runner.invoke(
        app, ["review", "k-nope", "--status", "confirmed", *args, "--report", str(REFERENCE)]
    )
    assert r.exit_code == 2 and "k-nope" in r.output
    assert reviews.read_text("utf-8") == before


REFERENCE = ROOT / "reports" / "syria-seeds"


def test_malformed_reviews_file_is_a_usage_error_naming_the_line(tmp_path):
    reviews = tmp_path / "reviews.yaml"
    bad = "version: 1\nreviews:\n  k-1:\n    status: confirmd\n"
    reviews.write_text(bad, encoding="utf-8")
    r = runner.invoke(app, ["review", "k-2", "--status", "confirmed", "--reviews", str(reviews)])
    assert (
        r.exit_code == 2
        and "E210" in r.output
        and "line 4" in r.output
        and str(reviews) in r.output
    )
    assert reviews.read_text("utf-8") == bad  # never silently replaced
    # report reads the reviews file before the slow part, and stops on it.
    r = runner.invoke(
        app, ["report", str(SEEDS), "-o", str(tmp_path / "out"), "--reviews", str(reviews)]
    )
    assert r.exit_code == 2 and "line 4" in r.output
    assert not (tmp_path / "out").exists()
    missing = str(tmp_path / "no.yaml")
    r = runner.invoke(
        app, ["report", str(SEEDS), "-o", str(tmp_path / "out"), "--reviews", missing]
    )
    assert r.exit_code == 2 and "no.yaml" in r.output


def test_baseline_and_check_on_the_reference_report(tmp_path):
    base = tmp_path / "b.yaml"
    assert runner.invoke(app, ["baseline", str(REFERENCE), "-o", str(base)]).exit_code == 0
    r = runner.invoke(
        app,
        [
            "check",
            str(REFERENCE),
            "--baseline",
            str(base),
            "--fail-on",
            "all",
            "--markdown",
            "-",
            "--html",
            str(tmp_path / "check.html"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert "no regressions" in r.output and "| Claims | 0 | 0 | 0 |" in r.output
    html = (tmp_path / "check.html").read_text("utf-8")
    # Links from a page outside the report folder lead back into it.
    root = os.path.relpath(REFERENCE, tmp_path).replace(os.sep, "/")
    assert f'href="{root}/index.html"' in html


@pytest.mark.slow
def test_report_with_reviews_keeps_orphans_and_the_file(tmp_path):
    reviews = tmp_path / "reviews.yaml"
    for fid in ("k-no-such-finding", "c-no-such-claim"):
        r = runner.invoke(
            app,
            ["review", fid, "--status", "needs-review", "--note", "n", "--reviews", str(reviews)],
        )
        assert r.exit_code == 0
    before = reviews.read_bytes()
    out = tmp_path / "out"
    r = runner.invoke(app, ["report", str(SEEDS), "-o", str(out), "--reviews", str(reviews)])
    assert r.exit_code == 0, r.output
    assert "2 verdict(s) orphaned" in r.output and "k-no-such-finding" in r.output
    assert reviews.read_bytes() == before
    assert (out / "index.html").exists()
