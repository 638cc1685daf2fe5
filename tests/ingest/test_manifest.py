from __future__ import annotations

from pathlib import Path

from claimdiff.errors import ParseError
from claimdiff.ingest import read_inputs

from .conftest import Write

MANIFEST = """\
articles:
  "a.txt": {title: From manifest, outlet: Reuters, published: "2019-10-20", url: "https://x/a", id: "m-a", note: "a note"}
  "b.txt": {title: Manifest title, outlet: AFP}
  "sub/c.txt": {outlet: BBC}
  "table.csv": {outlet: Sky News, id: "not-for-rows"}
"""


def _corpus(write: Write) -> None:
    write("corpus/manifest.yaml", MANIFEST)
    write("corpus/a.txt", "CNN — Text of a.")
    write("corpus/b.txt", "---\ntitle: Front matter title\n---\nText of b.")
    write("corpus/sub/c.txt", "Text of c.")
    write("corpus/table.csv", "text,outlet\nRow zero.,\nRow one.,Fox News\n")


def test_manifest_values_apply(write: Write, in_tmp: Path) -> None:
    _corpus(write)
    articles, errors = read_inputs(["corpus"])
    assert errors == []  # manifest.yaml itself is not an input
    by_path = {(a.path, a.row): a for a in articles}
    a = by_path["corpus/a.txt", None]
    assert (a.title, a.outlet, a.published, a.url, a.id) == (
        "From manifest",
        "Reuters",
        "2019-10-20",
        "https://x/a",
        "m-a",
    )  # manifest beats the "CNN —" dateline
    b = by_path["corpus/b.txt", None]
    assert (b.title, b.outlet) == ("Front matter title", "AFP")  # front matter beats manifest
    assert by_path["corpus/sub/c.txt", None].outlet == "BBC"
    # Table rows: row columns beat the manifest; the manifest id is not shared by rows.
    assert by_path["corpus/table.csv", 0].outlet == "Sky News"
    assert by_path["corpus/table.csv", 1].outlet == "Fox News"
    assert by_path["corpus/table.csv", 0].id != "not-for-rows"


def test_nearer_manifest_wins(write: Write, in_tmp: Path) -> None:
    _corpus(write)
    write("corpus/sub/manifest.yaml", 'articles:\n  "c.txt": {outlet: Al Jazeera}\n')
    articles, errors = read_inputs(["corpus"])
    assert errors == []
    assert {a.path: a.outlet for a in articles}["corpus/sub/c.txt"] == "Al Jazeera"


def test_explicit_file_uses_its_folders_manifest(write: Write, in_tmp: Path) -> None:
    _corpus(write)
    (article,), errors = read_inputs(["corpus/a.txt"])
    assert errors == []
    assert article.outlet == "Reuters"


def test_malformed_manifest_is_an_error_and_the_folder_is_still_read(
    write: Write, in_tmp: Path
) -> None:
    write("corpus/manifest.yaml", 'articles:\n  "a.txt": {title: [unclosed\n')
    write("corpus/a.txt", "CNN — Text of a.")
    write("corpus/b.txt", "Text of b.")
    articles, errors = read_inputs(["corpus"])
    assert [a.path for a in articles] == ["corpus/a.txt", "corpus/b.txt"]
    assert articles[0].outlet == "CNN"  # text inference still works without the manifest
    (error,) = errors  # reported once, not once per file
    assert error.path == "corpus/manifest.yaml"
    assert error.code == ParseError.code
    assert "line" in error.reason


def test_manifest_without_articles_mapping(write: Write, in_tmp: Path) -> None:
    write("corpus/manifest.yaml", "- just\n- a list\n")
    write("corpus/a.txt", "Text.")
    articles, (error,) = read_inputs(["corpus"])
    assert len(articles) == 1
    assert error.path == "corpus/manifest.yaml" and "'articles'" in error.reason


def test_bad_manifest_entry_leaves_the_others(write: Write, in_tmp: Path) -> None:
    write("corpus/manifest.yaml", 'articles:\n  "a.txt": just a string\n  "b.txt": {outlet: AFP}\n')
    write("corpus/a.txt", "Text a.")
    write("corpus/b.txt", "Text b.")
    articles, (error,) = read_inputs(["corpus"])
    assert [a.outlet for a in articles] == [None, "AFP"]
    assert "'a.txt'" in error.reason
