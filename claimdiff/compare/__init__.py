"""Contradiction detection between the sides speaking about one incident.

One module per aspect; each detector takes an incident, its claims and the
sources, and returns findings (``Contradiction``) whose ids depend on the
incident, the aspect and the sides, never on claim order.  Shared guards are
in guards.py and common.py, explanation wording in explain.py; word lists in
data/compare.yaml.  See docs/contradictions.md.

A denial can be read by more than one aspect: "denied using chemical weapons"
against "a chemical attack killed 20" is a denied weapon and a denied event.
Such findings on the same claims are one flag (:func:`merge_denials`).  Findings
of one incident that tell the same dispute between other sources (the same
weapons, dates, figures or denied event on each side) are one flag too
(merge.py, :func:`merge_disputes`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..models import Claim, Contradiction, Incident, Source
from .casualties import find_casualty_conflicts
from .confirmation import find_confirmation_conflicts
from .guards import KNOWN_PLACES, place_names
from .identity import find_denied_responsibility
from .initiator import find_initiator_conflicts
from .location import find_location_conflicts
from .merge import merge_disputes, merge_readers
from .sequence import find_sequence_conflicts
from .time import find_time_conflicts
from .weapons import find_weapon_conflicts

log = logging.getLogger(__name__)

Detector = Callable[[Incident, list[Claim], dict[str, Source]], list[Contradiction]]

DETECTORS: tuple[Detector, ...] = (
    find_initiator_conflicts,  # also identity: who attacked, when both name a third party
    find_sequence_conflicts,
    find_casualty_conflicts,
    find_confirmation_conflicts,
    find_denied_responsibility,  # identity: the party named as the actor denies it
    find_location_conflicts,
    find_time_conflicts,
    find_weapon_conflicts,
)

# Detectors that read a denial, most specific first: the weapon it names, who did
# it, that it happened.  A finding of a later one on the same claims as an earlier
# one's is the same dispute told less precisely, and is merged into it.
DENIAL_READERS: tuple[Detector, ...] = (
    find_weapon_conflicts,
    find_denied_responsibility,
    find_confirmation_conflicts,
)


def find_contradictions(
    incidents: list[Incident], claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    by_id = {c.id: c for c in claims}
    out: dict[str, Contradiction] = {}
    token = KNOWN_PLACES.set(place_names(claims))
    try:
        for inc in incidents:
            _compare_incident(inc, by_id, sources, out)
    finally:
        KNOWN_PLACES.reset(token)
    return sorted(out.values(), key=lambda k: (k.incident_id, k.type, k.id))


def _compare_incident(
    inc: Incident,
    by_id: dict[str, Claim],
    sources: dict[str, Source],
    out: dict[str, Contradiction],
) -> None:
    """Every detector on one incident; its findings, merged, into ``out`` by id."""
    inc_claims = [by_id[i] for i in inc.claim_ids if i in by_id]
    found: dict[Detector, list[Contradiction]] = {}
    for detect in DETECTORS:
        try:
            found[detect] = detect(inc, inc_claims, sources)
        except Exception as e:  # noqa: BLE001 - one odd incident must not stop a corpus
            log.warning(
                "%s failed on incident %s: %s: %s", detect.__name__, inc.id, type(e).__name__, e
            )
    merge_denials(found)
    told = [k for detect in DETECTORS for k in found.get(detect, [])]
    for k in merge_disputes(told, by_id, sources):
        out.setdefault(k.id, k)


def merge_denials(found: dict[Detector, list[Contradiction]]) -> None:
    """One flag per denial: a finding of a less specific denial reader (see
    ``DENIAL_READERS``) that sets the same claims against each other as a more
    specific one's is merged into it, in place (:func:`.merge.merge_readers`)."""
    merge_readers(found, DENIAL_READERS)


__all__ = ["DENIAL_READERS", "DETECTORS", "find_contradictions", "merge_denials", "merge_disputes"]
