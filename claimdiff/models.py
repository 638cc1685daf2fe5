"""The data model: frozen dataclasses that every stage reads and writes.

Data flows one way: files -> Article -> Claim -> Incident -> Contradiction.
Every id is derived from content (see :func:`stable_id`), so the same input
always gives the same ids, and a finding keeps its id when unrelated articles
are added to a corpus.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

SCHEMA_VERSION = 1

Form = Literal["direct", "mixed", "indirect", "according_to", "narrative", "denial"]
FORMS: tuple[str, ...] = ("direct", "mixed", "indirect", "according_to", "narrative", "denial")
Relation = Literal["contradicts", "diverges", "unconfirmed"]


def stable_id(prefix: str, *parts: object, length: int = 12) -> str:
    """A short id from a hash of ``parts``; the same parts give the same id."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}-{h[:length]}"


@dataclass(frozen=True, order=True)
class Span:
    """Characters ``text[start:end]`` of an article's text."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    text: str
    row: int | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date, never guessed
    url: str | None = None
    warnings: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "row": self.row,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "url": self.url,
            "text": self.text,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    party: str = "unknown"
    kind: str = "unknown"
    aliases: tuple[str, ...] = ()
    channel_of: str | None = None  # a source that usually speaks through this one

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "party": self.party,
            "kind": self.kind,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class Casualty:
    category: str  # killed | injured | missing | captured
    group: str | None
    low: int | None
    high: int | None  # None = open-ended
    span: Span
    conservative: int | None = None  # the figure a conservative count uses (ACLED-style)

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "group": self.group,
            "low": self.low,
            "high": self.high,
            "conservative": self.conservative,
            "span": self.span.to_json(),
        }


@dataclass(frozen=True)
class TimeRef:
    """A time expression in a claim, normalised where it can be.

    ``value`` is an ISO date (``2020-02-12``), month (``2020-02``) or year
    (``2020``) when the expression could be anchored to the article's
    publication date; ``relative`` keeps the unanchored meaning
    (``weekday:monday``, ``month:february``, ``last:june``, ``ago:3d`` ...)
    when it could not.  ``clock`` is a ``HH:MM`` time of day when given.
    """

    span: Span
    value: str | None = None
    relative: str | None = None
    clock: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "relative": self.relative,
            "clock": self.clock,
            "span": self.span.to_json(),
        }


@dataclass(frozen=True)
class Distance:
    """A distance with its unit normalised to kilometres ("five miles" = 8.05)."""

    km: float
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"km": self.km, "span": self.span.to_json()}


@dataclass(frozen=True)
class Weapon:
    """A weapon a claim names for an event ("chlorine gas" -> ``chemical``).

    ``kind`` is a name from claimdiff/frames/data/weapons.yaml; a negated
    mention ("no chemical weapons were used") is still a Weapon: what the claim
    says about it is read by the comparison, not here.  Whose weapon it is, as
    the claim tells it, is read by the frames with the run's source registry:
    ``response`` (used in the response: "responded with artillery"), ``user``
    (the party that used it: "Turkish drones") and ``target`` (the party it was
    used against: "came under attack by rockets"), ``"unknown"`` where unsaid.
    """

    kind: str
    span: Span
    response: bool = False
    user: str = "unknown"
    target: str = "unknown"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "span": self.span.to_json(),
            "response": self.response,
            "user": self.user,
            "target": self.target,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Weapon:
        """The weapon of a claimdiff.json entry; files written before ``response``,
        ``user`` and ``target`` were added read as unknown."""
        span = data["span"]
        return cls(
            kind=data["kind"],
            span=Span(span["start"], span["end"], span["text"]),
            response=bool(data.get("response", False)),
            user=data.get("user") or "unknown",
            target=data.get("target") or "unknown",
        )


@dataclass(frozen=True)
class Role:
    """One actor's part in an event as a claim tells it.

    ``role`` is ``initiator`` (opened fire, attacked) or ``responder`` (came
    under fire, returned fire, acted in self-defense).  ``actor`` is the words
    naming who did it (may be None for "the patrol came under fire").
    """

    role: str
    actor: str | None
    actor_party: str
    span: Span  # the words that mark the role

    def to_json(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "actor": self.actor,
            "actor_party": self.actor_party,
            "span": self.span.to_json(),
        }


@dataclass(frozen=True)
class Claim:
    id: str
    article_id: str
    source_id: str
    form: str
    source_mention: Span | None
    cue: Span | None
    content: tuple[Span, ...]
    sentence: Span  # the sentence(s) the claim stands in: context for readers
    channel_id: str | None = None
    hedged: bool = False
    incident_id: str | None = None
    casualties: tuple[Casualty, ...] = ()
    roles: tuple[Role, ...] = ()
    event_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # canonical place names (gazetteer name, else as written)
    times: tuple[TimeRef, ...] = ()
    distances: tuple[Distance, ...] = ()
    warnings: tuple[str, ...] = ()
    weapons: tuple[Weapon, ...] = ()  # last, with a default: older claimdiff.json still loads

    @property
    def content_text(self) -> str:
        return " … ".join(s.text for s in self.content)

    @property
    def start(self) -> int:
        return min(s.start for s in self.content) if self.content else self.sentence.start

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "source_id": self.source_id,
            "form": self.form,
            "source_mention": self.source_mention.to_json() if self.source_mention else None,
            "cue": self.cue.to_json() if self.cue else None,
            "content": [s.to_json() for s in self.content],
            "sentence": self.sentence.to_json(),
            "channel_id": self.channel_id,
            "hedged": self.hedged,
            "incident_id": self.incident_id,
            "casualties": [c.to_json() for c in self.casualties],
            "roles": [r.to_json() for r in self.roles],
            "event_types": list(self.event_types),
            "places": list(self.places),
            "times": [t.to_json() for t in self.times],
            "distances": [d.to_json() for d in self.distances],
            "warnings": list(self.warnings),
            "weapons": [w.to_json() for w in self.weapons],
        }


@dataclass(frozen=True)
class CasualtySummary:
    """One category and victim group of an incident's casualty figures across sources.

    ``low``/``high`` is the range over all sources' intervals (``high`` None
    when some figure is open-ended); ``conservative`` the lowest
    conservative figure any source gives; ``claim_ids`` the claims it sums.
    """

    category: str
    group: str | None
    low: int | None
    high: int | None
    conservative: int | None
    claim_ids: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "group": self.group,
            "low": self.low,
            "high": self.high,
            "conservative": self.conservative,
            "claim_ids": list(self.claim_ids),
        }


@dataclass(frozen=True)
class Incident:
    id: str
    title: str
    claim_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    parties: tuple[str, ...] = ()
    source_ids: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    casualties: tuple[CasualtySummary, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "claim_ids": list(self.claim_ids),
            "article_ids": list(self.article_ids),
            "parties": list(self.parties),
            "source_ids": list(self.source_ids),
            "places": list(self.places),
            "event_types": list(self.event_types),
            "dates": list(self.dates),
            "casualties": [c.to_json() for c in self.casualties],
        }


@dataclass(frozen=True)
class EvidenceSpan:
    article_id: str
    claim_id: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "claim_id": self.claim_id, **self.span.to_json()}


@dataclass(frozen=True)
class Contradiction:
    id: str
    incident_id: str
    type: str
    relation: str
    severity: str  # high | medium | low
    sides: tuple[tuple[str, ...], tuple[str, ...]]
    evidence: tuple[tuple[EvidenceSpan, ...], tuple[EvidenceSpan, ...]]
    explanation: str
    parties: tuple[str, str] = ("unknown", "unknown")

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "incident_id": self.incident_id,
            "type": self.type,
            "relation": self.relation,
            "severity": self.severity,
            "sides": [list(s) for s in self.sides],
            "evidence": [[e.to_json() for e in side] for side in self.evidence],
            "explanation": self.explanation,
            "parties": list(self.parties),
        }


@dataclass(frozen=True)
class Verdict:
    """A reviewer's verdict on one finding (a contradiction, claim or incident id).

    Lives in the user's reviews file, never in a run's output: a verdict whose
    finding disappeared is orphaned and kept, never deleted.
    """

    finding_id: str
    status: str  # confirmed | dismissed | needs-review
    note: str = ""
    reviewer: str = ""
    date: str = ""  # ISO date the verdict was given

    def to_json(self) -> dict[str, Any]:
        return {
            "finding_id": self.finding_id,
            "status": self.status,
            "note": self.note,
            "reviewer": self.reviewer,
            "date": self.date,
        }


@dataclass(frozen=True)
class InputError:
    path: str
    reason: str
    code: str = "E000"

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "reason": self.reason, "code": self.code}


@dataclass(frozen=True)
class RunResult:
    """Everything one run found: what ``claimdiff.json`` serialises."""

    articles: tuple[Article, ...]
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    incidents: tuple[Incident, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    errors: tuple[InputError, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "generator": self.meta.get("generator", "claimdiff"),
            "articles": [a.to_json() for a in self.articles],
            "sources": [s.to_json() for s in self.sources],
            "claims": [c.to_json() for c in self.claims],
            "incidents": [i.to_json() for i in self.incidents],
            "contradictions": [c.to_json() for c in self.contradictions],
            "errors": [e.to_json() for e in self.errors],
        }

    # Lookups used by every renderer; built once per result.
    @cached_property
    def articles_by_id(self) -> dict[str, Article]:
        return {a.id: a for a in self.articles}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    @cached_property
    def claims_by_id(self) -> dict[str, Claim]:
        return {c.id: c for c in self.claims}

    def article(self, article_id: str) -> Article:
        return self.articles_by_id[article_id]

    def source(self, source_id: str) -> Source:
        return self.sources_by_id[source_id]

    def claim(self, claim_id: str) -> Claim:
        return self.claims_by_id[claim_id]


__all__ = [
    "FORMS",
    "SCHEMA_VERSION",
    "Article",
    "Casualty",
    "CasualtySummary",
    "Claim",
    "Contradiction",
    "Distance",
    "EvidenceSpan",
    "Incident",
    "InputError",
    "Role",
    "RunResult",
    "Source",
    "Span",
    "TimeRef",
    "Verdict",
    "Weapon",
    "stable_id",
]
