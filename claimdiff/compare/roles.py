"""Roles per side: what each side says each actor party did (frames' ``Claim.roles``).

Roles that a claim denies or cannot confirm are not asserted and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..models import Claim, Role, Source, Span
from .common import asserted, lexicon, may_compare, party_of, side_key


@dataclass
class SideRoles:
    """What one side says about each actor party: (claim, span) per role."""

    key: str
    party: str
    roles: dict[tuple[str, str], list[tuple[Claim, Span]]] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)

    def get(self, actor: str, role: str) -> list[tuple[Claim, Span]]:
        return self.roles.get((actor, role), [])

    def actors(self, *roles: str) -> set[str]:
        return {a for a, r in self.roles if r in roles}


# "The army said it repelled an attack", "the ministry said its military police
# were fired upon": a belligerent speaking of itself.  Not "they"/"their", which
# as often point at the other side.
_OWN = re.compile(r"^(?:it|its|we|our|us)\b", re.IGNORECASE)


def actor_party(claim: Claim, role: Role, sources: dict[str, Source]) -> str:
    """The role's actor party; an own-side pronoun of a belligerent speaker is its
    party when the frames left it unknown (responder and target roles only)."""
    if role.actor_party != "unknown" or role.role not in ("responder", "target") or not role.actor:
        return role.actor_party
    speaker = party_of(claim, sources)
    if speaker in lexicon().self_speaking or not _OWN.match(role.actor.strip()):
        return role.actor_party
    return speaker


def collect_roles(claims: list[Claim], sources: dict[str, Source]) -> dict[str, SideRoles]:
    sides: dict[str, SideRoles] = {}
    for c in claims:
        roles = [(actor_party(c, r, sources), r) for r in c.roles if asserted(c, r.span)]
        roles = [(p, r) for p, r in roles if p != "unknown"]
        if not roles:
            continue
        key = side_key(c, sources)
        side = sides.setdefault(key, SideRoles(key, party_of(c, sources)))
        side.claims.append(c)
        for p, r in roles:
            side.roles.setdefault((p, r.role), []).append((c, r.span))
    return sides


def comparable_sides(
    sides: dict[str, SideRoles], sources: dict[str, Source]
) -> Iterator[tuple[SideRoles, SideRoles]]:
    keys = sorted(sides)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            sa, sb = sides[a], sides[b]
            if any(may_compare(x, y, sources) for x in sa.claims for y in sb.claims):
                yield sa, sb


def only_comparable(
    items: list[tuple[Claim, Span]], others: list[tuple[Claim, Span]], sources: dict[str, Source]
) -> list[tuple[Claim, Span]]:
    return [(c, s) for c, s in items if any(may_compare(c, o, sources) for o, _ in others)]


def targets_differ(a: SideRoles, b: SideRoles) -> bool:
    """Both sides name whom the attack hit, and not the same party: two attacks."""
    ta, tb = a.actors("target"), b.actors("target")
    return bool(ta and tb and not ta & tb)
