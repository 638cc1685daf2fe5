"""Guards against false alarms that every aspect shares.

- the same side restating itself is never a contradiction (``common.may_compare``);
- an outlet paraphrasing its own source is not a second side (``common.may_compare``);
- figures about different times (a 2018 troop count and a 2020 one) are not
  compared: :func:`different_times`;
- weapons and tolls told for different places (an air raid on one
  town, the rocket fire on a village across the front that answered it) are not
  compared: :func:`different_places` (where they happened is the location
  aspect's question, which compares one named town with another);
- a distance is compared in kilometres, with rounding slack: :func:`same_distance`;
- casualty figures are compared only within one category and victim group, an
  update is not a contradiction, a cumulative count is not an incident's toll
  (see casualties.py).
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from functools import lru_cache

from ..models import Claim

_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")

# "16 km" and "ten miles" (16.1 km) are one distance; reporters round.
DISTANCE_REL_TOLERANCE = 0.25
DISTANCE_ABS_TOLERANCE_KM = 1.5


def years(claim: Claim) -> frozenset[str]:
    """The years a claim is about: its normalised times, else years written in it."""
    found = {t.value[:4] for t in claim.times if t.value}
    if not found:
        found = set(_YEAR.findall(claim.content_text))
    return frozenset(found)


def different_times(a: Claim, b: Claim) -> bool:
    """Both claims say when, and no year is shared: not the same moment."""
    ya, yb = years(a), years(b)
    return bool(ya and yb and not ya & yb)


def place_names(claims: list[Claim]) -> re.Pattern[str] | None:
    """The specific places the claims name, as one pattern: a claim naming one of them
    bare ("a shell fell on a house in X") is told there too, though its own frames missed
    it (the parser's NER knows few village names; "the village of X" names it once)."""
    from ..incidents.frames import is_broad_place

    names = sorted(
        {p for c in claims for p in c.places if not is_broad_place(p)}, key=len, reverse=True
    )
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


# The run's place names (place_names over every claim), set by compare.find_contradictions.
# Run-wide on purpose: "the village of X" often stands in another incident's article
# than the one naming X bare; a new article can so remove a finding, never add one.
KNOWN_PLACES: ContextVar[re.Pattern[str] | None] = ContextVar("known_places", default=None)


def different_places(a: Claim, b: Claim) -> bool:
    """Both claims say where, at places that are not the same nor one inside the other:
    two events of the incident, not two accounts of one. A place the run's claims name
    elsewhere (``KNOWN_PLACES``) counts where a claim names it bare."""
    from ..incidents.frames import place_relation

    return place_relation(*_where(a), *_where(b)) < 0


def _where(c: Claim) -> tuple[frozenset[str], frozenset[str]]:
    """(specific places, with their areas) the claim tells its event at, reading the
    run's place names (``KNOWN_PLACES``) in its words."""
    from ..incidents.frames import event_places, place_sets

    known = KNOWN_PLACES.get()
    more = _named_in(c.content_text, known) if known else ()
    return place_sets(event_places(c, more))


@lru_cache(maxsize=4096)
def _named_in(text: str, known: re.Pattern[str]) -> tuple[str, ...]:
    """The run's place names in ``text`` (a claim is paired with many others)."""
    return tuple(m.group(0) for m in known.finditer(text))


def one_place_or_day(a: Claim, b: Claim) -> bool:
    """Something ties the two claims to one event: a specific place both name (read as
    :func:`different_places` reads it) or a day both give."""
    from ..incidents.frames import claim_days, place_relation

    if place_relation(*_where(a), *_where(b)) > 0:
        return True
    return bool(set(claim_days(a)) & set(claim_days(b)))


def same_distance(km_a: float, km_b: float) -> bool:
    diff = abs(km_a - km_b)
    return diff <= DISTANCE_ABS_TOLERANCE_KM or diff <= DISTANCE_REL_TOLERANCE * max(km_a, km_b)
