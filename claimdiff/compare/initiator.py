"""Who fired first, who attacked whom.

One side says a party came under fire, was attacked or acted in response
(frames' ``responder`` and ``target`` roles), another says that same party
opened fire or attacked (``initiator``); or each side names the other as the one
that attacked (identity.py tells that case from a dispute over a third party).
"""

from __future__ import annotations

from ..models import Claim, Contradiction, Incident, Source, Span
from .common import finding
from .explain import party_label, quote, says, sentence, side_names
from .identity import blames_other
from .roles import SideRoles, collect_roles, comparable_sides, only_comparable


def find_initiator_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    out: list[Contradiction] = []
    for a, b in comparable_sides(collect_roles(claims, sources), sources):
        # One side: X was hit, or responded; the other: X started it.
        for resp, init in ((a, b), (b, a)):
            hits = []
            for actor in sorted(resp.actors("responder", "target") & init.actors("initiator")):
                r = resp.get(actor, "responder") + resp.get(actor, "target")
                i = init.get(actor, "initiator")
                r, i = only_comparable(r, i, sources), only_comparable(i, r, sources)
                if r and i:
                    hits.append((actor, r, i))
            if hits:
                out.append(_responded_vs_started(incident, resp, init, hits, sources))
                break
        else:
            found = blames_other(incident, a, b, sources)
            if found is not None:
                out.append(found)
    return out


def _responded_vs_started(
    incident: Incident,
    resp: SideRoles,
    init: SideRoles,
    hits: list[tuple[str, list[tuple[Claim, Span]], list[tuple[Claim, Span]]]],
    sources: dict[str, Source],
) -> Contradiction:
    r_items = [x for _, r, _ in hits for x in r]
    i_items = [x for _, _, i in hits for x in i]
    label = party_label(hits[0][0])
    r_names = side_names([c for c, _ in r_items], sources)
    i_names = side_names([c for c, _ in i_items], sources)
    explanation = sentence(
        f"{says(r_names)} {label} came under fire or acted in response ({quote(s for _, s in r_items)})",
        f"{says(i_names)} {label} fired first or attacked ({quote(s for _, s in i_items)})",
    )
    return finding(
        incident,
        "initiator",
        "",
        "contradicts",
        "high",
        (resp.key, r_items),
        (init.key, i_items),
        explanation,
        (resp.party, init.party),
    )
