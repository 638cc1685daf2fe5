"""When it happened: sources that date the same event to different days.

Only full dates (``TimeRef.value`` like ``2021-03-08``, normalised by the
frames against each article's publication date) are compared, between claims
that tell the same kind of event.  Dates one to ``MAX_DAYS`` days apart ->
``contradicts``, medium.  Further apart, the claims are about different events
(a grouping matter, not a dispute); in different years, the time guard applies.

A date attached to a toll update ("the death toll rose to eleven on Friday", "climbed
on Wednesday to nine") dates the update, not the event, and is not compared:
a later, higher toll is an update, never a time contradiction.
"""

from __future__ import annotations

from datetime import date

from ..models import Claim, Contradiction, Incident, Source, Span, TimeRef
from .common import (
    claim_region,
    cross_pairs,
    families,
    finding,
    is_negative,
    lexicon,
    party_of,
    side_key,
)
from .explain import quote, says, sentence, side_names

MAX_DAYS = 7


def _day(t: TimeRef) -> date | None:
    if not t.value or len(t.value) != 10:
        return None
    try:
        return date.fromisoformat(t.value)
    except ValueError:
        return None


def _dates_update(claim: Claim, t: TimeRef) -> bool:
    """The time dates a toll update ("rose to eleven on Friday"), not the event."""
    off, text = claim_region(claim)
    start = t.span.start - off
    if not 0 <= start <= len(text):
        return False
    # Only the time's own clause: "the strike on Monday killed four, and the toll
    # rose to seven on Wednesday" keeps Monday.
    before = text[:start]
    for stop in (";", ". "):
        before = before.rsplit(stop, 1)[-1]
    return bool(lexicon().update_time.search(before))


def event_days(claim: Claim) -> dict[date, TimeRef]:
    """The claim's full dates of the event itself (update dates left out)."""
    return {d: t for t in claim.times if (d := _day(t)) and not _dates_update(claim, t)}


def find_time_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    dated = [c for c in claims if not is_negative(c) and c.event_types and event_days(c)]
    found: dict[tuple[str, str], tuple[list[tuple[Claim, Span]], list[tuple[Claim, Span]]]] = {}
    for a, b in cross_pairs(dated, sources):
        if not families(a.event_types) & families(b.event_types):
            continue
        days_a, days_b = event_days(a), event_days(b)
        if set(days_a) & set(days_b):
            continue
        gap = min(abs((x - y).days) for x in days_a for y in days_b)
        if gap > MAX_DAYS:
            continue
        ia, ib = found.setdefault((side_key(a, sources), side_key(b, sources)), ([], []))
        ia.extend((a, t.span) for t in days_a.values())
        ib.extend((b, t.span) for t in days_b.values())
    out = []
    for (ka, kb), (ia, ib) in sorted(found.items()):
        explanation = sentence(
            f"{says(side_names([c for c, _ in ia], sources))} it happened {quote(s for _, s in ia)}",
            f"{says(side_names([c for c, _ in ib], sources))} {quote(s for _, s in ib)}",
        )
        out.append(
            finding(
                incident,
                "time",
                "",
                "contradicts",
                "medium",
                (ka, ia),
                (kb, ib),
                explanation,
                (party_of(ia[0][0], sources), party_of(ib[0][0], sources)),
            )
        )
    return out
