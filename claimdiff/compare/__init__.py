"""Contradiction detection between the sides speaking about one incident.

One module per aspect; each detector takes an incident, its claims and the
sources, and returns findings (``Contradiction``) whose ids depend on the
incident, the aspect and the sides, never on claim order.  Shared guards are
in guards.py and common.py, explanation wording in explain.py; word lists in
data/compare.yaml.  See docs/contradictions.md.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..models import Claim, Contradiction, Incident, Source
from .casualties import find_casualty_conflicts
from .confirmation import find_confirmation_conflicts
from .initiator import find_initiator_conflicts
from .location import find_location_conflicts
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
    find_location_conflicts,
    find_time_conflicts,
    find_weapon_conflicts,
)


def find_contradictions(
    incidents: list[Incident], claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    by_id = {c.id: c for c in claims}
    out: dict[str, Contradiction] = {}
    for inc in incidents:
        inc_claims = [by_id[i] for i in inc.claim_ids if i in by_id]
        for detect in DETECTORS:
            try:
                found = detect(inc, inc_claims, sources)
            except Exception as e:  # noqa: BLE001 - one odd incident must not stop a corpus
                log.warning(
                    "%s failed on incident %s: %s: %s", detect.__name__, inc.id, type(e).__name__, e
                )
                continue
            for k in found:
                out.setdefault(k.id, k)
    return sorted(out.values(), key=lambda k: (k.incident_id, k.type, k.id))


__all__ = ["DETECTORS", "find_contradictions"]
