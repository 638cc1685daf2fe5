"""One look at a claim text shared by the frame parts: its lower-cased form and which
of the parts' literal stems (see :func:`._data.literal_stems`) it holds.

Events, weapons, casualties, roles, place sites and times each skip patterns whose stems a text
lacks; finding all their stems in one pass, once per text (a claim's joined
content is usually its one span), is cheaper than each part testing its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ._data import StemIndex

# Characters that an IGNORECASE search matches to an ASCII letter but str.lower() does
# not turn into it (İ, dotless ı, long ſ; found by trying every code point): with one of
# them a lower-cased substring test may miss what the search finds.  Without them
# str.lower() also keeps every index and whether each character is a word character.
_ODD = re.compile("[\u0130\u0131\u017f]")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Scan:
    low: str  # the text lower-cased
    stems: frozenset[str]  # the parts' stems that are substrings of ``low``
    exact: bool  # no İ ı ſ: what an IGNORECASE search of the text finds, ``low`` holds
    digit: bool  # the text holds a ``\d`` character

    def may_match(self, stems: tuple[str, ...] | frozenset[str] | None) -> bool:
        """As ``_data.may_match(stems, low)``: the prefilter the parts always used."""
        return stems is None or not self.stems.isdisjoint(stems)

    def may_search(self, stems: tuple[str, ...] | frozenset[str] | None) -> bool:
        """Whether an IGNORECASE search for a pattern with these stems can match the text;
        unlike :meth:`may_match` never wrong, so it can stand before a search that had no
        prefilter."""
        return not self.exact or self.may_match(stems)


class StemTable:
    """The prefilters of a list of patterns, read for a scan at once: ``passing`` gives
    the indexes of the rows that :meth:`Scan.may_match` (``blind`` False) or
    :meth:`Scan.may_search` (``blind`` True) would pass, in order, from the few stems
    the text holds instead of a test per row."""

    def __init__(self, rows: Sequence[tuple[tuple[str, ...] | None, bool]]) -> None:
        self._always = frozenset(k for k, (stems, _) in enumerate(rows) if stems is None)
        self._blind = frozenset(
            k for k, (stems, blind) in enumerate(rows) if stems is not None and blind
        )
        by_stem: dict[str, set[int]] = {}
        for k, (stems, _) in enumerate(rows):
            for st in stems or ():
                by_stem.setdefault(st, set()).add(k)
        self._by_stem = {st: frozenset(ks) for st, ks in by_stem.items()}

    def passing(self, sc: Scan) -> list[int]:
        out = set(self._always) if sc.exact else self._always | self._blind
        for st in sc.stems:
            ks = self._by_stem.get(st)
            if ks is not None:
                out |= ks
        return sorted(out)


@lru_cache(maxsize=1)
def _index() -> StemIndex:
    """Every stem a part asks a scan about (a stem left out would never be found)."""
    # imported here: those modules import this one
    from .casualties import any_word_stems, gates
    from .events import event_data
    from .places import gazetteer
    from .roles import role_data
    from .times import TIME_STEMS
    from .weapons import weapon_data

    ed, wd = event_data(), weapon_data()
    groups = [
        *ed.sure_stems.values(),
        *ed.ambiguous_stems.values(),
        ed.context_stems,
        *wd.stems,
        any_word_stems(),
        *vars(gates()).values(),
        gazetteer().site_stems,
        *wd.search_stems,
        *(r.stems for r in role_data().rules),
        TIME_STEMS,
    ]
    return StemIndex(s for g in groups if g for s in g)


@lru_cache(maxsize=64)
def scan(text: str) -> Scan:
    """The scan of ``text``, cached: the parts of one claim look at the same texts."""
    low = text.lower()
    return Scan(
        low=low,
        stems=_index().present(low),
        exact=text.isascii() or _ODD.search(text) is None,
        digit=_DIGIT.search(text) is not None,
    )
