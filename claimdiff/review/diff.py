"""Compare a report with a baseline: every finding is new, unchanged, updated or absent.

Ids are derived from content (an article's id hashes its text, a claim's its
article and offsets, an incident's its first claim, a contradiction's its
incident, aspect and parties), so an edit can give a finding a new id while it
is still the same finding. Items are therefore paired in stages, each kind
using the pairs of the kinds it is built from:

- articles: same id, else the same file (relative path and table row);
- claims: same id, else within a paired article the same fingerprint, else
  the most similar content text (same cue and source break ties);
- incidents: same id, else the most overlapping claims (through claim pairs);
- contradictions: same id, else the same paired incident, aspect and parties.

A pair is *unchanged* when its compared fields are equal once claim ids are
translated through the claim pairs, else *updated* with the fields that
changed. Each classified item carries the events ``--fail-on`` selects from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import PurePosixPath
from typing import Any

from .baseline import KINDS, Item

STATUSES: tuple[str, ...] = ("new", "updated", "absent", "unchanged")
SINGULAR = {
    "articles": "article",
    "claims": "claim",
    "incidents": "incident",
    "contradictions": "contradiction",
}

# What --fail-on can name. A claim lost or gained together with its article is
# not a claim event (the corpus changed, not the extraction).
EVENTS: dict[str, str] = {
    "new-contradiction": "a contradiction not in the baseline",
    "absent-contradiction": "a baseline contradiction no longer found",
    "changed-contradiction": "a contradiction whose relation, severity or parties changed",
    "updated-contradiction": "a contradiction whose sides, evidence or explanation changed",
    "new-incident": "an incident not in the baseline",
    "absent-incident": "a baseline incident no longer found",
    "updated-incident": "an incident whose claims, parties, places or figures changed",
    "new-claim": "a claim not in the baseline, in an article that was there",
    "lost-claim": "a baseline claim no longer found, in an article still there",
    "changed-attribution": "a claim now attributed to another source or channel",
    "updated-claim": "a claim whose form, cue, text, hedging or frames changed",
    "new-article": "an article not in the baseline",
    "absent-article": "a baseline article no longer in the input",
    "updated-article": "an article whose text changed",
}
DEFAULT_FAIL_ON: tuple[str, ...] = (
    "new-contradiction",
    "absent-contradiction",
    "changed-contradiction",
    "lost-claim",
    "changed-attribution",
)
# Fuzzy claim pairing: below this similarity of content text two claims are different claims.
MIN_TEXT_SIMILARITY = 0.6
# Incident pairing: shared claims over the smaller incident's claims.
MIN_INCIDENT_OVERLAP = 0.5


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Finding:
    """One item's classification. ``id`` is None for absent items, ``baseline_id`` for new ones."""

    kind: str  # article | claim | incident | contradiction
    status: str  # new | unchanged | updated | absent
    id: str | None
    baseline_id: str | None
    description: str
    changes: tuple[FieldChange, ...] = ()
    events: tuple[str, ...] = ()
    note: str = ""
    failing: bool = False

    @property
    def key(self) -> str:
        return self.id or self.baseline_id or ""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "status": self.status,
            "id": self.id,
            "baseline_id": self.baseline_id,
            "description": self.description,
            "changes": [c.to_json() for c in self.changes],
            "events": list(self.events),
            "note": self.note,
            "failing": self.failing,
        }


@dataclass
class CheckResult:
    findings: list[Finding]
    fail_on: tuple[str, ...]
    # baseline id -> current id, for every paired item
    successors: dict[str, str] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return any(f.failing for f in self.findings)

    def counts(self) -> dict[str, dict[str, int]]:
        out = {SINGULAR[k]: dict.fromkeys(STATUSES, 0) for k in KINDS}
        for f in self.findings:
            out[f.kind][f.status] += 1
        return out

    def of(self, kind: str, status: str) -> list[Finding]:
        return [f for f in self.findings if f.kind == kind and f.status == status]

    def failing(self) -> list[Finding]:
        return [f for f in self.findings if f.failing]


def parse_fail_on(values: Iterable[str] | None) -> tuple[str, ...]:
    """``--fail-on`` values (comma-separated, repeatable; ``all``, ``none``, ``default``)."""
    if not values:
        return DEFAULT_FAIL_ON
    out: list[str] = []
    for value in values:
        for name in (v.strip() for v in value.split(",")):
            if not name:
                continue
            if name == "none":
                continue
            if name == "all":
                out.extend(EVENTS)
            elif name == "default":
                out.extend(DEFAULT_FAIL_ON)
            elif name in EVENTS:
                out.append(name)
            else:
                raise ValueError(
                    f"unknown --fail-on kind {name!r}; known: all, none, default, {', '.join(EVENTS)}"
                )
    return tuple(dict.fromkeys(out))


def compare(
    baseline: Mapping[str, list[Item]],
    current: Mapping[str, list[Item]],
    fail_on: Iterable[str] = DEFAULT_FAIL_ON,
) -> CheckResult:
    """Classify every item of ``current`` and ``baseline`` (both as made by ``baseline.from_report``)."""
    fail_set = tuple(fail_on)
    old = {k: {x["id"]: x for x in baseline.get(k, [])} for k in KINDS}
    new = {k: {x["id"]: x for x in current.get(k, [])} for k in KINDS}

    art = _pair_articles(old["articles"], new["articles"])
    claims = _pair_claims(old["claims"], new["claims"], art)
    incs = _pair_by_overlap(old["incidents"], new["incidents"], claims)
    cons = _pair_contradictions(old["contradictions"], new["contradictions"], incs, claims)
    back_inc = {n: o for o, n in incs.items()}
    pairs = {"articles": art, "claims": claims, "incidents": incs, "contradictions": cons}

    findings: list[Finding] = []
    art_new_ids = set(art.values())
    back = {n: o for o, n in claims.items()}
    for kind in KINDS:
        kind1 = SINGULAR[kind]
        pair = pairs[kind]  # old id -> new id
        for oid, nid in pair.items():
            a, b = old[kind][oid], new[kind][nid]
            changes = _field_changes(kind, a, b, back)
            if kind == "contradictions" and back_inc.get(b.get("incident")) != a.get("incident"):
                changes.insert(
                    0, FieldChange("incident", str(a.get("incident")), str(b.get("incident")))
                )
            status = "updated" if changes else "unchanged"
            events = _update_events(kind1, changes) if changes else ()
            findings.append(
                Finding(kind1, status, nid, oid, _describe(kind, b), tuple(changes), events)
            )
        paired_new = set(pair.values())
        for nid, b in new[kind].items():
            if nid in paired_new:
                continue
            events: tuple[str, ...] = (f"new-{kind1}",)
            note = ""
            if kind == "claims" and b.get("article") not in art_new_ids:
                events, note = (), "in a new article"
            findings.append(Finding(kind1, "new", nid, None, _describe(kind, b), (), events, note))
        for oid, a in old[kind].items():
            if oid in pair:
                continue
            events = (f"absent-{kind1}",)
            note = ""
            if kind == "claims":
                if a.get("article") in art:
                    events = ("lost-claim",)
                else:
                    events, note = (), "its article is no longer in the input"
            findings.append(
                Finding(kind1, "absent", None, oid, _describe(kind, a), (), events, note)
            )
    order = {s: i for i, s in enumerate(STATUSES)}
    kinds = {SINGULAR[k]: i for i, k in enumerate(KINDS)}
    findings = [
        Finding(**{**f.__dict__, "failing": any(e in fail_set for e in f.events)})
        for f in sorted(findings, key=lambda f: (kinds[f.kind], order[f.status], f.key))
    ]
    successors = {o: n for p in pairs.values() for o, n in p.items()}
    return CheckResult(findings, fail_set, successors)


# --- pairing ---------------------------------------------------------------


def _pair_articles(old: Mapping[str, Item], new: Mapping[str, Item]) -> dict[str, str]:
    pair = {i: i for i in old if i in new}
    rest_old = {i: a for i, a in old.items() if i not in pair}
    rest_new = {i: b for i, b in new.items() if i not in pair}

    def where(a: Item) -> tuple[tuple[str, ...], Any]:
        return PurePosixPath(a.get("path") or "").parts, a.get("row")

    by_place: dict[tuple[tuple[str, ...], Any], list[str]] = {}
    for i, b in sorted(rest_new.items()):
        by_place.setdefault(where(b), []).append(i)
    for oid, a in sorted(rest_old.items()):
        parts, row = where(a)
        if not parts:
            continue
        cands = [nid for nid in by_place.get((parts, row), []) if nid in rest_new]
        if not cands:
            # The corpus may sit one folder higher or lower than before: match on the
            # longest shared trailing path, when exactly one file has it.
            best, best_len = [], 0
            for nid, b in rest_new.items():
                bparts, brow = where(b)
                if brow != row:
                    continue
                n = _common_suffix(parts, bparts)
                if n > best_len:
                    best, best_len = [nid], n
                elif n == best_len and n:
                    best.append(nid)
            cands = best if len(best) == 1 else []
        if cands:
            pair[oid] = cands[0]
            del rest_new[cands[0]]
    return pair


def _common_suffix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _pair_claims(
    old: Mapping[str, Item], new: Mapping[str, Item], art: Mapping[str, str]
) -> dict[str, str]:
    pair = {i: i for i in old if i in new}
    taken = set(pair.values())
    by_article_new: dict[str, list[Item]] = {}
    for i, b in sorted(new.items()):
        if i not in taken:
            by_article_new.setdefault(b.get("article") or "", []).append(b)
    by_article_old: dict[str, list[Item]] = {}
    for i, a in sorted(old.items()):
        if i not in pair:
            by_article_old.setdefault(a.get("article") or "", []).append(a)
    for oart, olds in by_article_old.items():
        nart = art.get(oart)
        news = by_article_new.get(nart or "", []) if nart else []
        if not news:
            continue
        free = {b["id"]: b for b in news}
        # Same fingerprint: the same claim, moved by an edit elsewhere in the article.
        for a in olds:
            match = next((b for b in free.values() if b.get("fp") == a.get("fp")), None)
            if match is not None:
                pair[a["id"]] = match["id"]
                del free[match["id"]]
        left = [a for a in olds if a["id"] not in pair]
        words = {b["id"]: _words(b.get("text") or "") for b in free.values()}
        scored = []
        for a in left:
            # seq2 is analysed once per baseline claim and reused for every candidate.
            m = SequenceMatcher(None, autojunk=False)
            m.set_seq2(_words(a.get("text") or ""))
            for b in free.values():
                s = _claim_similarity(m, words[b["id"]], a, b)
                if s is not None:
                    scored.append((-s, a["id"], b["id"]))
        for _, oid, nid in sorted(scored):
            if oid in pair or nid not in free:
                continue
            pair[oid] = nid
            del free[nid]
    return pair


def _claim_similarity(m: SequenceMatcher, words: list[str], a: Item, b: Item) -> float | None:
    """Similarity of content words (``m`` holds ``a``'s as seq2), with a bonus for the same cue
    and source; None below :data:`MIN_TEXT_SIMILARITY`.

    Words, not characters: as telling for a reworded sentence, and far faster to align.
    """
    m.set_seq1(words)
    if m.real_quick_ratio() < MIN_TEXT_SIMILARITY or m.quick_ratio() < MIN_TEXT_SIMILARITY:
        return None
    r = m.ratio()
    if r < MIN_TEXT_SIMILARITY:
        return None
    same_cue = (a.get("cue") or "").lower() == (b.get("cue") or "").lower()
    return r + (0.1 if same_cue else 0.0) + (0.05 if a.get("source") == b.get("source") else 0.0)


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _pair_by_overlap(
    old: Mapping[str, Item], new: Mapping[str, Item], claims: Mapping[str, str]
) -> dict[str, str]:
    pair = {i: i for i in old if i in new}
    taken = set(pair.values())
    back = {n: o for o, n in claims.items()}
    new_sets = {
        i: {back.get(c, c) for c in b.get("claims", [])} for i, b in new.items() if i not in taken
    }
    holding: dict[str, list[str]] = {}  # baseline claim id -> unpaired current incidents holding it
    for nid, sb in new_sets.items():
        for c in sb:
            holding.setdefault(c, []).append(nid)
    scored = []
    for oid, a in old.items():
        if oid in pair:
            continue
        sa = set(a.get("claims", []))
        for nid in sorted({n for c in sa for n in holding.get(c, ())}):
            sb = new_sets[nid]
            shared = len(sa & sb)
            # Eligible when most of the smaller incident is shared; the best pairs are those that
            # share the largest part of both (Jaccard), so a split incident keeps its larger part.
            if shared / min(len(sa), len(sb)) >= MIN_INCIDENT_OVERLAP:
                scored.append((-shared / len(sa | sb), -shared, oid, nid))
    for *_, oid, nid in sorted(scored):
        if oid in pair or nid in taken:
            continue
        pair[oid] = nid
        taken.add(nid)
    return pair


def _pair_contradictions(
    old: Mapping[str, Item],
    new: Mapping[str, Item],
    incs: Mapping[str, str],
    claims: Mapping[str, str],
) -> dict[str, str]:
    pair = {i: i for i in old if i in new}
    taken = set(pair.values())
    back_inc = {n: o for o, n in incs.items()}
    back = {n: o for o, n in claims.items()}

    def key(k: Item, inc: str | None) -> tuple[Any, ...]:
        return (inc, k.get("type"), tuple(sorted(k.get("parties") or [])))

    by_key: dict[tuple[Any, ...], list[str]] = {}
    for nid, b in sorted(new.items()):
        if nid not in taken:
            by_key.setdefault(key(b, back_inc.get(b.get("incident"))), []).append(nid)
    scored = []
    for oid, a in old.items():
        if oid in pair:
            continue
        sa = {c for side in a.get("sides", []) for c in side}
        for nid in by_key.get(key(a, a.get("incident")), []):
            b = new[nid]
            sb = {back.get(c, c) for side in b.get("sides", []) for c in side}
            scored.append((-len(sa & sb), oid, nid))
    for _, oid, nid in sorted(scored):
        if oid in pair or nid in taken:
            continue
        pair[oid] = nid
        taken.add(nid)
    # Regrouping can move a contradiction to another incident: the same aspect and parties
    # over mostly the same claims is still the same contradiction.
    scored = []
    for oid, a in old.items():
        if oid in pair:
            continue
        sa = {c for side in a.get("sides", []) for c in side}
        for nid, b in sorted(new.items()):
            if nid in taken or key(b, None)[1:] != key(a, None)[1:]:
                continue
            sb = {back.get(c, c) for side in b.get("sides", []) for c in side}
            shared = len(sa & sb)
            if sa and sb and shared / min(len(sa), len(sb)) >= MIN_INCIDENT_OVERLAP:
                scored.append((-shared / len(sa | sb), oid, nid))
    for _, oid, nid in sorted(scored):
        if oid in pair or nid in taken:
            continue
        pair[oid] = nid
        taken.add(nid)
    return pair


# --- comparing a pair --------------------------------------------------------

# Fields compared per kind; ids inside them are translated through the claim pairs.
_COMPARED: dict[str, tuple[str, ...]] = {
    "articles": ("path", "row", "title", "outlet", "text_sha1"),
    "claims": ("source", "channel", "form", "cue", "text", "hedged", "casualties", "roles"),
    "incidents": ("claims", "articles", "parties", "places", "event_types", "casualties"),
    "contradictions": (
        "type",
        "relation",
        "severity",
        "parties",
        "sides",
        "evidence",
        "explanation",
    ),
}


def _field_changes(kind: str, a: Item, b: Item, back: Mapping[str, str]) -> list[FieldChange]:
    """What differs between a baseline item and its current pair; ``back`` maps current claim ids to baseline ids."""
    out: list[FieldChange] = []
    for name in _COMPARED[kind]:
        va, vb = a.get(name), b.get(name)
        if name in ("claims",):
            vb = sorted(back.get(c, c) for c in vb or [])
            if sorted(va or []) != vb:
                out.append(_set_change(name, va or [], vb))
            continue
        if name == "articles" and kind == "incidents":
            continue  # follows from the claims; article ids change with any edit to the text
        if name == "sides":
            sa = [sorted(s) for s in va or []]
            sb = [sorted(back.get(c, c) for c in s) for s in vb or []]
            if sa != sb:
                added = sum(len(set(y) - set(x)) for x, y in zip(sa, sb))
                removed = sum(len(set(x) - set(y)) for x, y in zip(sa, sb))
                out.append(FieldChange(name, _show(va), f"+{added} −{removed} claims: {_show(vb)}"))
            continue
        if va != vb:
            out.append(FieldChange(name, _show(va), _show(vb)))
    if not out and kind == "claims" and a.get("fp") != b.get("fp"):
        out.append(FieldChange("text", "(past the first characters)", "changed"))
    return out


def _set_change(name: str, old: list[str], new: list[str]) -> FieldChange:
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    return FieldChange(name, f"{len(old)}", f"{len(new)} (+{len(added)} −{len(removed)})")


def _show(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return "; ".join(_show(x) for x in v) if v else "—"
    return str(v)


def _update_events(kind: str, changes: list[FieldChange]) -> tuple[str, ...]:
    names = {c.field for c in changes}
    if kind == "claim":
        ev = ["changed-attribution"] if names & {"source", "channel"} else []
        if names - {"source", "channel"}:
            ev.append("updated-claim")
        return tuple(ev)
    if kind == "contradiction":
        ev = (
            ["changed-contradiction"] if names & {"type", "relation", "severity", "parties"} else []
        )
        if names - {"type", "relation", "severity", "parties"}:
            ev.append("updated-contradiction")
        return tuple(ev)
    return (f"updated-{kind}",)


def _describe(kind: str, x: Item) -> str:
    describe: dict[str, Callable[[Item], str]] = {
        "articles": lambda a: f"{a.get('path') or a['id']}: {a.get('title') or ''}".rstrip(": "),
        "claims": lambda c: (
            f"{c.get('source')} ({c.get('form')}{', ' + c['cue'] if c.get('cue') else ''}): "
            f"{c.get('text')}"
        ),
        "incidents": lambda i: f"{i.get('title')} ({len(i.get('claims', []))} claims)",
        "contradictions": lambda k: (
            f"{k.get('type')} {k.get('relation')} ({k.get('severity')}), "
            f"{' vs '.join(k.get('parties') or [])}: {k.get('explanation')}"
        ),
    }
    return describe[kind](x)


__all__ = [
    "DEFAULT_FAIL_ON",
    "EVENTS",
    "CheckResult",
    "FieldChange",
    "Finding",
    "compare",
    "parse_fail_on",
]
