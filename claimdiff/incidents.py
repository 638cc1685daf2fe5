"""Group claims about the same incident, within and across articles.

Claims are embedded with sentence-transformers and clustered (average
linkage on cosine distance).  Two claims from one article that stand close
together get a bonus: reporters tell one incident in consecutive sentences.
A cluster becomes an incident only when some claim in it reports an event
(fire, attack, strike, casualties, ...); background sentences belong to none.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from .config import Config
from .models import Claim, Incident, Source, stable_id
from .nlp import embed

MAX_TITLE = 110


def group_incidents(
    claims: list[Claim], sources: dict[str, Source], config: Config, vectors: Any = None
) -> tuple[list[Claim], list[Incident]]:
    """Return the claims with incident_id set, and the incidents."""
    if not claims:
        return claims, []
    if vectors is None:
        vectors = embed([c.sentence.text for c in claims], config.embedding_model, config.embedding_batch_size)
    labels = _cluster(claims, vectors, config)
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    incidents: list[Incident] = []
    assign: dict[str, str] = {}
    for members in groups.values():
        if not any(claims[i].event_types for i in members):
            continue
        ordered = sorted(members, key=lambda i: (claims[i].article_id, claims[i].start))
        anchor = claims[ordered[0]]
        iid = stable_id("i", anchor.id)
        title = _title([claims[i] for i in ordered], vectors[ordered])
        inc_claims = [claims[i] for i in ordered]
        parties = sorted({sources[c.source_id].party for c in inc_claims if c.source_id in sources})
        incidents.append(
            Incident(
                id=iid,
                title=title,
                claim_ids=tuple(c.id for c in inc_claims),
                article_ids=tuple(sorted({c.article_id for c in inc_claims})),
                parties=tuple(parties),
                source_ids=tuple(sorted({c.source_id for c in inc_claims})),
                places=tuple(sorted({p for c in inc_claims for p in c.places})),
                event_types=tuple(sorted({e for c in inc_claims for e in c.event_types})),
            )
        )
        for c in inc_claims:
            assign[c.id] = iid
    out = [replace(c, incident_id=assign.get(c.id)) for c in claims]
    incidents.sort(key=lambda inc: inc.id)
    return out, incidents


def _cluster(claims: list[Claim], vectors: Any, config: Config) -> np.ndarray:
    n = len(claims)
    if n == 1:
        return np.zeros(1, dtype=int)
    from sklearn.cluster import AgglomerativeClustering

    sim = vectors @ vectors.T
    # Position of each claim within its article, for the adjacency bonus.
    pos = {}
    by_article: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_article.setdefault(c.article_id, []).append(i)
    for idxs in by_article.values():
        for rank, i in enumerate(sorted(idxs, key=lambda i: claims[i].start)):
            pos[i] = rank
    art = np.array([c.article_id for c in claims])
    rank = np.array([pos[i] for i in range(n)])
    same = art[:, None] == art[None, :]
    near = np.abs(rank[:, None] - rank[None, :]) <= config.incident_window
    sim = sim + config.incident_adjacency_bonus * (same & near)
    dist = np.clip(1.0 - sim, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None,
        metric="precomputed",
        linkage="average",
        distance_threshold=1.0 - config.incident_similarity,
    )
    return model.fit_predict(dist)


def _title(claims: list[Claim], vecs: Any) -> str:
    """The content of the claim nearest the cluster's centre that reports an event."""
    centre = vecs.mean(axis=0)
    scores = vecs @ centre
    best = max(
        range(len(claims)),
        key=lambda i: (bool(claims[i].event_types), float(scores[i]), -i),
    )
    t = claims[best].content_text.strip()
    return t if len(t) <= MAX_TITLE else t[: MAX_TITLE - 1].rsplit(" ", 1)[0] + "…"

