"""What it was done with: sources that name different weapons for one event.

Between claims of two sides that tell the same kind of event (``event_families``)
at the same time (``guards.different_times``), each claim's weapons (frames'
``Claim.weapons``) are read as asserted, denied ("no chemical weapons were
used", "denied using chlorine") or not vouched for ("the alleged chemical
attack"), and compared with the table in data/weapons.yaml:

- a weapon whose use is itself the accusation (chemical, barrel bombs,
  cluster, incendiary) asserted by one side and denied by the other ->
  ``contradicts``, high;
- kinds that exclude each other even beside shared weapons (chemical /
  "conventional weapons") -> ``contradicts``, high;
- otherwise the kinds each side names, read charitably: any agreeing pair
  (same kind, a generic word of the same group, kinds reporting uses for one
  thing) and nothing is flagged; else the mildest rule over the pairs the
  table compares (air strike vs artillery -> ``contradicts``, medium; artillery
  vs mortar -> ``diverges``, low; chemical vs a conventional carrier ->
  ``diverges``, medium).  Small arms are compared with nothing but small arms.

One finding per pair of sides, the denial first, then the exclusion, then the
kinds; the evidence is the weapon words (with the denying words) on each side.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import product

import yaml

from ..models import Claim, Contradiction, Incident, Source, Span
from .common import (
    asserted,
    claim_region,
    cross_pairs,
    families,
    finding,
    party_of,
    side_key,
    span_at,
)
from .explain import quote, says, sentence, side_names
from .guards import different_times
from .roles import actor_party

# Characters of the claim's words the negation and doubt patterns see around a weapon word.
CONTEXT = 80
_STRENGTH = {"diverges": 1, "contradicts": 2}
_SEVERITY = {"low": 0, "medium": 1, "high": 2}

Rule = tuple[str, str]  # (relation, severity)


@dataclass(frozen=True)
class WeaponTable:
    generic: frozenset[str]
    same: frozenset[frozenset[str]]
    same_group: Rule
    across: dict[frozenset[str], Rule]
    excludes: dict[frozenset[str], Rule]
    denied_kinds: frozenset[str]
    denied: Rule
    neg_before: tuple[re.Pattern[str], ...]
    neg_after: tuple[re.Pattern[str], ...]
    neg_evidence_after: re.Pattern[str]
    doubt_before: tuple[re.Pattern[str], ...]
    describe: dict[str, str]


def _rxs(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def table() -> WeaponTable:
    raw = yaml.safe_load(
        resources.files("claimdiff.compare").joinpath("data/weapons.yaml").read_text("utf-8")
    )
    return WeaponTable(
        generic=frozenset(raw["generic"]),
        same=frozenset(frozenset(p) for p in raw["same"]),
        same_group=(raw["same_group"]["relation"], raw["same_group"]["severity"]),
        across={
            frozenset(r["groups"]): (r["relation"], r["severity"]) for r in raw["across_groups"]
        },
        excludes={frozenset(r["kinds"]): (r["relation"], r["severity"]) for r in raw["excludes"]},
        denied_kinds=frozenset(raw["denied"]["kinds"]),
        denied=(raw["denied"]["relation"], raw["denied"]["severity"]),
        neg_before=_rxs(raw["negation"]["before"]),
        neg_after=_rxs(raw["negation"]["after"]),
        neg_evidence_after=re.compile(raw["negation"]["evidence_after"], re.IGNORECASE),
        doubt_before=_rxs(raw["doubt"]["before"]),
        describe=dict(raw["describe"]),
    )


def _group(kind: str) -> str:
    try:
        from ..frames import weapon_group
    except Exception:  # noqa: BLE001 - no frames data: every kind is its own group
        return kind
    return weapon_group(kind)


def kind_rule(a: str, b: str) -> Rule | None:
    """What naming kinds ``a`` and ``b`` for one event means: ``("same", "")`` when
    they agree, a (relation, severity) when they differ, None when not compared."""
    t = table()
    if a == b or frozenset((a, b)) in t.same:
        return ("same", "")
    ga, gb = _group(a), _group(b)
    if ga == gb:
        return ("same", "") if a in t.generic or b in t.generic else t.same_group
    return t.across.get(frozenset((ga, gb)))


@dataclass(frozen=True)
class Reading:
    """A claim's weapons as the claim tells them."""

    asserted: tuple[tuple[str, Span], ...]
    denied: tuple[tuple[str, Span], ...]  # the span runs from the denying words to the weapon


def read_weapons(claim: Claim) -> Reading:
    """Which of the claim's weapons it asserts and which it says were not used."""
    t = table()
    off, text = claim_region(claim)
    said: list[tuple[str, Span]] = []
    denied: list[tuple[str, Span]] = []
    for w in claim.weapons:
        s, e = w.span.start - off, w.span.end - off
        if s < 0 or e > len(text):
            continue
        before = text[max(0, s - CONTEXT) : s]
        after = text[e : e + CONTEXT]
        neg = next((m for p in t.neg_before if (m := p.search(before))), None)
        if neg is not None:
            more = t.neg_evidence_after.match(after)
            end = w.span.end + (more.end() if more else 0)
            denied.append((w.kind, span_at(claim, off + s - len(before) + neg.start(), end)))
            continue
        neg = next((m for p in t.neg_after if (m := p.search(after))), None)
        if neg is not None:
            denied.append((w.kind, span_at(claim, w.span.start, w.span.end + neg.end())))
            continue
        if any(p.search(before) for p in t.doubt_before) or not asserted(claim, w.span):
            continue
        said.append((w.kind, w.span))
    return Reading(tuple(said), tuple(denied))


Items = list[tuple[Claim, Span]]


def find_weapon_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    named = [c for c in claims if c.weapons and c.event_types]
    readings = {c.id: read_weapons(c) for c in named}
    pairs: dict[tuple[str, str], list[tuple[Claim, Claim]]] = defaultdict(list)
    for a, b in cross_pairs(named, sources):
        if not families(a.event_types) & families(b.event_types) or different_times(a, b):
            continue
        if _different_shooters(a, b, sources):
            continue
        pairs[(side_key(a, sources), side_key(b, sources))].append((a, b))
    out = []
    for (ka, kb), compared in sorted(pairs.items()):
        found = _denial(compared, readings, ka, kb, sources) or _kinds(
            compared, readings, ka, kb, sources
        )
        if found is None:
            continue
        relation, severity, (key_x, items_x), (key_y, items_y), explanation = found
        out.append(
            finding(
                incident,
                "weapons",
                "",
                relation,
                severity,
                (key_x, items_x),
                (key_y, items_y),
                explanation,
                (party_of(items_x[0][0], sources), party_of(items_y[0][0], sources)),
            )
        )
    return out


Found = tuple[str, str, tuple[str, Items], tuple[str, Items], str]


def _denial(
    compared: list[tuple[Claim, Claim]],
    readings: dict[str, Reading],
    ka: str,
    kb: str,
    sources: dict[str, Source],
) -> Found | None:
    """One side asserts a weapon whose use is the accusation; the other says it was not used."""
    t = table()
    hits: dict[tuple[int, str], tuple[Items, Items]] = {}
    for a, b in compared:
        for direction, (x, y) in enumerate(((a, b), (b, a))):
            denied_y = {k for k, _ in readings[y.id].denied}
            for kind, span in readings[x.id].asserted:
                if kind in t.denied_kinds and kind in denied_y:
                    ix, iy = hits.setdefault((direction, kind), ([], []))
                    ix.append((x, span))
                    iy.extend((y, s) for k, s in readings[y.id].denied if k == kind)
    if not hits:
        return None
    (direction, kind), (ix, iy) = min(hits.items(), key=lambda h: h[0])
    key_x, key_y = (ka, kb) if direction == 0 else (kb, ka)
    words = t.describe.get(kind, kind)
    explanation = sentence(
        f"{says(side_names([c for c, _ in ix], sources))} the attack used {words} ({quote(s for _, s in ix)})",
        f"{says(side_names([c for c, _ in iy], sources))} no {words} were used ({quote(s for _, s in iy)})",
    )
    return (*t.denied, (key_x, ix), (key_y, iy), explanation)


def _kinds(
    compared: list[tuple[Claim, Claim]],
    readings: dict[str, Reading],
    ka: str,
    kb: str,
    sources: dict[str, Source],
) -> Found | None:
    """The kinds each side names, over all its claims compared with the other side's."""
    t = table()
    side_a: dict[str, Items] = defaultdict(list)
    side_b: dict[str, Items] = defaultdict(list)
    for a, b in compared:
        for kind, span in readings[a.id].asserted:
            if (a, span) not in side_a[kind]:
                side_a[kind].append((a, span))
        for kind, span in readings[b.id].asserted:
            if (b, span) not in side_b[kind]:
                side_b[kind].append((b, span))
    if not side_a or not side_b:
        return None
    pairs = list(product(sorted(side_a), sorted(side_b)))
    excluded = [(x, y, r) for x, y in pairs if (r := t.excludes.get(frozenset((x, y))))]
    if excluded:
        rule = max((r for _, _, r in excluded), key=_strength)
        kinds_a = sorted({x for x, _, r in excluded if r == rule})
        kinds_b = sorted({y for _, y, r in excluded if r == rule})
    else:
        rules = [(x, y, r) for x, y in pairs if (r := kind_rule(x, y)) is not None]
        if not rules or any(r[0] == "same" for _, _, r in rules):
            return None
        rule = min((r for _, _, r in rules), key=_strength)
        kinds_a = sorted({x for x, _, _ in rules})
        kinds_b = sorted({y for _, y, _ in rules})
    ia = [i for k in kinds_a for i in side_a[k]]
    ib = [i for k in kinds_b for i in side_b[k]]
    explanation = sentence(
        f"{says(side_names([c for c, _ in ia], sources))} the attack used {_describe(kinds_a)} ({quote(s for _, s in ia)})",
        f"{says(side_names([c for c, _ in ib], sources))} it used {_describe(kinds_b)} ({quote(s for _, s in ib)})",
    )
    return (rule[0], rule[1], (ka, ia), (kb, ib), explanation)


def _shooters(claim: Claim, sources: dict[str, Source]) -> set[str]:
    """The parties the claim says fired (attacked or returned fire), where known."""
    parties = {
        actor_party(claim, r, sources)
        for r in claim.roles
        if r.role in ("initiator", "responder") and asserted(claim, r.span)
    }
    return parties - {"unknown"}


def _different_shooters(a: Claim, b: Claim, sources: dict[str, Source]) -> bool:
    """Each claim names who fired and they are different parties: each tells its own
    actor's weapons (the attack and the response), and who attacked is the initiator
    and identity aspects' question."""
    sa, sb = _shooters(a, sources), _shooters(b, sources)
    return bool(sa and sb and not sa & sb)


def _strength(rule: Rule) -> tuple[int, int]:
    return _STRENGTH.get(rule[0], 0), _SEVERITY.get(rule[1], 0)


def _describe(kinds: list[str]) -> str:
    words = list(dict.fromkeys(table().describe.get(k, k.replace("_", " ")) for k in kinds))
    return " and ".join(words[:3])
