"""When it happened: sources that date the same event to different days.

Only full dates (``TimeRef.value`` like ``2021-03-08``, normalised by the
frames against each article's publication date) are compared, between claims
that tell the same kind of event.  Dates one to ``MAX_DAYS`` days apart ->
``contradicts``, medium.  Further apart, the claims are about different events
(a grouping matter, not a dispute); in different years, the time guard applies.

Only a date that dates the event is compared: one whose own clause tells an
event both claims tell ("the attack on Monday"), not a follow-up ("reinforcements
were sent in on Sunday night", "the wounded died in hospital last night") nor a
statement ("the toll the police gave on Friday").  Two claims that each name who
fired, and name different parties, date each party's own act, not one event.

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
    event_words,
    families,
    finding,
    is_negative,
    lexicon,
    party_of,
    side_key,
)
from .explain import quote, says, sentence, side_names
from .weapons import _different_shooters

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


def dated_families(claim: Claim, t: TimeRef) -> frozenset[str]:
    """The event families the time dates: those of the event words in its own clause
    ("reinforcements were sent in on Sunday night" dates a reinforcement, not the
    attack).  The clause ends at ``clause_break``; it starts after the last word of
    saying before the time, and a time right after one ("the toll the police gave on
    Friday") dates the statement: nothing.  Casualty words count only with a figure
    in the clause ("killing seven soldiers on Monday", not "visited the wounded on
    Thursday").  A claim with no event word the patterns can place keeps its event
    types' families."""
    off, text = claim_region(claim)
    start, end = t.span.start - off, t.span.end - off
    if not 0 <= start <= end <= len(text):
        return frozenset()
    lex = lexicon()
    lo = max((m.end() for m in lex.clause_break.finditer(text, 0, start)), default=0)
    hi = next((m.start() for m in lex.clause_break.finditer(text, end)), len(text))
    said = list(lex.statement_verbs.finditer(text, lo, start))
    if said:
        if lex.time_lead.fullmatch(text, said[-1].end(), start):
            return frozenset()
        lo = said[-1].end()
    words = event_words(claim)
    if not words:
        # No event word the patterns can place: the claim's own event types.
        return families(claim.event_types)
    inside = [kind for kind, s in words if off + lo <= s.start and s.end <= off + hi]
    fams = set(families(inside))
    if "casualties" in fams and not any(
        off + lo <= f.span.start and f.span.end <= off + hi for f in claim.casualties
    ):
        fams.discard("casualties")
    return frozenset(fams)


def _same_event_days(a: Claim, b: Claim) -> tuple[dict[date, TimeRef], dict[date, TimeRef]]:
    """The dates of each claim that date the same kind of event as a date of the other."""
    fams_a = {d: dated_families(a, t) for d, t in event_days(a).items()}
    fams_b = {d: dated_families(b, t) for d, t in event_days(b).items()}
    told_a = frozenset().union(*fams_a.values())
    told_b = frozenset().union(*fams_b.values())
    days_a = {d: t for d, t in event_days(a).items() if fams_a[d] & told_b}
    days_b = {d: t for d, t in event_days(b).items() if fams_b[d] & told_a}
    return days_a, days_b


def find_time_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    dated = [c for c in claims if not is_negative(c) and c.event_types and event_days(c)]
    found: dict[tuple[str, str], tuple[list[tuple[Claim, Span]], list[tuple[Claim, Span]]]] = {}
    for a, b in cross_pairs(dated, sources):
        if not families(a.event_types) & families(b.event_types):
            continue
        if _different_shooters(a, b, sources):
            continue  # each dates its own party's act; who attacked is the initiator's question
        days_a, days_b = _same_event_days(a, b)
        if not days_a or not days_b:
            continue
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
