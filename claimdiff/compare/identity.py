"""Who did it: each side names a different attacker, or the named one denies it.

When one of the named attackers is a side in the dispute ("the SDF attacked"
vs "Turkish forces attacked") the finding is typed ``initiator``; when both are
third parties ("ISIS carried out the bombing" vs "Turkish-backed factions did")
it is ``identity``.  Two sides that name different targets are telling two
attacks, not one, and are not compared.

A party that denies its own part ("Ankara denied carrying out the strike", "the
ministry denied that its jets carried out the raid") disputes who did it, not
whether it happened: ``identity`` (detail ``responsibility``), ``contradicts``,
high, against a side that names that party as the one that did it ("Turkish jets
struck the village"), and against no one else.  A side that itself says, in the
same article, that its party did that kind of thing ("its drones struck militants
... and denied targeting civilians") denies a detail, not its part, and is not
flagged.
"""

from __future__ import annotations

import re

from ..models import Claim, Contradiction, Incident, Source, Span
from .common import (
    asserted,
    claim_region,
    event_words,
    families,
    finding,
    is_outlet_voice,
    lexicon,
    may_compare,
    own_act_denial,
    party_of,
    side_key,
    span_at,
)
from .confirmation import inside_denial, report_of
from .explain import party_label, quote, says, sentence, side_names, verb_for
from .guards import different_times
from .roles import SideRoles, actor_party, only_comparable, targets_differ
from .weapons import table as weapon_table


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


Items = list[tuple[Claim, Span]]


def find_denied_responsibility(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    """One side names a party as the one that did it; that party denies its own part."""
    denials: list[tuple[Claim, str, Span, frozenset[str]]] = []
    for c in claims:
        party = party_of(c, sources)
        if party in lexicon().self_speaking or is_outlet_voice(c, sources):
            continue
        words = own_act_denial(c, party)
        if words is not None:
            denials.append(
                (c, party, words, _acts(families(t for t, _ in event_words(c, after=words.start))))
            )
    # A side that says, in the same article, that its party did it ("its drones struck
    # militants ... and denied targeting civilians") denies a detail, not its part.
    # Told of the same kind of event, that is: the families of its own acts.
    own: dict[tuple[str, str], set[str]] = {}
    for c in claims:
        if party_of(c, sources) not in lexicon().self_speaking and named_as_actor(
            c, party_of(c, sources), sources
        ):
            own.setdefault((side_key(c, sources), c.article_id), set()).update(
                _acts(frozenset(report_of(c)))
            )
    grouped: dict[tuple[str, str, str], tuple[Items, Items]] = {}
    for d, party, words, denied in denials:
        mine = own.get((side_key(d, sources), d.article_id), set())
        for r in claims:
            if (
                r is d
                or not may_compare(r, d, sources)
                or different_times(r, d)
                or inside_denial(r, d)
            ):
                continue
            told = _acts(frozenset(report_of(r)))
            if not told or (denied and not denied & told) or told & mine:
                continue
            spans = named_as_actor(r, party, sources)
            if not spans:
                continue
            r_items, d_items = grouped.setdefault(
                (side_key(r, sources), side_key(d, sources), party), ([], [])
            )
            r_items.extend((r, s) for s in spans if (r, s) not in r_items)
            if (d, words) not in d_items:
                d_items.append((d, words))
    out = []
    for (r_key, d_key, party), (r_items, d_items) in sorted(grouped.items()):
        explanation = sentence(
            f"{says(side_names([c for c, _ in r_items], sources))} {party_label(party)} "
            f"carried it out ({quote(s for _, s in r_items)})",
            f"{verb_for(side_names([c for c, _ in d_items], sources), 'denies', 'deny')} "
            f"responsibility ({quote(s for _, s in d_items)})",
        )
        out.append(
            finding(
                incident,
                "identity",
                "responsibility",
                "contradicts",
                "high",
                (r_key, r_items),
                (d_key, d_items),
                explanation,
                (party_of(r_items[0][0], sources), party),
            )
        )
    return out


def named_as_actor(claim: Claim, party: str, sources: dict[str, Source]) -> list[Span]:
    """The words by which ``claim`` asserts that ``party`` did it: its initiator roles
    and the weapons the frames give that party as user (not in a response), each with
    the words naming the actor ("Turkish jets", "government forces shelled")."""
    spans = [
        _with_actor(claim, r.span, r.actor)
        for r in claim.roles
        if r.role == "initiator"
        and asserted(claim, r.span)
        and actor_party(claim, r, sources) == party
    ]
    spans += [
        _with_actor(claim, w.span, None)
        for w in claim.weapons
        if w.user == party and not w.response and asserted(claim, w.span)
    ]
    # "Syrian government helicopters" inside "Syrian government helicopters dropped chlorine".
    return [
        x
        for x in dict.fromkeys(spans)
        if not any(y != x and y.start <= x.start and x.end <= y.end for y in spans)
    ]


# Words that end an actor's name when reading back from the act or the weapon.
_NOT_A_NAME = frozenset(
    [
        "a",
        "an",
        "the",
        "with",
        "by",
        "from",
        "at",
        "on",
        "of",
        "in",
        "into",
        "and",
        "or",
        "to",
        "that",
        "which",
        "who",
        "said",
        "says",
        "its",
        "their",
    ]
)


def _with_actor(claim: Claim, span: Span, actor: str | None) -> Span:
    """``span`` widened back to the words naming its actor, in the same clause:
    the role's actor words when close before it, else the words before it up to a
    function word or punctuation, at most 40 characters back."""
    off, text = claim_region(claim)
    s = span.start - off
    if s < 0 or span.end - off > len(text):
        return span
    before = text[:s]
    if actor:
        i = before.rfind(actor)
        if i >= 0 and s - (i + len(actor)) <= 30 and not re.search(r"[.;:]", before[i:]):
            return span_at(claim, off + i, span.end)
    start = s
    for m in reversed(list(re.finditer(r"[\w’'-]+", before))):
        gap = before[m.end() : start]
        if m.group(0).lower() in _NOT_A_NAME or gap.strip() or s - m.start() > 40:
            break
        start = m.start()
    return span_at(claim, off + start, span.end) if start < s else span


def _acts(fams: frozenset[str]) -> frozenset[str]:
    """The event families that are a party's act, a chemical attack counting as a
    strike (weapons.yaml ``same_event``)."""
    acts = set(fams & lexicon().act_families)
    for group in weapon_table().same_event:
        if acts & group:
            acts |= group & lexicon().act_families
    return frozenset(acts)
