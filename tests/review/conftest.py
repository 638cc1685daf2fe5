"""Pipeline runs on small corpora edited between runs, shared by the slow tests.

Built from the seed texts in tmp folders (the seeds themselves are not
touched). ``edit`` fails loudly when a phrase it edits is gone from a seed,
so a changed seed cannot silently turn these tests into no-ops.

- A: seed 000 without its last paragraph (the Syrian side's account) + seed 003
- B: seed 000 whole, with one sentence reworded ("injured" -> "hurt") and one
     attributed sentence deleted (the helicopters) + seed 004 (added); 003 removed
- D: seed 000 alone;  E: seed 000 + seed 004 (an article added, nothing else changed)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from ..conftest import SEEDS

LAST_PARAGRAPH = "The Syrian state news agency claimed"
REWORD = ("No US personnel were injured, according to", "No US personnel were hurt, according to")
DELETED = (
    "While there were helicopters overhead flying standard convoy escort duty, the coalition did not conduct "
    "any airstrikes, Caggins said. "
)


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def edit(text: str, old: str, new: str) -> str:
    assert old in text, f"seed text changed: {old!r} not found"
    return text.replace(old, new, 1)


@dataclass(frozen=True)
class Run:
    out: Path
    doc: dict

    def claims_of(self, name: str) -> list[dict]:
        (aid,) = [a["id"] for a in self.doc["articles"] if Path(a["path"]).name == name]
        return [c for c in self.doc["claims"] if c["article_id"] == aid]


def _run(folder: Path, out: Path) -> Run:
    from claimdiff.pipeline import run
    from claimdiff.report import write_json

    write_json(run([folder]), out / "claimdiff.json")
    return Run(out, json.loads((out / "claimdiff.json").read_text("utf-8")))


@pytest.fixture(scope="session")
def edited_runs(tmp_path_factory) -> dict[str, Run]:
    base = tmp_path_factory.mktemp("edited")
    s000, s003, s004 = seed("000"), seed("003"), seed("004")
    full = s000.read_text("utf-8")
    corpora: dict[str, dict[str, str]] = {
        "A": {
            s000.name: full[: full.index(LAST_PARAGRAPH)].rstrip() + "\n",
            s003.name: s003.read_text("utf-8"),
        },
        "B": {
            s000.name: edit(edit(full, *REWORD), DELETED, ""),
            s004.name: s004.read_text("utf-8"),
        },
        "D": {s000.name: full},
        "E": {s000.name: full, s004.name: s004.read_text("utf-8")},
    }
    runs = {}
    for name, files in corpora.items():
        folder = base / f"corpus-{name}"
        folder.mkdir()
        for fname, text in files.items():
            (folder / fname).write_text(text, encoding="utf-8")
        runs[name] = _run(folder, base / f"out-{name}")
    return runs
