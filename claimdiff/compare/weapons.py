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

A munition and its carrier are one weapon ("helicopters fired missiles" is
told from the air).  Whose weapon it is matters, as the frames read it with the
run's source registry (``Weapon.response``, ``user``, ``target``; this module
never loads a registry of its own): a weapon of the response
("responded with artillery", "counter-battery fire", "in response") is the
responder's and is compared only with weapons the other side gives that same
actor ("US helicopters"); a weapon used against a party ("came under attack by
rockets") is never compared with that party's own weapons.  The kinds are read
charitably within each such bucket (the attack's weapons, each actor's
response), and the strongest bucket is reported.

One finding per pair of sides, the denial first, then the exclusion, then the
kinds; the evidence is the weapon words (with the denying words) on each side.
Claims told for different places are not compared (``guards.different_places``).
When the incident's weapons have two named users (an air raid and the rocket fire
that answered it), it holds several attacks: a finding stands only if a place or
a day ties a claim of one side to one of the other (``guards.one_place_or_day``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from ..models import Claim, Contradiction, Incident, Source, Span, Weapon
from .common import (
    asserted,
    claim_region,
    cross_pairs,
    families,
    finding,
    load_data,
    party_of,
    side_key,
    span_at,
)
from .explain import party_label, quote, says, sentence, side_names
from .guards import different_places, different_times, one_place_or_day
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
    ruled_out: dict[frozenset[str], Rule]  # across-group rules that hold when a side rules out
    only_before: re.Pattern[str]  # "only artillery": the speaker's weapon was the only one
    exploding_drone: re.Pattern[str]  # "suicide drone": a drone that is an explosive device
    exploding_drone_groups: frozenset[str]
    exploding_drone_rule: Rule
    excludes: dict[frozenset[str], Rule]
    denied_kinds: frozenset[str]
    denied: Rule
    neg_before: tuple[re.Pattern[str], ...]
    neg_after: tuple[re.Pattern[str], ...]
    neg_evidence_after: re.Pattern[str]
    staged_after: re.Pattern[str]  # "... was staged": the weapon is denied
    staged_rejected: re.Pattern[str]  # "rejected claims that ... was staged": asserted
    doubt_before: tuple[re.Pattern[str], ...]
    describe: dict[str, str]
    same_event: tuple[frozenset[str], ...]


def _rxs(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=1)
def table() -> WeaponTable:
    raw = load_data("weapons")
    return WeaponTable(
        generic=frozenset(raw["generic"]),
        same=frozenset(frozenset(p) for p in raw["same"]),
        same_group=(raw["same_group"]["relation"], raw["same_group"]["severity"]),
        across={
            frozenset(r["groups"]): (r["relation"], r["severity"]) for r in raw["across_groups"]
        },
        ruled_out={
            frozenset(r["groups"]): (r["ruled_out"]["relation"], r["ruled_out"]["severity"])
            for r in raw["across_groups"]
            if "ruled_out" in r
        },
        only_before=re.compile(raw["only_before"], re.IGNORECASE),
        exploding_drone=re.compile(raw["exploding_drone"]["words"], re.IGNORECASE),
        exploding_drone_groups=frozenset(raw["exploding_drone"]["groups"]),
        exploding_drone_rule=(
            raw["exploding_drone"]["relation"],
            raw["exploding_drone"]["severity"],
        ),
        excludes={frozenset(r["kinds"]): (r["relation"], r["severity"]) for r in raw["excludes"]},
        denied_kinds=frozenset(raw["denied"]["kinds"]),
        denied=(raw["denied"]["relation"], raw["denied"]["severity"]),
        neg_before=_rxs(raw["negation"]["before"]),
        neg_after=_rxs(raw["negation"]["after"]),
        neg_evidence_after=re.compile(raw["negation"]["evidence_after"], re.IGNORECASE),
        staged_after=re.compile(raw["negation"]["staged_after"], re.IGNORECASE),
        staged_rejected=re.compile(raw["negation"]["staged_rejected"], re.IGNORECASE),
        doubt_before=_rxs(raw["doubt"]["before"]),
        describe=dict(raw["describe"]),
        same_event=tuple(frozenset(x) for x in raw.get("same_event", [])),
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
class Use:
    """Whose weapon an asserted weapon is, as the claim tells it (read by the frames)."""

    response: bool = False  # used in the response ("responded with artillery")
    actor: str = "unknown"  # the party that used it, where the claim says
    against: str = "unknown"  # the party it was used against ("came under attack by rockets")

    @classmethod
    def of(cls, weapon: Weapon) -> Use:
        return cls(weapon.response, weapon.user, weapon.target)


@dataclass(frozen=True)
class Reading:
    """A claim's weapons as the claim tells them."""

    asserted: tuple[tuple[str, Span], ...]
    denied: tuple[tuple[str, Span], ...]  # the span runs from the denying words to the weapon
    uses: tuple[Use, ...] = ()  # one per asserted weapon


def read_weapons(claim: Claim) -> Reading:
    """Which of the claim's weapons it asserts (and whose they are, from the frames)
    and which it says were not used."""
    t = table()
    off, text = claim_region(claim)
    said: list[tuple[str, Span]] = []
    denied: list[tuple[str, Span]] = []
    whose = {w.span: Use.of(w) for w in claim.weapons}
    for w in claim.weapons:
        s, e = w.span.start - off, w.span.end - off
        if s < 0 or e > len(text):
            continue
        before = text[max(0, s - CONTEXT) : s]
        after = text[e : e + CONTEXT]
        staged = t.staged_after.search(after)
        if staged is not None:
            if t.staged_rejected.search(before):
                said.append((w.kind, w.span))  # "rejected claims that it was staged"
            else:
                denied.append((w.kind, span_at(claim, w.span.start, w.span.end + staged.end())))
            continue
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
    said = [(k, sp) for k, sp in said if not _fired_by_carrier(k, sp, said, off, text)]
    uses = tuple(whose[sp] for _, sp in said)
    return Reading(tuple(said), tuple(denied), uses)


def _fired_by_carrier(
    kind: str, span: Span, said: list[tuple[str, Span]], off: int, text: str
) -> bool:
    """A munition fired by a carrier the claim names ("helicopters fired missiles",
    "a missile launched from a drone"): one weapon, the carrier's (the frames'
    rule, for claims whose weapons did not come through it)."""
    try:
        from ..frames.weapons import carried, weapon_data
    except Exception:  # noqa: BLE001 - no frames data: weapons stay as given
        return False
    if kind not in weapon_data().munitions:
        return False
    for other, sp in said:
        if sp.end <= span.start and carried(other, kind, text[sp.end - off : span.start - off]):
            return True
        if span.end <= sp.start and carried(kind, other, text[span.end - off : sp.start - off]):
            return True
    return False


Items = list[tuple[Claim, Span]]


def find_weapon_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    named = [c for c in claims if c.weapons and c.event_types]
    readings = {c.id: read_weapons(c) for c in named}
    pairs: dict[tuple[str, str], list[tuple[Claim, Claim]]] = defaultdict(list)
    # Weapons of two named users (an air raid and the rocket fire that answered it):
    # the incident holds several attacks, and a finding stands only where a place or
    # a day ties a claim of one side to a claim of the other (one_place_or_day).
    users = {w.user for c in named for w in c.weapons if w.user not in (None, "unknown")}
    exchange = len(users) > 1
    for a, b in cross_pairs(named, sources):
        if (
            not _event_families(a) & _event_families(b)
            or different_times(a, b)
            or different_places(a, b)
        ):
            continue
        if _different_shooters(a, b, sources):
            continue
        pairs[(side_key(a, sources), side_key(b, sources))].append((a, b))
    out = []
    for (ka, kb), compared in sorted(pairs.items()):
        found = _denial(compared, readings, ka, kb, sources)
        if found is None:
            found = _kinds(compared, readings, ka, kb, sources)
            if found is not None and exchange and not _tied(found):
                continue
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


def _tied(found: Found) -> bool:
    """A place or a day ties a claim of one side of the finding to one of the other."""
    (_, items_x), (_, items_y) = found[2], found[3]
    return any(one_place_or_day(x, y) for x, _ in items_x for y, _ in items_y)


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


Item = tuple[str, Claim, Span, Use]


def _comparable(x: Use, y: Use) -> bool:
    """Two weapons may be the same event's: a response weapon only against a weapon
    the other side gives the same actor; never a party's own weapon against one
    used on it; never two named actors that differ."""
    if x.response or y.response:
        return x.actor != "unknown" and x.actor == y.actor
    if "unknown" not in (x.actor, y.actor) and x.actor != y.actor:
        return False
    return not (
        (x.actor != "unknown" and x.actor == y.against)
        or (y.actor != "unknown" and y.actor == x.against)
    )


def _kinds(
    compared: list[tuple[Claim, Claim]],
    readings: dict[str, Reading],
    ka: str,
    kb: str,
    sources: dict[str, Source],
) -> Found | None:
    """The kinds each side names, over all its claims compared with the other side's,
    bucket by bucket: the attack's weapons, and each actor's response."""
    items_a: list[Item] = []
    items_b: list[Item] = []
    for a, b in compared:
        for c, into in ((a, items_a), (b, items_b)):
            r = readings[c.id]
            uses = r.uses or tuple(Use() for _ in r.asserted)
            for (kind, span), use in zip(r.asserted, uses, strict=True):
                if not any(i[1] is c and i[2] == span for i in into):
                    into.append((kind, c, span, use))
    buckets: dict[str, tuple[list[Item], list[Item]]] = defaultdict(lambda: ([], []))
    for x in items_a:
        for y in items_b:
            if not _comparable(x[3], y[3]):
                continue
            key = f"response:{x[3].actor}" if x[3].response or y[3].response else "attack"
            bx, by = buckets[key]
            if x not in bx:
                bx.append(x)
            if y not in by:
                by.append(y)
    found = [
        f
        for key in sorted(buckets)
        if (f := _bucket(*buckets[key], ka, kb, sources, _who(key), readings))
    ]
    if not found:
        return None
    return max(found, key=lambda f: _strength((f[0], f[1])))


def _who(bucket: str) -> str:
    """How an explanation names whose weapons a bucket compares: "the attack", or the
    responding party ("US/coalition forces"), never the response as one side's word."""
    if bucket == "attack":
        return "the attack"
    return party_label(bucket.split(":", 1)[1])


def _bucket(
    items_a: list[Item],
    items_b: list[Item],
    ka: str,
    kb: str,
    sources: dict[str, Source],
    what: str = "the attack",
    readings: dict[str, Reading] | None = None,
) -> Found | None:
    """The kinds of one bucket, read charitably (any agreeing pair: nothing)."""
    t = table()
    side_a: dict[str, Items] = defaultdict(list)
    side_b: dict[str, Items] = defaultdict(list)
    for kind, c, span, _ in items_a:
        side_a[kind].append((c, span))
    for kind, c, span, _ in items_b:
        side_b[kind].append((c, span))
    if not side_a or not side_b:
        return None
    pairs = list(product(sorted(side_a), sorted(side_b)))
    excluded = [(x, y, r) for x, y in pairs if (r := t.excludes.get(frozenset((x, y))))]
    if excluded:
        rule = max((r for _, _, r in excluded), key=_strength)
        kinds_a = sorted({x for x, _, r in excluded if r == rule})
        kinds_b = sorted({y for _, y, r in excluded if r == rule})
    else:
        rules = [
            (x, y, r)
            for x, y in pairs
            if (r := _pair_rule(x, y, side_a[x], side_b[y], readings)) is not None
        ]
        if not rules or any(r[0] == "same" for _, _, r in rules):
            return None
        rule = min((r for _, _, r in rules), key=_strength)
        kinds_a = sorted({x for x, _, _ in rules})
        kinds_b = sorted({y for _, y, _ in rules})
    ia = [i for k in kinds_a for i in side_a[k]]
    ib = [i for k in kinds_b for i in side_b[k]]
    explanation = sentence(
        f"{says(side_names([c for c, _ in ia], sources))} {what} used {_describe(kinds_a)} ({quote(s for _, s in ia)})",
        f"{says(side_names([c for c, _ in ib], sources))} {'it' if what == 'the attack' else 'they'} used {_describe(kinds_b)} ({quote(s for _, s in ib)})",
    )
    return (rule[0], rule[1], (ka, ia), (kb, ib), explanation)


def _pair_rule(
    x: str, y: str, said_x: Items, said_y: Items, readings: dict[str, Reading] | None
) -> Rule | None:
    """``kind_rule`` for two kinds as the sides tell them: an exploding drone against an
    explosive device both hold; air against ground fire contradicts only when a side
    rules the other out ("only artillery", "no air strikes")."""
    t = table()
    rule = kind_rule(x, y)
    if rule is None or rule[0] == "same":
        return rule
    gx, gy = _group(x), _group(y)
    for kind, said, other in ((x, said_x, gy), (y, said_y, gx)):
        if (
            kind == "drone"
            and other in t.exploding_drone_groups
            and all(t.exploding_drone.search(s.text) for _, s in said)
        ):
            return t.exploding_drone_rule
    strong = t.ruled_out.get(frozenset((gx, gy)))
    if strong is not None and (
        _rules_out(said_x, gy, readings) or _rules_out(said_y, gx, readings)
    ):
        return strong
    return rule


def _rules_out(said: Items, other_group: str, readings: dict[str, Reading] | None) -> bool:
    """The side says its weapon was the only one, or that ``other_group`` was not used."""
    t = table()
    for c, span in said:
        off, text = claim_region(c)
        if t.only_before.search(text[max(0, span.start - off - CONTEXT) : span.start - off]):
            return True
        reading = (readings or {}).get(c.id) or read_weapons(c)
        if any(_group(k) == other_group for k, _ in reading.denied):
            return True
    return False


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


def _event_families(claim: Claim) -> frozenset[str]:
    """The claim's event families, widened by ``same_event`` (a chemical attack is a strike)."""
    fams = set(families(claim.event_types))
    for group in table().same_event:
        if fams & group:
            fams |= group
    return frozenset(fams)


def _strength(rule: Rule) -> tuple[int, int]:
    return _STRENGTH.get(rule[0], 0), _SEVERITY.get(rule[1], 0)


def _describe(kinds: list[str]) -> str:
    words = list(dict.fromkeys(table().describe.get(k, k.replace("_", " ")) for k in kinds))
    return " and ".join(words[:3])
