from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimdiff.ingest import read_inputs
from claimdiff.models import stable_id

from .conftest import SEEDS, Write


def _mixed_corpus(write: Write) -> None:
    write("corpus/b.txt", "Article b.")
    write("corpus/a.txt", "Article a.")
    write("corpus/a-c.txt", "Article a-c.")
    write("corpus/sub/c.md", "Article c.")
    write("corpus/sub/deeper/d.html", "<html><body><p>Article d, in a page.</p></body></html>")
    write("corpus/table.jsonl", '{"text": "Row zero."}\n{"text": "Row one."}\n')
    # Not inputs: skipped without an error inside a folder.
    write("corpus/gold.yaml", "version: 1\n")
    write("corpus/README", "About this corpus.")
    write("corpus/.hidden.txt", "Hidden.")
    write("corpus/.git/x.txt", "Not an article.")


def test_folder_walk_order_and_skipped_files(write: Write, in_tmp: Path) -> None:
    _mixed_corpus(write)
    articles, errors = read_inputs(["corpus"])
    assert errors == []
    assert [(a.path, a.row) for a in articles] == [
        ("corpus/a-c.txt", None),
        ("corpus/a.txt", None),
        ("corpus/b.txt", None),
        ("corpus/sub/c.md", None),
        ("corpus/sub/deeper/d.html", None),
        ("corpus/table.jsonl", 0),
        ("corpus/table.jsonl", 1),
    ]


def test_paths_as_given(write: Write, in_tmp: Path) -> None:
    _mixed_corpus(write)
    for given, expected in [
        ("corpus/sub", "corpus/sub/c.md"),
        ("corpus/sub/", "corpus/sub/c.md"),
        ("./corpus/sub", "corpus/sub/c.md"),
        (Path("corpus") / "sub", "corpus/sub/c.md"),
        ("corpus/sub/c.md", "corpus/sub/c.md"),
        (in_tmp / "corpus" / "sub", (in_tmp / "corpus/sub/c.md").as_posix()),
    ]:
        articles, _ = read_inputs([given])
        assert articles[0].path == expected, given


def test_inputs_in_the_order_given_and_each_file_once(write: Write, in_tmp: Path) -> None:
    _mixed_corpus(write)
    articles, errors = read_inputs(["corpus/b.txt", "corpus", "corpus/a.txt"])
    assert errors == []
    paths = [a.path for a in articles]
    assert paths[0] == "corpus/b.txt"
    assert len(paths) == len(set(zip(paths, (a.row for a in articles)))) == 7


def test_same_call_twice_gives_identical_results(write: Write, in_tmp: Path) -> None:
    _mixed_corpus(write)
    write("corpus/broken.json", "{")
    first = read_inputs(["corpus", "missing.txt"])
    second = read_inputs(["corpus", "missing.txt"])
    assert first == second
    assert len(first[1]) == 2


def test_ids_are_derived_from_content(write: Write, in_tmp: Path) -> None:
    write("one/x.txt", "The same article.")
    write("two/renamed.txt", "The same article.")
    write("two/other.txt", "Another article.")
    (a,), _ = read_inputs(["one"])
    articles, _ = read_inputs(["two"])
    assert a.id == stable_id("a", "The same article.")
    # Same text elsewhere, with other articles beside it: same id.
    assert {x.path: x.id for x in articles}["two/renamed.txt"] == a.id


def test_duplicate_text_gets_a_path_derived_id_and_a_warning(write: Write, in_tmp: Path) -> None:
    write("corpus/a.txt", "Duplicated text.")
    write("corpus/b.txt", "Duplicated text.")
    first, second = read_inputs(["corpus"])[0]
    assert first.id == stable_id("a", "Duplicated text.") and first.warnings == ()
    assert second.id == stable_id("a", "Duplicated text.", "corpus/b.txt", None)
    assert any("corpus/a.txt" in w for w in second.warnings)


def test_duplicate_explicit_id(write: Write, in_tmp: Path) -> None:
    write("corpus/a.txt", "---\nid: story-1\n---\nText A.")
    write("corpus/b.txt", "---\nid: story-1\n---\nText B.")
    first, second = read_inputs(["corpus"])[0]
    assert first.id == "story-1"
    assert second.id == stable_id("a", "Text B.", "corpus/b.txt", None)
    assert any("'story-1'" in w for w in second.warnings)


# The project's own copy of the seed corpus.
SEED_000 = "000_36a3edd86f76f352.txt"
SEED_003 = "003_577cce47dc99c1c0.txt"
SEED_004 = "004_f72e526466b0ad9b.txt"


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed texts and gold.yaml, without any manifest: what the text alone gives.

    Copied to tmp_path/corpora/syria-seeds; the tests run from tmp_path.
    """
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not present")
    folder = tmp_path / "corpora" / "syria-seeds"
    folder.mkdir(parents=True)
    for name in (SEED_000, SEED_003, SEED_004, "gold.yaml"):
        shutil.copy(SEEDS / name, folder / name)
    monkeypatch.chdir(tmp_path)
    return folder


def test_seed_corpus_as_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The project's folder as it is (with its manifest.yaml, if any)."""
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not present")
    monkeypatch.chdir(SEEDS.parent.parent)
    articles, errors = read_inputs(["corpora/syria-seeds"])
    assert errors == []
    assert [a.path for a in articles] == [
        f"corpora/syria-seeds/{n}" for n in (SEED_000, SEED_003, SEED_004)
    ]
    assert articles[0].outlet == "CNN"
    assert [a.published for a in articles] == [None, None, None]
    assert (
        articles[2].title
        == "US reinforces Syria base as clashes break out with regime forces: reports"
    )


def test_seed_corpus_text_alone(seeds: Path) -> None:
    articles, errors = read_inputs(["corpora/syria-seeds"])
    assert errors == []  # gold.yaml is skipped
    assert [a.path for a in articles] == [
        f"corpora/syria-seeds/{n}" for n in (SEED_000, SEED_003, SEED_004)
    ]
    s000, s003, s004 = articles

    assert s000.outlet == "CNN"  # from its "CNN —" dateline
    assert s000.published is None  # "on October 20, 2019" is a photo caption's date
    assert s000.title is None  # the first line is a long caption, not a headline

    assert s003.outlet is None  # "SYRIA —" is a place
    assert s003.published is None

    assert s004.title == "US reinforces Syria base as clashes break out with regime forces: reports"
    assert s004.outlet is None
    assert s004.text.startswith(s004.title + "\n")  # the title stays in the text

    for article in articles:
        assert article.row is None
        assert article.id == stable_id("a", article.text)
        # The text is the decoded file, so offsets into it are offsets into the file.
        assert article.text == (seeds / Path(article.path).name).read_bytes().decode("utf-8")


def test_seed_offsets_hold(seeds: Path) -> None:
    articles, _ = read_inputs(["corpora/syria-seeds"])
    s000 = articles[0]
    quote = (
        "“Coalition and Syrian Democratic Forces, conducting a routine anti-ISIS security patrol"
    )
    start = s000.text.index(quote)
    assert s000.text[start : start + len(quote)] == quote
    dateline = s000.text.index("\nCNN \u00a0—\u00a0\n")  # non-breaking spaces kept
    assert dateline > 0
