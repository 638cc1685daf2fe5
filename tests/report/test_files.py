from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.report.files import page_names, page_stem, remove_stale_pages, write_atomic


@pytest.mark.parametrize("item_id", ["inc-3f2a9c1d0e4b", "art-cnn-000", "sana", "a.b_c-1"])
def test_safe_ids_are_file_names_unchanged(item_id: str) -> None:
    assert page_stem(item_id) == item_id


@pytest.mark.parametrize(
    "item_id",
    ["../../etc/passwd", "a/b", "<script>", "", ".hidden", "con", "NUL.txt", "x" * 200, "é"],
)
def test_unsafe_ids_become_safe_stems(item_id: str) -> None:
    stem = page_stem(item_id)
    assert stem != item_id
    assert "/" not in stem and "\\" not in stem and not stem.startswith(".")
    assert len(stem) <= 80
    assert page_stem(item_id) == stem  # stable


def test_page_names_unique_case_insensitively_and_order_independent() -> None:
    ids = ["Art-1", "art-1", "a/b", "a?b"]
    names = page_names(ids)
    assert len({n.lower() for n in names.values()}) == len(ids)
    assert page_names(reversed(ids)) == names


def test_write_atomic_replaces_and_leaves_no_temp(tmp_path: Path) -> None:
    p = tmp_path / "x.html"
    write_atomic(p, "one")
    write_atomic(p, "twö")
    assert p.read_bytes() == "twö".encode()
    assert [q.name for q in tmp_path.iterdir()] == ["x.html"]


def test_remove_stale_pages_only_touches_html(tmp_path: Path) -> None:
    for name in ["keep.html", "old.html", "notes.txt"]:
        (tmp_path / name).write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.html").write_text("x")
    removed = remove_stale_pages(tmp_path, {"keep.html"})
    assert [p.name for p in removed] == ["old.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.html", "notes.txt", "sub"]
    assert (tmp_path / "sub" / "deep.html").exists()
