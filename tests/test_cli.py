"""The command line: commands, exit codes, bad input handling, docs."""

from __future__ import annotations

import json
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
    m = re.search(r"<!-- test-command -->\s*```sh\n(.+?)\n```", readme, re.S)
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
        capture_output=True, text=True, timeout=600,
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
        [sys.executable, "-m", "claimdiff.cli", "report", str(tmp_path), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=600,
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
    r = runner.invoke(app, ["eval", str(out), "--gold", str(SEEDS / "gold.yaml"), "--min-recall", "0.95"])
    assert r.exit_code == 0, r.output
    assert "recall" in r.output
    r = runner.invoke(app, ["eval", str(out), "--gold", str(SEEDS / "gold.yaml"), "--min-recall", "1.01"])
    assert r.exit_code == 1
