"""Contradiction detection between the parties speaking about one incident."""

from __future__ import annotations

from ..models import Claim, Contradiction, Incident, Source
from .initiator import find_initiator_conflicts

DETECTORS = (find_initiator_conflicts,)


def find_contradictions(
    incidents: list[Incident], claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    by_id = {c.id: c for c in claims}
    out: list[Contradiction] = []
    for inc in incidents:
        inc_claims = [by_id[i] for i in inc.claim_ids]
        for detect in DETECTORS:
            out.extend(detect(inc, inc_claims, sources))
    out.sort(key=lambda k: (k.incident_id, k.type, k.id))
    return out
