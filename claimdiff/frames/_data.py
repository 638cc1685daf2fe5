"""Loading the frames' YAML data files, once per process."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> Any:
    """The parsed ``data/<name>.yaml`` of this package."""
    text = resources.files("claimdiff.frames").joinpath(f"data/{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal ``words``, longest first (so the longest wins at a
    position), a space matching any run of whitespace."""
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)
    )


_META = set("\\()[]{}?*+.|^$")


def _top_level(s: str) -> list[tuple[int, str]]:
    """``(index, character)`` of the characters of regex ``s`` outside escapes and
    character classes, with their group depth folded in: only depth-0 characters and
    the parentheses that open and close depth-0 groups are listed."""
    out, depth, i = [], 0, 0
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            i = s.index("]", i + 2) + 1  # "[]...]" and "[^]...]" hold a literal "]"
            continue
        if ch == ")":
            depth -= 1
        if depth == 0:
            out.append((i, ch))
        if ch == "(":
            depth += 1
        i += 1
    return out


def _split_top(s: str) -> list[str]:
    """The top-level alternatives of a regex fragment ("a|(?:b|c)d" -> ["a", "(?:b|c)d"])."""
    cuts = [i for i, ch in _top_level(s) if ch == "|"]
    return [s[a + 1 : b] for a, b in zip([-1, *cuts], [*cuts, len(s)], strict=True)]


def _stems(p: str, *, through_optional: bool = False, min_len: int = 3) -> set[str] | None:
    """Lower-case literal prefixes one of which every match of ``p`` starts with, or None
    when the pattern's start is not literal enough to say (then it is always searched).
    ``through_optional``: also through a leading optional group ("(?:armed )?drones?":
    the group's stems and "drone"); ``min_len``: the shortest stem that counts."""
    if p.startswith("(?:"):
        j = next(i for i, ch in _top_level(p) if ch == ")")  # the group's end
        quant = p[j + 1 : j + 2]
        if quant in ("*", "{") or (quant == "?" and not through_optional):
            return None  # the match may start after the group
        out: set[str] = set()
        for alt in [*_split_top(p[3:j]), *([p[j + 2 :]] if quant == "?" else [])]:
            st = _stems(alt, through_optional=through_optional, min_len=min_len)
            if st is None:
                return None
            out |= st
        return out
    stem = ""
    for ch in p:
        if ch in _META:
            if ch in "?*{" and stem:
                stem = stem[:-1]  # the last character is optional
            break
        stem += ch
    return {stem.lower()} if len(stem) >= min_len else None


def literal_stems(patterns: Iterable[str]) -> tuple[str, ...] | None:
    """Literal prefixes for a pattern made of ``patterns`` as alternatives: a text that
    contains none of them (lower-cased) cannot match, so the search can be skipped."""
    out: set[str] = set()
    for p in patterns:
        s = _stems(p)
        if s is None:
            return None
        out |= s
    return tuple(sorted(out))


def may_match(stems: tuple[str, ...] | None, low: str) -> bool:
    """Whether a text (``low``: lower-cased) can match a pattern with these stems."""
    return stems is None or any(s in low for s in stems)


def search_stems(pattern: str) -> tuple[str, ...] | None:
    """Literal prefixes of an IGNORECASE search of ``pattern`` (an alternation, no
    lookaround at its start) that had no prefilter, for ``_scan.Scan.may_search``:
    None unless every alternative has some and all are ASCII (for which a lower-cased
    substring test is exact)."""
    out: set[str] = set()
    for alt in _split_top(pattern):
        s = _stems(alt, through_optional=True, min_len=2)  # two letters: "VX"
        if s is None or not all(x.isascii() for x in s):
            return None
        out |= s
    return tuple(sorted(out))


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words`` (literal), nested by shared prefixes so that the
    search tries one branch per next character, and the longest word at a position wins."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


class StemIndex:
    """Which of many literal stems a lower-cased text holds, in one regex pass.

    Exactly ``{s for s in stems if s in low}``; a ``s in low`` test per stem made
    the stem prefilters most of the time they saved on larger texts.
    """

    def __init__(self, stems: Iterable[str]) -> None:
        words = sorted(set(stems))
        self._rx = re.compile(_trie_regex(words) if words else r"(?!x)x")
        # the stems found where a longer stem starts: its prefixes among the stems
        self._prefixes = {w: frozenset(o for o in words if w.startswith(o)) for w in words}

    def present(self, low: str) -> frozenset[str]:
        """The stems that are substrings of ``low``."""
        found: set[str] = set()
        m = self._rx.search(low)
        while m is not None:  # every start position, not only non-overlapping matches
            found |= self._prefixes[m.group()]
            m = self._rx.search(low, m.start() + 1)
        return frozenset(found)
