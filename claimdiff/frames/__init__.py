"""Claim frames: what kind of event a claim reports, who did what to whom,
how many were hurt, where and when.

One module per part, each pattern-based over the claim's content spans and
the article's parse, with its words and gazetteers as data (data/*.yaml):

- :mod:`.events`      event_types (snake_case names documented in data/frames.yaml)
- :mod:`.roles`       roles: initiator / responder / target, actor, actor's party
- :mod:`.casualties`  casualties: category, victim group, interval, conservative figure
- :mod:`.places`      places: gazetteer (data/places.yaml) + spaCy NER
- :mod:`.distances`   distances in km
- :mod:`.times`       times, anchored to the article's publication date when known
- :mod:`.weapons`     weapons named for the event, by kind (data/weapons.yaml), and whose
                      they are: response or not, user and target party

Patterns are compiled once per process; per claim the work is a few passes
over its content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from ..models import Article, Casualty, Claim, Distance, Role, Source, TimeRef, Weapon
from ..sources import Registry
from .casualties import find_casualties, group_ancestors, victim_group
from .distances import find_distances
from .events import event_data, event_family, event_types_list, find_event_types, is_violent
from .places import find_places, governorate_of, place_info
from .roles import NON_BELLIGERENT, find_roles
from .times import find_times
from .weapons import find_weapons, weapon_group, weapon_kinds, weapon_uses

__all__ = [
    "add_frames",
    "event_family",
    "event_types_list",
    "find_casualties",
    "find_distances",
    "find_event_types",
    "find_places",
    "find_roles",
    "find_times",
    "find_weapons",
    "governorate_of",
    "group_ancestors",
    "is_violent",
    "load_patterns",
    "place_info",
    "place_parents",
    "victim_group",
    "weapon_group",
    "weapon_kinds",
    "weapon_uses",
]


def add_frames(
    claim: Claim,
    doc: Doc | None,
    source: Source,
    registry: Registry,
    article: Article | None = None,
) -> Claim:
    """The claim with event types, roles, casualties, places, times, distances and weapons filled in.

    ``article`` gives the publication date that relative times are anchored to;
    without it times stay relative.  A part that fails on odd text is left
    empty and noted in the claim's warnings; the others are still filled.
    """
    if article is not None:
        registry = registry.for_text(article.text)
    spans = [(s.start, s.text) for s in claim.content] or [
        (claim.sentence.start, claim.sentence.text)
    ]
    text = " … ".join(t for _, t in spans)
    warnings: list[str] = []
    own_party = source.party if source.party not in NON_BELLIGERENT else None

    def safe(part: str, fn, default):  # type: ignore[no-untyped-def]
        try:
            return fn()
        except Exception as e:  # noqa: BLE001 - one odd sentence must not stop a corpus
            warnings.append(f"frames: {part} skipped ({type(e).__name__}: {e})")
            return default

    casualties: list[Casualty] = safe(
        "casualties",
        lambda: [c for o, t in spans for c in find_casualties(t, o, registry, own_party)],
        [],
    )
    events: set[str] = safe("event types", lambda: find_event_types(text), set())
    if casualties:
        events.add("casualties")
    violent: bool = safe("event types", lambda: is_violent(text, tuple(events)), False)
    roles: list[Role] = safe("roles", lambda: find_roles(spans, doc, source, registry, violent), [])
    places: tuple[str, ...] = safe("places", lambda: find_places(spans, doc), ())
    published = article.published if article is not None else None
    times: list[TimeRef] = safe(
        "times", lambda: [t for o, s in spans for t in find_times(s, o, published)], []
    )
    distances: list[Distance] = safe(
        "distances", lambda: [d for o, s in spans for d in find_distances(s, o)], []
    )
    weapons: list[Weapon] = safe(
        "weapons", lambda: [w for o, s in spans for w in find_weapons(s, o)], []
    )
    order = _event_order()
    framed = replace(
        claim,
        event_types=tuple(sorted(events, key=lambda e: order.get(e, len(order)))),
        roles=tuple(roles),
        casualties=tuple(casualties),
        places=places,
        times=tuple(times),
        distances=tuple(distances),
        weapons=tuple(weapons),
        warnings=claim.warnings + tuple(warnings),
    )
    # Whose weapons they are needs the roles above and the run's registry.
    n_warnings = len(warnings)
    used: tuple[Weapon, ...] = safe(
        "weapon uses", lambda: weapon_uses(framed, source, registry), framed.weapons
    )
    if used == framed.weapons and len(warnings) == n_warnings:
        return framed  # nothing changed (most claims name no weapon): no second copy
    return replace(framed, weapons=used, warnings=claim.warnings + tuple(warnings))


@lru_cache(maxsize=1)
def _event_order() -> dict[str, int]:
    """Event type name -> its place in the data file, to sort a claim's types."""
    return {name: k for k, name in enumerate(event_types_list())}


def place_parents(name: str) -> tuple[str, ...]:
    """The wider areas a gazetteer place lies in (its governorate), nearest first."""
    info = place_info(name)
    if info is None or info.kind == "governorate":
        return ()
    gov = info.governorate
    return (gov,) if gov and gov != name else ()


@dataclass(frozen=True)
class FramePatterns:
    """Compiled event patterns by type, for code that points at event words."""

    events: tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=1)
def load_patterns() -> FramePatterns:
    ed = event_data()
    return FramePatterns(events=ed.sure + ed.ambiguous)
