"""An incident's id, title, places, dates, parties and casualty summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..models import CasualtySummary, Claim, Incident, Source, stable_id
from . import frames as fr

MAX_TITLE = 110


def anchor_claim(claims: Sequence[Claim], published: Mapping[str, str | None]) -> Claim:
    """The first event claim of the earliest article: what the incident id hangs on.

    It depends only on the incident's own claims, so the id survives re-runs
    and articles added about other incidents.
    """

    def key(c: Claim) -> tuple[Any, ...]:
        return (
            not fr.is_eventive(c),
            published.get(c.article_id) or "9999",
            c.article_id,
            c.start,
            c.id,
        )

    return min(claims, key=key)


def casualty_summary(claims: Iterable[Claim]) -> tuple[CasualtySummary, ...]:
    """Per (category, victim group): the range over all sources' intervals and the lowest conservative figure."""
    acc: dict[tuple[str, str | None], dict[str, Any]] = {}
    for c in claims:
        for cas in c.casualties:
            a = acc.setdefault(
                (cas.category, cas.group),
                {"low": None, "high": 0, "open": False, "cons": None, "ids": set()},
            )
            if cas.low is not None:
                a["low"] = cas.low if a["low"] is None else min(a["low"], cas.low)
            if cas.high is None:
                a["open"] = True
            else:
                a["high"] = max(a["high"], cas.high)
            cons = cas.conservative if cas.conservative is not None else cas.low
            if cons is not None:
                a["cons"] = cons if a["cons"] is None else min(a["cons"], cons)
            a["ids"].add(c.id)
    out = [
        CasualtySummary(
            category=cat,
            group=group,
            low=a["low"],
            high=None if a["open"] else a["high"],
            conservative=a["cons"],
            claim_ids=tuple(sorted(a["ids"])),
        )
        for (cat, group), a in acc.items()
    ]
    out.sort(key=lambda s: (s.category, s.group or ""))
    return tuple(out)


def incident_dates(claims: Iterable[Claim]) -> tuple[str, ...]:
    """The normalised dates event claims give (ISO day, month or year), earliest first."""
    vals = {t.value for c in claims if fr.is_eventive(c) for t in c.times if t.value}
    return tuple(sorted(vals))


def build_incident(
    claims: Sequence[Claim],
    vecs: np.ndarray,
    sources: Mapping[str, Source],
    published: Mapping[str, str | None],
) -> Incident:
    ordered = sorted(claims, key=lambda c: (c.article_id, c.start, c.id))
    anchor = anchor_claim(ordered, published)
    places = _ranked(p for c in ordered for p in c.places)
    dates = incident_dates(ordered)
    event_types = sorted({e for c in ordered for e in c.event_types})
    parties = sorted({sources[c.source_id].party for c in ordered if c.source_id in sources})
    return Incident(
        id=stable_id("i", anchor.id),
        title=_title(ordered, vecs, places, dates),
        claim_ids=tuple(c.id for c in ordered),
        article_ids=tuple(sorted({c.article_id for c in ordered})),
        parties=tuple(parties),
        source_ids=tuple(sorted({c.source_id for c in ordered})),
        places=tuple(places),
        event_types=tuple(event_types),
        dates=dates,
        casualties=casualty_summary(ordered),
    )


def _ranked(items: Iterable[str]) -> list[str]:
    """Distinct values, most often named first (ties alphabetical)."""
    counts = Counter(items)
    return sorted(counts, key=lambda x: (-counts[x], x))


def _title(claims: Sequence[Claim], vecs: Any, places: list[str], dates: tuple[str, ...]) -> str:
    """ "<event type> near <place>[, <date>]" when the frames give a place; else the most central event claim."""
    data = fr.load_data()
    kinds = Counter(e for c in claims for e in c.event_types if not fr.is_generic_event(e))
    if kinds:
        kind = max(kinds, key=lambda k: (kinds[k], k))
        # The place and date of the claims that report that kind of event.
        told = [c for c in claims if kind in c.event_types]
        specific = [
            p
            for p in _ranked(p for c in told for p in fr.event_places(c))
            if not fr.is_broad_place(p, data)
        ]
        # A town before the governorate it lies in.
        parents = {q for p in specific for q in fr.place_parents(p)}
        specific = [p for p in specific if p not in parents] or specific
        days = incident_dates(told)
        label = kind.replace("-", " ").replace("_", " ")
        label = f"{label[0].upper()}{label[1:]}"
        when = f", {days[0]}" + (f" to {days[-1]}" if days[-1] != days[0] else "") if days else ""
        if specific:
            return f"{label} near {specific[0]}{when}"
        if when:
            return f"{label}{when}"
    vecs = np.asarray(vecs)
    centre = vecs.mean(axis=0)
    scores = vecs @ centre
    best = max(
        range(len(claims)),
        key=lambda i: (
            fr.reports_incident(claims[i]),
            fr.is_eventive(claims[i]),
            float(scores[i]),
            -i,
        ),
    )
    # The whole sentence reads as a headline; a content span may start mid-clause.
    t = " ".join(claims[best].sentence.text.split())
    return t if len(t) <= MAX_TITLE else t[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"
