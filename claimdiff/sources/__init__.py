"""The source registry: canonical sources, their aliases and parties.

The default registry is data (``data/registry.yaml``); a user file given with
``--sources`` adds entries or replaces entries with the same id.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError
from ..models import Source

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces."""
    return _WS.sub(" ", text.replace("’", "'").replace("‘", "'")).strip()


def slug(text: str) -> str:
    """An id from a name: accents folded ("Kané" -> "kane"), lower case, dashes."""
    folded = unicodedata.normalize("NFKD", normalise(text))
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    s = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return s[:60] or "x"


def _pattern(alias: str) -> tuple[re.Pattern[str], bool]:
    # Acronyms match case-sensitively: "US" is not "us", "UN" is not "un".
    acronym = alias.replace(".", "").replace("-", "").isupper() and len(alias) <= 6
    body = re.escape(normalise(alias)).replace(r"\ ", r"\s+")
    flags = 0 if acronym else re.IGNORECASE
    return re.compile(r"(?<![\w-])" + body + r"(?![\w-])", flags), acronym


_NAME_WORD = re.compile(r"([A-Z][\w'’-]*)\s+$")
# Capitalised words before a one-word alias that still leave it a mention of
# the registered body ("The Observatory", "Monday Observatory ...").
_NOT_A_NAME_PART = frozenset({"The", "A", "An", "This", "That", "Its", "Their", "Our"})


def _inside_longer_name(text: str, start: int) -> bool:
    """The word at ``start`` ends another proper name: a capitalised word stands
    before it ("Observatory" in "the Delta Rights Observatory")."""
    m = _NAME_WORD.search(text, max(0, start - 40), start)
    return m is not None and m.group(1) not in _NOT_A_NAME_PART


def _earliest_longest(
    patterns: list[tuple[re.Pattern[str], str]], text: str, common: frozenset[int] = frozenset()
) -> tuple[int, int, str] | None:
    """The value of the pattern matching earliest in ``text``, longest on a tie.
    Patterns in ``common`` (ordinary-noun aliases, by id) never match as the last
    word of another proper name."""
    best: tuple[int, int, str] | None = None
    for pat, value in patterns:
        m = pat.search(text)
        while m is not None and id(pat) in common and _inside_longer_name(text, m.start()):
            m = pat.search(text, m.end())
        if m and (best is None or (m.start(), best[1] - m.end()) < (best[0], 0)):
            best = (m.start(), m.end(), value)
    return best


_WORD = re.compile(r"\w+")


def _first_word(alias: str) -> str | None:
    m = _WORD.search(normalise(alias).lower())
    return m.group(0) if m else None


_FirstWords = tuple[list[int], dict[str, list[int]]]


def _first_words(firsts: list[str | None]) -> _FirstWords:
    """Positions of the patterns with no first word, and of the others by first word."""
    none: list[int] = []
    by_word: dict[str, list[int]] = {}
    for k, w in enumerate(firsts):
        if w is None:
            none.append(k)
        else:
            by_word.setdefault(w, []).append(k)
    return none, by_word


def _candidates(
    patterns: list[tuple[re.Pattern[str], str]], index: _FirstWords, text: str
) -> list[tuple[re.Pattern[str], str]]:
    """The patterns whose first word occurs in ``text``, in their order: an alias
    cannot match where its first word is missing, and most mentions ("he", "the
    official") hold none of the hundreds of names, so they are never searched.
    ``index`` is :func:`_first_words` of the patterns' first words: a mention's few
    words are looked up, rather than every pattern tested."""
    none, by_word = index
    words = set(_WORD.findall(text.lower()))
    hits = [k for w in words for k in by_word.get(w, ())]
    return [patterns[k] for k in sorted(none + hits)]


@dataclass(frozen=True)
class Match:
    source: Source
    start: int
    end: int


class Registry:
    def __init__(
        self,
        entries: list[dict[str, Any]],
        party_cues: dict[str, list[str]],
        common_nouns: list[str] | None = None,
        scope: dict[str, Any] | None = None,
    ) -> None:
        self.sources: dict[str, Source] = {}
        # Generic words of the default entries ("rebels", "the coalition", "government
        # forces") name a side of the registry's conflict only in coverage of that
        # conflict: in an article with none of the scope words they are not read.
        scope = scope or {}
        words = [str(w) for w in scope.get("words", [])]
        # A lookahead for the words' first letters (the same matches) lets most positions
        # of an article fail on one test instead of trying every word.
        first = "".join(sorted({re.escape(w[0]) for w in words})) if all(words) else ""
        ahead = rf"(?=[{first}])" if first else ""
        self._scope_re = (
            re.compile(r"\b" + ahead + "(?:" + "|".join(re.escape(w) for w in words) + r")\b")
            if words
            else None
        )
        self._scoped_aliases = frozenset(
            normalise(str(a)).lower() for a in scope.get("aliases", [])
        )
        self._scoped_cues = frozenset(
            normalise(str(a)).lower() for a in scope.get("party_cues", [])
        )
        self._scoped: set[int] = set()  # ids of the scoped (pattern, id) entries
        self._fallback = [
            (_pattern(str(cue))[0], str(party), _first_word(str(cue)))
            for party, cues in (scope.get("fallback_party_cues") or {}).items()
            for cue in cues
        ]
        self._views: dict[bool, Registry] = {}  # for_text's two answers, by "descoped"
        self._last: tuple[str, bool, Registry] | None = None  # for_text's last question and answer
        self._pinned = False  # a view for_text gave: reads every text the same way
        # Aliases that are ordinary nouns ("coalition", "Observatory"): the ids of
        # their patterns, which never match inside another name.
        self.common_nouns = frozenset(w.lower() for w in common_nouns or ())
        self._common: set[int] = set()
        self.channels: set[str] = set()
        self._aliases: list[tuple[re.Pattern[str], str]] = []
        self._party: list[tuple[re.Pattern[str], str]] = []
        # the first word of each alias / party cue, for _candidates
        self._alias_firsts: list[str | None] = []
        self._party_firsts: list[str | None] = []
        # _first_words of a firsts list, by the list's id, with the list and its
        # length: the lists only grow or are replaced, so a stale entry shows.
        self._first_index: dict[int, tuple[list[str | None], int, _FirstWords]] = {}
        for e in entries:
            self._add(e, default=True)
        for party, cues in party_cues.items():
            for cue in cues:
                self._add_party_cue(str(cue), party, default=True)

    def _add(self, e: dict[str, Any], default: bool = False) -> None:
        self._views, self._last, self._first_index = {}, None, {}
        sid = str(e["id"])
        aliases = tuple(str(a) for a in e.get("aliases", []))
        src = Source(
            id=sid,
            name=str(e.get("name", sid)),
            party=str(e.get("party", "unknown")),
            kind=str(e.get("kind", "unknown")),
            aliases=aliases,
        )
        kept = [k for k, (_, i) in enumerate(self._aliases) if i != sid]
        self._aliases = [self._aliases[k] for k in kept]
        self._alias_firsts = [self._alias_firsts[k] for k in kept]
        # Entries dropped above must not leave their ids behind: a new entry may reuse one.
        self._scoped &= {id(x) for x in self._aliases} | {id(x) for x in self._party}
        self.sources[sid] = src
        if e.get("channel"):
            self.channels.add(sid)
        else:
            self.channels.discard(sid)
        for a in (src.name, *aliases):
            pat = _pattern(a)[0]
            if normalise(a).lower() in self.common_nouns:
                self._common.add(id(pat))
            entry = (pat, sid)
            if default and normalise(a).lower() in self._scoped_aliases:
                self._scoped.add(id(entry))  # the entry: equal patterns are one object
            self._aliases.append(entry)
            self._alias_firsts.append(_first_word(a))

    def _add_party_cue(self, cue: str, party: str, default: bool = False) -> None:
        self._views, self._last, self._first_index = {}, None, {}
        entry = (_pattern(cue)[0], party)
        if default and normalise(cue).lower() in self._scoped_cues:
            self._scoped.add(id(entry))
        self._party.append(entry)
        self._party_firsts.append(_first_word(cue))

    def for_text(self, text: str, in_scope: bool = False) -> Registry:
        """The registry to read ``text`` with. When the text is about the default
        registry's conflict (it has a scope word, or ``in_scope``: most of its corpus
        does), all of it; else a copy without its scoped generic words, so that "the
        rebels" of another war are nobody's side rather than the wrong one. Either
        answer reads every text the same way (asking it again changes nothing)."""
        if self._pinned:
            return self
        last = self._last
        if last is not None and last[0] is text and last[1] == in_scope:
            return last[2]  # the claims of one article ask again and again
        keep_all = in_scope or self._scope_re is None or not self._scoped or self.in_scope(text)
        view = self._view(descoped=not keep_all)
        self._last = (text, in_scope, view)
        return view

    def in_scope(self, text: str) -> bool:
        """``text`` mentions the default registry's conflict (one of its scope words)."""
        return self._scope_re is not None and self._scope_re.search(text) is not None

    def corpus_in_scope(self, texts: list[str]) -> bool:
        """Most of a corpus is about the default registry's conflict: its texts that
        name no place of it are read as part of that coverage too."""
        return bool(texts) and 2 * sum(self.in_scope(t) for t in texts) >= len(texts)

    def _view(self, *, descoped: bool) -> Registry:
        cached = self._views.get(descoped)
        if cached is not None:
            return cached
        d = copy.copy(self)
        d._pinned, d._last, d._views, d._first_index = True, None, {}, {}
        if descoped:
            keep = [k for k, e in enumerate(self._aliases) if id(e) not in self._scoped]
            d._aliases = [self._aliases[k] for k in keep]
            d._alias_firsts = [self._alias_firsts[k] for k in keep]
            keep = [k for k, e in enumerate(self._party) if id(e) not in self._scoped]
            d._party = [self._party[k] for k in keep] + [
                (p, party) for p, party, _ in self._fallback
            ]
            d._party_firsts = [self._party_firsts[k] for k in keep] + [
                f for _, _, f in self._fallback
            ]
        self._views[descoped] = d
        return d

    @classmethod
    def load(cls, extra: str | Path | None = None) -> Registry:
        raw = yaml.safe_load(
            resources.files("claimdiff.sources").joinpath("data/registry.yaml").read_text("utf-8")
        )
        reg = cls(
            raw["sources"],
            raw.get("party_cues", {}),
            raw.get("common_noun_aliases", []),
            raw.get("scope"),
        )
        if extra is not None:
            reg.extend(Path(extra))
        return reg

    def extend(self, path: Path) -> None:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("sources file not found", path=str(path)) from None
        except yaml.YAMLError as e:
            line = getattr(getattr(e, "problem_mark", None), "line", None)
            where = f" (line {line + 1})" if line is not None else ""
            raise ConfigError(f"not valid YAML{where}: {e}", path=str(path)) from None
        entries = data.get("sources") if isinstance(data, dict) else data
        if not isinstance(entries, list):
            raise ConfigError("expected a list of sources (or a 'sources:' list)", path=str(path))
        for k, e in enumerate(entries):
            if not isinstance(e, dict) or "id" not in e:
                raise ConfigError(f"source entry {k + 1} has no 'id'", path=str(path))
            self._add(e)
        cues = data.get("party_cues", {}) if isinstance(data, dict) else {}
        for party, words in cues.items():
            for w in words:
                self._add_party_cue(str(w), party)

    def match(self, text: str) -> Match | None:
        """The registered source named in ``text``: earliest, then longest."""
        text = normalise(text)
        found = _candidates(self._aliases, self._indexed(self._alias_firsts), text)
        best = _earliest_longest(found, text, frozenset(self._common))
        return Match(self.sources[best[2]], best[0], best[1]) if best else None

    def party_of(self, text: str) -> str | None:
        """The side a description points to ("a Syrian military source")."""
        text = normalise(text)
        found = _candidates(self._party, self._indexed(self._party_firsts), text)
        best = _earliest_longest(found, text)
        return best[2] if best else None

    def _indexed(self, firsts: list[str | None]) -> _FirstWords:
        """:func:`_first_words` of ``firsts``, built once per list (and length)."""
        hit = self._first_index.get(id(firsts))
        if hit is None or hit[0] is not firsts or hit[1] != len(firsts):
            hit = self._first_index[id(firsts)] = (firsts, len(firsts), _first_words(firsts))
        return hit[2]

    def is_channel(self, source_id: str) -> bool:
        return source_id in self.channels
