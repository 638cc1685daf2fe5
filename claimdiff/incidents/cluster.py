"""Stage 1: split each article into incident threads.

Affinity of two claims = cosine similarity of their sentence embeddings
+ a bonus when they stand close together in one article (reporters tell an
incident in a run of sentences) + small bonuses for frame agreement (a
shared specific place, time, event type, acting party) - penalties for soft
frame conflicts (different specific places, event types of different
families, a time conflict involving an inherited or non-event time).  A
hard conflict (two event claims with incompatible own times, or naming
specific places neither of which contains the other, unless
``incident_place_conflict_hard`` is off; or any two claims that date what
they tell to different days and name different places, "Monday's fighting
at X" / "a convoy hit near Y on Thursday") is a cannot-link: no thread may
hold both claims.

Clustering is average linkage over the sparse graph of an article's pairs:
two clusters merge while their average pair affinity is at least
``incident_similarity`` and no pair between them is a cannot-link.  Pairs
below ``incident_min_affinity`` count as affinity 0, "unrelated".  The work
is the sum over articles of (claims per article)^2, and articles are
processed a chunk at a time; threads of different articles are linked in
stage 2 (:mod:`.link`).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

from ..config import Config
from . import frames as fr

MAX_ANCHORS = 2  # time anchors kept per claim for the vectorised comparison


@dataclass
class Prepared:
    """The per-claim arrays every pair computation reads."""

    vecs: np.ndarray  # (n, d) float32, unit length
    art: np.ndarray  # article index
    rank: np.ndarray  # position of the claim among its article's claims
    eventive: np.ndarray  # bool
    inherited: np.ndarray  # bool: the time anchors are the article's frame time
    t_kind: np.ndarray  # (n, MAX_ANCHORS) 0 none, 1 absolute, 2 relative
    t_lo: np.ndarray
    t_hi: np.ndarray
    t_rel: np.ndarray  # 0 recent, 1..12 a month
    ev_bits: np.ndarray  # int64 bit per specific event type
    fam_bits: np.ndarray  # int64 bit per family; bit 62 = a type in no family
    party_bits: np.ndarray  # int64 bit per acting party
    place_own: list[frozenset[str]]
    place_area: list[frozenset[str]]
    days: np.ndarray  # (n, MAX_ANCHORS) day ordinals the claim's own words give; 0 none

    def __len__(self) -> int:
        return len(self.art)


def _bit(table: dict[str, int], key: str) -> int:
    if key not in table:
        table[key] = (
            len(table) % 62
        )  # past 62 distinct values bits are shared: agreement gets lenient
    return 1 << table[key]


def prepare(
    vecs: np.ndarray,
    art: np.ndarray,
    rank: np.ndarray,
    eventive: list[bool],
    anchors: list[tuple[fr.Anchor, ...]],
    inherited: list[bool],
    events: list[frozenset[str]],
    parties: list[frozenset[str]],
    places: list[tuple[frozenset[str], frozenset[str]]],
    days: list[tuple[int, ...]] | None = None,
) -> Prepared:
    """``days``: the days each claim dates what it tells to, from its own words
    (eventive or not; not the statement's or the article's date)."""
    n = len(art)
    day_arr = np.zeros((n, MAX_ANCHORS), np.int64)
    for i, ds in enumerate(days or ()):
        for k, d in enumerate(ds[:MAX_ANCHORS]):
            day_arr[i, k] = d
    t_kind = np.zeros((n, MAX_ANCHORS), np.int8)
    t_lo = np.zeros((n, MAX_ANCHORS), np.int64)
    t_hi = np.zeros((n, MAX_ANCHORS), np.int64)
    t_rel = np.zeros((n, MAX_ANCHORS), np.int8)
    ev_bits = np.zeros(n, np.int64)
    fam_bits = np.zeros(n, np.int64)
    party_bits = np.zeros(n, np.int64)
    ev_tab: dict[str, int] = {}
    fam_tab: dict[str, int] = {}
    party_tab: dict[str, int] = {}
    for i in range(n):
        for k, a in enumerate(anchors[i][:MAX_ANCHORS]):
            if a[0] == "abs":
                t_kind[i, k], t_lo[i, k], t_hi[i, k] = 1, a[1], a[2]
            else:
                t_kind[i, k], t_rel[i, k] = 2, 0 if a[2] == fr.RECENT else int(a[2])
        spec = {t for t in events[i] if not fr.is_generic_event(t)}
        for t in spec:
            ev_bits[i] |= _bit(ev_tab, t)
            fam = fr.event_family(t)
            fam_bits[i] |= (1 << 62) if fam is None else _bit(fam_tab, fam)
        for p in parties[i]:
            party_bits[i] |= _bit(party_tab, p)
    return Prepared(
        vecs=vecs,
        art=np.asarray(art, np.int64),
        rank=np.asarray(rank, np.int64),
        eventive=np.asarray(eventive, bool),
        inherited=np.asarray(inherited, bool),
        t_kind=t_kind,
        t_lo=t_lo,
        t_hi=t_hi,
        t_rel=t_rel,
        ev_bits=ev_bits,
        fam_bits=fam_bits,
        party_bits=party_bits,
        place_own=[p[0] for p in places],
        place_area=[p[1] for p in places],
        days=day_arr,
    )


# --- candidate pairs --------------------------------------------------------


def article_pairs(p: Prepared, config: Config) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of claims of one article: stage 1 never pairs claims of two articles."""
    n = len(p)
    keys = _article_pairs(p, config)
    return keys // max(n, 1), keys % max(n, 1)


def _article_pairs(p: Prepared, config: Config) -> np.ndarray:
    """Every pair inside one article (articles are short); a window for very long ones."""
    n = len(p)
    order = np.lexsort((p.rank, p.art))
    art = p.art[order]
    starts = np.flatnonzero(np.r_[True, art[1:] != art[:-1]])
    ends = np.r_[starts[1:], len(art)]
    out: list[np.ndarray] = []
    span = max(config.incident_article_pairs_max, 1)
    for s, e in zip(starts, ends, strict=True):
        m = e - s
        if m < 2:
            continue
        idx = order[s:e]
        if m <= span:
            a, b = np.triu_indices(m, k=1)
        else:
            a = np.repeat(np.arange(m), span)
            b = a + np.tile(np.arange(1, span + 1), m)
            keep = b < m
            a, b = a[keep], b[keep]
        x, y = idx[a], idx[b]
        out.append(np.minimum(x, y) * n + np.maximum(x, y))
    return np.concatenate(out) if out else np.zeros(0, np.int64)


# --- affinities -------------------------------------------------------------


def score_pairs(
    p: Prepared, i: np.ndarray, j: np.ndarray, config: Config
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, affinity, cannot_link) for the pairs whose affinity reaches the floor."""
    out_i, out_j, out_a, out_h = [], [], [], []
    step = 1 << 20
    for s in range(0, len(i), step):
        a, b = i[s : s + step], j[s : s + step]
        aff, hard = _score_chunk(p, a, b, config)
        keep = (aff >= config.incident_min_affinity) | hard
        out_i.append(a[keep])
        out_j.append(b[keep])
        out_a.append(aff[keep])
        out_h.append(hard[keep])
    if not out_i:
        z = np.zeros(0, np.int64)
        return z, z, np.zeros(0), np.zeros(0, bool)
    return (
        np.concatenate(out_i),
        np.concatenate(out_j),
        np.concatenate(out_a),
        np.concatenate(out_h),
    )


def _score_chunk(
    p: Prepared, a: np.ndarray, b: np.ndarray, config: Config
) -> tuple[np.ndarray, np.ndarray]:
    cos = np.einsum("ij,ij->i", p.vecs[a], p.vecs[b]).astype(np.float64)
    same_art = p.art[a] == p.art[b]
    # Continuity fades with distance: full bonus for neighbours, none past the window.
    dist = np.abs(p.rank[a] - p.rank[b])
    w = max(config.incident_window, 1)
    adjacency = np.where(same_art & (dist <= w), 1.0 - (dist - 1) / w, 0.0)
    aff = cos + config.incident_adjacency_bonus * adjacency
    both_event = p.eventive[a] & p.eventive[b]

    # time
    agree = np.zeros(len(a), bool)
    conflict = np.zeros(len(a), bool)
    for x in range(MAX_ANCHORS):
        for y in range(MAX_ANCHORS):
            ka, kb = p.t_kind[a, x], p.t_kind[b, y]
            both_abs = (ka == 1) & (kb == 1)
            gap = np.maximum(
                0, np.maximum(p.t_lo[b, y] - p.t_hi[a, x], p.t_lo[a, x] - p.t_hi[b, y])
            )
            both_rel = (ka == 2) & (kb == 2) & same_art
            coarse = np.maximum(p.t_hi[a, x] - p.t_lo[a, x], p.t_hi[b, y] - p.t_lo[b, y]) >= 27
            allowed = np.where(coarse, 0, config.incident_max_gap_days)  # see frames.allowed_gap
            ok = np.where(both_abs, gap <= allowed, p.t_rel[a, x] == p.t_rel[b, y])
            comparable = both_abs | both_rel
            agree |= comparable & ok
            conflict |= comparable & ~ok
    t_conf = conflict & ~agree
    own = ~p.inherited[a] & ~p.inherited[b]
    hard = t_conf & own & both_event
    aff += config.incident_agreement_bonus * (agree & own)
    aff -= config.incident_conflict_penalty * (t_conf & ~hard)

    # event types
    ea, eb = p.ev_bits[a], p.ev_bits[b]
    has = (ea != 0) & (eb != 0)
    shared = has & ((ea & eb) != 0)
    fa, fb = p.fam_bits[a], p.fam_bits[b]
    unknown_family = ((fa | fb) & (1 << 62)) != 0
    ev_conf = has & ~shared & ~unknown_family & ((fa & fb) == 0)
    aff += config.incident_agreement_bonus * shared
    aff -= config.incident_conflict_penalty * ev_conf

    # acting parties
    pa, pb = p.party_bits[a], p.party_bits[b]
    phas = (pa != 0) & (pb != 0)
    pshared = phas & ((pa & pb) != 0)
    aff += config.incident_party_weight * pshared
    aff -= config.incident_party_weight * (phas & ~pshared)

    # Both claims date what they tell, to different days (the article's one
    # publication date resolves both, so no reporting lag applies).
    da, db = p.days[a], p.days[b]
    dated = (da[:, 0] > 0) & (db[:, 0] > 0)
    same_day = np.zeros(len(a), bool)
    for x in range(MAX_ANCHORS):
        for y in range(MAX_ANCHORS):
            same_day |= (da[:, x] > 0) & (da[:, x] == db[:, y])
    other_day = dated & same_art & ~same_day

    # places: sets, compared in Python only where both claims name a specific place
    with_place = np.array([bool(p.place_own[x]) for x in a]) & np.array(
        [bool(p.place_own[y]) for y in b]
    )
    for k in np.flatnonzero(with_place):
        x, y = int(a[k]), int(b[k])
        rel = fr.place_relation(p.place_own[x], p.place_area[x], p.place_own[y], p.place_area[y])
        if rel > 0:
            aff[k] += config.incident_agreement_bonus
        elif rel < 0:
            if (both_event[k] and config.incident_place_conflict_hard) or other_day[k]:
                hard[k] = True  # another place, or another place on another day
            else:
                aff[k] -= config.incident_conflict_penalty
    return aff, hard


# --- clustering ---------------------------------------------------------------


def average_linkage(
    n: int, i: np.ndarray, j: np.ndarray, aff: np.ndarray, hard: np.ndarray, threshold: float
) -> np.ndarray:
    """Labels of constrained average-linkage clusters over a sparse graph.

    Missing pairs count as affinity 0.  A cannot-link between any two
    members keeps two clusters apart.  Ties break on the lower index, so the
    result depends only on the order of the claims (which the caller fixes).
    """
    parent = np.arange(n)
    size = [1] * n
    # Per cluster: neighbour -> [sum of affinities, pairs scored, cannot-link];
    # one list object is shared by both directions.
    nbr: list[dict[int, list]] = [{} for _ in range(n)]
    heap: list[tuple[float, int, int]] = []
    for x, y, a, h in zip(i.tolist(), j.tolist(), aff.tolist(), hard.tolist(), strict=True):
        if x == y:
            continue
        e = nbr[x].get(y)
        if e is None:
            e = [a, 1, h]
            nbr[x][y] = e
            nbr[y][x] = e
        if not h and a >= threshold:
            heap.append((-a, min(x, y), max(x, y)))
    heapq.heapify(heap)
    alive = [True] * n
    while heap:
        neg, x, y = heapq.heappop(heap)
        if not (alive[x] and alive[y]):
            continue
        e = nbr[x].get(y)
        if e is None or e[2]:
            continue
        link = e[0] / (size[x] * size[y])
        if link != -neg:
            continue  # stale: a newer entry for this pair is in the heap
        if len(nbr[x]) < len(nbr[y]):
            x, y = y, x  # fold the smaller neighbourhood into the larger
        del nbr[x][y]
        for k, e2 in nbr[y].items():
            if k == x:
                continue
            del nbr[k][y]
            e1 = nbr[x].get(k)
            if e1 is None:
                nbr[x][k] = e2
                nbr[k][x] = e2
            else:
                e1[0] += e2[0]
                e1[1] += e2[1]
                e1[2] = e1[2] or e2[2]
        nbr[y] = {}
        size[x] += size[y]
        alive[y] = False
        parent[y] = x
        for k, e1 in nbr[x].items():
            if e1[2]:
                continue
            link = e1[0] / (size[x] * size[k])
            if link >= threshold:
                heapq.heappush(heap, (-link, min(x, k), max(x, k)))
    # Resolve each claim to its cluster's root.
    for v in range(n):
        r = v
        while parent[r] != r:
            r = parent[r]
        while parent[v] != r:
            parent[v], v = r, parent[v]
    return parent
