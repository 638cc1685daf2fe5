"""Stage 2: link the incident threads of different articles.

Within one article the claims' shared context (discourse order, one
publication date behind every relative time) is strong evidence and stage 1
(:func:`.cluster.average_linkage` over an article's pairs) splits the
article into threads.  Across articles sentences about different incidents
of one conflict are as similar as sentences about one incident (on the seed
corpus, MiniLM cosine 0.39 between different clashes vs 0.45 within one),
so similarity alone must not merge threads of different articles.  Two
threads link only when

* nothing in their frames conflicts (a specific place neither contains,
  dates more than ``incident_max_gap_days`` apart), and
* their centroid similarity is at least ``incident_cross_similarity`` and at
  least ``incident_cross_min_agreements`` frame dimensions agree, one of
  them where or when (``incident_cross_needs_place_or_date``): a place
  (one inside the other; the same named place counts twice, since a village
  or a base identifies an incident as a date does), a date, a specific event type,
  a casualty figure for the same category and victim group with
  overlapping ranges (zero figures excluded: "no one was hurt" is common to
  many incidents), or the same two acting parties;
* or a sentence of one is a near-copy of a sentence of the other (cosine at
  least ``incident_paraphrase_similarity``: a wire copy, a reprint).  A
  centroid is no test for that: the mean of many sentences on one conflict
  drifts towards the conflict's topic, so big threads' centroids are close.

Pairs are linked strongest first; a link that would bring a conflict into a
group, or join two threads of one article (stage 1 kept them apart), is
skipped.  Candidate pairs come from random-projection LSH over centroids
within month blocks plus an index of specific places, so the work grows
with the number of threads times the bucket size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..config import Config
from ..models import Claim
from . import frames as fr


@dataclass
class Thread:
    """One stage-1 cluster: claims of one article about one incident."""

    members: list[int]
    article: str
    centroid: np.ndarray
    own: frozenset[str]
    area: frozenset[str]
    anchors: tuple[fr.Anchor, ...]  # absolute anchors only: relative ones do not cross articles
    events: frozenset[str]
    casualties: frozenset[tuple[str, str, int, float]]
    parties: frozenset[str]
    articles: set[str] = field(default_factory=set)


def make_thread(
    members: list[int], article: str, claims: Sequence[Claim], vecs: np.ndarray
) -> Thread:
    eventive = [i for i in members if fr.is_eventive(claims[i])] or members
    own: set[str] = set()
    area: set[str] = set()
    for i in eventive:
        o, a = fr.place_sets(fr.event_places(claims[i]))
        own |= o
        area |= a
    # Keep the most specific places: a governorate named next to one of its towns adds nothing.
    parents = {
        q.lower() for i in eventive for p in fr.event_places(claims[i]) for q in fr.place_parents(p)
    }
    own -= parents
    anchors = tuple(
        dict.fromkeys(a for i in eventive for a in fr.claim_anchors(claims[i]) if a[0] == "abs")
    )
    cas = frozenset(
        (c.category, c.group, c.low or 0, float("inf") if c.high is None else c.high)
        for i in members
        for c in claims[i].casualties
        if c.group and (c.low or 0) > 0
    )
    centroid = vecs[members].mean(axis=0)
    norm = float(np.linalg.norm(centroid)) or 1.0
    return Thread(
        members=list(members),
        article=article,
        centroid=(centroid / norm).astype(np.float32),
        own=frozenset(own),
        area=frozenset(area),
        anchors=anchors,
        events=frozenset(
            e for i in members for e in claims[i].event_types if not fr.is_generic_event(e)
        ),
        casualties=cas,
        parties=frozenset(p for i in members for p in fr.claim_parties(claims[i])),
        articles={article},
    )


def _relations(a: Thread, b: Thread, config: Config) -> tuple[bool, int]:
    """(conflict, number of agreeing dimensions); 0 agreements unless place or date agrees."""
    agree = 0
    if a.own and b.own:
        if a.own & b.own:
            # One named village or base: where identifies an incident as well as
            # when, and counts twice (unless a date conflicts, below).
            agree += 2
        elif a.own & b.area or b.own & a.area:
            agree += 1
        else:
            return True, 0
    t = fr.time_relation(a.anchors, b.anchors, config.incident_max_gap_days)
    if t < 0:
        return True, 0
    agree += t > 0
    if agree == 0 and config.incident_cross_needs_place_or_date:
        # Event kind, figures and belligerents are shared by many incidents of
        # one conflict; where and when identify one.
        return False, 0
    agree += bool(a.events & b.events)
    agree += any(
        ca == cb and ga == gb and max(la, lb) <= min(ha, hb)
        for ca, ga, la, ha in a.casualties
        for cb, gb, lb, hb in b.casualties
    )
    agree += len(a.parties & b.parties) >= 2
    return False, agree


def _retold(a: Thread, b: Thread, vecs: np.ndarray, config: Config) -> bool:
    """Some sentence of one thread is a near-copy of one of the other (wire copy, reprint)."""
    if len(a.members) * len(b.members) > 10_000:
        return False
    return (
        float((vecs[a.members] @ vecs[b.members].T).max()) >= config.incident_paraphrase_similarity
    )


def link_threads(threads: list[Thread], config: Config, vecs: np.ndarray) -> list[int]:
    """The group (index of its root thread) of each thread."""
    n = len(threads)
    if n < 2:
        return list(range(n))
    cents = np.stack([t.centroid for t in threads])
    arts = np.array([hash(t.article) for t in threads])
    scored: list[tuple[float, int, int]] = []
    for xs, ys in _candidates(threads, cents, config):
        # Vectorised first cut: different articles, centroids close enough.
        cos = np.einsum("ij,ij->i", cents[xs], cents[ys])
        keep = (cos >= config.incident_cross_similarity) & (arts[xs] != arts[ys])
        for x, y, c in zip(xs[keep].tolist(), ys[keep].tolist(), cos[keep].tolist(), strict=True):
            a, b = threads[x], threads[y]
            if a.article == b.article:
                continue
            conflict, agree = _relations(a, b, config)
            if conflict:
                continue
            if agree >= config.incident_cross_min_agreements or _retold(a, b, vecs, config):
                scored.append((-c, x, y))
    scored.sort()
    parent = list(range(n))
    group: dict[int, Thread] = {}

    def root(v: int) -> int:
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for _, x, y in scored:
        rx, ry = root(x), root(y)
        if rx == ry:
            continue
        gx, gy = group.get(rx, threads[rx]), group.get(ry, threads[ry])
        if gx.articles & gy.articles:
            continue  # stage 1 kept these apart within an article
        if _relations(gx, gy, config)[0]:
            continue
        merged = Thread(
            members=[],
            article="",
            centroid=gx.centroid,
            own=gx.own | gy.own,
            area=gx.area | gy.area,
            anchors=tuple(dict.fromkeys(gx.anchors + gy.anchors)),
            events=gx.events | gy.events,
            casualties=gx.casualties | gy.casualties,
            parties=gx.parties | gy.parties,
            articles=gx.articles | gy.articles,
        )
        rx, ry = min(rx, ry), max(rx, ry)
        parent[ry] = rx
        group[rx] = merged
        group.pop(ry, None)
    return [root(v) for v in range(n)]


def _candidates(
    threads: list[Thread], cents: np.ndarray, config: Config
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Batches of candidate pairs (x < y); a pair may come more than once."""
    n = len(threads)
    if n <= config.incident_exact_limit:
        for s in range(0, n, 256):
            sim = cents[s : s + 256] @ cents.T
            r, c = np.nonzero(sim >= config.incident_cross_similarity)
            r = r + s
            keep = c > r
            yield r[keep], c[keep]
        return
    # Threads naming one specific place (or lying in one named area).
    by_place: dict[str, list[int]] = {}
    for k, t in enumerate(threads):
        for p in t.area:
            by_place.setdefault(p, []).append(k)
    for members in by_place.values():
        if len(members) > 1:
            yield from _knn_pairs(cents, np.asarray(members), config)
    # LSH over centroids within month blocks (and one block all threads are in).
    months = np.array([_month(t) for t in threads])
    rng = np.random.default_rng(20260101)  # fixed: the same input gives the same pairs
    for _ in range(config.incident_lsh_tables):
        planes = rng.standard_normal((cents.shape[1], config.incident_lsh_bits)).astype(np.float32)
        code = ((cents @ planes) > 0) @ (1 << np.arange(config.incident_lsh_bits, dtype=np.int64))
        dated = np.flatnonzero(months >= 0)
        ids = np.concatenate([dated, dated, np.arange(n)])
        blk = np.concatenate([months[dated] * 2, months[dated] * 2 + 2, np.full(n, -1)])
        key = blk * (1 << config.incident_lsh_bits) + code[ids]
        order = np.argsort(key, kind="stable")
        k = key[order]
        starts = np.flatnonzero(np.r_[True, k[1:] != k[:-1]])
        ends = np.r_[starts[1:], len(k)]
        for s, e in zip(starts, ends, strict=True):
            if e - s >= 2:
                yield from _knn_pairs(cents, ids[order[s:e]], config)


def _month(t: Thread) -> int:
    from datetime import date

    for a in t.anchors:
        d = date.fromordinal((a[1] + a[2]) // 2)
        return d.year * 12 + d.month - 1
    return -1


def _knn_pairs(
    cents: np.ndarray, members: np.ndarray, config: Config
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    cap = config.incident_bucket_cap
    for c0 in range(0, len(members), cap):
        m = members[c0 : c0 + cap]
        if len(m) < 2:
            continue
        kk = min(config.incident_neighbours, len(m) - 1)
        if kk == len(m) - 1:  # a small bucket: every pair
            a, b = np.triu_indices(len(m), k=1)
            yield m[a], m[b]
            continue
        sim = cents[m] @ cents[m].T
        np.fill_diagonal(sim, -1.0)
        nb = np.argpartition(-sim, kk - 1, axis=1)[:, :kk]
        rows = np.repeat(np.arange(len(m)), kk)
        cols = nb.ravel()
        x, y = m[rows], m[cols]
        yield np.minimum(x, y), np.maximum(x, y)
