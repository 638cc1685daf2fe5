"""Who fired first: one party says it came under fire and responded, another
says that same party opened fire or attacked."""

from __future__ import annotations

from ..models import Claim, Contradiction, EvidenceSpan, Incident, Source, stable_id

# Parties whose word about who started it is a side's account.  The outlet's
# own voice and unknown speakers are not a side.
NOT_A_SIDE = {"unknown", "press"}
PARTY_LABEL = {
    "us": "US/coalition forces",
    "syrian-government": "Syrian government forces",
    "sdf": "the SDF",
    "russia": "Russian forces",
    "turkey": "Turkish forces",
    "iran": "Iranian-backed forces",
}


def find_initiator_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    # For each speaking party: which actor parties it says responded / initiated.
    said: dict[str, dict[tuple[str, str], list[tuple[Claim, int]]]] = {}
    for c in claims:
        src = sources.get(c.source_id)
        if src is None or src.party in NOT_A_SIDE:
            continue
        for k, r in enumerate(c.roles):
            if r.actor_party == "unknown":
                continue
            said.setdefault(src.party, {}).setdefault((r.actor_party, r.role), []).append((c, k))
    out: list[Contradiction] = []
    parties = sorted(said)
    for a_i, a in enumerate(parties):
        for b in parties[a_i + 1 :]:
            for actor in sorted({p for p, _ in said[a]} | {p for p, _ in said[b]}):
                for resp_side, init_side in ((a, b), (b, a)):
                    resp = said[resp_side].get((actor, "responder"), [])
                    init = said[init_side].get((actor, "initiator"), [])
                    if resp and init:
                        out.append(_finding(incident, actor, resp_side, resp, init_side, init, sources))
    return out


def _finding(
    incident: Incident,
    actor: str,
    resp_party: str,
    resp: list[tuple[Claim, int]],
    init_party: str,
    init: list[tuple[Claim, int]],
    sources: dict[str, Source],
) -> Contradiction:
    def side(items: list[tuple[Claim, int]]) -> tuple[tuple[str, ...], tuple[EvidenceSpan, ...]]:
        ids = tuple(sorted({c.id for c, _ in items}))
        ev = tuple(
            sorted(
                {EvidenceSpan(c.article_id, c.id, c.roles[k].span) for c, k in items},
                key=lambda e: (e.article_id, e.span.start),
            )
        )
        return ids, ev

    r_ids, r_ev = side(resp)
    i_ids, i_ev = side(init)
    label = PARTY_LABEL.get(actor, actor)
    r_names = _names(resp, sources)
    i_names = _names(init, sources)
    explanation = (
        f"{r_names} say{'s' if len(r_names.split(' and ')) == 1 else ''} {label} came under fire or acted "
        f"in response (“{r_ev[0].span.text}”); {i_names} say{'s' if len(i_names.split(' and ')) == 1 else ''} "
        f"{label} fired first or attacked (“{i_ev[0].span.text}”)."
    )
    parties = tuple(sorted((resp_party, init_party)))
    return Contradiction(
        id=stable_id("k", incident.id, "initiator", *parties, actor),
        incident_id=incident.id,
        type="initiator",
        relation="contradicts",
        severity="high",
        sides=(r_ids, i_ids),
        evidence=(r_ev, i_ev),
        explanation=explanation,
        parties=(resp_party, init_party),
    )


def _names(items: list[tuple[Claim, int]], sources: dict[str, Source]) -> str:
    names: list[str] = []
    for c, _ in items:
        s = sources[c.source_id]
        n = s.name.split(" [")[0]
        if c.channel_id and c.channel_id in sources:
            n = f"{n} (via {sources[c.channel_id].name.split(' (')[0]})"
        if n not in names:
            names.append(n)
    return " and ".join(names[:3])
