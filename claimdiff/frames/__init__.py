"""Claim frames: who did what to whom, what kind of event, how many were hurt.

A first, pattern-based layer over a claim's content (its words and its
parse).  Patterns live in data/frames.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import yaml
from spacy.tokens import Doc

from ..models import Casualty, Claim, Role, Source, Span
from ..nlp import doc_text
from ..sources import Registry

# Parties that fight: their own forces go unnamed ("the unit") in their statements.
NON_BELLIGERENT = {"unknown", "press", "independent-monitor", "un", "humanitarian", "international-org"}
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "a hundred": 100, "no": 0, "none": 0, "a": 1, "an": 1,
}


@dataclass(frozen=True)
class FramePatterns:
    roles: tuple[tuple[str, re.Pattern[str]], ...]
    events: tuple[tuple[str, re.Pattern[str]], ...]
    casualties: tuple[tuple[str, re.Pattern[str]], ...]
    vague: dict[str, tuple[int, int, int]]


@lru_cache(maxsize=1)
def load_patterns() -> FramePatterns:
    raw = yaml.safe_load(resources.files("claimdiff.frames").joinpath("data/frames.yaml").read_text("utf-8"))

    def comp(group: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple((k, re.compile(r"\b(?:" + "|".join(v) + r")", re.IGNORECASE)) for k, v in group.items())

    return FramePatterns(
        roles=comp(raw["roles"]),
        events=comp(raw["event_types"]),
        casualties=comp(raw["casualties"]),
        vague={k: tuple(v) for k, v in raw["vague_numbers"].items()},  # type: ignore[misc]
    )


def add_frames(claim: Claim, doc: Doc, source: Source, registry: Registry) -> Claim:
    """The claim with roles, event types and casualty figures filled in."""
    pats = load_patterns()
    roles: list[Role] = []
    events: set[str] = set()
    casualties: list[Casualty] = []
    for span in claim.content:
        for role, pat in pats.roles:
            for m in pat.finditer(span.text):
                s, e = span.start + m.start(), span.start + m.end()
                actor = _actor(doc, s, e)
                party = registry.party_of(actor) if actor else None
                if party is None and role == "responder" and source.party not in NON_BELLIGERENT:
                    # "the unit came under fire", "this action was taken in
                    # self-defense": a belligerent's statement about its own side.
                    party = source.party
                roles.append(Role(role, actor, party or "unknown", Span.of(doc_text(doc), s, e)))
        for name, pat in pats.events:
            if pat.search(span.text):
                events.add(name)
        casualties.extend(_casualties(span, pats, registry))
    return replace(
        claim,
        roles=tuple(_dedupe_roles(roles)),
        event_types=tuple(sorted(events)),
        casualties=tuple(casualties),
    )


def _actor(doc: Doc, start: int, end: int) -> str | None:
    """The subject of the verb the role words belong to."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for tok in span:
        verb = tok if tok.pos_ in ("VERB", "AUX") else None
        if verb is None:
            continue
        node = verb
        for _ in range(3):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None:
                s = min(t.idx for t in subj.subtree)
                e = max(t.idx + len(t.text) for t in subj.subtree)
                return doc_text(doc)[s:e]
            if node.dep_ in ("xcomp", "conj", "advcl", "ccomp") and node.head is not node:
                node = node.head
            else:
                break
    return None


def _dedupe_roles(roles: list[Role]) -> list[Role]:
    seen: set[tuple[int, int]] = set()
    out = []
    for r in sorted(roles, key=lambda r: (r.span.start, -r.span.end)):
        if any(s <= r.span.start and r.span.end <= e for s, e in seen):
            continue
        seen.add((r.span.start, r.span.end))
        out.append(r)
    return out


_NUM = r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|no|an?)"
_QUAL = r"(?:(?:more than|over|at least|about|around|some|nearly|almost|up to|fewer than|less than|roughly|approximately)\s+)?"


def _casualties(span: Span, pats: FramePatterns, registry: Registry) -> list[Casualty]:
    out: list[Casualty] = []
    text = span.text
    vague = "|".join(re.escape(v) for v in sorted(pats.vague, key=len, reverse=True))
    for cat, cpat in pats.casualties:
        for m in cpat.finditer(text):
            # "killing one and injuring two": the figure follows the verb.
            after = re.match(r"\s+(" + _QUAL + _NUM + r")\b(?!\s*(?:km|kilomet|mile|meter|metre|%|percent))", text[m.end():], re.I)
            before = None
            # "more than 100 Syrian pro-regime forces were killed", "Hundreds of militiamen were killed"
            pre = text[max(0, m.start() - 120) : m.start()]
            clause = re.split(r"[;.]|\bbut\b|\band that\b", pre)[-1]
            bm = re.search(r"(?:^|\s)(" + _QUAL + r"(?:" + _NUM + r"|" + vague + r"))\b([^,;]*?)$", clause, re.I)
            if bm:
                before = bm
            if after and m.group(0).lower().endswith("ing"):
                fig, group_text = after.group(1), _group_after(text, m.end() + after.end())
                s = span.start + m.start()
                e = span.start + m.end() + after.end()
            elif before:
                fig, group_text = before.group(1), before.group(2)
                s = span.start + (m.start() - len(clause) + bm.start(1))  # type: ignore[union-attr]
                e = span.start + m.end()
            else:
                continue
            low, high, cons = _interval(fig, pats)
            if low is None:
                continue
            group = _group(group_text, registry)
            out.append(Casualty(cat, group, low, high, Span(s, e, span.text[s - span.start : e - span.start]), cons))
    return out


def _group_after(text: str, pos: int) -> str:
    m = re.match(r"\s*([^,.;]{0,60})", text[pos:])
    return m.group(1) if m else ""


def _group(words: str, registry: Registry) -> str | None:
    w = words.lower()
    for key, group in (("civilian", "civilians"), ("child", "children"), ("personnel", None), ("soldier", None),
                       ("fighter", None), ("militiamen", None), ("troops", None), ("forces", None), ("member", None)):
        if key in w:
            party = registry.party_of(words)
            return group or (f"{party}-forces" if party else key)
    party = registry.party_of(words)
    return f"{party}-forces" if party else None


def _interval(fig: str, pats: FramePatterns) -> tuple[int | None, int | None, int | None]:
    f = fig.lower().strip()
    qual = ""
    for q in ("more than", "over", "at least", "about", "around", "some", "nearly", "almost", "up to",
              "fewer than", "less than", "roughly", "approximately"):
        if f.startswith(q + " "):
            qual, f = q, f[len(q) + 1 :]
            break
    if f in pats.vague:
        lo, hi, cons = pats.vague[f]
        return lo, hi, cons
    n = NUMBER_WORDS.get(f)
    if n is None:
        try:
            n = int(f.replace(",", ""))
        except ValueError:
            return None, None, None
    if qual in ("more than", "over"):
        return n + 1, None, n + 1
    if qual == "at least":
        return n, None, n
    if qual in ("up to", "fewer than", "less than", "nearly", "almost"):
        return 0 if qual != "nearly" and qual != "almost" else int(n * 0.9), n if qual == "up to" else n - 1, None
    if qual in ("about", "around", "some", "roughly", "approximately"):
        return int(n * 0.9), int(n * 1.1 + 0.5), n
    return n, n, n
