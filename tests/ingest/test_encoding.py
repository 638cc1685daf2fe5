from __future__ import annotations

import codecs
import random

import pytest

from claimdiff.errors import BinaryInputError, DecodeError, EmptyInputError, InputFileError
from claimdiff.ingest import read_inputs
from claimdiff.ingest.encoding import decode

from .conftest import Write

QUOTE = "“We estimate more than 100 were killed,” the official said — it’s true.\n"
FRENCH = "Le café était fermé à Alep, a déclaré le ministère.\n"
RUSSIAN = "Представитель коалиции заявил, что силы режима первыми открыли огонь у контрольно-пропускного пункта.\n"

DECODES: list[tuple[str, bytes, str]] = [
    ("utf-8", QUOTE.encode("utf-8"), QUOTE),
    ("utf-8 with BOM", codecs.BOM_UTF8 + QUOTE.encode("utf-8"), QUOTE),
    ("utf-16 LE with BOM", codecs.BOM_UTF16_LE + QUOTE.encode("utf-16-le"), QUOTE),
    ("utf-16 BE with BOM", codecs.BOM_UTF16_BE + QUOTE.encode("utf-16-be"), QUOTE),
    ("utf-32 with BOM", codecs.BOM_UTF32_LE + QUOTE.encode("utf-32-le"), QUOTE),
    (
        "utf-16 LE without BOM",
        "Plain ASCII in UTF-16.\n".encode("utf-16-le"),
        "Plain ASCII in UTF-16.\n",
    ),
    ("latin-1", FRENCH.encode("latin-1"), FRENCH),
    # 0x93/0x94/0x97/0x92 are curly quotes and a dash, not C1 controls.
    ("cp1252 curly quotes", QUOTE.encode("cp1252"), QUOTE),
    ("cp1252 one word", "It’s".encode("cp1252"), "It’s"),
    ("cp1251 (detected)", RUSSIAN.encode("cp1251"), RUSSIAN),
    ("CRLF", b"line one\r\nline two\r\n", "line one\nline two\n"),
    ("CR", b"line one\rline two\r", "line one\nline two\n"),
    ("CRLF in utf-16", codecs.BOM_UTF16_LE + "a\r\nb".encode("utf-16-le"), "a\nb"),
    (
        "nbsp and dashes kept",
        "CNN\u00a0—\u00a0Text\u2009–\u202fmore".encode(),
        "CNN\u00a0—\u00a0Text\u2009–\u202fmore",
    ),
    (
        "mostly UTF-8 with stray cp1252 bytes",
        "“Quote” and".encode() + " café “x”".encode("cp1252"),
        "“Quote” and café “x”",
    ),
    ("no unicode normalisation", "cafe\u0301 vs caf\u00e9".encode(), "cafe\u0301 vs caf\u00e9"),
]


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in DECODES], ids=[c[0] for c in DECODES]
)
def test_decode(data: bytes, expected: str) -> None:
    text, _ = decode(data)
    assert text == expected
    assert "\ufeff" not in text and "\r" not in text


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.csv", "a.jsonl", "a.json"])
def test_mixed_encoding_is_a_warning(write: Write, name: str) -> None:
    text = "“Quote” and".encode() + " café.".encode("cp1252")
    content = {
        "a.txt": text,
        "a.html": b"<html><body><p>" + text + b"</p></body></html>",
        "a.csv": b"text\n" + text + b"\n",
        "a.jsonl": b'{"text": "' + text + b'"}\n',
        "a.json": b'[{"text": "' + text + b'"}]',
    }[name]
    (article,), errors = read_inputs([write(name, content)])
    assert errors == []
    assert "“Quote” and café." in article.text
    assert any("mostly UTF-8" in w for w in article.warnings)


def test_declared_encoding_is_used_when_not_utf8() -> None:
    data = "Ελληνικά νέα".encode("iso-8859-7")
    assert decode(data, declared="iso-8859-7")[0] == "Ελληνικά νέα"


def _noise() -> bytes:
    # No NUL (that would be "binary"), and bytes cp1252 does not define.
    return random.Random(0).randbytes(4000).replace(b"\x00", b"\x81")


FAILS: list[tuple[str, bytes, type[InputFileError], str]] = [
    ("empty", b"", EmptyInputError, "empty"),
    ("whitespace", b" \n\t\r\n ", EmptyInputError, "empty"),
    ("BOM only", codecs.BOM_UTF8 + b"\n", EmptyInputError, "empty"),
    ("PNG", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", BinaryInputError, "NUL"),
    ("control characters", b"\x01\x02\x03\x04\x05 abc \x06\x07\x08", BinaryInputError, "control"),
    ("bad bytes after a UTF-8 BOM", codecs.BOM_UTF8 + b"ok \xff\xfe\xfd", DecodeError, "UTF-8"),
    ("noise", _noise(), DecodeError, "encoding"),
]


@pytest.mark.parametrize(
    ("data", "error", "words"), [c[1:] for c in FAILS], ids=[c[0] for c in FAILS]
)
def test_decode_failures(data: bytes, error: type[InputFileError], words: str) -> None:
    with pytest.raises(error) as info:
        decode(data)
    assert words in info.value.reason


@pytest.mark.parametrize(
    ("data", "expected"), [c[1:] for c in DECODES], ids=[c[0] for c in DECODES]
)
def test_every_encoding_through_read_inputs(write: Write, data: bytes, expected: str) -> None:
    path = write("article.txt", data)
    articles, errors = read_inputs([path])
    assert errors == []
    assert [a.text for a in articles] == [expected]
