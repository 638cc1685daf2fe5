from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.errors import EmptyInputError, ParseError
from claimdiff.ingest import read_inputs
from claimdiff.models import stable_id

from .conftest import Write

FULL = """---
title: Coalition strikes back
outlet: Reuters
published: 2019-10-20
url: https://example.com/a
id: seed/000
note: anything
---

CNN — The coalition said it returned fire.
"""


def test_front_matter_gives_metadata_and_is_not_text(write: Write) -> None:
    (article,), errors = read_inputs([write("a.md", FULL)])
    assert errors == []
    assert article.text == "CNN — The coalition said it returned fire.\n"
    assert article.title == "Coalition strikes back"
    assert article.outlet == "Reuters"  # front matter beats the "CNN —" dateline
    assert article.published == "2019-10-20"
    assert article.url == "https://example.com/a"
    assert article.id == "seed-000"
    assert article.row is None
    assert any("seed/000" in w for w in article.warnings)  # the id was changed: say so


def test_without_front_matter_the_whole_file_is_text(write: Write) -> None:
    raw = "\n\nUS troops exchanged fire.\n  Indented.\n"
    (article,), _ = read_inputs([write("a.txt", raw)])
    assert article.text == raw
    assert article.id == stable_id("a", raw)
    assert (article.title, article.outlet, article.published, article.url) == (None,) * 4


@pytest.mark.parametrize(
    ("source", "text", "field", "value"),
    [
        ("---\r\ntitle: T\r\n---\r\nBody.\r\n", "Body.\n", "title", "T"),
        ("---\ntitle: T\n...\nBody.", "Body.", "title", "T"),
        ("---\n---\nBody.", "Body.", "title", None),
        ("---\nid: 0003\n---\nBody.", "Body.", "id", "0003"),  # not the integer 3
        ("---\npublished: October 20, 2019\n---\nBody.", "Body.", "published", "2019-10-20"),
        ("---\nOutlet: AFP\n---\nBody.", "Body.", "outlet", "AFP"),
        ("---\noutlet: null\n---\nCNN — Body.", "CNN — Body.", "outlet", "CNN"),
        ("---\ntitle: T\n---\n\n\n  Body indented.", "  Body indented.", "title", "T"),
    ],
)
def test_front_matter_variants(
    write: Write, source: str, text: str, field: str, value: str | None
) -> None:
    (article,), errors = read_inputs([write("a.txt", source)])
    assert errors == []
    assert article.text == text
    assert getattr(article, field) == value


def test_unparseable_published_is_none_with_a_warning(write: Write) -> None:
    (article,), _ = read_inputs([write("a.txt", "---\npublished: sometime in 2019\n---\nBody.")])
    assert article.published is None
    assert any("sometime in 2019" in w for w in article.warnings)


def test_unknown_front_matter_keys_are_reported(write: Write) -> None:
    (article,), _ = read_inputs([write("a.txt", "---\nauthor: Jane\n---\nBody.")])
    assert any("'author'" in w for w in article.warnings)


def test_unclosed_front_matter_is_text(write: Write) -> None:
    raw = "---\nNot front matter after all.\n"
    (article,), errors = read_inputs([write("a.md", raw)])
    assert errors == []
    assert article.text == raw
    assert any("closing" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("---\ntitle: a: b\n---\nBody.", "line 2"),
        ("---\ntitle: ok\noutlet: [unclosed\n---\nBody.", "line 3"),
        ("---\n- a list\n- not a mapping\n---\nBody.", "key: value"),
    ],
)
def test_malformed_front_matter(write: Write, source: str, words: str) -> None:
    bad = write("bad.txt", source)
    good = write("good.txt", "Good text.")
    articles, errors = read_inputs([bad, good])
    assert [a.path for a in articles] == [good.as_posix()]
    (error,) = errors
    assert error.path == bad.as_posix()
    assert error.code == ParseError.code
    assert "front matter" in error.reason and words in error.reason


def test_front_matter_without_text_is_empty(write: Write) -> None:
    _, (error,) = read_inputs([write("a.txt", "---\ntitle: T\n---\n\n")])
    assert error.code == EmptyInputError.code
    assert "front matter" in error.reason


def test_headline_and_dateline_read_from_text(write: Write) -> None:
    raw = "Coalition strikes pro-regime forces\nWASHINGTON (Reuters) - The coalition said.\n"
    (article,), _ = read_inputs([write("a.txt", raw)])
    assert article.title == "Coalition strikes pro-regime forces"
    assert article.outlet == "Reuters"
    assert article.text == raw  # the title stays in the text
    assert article.published is None


def test_md_and_txt_read_alike(write: Write, tmp_path: Path) -> None:
    a, _ = read_inputs([write("a.txt", FULL)])
    b, _ = read_inputs([write("b.md", FULL)])
    assert [(x.text, x.title, x.id) for x in a] == [(x.text, x.title, x.id) for x in b]
