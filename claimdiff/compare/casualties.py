"""Casualty figures: same category and same victim group only.

For one category (killed, injured, ...) and one victim group (civilians, a
party's forces), two sides' figures are intervals (``low``..``high``, ``high``
None when open-ended):

- intervals that cannot both hold ("no civilians were killed" / "12
  civilians were killed") -> ``contradicts``;
- intervals that can both hold but differ in magnitude ("more than 50" /
  "hundreds": the lower bounds differ by half or more) -> ``diverges``, low;
- the same figure in other words ("over 30" / "more than 30") or one
  inside the other ("several" / "three") -> nothing.

A group inside another ("children" in "civilians", from the frames' group
hierarchy) is compared only for a part larger than the whole.

Who the dead were: one side counts them as fighters ("killed nine insurgents",
"two SDF fighters") and another says they were not ("all the victims were
civilians", "no fighters were among the dead", "none of the dead was a member
of an armed group") -> ``contradicts``, high (detail ``killed/combatants``).  A
side's figure for its own forces ("one of its soldiers was killed") does not
count: it says nothing of whom the other side's dead were.  Two
sides giving figures for two groups ("five militants" / "two civilians") are
not compared: both can hold.

Guards: a figure with no victim group is not compared (whose dead?); a side
that agrees with the other in any one figure is not flagged; a higher figure
marked as an update ("the toll rose to 14") is an update, not a contradiction;
a cumulative count ("since the start of the war") is not an incident's toll;
figures about different years are not compared.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Casualty, Claim, Contradiction, Incident, Source, Span
from .common import (
    asserted,
    claim_region,
    finding,
    is_combatant_figure,
    lexicon,
    may_compare,
    party_of,
    side_key,
    span_at,
)
from .explain import party_label, quote, says, sentence, side_names
from .guards import different_places, different_times

# "more than 100" vs "hundreds": lower bounds this far apart are a different magnitude.
DIVERGENCE_RATIO = 1.5
# A gap this large between disjoint killed counts is high severity.
HIGH_SEVERITY_RATIO = 2.0

Figure = tuple[Claim, Casualty]


_PROPER = {"us": "US", "uk": "UK", "sdf": "SDF", "isis": "ISIS"}


def group_label(group: str) -> str:
    """A victim group id as words: "pro-regime-forces" -> "pro-regime forces"."""
    if group.endswith("-forces") and group[: -len("-forces")] in lexicon().party_labels:
        return party_label(group[: -len("-forces")])
    words = group.split("-")
    if words[-1] in ("forces", "workers", "contractors") and len(words) > 1:
        words = ["-".join(words[:-1]), words[-1]]
    return " ".join(
        _PROPER.get(
            w,
            w.capitalize()
            if w in ("turkish", "russian", "iranian", "syrian", "french", "british", "american")
            else w,
        )
        for w in words
    )


def _hi(c: Casualty) -> float:
    return float("inf") if c.high is None else c.high


def _is_update(claim: Claim) -> bool:
    return bool(lexicon().update.search(claim_region(claim)[1]))


def relation(a: Figure, b: Figure) -> str:
    """``same``, ``update``, ``diverges`` or ``contradicts`` for two figures."""
    (ca, fa), (cb, fb) = a, b
    lo_a, lo_b = fa.low or 0, fb.low or 0
    if (lo_a, fa.high) == (lo_b, fb.high):
        return "same"
    if lo_a <= _hi(fb) and lo_b <= _hi(fa):
        small, big = sorted((lo_a, lo_b))
        return "diverges" if small > 0 and big / small >= DIVERGENCE_RATIO else "same"
    higher = ca if lo_a > lo_b else cb
    if _is_update(higher):
        return "update"
    return "contradicts"


def severity(category: str, pairs: list[tuple[Figure, Figure]]) -> str:
    if category != "killed":
        return "medium"
    for (_, fa), (_, fb) in pairs:
        lo, hi = sorted(((fa.low or 0, _hi(fa)), (fb.low or 0, _hi(fb))))
        if lo[1] == 0 or hi[0] / max(lo[1], 1) >= HIGH_SEVERITY_RATIO:
            return "high"
    return "medium"


def find_casualty_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    figures: dict[str, dict[tuple[str, str], list[Figure]]] = defaultdict(lambda: defaultdict(list))
    party: dict[str, str] = {}
    cumulative = lexicon().cumulative
    for c in claims:
        if not c.casualties or cumulative.search(claim_region(c)[1]):
            continue
        key = side_key(c, sources)
        party[key] = party_of(c, sources)
        for f in c.casualties:
            if f.group is None or f.low is None or not asserted(c, f.span):
                continue
            figures[key][(f.category, f.group)].append((c, f))
    out: list[Contradiction] = []
    keys = sorted(figures)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            for what_a, what_b in _comparable_keys(figures[a], figures[b]):
                pairs = [
                    (fa, fb)
                    for fa in figures[a][what_a]
                    for fb in figures[b][what_b]
                    if may_compare(fa[0], fb[0], sources)
                    and not different_times(fa[0], fb[0])
                    and not different_places(fa[0], fb[0])
                ]
                if not pairs:
                    continue
                if what_a == what_b:
                    rels = [(relation(fa, fb), fa, fb) for fa, fb in pairs]
                else:
                    rels = [(_nested_relation(fa, fb, what_a, what_b), fa, fb) for fa, fb in pairs]
                if any(r in ("same", "update") for r, _, _ in rels):
                    continue
                rel = "diverges" if any(r == "diverges" for r, _, _ in rels) else "contradicts"
                chosen = [(fa, fb) for r, fa, fb in rels if r == rel]
                what = what_a if what_a == what_b else (what_a[0], f"{what_a[1]}|{what_b[1]}")
                out.append(_finding(incident, what, rel, a, b, chosen, party, sources))
    out.extend(_who_died(incident, claims, sources))
    return out


def _not_combatants(claim: Claim) -> Span | None:
    """The words saying the dead were not fighters ("all the victims were civilians")."""
    off, text = claim_region(claim)
    m = lexicon().not_combatants.search(text)
    if m is None:
        return None
    return span_at(claim, off + m.start(), off + m.end())


def _who_died(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    """One side counts the dead as fighters, another says they were not fighters."""
    cumulative = lexicon().cumulative
    fighters: dict[str, list[tuple[Claim, Span]]] = defaultdict(list)
    denials: dict[str, list[tuple[Claim, Span]]] = defaultdict(list)
    for c in claims:
        if cumulative.search(claim_region(c)[1]):
            continue
        key = side_key(c, sources)
        own = _own_group(party_of(c, sources))
        for f in c.casualties:
            if (
                f.category == "killed"
                and (f.low or 0) >= 1
                and is_combatant_figure(f)
                and not (own and f.group and own in _ancestors(f.group))
                and asserted(c, f.span)
            ):
                fighters[key].append((c, f.span))
        words = _not_combatants(c)
        if words is not None and asserted(c, words):
            denials[key].append((c, words))
    out = []
    for kf, said in sorted(fighters.items()):
        for kd, denied in sorted(denials.items()):
            if kf == kd or kd in fighters:
                continue  # a side that counts fighters itself is not denying them
            pairs = [
                (x, y)
                for x in said
                for y in denied
                if may_compare(x[0], y[0], sources)
                and not different_times(x[0], y[0])
                and not different_places(x[0], y[0])
            ]
            if not pairs:
                continue
            items_f = list(dict.fromkeys(x for x, _ in pairs))
            items_d = list(dict.fromkeys(y for _, y in pairs))
            explanation = sentence(
                f"{says(side_names([c for c, _ in items_f], sources))} fighters were killed "
                f"({quote(s for _, s in items_f)})",
                f"{says(side_names([c for c, _ in items_d], sources))} the dead were not fighters "
                f"({quote(s for _, s in items_d)}): both cannot be right",
            )
            out.append(
                finding(
                    incident,
                    "casualties",
                    "killed/combatants",
                    "contradicts",
                    "high",
                    (kf, items_f),
                    (kd, items_d),
                    explanation,
                    (party_of(items_f[0][0], sources), party_of(items_d[0][0], sources)),
                )
            )
    return out


def _own_group(party: str) -> str | None:
    """The victim group of ``party``'s own forces: a side reporting its own losses
    ("one of our soldiers was killed") is not saying who the other side killed."""
    try:
        from ..frames.casualties import patterns

        return patterns().party_groups.get(party)
    except Exception:  # noqa: BLE001 - no frames data: no group is a side's own
        return None


def _ancestors(group: str) -> list[str]:
    try:
        from ..frames.casualties import group_ancestors

        return list(group_ancestors(group))
    except Exception:  # noqa: BLE001 - no group hierarchy: groups compare only when equal
        return [group]


def _comparable_keys(
    fa: dict[tuple[str, str], list[Figure]], fb: dict[tuple[str, str], list[Figure]]
) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Same category, and the same group or one group inside the other ("children" in "civilians")."""
    out = []
    for ka in sorted(fa):
        for kb in sorted(fb):
            if ka[0] != kb[0]:
                continue
            if ka[1] == kb[1] or ka[1] in _ancestors(kb[1]) or kb[1] in _ancestors(ka[1]):
                out.append((ka, kb))
    return out


def _nested_relation(a: Figure, b: Figure, what_a: tuple[str, str], what_b: tuple[str, str]) -> str:
    """A part cannot outnumber the whole: "no civilians" vs "three children" contradicts;
    "20 civilians" vs "five children" is not a conflict (and not a divergence)."""
    (whole, part) = (a, b) if what_a[1] in _ancestors(what_b[1]) else (b, a)
    if _hi(whole[1]) < (part[1].low or 0):
        return "update" if _is_update(part[0]) else "contradicts"
    return "same"


def _finding(
    incident: Incident,
    what: tuple[str, str],
    rel: str,
    key_a: str,
    key_b: str,
    pairs: list[tuple[Figure, Figure]],
    party: dict[str, str],
    sources: dict[str, Source],
) -> Contradiction:
    category, group = what
    items_a = [(c, f.span) for (c, f), _ in pairs]
    items_b = [(c, f.span) for _, (c, f) in pairs]
    first = f"{says(side_names([c for c, _ in items_a], sources))} {quote(s for _, s in items_a)}"
    second = f"{says(side_names([c for c, _ in items_b], sources))} {quote(s for _, s in items_b)}"
    tail = (
        f"the figures for {group_label(group)} {category} cannot both be right"
        if rel == "contradicts"
        else f"the figures for {group_label(group)} {category} can both hold but differ in magnitude"
    )
    explanation = sentence(first, f"{second}: {tail}")
    sev = severity(category, pairs) if rel == "contradicts" else "low"
    return finding(
        incident,
        "casualties",
        f"{category}/{group}",
        rel,
        sev,
        (key_a, items_a),
        (key_b, items_b),
        explanation,
        (party[key_a], party[key_b]),
    )
