"""Who did it: each side names a different attacker.

When one of the named attackers is a side in the dispute ("the SDF attacked"
vs "Turkish forces attacked") the finding is typed ``initiator``; when both are
third parties ("ISIS carried out the bombing" vs "Turkish-backed factions did")
it is ``identity``.  Two sides that name different targets are telling two
attacks, not one, and are not compared.
"""

from __future__ import annotations

from ..models import Contradiction, Incident, Source
from .common import finding, is_outlet_voice
from .explain import party_label, quote, says, sentence, side_names
from .roles import SideRoles, only_comparable, targets_differ


def blames_other(
    incident: Incident, a: SideRoles, b: SideRoles, sources: dict[str, Source]
) -> Contradiction | None:
    """Each side names a different attacker; ``initiator`` when one of them is a
    side in the dispute, else ``identity`` (see identity.py)."""
    a, b = _attributed(a, sources), _attributed(b, sources)
    ia, ib = a.actors("initiator"), b.actors("initiator")
    if not ia or not ib or ia & ib or targets_differ(a, b):
        return None
    a_items = only_comparable(
        [x for p in sorted(ia) for x in a.get(p, "initiator")],
        [x for p in sorted(ib) for x in b.get(p, "initiator")],
        sources,
    )
    b_items = only_comparable(
        [x for p in sorted(ib) for x in b.get(p, "initiator")], a_items, sources
    )
    if not a_items or not b_items:
        return None
    speakers = {a.party, b.party}
    aspect = "initiator" if (ia | ib) & speakers else "identity"
    a_names = side_names([c for c, _ in a_items], sources)
    b_names = side_names([c for c, _ in b_items], sources)
    la = " and ".join(party_label(p) for p in sorted(ia))
    lb = " and ".join(party_label(p) for p in sorted(ib))
    verb = "attacked first" if aspect == "initiator" else "carried it out"
    explanation = sentence(
        f"{says(a_names)} {la} {verb} ({quote(s for _, s in a_items)})",
        f"{says(b_names)} {lb} did ({quote(s for _, s in b_items)})",
    )
    severity = "high" if aspect == "initiator" else "medium"
    return finding(
        incident,
        aspect,
        "",
        "contradicts",
        severity,
        (a.key, a_items),
        (b.key, b_items),
        explanation,
        (a.party, b.party),
    )


def _attributed(side: SideRoles, sources: dict[str, Source]) -> SideRoles:
    """The side without the outlet's own voice: naming an attacker is a source's
    claim; an outlet's "reportedly attacked" relays one, it does not dispute."""
    out = SideRoles(side.key, side.party)
    out.claims = [c for c in side.claims if not is_outlet_voice(c, sources)]
    keep = {c.id for c in out.claims}
    for k, items in side.roles.items():
        kept = [(c, s) for c, s in items if c.id in keep]
        if kept:
            out.roles[k] = kept
    return out
