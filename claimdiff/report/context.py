"""What each page shows, as dataclasses built from a :class:`RunResult`.

Everything a template needs is computed here: order, counts, relative links,
marked text. Templates only lay it out, so a user's template can change the
layout without re-deriving anything, and tests check pages without HTML.

Links are relative to the page they appear on (``root`` is ``""`` for
index.html and ``"../"`` for pages in a sub-folder), so a report works when
moved or opened from ``file://``. A link whose target is not in the result
(an unknown source id, a claim of a missing article) is ``None`` and shows as
plain text: a report never links to a page that does not exist.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from urllib.parse import quote

from ..models import (
    Article,
    Claim,
    Contradiction,
    EvidenceSpan,
    Incident,
    RunResult,
    Source,
    TimeRef,
    Verdict,
)
from .files import page_names
from .markup import Mark, MarkedText, Tag, mark_text, plain

SEVERITIES: tuple[str, ...] = ("high", "medium", "low")
RELATIONS: dict[str, str] = {
    "contradicts": "the two accounts cannot both be true",
    "diverges": "compatible, but the accounts differ (e.g. “more than 100” vs “hundreds”)",
    "unconfirmed": "one side cannot confirm what the other asserts",
}
FORM_LABELS: dict[str, str] = {
    "direct": "direct quote",
    "mixed": "partly quoted",
    "indirect": "reported speech",
    "according_to": "according to",
    "narrative": "outlet's own voice",
    "denial": "denial / cannot confirm",
}
# How far an excerpt reaches around evidence that has no claim sentence.
EXCERPT_CONTEXT = 240
# The columns of an incident's source x aspect matrix.
ASPECTS: tuple[tuple[str, str], ...] = (
    ("initiator", "Who fired first"),
    ("casualties", "Casualties"),
    ("location", "Location"),
    ("time", "Time"),
    ("participants", "Participants"),
)
VERDICT_STATUSES: tuple[str, ...] = ("confirmed", "dismissed", "needs-review")


# ---------------------------------------------------------------- small parts


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class SourceRef:
    """A source as shown beside a claim: name, party, and its page if any."""

    id: str
    name: str
    party: str
    kind: str
    href: str | None


@dataclass(frozen=True)
class VerdictItem:
    """A reviewer's verdict on a finding, as shown beside it."""

    finding_id: str
    status: str
    note: str
    reviewer: str
    date: str

    @property
    def status_class(self) -> str:
        # The class is a constant chosen here; the status itself is input text.
        return self.status if self.status in VERDICT_STATUSES else "other"


@dataclass(frozen=True)
class CasualtyItem:
    category: str
    group: str | None
    figure: str  # "101+", "20–30", "1", "?"
    conservative: int | None
    words: str  # the span's text
    source: SourceRef
    claim_href: str | None


@dataclass(frozen=True)
class ClaimItem:
    id: str
    form: str
    form_label: str
    hedged: bool
    content: str
    cue: str | None
    mention: str | None
    source: SourceRef
    channel: SourceRef | None
    href: str | None  # the claim in its article page
    article: Link | None
    incident: Link | None
    casualties: tuple[CasualtyItem, ...]
    flags: tuple[Link, ...]  # contradictions this claim takes part in
    warnings: tuple[str, ...]
    sentence_href: str | None = None  # the claim's sentence in its article page
    published: str | None = None  # the article's publication date
    times: tuple[str, ...] = ()  # "Monday (2020-02-10) 09:45"
    places: tuple[str, ...] = ()
    distances: tuple[str, ...] = ()  # "8.05 km (“five miles”)"
    weapons: tuple[str, ...] = ()  # "chemical (“chlorine gas”)"
    roles: tuple[str, ...] = ()  # "initiator: the US patrol (us)"
    verdict: VerdictItem | None = None


@dataclass(frozen=True)
class Quote:
    """One claim (or one piece of evidence) on one side of a contradiction."""

    claim: ClaimItem | None
    article: Link | None
    excerpt: MarkedText  # the claim's sentence, evidence words in <mark>
    cut_before: bool  # the excerpt starts mid-paragraph
    cut_after: bool
    evidence: tuple[str, ...]
    located: bool = True  # False: offsets did not fit the article; the excerpt is the span texts


@dataclass(frozen=True)
class Side:
    label: str  # "A" / "B"
    party: str
    sources: tuple[SourceRef, ...]
    quotes: tuple[Quote, ...]
    missing: tuple[str, ...] = ()  # claim ids on this side that are not in the result


@dataclass(frozen=True)
class ContradictionCard:
    id: str
    type: str
    relation: str
    relation_help: str
    severity: str
    explanation: str
    incident: Link | None  # on the index: the card on its incident page
    sides: tuple[Side, Side]
    verdict: VerdictItem | None = None
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceClaims:
    source: SourceRef
    claims: tuple[ClaimItem, ...]


@dataclass(frozen=True)
class PartyClaims:
    party: str
    sources: tuple[SourceClaims, ...]


@dataclass(frozen=True)
class Count:
    label: str
    n: int


@dataclass(frozen=True)
class IncidentRow:
    link: Link
    places: tuple[str, ...]
    dates: tuple[str, ...]
    parties: tuple[str, ...]
    n_claims: int
    n_articles: int
    by_severity: tuple[Count, ...]  # only severities present, high first
    verdict: VerdictItem | None = None


@dataclass(frozen=True)
class SourceRow:
    source: SourceRef
    n_claims: int
    n_incidents: int
    n_articles: int
    by_form: tuple[Count, ...]
    n_as_channel: int


@dataclass(frozen=True)
class ArticleRow:
    link: Link
    outlet: str | None
    published: str | None
    path: str
    n_claims: int


@dataclass(frozen=True)
class ErrorRow:
    path: str
    reason: str
    code: str


@dataclass(frozen=True)
class MatrixEntry:
    text: str
    href: str | None  # the claim in its article


@dataclass(frozen=True)
class MatrixRow:
    """One source's row of the incident matrix: a cell per aspect of :data:`ASPECTS`."""

    source: SourceRef
    cells: tuple[tuple[MatrixEntry, ...], ...]


@dataclass(frozen=True)
class SourceFigure:
    source: SourceRef
    figure: str
    words: str
    href: str | None


@dataclass(frozen=True)
class CasualtyRow:
    """One line of an incident's casualty summary: the range over sources."""

    category: str
    group: str | None
    range: str
    conservative: int | None
    figures: tuple[SourceFigure, ...]


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    article: Link | None
    outlet: str | None
    claims: tuple[ClaimItem, ...]


@dataclass(frozen=True)
class FilterLink:
    href: str
    text: str
    n: int
    current: bool


@dataclass(frozen=True)
class FilterGroup:
    label: str  # "Party", "Type", "Severity"
    links: tuple[FilterLink, ...]


@dataclass(frozen=True)
class ChainStep:
    text: str
    href: str | None
    party: str | None


@dataclass(frozen=True)
class Chain:
    """How a claim reached the reader: speaker -> channel -> outlet."""

    steps: tuple[ChainStep, ...]
    n_claims: int


# ---------------------------------------------------------------------- pages


@dataclass(frozen=True)
class IndexPage:
    root: str
    title: str
    generator: str
    counts: tuple[Count, ...]
    contradictions: tuple[ContradictionCard, ...]
    incidents: tuple[IncidentRow, ...]
    sources: tuple[SourceRow, ...]
    articles: tuple[ArticleRow, ...]
    errors: tuple[ErrorRow, ...]
    ungrouped_claims: int
    relations: tuple[Count, ...]  # contradictions per relation
    relation_help: tuple[tuple[str, str], ...]
    filters: tuple[FilterGroup, ...] = ()
    filter_label: str | None = None  # set on a filtered copy of the index
    all_href: str = "index.html"
    orphaned: tuple[VerdictItem, ...] = ()  # verdicts on findings not in this run
    generated: str | None = None


@dataclass(frozen=True)
class IncidentPage:
    root: str
    title: str
    generator: str
    id: str
    places: tuple[str, ...]
    dates: tuple[str, ...]
    parties: tuple[str, ...]
    event_types: tuple[str, ...]
    articles: tuple[Link, ...]
    n_claims: int
    contradictions: tuple[ContradictionCard, ...]
    by_party: tuple[PartyClaims, ...]
    casualties: tuple[CasualtyItem, ...]
    aspects: tuple[str, ...] = ()
    matrix: tuple[MatrixRow, ...] = ()
    casualty_summary: tuple[CasualtyRow, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    n_undated: int = 0  # claims whose article has no publication date
    sources: tuple[SourceRef, ...] = ()
    verdict: VerdictItem | None = None
    generated: str | None = None


@dataclass(frozen=True)
class ArticlePage:
    root: str
    title: str
    generator: str
    id: str
    outlet: str | None
    published: str | None
    path: str
    row: int | None
    url: str | None
    url_href: str | None  # only http(s) urls become links
    text: MarkedText
    claims: tuple[ClaimItem, ...]
    unplaced: frozenset[str]  # claims whose spans could not be marked in the text
    incidents: tuple[Link, ...]
    warnings: tuple[str, ...]
    generated: str | None = None


@dataclass(frozen=True)
class ChannelUse:
    source: SourceRef
    claims: tuple[ClaimItem, ...]


@dataclass(frozen=True)
class IncidentClaims:
    incident: Link | None  # None: claims not grouped into any incident
    claims: tuple[ClaimItem, ...]


@dataclass(frozen=True)
class SourcePage:
    root: str
    title: str
    generator: str
    source: SourceRef
    aliases: tuple[str, ...]
    channel_of: SourceRef | None
    n_claims: int
    groups: tuple[IncidentClaims, ...]
    channels_used: tuple[ChannelUse, ...]
    used_as_channel_by: tuple[ChannelUse, ...]
    chains: tuple[Chain, ...] = ()
    generated: str | None = None


# ------------------------------------------------------------------- builder


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) URL, else None (shown as plain text)."""
    if not url:
        return None
    u = url.strip()
    if u.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in u):
        return u
    return None


def figure(low: int | None, high: int | None) -> str:
    if low is None and high is None:
        return "?"
    if high is None:
        return f"{low}+"
    if low is None:
        return f"≤{high}"
    return str(low) if low == high else f"{low}–{high}"


def _anchor(item_id: str) -> str:
    return quote(item_id, safe="-._~")


def _uniq(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


class Site:
    """Lookups over one result, and a builder for each page.

    Built once per report: every index below is computed once, so a corpus
    of thousands of articles costs one pass per page, not one per link.
    """

    def __init__(
        self,
        result: RunResult,
        reviews: Mapping[str, Verdict] | None = None,
        generated: str | None = None,
    ) -> None:
        self.result = result
        self.generator = str(result.meta.get("generator", "claimdiff"))
        self.generated = generated
        self.article_pages = page_names(a.id for a in result.articles)
        self.incident_pages = page_names(i.id for i in result.incidents)
        self.source_pages = page_names(s.id for s in result.sources)
        self.verdicts: dict[str, VerdictItem] = {
            key: VerdictItem(
                str(v.finding_id or key), str(v.status), str(v.note), str(v.reviewer), str(v.date)
            )
            for key, v in sorted((reviews or {}).items())
        }
        self.filter_pages = page_names(key for key, _, _, _ in self._filter_keys())

    # -- verdicts

    def verdict(self, finding_id: str) -> VerdictItem | None:
        return self.verdicts.get(finding_id)

    @cached_property
    def orphaned_verdicts(self) -> tuple[VerdictItem, ...]:
        """Verdicts whose finding is not in this run: listed, never dropped."""
        r = self.result
        known = {
            *(k.id for k in r.contradictions),
            *(c.id for c in r.claims),
            *(i.id for i in r.incidents),
        }
        return tuple(v for key, v in self.verdicts.items() if key not in known)

    # -- lookups

    @cached_property
    def _article_order(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.result.articles)}

    @cached_property
    def _incidents(self) -> dict[str, Incident]:
        return {i.id: i for i in self.result.incidents}

    def _claim_key(self, c: Claim) -> tuple[int, int, str]:
        return (self._article_order.get(c.article_id, len(self._article_order)), c.start, c.id)

    def _group(self, key: str) -> dict[str, tuple[Claim, ...]]:
        groups: dict[str, list[Claim]] = defaultdict(list)
        for c in self.result.claims:
            k = getattr(c, key)
            if k is not None:
                groups[k].append(c)
        return {k: tuple(sorted(v, key=self._claim_key)) for k, v in groups.items()}

    @cached_property
    def claims_by_article(self) -> dict[str, tuple[Claim, ...]]:
        return self._group("article_id")

    @cached_property
    def claims_by_source(self) -> dict[str, tuple[Claim, ...]]:
        return self._group("source_id")

    @cached_property
    def claims_by_channel(self) -> dict[str, tuple[Claim, ...]]:
        return self._group("channel_id")

    @cached_property
    def claims_by_incident(self) -> dict[str, tuple[Claim, ...]]:
        """The incident's ``claim_ids``, plus claims that name it but are not listed."""
        by_id = self.result.claims_by_id
        named = self._group("incident_id")
        out: dict[str, tuple[Claim, ...]] = {}
        for inc in self.result.incidents:
            listed = [by_id[cid] for cid in _uniq(inc.claim_ids) if cid in by_id]
            seen = {c.id for c in listed}
            out[inc.id] = tuple(listed) + tuple(
                c for c in named.get(inc.id, ()) if c.id not in seen
            )
        return out

    @cached_property
    def contradictions_by_incident(self) -> dict[str, tuple[Contradiction, ...]]:
        groups: dict[str, list[Contradiction]] = defaultdict(list)
        for k in self.sorted_contradictions:
            groups[k.incident_id].append(k)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def contradictions_by_claim(self) -> dict[str, tuple[Contradiction, ...]]:
        groups: dict[str, list[Contradiction]] = defaultdict(list)
        for k in self.sorted_contradictions:
            for cid in _uniq(cid for side in k.sides for cid in side):
                groups[cid].append(k)
        return {k: tuple(v) for k, v in groups.items()}

    @cached_property
    def sorted_contradictions(self) -> tuple[Contradiction, ...]:
        order = {i.id: n for n, i in enumerate(self.result.incidents)}
        return tuple(
            sorted(
                self.result.contradictions,
                key=lambda k: (
                    _severity_rank(k.severity),
                    order.get(k.incident_id, len(order)),
                    k.type,
                    k.id,
                ),
            )
        )

    # -- links, relative to a page at `root`

    def article_href(self, root: str, article_id: str, claim_id: str | None = None) -> str | None:
        name = self.article_pages.get(article_id)
        if name is None:
            return None
        return f"{root}articles/{name}" + (f"#{_anchor(claim_id)}" if claim_id else "")

    def incident_href(
        self, root: str, incident_id: str | None, anchor: str | None = None
    ) -> str | None:
        name = self.incident_pages.get(incident_id) if incident_id else None
        if name is None:
            return None
        return f"{root}incidents/{name}" + (f"#{_anchor(anchor)}" if anchor else "")

    def source_ref(self, root: str, source_id: str) -> SourceRef:
        s = self.result.sources_by_id.get(source_id)
        name = self.source_pages.get(source_id)
        href = f"{root}sources/{name}" if name else None
        if s is None:
            return SourceRef(source_id, source_id, "unknown", "unknown", None)
        return SourceRef(s.id, s.name, s.party, s.kind, href)

    def article_link(self, root: str, article_id: str) -> Link | None:
        href = self.article_href(root, article_id)
        a = self.result.articles_by_id.get(article_id)
        return Link(href, article_title(a)) if href and a else None

    def incident_link(
        self, root: str, incident_id: str | None, anchor: str | None = None
    ) -> Link | None:
        href = self.incident_href(root, incident_id, anchor)
        inc = self._incidents.get(incident_id) if incident_id else None
        return Link(href, inc.title or inc.id) if href and inc else None

    # -- items

    def claim_item(self, root: str, c: Claim) -> ClaimItem:
        source = self.source_ref(root, c.source_id)
        href = self.article_href(root, c.article_id, c.id)
        flags = tuple(
            Link(h, f"{k.type} · {k.relation} · {k.severity}")
            for k in self.contradictions_by_claim.get(c.id, ())
            if (h := self.incident_href(root, k.incident_id, k.id))
        )
        return ClaimItem(
            id=c.id,
            form=c.form,
            form_label=FORM_LABELS.get(c.form, c.form),
            hedged=c.hedged,
            content=c.content_text,
            cue=c.cue.text if c.cue else None,
            mention=c.source_mention.text if c.source_mention else None,
            source=source,
            channel=self.source_ref(root, c.channel_id) if c.channel_id else None,
            href=href,
            article=self.article_link(root, c.article_id),
            incident=self.incident_link(root, c.incident_id),
            casualties=tuple(
                CasualtyItem(
                    x.category,
                    x.group,
                    figure(x.low, x.high),
                    x.conservative,
                    x.span.text,
                    source,
                    href,
                )
                for x in c.casualties
            ),
            flags=flags,
            warnings=tuple(c.warnings),
            sentence_href=self.sentence_href(root, c),
            published=a.published if (a := self.result.articles_by_id.get(c.article_id)) else None,
            times=tuple(time_label(t) for t in c.times),
            places=tuple(c.places),
            distances=tuple(f"{d.km:g} km (“{d.span.text}”)" for d in c.distances),
            weapons=tuple(f"{w.kind.replace('_', ' ')} (“{w.span.text}”)" for w in c.weapons),
            roles=tuple(f"{x.role}: {x.actor or '?'} ({x.actor_party})" for x in c.roles),
            verdict=self.verdict(c.id),
        )

    def sentence_href(self, root: str, c: Claim) -> str | None:
        """The claim's sentence in its article page, if its offsets fit the text."""
        a = self.result.articles_by_id.get(c.article_id)
        if a is None or not 0 <= c.sentence.start < c.sentence.end <= len(a.text):
            return None
        return self.article_href(root, c.article_id, sentence_anchor(c.id))

    # -- contradictions

    def _side(self, root: str, k: Contradiction, n: int, quoted: bool) -> Side:
        claim_ids = _uniq(k.sides[n]) if n < len(k.sides) else ()
        evidence = tuple(k.evidence[n]) if n < len(k.evidence) else ()
        by_claim: dict[str, list[EvidenceSpan]] = defaultdict(list)
        for ev in evidence:
            by_claim[ev.claim_id].append(ev)
        quotes: list[Quote] = []
        sources: list[SourceRef] = []
        missing: list[str] = []
        for cid in claim_ids:
            c = self.result.claims_by_id.get(cid)
            if c is None:
                missing.append(cid)
                continue
            if not quoted:
                sources.append(self.source_ref(root, c.source_id))
                continue
            item = self.claim_item(root, c)
            sources.append(item.source)
            quotes.extend(self._claim_quotes(root, c, item, by_claim.pop(cid, [])))
        for cid in sorted(by_claim) if quoted else ():  # evidence not tied to a side's claim
            for ev in by_claim[cid]:
                quotes.append(self._evidence_quote(root, ev))
        party = k.parties[n] if n < len(k.parties) else "unknown"
        if party == "unknown":
            known = sorted({s.party for s in sources if s.party != "unknown"})
            party = " / ".join(known) or "unknown"
        return Side("AB"[n], party, tuple(dict.fromkeys(sources)), tuple(quotes), tuple(missing))

    def _claim_quotes(
        self, root: str, c: Claim, item: ClaimItem, evidence: list[EvidenceSpan]
    ) -> list[Quote]:
        """The claim's sentence with its evidence marked.

        Evidence outside the sentence (or in another article) gets its own
        excerpt, so that one stray offset does not stretch a quote over half
        an article.
        """
        a = self.result.articles_by_id.get(c.article_id)
        if a is None:
            return [
                Quote(
                    item,
                    None,
                    plain(c.content_text),
                    False,
                    False,
                    tuple(ev.span.text for ev in evidence),
                    located=False,
                )
            ]
        n = len(a.text)
        ok = [s for s in (c.sentence, *c.content) if 0 <= s.start < s.end <= n]
        if not ok:
            # Evidence offsets may still be good: show those in context.
            return [
                Quote(
                    item,
                    self.article_link(root, a.id),
                    plain(c.content_text),
                    False,
                    False,
                    (),
                    located=False,
                ),
                *(self._evidence_quote(root, ev) for ev in evidence),
            ]
        lo, hi = min(s.start for s in ok), max(s.end for s in ok)
        inside = [
            ev
            for ev in evidence
            if ev.article_id == a.id and lo <= ev.span.start < ev.span.end <= hi
        ]
        outside = [ev for ev in evidence if ev not in inside]
        marks = [Mark(s.start, s.end, Tag("span", "content"), 0) for s in c.content]
        if c.source_mention:
            s = c.source_mention
            marks.append(Mark(s.start, s.end, Tag("span", "m source", label="source"), 1))
        if c.cue:
            marks.append(Mark(c.cue.start, c.cue.end, Tag("span", "m cue", label="cue"), 2))
        marks += [Mark(ev.span.start, ev.span.end, Tag("mark", "evidence"), 3) for ev in inside]
        quote = Quote(
            item,
            self.article_link(root, a.id),
            mark_text(a.text, marks, lo, hi),
            _cut_before(a.text, lo),
            _cut_after(a.text, hi),
            tuple(ev.span.text for ev in inside),
        )
        return [quote, *(self._evidence_quote(root, ev) for ev in outside)]

    def _evidence_quote(self, root: str, ev: EvidenceSpan) -> Quote:
        a = self.result.articles_by_id.get(ev.article_id)
        s = ev.span
        c = self.result.claims_by_id.get(ev.claim_id)
        item = self.claim_item(root, c) if c else None
        if a is None or not 0 <= s.start < s.end <= len(a.text):
            return Quote(
                item,
                self.article_link(root, ev.article_id),
                mark_text(s.text, [Mark(0, len(s.text), Tag("mark", "evidence"))]),
                False,
                False,
                (s.text,),
                located=False,
            )
        lo = max(a.text.rfind("\n", 0, s.start) + 1, s.start - EXCERPT_CONTEXT)
        nl = a.text.find("\n", s.end)
        hi = min(len(a.text) if nl < 0 else nl, s.end + EXCERPT_CONTEXT)
        return Quote(
            item,
            self.article_link(root, a.id),
            mark_text(a.text, [Mark(s.start, s.end, Tag("mark", "evidence"))], lo, hi),
            _cut_before(a.text, lo),
            _cut_after(a.text, hi),
            (s.text,),
        )

    def contradiction_card(
        self, root: str, k: Contradiction, quoted: bool = True
    ) -> ContradictionCard:
        """The finding; ``quoted=False`` leaves out the excerpts (the index table)."""
        return ContradictionCard(
            id=k.id,
            type=k.type,
            relation=k.relation,
            relation_help=RELATIONS.get(k.relation, ""),
            severity=k.severity,
            explanation=k.explanation,
            incident=self.incident_link(root, k.incident_id, k.id),
            sides=(self._side(root, k, 0, quoted), self._side(root, k, 1, quoted)),
            verdict=self.verdict(k.id),
            parties=tuple(k.parties),
        )

    # -- pages

    # -- filters: every filter is a pre-rendered copy of the index, so that
    # filtering works as a plain link with JavaScript off and from file://.

    def _filter_keys(self) -> list[tuple[str, str, str, str]]:
        """``(key, kind, value, label)`` for every filter, in display order."""
        r = self.result
        parties = sorted(
            {p for i in r.incidents for p in i.parties}
            | {p for k in r.contradictions for p in k.parties if p != "unknown"}
        )
        types = sorted({k.type for k in r.contradictions})
        sev_present = {k.severity for k in r.contradictions}
        severities = [s for s in SEVERITIES if s in sev_present] + sorted(
            sev_present - set(SEVERITIES)
        )
        out: list[tuple[str, str, str, str]] = []
        for kind, label, values in (
            ("party", "Party", parties),
            ("type", "Type", types),
            ("severity", "Severity", severities),
        ):
            out.extend((f"{kind}-{v}", kind, v, label) for v in values)
        return out

    def _matches(self, k: Contradiction, kind: str, value: str) -> bool:
        if kind == "type":
            return k.type == value
        if kind == "severity":
            return k.severity == value
        claims = self.result.claims_by_id
        side_parties = {
            self.source_ref("", claims[cid].source_id).party
            for side in k.sides
            for cid in side
            if cid in claims
        }
        return value in k.parties or value in side_parties

    def filter_pages_list(self) -> Iterator[tuple[str, IndexPage]]:
        """``(path relative to OUT, page)`` for each filtered index."""
        for key, kind, value, label in self._filter_keys():
            yield f"filters/{self.filter_pages[key]}", self.index_page((key, kind, value, label))

    @cached_property
    def _filter_counts(self) -> dict[str, int]:
        """Contradictions per filter, counted once for all the pages that show them."""
        return {
            key: sum(1 for k in self.result.contradictions if self._matches(k, kind, value))
            for key, kind, value, _ in self._filter_keys()
        }

    def _filter_groups(self, root: str, current: str | None) -> tuple[FilterGroup, ...]:
        """Filter links, each with its number of contradictions."""
        groups: dict[str, list[FilterLink]] = {}
        for key, _, value, label in self._filter_keys():
            href = f"{root}filters/{self.filter_pages[key]}"
            groups.setdefault(label, []).append(
                FilterLink(href, value, self._filter_counts[key], key == current)
            )
        return tuple(FilterGroup(label, tuple(links)) for label, links in groups.items())

    def index_page(self, flt: tuple[str, str, str, str] | None = None) -> IndexPage:
        """The index; with ``flt`` (a :meth:`_filter_keys` entry), the filtered copy."""
        r = self.result
        root = "../" if flt else ""
        if flt:
            _, kind, value, label = flt
            contradictions = tuple(
                k for k in self.sorted_contradictions if self._matches(k, kind, value)
            )
            hit = {k.incident_id for k in contradictions}
            shown_incidents = tuple(
                i for i in r.incidents if i.id in hit or (kind == "party" and value in i.parties)
            )
            shown_ids = {i.id for i in shown_incidents}
            if kind == "party":
                shown_sources = tuple(s for s in r.sources if s.party == value)
            else:
                in_sides = {
                    r.claims_by_id[cid].source_id
                    for k in contradictions
                    for side in k.sides
                    for cid in side
                    if cid in r.claims_by_id
                }
                shown_sources = tuple(s for s in r.sources if s.id in in_sides)
            shown_articles = tuple(
                a
                for a in r.articles
                if any(c.incident_id in shown_ids for c in self.claims_by_article.get(a.id, ()))
            )
            filter_label = f"{label}: {value}"
        else:
            contradictions = self.sorted_contradictions
            shown_incidents, shown_sources, shown_articles = r.incidents, r.sources, r.articles
            filter_label = None
        sev_by_incident: dict[str, Counter[str]] = defaultdict(Counter)
        for k in contradictions:
            sev_by_incident[k.incident_id][k.severity] += 1
        incidents = []
        for inc in shown_incidents:
            claims = self.claims_by_incident.get(inc.id, ())
            link = self.incident_link(root, inc.id)
            assert link is not None
            sev = sev_by_incident.get(inc.id, Counter())
            incidents.append(
                IncidentRow(
                    link=link,
                    places=tuple(inc.places),
                    dates=tuple(inc.dates),
                    parties=tuple(inc.parties),
                    n_claims=len(claims),
                    n_articles=len(_uniq([*inc.article_ids, *(c.article_id for c in claims)])),
                    by_severity=_counts(sev, SEVERITIES),
                    verdict=self.verdict(inc.id),
                )
            )
        sources = []
        for s in sorted(shown_sources, key=lambda s: (s.party, s.name.casefold(), s.id)):
            claims = self.claims_by_source.get(s.id, ())
            sources.append(
                SourceRow(
                    source=self.source_ref(root, s.id),
                    n_claims=len(claims),
                    n_incidents=len({c.incident_id for c in claims if c.incident_id}),
                    n_articles=len({c.article_id for c in claims}),
                    by_form=_counts(Counter(c.form for c in claims), tuple(FORM_LABELS)),
                    n_as_channel=len(self.claims_by_channel.get(s.id, ())),
                )
            )
        articles = []
        for a in shown_articles:
            link = self.article_link(root, a.id)
            assert link is not None
            articles.append(
                ArticleRow(
                    link, a.outlet, a.published, a.path, len(self.claims_by_article.get(a.id, ()))
                )
            )
        return IndexPage(
            root=root,
            title=str(r.meta.get("title") or "claimdiff report")
            + (f" — {filter_label}" if filter_label else ""),
            generator=self.generator,
            counts=(
                Count("articles", len(articles)),
                Count("claims", len(r.claims) if not flt else sum(i.n_claims for i in incidents)),
                Count("sources", len(sources)),
                Count("incidents", len(incidents)),
                Count("contradictions", len(contradictions)),
            ),
            contradictions=tuple(
                self.contradiction_card(root, k, quoted=False) for k in contradictions
            ),
            incidents=tuple(incidents),
            sources=tuple(sources),
            articles=tuple(articles),
            errors=tuple(ErrorRow(e.path, e.reason, e.code) for e in r.errors) if not flt else (),
            ungrouped_claims=sum(1 for c in r.claims if not c.incident_id) if not flt else 0,
            relations=_counts(Counter(k.relation for k in contradictions), tuple(RELATIONS)),
            relation_help=tuple(RELATIONS.items()),
            filters=self._filter_groups(root, flt[0] if flt else None),
            filter_label=filter_label,
            all_href=f"{root}index.html",
            orphaned=self.orphaned_verdicts if not flt else (),
            generated=self.generated,
        )

    def incident_page(self, inc: Incident) -> IncidentPage:
        root = "../"
        claims = self.claims_by_incident.get(inc.id, ())
        by_party: dict[str, dict[str, list[Claim]]] = defaultdict(lambda: defaultdict(list))
        for c in claims:
            by_party[self.source_ref(root, c.source_id).party][c.source_id].append(c)
        party_order = {p: n for n, p in enumerate(inc.parties)}
        groups = []
        for party in sorted(by_party, key=lambda p: (party_order.get(p, len(party_order)), p)):
            per_source = []
            for sid, cs in by_party[party].items():
                per_source.append(
                    SourceClaims(
                        self.source_ref(root, sid), tuple(self.claim_item(root, c) for c in cs)
                    )
                )
            per_source.sort(key=lambda g: (g.source.name.casefold(), g.source.id))
            groups.append(PartyClaims(party, tuple(per_source)))
        items = [self.claim_item(root, c) for c in claims]
        article_ids = _uniq([*inc.article_ids, *(c.article_id for c in claims)])
        return IncidentPage(
            root=root,
            title=inc.title or inc.id,
            generator=self.generator,
            id=inc.id,
            places=tuple(inc.places),
            dates=tuple(inc.dates),
            parties=tuple(inc.parties),
            event_types=tuple(inc.event_types),
            articles=tuple(
                link for aid in article_ids if (link := self.article_link(root, aid)) is not None
            ),
            n_claims=len(claims),
            contradictions=tuple(
                self.contradiction_card(root, k)
                for k in self.contradictions_by_incident.get(inc.id, ())
            ),
            by_party=tuple(groups),
            casualties=tuple(x for item in items for x in item.casualties),
            aspects=tuple(label for _, label in ASPECTS),
            matrix=self._matrix(root, claims, groups),
            casualty_summary=self._casualty_summary(root, inc),
            timeline=self._timeline(root, claims, items),
            n_undated=sum(1 for item in items if not item.published),
            sources=tuple(sc.source for g in groups for sc in g.sources),
            verdict=self.verdict(inc.id),
            generated=self.generated,
        )

    def _matrix(
        self, root: str, claims: tuple[Claim, ...], groups: list[PartyClaims]
    ) -> tuple[MatrixRow, ...]:
        """Source x aspect: each cell lists what the source's claims say on it."""
        by_source: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            by_source[c.source_id].append(c)
        rows = []
        for g in groups:
            for sc in g.sources:
                cells: dict[str, list[MatrixEntry]] = {key: [] for key, _ in ASPECTS}
                for c in by_source.get(sc.source.id, ()):
                    href = self.article_href(root, c.article_id, c.id)
                    for x in c.roles:
                        actor = x.actor or "unnamed"
                        verb = {"initiator": "fired first", "responder": "responded"}.get(
                            x.role, x.role
                        )
                        cells["initiator"].append(MatrixEntry(f"{actor} {verb}", href))
                        cells["participants"].append(
                            MatrixEntry(f"{actor} ({x.actor_party})", href)
                        )
                    for y in c.casualties:
                        text = f"{y.category} {figure(y.low, y.high)}" + (
                            f" ({y.group})" if y.group else ""
                        )
                        cells["casualties"].append(MatrixEntry(text, href))
                    for place in c.places:
                        cells["location"].append(MatrixEntry(place, href))
                    for d in c.distances:
                        cells["location"].append(MatrixEntry(f"{d.km:g} km", href))
                    for t in c.times:
                        cells["time"].append(MatrixEntry(time_label(t), href))
                rows.append(
                    MatrixRow(
                        sc.source,
                        tuple(tuple(dict.fromkeys(cells[key])) for key, _ in ASPECTS),
                    )
                )
        return tuple(rows)

    def _casualty_summary(self, root: str, inc: Incident) -> tuple[CasualtyRow, ...]:
        by_id = self.result.claims_by_id
        rows = []
        for summary in inc.casualties:
            figures = []
            for cid in _uniq(summary.claim_ids):
                c = by_id.get(cid)
                if c is None:
                    continue
                source = self.source_ref(root, c.source_id)
                href = self.article_href(root, c.article_id, c.id)
                for x in c.casualties:
                    if x.category == summary.category and x.group == summary.group:
                        figures.append(
                            SourceFigure(source, figure(x.low, x.high), x.span.text, href)
                        )
            rows.append(
                CasualtyRow(
                    summary.category,
                    summary.group,
                    figure(summary.low, summary.high),
                    summary.conservative,
                    tuple(figures),
                )
            )
        return tuple(rows)

    def _timeline(
        self, root: str, claims: tuple[Claim, ...], items: list[ClaimItem]
    ) -> tuple[TimelineEntry, ...]:
        """Claims grouped by their article's publication date, earliest first."""
        groups: dict[tuple[str, str], list[ClaimItem]] = defaultdict(list)
        for c, item in zip(claims, items, strict=True):
            if item.published:
                groups[(item.published, c.article_id)].append(item)
        entries = []
        for (date, aid), group in sorted(groups.items()):
            a = self.result.articles_by_id.get(aid)
            entries.append(
                TimelineEntry(
                    date, self.article_link(root, aid), a.outlet if a else None, tuple(group)
                )
            )
        return tuple(entries)

    def article_page(self, a: Article) -> ArticlePage:
        root = "../"
        claims = self.claims_by_article.get(a.id, ())
        marks: list[Mark] = []
        for c in claims:
            source = self.source_ref(root, c.source_id)
            channel = self.source_ref(root, c.channel_id) if c.channel_id else None
            marks.extend(claim_marks(c, len(a.text), source, channel))
            if 0 <= c.sentence.start < c.sentence.end <= len(a.text):
                # The sentence is where evidence links land: outermost, so the
                # whole sentence is the target, with the claim's marks inside.
                marks.append(
                    Mark(
                        c.sentence.start,
                        c.sentence.end,
                        Tag("span", "sent", sentence_anchor(c.id), None, None, c.id),
                        -1,
                    )
                )
        text = mark_text(a.text, marks)
        return ArticlePage(
            root=root,
            title=article_title(a),
            generator=self.generator,
            id=a.id,
            outlet=a.outlet,
            published=a.published,
            path=a.path,
            row=a.row,
            url=a.url,
            url_href=safe_href(a.url),
            text=text,
            claims=tuple(self.claim_item(root, c) for c in claims),
            unplaced=frozenset(c.id for c in claims) - text.placed_ids,
            incidents=tuple(
                link
                for iid in _uniq(c.incident_id for c in claims if c.incident_id)
                if (link := self.incident_link(root, iid)) is not None
            ),
            warnings=tuple(a.warnings),
            generated=self.generated,
        )

    def source_page(self, s: Source) -> SourcePage:
        root = "../"
        claims = self.claims_by_source.get(s.id, ())
        by_incident: dict[str | None, list[Claim]] = defaultdict(list)
        for c in claims:
            by_incident[c.incident_id if c.incident_id in self._incidents else None].append(c)
        inc_order = {i.id: n for n, i in enumerate(self.result.incidents)}
        groups = [
            IncidentClaims(
                self.incident_link(root, iid), tuple(self.claim_item(root, c) for c in cs)
            )
            for iid, cs in sorted(
                by_incident.items(), key=lambda kv: inc_order.get(kv[0] or "", len(inc_order))
            )
        ]
        channels: dict[str, list[Claim]] = defaultdict(list)
        for c in claims:
            if c.channel_id:
                channels[c.channel_id].append(c)
        speakers: dict[str, list[Claim]] = defaultdict(list)
        for c in self.claims_by_channel.get(s.id, ()):
            speakers[c.source_id].append(c)
        return SourcePage(
            root=root,
            title=s.name,
            generator=self.generator,
            source=self.source_ref(root, s.id),
            aliases=tuple(s.aliases),
            channel_of=self.source_ref(root, s.channel_of) if s.channel_of else None,
            n_claims=len(claims),
            groups=tuple(groups),
            channels_used=self._channel_uses(root, channels),
            used_as_channel_by=self._channel_uses(root, speakers),
            chains=self._chains(root, (*claims, *self.claims_by_channel.get(s.id, ()))),
            generated=self.generated,
        )

    def _chains(self, root: str, claims: Iterable[Claim]) -> tuple[Chain, ...]:
        """Distinct speaker -> channel -> outlet paths of ``claims``, with counts."""
        counts: Counter[tuple[str, str | None, str]] = Counter()
        seen: set[str] = set()
        for c in claims:
            if c.id in seen:
                continue
            seen.add(c.id)
            a = self.result.articles_by_id.get(c.article_id)
            outlet = (a.outlet if a else None) or "(outlet not given)"
            counts[(c.source_id, c.channel_id, outlet)] += 1
        chains = []
        for (sid, ch, outlet), n in counts.items():
            steps = [self.source_ref(root, sid)]
            if ch:
                steps.append(self.source_ref(root, ch))
            chains.append(
                Chain(
                    tuple(ChainStep(x.name, x.href, x.party) for x in steps)
                    + (ChainStep(outlet, None, None),),
                    n,
                )
            )
        chains.sort(key=lambda ch: (-ch.n_claims, [x.text.casefold() for x in ch.steps]))
        return tuple(chains)

    def _channel_uses(self, root: str, groups: dict[str, list[Claim]]) -> tuple[ChannelUse, ...]:
        uses = [
            ChannelUse(self.source_ref(root, sid), tuple(self.claim_item(root, c) for c in cs))
            for sid, cs in groups.items()
        ]
        return tuple(sorted(uses, key=lambda u: (u.source.name.casefold(), u.source.id)))

    def pages(self) -> Iterator[tuple[str, str, object]]:
        """``(template, path relative to OUT, page)`` for every page, in a fixed order."""
        yield "index.html", "index.html", self.index_page()
        for inc in self.result.incidents:
            yield (
                "incident.html",
                f"incidents/{self.incident_pages[inc.id]}",
                self.incident_page(inc),
            )
        for a in self.result.articles:
            yield "article.html", f"articles/{self.article_pages[a.id]}", self.article_page(a)
        for s in self.result.sources:
            yield "source.html", f"sources/{self.source_pages[s.id]}", self.source_page(s)
        for rel, page in self.filter_pages_list():
            yield "index.html", rel, page

    def sample_pages(self) -> Iterator[tuple[str, object]]:
        """``(template, page)``: the first page of each kind, to try before writing."""
        if self.result.incidents:
            yield "incident.html", self.incident_page(self.result.incidents[0])
        if self.result.articles:
            yield "article.html", self.article_page(self.result.articles[0])
        if self.result.sources:
            yield "source.html", self.source_page(self.result.sources[0])


def sentence_anchor(claim_id: str) -> str:
    """The element id of a claim's sentence on its article page."""
    return f"s-{claim_id}"


def time_label(t: TimeRef) -> str:
    """``“Monday morning” = 2020-02-10 09:45``: the words, then what they resolve to."""
    resolved = " ".join(x for x in (t.value or t.relative, t.clock) if x)
    return f"“{t.span.text}”" + (f" = {resolved}" if resolved else "")


def article_title(a: Article | None) -> str:
    if a is None:
        return "(missing article)"
    return a.title or a.path or a.id


def claim_marks(
    c: Claim, text_len: int, source: SourceRef, channel: SourceRef | None
) -> list[Mark]:
    """The marks one claim puts on its article's text (``text_len`` characters).

    The first usable content span carries the claim's id: the anchor other
    pages link to. A claim without one anchors on its sentence instead.
    """
    narrative = c.form == "narrative"
    who = f"{source.name} ({source.party})"
    via = f" via {channel.name}" if channel else ""
    title = f"Source: {who}{via} · form: {FORM_LABELS.get(c.form, c.form)}" + (
        " · hedged" if c.hedged else ""
    )
    label = "outlet's voice" if narrative else f"{source.party} · {c.form}"
    if c.hedged:
        label += " · hedged"
    classes = "m content" + (" narrative" if narrative else "") + (" hedged" if c.hedged else "")
    marks: list[Mark] = []
    anchored = [s for s in c.content if 0 <= s.start < s.end <= text_len]
    if not anchored:
        marks.append(
            Mark(
                c.sentence.start,
                c.sentence.end,
                Tag("span", "m content sentence-only", c.id, title, label, c.id),
                0,
            )
        )
    for n, s in enumerate(sorted(anchored)):
        first = n == 0
        marks.append(
            Mark(
                s.start,
                s.end,
                Tag(
                    "span", classes, c.id if first else None, title, label if first else None, c.id
                ),
                0,
            )
        )
    if c.source_mention:
        s = c.source_mention
        marks.append(
            Mark(
                s.start,
                s.end,
                Tag("span", "m source", None, f"Source mention: {who}{via}", "source", c.id),
                1,
            )
        )
    if c.cue:
        s = c.cue
        marks.append(
            Mark(
                s.start,
                s.end,
                Tag(
                    "span",
                    "m cue",
                    None,
                    f"Cue for {who}: {FORM_LABELS.get(c.form, c.form)}",
                    "cue",
                    c.id,
                ),
                2,
            )
        )
    return marks


def _counts(counter: Counter[str], order: tuple[str, ...]) -> tuple[Count, ...]:
    known = [Count(k, counter[k]) for k in order if counter.get(k)]
    other = [Count(k, counter[k]) for k in sorted(counter) if k not in order and counter[k]]
    return tuple(known + other)


def _cut_before(text: str, lo: int) -> bool:
    return lo > 0 and text[lo - 1] != "\n"


def _cut_after(text: str, hi: int) -> bool:
    return hi < len(text) and text[hi] != "\n"


__all__ = [
    "ArticlePage",
    "ArticleRow",
    "CasualtyItem",
    "ChannelUse",
    "ClaimItem",
    "ContradictionCard",
    "Count",
    "ErrorRow",
    "IncidentClaims",
    "IncidentPage",
    "IncidentRow",
    "IndexPage",
    "Link",
    "PartyClaims",
    "Quote",
    "Side",
    "Site",
    "SourceClaims",
    "SourcePage",
    "SourceRef",
    "SourceRow",
    "claim_marks",
    "figure",
    "safe_href",
]
