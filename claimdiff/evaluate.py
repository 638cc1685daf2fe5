"""Score a claimdiff.json run against a gold file (``corpora/*/gold.yaml``).

Gold documents are found among the run's articles by file name: a gold
``documents.<key>.file`` equals the base name of ``articles[].path``.

Every gold string is located in its article's text. A string that occurs
several times is resolved by proximity: whole-word occurrences are preferred,
and a ``source_mention`` is the occurrence nearest to the content (one that
does not lie inside the content, if there is one). Evidence phrases are the
occurrences nearest to the content of each attribution on their side.

A predicted claim matches a gold attribution when it is in the same article;
its ``source_mention`` overlaps the gold mention (for a gold narrative
attribution: the claim is narrative, i.e. ``form == "narrative"`` or it has
no source mention); and its ``content`` spans cover at least half of the gold
content's tokens (``\\w+`` runs; a token counts when any of its characters is
inside a content span). Matching is one-to-one and greedy, best coverage
first.

Source ids differ between systems, so each gold source is mapped to the
predicted source id most often matched with it. When several gold sources map
to one predicted id (a merge), the one with most claims keeps it and the
others' claims count as wrong. The outlet's own voice (a gold source of kind
``outlet``) is not mapped: a narrative claim agrees when its predicted source
is of kind ``outlet``, which also counts as party ``press``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from .errors import GoldFileError
from .models import FORMS

# The gold header's rule: a claim must cover at least half of the gold tokens.
MIN_CONTENT_COVERAGE = 0.5
OUTLET_KIND = "outlet"
PRESS_PARTY = "press"
RELATIONS = ("contradicts", "diverges", "unconfirmed")

Interval = tuple[int, int]
_TOKEN = re.compile(r"\w+")


# --- the gold file ----------------------------------------------------------


@dataclass(frozen=True)
class GoldDocument:
    key: str
    file: str
    outlet: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class GoldSource:
    id: str
    name: str
    party: str
    kind: str
    channel: str | None = None


@dataclass(frozen=True)
class GoldAttribution:
    id: str
    doc: str
    source: str
    form: str
    content: str
    source_mention: str | None = None
    cue: str | None = None
    incident: str | None = None
    channel: str | None = None

    @property
    def narrative(self) -> bool:
        return self.source_mention is None


@dataclass(frozen=True)
class GoldContradiction:
    id: str
    incident: str | None
    type: str
    severity: str | None
    between: tuple[tuple[str, ...], tuple[str, ...]]
    evidence: tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class GoldNotContradiction:
    """A pair of attributions, or phrases in some documents, that must not be flagged."""

    why: str
    between: tuple[str, str] | None = None
    docs: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class GoldUnconfirmed:
    between: tuple[str, str]
    why: str


@dataclass(frozen=True)
class Gold:
    path: str
    documents: dict[str, GoldDocument]
    sources: dict[str, GoldSource]
    incidents: dict[str, str]
    attributions: tuple[GoldAttribution, ...]
    contradictions: tuple[GoldContradiction, ...] = ()
    not_contradictions: tuple[GoldNotContradiction, ...] = ()
    unconfirmed: tuple[GoldUnconfirmed, ...] = ()

    def attribution(self, attribution_id: str) -> GoldAttribution:
        return next(a for a in self.attributions if a.id == attribution_id)


class _GoldReader:
    """Turns the parsed YAML into :class:`Gold`, naming the entry at fault."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> GoldFileError:
        return GoldFileError(f"{where}: {problem}", path=str(self.path))

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        return {str(k): v for k, v in value.items()}

    def seq(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        return value

    def text(self, entry: dict[str, Any], key: str, where: str, *, optional: bool = False) -> Any:
        value = entry.get(key)
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value:
            raise self.fail(where, f"'{key}' must be a non-empty string, got {value!r}")
        return value

    def ids(self, value: Any, where: str, known: dict[str, Any], what: str) -> tuple[str, ...]:
        out = tuple(str(v) for v in self.seq(value, where))
        for v in out:
            if v not in known:
                raise self.fail(where, f"unknown {what} {v!r}")
        return out

    def read(self, data: Any) -> Gold:
        top = self.mapping(data, "top level")
        if top.get("version") != 1:
            raise self.fail("version", f"expected 1, got {top.get('version')!r}")
        documents = {
            key: self.document(key, self.mapping(v, f"documents.{key}"))
            for key, v in self.mapping(top.get("documents"), "documents").items()
        }
        sources = {
            sid: self.source(sid, self.mapping(v, f"sources.{sid}"))
            for sid, v in self.mapping(top.get("sources"), "sources").items()
        }
        for s in sources.values():
            if s.channel is not None and s.channel not in sources:
                raise self.fail(f"sources.{s.id}", f"unknown channel {s.channel!r}")
        incidents = {
            k: str(v) for k, v in self.mapping(top.get("incidents") or {}, "incidents").items()
        }
        attributions: dict[str, GoldAttribution] = {}
        for i, raw in enumerate(self.seq(top.get("attributions"), "attributions")):
            a = self.attribution(
                self.mapping(raw, f"attributions[{i}]"), i, documents, sources, incidents
            )
            if a.id in attributions:
                raise self.fail(f"attributions[{i}]", f"id {a.id!r} is used twice")
            attributions[a.id] = a
        contradictions = []
        for i, raw in enumerate(self.seq(top.get("contradictions"), "contradictions")):
            contradictions.append(
                self.contradiction(self.mapping(raw, f"contradictions[{i}]"), i, attributions)
            )
        not_contradictions = []
        for i, raw in enumerate(self.seq(top.get("not_contradictions"), "not_contradictions")):
            entry = self.mapping(raw, f"not_contradictions[{i}]")
            not_contradictions.append(self.not_contradiction(entry, i, attributions, documents))
        unconfirmed = []
        for i, raw in enumerate(self.seq(top.get("unconfirmed"), "unconfirmed")):
            where = f"unconfirmed[{i}]"
            entry = self.mapping(raw, where)
            unconfirmed.append(
                GoldUnconfirmed(self.pair(entry, where, attributions), str(entry.get("why", "")))
            )
        gold = Gold(
            path=str(self.path),
            documents=documents,
            sources=sources,
            incidents=incidents,
            attributions=tuple(attributions.values()),
            contradictions=tuple(contradictions),
            not_contradictions=tuple(not_contradictions),
            unconfirmed=tuple(unconfirmed),
        )
        self.check_strings(gold)
        return gold

    def document(self, key: str, entry: dict[str, Any]) -> GoldDocument:
        where = f"documents.{key}"
        return GoldDocument(
            key=key,
            file=self.text(entry, "file", where),
            outlet=self.text(entry, "outlet", where, optional=True),
            note=self.text(entry, "note", where, optional=True),
        )

    def source(self, sid: str, entry: dict[str, Any]) -> GoldSource:
        where = f"sources.{sid}"
        return GoldSource(
            id=sid,
            name=self.text(entry, "name", where),
            party=self.text(entry, "party", where),
            kind=self.text(entry, "kind", where),
            channel=self.text(entry, "channel", where, optional=True),
        )

    def attribution(
        self,
        entry: dict[str, Any],
        i: int,
        documents: dict[str, GoldDocument],
        sources: dict[str, GoldSource],
        incidents: dict[str, str],
    ) -> GoldAttribution:
        where = f"attributions[{i}]"
        aid = self.text(entry, "id", where)
        where = f"attributions[{i}] ({aid})"
        doc = str(entry.get("doc"))
        if doc not in documents:
            raise self.fail(where, f"unknown doc {doc!r}")
        source = self.text(entry, "source", where)
        if source not in sources:
            raise self.fail(where, f"unknown source {source!r}")
        form = self.text(entry, "form", where)
        if form not in FORMS:
            raise self.fail(where, f"form {form!r} is not one of {', '.join(FORMS)}")
        incident = entry.get("incident")
        if incident is not None and str(incident) not in incidents:
            raise self.fail(where, f"unknown incident {incident!r}")
        channel = self.text(entry, "channel", where, optional=True)
        if channel is not None and channel not in sources:
            raise self.fail(where, f"unknown channel {channel!r}")
        mention = self.text(entry, "source_mention", where, optional=True)
        if mention is None and form != "narrative":
            raise self.fail(where, f"a {form} attribution needs a source_mention")
        return GoldAttribution(
            id=aid,
            doc=doc,
            source=source,
            form=form,
            content=self.text(entry, "content", where),
            source_mention=mention,
            cue=self.text(entry, "cue", where, optional=True),
            incident=None if incident is None else str(incident),
            channel=channel,
        )

    def two_sides(self, value: Any, where: str) -> list[Any]:
        sides = self.seq(value, where)
        if len(sides) != 2:
            raise self.fail(where, f"expected two sides, got {len(sides)}")
        return sides

    def contradiction(
        self, entry: dict[str, Any], i: int, attributions: dict[str, GoldAttribution]
    ) -> GoldContradiction:
        where = f"contradictions[{i}]"
        kid = self.text(entry, "id", where)
        where = f"contradictions[{i}] ({kid})"
        between = self.two_sides(entry.get("between"), f"{where}.between")
        evidence = self.two_sides(entry.get("evidence") or [[], []], f"{where}.evidence")
        b = tuple(self.ids(s, f"{where}.between", attributions, "attribution") for s in between)
        e = tuple(tuple(str(p) for p in self.seq(s, f"{where}.evidence")) for s in evidence)
        if not b[0] or not b[1]:
            raise self.fail(f"{where}.between", "each side needs at least one attribution")
        incident = entry.get("incident")
        return GoldContradiction(
            id=kid,
            incident=None if incident is None else str(incident),
            type=self.text(entry, "type", where),
            severity=self.text(entry, "severity", where, optional=True),
            between=(b[0], b[1]),
            evidence=(e[0], e[1]),
        )

    def pair(
        self, entry: dict[str, Any], where: str, attributions: dict[str, GoldAttribution]
    ) -> tuple[str, str]:
        ids = self.ids(entry.get("between"), f"{where}.between", attributions, "attribution")
        if len(ids) != 2:
            raise self.fail(f"{where}.between", f"expected two attribution ids, got {len(ids)}")
        return (ids[0], ids[1])

    def not_contradiction(
        self,
        entry: dict[str, Any],
        i: int,
        attributions: dict[str, GoldAttribution],
        documents: dict[str, GoldDocument],
    ) -> GoldNotContradiction:
        where = f"not_contradictions[{i}]"
        why = str(entry.get("why", ""))
        if "between" in entry:
            return GoldNotContradiction(why=why, between=self.pair(entry, where, attributions))
        docs = self.ids(entry.get("docs"), f"{where}.docs", documents, "doc")
        evidence = tuple(str(p) for p in self.seq(entry.get("evidence"), f"{where}.evidence"))
        if not docs or not evidence:
            raise self.fail(where, "needs either 'between' or both 'docs' and 'evidence'")
        return GoldNotContradiction(why=why, docs=docs, evidence=evidence)

    def check_strings(self, gold: Gold) -> None:
        """Every gold string must occur in its document, when the document is beside the file."""
        texts: dict[str, str] = {}
        for key, d in gold.documents.items():
            p = self.path.parent / d.file
            if p.is_file():
                texts[key] = p.read_text(encoding="utf-8-sig")

        def need(doc_keys: Iterable[str], s: str, where: str) -> None:
            keys = [k for k in doc_keys if k in texts]
            if keys and not any(s in texts[k] for k in keys):
                files = ", ".join(gold.documents[k].file for k in keys)
                raise self.fail(where, f"{s!r} does not occur in {files}")

        by_id = {a.id: a for a in gold.attributions}
        for a in gold.attributions:
            need([a.doc], a.content, f"attribution {a.id} content")
            if a.source_mention is not None:
                need([a.doc], a.source_mention, f"attribution {a.id} source_mention")
        for k in gold.contradictions:
            for side, phrases in zip(k.between, k.evidence, strict=True):
                docs = {by_id[a].doc for a in side}
                for phrase in phrases:
                    need(sorted(docs), phrase, f"contradiction {k.id} evidence")
        for n in gold.not_contradictions:
            for phrase in n.evidence:
                need(n.docs, phrase, "not_contradictions evidence")


def load_gold(path: Path | str) -> Gold:
    """Read and check a gold file; raises GoldFileError naming the file and the problem."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldFileError("gold file not found", path=str(p)) from None
    except UnicodeDecodeError as e:
        raise GoldFileError(f"not UTF-8 text: {e}", path=str(p)) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        raise GoldFileError(f"{line}not valid YAML: {e}", path=str(p)) from None
    return _GoldReader(p).read(data)


# --- locating gold strings in article text ----------------------------------


def _gap(a: Interval, b: Interval) -> int:
    return max(0, max(a[0], b[0]) - min(a[1], b[1]))


def _overlaps(a: Interval, b: Interval) -> bool:
    return max(a[0], b[0]) < min(a[1], b[1])


def occurrences(text: str, s: str) -> list[Interval]:
    """Where ``s`` occurs in ``text``: whole-word occurrences if there are any, else all."""
    if not s:
        return []
    left = r"(?<!\w)" if re.match(r"\w", s[0]) else ""
    right = r"(?!\w)" if re.match(r"\w", s[-1]) else ""
    found = [(m.start(), m.end()) for m in re.finditer(left + re.escape(s) + right, text)]
    if found:
        return found
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def nearest(text: str, s: str, anchors: Sequence[Interval]) -> Interval | None:
    """The occurrence of ``s`` nearest to any of ``anchors`` (the first one on ties)."""
    occ = occurrences(text, s)
    if not occ:
        return None
    if not anchors:
        return occ[0]
    return min(occ, key=lambda o: (min(_gap(o, a) for a in anchors), o[0]))


@dataclass(frozen=True)
class _Located:
    gold: GoldAttribution
    article_id: str
    content: Interval
    mention: Interval | None
    tokens: tuple[Interval, ...]


def locate_attribution(text: str, a: GoldAttribution) -> tuple[Interval, Interval | None] | None:
    """(content, source_mention) offsets of a gold attribution, or None if not found."""
    contents = occurrences(text, a.content)
    if not contents:
        return None
    if a.source_mention is None:
        return contents[0], None
    mentions = occurrences(text, a.source_mention)
    if not mentions:
        return None
    pairs = [(c, m) for c in contents for m in mentions]
    c, m = min(pairs, key=lambda cm: (_overlaps(cm[0], cm[1]), _gap(cm[0], cm[1]), cm[0][0]))
    return c, m


# --- scores -----------------------------------------------------------------


@dataclass(frozen=True)
class Ratio:
    hits: int
    total: int
    value: float | None  # None when there is nothing to count

    @classmethod
    def of(cls, hits: int, total: int) -> Ratio:
        return cls(hits, total, hits / total if total else None)

    def __str__(self) -> str:
        v = "-" if self.value is None else f"{self.value:.3f}"
        return f"{f'{self.hits}/{self.total}':<7}  {v}"


@dataclass(frozen=True)
class MatchDetail:
    gold_id: str
    claim_id: str
    coverage: float
    predicted_source: str
    source_ok: bool
    party_ok: bool
    channel_ok: bool | None  # None: the gold attribution names no channel


@dataclass(frozen=True)
class MergedSources:
    predicted_id: str
    gold_ids: tuple[str, ...]
    kept: str  # the gold source whose claims count as right


@dataclass(frozen=True)
class BCubed:
    precision: float | None
    recall: float | None
    f1: float | None
    items: int


@dataclass(frozen=True)
class ContradictionResult:
    gold_id: str
    type: str
    found: bool
    predicted_id: str | None = None
    predicted_type: str | None = None
    predicted_relation: str | None = None
    predicted_severity: str | None = None
    type_ok: bool | None = None
    evidence_ok: tuple[bool, bool] | None = None  # per gold side
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class GuardResult:
    """A gold not_contradictions or unconfirmed entry, and what the run flagged on it."""

    label: str
    why: str
    status: str  # "not flagged", "contradicts", "diverges", "unconfirmed"
    violated: bool
    flagged: tuple[tuple[str, str], ...] = ()  # (predicted id, relation)


@dataclass(frozen=True)
class Scores:
    gold_path: str
    recall: Ratio
    recall_by_form: dict[str, Ratio]
    unmatched_attributed_claims: int
    source_agreement: Ratio
    distinct_sources_kept: bool
    merged_sources: tuple[MergedSources, ...]
    source_map: dict[str, str]
    party_agreement: Ratio
    channel_agreement: Ratio
    incidents: BCubed
    contradictions: tuple[ContradictionResult, ...]
    contradictions_found: Ratio
    not_contradictions: tuple[GuardResult, ...]
    not_contradiction_violations: int
    unconfirmed: tuple[GuardResult, ...]
    flags_total: int
    flags_matching_gold: int  # flags whose sides match a gold contradiction
    flags_matching_unconfirmed: int  # "unconfirmed" flags on a gold unconfirmed pair
    matches: tuple[MatchDetail, ...]
    unmatched_gold: tuple[str, ...]
    unmatched_claims: tuple[str, ...]
    warnings: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = _plain(self)
        return out


def _plain(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    return obj


# --- scoring ----------------------------------------------------------------


def _basename(path: str) -> str:
    return PureWindowsPath(path).name if "\\" in path else PurePosixPath(path).name


def _interval(span: Any) -> Interval | None:
    if isinstance(span, dict) and isinstance(span.get("start"), int):
        end = span.get("end")
        if isinstance(end, int):
            return (span["start"], end)
    return None


def _is_narrative(claim: dict[str, Any]) -> bool:
    return claim.get("form") == "narrative" or claim.get("source_mention") is None


def _coverage(claim: dict[str, Any], tokens: Sequence[Interval]) -> float:
    spans = [iv for s in claim.get("content") or [] if (iv := _interval(s)) is not None]
    if not tokens:
        return 0.0
    covered = sum(1 for t in tokens if any(_overlaps(t, s) for s in spans))
    return covered / len(tokens)


class _Run:
    """One scoring pass: the document's lookups and the gold located in it."""

    def __init__(self, doc: dict[str, Any], gold: Gold) -> None:
        self.doc = doc
        self.gold = gold
        self.warnings: list[str] = []
        if doc.get("schema_version") != 1:
            self.warnings.append(f"schema_version is {doc.get('schema_version')!r}, expected 1")
        self.sources = {s.get("id"): s for s in doc.get("sources", []) if isinstance(s, dict)}
        self.claims = [c for c in doc.get("claims", []) if isinstance(c, dict)]
        self.claims_by_id = {c.get("id"): c for c in self.claims}
        self.flags = [c for c in doc.get("contradictions", []) if isinstance(c, dict)]
        by_file: dict[str, dict[str, Any]] = {}
        for art in doc.get("articles", []):
            if not isinstance(art, dict) or not isinstance(art.get("text"), str):
                continue
            name = _basename(str(art.get("path", "")))
            if name in by_file:
                self.warnings.append(f"two articles are named {name}; using the first")
                continue
            by_file[name] = art
        self.article_of_doc: dict[str, dict[str, Any]] = {}
        for key, d in gold.documents.items():
            if d.file in by_file:
                self.article_of_doc[key] = by_file[d.file]
            else:
                self.warnings.append(f"gold document {key} ({d.file}) is not among the articles")
        self.doc_of_article = {a["id"]: k for k, a in self.article_of_doc.items()}
        self.located: dict[str, _Located] = {}
        for a in gold.attributions:
            art = self.article_of_doc.get(a.doc)
            if art is None:
                continue
            found = locate_attribution(art["text"], a)
            if found is None:
                self.warnings.append(f"attribution {a.id}: gold text not found in {art['path']}")
                continue
            content, mention = found
            tokens = tuple(
                (content[0] + m.start(), content[0] + m.end()) for m in _TOKEN.finditer(a.content)
            )
            self.located[a.id] = _Located(a, art["id"], content, mention, tokens)

    def text_of(self, article_id: str) -> str:
        key = self.doc_of_article[article_id]
        text: str = self.article_of_doc[key]["text"]
        return text

    # -- matching --

    def candidates(self, loc: _Located) -> list[tuple[float, dict[str, Any]]]:
        out = []
        for claim in self.claims:
            if claim.get("article_id") != loc.article_id:
                continue
            if loc.mention is None:
                if not _is_narrative(claim):
                    continue
            else:
                mention = _interval(claim.get("source_mention"))
                if mention is None or not _overlaps(mention, loc.mention):
                    continue
            cov = _coverage(claim, loc.tokens)
            if cov >= MIN_CONTENT_COVERAGE:
                out.append((cov, claim))
        return out

    def match(self) -> dict[str, dict[str, Any]]:
        """gold attribution id -> predicted claim, one-to-one, best coverage first."""
        order = {a.id: i for i, a in enumerate(self.gold.attributions)}
        claim_order = {id(c): i for i, c in enumerate(self.claims)}
        pairs = [
            (cov, gid, claim)
            for gid, loc in self.located.items()
            for cov, claim in self.candidates(loc)
        ]
        pairs.sort(key=lambda p: (-p[0], order[p[1]], claim_order[id(p[2])]))
        matched: dict[str, dict[str, Any]] = {}
        used: set[int] = set()
        for _, gid, claim in pairs:
            if gid in matched or id(claim) in used:
                continue
            matched[gid] = claim
            used.add(id(claim))
        return dict(sorted(matched.items(), key=lambda kv: order[kv[0]]))

    # -- sources --

    def source_map(
        self, matched: dict[str, dict[str, Any]]
    ) -> tuple[dict[str, str], dict[str, str], list[MergedSources]]:
        """(gold source -> predicted id, predicted id -> gold source that keeps it, merges)."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for gid, claim in matched.items():
            gold_source = self.gold.sources[self.gold.attribution(gid).source]
            if gold_source.kind != OUTLET_KIND:
                counts[gold_source.id][str(claim.get("source_id"))] += 1
        mapping = {g: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for g, c in counts.items()}
        claimants: dict[str, list[str]] = defaultdict(list)
        for g, p in mapping.items():
            claimants[p].append(g)
        owner: dict[str, str] = {}
        merges = []
        for p, gs in sorted(claimants.items()):
            gs.sort(key=lambda g: (-counts[g][p], -sum(counts[g].values()), g))
            owner[p] = gs[0]
            if len(gs) > 1:
                merges.append(MergedSources(p, tuple(sorted(gs)), gs[0]))
        return mapping, owner, merges

    def party(self, source_id: Any) -> str | None:
        s = self.sources.get(source_id)
        if s is None:
            return None
        return PRESS_PARTY if s.get("kind") == OUTLET_KIND else s.get("party")

    def channel_ok(
        self,
        gold_channel: str,
        claim: dict[str, Any],
        mapping: dict[str, str],
        owner: dict[str, str],
    ) -> bool:
        cid = claim.get("channel_id")
        if cid is None:
            return False
        if mapping.get(gold_channel) == cid and owner.get(cid) == gold_channel:
            return True
        pred = self.sources.get(cid)
        if pred is None:
            return False
        g = self.gold.sources[gold_channel]
        gold_names = {
            gold_channel.replace("-", " ").lower(),
            g.name.lower(),
            re.split(r"[,(]", g.name)[0].strip().lower(),
        }
        pred_names = {str(n).lower() for n in [pred.get("name"), *(pred.get("aliases") or [])] if n}
        return any(gn and gn in pn for gn in gold_names for pn in pred_names)

    # -- incidents --

    def bcubed(self, matched: dict[str, dict[str, Any]]) -> BCubed:
        items: list[tuple[str, Any]] = []
        for gid, claim in matched.items():
            gold_inc = self.gold.attribution(gid).incident
            if gold_inc is None:
                continue
            pred = claim.get("incident_id")
            items.append((gold_inc, pred if pred is not None else ("singleton", gid)))
        if not items:
            return BCubed(None, None, None, 0)
        p_sum = r_sum = 0.0
        for g, p in items:
            both = sum(1 for g2, p2 in items if g2 == g and p2 == p)
            p_sum += both / sum(1 for _, p2 in items if p2 == p)
            r_sum += both / sum(1 for g2, _ in items if g2 == g)
        precision, recall = p_sum / len(items), r_sum / len(items)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return BCubed(precision, recall, f1, len(items))

    # -- contradictions --

    def gold_sides(self, flag: dict[str, Any], claim_gold: dict[str, str]) -> list[set[str]]:
        sides = flag.get("sides") or [[], []]
        return [{claim_gold[c] for c in side if c in claim_gold} for side in sides[:2]]

    @staticmethod
    def orientation(pred: list[set[str]], a: Iterable[str], b: Iterable[str]) -> int | None:
        """0 if pred's sides are (a, b), 1 if (b, a), None if the flag is not on this pair."""
        if len(pred) < 2:
            return None
        a, b = set(a), set(b)
        if pred[0] & a and pred[1] & b:
            return 0
        if pred[0] & b and pred[1] & a:
            return 1
        return None

    def evidence_spots(
        self, attribution_ids: Iterable[str], phrases: Iterable[str]
    ) -> list[tuple[str, Interval]]:
        """Each phrase's occurrence nearest to each attribution's content."""
        spots = []
        for aid in attribution_ids:
            loc = self.located.get(aid)
            if loc is None:
                continue
            text = self.text_of(loc.article_id)
            for phrase in phrases:
                iv = nearest(text, phrase, [loc.content])
                if iv is not None:
                    spots.append((loc.article_id, iv))
        return spots

    @staticmethod
    def evidence_hits(evidence: Any, spots: Sequence[tuple[str, Interval]]) -> bool:
        for ev in evidence if isinstance(evidence, list) else []:
            iv = _interval(ev)
            if iv is None:
                continue
            if any(ev.get("article_id") == aid and _overlaps(iv, s) for aid, s in spots):
                return True
        return False

    def contradiction(
        self, k: GoldContradiction, claim_gold: dict[str, str]
    ) -> ContradictionResult:
        spots = [self.evidence_spots(side, phrases) for side, phrases in zip(k.between, k.evidence)]
        found = []
        for i, flag in enumerate(self.flags):
            o = self.orientation(self.gold_sides(flag, claim_gold), *k.between)
            if o is None:
                continue
            ev = flag.get("evidence") or [[], []]
            ev = ev if len(ev) >= 2 else [[], []]
            ok = (self.evidence_hits(ev[o], spots[0]), self.evidence_hits(ev[1 - o], spots[1]))
            rank = (flag.get("type") != k.type, -sum(ok), i)
            found.append((rank, flag, ok))
        if not found:
            return ContradictionResult(k.id, k.type, False)
        found.sort(key=lambda f: f[0])
        _, best, ok = found[0]
        return ContradictionResult(
            gold_id=k.id,
            type=k.type,
            found=True,
            predicted_id=best.get("id"),
            predicted_type=best.get("type"),
            predicted_relation=best.get("relation"),
            predicted_severity=best.get("severity"),
            type_ok=best.get("type") == k.type,
            evidence_ok=ok,
            candidates=tuple(str(f.get("id")) for _, f, _ in found),
        )

    def flags_on_pair(self, a: str, b: str, claim_gold: dict[str, str]) -> list[dict[str, Any]]:
        return [
            f
            for f in self.flags
            if self.orientation(self.gold_sides(f, claim_gold), [a], [b]) is not None
        ]

    def flags_on_phrases(self, docs: Sequence[str], phrases: Sequence[str]) -> list[dict[str, Any]]:
        """Flags whose evidence overlaps every one of ``phrases`` (anywhere in ``docs``)."""
        spots_per_phrase = []
        for phrase in phrases:
            spots = []
            for key in docs:
                art = self.article_of_doc.get(key)
                if art is not None:
                    spots += [(art["id"], iv) for iv in occurrences(art["text"], phrase)]
            spots_per_phrase.append(spots)
        out = []
        for f in self.flags:
            sides = [s for s in f.get("evidence") or [] if isinstance(s, list)]
            evidence = [e for side in sides for e in side]
            if all(self.evidence_hits(evidence, spots) for spots in spots_per_phrase):
                out.append(f)
        return out


def _guard(label: str, why: str, flags: list[dict[str, Any]]) -> GuardResult:
    relations = [str(f.get("relation")) for f in flags]
    status = next((r for r in RELATIONS if r in relations), "not flagged")
    return GuardResult(
        label=label,
        why=why,
        status=status,
        violated="contradicts" in relations,
        flagged=tuple((str(f.get("id")), str(f.get("relation"))) for f in flags),
    )


def score(doc: dict[str, Any], gold: Gold) -> Scores:
    """Score one claimdiff.json document (a dict) against ``gold``."""
    run = _Run(doc, gold)
    matched = run.match()
    claim_gold = {str(c.get("id")): gid for gid, c in matched.items()}

    by_form: dict[str, list[int]] = {}
    for a in gold.attributions:
        hits_total = by_form.setdefault(a.form, [0, 0])
        hits_total[0] += a.id in matched
        hits_total[1] += 1
    gold_docs = set(run.doc_of_article)
    unmatched_claims = tuple(
        str(c.get("id"))
        for c in run.claims
        if c.get("article_id") in gold_docs
        and c.get("form") != "narrative"
        and str(c.get("id")) not in claim_gold
    )

    mapping, owner, merges = run.source_map(matched)
    details = []
    for gid, claim in matched.items():
        a = gold.attribution(gid)
        g = gold.sources[a.source]
        sid = claim.get("source_id")
        if g.kind == OUTLET_KIND:
            source_ok = (run.sources.get(sid) or {}).get("kind") == OUTLET_KIND
        else:
            source_ok = mapping.get(g.id) == sid and owner.get(str(sid)) == g.id
        details.append(
            MatchDetail(
                gold_id=gid,
                claim_id=str(claim.get("id")),
                coverage=round(_coverage(claim, run.located[gid].tokens), 4),
                predicted_source=str(sid),
                source_ok=source_ok,
                party_ok=run.party(sid) == g.party,
                channel_ok=(
                    None if a.channel is None else run.channel_ok(a.channel, claim, mapping, owner)
                ),
            )
        )
    with_channel = [d for d in details if d.channel_ok is not None]

    results = tuple(run.contradiction(k, claim_gold) for k in gold.contradictions)
    not_contradictions = []
    for n in gold.not_contradictions:
        if n.between is not None:
            label = f"{n.between[0]} / {n.between[1]}"
            flags = run.flags_on_pair(*n.between, claim_gold)
        else:
            label = " / ".join(n.evidence)
            flags = run.flags_on_phrases(n.docs, n.evidence)
        not_contradictions.append(_guard(label, n.why, flags))
    unconfirmed = tuple(
        _guard(f"{u.between[0]} / {u.between[1]}", u.why, run.flags_on_pair(*u.between, claim_gold))
        for u in gold.unconfirmed
    )
    flag_ids_matching = {c for r in results for c in r.candidates}
    flag_ids_unconfirmed = {
        fid for u in unconfirmed for fid, rel in u.flagged if rel == "unconfirmed"
    } - flag_ids_matching

    return Scores(
        gold_path=gold.path,
        recall=Ratio.of(len(matched), len(gold.attributions)),
        recall_by_form={f: Ratio.of(h, t) for f, (h, t) in sorted(by_form.items())},
        unmatched_attributed_claims=len(unmatched_claims),
        source_agreement=Ratio.of(sum(d.source_ok for d in details), len(details)),
        distinct_sources_kept=not merges,
        merged_sources=tuple(merges),
        source_map=dict(sorted(mapping.items())),
        party_agreement=Ratio.of(sum(d.party_ok for d in details), len(details)),
        channel_agreement=Ratio.of(
            sum(bool(d.channel_ok) for d in with_channel), len(with_channel)
        ),
        incidents=run.bcubed(matched),
        contradictions=results,
        contradictions_found=Ratio.of(sum(r.found for r in results), len(results)),
        not_contradictions=tuple(not_contradictions),
        not_contradiction_violations=sum(n.violated for n in not_contradictions),
        unconfirmed=unconfirmed,
        flags_total=len(run.flags),
        flags_matching_gold=len(flag_ids_matching),
        flags_matching_unconfirmed=len(flag_ids_unconfirmed),
        matches=tuple(details),
        unmatched_gold=tuple(a.id for a in gold.attributions if a.id not in matched),
        unmatched_claims=unmatched_claims,
        warnings=tuple(run.warnings),
    )


# --- the terminal table -----------------------------------------------------


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _yn(x: bool | None) -> str:
    return "-" if x is None else ("yes" if x else "no")


def format_scores(s: Scores) -> str:
    """A plain-text table of the scores, for the terminal and the README."""
    rows: list[tuple[str, str]] = [("attributions", "")]
    rows.append(("  recall", str(s.recall)))
    rows += [(f"    {form}", str(r)) for form, r in s.recall_by_form.items()]
    rows.append(("  unmatched attributed claims", str(s.unmatched_attributed_claims)))
    rows.append(("sources", ""))
    rows.append(("  source agreement", str(s.source_agreement)))
    merged = "; ".join(f"{' + '.join(m.gold_ids)} -> {m.predicted_id}" for m in s.merged_sources)
    rows.append(("  distinct sources kept", "yes" if s.distinct_sources_kept else f"no: {merged}"))
    rows.append(("  party agreement", str(s.party_agreement)))
    rows.append(("  channel agreement", str(s.channel_agreement)))
    b = s.incidents
    rows.append((f"incidents (B-cubed over {b.items})", ""))
    rows += [("  precision", _f(b.precision)), ("  recall", _f(b.recall)), ("  F1", _f(b.f1))]
    rows.append(("contradictions", str(s.contradictions_found)))
    for r in s.contradictions:
        if not r.found:
            rows.append((f"  {r.gold_id} {r.type}", "missed"))
            continue
        ev = "/".join(_yn(x) for x in r.evidence_ok) if r.evidence_ok else "-"
        rows.append(
            (
                f"  {r.gold_id} {r.type}",
                (
                    f"found {r.predicted_id}: {r.predicted_type} {r.predicted_relation}"
                    f" (type {_yn(r.type_ok)}, evidence {ev})"
                ),
            )
        )
    rows.append(("not contradictions", f"{s.not_contradiction_violations} violated"))
    rows += [
        (f"  {n.label}", ("VIOLATED" if n.violated else "ok") + f" ({n.status})")
        for n in s.not_contradictions
    ]
    rows.append(("unconfirmed", ""))
    rows += [
        (f"  {u.label}", u.status + (" (VIOLATED)" if u.violated else "")) for u in s.unconfirmed
    ]
    rows.append(("flags", str(s.flags_total)))
    rows.append(("  matching a gold contradiction", str(s.flags_matching_gold)))
    rows.append(("  matching a gold unconfirmed pair", str(s.flags_matching_unconfirmed)))
    width = max(len(label) for label, _ in rows) + 2
    lines = [f"gold: {s.gold_path}"]
    lines += [f"{label:<{width}}{value}".rstrip() for label, value in rows]
    if s.unmatched_gold:
        lines.append(f"missed attributions: {', '.join(s.unmatched_gold)}")
    lines += [f"warning: {w}" for w in s.warnings]
    return "\n".join(lines)


__all__ = [
    "MIN_CONTENT_COVERAGE",
    "BCubed",
    "ContradictionResult",
    "Gold",
    "GoldAttribution",
    "GoldContradiction",
    "GoldDocument",
    "GoldNotContradiction",
    "GoldSource",
    "GoldUnconfirmed",
    "GuardResult",
    "MatchDetail",
    "MergedSources",
    "Ratio",
    "Scores",
    "format_scores",
    "load_gold",
    "locate_attribution",
    "nearest",
    "occurrences",
    "score",
]
