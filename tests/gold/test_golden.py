"""Golden files for the report's HTML: the hand-built result of
``tests/report/conftest.py`` rendered, scrubbed, and compared with
``tests/gold/files/``.

The result is built by hand (no model), so extraction changes never move
these files: only a change to the report's pages does. Scrubbed before
comparing: the inlined stylesheet (tested on its own) and the generator
line. After an intended change to the templates or page contexts, review the
diff and update with::

    CLAIMDIFF_UPDATE_GOLDEN=1 python -m pytest tests/gold -q
    git diff tests/gold/files
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from claimdiff.report import write_report
from tests.report.conftest import make_result

GOLD = Path(__file__).parent / "files"
PAGES = [
    "index.html",
    "filters/severity-high.html",
    "incidents/inc-tal-al-zahab.html",
    "articles/art-cnn-000.html",
    "articles/art-sana-001.html",
    "sources/sana.html",
    "sources/syrian-military-source.html",
    "claims.jsonld",
]
UPDATE = os.environ.get("CLAIMDIFF_UPDATE_GOLDEN") == "1"
_STYLE = re.compile(r"<style>\n.*?\n</style>", re.DOTALL)
_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')


def scrub(text: str) -> str:
    text = _STYLE.sub("<style>/* report.css */</style>", text)
    return _GENERATOR.sub('<meta name="generator" content="…">', text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gold") / "report"
    saved = os.environ.pop("SOURCE_DATE_EPOCH", None)
    try:
        write_report(make_result(), out)
    finally:
        if saved is not None:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return out


@pytest.mark.parametrize("rel", PAGES)
def test_page_matches_golden_file(rendered: Path, rel: str) -> None:
    got = scrub((rendered / rel).read_text(encoding="utf-8"))
    gold = GOLD / rel.replace("/", "__")
    if UPDATE:
        gold.parent.mkdir(parents=True, exist_ok=True)
        gold.write_text(got, encoding="utf-8", newline="\n")
    assert gold.is_file(), f"no golden file {gold}: run with CLAIMDIFF_UPDATE_GOLDEN=1"
    want = gold.read_text(encoding="utf-8")
    assert got == want, (
        f"{rel} differs from {gold.name}; if the change is intended, rerun with "
        "CLAIMDIFF_UPDATE_GOLDEN=1 and review `git diff tests/gold/files`"
    )


def test_scrub_removes_only_volatile_parts() -> None:
    page = '<meta name="generator" content="claimdiff 9">\n<style>\nbody{}\n</style>\n<p>x</p>'
    assert (
        scrub(page)
        == '<meta name="generator" content="…">\n<style>/* report.css */</style>\n<p>x</p>'
    )
