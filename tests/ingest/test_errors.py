"""Every bad input is one error entry naming the file and why; the rest is still read."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest

from claimdiff.errors import (
    BinaryInputError,
    DecodeError,
    EmptyInputError,
    InputFileError,
    MissingColumnError,
    ParseError,
    UnsupportedFormatError,
)
from claimdiff.ingest import read_inputs

from .conftest import Write

NOISE = random.Random(0).randbytes(4000).replace(b"\x00", b"\x81")

BAD: list[tuple[str, str, bytes, type[InputFileError], str]] = [
    # id, file name, content, error class, words the reason contains
    ("empty", "empty.txt", b"", EmptyInputError, "empty"),
    ("whitespace only", "blank.md", b"  \n\n\t\r\n", EmptyInputError, "whitespace"),
    ("empty csv", "empty.csv", b"", EmptyInputError, "empty"),
    ("empty html", "empty.html", b"\n", EmptyInputError, "empty"),
    (
        "binary",
        "photo.txt",
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01",
        BinaryInputError,
        "not a text file",
    ),
    ("binary csv", "data.csv", b"PK\x03\x04\x14\x00\x00\x00", BinaryInputError, "not a text file"),
    ("undecodable", "bad-bytes.txt", codecs.BOM_UTF8 + b"text \xff\xfe", DecodeError, "byte 8"),
    ("noise", "noise.txt", NOISE, DecodeError, "encoding"),
    ("bad json", "bad.json", b'[{"text": "a"},\n {"text": }]', ParseError, "line 2"),
    ("bad csv", "bad.csv", b'text,title\n"unterminated quote,x\n', ParseError, "CSV"),
    ("bad parquet", "bad.parquet", b"PAR1 this is not parquet at all", ParseError, "Parquet"),
    ("comment-only html", "bad.html", b"<!-- nothing -->", ParseError, "HTML"),
    ("no text column", "cols.csv", b"headline,summary\nH,S\n", MissingColumnError, "--text-column"),
    ("no text key", "cols.jsonl", b'{"headline": "H"}\n', MissingColumnError, "'headline'"),
]


@pytest.mark.parametrize(
    ("name", "content", "error", "words"), [c[1:] for c in BAD], ids=[c[0] for c in BAD]
)
def test_bad_file_is_an_error_entry(
    write: Write, in_tmp: Path, name: str, content: bytes, error: type[InputFileError], words: str
) -> None:
    write(f"corpus/{name}", content)
    write("corpus/zz-good.txt", "A good article.")
    write("other.txt", "Another good article.")
    articles, errors = read_inputs(["corpus", "other.txt"])
    assert [a.path for a in articles] == ["corpus/zz-good.txt", "other.txt"]
    (entry,) = errors
    assert entry.path == f"corpus/{name}"
    assert entry.code == error.code
    assert words in entry.reason


def test_missing_path_and_unsupported_file(write: Write, in_tmp: Path) -> None:
    write("notes.yaml", "a: 1\n")
    write("README", "Read me.")
    write("good.txt", "Good.")
    articles, errors = read_inputs(
        ["missing.txt", "missing-folder", "notes.yaml", "README", "good.txt"]
    )
    assert [a.path for a in articles] == ["good.txt"]
    assert [(e.path, e.code) for e in errors] == [
        ("missing.txt", InputFileError.code),
        ("missing-folder", InputFileError.code),
        ("notes.yaml", UnsupportedFormatError.code),
        ("README", UnsupportedFormatError.code),
    ]
    assert "no such file" in errors[0].reason
    assert "'.yaml'" in errors[2].reason and ".txt" in errors[2].reason


def test_unreadable_file(write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write("a.txt", "A.")
    write("b.txt", "B.")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "a.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    articles, (error,) = read_inputs(["a.txt", "b.txt"])
    assert [a.path for a in articles] == ["b.txt"]
    assert error.path == "a.txt" and "Permission denied" in error.reason


def test_an_unexpected_failure_is_an_entry_too(
    write: Write, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from claimdiff import ingest

    def explode(data: bytes, path: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ingest, "read_html_file", explode)
    write("a.html", "<p>x</p>")
    write("b.txt", "B.")
    articles, (error,) = read_inputs(["a.html", "b.txt"])
    assert [a.path for a in articles] == ["b.txt"]
    assert error.path == "a.html" and "RuntimeError: boom" in error.reason
