"""A small learned attribution finder, used where the rules find nothing.

Two linear models over spaCy token features, trained on the PolNeAR train
split by ``benchmarks/train_attribution.py`` (only the weights ship, in
``data/attribution_model.json``; no article text):

* the cue model scores each verb, noun or adjective as the head of a
  reporting cue ("plans", "called for", "criticized", "declined");
* the role model labels the syntactic neighbours of a cue (its children, the
  word it hangs on, an inherited subject) as source, content or neither.

The features are shared with the training script, so the two cannot drift.
The rules stay first: the learned finder only adds attributions whose cue
word no rule attribution uses.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat

from spacy.tokens import Token

CUE_POS = frozenset({"VERB", "NOUN", "ADJ"})
# Children that are never an argument of the cue.
SKIP_CHILD = frozenset(
    {"punct", "aux", "auxpass", "neg", "cc", "det", "prt", "case", "space", "dep", "predet"}
)
ROLES = ("none", "source", "content")
MODEL_FILE = "data/attribution_model.json"


def _ent(t: Token) -> str:
    return t.ent_type_ or "-"


_LC_DEPS = frozenset(
    {"ccomp", "xcomp", "dobj", "nsubj", "prep", "oprd", "advcl", "dative", "acl", "relcl"}
)


def cue_features(t: Token, in_quote: bool) -> list[str]:
    """Features of a candidate cue head (one pass over its children: this runs
    on every candidate word of every article)."""
    lemma = t.lemma_.lower()
    pos, tag, dep = t.pos_, t.tag_, t.dep_
    head = t.head
    q = int(in_quote)
    f = [
        "b",
        "l=" + lemma,
        f"lp={lemma}|{pos}",
        "tag=" + tag,
        "dep=" + dep,
        f"ld={lemma}|{dep}",
        "hd=" + (head.lemma_.lower() if head is not t else "-"),
        f"q={q}",
        f"pq={pos}|{q}",
        f"lt={lemma}|{tag}",
        f"hpd={head.pos_}|{dep}",
    ]
    deps: set[str] = set()
    subj = obj = None
    comp = "-"
    for c in t.children:
        d = c.dep_
        if d not in deps:
            deps.add(d)
            f.append("c=" + d)
            if d in _LC_DEPS:
                f.append(f"lc={lemma}|{d}")
        if subj is None and d in ("nsubj", "nsubjpass"):
            subj = c
        elif d == "dobj" and obj is None:
            obj = c
        if comp == "-" and d in ("ccomp", "xcomp", "dobj"):
            comp = d
        if d == "prep":
            f.append(f"lpr={lemma}|{c.lower_}")
        elif d == "mark":
            f.append("mk=" + c.lower_)
            f.append(f"lmk={lemma}|{c.lower_}")
        elif d in ("ccomp", "acl"):
            m = next((x for x in c.children if x.dep_ == "mark"), None)
            if m is not None:
                f.append("mk=" + m.lower_)
                f.append(f"lmk={lemma}|{m.lower_}")
    if subj is not None:
        f.append(f"s={subj.pos_}|{_ent(subj)}")
        f.append(f"ls={lemma}|{subj.pos_}")
        f.append("sl=" + subj.lemma_.lower())
    f.append(f"lsc={lemma}|{int(subj is not None)}|{comp}")
    if obj is not None:
        f.append(f"lo={lemma}|{obj.lemma_.lower()}")
    doc = t.doc
    if t.i + 1 < len(doc):
        nxt = doc[t.i + 1].text
        if nxt in (":", ",", "“", '"'):
            f.append("nx=" + nxt)
            f.append(f"lnx={lemma}|{nxt}")
    if t.i > 0:
        prv = doc[t.i - 1].text
        if prv in (",", "”", '"', "’", "''"):
            f.append("pv=" + prv)
    return f


@dataclass(frozen=True)
class Candidate:
    """A neighbour of a cue that may be its source or content."""

    rel: str  # child | head | inherit
    tok: Token
    tokens: tuple[Token, ...]


def subtree_less(tok: Token, dropped: Callable[[Token], bool]) -> list[Token]:
    """``list(tok.subtree)`` less the subtrees of the children that ``dropped`` picks,
    in the same order. spaCy's subtree is a deep generator chain: the dropped parts
    are never walked, rather than walked and filtered out."""
    out: list[Token] = []
    for c in tok.lefts:
        if not dropped(c):
            out.extend(c.subtree)
    out.append(tok)
    for c in tok.rights:
        if not dropped(c):
            out.extend(c.subtree)
    return out


def candidates(cue: Token) -> list[Candidate]:
    out: list[Candidate] = []
    has_subj = False
    for c in cue.children:
        dep = c.dep_
        if dep in ("nsubj", "nsubjpass"):
            has_subj = True
        if dep in SKIP_CHILD:
            continue
        out.append(Candidate("child", c, tuple(c.subtree)))
    h = cue.head
    if h is not cue and cue.dep_ in (
        "relcl",
        "parataxis",
        "advcl",
        "ccomp",
        "conj",
        "acl",
        "xcomp",
        "pcomp",
    ):
        # h's subtree less the cue's own: the cue is one of h's children
        ci = cue.i
        toks = tuple(subtree_less(h, lambda c: c.i == ci))
        if toks:
            out.append(Candidate("head", h, toks))
    if not has_subj:
        node = cue
        for _ in range(3):
            if node.head is node:
                break
            node = node.head
            # Outside the cue's subtree: a child of the cue's ancestor lies in it only
            # if it is the cue itself (the parse is a tree; at the root, node is the
            # cue, which has no subject here), so the subtree is never walked to ask.
            s = next(
                (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != cue.i),
                None,
            )
            if s is not None:
                out.append(Candidate("inherit", s, tuple(s.subtree)))
                break
    return out


def role_features(cue: Token, cand: Candidate) -> list[str]:
    t = cand.tok
    lemma = cue.lemma_.lower()
    side = "L" if t.i < cue.i else "R"
    d = t.dep_ if cand.rel == "child" else cand.rel + ":" + cue.dep_
    f = [
        "b",
        f"d={d}",
        f"ds={d}|{side}",
        f"ld={lemma}|{d}",
        f"cp={cue.pos_}|{d}",
        f"tp={t.pos_}|{d}",
        f"tt={t.tag_}",
        f"te={_ent(t)}|{d}",
        f"rel={cand.rel}",
    ]
    if t.lower_ in ("that", "which", "who", "whom", "what", "whether", "how", "why", "if", "to"):
        f.append(f"w={t.lower_}|{d}")
    first = cand.tokens[0] if cand.tokens else t
    f.append(f"fw={first.lower_ if first.is_stop or first.is_punct else first.pos_}|{d}")
    if t.dep_ == "prep":
        f.append(f"pr={t.lower_}|{lemma}")
        f.append(f"pr={t.lower_}")
    n = len(cand.tokens)
    f.append(f"len={min(n, 8) if n < 8 else (10 if n < 20 else 20)}|{d}")
    return f


class LinearModel:
    def __init__(self, classes: tuple[str, ...], weights: dict[str, list[float]]) -> None:
        self.classes = classes
        self.w = weights
        # One feature -> weight dict per class, so that a score is one C-level sum
        # (map over dict.get) instead of a Python loop; the same additions, in order.
        k = len(classes) if len(classes) > 2 else 1
        self._cols = [{f: v[j] for f, v in weights.items()} for j in range(k)]

    def scores(self, feats: Iterable[str]) -> list[float]:
        # A feature counts once, as in training (binary features).
        fs = set(feats)
        return [sum(map(col.get, fs, repeat(0.0)), 0.0) for col in self._cols]

    def prob(self, feats: Iterable[str]) -> float:
        """Probability of the positive class of a binary model."""
        x = sum(map(self._cols[0].get, set(feats), repeat(0.0)), 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))

    def best(self, feats: Iterable[str]) -> str:
        s = self.scores(feats)
        return self.classes[max(range(len(s)), key=s.__getitem__)]


@dataclass(frozen=True)
class AttributionModel:
    cue: LinearModel
    role: LinearModel
    cue_lemmas: frozenset[str]  # lemmas ever seen heading a cue in training
    threshold: float
    veto: float  # rule verb cues scoring below this are dropped
    nested: float  # cues inside another statement's content scoring below this are dropped
    sourceless: float = 1.01  # learned cues with no source are kept only from this score up

    def is_cue(self, t: Token, in_quote: bool) -> float:
        return self.cue.prob(cue_features(t, in_quote))

    def roles(self, cue: Token) -> list[tuple[str, Candidate]]:
        return [(self.role.best(role_features(cue, c)), c) for c in candidates(cue)]


@lru_cache(maxsize=1)
def load_model() -> AttributionModel | None:
    """The shipped model, or None if the data file is missing or unreadable
    (the rules then work alone)."""
    try:
        # Benchmarks point this at a model trained on part of the train split, to
        # tune thresholds on the held-out rest (never on dev).
        alt = os.environ.get("CLAIMDIFF_ATTRIBUTION_MODEL")
        if alt:
            with open(alt, encoding="utf-8") as f:
                raw = json.load(f)
        else:
            raw = json.loads(
                resources.files("claimdiff.extract").joinpath(MODEL_FILE).read_text("utf-8")
            )
        return AttributionModel(
            cue=LinearModel(tuple(raw["cue"]["classes"]), raw["cue"]["w"]),
            role=LinearModel(tuple(raw["role"]["classes"]), raw["role"]["w"]),
            cue_lemmas=frozenset(raw["cue_lemmas"]),
            threshold=float(raw.get("threshold", 0.5)),
            veto=float(raw.get("veto", 0.3)),
            nested=float(raw.get("nested", 0.6)),
            sourceless=float(raw.get("sourceless", 1.01)),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
