"""Weapons a claim names for an event ("chlorine gas", "artillery shells",
"a drone strike"), each as a kind from data/weapons.yaml with its words.

A weapon word that is a target, a stock or part of a name ("shot down a
drone", "a chemical weapons depot", "the Prohibition of Chemical Weapons") is
not a weapon of the event and is left out.  Negated mentions ("no chemical
weapons were used") are kept: what a claim says about a weapon is read by the
comparison (claimdiff/compare/weapons.py), which sees the whole claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Span, Weapon
from ._data import load

# Characters of context the `not_used` patterns see on each side of a weapon word.
CONTEXT = 60


@dataclass(frozen=True)
class WeaponData:
    kinds: tuple[tuple[str, re.Pattern[str]], ...]
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
    return WeaponData(
        kinds=kinds,
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
    found = [
        (m.start(), m.end(), name)
        for name, pat in weapon_data().kinds
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
    a munition fired from the other ("missiles fired from a drone", "helicopters
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
