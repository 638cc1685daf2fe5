"""The report folder as users, scripts and browsers see it."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from claimdiff.errors import ConfigError
from claimdiff.models import RunResult
from claimdiff.report import to_frames, write_json, write_report
from claimdiff.report.files import page_names

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
CONTRACT_FILES = [
    "index.html",
    "claimdiff.json",
    "claims.csv",
    "incidents.csv",
    "contradictions.csv",
    "claims.jsonld",
]
# One pre-rendered copy of the index per filter (party, type, severity).
FILTER_PAGES = [
    "filters/party-press.html",
    "filters/party-syrian-government.html",
    "filters/party-us.html",
    "filters/severity-high.html",
    "filters/severity-medium.html",
    "filters/type-confirmation.html",
    "filters/type-initiator.html",
]


@dataclass
class Page:
    ids: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    tags: list[tuple[str, list[tuple[str, str | None]]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    article_text: str | None = None
    # (kind, claim id) -> offsets into the article text that such a mark covers
    covered: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)  # class -> number of marks opened


class Checker(HTMLParser):
    """Collects ids, links and tags; checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.text_depth: int | None = None  # stack depth of div.article-text
        self.text_parts: list[str] = []
        self.text_pos = 0
        self.marks: list[tuple[list[str], str]] = []  # open marks: classes, data-claim

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.page.tags.append((tag, attrs))
        if a.get("id"):
            self.page.ids.append(a["id"] or "")
        if tag == "a" and a.get("href") is not None:
            self.page.hrefs.append(a["href"] or "")
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "div" and a.get("class") == "article-text":
            self.text_depth = len(self.stack)
        if self.text_depth is not None and len(self.stack) > self.text_depth:
            classes = (a.get("class") or "").split()
            self.marks.append((classes, a.get("data-claim") or ""))
            if "cont" not in classes:
                for c in classes:
                    self.page.kinds[c] = self.page.kinds.get(c, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append((tag, attrs))
        if tag not in VOID:
            self.page.problems.append(f"self-closing <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.page.problems.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        if self.text_depth is not None:
            if len(self.stack) == self.text_depth:
                self.page.article_text = "".join(self.text_parts)
                self.text_depth = None
            else:
                self.marks.pop()
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.text_depth is not None:
            self.text_parts.append(data)
            where = range(self.text_pos, self.text_pos + len(data))
            for classes, claim in self.marks:
                for kind in classes:
                    self.page.covered.setdefault((kind, claim), set()).update(where)
            self.text_pos += len(data)

    def close(self) -> None:
        super().close()
        if self.stack:
            self.page.problems.append(f"unclosed {self.stack}")


def parse(path: Path) -> Page:
    checker = Checker()
    checker.feed(path.read_text(encoding="utf-8"))
    checker.close()
    return checker.page


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def tree(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


# ------------------------------------------------------------------ contract


def test_writes_exactly_the_contract_files(result: RunResult, out: Path) -> None:
    written = write_report(result, out)
    rel = sorted(p.relative_to(out).as_posix() for p in written)
    names = {
        "incidents": page_names(i.id for i in result.incidents),
        "articles": page_names(a.id for a in result.articles),
        "sources": page_names(s.id for s in result.sources),
    }
    expected = (
        CONTRACT_FILES
        + FILTER_PAGES
        + [f"{folder}/{n}" for folder, ns in names.items() for n in ns.values()]
    )
    assert rel == sorted(expected)
    assert sorted(tree(out)) == rel  # nothing else, no temp files left behind
    assert (out / "incidents" / "inc-tal-al-zahab.html").is_file()
    assert (out / "articles" / "art-cnn-000.html").is_file()
    assert (out / "sources" / "sana.html").is_file()


def test_json_round_trips(result: RunResult, out: Path) -> None:
    write_report(result, out)
    raw = (out / "claimdiff.json").read_bytes()
    doc = json.loads(raw.decode("utf-8"))
    assert doc["schema_version"] == 1
    assert doc == json.loads(json.dumps(result.to_json()))
    assert raw.endswith(b"}\n") and b"\r\n" not in raw
    assert "—" in raw.decode("utf-8")  # not \u-escaped
    for c in doc["claims"]:
        text = next(a["text"] for a in doc["articles"] if a["id"] == c["article_id"])
        for s in c["content"]:
            assert text[s["start"] : s["end"]] == s["text"]


def test_json_is_valid_against_the_schema(result: RunResult, out: Path) -> None:
    pytest.importorskip("jsonschema")
    from claimdiff.schema import validate_document

    write_report(result, out)
    assert validate_document(json.loads((out / "claimdiff.json").read_text(encoding="utf-8"))) == []


def test_write_json_alone(result: RunResult, tmp_path: Path) -> None:
    path = tmp_path / "deep" / "x.json"
    write_json(result, path)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(json.dumps(result.to_json()))


def test_csv_rows_match_json(result: RunResult, out: Path) -> None:
    write_report(result, out)
    doc = json.loads((out / "claimdiff.json").read_text(encoding="utf-8"))
    for name, key in [
        ("claims.csv", "claims"),
        ("incidents.csv", "incidents"),
        ("contradictions.csv", "contradictions"),
    ]:
        raw = (out / name).read_bytes()
        assert b"\r\n" not in raw
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
        assert [r["id"] for r in rows] == [x["id"] for x in doc[key]]
        assert list(rows[0]) == list(to_frames(result)[key].columns)
    claims = list(csv.DictReader((out / "claims.csv").open(encoding="utf-8", newline="")))
    by_id = {c["id"]: c for c in doc["claims"]}
    for row in claims:
        c = by_id[row["id"]]
        assert row["source_id"] == c["source_id"]
        assert row["incident_id"] == (c["incident_id"] or "")
        assert row["sentence_start"] == str(c["sentence"]["start"])  # 3, not 3.0
    incidents = list(csv.DictReader((out / "incidents.csv").open(encoding="utf-8", newline="")))
    assert incidents[0]["claim_ids"].split("; ") == doc["incidents"][0]["claim_ids"]
    assert incidents[0]["n_contradictions"] == "2"
    contradictions = list(
        csv.DictReader((out / "contradictions.csv").open(encoding="utf-8", newline=""))
    )
    assert contradictions[0]["claims_a"].split("; ") == doc["contradictions"][0]["sides"][0]


def test_empty_result_still_writes_every_file(out: Path) -> None:
    write_report(RunResult((), (), ()), out)
    for name in CONTRACT_FILES:
        assert (out / name).is_file()
    header = (out / "claims.csv").read_text(encoding="utf-8")
    assert header.startswith("id,article_id,") and header.count("\n") == 1


# ----------------------------------------------------------- reproducibility


def test_byte_identical_on_a_second_run(result: RunResult, tmp_path: Path) -> None:
    write_report(result, tmp_path / "one")
    write_report(result, tmp_path / "two")
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    for content in tree(tmp_path / "one").values():
        assert str(tmp_path).encode() not in content


def test_byte_identical_across_hash_seeds(tmp_path: Path) -> None:
    here = Path(__file__).parent
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; "
        "from conftest import make_hostile_result; from claimdiff.report import write_report; "
        "write_report(make_hostile_result(), Path(sys.argv[2]))"
    )
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", code, str(here), str(tmp_path / seed)], env=env, check=True
        )
    assert tree(tmp_path / "1") == tree(tmp_path / "2")


def test_stale_pages_removed(result: RunResult, out: Path) -> None:
    for folder in ("incidents", "articles", "sources"):
        (out / folder).mkdir(parents=True)
        (out / folder / "gone.html").write_text("old", encoding="utf-8")
    (out / "articles" / "notes.txt").write_text("mine", encoding="utf-8")
    written = write_report(result, out)
    for folder in ("incidents", "articles", "sources"):
        assert not (out / folder / "gone.html").exists()
    assert (out / "articles" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert all(p.exists() for p in written)


# ------------------------------------------------------------------ the pages


def test_pages_are_well_formed_with_unique_ids(hostile_result: RunResult, out: Path) -> None:
    write_report(hostile_result, out)
    for path in html_files(out):
        page = parse(path)
        assert page.problems == [], path
        assert len(page.ids) == len(set(page.ids)), path


def test_every_internal_link_resolves(hostile_result: RunResult, out: Path) -> None:
    write_report(hostile_result, out)
    pages = {p.resolve(): parse(p) for p in html_files(out)}
    checked = 0
    for path, page in pages.items():
        for href in page.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            assert not parts.scheme and not parts.netloc, href
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target in pages, f"{path.name}: {href}"
            if parts.fragment:
                assert unquote(parts.fragment) in pages[target].ids, f"{path.name}: {href}"
            checked += 1
    assert checked > 50


def test_article_page_marks_spans_without_changing_the_text(result: RunResult, out: Path) -> None:
    write_report(result, out)
    for article in result.articles:
        page = parse(out / "articles" / f"{article.id}.html")
        assert page.article_text == article.text
        claims = [c for c in result.claims if c.article_id == article.id]
        assert claims and {c.id for c in claims} <= set(page.ids)
        expected: dict[tuple[str, str], set[int]] = {}
        for c in claims:
            spans = {"content": c.content, "source": [c.source_mention], "cue": [c.cue]}
            for kind, ss in spans.items():
                for s in ss:
                    if s is not None:
                        assert article.text[s.start : s.end] == s.text
                        expected.setdefault((kind, c.id), set()).update(range(s.start, s.end))
        # exactly text[start:end] is marked, for the right claim, crossings and all
        got = {k: v for k, v in page.covered.items() if k[0] in ("content", "source", "cue")}
        assert got == expected
        narratives = [c for c in claims if c.form == "narrative"]
        assert page.kinds.get("narrative", 0) == len(narratives)
        assert page.kinds.get("content", 0) == sum(len(c.content) for c in claims)


def test_incident_page_shows_evidence_in_context(result: RunResult, out: Path) -> None:
    write_report(result, out)
    html = (out / "incidents" / "inc-tal-al-zahab.html").read_text(encoding="utf-8")
    assert '<mark class="evidence">returned fire in self-defense</mark>' in html
    assert '<mark class="evidence">opened several rounds of fire</mark>' in html
    assert "Side A" in html and "Side B" in html


def test_pages_are_self_contained(result: RunResult, out: Path) -> None:
    write_report(result, out)
    for path in html_files(out):
        page = parse(path)
        html = path.read_text(encoding="utf-8")
        assert '<html lang="en">' in html
        assert "<style>" in html and ".article-text" in html
        for tag, attrs in page.tags:
            assert tag not in ("script", "link", "iframe"), path
            for name, value in attrs:
                if name == "src":
                    assert value is not None and value.startswith("data:"), path


# -------------------------------------------------------------------- hostile


def test_hostile_input_is_escaped_everywhere(hostile_result: RunResult, out: Path) -> None:
    written = write_report(hostile_result, out)
    root = out.resolve()
    for p in written:
        assert root in p.resolve().parents  # no id walks out of the folder
    for path in html_files(out):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), path
        assert "<img" not in html.lower(), path
        for tag, attrs in parse(path).tags:
            for name, value in attrs:
                assert not name.startswith("on"), (path, tag, name)
                if name in ("href", "src"):
                    assert not (value or "").strip().lower().startswith("javascript:"), path
    evil = next(a for a in hostile_result.articles if a.url == "javascript:alert(1)")
    page_path = out / "articles" / page_names(a.id for a in hostile_result.articles)[evil.id]
    page = parse(page_path)
    assert page.article_text == evil.text  # shown as text, not run
    assert 'href="javascript:' not in page_path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ templates


def test_user_template_overrides_one_page(result: RunResult, out: Path, tmp_path: Path) -> None:
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "index.html").write_text(
        '{% extends "base.html" %}{% block main %}<p id="custom">CUSTOM INDEX '
        "{{ page.counts[0].n }}</p>{% endblock %}\n",
        encoding="utf-8",
    )
    write_report(result, out, templates_dir=custom)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "CUSTOM INDEX 2" in index
    assert ".article-text" in index  # the default base.html and css still apply
    incident = (out / "incidents" / "inc-tal-al-zahab.html").read_text(encoding="utf-8")
    assert "Claims by source" in incident


def test_user_stylesheet_is_inlined(result: RunResult, out: Path, tmp_path: Path) -> None:
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / "report.css").write_text("body { color: #000; } /* mine */\n", encoding="utf-8")
    write_report(result, out, templates_dir=custom)
    assert "/* mine */" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("incident.html", "{% if %}"),
        ("_partials.html", "{% macro marked(mt) %}{{ mt.chunks }"),
        ("source.html", '{% extends "no-such-base.html" %}'),
        ("index.html", "{{ page.no_such_field }}"),
        ("report.css", "</style><script>alert(1)</script>"),
    ],
)
def test_bad_user_template_fails_before_touching_the_report(
    result: RunResult, out: Path, tmp_path: Path, name: str, text: str
) -> None:
    write_report(result, out)
    before = tree(out)
    custom = tmp_path / "tpl"
    custom.mkdir()
    (custom / name).write_text(text, encoding="utf-8")
    # Every page of the second run differs (the footer names the generator),
    # so a page written before the failure would show.
    second = replace(result, meta={"generator": "second run"})
    with pytest.raises(ConfigError):
        write_report(second, out, templates_dir=custom)
    assert tree(out) == before


def test_missing_templates_dir_is_a_config_error(
    result: RunResult, out: Path, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        write_report(result, out, templates_dir=tmp_path / "nope")
