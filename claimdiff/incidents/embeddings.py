"""Sentence embeddings for grouping: batched, and cached by text.

Claims of one sentence share its embedding, a re-run in the same process
(or a second call with more articles) embeds only sentences it has not
seen, and inputs are embedded in chunks so a large corpus never holds more
than one chunk of model outputs besides the result array.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ..config import Config
from ..models import Claim
from ..nlp import embed

_CACHE: OrderedDict[tuple[str | None, str], np.ndarray] = OrderedDict()


def _key(model: str | None, text: str) -> tuple[str | None, str]:
    return model, hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed_texts(texts: Sequence[str], config: Config) -> np.ndarray:
    model = config.embedding_model
    out: np.ndarray | None = None
    todo: dict[str, list[int]] = {}
    cached: dict[int, np.ndarray] = {}
    for i, t in enumerate(texts):
        v = _CACHE.get(_key(model, t))
        if v is None:
            todo.setdefault(t, []).append(i)
        else:
            _CACHE.move_to_end(_key(model, t))
            cached[i] = v
    uniq = list(todo)
    chunk = max(config.incident_chunk_size, config.embedding_batch_size)
    for s in range(0, len(uniq), chunk):
        part = uniq[s : s + chunk]
        vecs = embed(part, model, config.embedding_batch_size)
        if out is None:
            out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
        for t, v in zip(part, vecs, strict=True):
            for i in todo[t]:
                out[i] = v
            _CACHE[_key(model, t)] = v
            if len(_CACHE) > config.incident_cache_size:
                _CACHE.popitem(last=False)
    if out is None:
        dim = next(iter(cached.values())).shape[0] if cached else 384
        out = np.zeros((len(texts), dim), dtype=np.float32)
    for i, v in cached.items():
        out[i] = v
    return out


def embed_claims(claims: Sequence[Claim], config: Config) -> np.ndarray:
    """One unit-length row per claim: its sentence, with some of the sentence before.

    Claims lean on the sentence before them ("It is unclear who
    they were", "have not confirmed the raid"): the previous distinct
    sentence of the same article is added with weight
    ``incident_context_weight`` before normalising.
    """
    vecs = embed_texts([c.sentence.text for c in claims], config)
    beta = config.incident_context_weight
    if beta <= 0 or len(claims) < 2:
        return vecs
    by_article: dict[str, list[int]] = {}
    for i, c in enumerate(claims):
        by_article.setdefault(c.article_id, []).append(i)
    out = vecs.copy()
    for idx in by_article.values():
        idx.sort(key=lambda i: (claims[i].sentence.start, claims[i].start))
        prev: int | None = None
        for k, i in enumerate(idx):
            if prev is not None:
                out[i] = vecs[i] + beta * vecs[prev]
            # The context is the last claim of an earlier sentence, never one's own sentence.
            if k + 1 < len(idx) and claims[idx[k + 1]].sentence.start != claims[i].sentence.start:
                prev = i
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (out / norms).astype(np.float32)
