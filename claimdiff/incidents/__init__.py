"""Group claims about the same incident, within and across articles.

1. Each claim's sentence is embedded (batched, cached by text; see
   :mod:`.embeddings`) and its frame is read (:mod:`.frames`): event types,
   specific places, time anchors, acting parties.
2. Candidate pairs are scored: embedding similarity, closeness in one
   article, frame agreement and conflict; hard conflicts are cannot-links
   (:mod:`.cluster`).
3. Constrained average linkage groups them.  A group becomes an incident
   only when one of its claims reports an event: a specific event type, or
   a casualty figure with a place or date ("veterans were killing
   themselves at three times the rate" is a statistic, not an incident);
   background claims (force levels, where troops are based) are left out
   before grouping.
4. Each incident gets a content-derived id, a title, its places, dates,
   parties, sources, event types and a casualty summary (:mod:`.summary`).

Every setting is in :class:`claimdiff.config.Config` (``incident_*``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..config import Config
from ..models import Article, Claim, Incident, Source
from . import frames as fr
from .cluster import article_pairs, average_linkage, prepare, score_pairs
from .embeddings import embed_claims
from .link import Thread, link_threads, make_thread
from .summary import build_incident, casualty_summary

__all__ = ["casualty_summary", "cluster_claims", "group_incidents"]


def group_incidents(
    claims: list[Claim],
    sources: dict[str, Source],
    config: Config,
    vectors: Any = None,
    articles: Sequence[Article] = (),
) -> tuple[list[Claim], list[Incident]]:
    """Return the claims with ``incident_id`` set, and the incidents (sorted by id).

    ``vectors`` (unit-length rows, one per claim) skips the embedding step;
    ``articles`` supply publication dates for the articles' frame times.
    """
    if not claims:
        return list(claims), []
    if vectors is None:
        vectors = embed_claims(claims, config)
    vectors = np.asarray(vectors, dtype=np.float32)
    labels = cluster_claims(claims, vectors, config, articles)
    groups: dict[int, list[int]] = {}
    for idx, lab in enumerate(labels):
        if lab >= 0:
            groups.setdefault(int(lab), []).append(idx)
    published = {a.id: a.published for a in articles}
    incidents: list[Incident] = []
    assign: dict[str, str] = {}
    for members in groups.values():
        group = [claims[i] for i in members]
        if not any(fr.reports_incident(c) for c in group):
            continue
        inc = build_incident(group, vectors[members], sources, published)
        incidents.append(inc)
        for c in group:
            assign[c.id] = inc.id
    out = [replace(c, incident_id=assign.get(c.id)) for c in claims]
    incidents.sort(key=lambda inc: inc.id)
    return out, incidents


def cluster_claims(
    claims: Sequence[Claim], vectors: np.ndarray, config: Config, articles: Sequence[Article] = ()
) -> np.ndarray:
    """A cluster label per claim (the index of one member); -1 for background claims."""
    n = len(claims)
    # A canonical order (article, position) so that labels, tie-breaks and so
    # ids do not depend on the order the inputs came in.
    order = sorted(range(n), key=lambda i: (claims[i].article_id, claims[i].start, claims[i].id))
    keep = [i for i in order if not fr.is_background(claims[i])]
    labels = np.full(n, -1, dtype=np.int64)
    if not keep:
        return labels
    articles_by_id = {a.id: a for a in articles}
    threads: list[Thread] = []
    for chunk in _article_chunks(keep, claims, config.incident_chunk_size):
        threads.extend(_split_articles(chunk, claims, vectors, config, articles_by_id))
    roots = link_threads(threads, config, vectors)
    for t, r in zip(threads, roots, strict=True):
        label = threads[r].members[0]
        for m in t.members:
            labels[m] = label
    return labels


def _article_chunks(keep: list[int], claims: Sequence[Claim], size: int) -> Iterator[list[int]]:
    """Runs of whole articles of about ``size`` claims (``keep`` is sorted by article)."""
    chunk: list[int] = []
    for k, i in enumerate(keep):
        chunk.append(i)
        last = k + 1 == len(keep) or claims[keep[k + 1]].article_id != claims[i].article_id
        if last and len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _split_articles(
    idx: list[int],
    claims: Sequence[Claim],
    vectors: np.ndarray,
    config: Config,
    articles_by_id: dict[str, Article],
) -> list[Thread]:
    """Stage 1 on a chunk of whole articles: each article's threads."""
    cl = [claims[i] for i in idx]
    by_article: dict[str, list[int]] = {}
    for k, c in enumerate(cl):
        by_article.setdefault(c.article_id, []).append(k)
    art_index = {a: x for x, a in enumerate(by_article)}
    art = np.array([art_index[c.article_id] for c in cl])
    rank = np.zeros(len(cl), dtype=np.int64)
    for ks in by_article.values():
        for r, k in enumerate(ks):
            rank[k] = r
    frame_time = {
        aid: fr.article_frame_time([cl[k] for k in ks], articles_by_id.get(aid))
        for aid, ks in by_article.items()
    }
    anchors: list[tuple[fr.Anchor, ...]] = []
    inherited: list[bool] = []
    for c in cl:
        # Dates in a claim that reports no event describe background ("a
        # source of revenue from 2014 to 2017"), not when the incident was.
        own = ()
        if fr.is_eventive(c):
            article = articles_by_id.get(c.article_id)
            published = article.published if article is not None else None
            own = fr.claim_anchors(c) or fr.statement_anchors(c, published)
        anchors.append(own or (frame_time[c.article_id],))
        inherited.append(not own)
    prep = prepare(
        vecs=vectors[idx],
        art=art,
        rank=rank,
        eventive=[fr.is_eventive(c) for c in cl],
        anchors=anchors,
        inherited=inherited,
        events=[frozenset(c.event_types) for c in cl],
        parties=[fr.claim_parties(c) for c in cl],
        places=[fr.place_sets(fr.event_places(c)) for c in cl],
        days=[fr.claim_days(c) for c in cl],
    )
    i, j = article_pairs(prep, config)
    i, j, aff, hard = score_pairs(prep, i, j, config)
    sub = average_linkage(len(cl), i, j, aff, hard, config.incident_similarity)
    sub = _merge_in_article(sub, cl, art, rank, anchors, i[hard], j[hard], config, vectors[idx])
    threads = []
    for ks in _by_root(sub):
        members = [idx[k] for k in ks]
        threads.append(make_thread(members, claims[members[0]].article_id, claims, vectors))
    return threads


def _merge_in_article(
    sub: np.ndarray,
    cl: list[Claim],
    art: np.ndarray,
    rank: np.ndarray,
    anchors: list[tuple[fr.Anchor, ...]],
    hard_i: np.ndarray,
    hard_j: np.ndarray,
    config: Config,
    vecs: np.ndarray | None = None,
) -> np.ndarray:
    """Join an article's threads that tell one incident in several voices.

    Average linkage splits an article by wording, and the sides of a clash word
    it differently ("opened fire on a border post" / "the dead were farmers"),
    so one report comes out as a thread per voice.  A news article is mostly
    about one incident, so here its threads are joined, largest first, unless
    something in their frames keeps them apart: a cannot-link between any two
    members, times that conflict (the article's frame time counts: a
    flashback "in February" stays apart), specific places with nothing in
    common, or event types of different families only (a strike and a
    withdrawal) unless both name one place and one day ("attacked the post at
    X on Monday" / "reinforcements were flown to X on Monday").  A thread that
    reports no incident of its own joins a compatible thread when it tells
    part of an event or denies one (a denial in its own paragraph, "The army
    has denied that claim.") or stands next to a claim of that thread;
    commentary further away stays out.  It joins the compatible thread whose
    sentences it is most like (centroid cosine), the nearest before it, else
    after it, on a tie: after an aside on another incident ("Separately, ...
    near Y on Thursday") an article goes back to its main story, and the
    aside is not what comes after it.
    """
    labels = sub.copy()
    cannot: dict[int, set[int]] = {}
    for a, b in zip(hard_i.tolist(), hard_j.tolist(), strict=True):
        cannot.setdefault(a, set()).add(b)
        cannot.setdefault(b, set()).add(a)
    reach = max(config.incident_article_pairs_max, 1)  # as far apart as stage 1 pairs claims
    by_art: dict[int, dict[int, list[int]]] = {}
    for k, r in enumerate(sub.tolist()):
        by_art.setdefault(int(art[k]), {}).setdefault(r, []).append(k)
    for threads in by_art.values():
        if len(threads) < 2:
            continue
        info = {r: _thread_frame(ks, cl, anchors) for r, ks in threads.items()}
        reporting = [r for r in threads if info[r].reports]
        # largest first, then the earliest: the article's main incident absorbs the rest
        reporting.sort(key=lambda r: (-len(threads[r]), int(rank[threads[r][0]])))
        merged: dict[int, int] = {}  # thread root -> the root it joined

        def compatible(
            x: int, y: int, threads: dict[int, list[int]] = threads, info: dict = info
        ) -> bool:
            if abs(int(rank[threads[x][0]]) - int(rank[threads[y][0]])) > reach:
                return False
            ys = set(threads[y])
            if any(not cannot[a].isdisjoint(ys) for a in threads[x] if a in cannot):
                return False
            return info[x].compatible(info[y], config.incident_max_gap_days)

        heads: list[int] = []
        for r in reporting:
            into = next((h for h in heads if compatible(h, r)), None)
            if into is None:
                heads.append(r)
            else:
                merged[r] = into
                threads[into] = threads[into] + threads[r]
                info[into] = info[into].join(info[r])
        near_ranks = sorted(int(rank[m]) for h in heads for m in threads[h])

        def next_to_a_report(ks: list[int], near_ranks: list[int] = near_ranks) -> bool:
            for k in ks:
                at = bisect_left(near_ranks, int(rank[k]) - config.incident_window)
                if at < len(near_ranks) and near_ranks[at] <= int(rank[k]) + config.incident_window:
                    return True
            return False

        head_centroid: dict[int, np.ndarray] = {}  # heads no longer grow from here on
        for r in (r for r in threads if not info[r].reports):
            if not info[r].tied and not next_to_a_report(threads[r]):
                continue  # commentary far from any report of the incident stays out
            start = int(rank[threads[r][0]])
            before = sorted(
                (h for h in heads if int(rank[threads[h][0]]) < start),
                key=lambda h: -int(rank[threads[h][0]]),
            )
            after = sorted(
                (h for h in heads if int(rank[threads[h][0]]) > start),
                key=lambda h: int(rank[threads[h][0]]),
            )
            fits = [h for h in before + after if compatible(h, r)]
            if fits and vecs is not None:
                for h in fits:
                    if h not in head_centroid:
                        head_centroid[h] = _centroid(vecs, threads[h])
                cent = _centroid(vecs, threads[r])
                # max keeps the first of equals: the nearest before, else after
                merged[r] = max(fits, key=lambda h: float(head_centroid[h] @ cent))
            elif fits:
                merged[r] = fits[0]
        for r, into in merged.items():
            for k in threads[r]:
                labels[k] = into
        for h in heads:
            for k in threads[h]:
                labels[k] = h
    return labels


@dataclass(frozen=True)
class _ThreadFrame:
    """What keeps two threads of one article apart: times, places, event families."""

    reports: bool
    tied: bool  # tells part of an event (a figure, a role, an event word) or denies one
    anchors: tuple[fr.Anchor, ...]
    own: frozenset[str]
    area: frozenset[str]
    families: frozenset[str]
    unknown_family: bool
    days: frozenset[int] = frozenset()  # days the event claims' own words give

    def compatible(self, other: _ThreadFrame, max_gap_days: int) -> bool:
        if fr.time_relation(self.anchors, other.anchors, max_gap_days) < 0:
            return False
        where = fr.place_relation(self.own, self.area, other.own, other.area)
        if where < 0:
            return False
        if self.families and other.families and not (self.families & other.families):
            # the same place on a day both name: one story told as fighting then
            # withdrawal, reinforcements, evacuation
            same_day = bool(self.days & other.days)
            return self.unknown_family or other.unknown_family or (where > 0 and same_day)
        return True

    def join(self, other: _ThreadFrame) -> _ThreadFrame:
        return _ThreadFrame(
            self.reports or other.reports,
            self.tied or other.tied,
            tuple(dict.fromkeys(self.anchors + other.anchors)),
            self.own | other.own,
            self.area | other.area,
            self.families | other.families,
            self.unknown_family or other.unknown_family,
            self.days | other.days,
        )


def _thread_frame(
    ks: list[int], cl: list[Claim], anchors: list[tuple[fr.Anchor, ...]]
) -> _ThreadFrame:
    eventive = [k for k in ks if fr.is_eventive(cl[k])]
    own: set[str] = set()
    area: set[str] = set()
    families: set[str] = set()
    unknown = False
    for k in eventive:
        o, a = fr.place_sets(fr.event_places(cl[k]))
        own |= o
        area |= a
        for e in cl[k].event_types:
            if fr.is_generic_event(e):
                continue
            f = fr.event_family(e)
            if f is None:
                unknown = True
            else:
                families.add(f)
    return _ThreadFrame(
        reports=any(fr.reports_incident(cl[k]) for k in ks),
        tied=bool(eventive) or any(cl[k].form == "denial" for k in ks),
        anchors=tuple(dict.fromkeys(a for k in (eventive or ks) for a in anchors[k])),
        own=frozenset(own),
        area=frozenset(area),
        families=frozenset(families),
        unknown_family=unknown,
        days=frozenset(d for k in eventive for d in fr.claim_days(cl[k])),
    )


def _centroid(vecs: np.ndarray, ks: list[int]) -> np.ndarray:
    c = vecs[ks].mean(axis=0)
    return np.asarray(c / (float(np.linalg.norm(c)) or 1.0))


def _by_root(sub: np.ndarray) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for k, r in enumerate(sub.tolist()):
        groups.setdefault(r, []).append(k)
    return [groups[r] for r in sorted(groups)]
