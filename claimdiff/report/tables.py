"""Tables of claims, incidents and contradictions (pandas), and their CSV files.

One row per item, in the order of ``claimdiff.json``, with the same ids.
Columns are fixed and ordered here; lists are joined with ``"; "``. Integer
columns that may be empty use pandas' nullable ``Int64`` so that ``3`` is not
written as ``3.0``.

Spreadsheet formula injection: article text is untrusted, and a spreadsheet
opening the CSV runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a
tab or carriage return before one) as a formula. Every text cell that starts
with one of those characters is written with a leading apostrophe
(``'=HYPERLINK(...)``), the OWASP-recommended neutraliser; the apostrophe is
not part of the value (strip it to compare with ``claimdiff.json``). Numeric
columns are unaffected. The DataFrames from :func:`to_frames` hold the raw
values; only :func:`to_csv` neutralises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import pandas as pd

from ..models import Claim, Contradiction, Incident, RunResult, Span

LIST_SEP = "; "
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
T = TypeVar("T")

# (column, dtype, value) per table; dtype None = text.
Column = tuple[str, str | None, Callable[[Any], Any]]


def _join(items: Iterable[object]) -> str:
    return LIST_SEP.join(str(i) for i in items)


def _figure(low: int | None, high: int | None) -> str:
    if high is None:
        return "?" if low is None else f"{low}+"
    return str(high) if low == high else f"{'' if low is None else low}-{high}"


def _span_text(s: Span | None) -> str | None:
    return s.text if s else None


def _claim_columns(result: RunResult) -> list[Column]:
    sources = result.sources_by_id

    def name(c: Claim) -> str | None:
        s = sources.get(c.source_id)
        return s.name if s else None

    def party(c: Claim) -> str | None:
        s = sources.get(c.source_id)
        return s.party if s else None

    return [
        ("id", None, lambda c: c.id),
        ("article_id", None, lambda c: c.article_id),
        ("source_id", None, lambda c: c.source_id),
        ("source_name", None, name),
        ("party", None, party),
        ("channel_id", None, lambda c: c.channel_id),
        ("form", None, lambda c: c.form),
        ("hedged", "bool", lambda c: bool(c.hedged)),
        ("incident_id", None, lambda c: c.incident_id),
        ("source_mention", None, lambda c: _span_text(c.source_mention)),
        (
            "source_mention_start",
            "Int64",
            lambda c: c.source_mention.start if c.source_mention else None,
        ),
        (
            "source_mention_end",
            "Int64",
            lambda c: c.source_mention.end if c.source_mention else None,
        ),
        ("cue", None, lambda c: _span_text(c.cue)),
        ("cue_start", "Int64", lambda c: c.cue.start if c.cue else None),
        ("cue_end", "Int64", lambda c: c.cue.end if c.cue else None),
        ("content", None, lambda c: c.content_text),
        ("content_spans", None, lambda c: _join(f"{s.start}-{s.end}" for s in c.content)),
        ("sentence_start", "Int64", lambda c: c.sentence.start),
        ("sentence_end", "Int64", lambda c: c.sentence.end),
        (
            "casualties",
            None,
            lambda c: _join(
                f"{x.category} {_figure(x.low, x.high)}" + (f" ({x.group})" if x.group else "")
                for x in c.casualties
            ),
        ),
        (
            "roles",
            None,
            lambda c: _join(f"{r.role}: {r.actor or '?'} ({r.actor_party})" for r in c.roles),
        ),
        ("event_types", None, lambda c: _join(c.event_types)),
        ("places", None, lambda c: _join(c.places)),
        ("warnings", None, lambda c: _join(c.warnings)),
        (
            "times",
            None,
            lambda c: _join(
                " ".join(x for x in (t.value or t.relative, t.clock) if x) or t.span.text
                for t in c.times
            ),
        ),
        ("distances_km", None, lambda c: _join(f"{d.km:g}" for d in c.distances)),
        ("weapons", None, lambda c: _join(w.kind for w in c.weapons)),
    ]


def _incident_columns(result: RunResult) -> list[Column]:
    per_incident: dict[str, int] = {}
    for k in result.contradictions:
        per_incident[k.incident_id] = per_incident.get(k.incident_id, 0) + 1
    return [
        ("id", None, lambda i: i.id),
        ("title", None, lambda i: i.title),
        ("n_claims", "Int64", lambda i: len(i.claim_ids)),
        ("n_articles", "Int64", lambda i: len(i.article_ids)),
        ("n_sources", "Int64", lambda i: len(i.source_ids)),
        ("n_contradictions", "Int64", lambda i: per_incident.get(i.id, 0)),
        ("places", None, lambda i: _join(i.places)),
        ("dates", None, lambda i: _join(i.dates)),
        ("parties", None, lambda i: _join(i.parties)),
        ("event_types", None, lambda i: _join(i.event_types)),
        ("claim_ids", None, lambda i: _join(i.claim_ids)),
        ("article_ids", None, lambda i: _join(i.article_ids)),
        ("source_ids", None, lambda i: _join(i.source_ids)),
        (
            "casualties",
            None,
            lambda i: _join(
                f"{x.category} {_figure(x.low, x.high)}"
                + (f" ({x.group})" if x.group else "")
                + (f" conservative {x.conservative}" if x.conservative is not None else "")
                for x in i.casualties
            ),
        ),
    ]


def _contradiction_columns(result: RunResult) -> list[Column]:
    claims = result.claims_by_id

    def side(k: Contradiction, n: int) -> Sequence[str]:
        return k.sides[n] if n < len(k.sides) else ()

    def sources(k: Contradiction, n: int) -> str:
        return _join(dict.fromkeys(claims[c].source_id for c in side(k, n) if c in claims))

    def evidence(k: Contradiction, n: int) -> str:
        return _join(e.span.text for e in (k.evidence[n] if n < len(k.evidence) else ()))

    def party(k: Contradiction, n: int) -> str:
        return k.parties[n] if n < len(k.parties) else "unknown"

    return [
        ("id", None, lambda k: k.id),
        ("incident_id", None, lambda k: k.incident_id),
        ("type", None, lambda k: k.type),
        ("relation", None, lambda k: k.relation),
        ("severity", None, lambda k: k.severity),
        ("party_a", None, lambda k: party(k, 0)),
        ("party_b", None, lambda k: party(k, 1)),
        ("claims_a", None, lambda k: _join(side(k, 0))),
        ("claims_b", None, lambda k: _join(side(k, 1))),
        ("sources_a", None, lambda k: sources(k, 0)),
        ("sources_b", None, lambda k: sources(k, 1)),
        ("evidence_a", None, lambda k: evidence(k, 0)),
        ("evidence_b", None, lambda k: evidence(k, 1)),
        ("explanation", None, lambda k: k.explanation),
    ]


def _frame(items: Sequence[T], columns: list[Column]) -> pd.DataFrame:
    data = {
        col: pd.Series([get(x) for x in items], dtype=dtype or object, name=col)
        for col, dtype, get in columns
    }
    return pd.DataFrame(data, columns=[c for c, _, _ in columns])


def claims_frame(result: RunResult) -> pd.DataFrame:
    return _frame(result.claims, _claim_columns(result))


def incidents_frame(result: RunResult) -> pd.DataFrame:
    incidents: Sequence[Incident] = result.incidents
    return _frame(incidents, _incident_columns(result))


def contradictions_frame(result: RunResult) -> pd.DataFrame:
    return _frame(result.contradictions, _contradiction_columns(result))


def to_frames(result: RunResult) -> dict[str, pd.DataFrame]:
    """``{"claims", "incidents", "contradictions"}``: one row per item, ids as in the JSON."""
    return {
        "claims": claims_frame(result),
        "incidents": incidents_frame(result),
        "contradictions": contradictions_frame(result),
    }


def neutralise(value: Any) -> Any:
    """``value`` with a leading apostrophe if a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_csv(frame: pd.DataFrame) -> str:
    """CSV text: header, one line per row, ``\\n`` line endings, no index.

    Text cells that a spreadsheet would run as a formula get a leading
    apostrophe (see the module doc).
    """
    safe = frame.copy()
    for col in safe.columns:
        if pd.api.types.is_object_dtype(safe[col]) or pd.api.types.is_string_dtype(safe[col]):
            safe[col] = safe[col].map(neutralise)
    safe.columns = [neutralise(c) for c in safe.columns]
    text: str = safe.to_csv(index=False, lineterminator="\n")
    return text


__all__ = [
    "FORMULA_PREFIXES",
    "LIST_SEP",
    "claims_frame",
    "contradictions_frame",
    "incidents_frame",
    "neutralise",
    "to_csv",
    "to_frames",
]
