"""Where it happened: sources that put the same event in different places.

Two checks, both between claims that tell the same kind of event
(``event_families``):

- distances to the same landmark ("2 km from the border" / "30 km from the
  border"): compared in kilometres with rounding slack (8 km = 5 miles, see
  guards.same_distance); far apart -> ``contradicts``, medium.  Distances to
  different landmarks are not compared.
- place names: each of the two claims names one place, both are towns,
  cities or villages in the gazetteer, and they differ -> ``contradicts``,
  medium.  A governorate or region is not in conflict with a town inside it,
  nor a site (base, dam) with the town it lies near; places the gazetteer does
  not list are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..models import Claim, Contradiction, Distance, Incident, Source, Span
from .common import claim_region, cross_pairs, families, finding, is_negative, party_of, side_key
from .explain import quote, says, sentence, side_names
from .guards import different_times, same_distance

# "2 km from the border", "six miles north of the dam": the landmark's head noun.
_ANCHOR = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:from|of|outside|inside|into)\s+(?:the\s+|a\s+)?((?:[\w'’“”-]+\s+){0,4}?[\w'’-]+)\b"
)
DISTANCE_FAR_RATIO = 2.0


def anchor(claim: Claim, d: Distance) -> str | None:
    """The last word of the landmark a distance is measured from, lower-cased."""
    sent = claim.sentence
    rel = d.span.end - sent.start
    if rel < 0 or rel > len(sent.text):
        return None
    m = _ANCHOR.match(sent.text[rel : rel + 80])
    if not m:
        return None
    words = re.findall(r"[\w'-]+", m.group(1).lower())
    return words[-1] if words else None


# Place kinds that are points on a map: two of them cannot both be "where it
# happened".  A governorate or region contains places; a site (base, dam,
# airport) lies near a town and is often named with it.
POINT_KINDS = frozenset({"city", "town", "village"})


def _place_lookup() -> Callable[[str, str], bool] | None:
    """ "Are these two distinct places, neither inside the other?" from the frames' gazetteer."""
    try:
        from ..frames.places import place_info
    except Exception:  # noqa: BLE001 - no gazetteer: place names are not compared
        return None

    def disjoint(a: str, b: str) -> bool:
        pa, pb = place_info(a), place_info(b)
        if pa is None or pb is None or pa.name == pb.name:
            return False
        return pa.kind in POINT_KINDS and pb.kind in POINT_KINDS

    return disjoint


def find_location_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    asserted = [
        c for c in claims if not is_negative(c) and (c.distances or c.places) and c.event_types
    ]
    found: dict[
        tuple[str, str, str], tuple[list[tuple[Claim, Span]], list[tuple[Claim, Span]]]
    ] = {}
    disjoint = _place_lookup()
    for a, b in cross_pairs(asserted, sources):
        if not families(a.event_types) & families(b.event_types) or different_times(a, b):
            continue
        for da in a.distances:
            for db in b.distances:
                aa, ab = anchor(a, da), anchor(b, db)
                if aa is None or aa != ab or same_distance(da.km, db.km):
                    continue
                if max(da.km, db.km) / max(min(da.km, db.km), 0.1) < DISTANCE_FAR_RATIO:
                    continue
                ia, ib = found.setdefault(
                    (side_key(a, sources), side_key(b, sources), f"distance/{aa}"), ([], [])
                )
                ia.append((a, da.span))
                ib.append((b, db.span))
        # Each names one place: a claim naming several may be giving a route or a region.
        one_each = len(a.places) == 1 and len(b.places) == 1
        if disjoint is not None and one_each and disjoint(a.places[0], b.places[0]):
            spans_a, spans_b = _place_spans(a), _place_spans(b)
            if spans_a and spans_b:
                ia, ib = found.setdefault(
                    (side_key(a, sources), side_key(b, sources), "place"), ([], [])
                )
                ia.extend((a, s) for s in spans_a)
                ib.extend((b, s) for s in spans_b)
    out = []
    for (ka, kb, detail), (ia, ib) in sorted(found.items()):
        # A place name needs its preposition ("in “Hamra”"); a distance carries its own.
        where = "in " if detail == "place" else ""
        explanation = sentence(
            f"{says(side_names([c for c, _ in ia], sources))} it happened {where}{quote(s for _, s in ia)}",
            f"{says(side_names([c for c, _ in ib], sources))} {where}{quote(s for _, s in ib)}",
        )
        out.append(
            finding(
                incident,
                "location",
                detail,
                "contradicts",
                "medium",
                (ka, ia),
                (kb, ib),
                explanation,
                (party_of(ia[0][0], sources), party_of(ib[0][0], sources)),
            )
        )
    return out


def _place_spans(claim: Claim) -> list[Span]:
    """Where the claim's place names are written (first occurrence of each)."""
    off, text = claim_region(claim)
    spans = []
    for p in claim.places:
        i = text.lower().find(p.lower())
        if i >= 0:
            spans.append(Span(off + i, off + i + len(p), text[i : i + len(p)]))
    return spans
