"""Bytes -> the decoded text that every offset in claimdiff indexes.

Order of trust: a byte order mark, then strict UTF-8, then an encoding the
document declares (HTML ``<meta charset>``), then Windows-1252 when the bytes
read as plausible Western text, then charset-normalizer. Windows-1252 comes
before charset-normalizer because on short Western news text the detector
often picks a Mac or Central European code page ("café" -> "cafť"), and
because Latin-1 files from published datasets are nearly always really
cp1252: bytes 0x80-0x9F are curly quotes and dashes there, C1 controls in
Latin-1.

The only changes made to the text are: the BOM is removed and CRLF / CR line
ends become LF. Nothing else (no Unicode normalisation, no whitespace
clean-up), so quotes, non-breaking spaces and dashes stay as published.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from ..errors import BinaryInputError, DecodeError, EmptyInputError

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# UTF-8 with a few stray bytes from another encoding: common in scraped
# datasets that were concatenated or edited in a legacy editor.
MIXED_UTF8 = "utf-8+cp1252"
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)

# Labels that browsers (WHATWG) also read as windows-1252.
_CP1252_LABELS = {"latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1", "ascii", "us-ascii"}

# Control characters allowed in text; any other share above this is binary.
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
_MAX_CONTROL_SHARE = 0.02
# Western text has few accented letters; more means the bytes are probably
# in another script's code page and cp1252 would turn them into mojibake.
_MAX_NON_ASCII_LETTER_SHARE = 0.3


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR -> LF: offsets must not depend on the platform a file came from."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``.

    Raises :class:`EmptyInputError`, :class:`BinaryInputError` or
    :class:`DecodeError` (without a path; the caller adds it).
    """
    if not data:
        raise EmptyInputError("file is empty (0 bytes)")
    if not data.strip():
        raise EmptyInputError("file is empty (only whitespace)")
    text, encoding = _decode(data, declared)
    # A BOM that survived a codec without BOM handling (or a doubled one).
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise EmptyInputError("file is empty (only whitespace)")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(f"not a text file (many control characters when read as {encoding})")
    return normalise_newlines(text), encoding


def _decode(data: bytes, declared: str | None) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as e:
                raise DecodeError(
                    f"starts with a {encoding.upper()} byte order mark but is not valid "
                    f"{encoding.upper()} at byte {e.start + len(bom)}"
                ) from None
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise BinaryInputError("not a text file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed, MIXED_UTF8
    if declared:
        codec = _codec_name(declared)
        if codec is not None:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                pass  # a wrong declaration is common; detect instead
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None and _plausible_western(western):
        return western, "cp1252"
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("cannot tell the text encoding (not UTF-8, and no encoding fits)")
    return str(best), best.encoding


def encoding_warnings(encoding: str) -> list[str]:
    """What a reader should be told about how its file was decoded."""
    if encoding == MIXED_UTF8:
        return ["mostly UTF-8, with some bytes in another encoding (read as Windows-1252)"]
    return []


def _stray_as_cp1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    stray = error.object[error.start : error.end]
    return stray.decode("cp1252", errors="replace"), error.end


codecs.register_error("claimdiff-cp1252", _stray_as_cp1252)


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 with stray bytes read as cp1252, when UTF-8 dominates.

    Real cp1252 text almost never forms a valid multi-byte UTF-8 sequence
    (an accented letter followed by one or two symbols), so valid sequences
    numbering at least half the stray bytes mean UTF-8 with strays.
    """
    sequences = _UTF8_MULTIBYTE.findall(data)
    if not sequences:
        return None
    high = sum(1 for byte in data if byte > 0x7F)
    stray = high - sum(len(s) for s in sequences)
    if 2 * len(sequences) < stray:
        return None
    return data.decode("utf-8", errors="claimdiff-cp1252")


def _codec_name(label: str) -> str | None:
    label = label.strip().lower()
    if label in _CP1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: mostly-ASCII text has NUL in every other byte."""
    if len(data) % 2:
        return None
    for encoding, nul_at in (("utf-16-le", 1), ("utf-16-be", 0)):
        half = data[nul_at::2]
        if half.count(0) >= 0.9 * len(half):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return (text, encoding) if _control_share(text) <= _MAX_CONTROL_SHARE else None
    return None


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    n = sum(1 for c in text if c not in _TEXT_CONTROLS and unicodedata.category(c) == "Cc")
    return n / len(text)


def _plausible_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return True
    non_ascii = sum(1 for c in letters if ord(c) > 0x7F)
    return non_ascii / len(letters) <= _MAX_NON_ASCII_LETTER_SHARE
