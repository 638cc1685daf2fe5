"""Weapons a claim names for an event ("chlorine gas", "artillery shells",
"a drone strike"), each as a kind from data/weapons.yaml with its words.

A weapon word that is a target, a stock or part of a name ("shot down a
drone", "a chemical weapons depot", "the Prohibition of Chemical Weapons") is
not a weapon of the event and is left out.  Negated mentions ("no chemical
weapons were used") are kept: what a claim says about a weapon is read by the
comparison (claimdiff/compare/weapons.py), which sees the whole claim.

Whose weapon it is (``weapon_uses``) is read here, where the run's source
registry is (a user's ``--sources`` file included): used in the response or
not, the party that used it and the party it was used against.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from ..models import Claim, Source, Span, Weapon
from ..sources import Registry
from ._data import literal_stems, load, search_stems
from ._scan import StemTable, scan

# Characters of context the `not_used` patterns see on each side of a weapon word.
CONTEXT = 60


@dataclass(frozen=True)
class WeaponData:
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
    stems: tuple[tuple[str, ...] | None, ...]  # per kind: literal prefixes (see literal_stems)
    # per kind without those: prefixes for Scan.may_search ("(?:armed )?drones?", "VX")
    search_stems: tuple[tuple[str, ...] | None, ...]
    table: StemTable  # both prefilters of each kind, by index
    groups: dict[str, str]
    before: tuple[re.Pattern[str], ...]
    after: tuple[re.Pattern[str], ...]
    munitions: frozenset[str]
    platform_groups: frozenset[str]
    munition_first: tuple[re.Pattern[str], ...]
    platform_first: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def weapon_data() -> WeaponData:
    raw = load("weapons")
    kinds = tuple(
        (
            name,
            re.compile(r"(?<![\w-])(?:" + "|".join(k["patterns"]) + r")(?!\w)", re.IGNORECASE),
        )
        for name, k in raw["kinds"].items()
    )
    stems = tuple(literal_stems(k["patterns"]) for k in raw["kinds"].values())
    more = tuple(
        search_stems("|".join(k["patterns"])) if st is None else None
        for st, k in zip(stems, raw["kinds"].values(), strict=True)
    )
    return WeaponData(
        kinds=kinds,
        stems=stems,
        search_stems=more,
        # Scan.may_match(literal stems), else Scan.may_search(search stems)
        table=StemTable(
            [
                (st, False) if st is not None else (m, True)
                for st, m in zip(stems, more, strict=True)
            ]
        ),
        groups={name: str(k["group"]) for name, k in raw["kinds"].items()},
        before=tuple(re.compile(p, re.IGNORECASE) for p in raw["not_used"]["before"]),
        after=tuple(re.compile(p, re.IGNORECASE) for p in raw["not_used"]["after"]),
        munitions=frozenset(raw["carried"]["munitions"]),
        platform_groups=frozenset(raw["carried"]["platform_groups"]),
        munition_first=tuple(
            re.compile(p, re.IGNORECASE) for p in raw["carried"]["munition_first"]
        ),
        platform_first=tuple(
            re.compile(p, re.IGNORECASE) for p in raw["carried"]["platform_first"]
        ),
    )


def weapon_group(kind: str) -> str:
    """The group of a weapon kind ("mortar" -> "heavy_fire"); an unknown kind is its own group."""
    return weapon_data().groups.get(kind, kind)


def weapon_kinds() -> tuple[str, ...]:
    """Every weapon kind, in the data file's order."""
    return tuple(name for name, _ in weapon_data().kinds)


def _used(text: str, start: int, end: int) -> bool:
    """The words at ``start:end`` name a weapon used, not a target, a stock or a name."""
    wd = weapon_data()
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return not any(p.search(before) for p in wd.before) and not any(
        p.search(after) for p in wd.after
    )


def find_weapons(text: str, offset: int = 0) -> list[Weapon]:
    """The weapons named in ``text``, in text order; spans are ``offset`` + index in ``text``.

    Where matches of several kinds overlap the longest wins ("tank shells" is
    ``tank``, not ``shelling``), then the earliest.
    """
    wd = weapon_data()
    found = [
        (m.start(), m.end(), name)
        for name, pat in map(wd.kinds.__getitem__, wd.table.passing(scan(text)))
        for m in pat.finditer(text)
        if m.end() > m.start()
    ]
    found.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: list[tuple[int, int, str]] = []
    for s, e, name in found:
        if all(e <= ts or s >= te for ts, te, _ in taken):
            taken.append((s, e, name))
    used = [(s, e, name) for s, e, name in sorted(taken) if _used(text, s, e)]
    carried = _carried(text, used)
    return [
        Weapon(name, Span(offset + s, offset + e, text[s:e]))
        for k, (s, e, name) in enumerate(used)
        if k not in carried
    ]


def carried(first: str, second: str, between: str) -> bool:
    """Of two weapon kinds named in this order with ``between`` between them, is one
    a munition fired from the other ("rockets launched from a helicopter", "helicopters
    fired missiles")?  Then the platform names the weapon."""
    wd = weapon_data()
    if first in wd.munitions and weapon_group(second) in wd.platform_groups:
        return any(p.match(between) for p in wd.munition_first)
    if weapon_group(first) in wd.platform_groups and second in wd.munitions:
        return any(p.match(between) for p in wd.platform_first)
    return False


def _carried(text: str, found: list[tuple[int, int, str]]) -> set[int]:
    """Indexes of munitions fired from a platform next to them: the platform names
    the weapon, the munition is what it fired."""
    wd = weapon_data()
    out: set[int] = set()
    for k in range(len(found) - 1):
        (_, e1, n1), (s2, _, n2) = found[k], found[k + 1]
        if carried(n1, n2, text[e1:s2]):
            out.add(k if n1 in wd.munitions else k + 1)
    return out


@dataclass(frozen=True)
class UseData:
    """The ``use`` section of data/weapons.yaml: the words that say whose weapon it is."""

    clause_end: re.Pattern[str]
    response_before: re.Pattern[str]
    attack_marker: re.Pattern[str]
    response_after: re.Pattern[str]
    against_before: re.Pattern[str]
    against_after: re.Pattern[str]
    not_a_name: frozenset[str]
    own_weapon: re.Pattern[str]
    own_response: re.Pattern[str]


@lru_cache(maxsize=1)
def use_data() -> UseData:
    raw = load("weapons")["use"]

    def rx(p: str) -> re.Pattern[str]:
        return re.compile(p, re.IGNORECASE)

    return UseData(
        clause_end=re.compile(raw["clause_end"]),
        response_before=rx(raw["response"]["before"]),
        attack_marker=rx(raw["response"]["attack_marker"]),
        response_after=rx(raw["response"]["after"]),
        against_before=rx(raw["against_before"]),
        against_after=rx(raw["against_after"]),
        not_a_name=frozenset(w.lower() for w in raw["not_a_name"]),
        own_weapon=rx(raw["own_weapon"]),
        own_response=rx(raw["own_response"]),
    )


def weapon_uses(claim: Claim, source: Source, registry: Registry) -> tuple[Weapon, ...]:
    """The claim's weapons with whose they are: ``response``, ``user`` and ``target``.

    Each weapon is read on its clause of the claim's cue and content, its parties
    looked up in ``registry`` (the run's, with a user's sources), with the claim's
    roles and ``source`` (the speaker).  Which roles the claim asserts, the
    own-side pronoun rule and which speakers are not belligerents are the
    comparison's (claimdiff.compare), so that both read the claim alike.
    """
    from ..compare.common import asserted, claim_region, lexicon
    from ..compare.roles import actor_party

    off, text = claim_region(claim)
    sources = {claim.source_id: source}
    roles = [
        (r.role, actor_party(claim, r, sources)) for r in claim.roles if asserted(claim, r.span)
    ]
    belligerent = source.party not in lexicon().self_speaking
    out = []
    for w in claim.weapons:
        s, e = w.span.start - off, w.span.end - off
        if s < 0 or e > len(text):
            out.append(w)  # outside the words the comparison reads
            continue
        response, user, target = _use(text, s, e, roles, source.party, belligerent, registry)
        out.append(replace(w, response=response, user=user, target=target))
    return tuple(out)


def _use(
    text: str,
    s: int,
    e: int,
    roles: list[tuple[str, str]],
    speaker: str,
    belligerent: bool,
    registry: Registry,
) -> tuple[bool, str, str]:
    """(response, user, target) of the weapon at ``text[s:e]``; ``roles`` are the
    claim's asserted (role, party) pairs, ``speaker`` the speaking party."""
    ud = use_data()
    clause = ud.clause_end.split(text[:s])[-1]
    rest = ud.clause_end.split(text[e:])[0]
    hits = [m.end() for m in ud.response_before.finditer(clause)]
    marks = [m.end() for m in ud.attack_marker.finditer(clause)]
    response = bool(hits) and (not marks or max(hits) > max(marks))
    response = response or bool(ud.response_after.match(rest))
    responders = {p for r, p in roles if r in ("responder", "target") and p != "unknown"}
    target = "unknown"
    before_hit = ud.against_before.search(clause)
    after_hit = ud.against_after.match(rest)
    used_on = before_hit is not None or after_hit is not None
    if used_on and len(responders) == 1:
        target = next(iter(responders))
    elif used_on and not responders:
        # No roles: the party named where the weapon landed ("slammed into an
        # outpost used by the troops", "the troops ... came under fire from").
        if before_hit is not None:
            where = clause[: before_hit.start()]
        else:
            where = rest[after_hit.end() :] if after_hit is not None else ""
        target = registry.party_of(" ".join(where.split()[:8])) or "unknown"
    user = _named_party(clause, registry)
    if user == "unknown" and not used_on:
        # "the troops then pounded the ridge with tank fire": the clause's
        # subject, named in its first words.
        user = _named_party(" ".join(clause.split()[:3]) + " ", registry)
    if not response and user == "unknown" and belligerent and ud.own_weapon.search(clause):
        user = speaker  # "its artillery", "our drones": the speaker's own weapon
    elif not response and user == "unknown" and target == "unknown" and belligerent:
        # A belligerent naming a weapon without its user ("mortar rounds were fired
        # from the hills to the south") tells of one used on it, not of its own.
        target = speaker
    if response and user == "unknown":
        own = {p for r, p in roles if r == "responder" and p != "unknown"}
        if len(own) == 1:
            user = next(iter(own))
        elif ud.own_response.search(clause + " " + rest):
            user = speaker if belligerent else "unknown"
    if user == target:
        user = "unknown"
    return response, user, target


def _named_party(before: str, registry: Registry) -> str:
    """The party named in the (up to three) words just before a weapon word ("US
    helicopters", "Turkish drone")."""
    stop = use_data().not_a_name
    words: list[str] = []
    for w in reversed(before.split()[-3:] if before.endswith((" ", "\n")) else []):
        if w.lower() in stop or w.endswith(","):
            break
        words.insert(0, w)
    if not words:
        return "unknown"
    return registry.party_of(" ".join(words)) or "unknown"
