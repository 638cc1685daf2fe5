"""PolNeAR as a negative set for incident grouping: no US-politics claim may
join an incident of the seed corpus.

    python benchmarks/incidents_negative.py                  # seeds + 84 PolNeAR dev articles
    python benchmarks/incidents_negative.py --limit 20       # a quicker run
    python benchmarks/incidents_negative.py --split /work/shared/benchmarks/polnear/train --limit 200

The seed articles (with their manifest) and PolNeAR articles (text and the
publication date from ``metadata.tsv``, so relative times are anchored) go
through the whole pipeline together: extraction, frames, grouping.  It
prints

* incidents mixing seed and PolNeAR claims (target 0), with their titles;
* incidents made of PolNeAR claims alone: US campaign news has few violent
  events, so most are false incidents (speeches about attacks, shootings in
  the news); their titles are listed for a reader to judge;
* the seed incident B-cubed scored on the joint run, next to the seeds run
  alone (grouping must not change when unrelated articles are added).

Article texts are copyrighted: nothing is written anywhere; titles are
printed to the terminal only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimdiff.config import Config
from claimdiff.evaluate import load_gold, score
from claimdiff.incidents import group_incidents
from claimdiff.ingest import read_inputs
from claimdiff.models import Article, RunResult
from claimdiff.pipeline import extract_articles
from claimdiff.sources import Registry

SEEDS = REPO / "corpora" / "syria-seeds"
DEFAULT_SPLIT = REPO.parent / "shared" / "benchmarks" / "polnear" / "dev"


def polnear_articles(split: Path, limit: int | None) -> list[Article]:
    dates: dict[str, str] = {}
    meta = split.parent / "metadata.tsv"
    if meta.is_file():
        with meta.open(encoding="utf-8") as f:
            for row in csv.reader(f, delimiter="\t"):
                if len(row) >= 4:
                    dates[row[1]] = row[3]
    files = sorted(split.glob("*.json"))[: limit or None]
    out = []
    for p in files:
        text = json.loads(p.read_text("utf-8"))["text"]
        out.append(
            Article(id=f"polnear-{p.stem}", path=p.name, text=text, published=dates.get(p.stem))
        )
    return out


def run(articles: list[Article], config: Config) -> RunResult:
    registry = Registry.load(config.sources_file)
    claims, sources, errors = extract_articles(articles, registry, config)
    by_id = dict(sorted(sources.items()))
    claims, incidents = group_incidents(claims, by_id, config, articles=articles)
    return RunResult(
        articles=tuple(articles),
        sources=tuple(by_id.values()),
        claims=tuple(claims),
        incidents=tuple(incidents),
        errors=tuple(errors),
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    ap.add_argument(
        "--limit", type=int, default=84, help="PolNeAR articles to add (default 84: all of dev)"
    )
    ap.add_argument("--titles", type=int, default=15, help="PolNeAR-only incident titles to print")
    args = ap.parse_args()
    if not args.split.is_dir():
        sys.exit(f"no PolNeAR split at {args.split}")
    config = Config()
    gold = load_gold(SEEDS / "gold.yaml")
    seeds, _ = read_inputs([SEEDS])
    negatives = polnear_articles(args.split, args.limit)

    t0 = time.perf_counter()
    alone = run(seeds, config)
    t1 = time.perf_counter()
    joint = run(seeds + negatives, config)
    t2 = time.perf_counter()

    seed_ids = {a.id for a in seeds}
    claims = joint.claims_by_id
    mixed, neg_only, seed_only = [], [], []
    for inc in joint.incidents:
        kinds = Counter(claims[c].article_id in seed_ids for c in inc.claim_ids)
        if kinds[True] and kinds[False]:
            mixed.append(inc)
        elif kinds[False]:
            neg_only.append(inc)
        else:
            seed_only.append(inc)
    neg_claims = sum(1 for c in joint.claims if c.article_id not in seed_ids)
    neg_in_incidents = sum(
        1 for c in joint.claims if c.article_id not in seed_ids and c.incident_id
    )
    s_alone = score(alone.to_json(), gold).incidents
    s_joint = score(joint.to_json(), gold).incidents
    same_ids = {c.id: c.incident_id for c in alone.claims} == {
        c.id: c.incident_id for c in joint.claims if c.article_id in seed_ids
    }

    print(
        f"seed articles {len(seeds)}, PolNeAR articles {len(negatives)} ({args.split.name}), "
        f"claims {len(joint.claims)} ({neg_claims} PolNeAR)"
    )
    print(
        f"incidents: {len(seed_only)} seed-only, {len(neg_only)} PolNeAR-only, {len(mixed)} mixed"
    )
    print(f"mixed seed/PolNeAR incidents                 {len(mixed)}   (target 0)")
    for inc in mixed:
        print(f"  MIXED {inc.id}: {inc.title}")
    print(
        f"PolNeAR-only incidents                       {len(neg_only)}   "
        f"({neg_in_incidents} of {neg_claims} PolNeAR claims, "
        f"{len(neg_only) / max(len(negatives), 1):.2f} per article)"
    )
    for inc in sorted(neg_only, key=lambda i: -len(i.claim_ids))[: args.titles]:
        print(
            f"  {len(inc.claim_ids):3d} claims  {','.join(inc.event_types)[:30]:30}  {inc.title[:90]}"
        )
    print(
        f"seed B-cubed alone    P/R/F1 {s_alone.precision:.3f} / {s_alone.recall:.3f} / {s_alone.f1:.3f}"
    )
    print(
        f"seed B-cubed joint    P/R/F1 {s_joint.precision:.3f} / {s_joint.recall:.3f} / {s_joint.f1:.3f}"
    )
    print(f"seed claims' incident ids unchanged by the negatives: {'yes' if same_ids else 'NO'}")
    print(f"time: seeds alone {t1 - t0:.1f} s, joint {t2 - t1:.1f} s")


if __name__ == "__main__":
    main()
