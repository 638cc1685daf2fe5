"""Event types a claim reports (data/frames.yaml ``event_types``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ._data import literal_stems, load, search_stems
from ._scan import StemTable, scan


@dataclass(frozen=True)
class EventData:
    sure: tuple[tuple[str, re.Pattern[str]], ...]
    ambiguous: tuple[tuple[str, re.Pattern[str]], ...]
    context: re.Pattern[str]
    family: dict[str, str]
    # literal prefixes of each sure / ambiguous pattern (see literal_stems), by type name
    sure_stems: dict[str, tuple[str, ...] | None]
    ambiguous_stems: dict[str, tuple[str, ...] | None]
    context_stems: tuple[str, ...] | None  # of ``context``, for Scan.may_search
    sure_table: StemTable  # the prefilters of ``sure`` by index, from their stems
    ambiguous_table: StemTable


def _rx(pats: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(pats) + r")(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=1)
def event_data() -> EventData:
    raw = load("frames")
    types = raw["event_types"]
    sure_stems = {k: literal_stems(v["patterns"]) for k, v in types.items() if v.get("patterns")}
    ambiguous_stems = {
        k: literal_stems(v["ambiguous"]) for k, v in types.items() if v.get("ambiguous")
    }
    return EventData(
        sure=tuple((k, _rx(v["patterns"])) for k, v in types.items() if v.get("patterns")),
        ambiguous=tuple((k, _rx(v["ambiguous"])) for k, v in types.items() if v.get("ambiguous")),
        context=_rx(raw["context"]),
        family={k: str(v.get("family", k)) for k, v in types.items()},
        sure_stems=sure_stems,
        ambiguous_stems=ambiguous_stems,
        context_stems=search_stems("|".join(raw["context"])),
        sure_table=StemTable([(st, False) for st in sure_stems.values()]),
        ambiguous_table=StemTable([(st, False) for st in ambiguous_stems.values()]),
    )


def event_types_list() -> tuple[str, ...]:
    """Every event type name, in the data file's order."""
    return tuple(load("frames")["event_types"])


def event_family(name: str) -> str:
    """The family of an event type ("airstrike" -> "violence"); types of one family can
    describe one incident."""
    return event_data().family.get(name, name)


def find_event_types(text: str) -> set[str]:
    """The event types ``text`` reports: every sure pattern, and ambiguous ones in a claim about
    armed conflict, unless the ambiguous word lies inside another type's sure match."""
    ed = event_data()
    sc = scan(text)
    found = {ed.sure[k][0] for k in ed.sure_table.passing(sc) if ed.sure[k][1].search(text)}
    pending = [
        name
        for name, rx in map(ed.ambiguous.__getitem__, ed.ambiguous_table.passing(sc))
        if name not in found and rx.search(text)
    ]
    if pending and found:
        # "a rocket launched by an armed drone": the airstrike's words, not a shelling of their own.
        spans = [m.span() for name, rx in ed.sure if name in found for m in rx.finditer(text)]
        pending = [
            name
            for name, rx in ed.ambiguous
            if name in pending
            and any(
                not any(s <= m.start() and m.end() <= e for s, e in spans)
                for m in rx.finditer(text)
            )
        ]
    # A claim that already reports violence for sure is not using "attack" as rhetoric.
    if pending and (any(ed.family.get(f) == "violence" for f in found) or _context(text)):
        found.update(pending)
    return found


def _context(text: str) -> bool:
    """``text`` holds a word of armed conflict (data ``context``)."""
    ed = event_data()
    return scan(text).may_search(ed.context_stems) and ed.context.search(text) is not None


def is_violent(text: str, event_types: set[str] | tuple[str, ...]) -> bool:
    """The claim is about armed violence: a violence event type, or a conflict context word."""
    ed = event_data()
    return any(ed.family.get(e) == "violence" for e in event_types) or _context(text)
