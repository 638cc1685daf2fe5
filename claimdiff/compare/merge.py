"""One flag per dispute: findings of one incident that tell the same disagreement.

The detectors find disagreements side by side: when each source is a side of its
own (a witness, a hospital, an unnamed official), one dispute ("air strike" /
"artillery") told by three sources on each side is nine findings.  A fact-checker
wants one, with every claim of each side as evidence.  Two findings are the same
dispute when they are of one incident, one aspect and one relation, and their
readings agree side for side (in either order):

- weapons: the same weapon groups on each side (asserted or denied);
- casualties: the same category and victim group on each side, with figures
  that may be the same count (overlapping intervals);
- time: the same dates on each side;
- confirmation: the same event family denied the same way, or the same denial
  (any report of the event it denies);
- identity: the same denial of a party's part, against whoever names that party.

Other aspects are never merged here.  The first finding keeps its id (ids stay
stable as sources are added), takes the others' claims and evidence and the
strongest severity; its explanation names the sources that joined each side.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import Any, NamedTuple

from ..models import Claim, Contradiction, EvidenceSpan, Source
from .common import denial_kind
from .confirmation import denial_of, report_of
from .explain import says, side_names, source_name
from .time import _day
from .weapons import _group, read_weapons

# What one side says: a hashable summary (weapon groups, dates, event family); for
# casualties ((category, group), (low, high)) pairs, whose figures are compared
# by overlap.
Side = Hashable
Reading = tuple[Side, Side]


def _claims(k: Contradiction, n: int, by_id: dict[str, Claim]) -> list[Claim]:
    return [by_id[c] for c in k.sides[n] if c in by_id]


def _inside(span_start: int, span_end: int, ev: EvidenceSpan) -> bool:
    return ev.span.start <= span_start and span_end <= ev.span.end


def _weapon_side(k: Contradiction, n: int, by_id: dict[str, Claim]) -> Side:
    """The weapon groups a side's evidence names, each marked asserted or denied."""
    out = set()
    for ev in k.evidence[n]:
        claim = by_id.get(ev.claim_id)
        if claim is None:
            continue
        denied = {s for _, s in read_weapons(claim).denied}
        for w in claim.weapons:
            if _inside(w.span.start, w.span.end, ev):
                out.add((_group(w.kind), ev.span in denied))
    return frozenset(out)


def _time_side(k: Contradiction, n: int, by_id: dict[str, Claim]) -> Side:
    """The dates a side's evidence gives."""
    out = set()
    for ev in k.evidence[n]:
        claim = by_id.get(ev.claim_id)
        for t in claim.times if claim else ():
            if t.span == ev.span and (d := _day(t)) is not None:
                out.add(d)
    return frozenset(out)


def _casualty_side(k: Contradiction, n: int, by_id: dict[str, Claim]) -> Side:
    """(category, group) of the figures a side's evidence gives, with their widest interval."""
    found: dict[tuple[str, str | None], tuple[float, float]] = {}
    for ev in k.evidence[n]:
        claim = by_id.get(ev.claim_id)
        for f in claim.casualties if claim else ():
            if f.span != ev.span:
                continue
            low = 0 if f.low is None else f.low
            high = float("inf") if f.high is None else f.high
            lo, hi = found.get((f.category, f.group), (low, high))
            found[(f.category, f.group)] = (min(lo, low), max(hi, high))
    return tuple(sorted(found.items(), key=lambda x: (x[0][0], x[0][1] or "")))


class Denial(NamedTuple):
    """The denying side of a confirmation or identity finding, as merging compares it."""

    family: str  # the event family denied ("" for a denied part in it: identity)
    how: str  # how it is denied (denial_of's kind; "" for identity)
    claims: frozenset[str]  # the denying claims' ids


def _confirmation(k: Contradiction, by_id: dict[str, Claim]) -> Reading | None:
    """(the report, the denial): a confirmation finding sets the reporting side (first)
    against the denying side (second)."""
    told: set[str] = set()
    for c in _claims(k, 0, by_id):
        told |= set(report_of(c))
    denied: set[tuple[str, str]] = set()
    deniers: set[str] = set()
    for c in _claims(k, 1, by_id):
        d = denial_of(c)
        if d is not None:
            deniers.add(c.id)
            denied |= {(fam, d[0]) for fam in d[2] if fam in told}
    if not denied:
        return None
    fam, how = min(denied)
    return ("report",), Denial(fam, how, frozenset(deniers))


def _responsibility(k: Contradiction, by_id: dict[str, Claim]) -> Reading | None:
    """(the accusation, the denial): an identity finding whose second side only denies
    its party's part ("denied that its jets took part") against those naming it."""
    deniers = _claims(k, 1, by_id)
    if not deniers or any(denial_kind(c) is None for c in deniers):
        return None
    return ("accuse",), Denial("", "", frozenset(c.id for c in deniers))


def reading(k: Contradiction, by_id: dict[str, Claim]) -> Reading | None:
    """What each side of ``k`` says, as compared when merging; None: never merged."""
    if k.type == "confirmation":
        return _confirmation(k, by_id)
    if k.type == "identity":
        return _responsibility(k, by_id)
    side = {"weapons": _weapon_side, "time": _time_side, "casualties": _casualty_side}.get(k.type)
    if side is None:
        return None
    a, b = side(k, 0, by_id), side(k, 1, by_id)
    return (a, b) if a and b else None


def _agree(kind: str, x: Side, y: Side) -> bool:
    """Two readings of one side tell the same thing: equal; for casualties the same
    categories and groups with figures that may be one count; for a denial
    (confirmation, identity) a denying claim in common, or for confirmation the same
    event family denied the same way."""
    if isinstance(x, Denial) and isinstance(y, Denial):
        # One denial is one dispute, whichever of the event's words each report used
        # ("an attack" / "a drone strike" against "there was no attack"); two
        # denials of the same event family the same way are one too.
        same_family = kind == "confirmation" and (x.family, x.how) == (y.family, y.how)
        return same_family or bool(x.claims & y.claims)
    if kind != "casualties":
        return x == y
    if [w for w, _ in x] != [w for w, _ in y]:  # type: ignore[union-attr]
        return False
    return all(
        lo1 <= hi2 and lo2 <= hi1
        for (_, (lo1, hi1)), (_, (lo2, hi2)) in zip(x, y, strict=True)  # type: ignore[arg-type]
    )


def _orientation(kind: str, keep: Reading, other: Reading) -> bool | None:
    """False: the sides agree in order; True: crossed; None: a different dispute."""
    if _agree(kind, keep[0], other[0]) and _agree(kind, keep[1], other[1]):
        return False
    if _agree(kind, keep[0], other[1]) and _agree(kind, keep[1], other[0]):
        return True
    return None


def merge_disputes(
    findings: list[Contradiction], claims: dict[str, Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    """``findings`` (in order) with those telling one dispute merged into the first."""
    kept: list[tuple[Contradiction, Reading | None, Contradiction]] = []  # (merged, reading, first)
    for k in findings:
        r = reading(k, claims)
        for n, (m, mr, first) in enumerate(kept):
            if (
                r is None
                or mr is None
                or (m.incident_id, m.type, m.relation) != (k.incident_id, k.type, k.relation)
            ):
                continue
            flip = _orientation(k.type, mr, r)
            if flip is None:
                continue
            kept[n] = (_join(m, crossed(k) if flip else k, first, claims, sources), mr, first)
            break
        else:
            kept.append((k, r, k))
    return [m for m, _, _ in kept]


def evidence_union(
    keep: tuple[EvidenceSpan, ...], other: tuple[EvidenceSpan, ...]
) -> tuple[EvidenceSpan, ...]:
    """``keep`` and the spans of ``other`` it does not already cover (nor another
    added span of the same claim)."""

    def covered(e: EvidenceSpan) -> bool:
        return any(
            k.claim_id == e.claim_id and k.span.start <= e.span.start and e.span.end <= k.span.end
            for k in keep
        )

    added = [e for e in other if not covered(e) and e not in keep]
    added = [
        e
        for e in added
        if not any(
            a != e
            and a.claim_id == e.claim_id
            and a.span.start <= e.span.start
            and e.span.end <= a.span.end
            for a in added
        )
    ]
    return tuple(
        sorted((*keep, *added), key=lambda e: (e.article_id, e.span.start, e.span.end, e.claim_id))
    )


def crossed(k: Contradiction) -> Contradiction:
    """``k`` with its two sides swapped."""
    return replace(
        k,
        sides=(k.sides[1], k.sides[0]),
        evidence=(k.evidence[1], k.evidence[0]),
        parties=(k.parties[1], k.parties[0]),
    )


_SEVERITY_RANK = {"high": 2, "medium": 1, "low": 0}


def combined(keep: Contradiction, other: Contradiction) -> Contradiction:
    """``keep`` with ``other``'s claims, the evidence words it adds and the higher
    severity (``other``'s sides already facing ``keep``'s); id, type, relation,
    parties and explanation stay ``keep``'s."""
    sides = tuple(
        tuple(sorted(set(k) | set(o))) for k, o in zip(keep.sides, other.sides, strict=True)
    )
    evidence = tuple(
        evidence_union(k, o) for k, o in zip(keep.evidence, other.evidence, strict=True)
    )
    severity = max(keep.severity, other.severity, key=lambda s: _SEVERITY_RANK.get(s, 0))
    return replace(
        keep, severity=severity, sides=(sides[0], sides[1]), evidence=(evidence[0], evidence[1])
    )


def _join(
    keep: Contradiction,
    other: Contradiction,
    first: Contradiction,
    claims: dict[str, Claim],
    sources: dict[str, Source],
) -> Contradiction:
    """``keep`` with ``other``'s claims and evidence (sides already facing)."""
    merged = combined(keep, other)
    return replace(merged, explanation=_explain(first, merged.sides, claims, sources))


def _explain(
    first: Contradiction,
    sides: tuple[tuple[str, ...], tuple[str, ...]],
    claims: dict[str, Claim],
    sources: dict[str, Source],
) -> str:
    """The first finding's explanation, then who else says the same on each side."""
    parts = []
    for n in (0, 1):
        seen = {claims[c].source_id for c in first.sides[n] if c in claims}
        added = []
        for c in sorted(
            (claims[c] for c in sides[n] if c in claims), key=lambda c: (c.article_id, c.start)
        ):
            if c.source_id not in seen:
                seen.add(c.source_id)
                added.append(source_name(c, sources))
        if added:
            lead = side_names([claims[c] for c in first.sides[n] if c in claims], sources)
            parts.append(f"{says(_listing(added))} the same as {lead}")
    if not parts:
        return first.explanation
    text = "; ".join(parts)
    return f"{first.explanation} {text[0].upper()}{text[1:]}."


def _listing(names: list[str], limit: int = 4) -> str:
    """ "A", "A and B", "A, B and C", "A, B, C and 2 others"."""
    if len(names) > limit:
        names = [*names[: limit - 1], f"{len(names) - limit + 1} others"]
    if len(names) == 1:
        return names[0]
    return f"{', '.join(names[:-1])} and {names[-1]}"


__all__ = ["combined", "crossed", "evidence_union", "merge_disputes", "reading"]


_RELATION_RANK = {"contradicts": 2, "diverges": 1, "unconfirmed": 0}


def merge_readers(found: dict[Any, list[Contradiction]], readers: Sequence[Any]) -> None:
    """A finding of a later (less specific) reader in ``readers`` that sets the same
    claims against each other as an earlier one's is merged into it (its claims and
    evidence added), in place. Never into a finding of a weaker relation ("diverges"
    does not take in a "contradicts")."""
    for i, lesser in enumerate(readers):
        kept = []
        for k in found.get(lesser, []):
            for better in readers[:i]:
                items = found.get(better, [])
                j = next((n for n, b in enumerate(items) if _same_dispute(b, k)), None)
                if j is not None:
                    items[j] = _merged(items[j], k)
                    break
            else:
                kept.append(k)
        if lesser in found:
            found[lesser] = kept


def _same_dispute(keep: Contradiction, other: Contradiction) -> bool:
    """Both findings set a claim of one side against a claim of the other, the same
    claims (in either order), and ``keep`` is at least as strong a relation."""
    if _RELATION_RANK[keep.relation] < _RELATION_RANK[other.relation]:
        return False
    (ka, kb), (oa, ob) = keep.sides, other.sides
    return bool(set(ka) & set(oa) and set(kb) & set(ob)) or bool(
        set(ka) & set(ob) and set(kb) & set(oa)
    )


def _facing(keep: Contradiction, other: Contradiction) -> Contradiction:
    """``other`` with its sides in ``keep``'s order."""
    if set(keep.sides[0]) & set(other.sides[0]) and set(keep.sides[1]) & set(other.sides[1]):
        return other
    return crossed(other)


def _merged(keep: Contradiction, other: Contradiction) -> Contradiction:
    """``keep`` with ``other``'s claims and the evidence words it adds (words inside
    ``keep``'s own evidence for the same claim add nothing), the higher severity,
    and ``other``'s explanation after its own when ``other`` brings claims."""
    other = _facing(keep, other)
    merged = combined(keep, other)
    if merged.sides != keep.sides:
        merged = replace(merged, explanation=f"{keep.explanation} {other.explanation}")
    return merged
