"""Fixtures for the ingest tests: every input file is written into tmp_path."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

try:
    import claimdiff  # noqa: F401
except ImportError:  # a checkout that is not pip-installed: import from the work tree
    sys.path.insert(0, str(REPO))

SEEDS = REPO / "corpora" / "syria-seeds"

Write = Callable[[str, "str | bytes"], Path]


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """``write("a/b.txt", text_or_bytes)`` -> the file's path under tmp_path (str is UTF-8)."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(content)
        return path

    return _write


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from tmp_path, so tests can pass relative paths as a user would."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
