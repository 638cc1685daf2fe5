"""Run the minimal pairs (pairs.yaml) through the real pipeline and score the flags.

Used by tests/compare/test_pairs.py and benchmarks/contradictions.py.  Each
pair's two articles go through attribution extraction and frames exactly as in
a run; then every claim is put in one incident (grouping is not under test
here) and the contradiction detectors run over it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from claimdiff.compare import find_contradictions
from claimdiff.config import Config
from claimdiff.models import Article, Contradiction, Incident, stable_id
from claimdiff.pipeline import extract_articles
from claimdiff.sources import Registry

PAIRS = Path(__file__).with_name("pairs.yaml")


@dataclass(frozen=True)
class PairResult:
    id: str
    expected: tuple[tuple[str, str], ...]
    flags: tuple[Contradiction, ...]

    @property
    def predicted(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((k.type, k.relation) for k in self.flags))

    def counts(self) -> tuple[int, int, int]:
        """True positives, false positives, false negatives (multiset match on type and relation)."""
        exp, pred = Counter(self.expected), Counter(self.predicted)
        tp = sum((exp & pred).values())
        return tp, sum(pred.values()) - tp, sum(exp.values()) - tp


def load_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text("utf-8"))["pairs"]


def _article(pair_id: str, side: str, spec: dict[str, Any]) -> Article:
    aid = stable_id("a", pair_id, side)
    return Article(
        id=aid,
        path=f"{pair_id}/{side}.txt",
        text=spec["text"],
        outlet=spec.get("outlet"),
        published=str(spec["published"]) if spec.get("published") else None,
        title=None,
    )


def run_pair(pair: dict[str, Any], registry: Registry, config: Config) -> PairResult:
    articles = [_article(pair["id"], side, pair[side]) for side in ("a", "b")]
    claims, sources, _ = extract_articles(articles, registry, config)
    incident = Incident(
        id=stable_id("i", pair["id"]),
        title=pair["id"],
        claim_ids=tuple(c.id for c in claims),
        article_ids=tuple(a.id for a in articles),
    )
    claims = [replace(c, incident_id=incident.id) for c in claims]
    flags = find_contradictions([incident], claims, sources)
    expected = tuple(sorted((e["type"], e["relation"]) for e in pair.get("expect") or []))
    return PairResult(pair["id"], expected, tuple(flags))


def run_all(path: Path = PAIRS) -> list[PairResult]:
    registry = Registry.load()
    config = Config()
    return [run_pair(p, registry, config) for p in load_pairs(path)]


def precision_recall(results: list[PairResult]) -> tuple[float, float, int, int, int]:
    tp = fp = fn = 0
    for r in results:
        a, b, c = r.counts()
        tp, fp, fn = tp + a, fp + b, fn + c
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn
