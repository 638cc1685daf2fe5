"""Time claim frames (claimdiff.frames.add_frames) against extraction, and
count what they find, on the seed corpus and/or the PolNeAR dev texts.

    python benchmarks/frames.py                       # seeds + PolNeAR dev (if present)
    python benchmarks/frames.py --repeat 5            # more stable timings
    python benchmarks/frames.py --split DIR           # another PolNeAR split

Parsing (spaCy) is done once and not timed; what is timed is attribution
extraction and add_frames over the same claims, so the ratio of the two is
the cost frames add to a run.  PolNeAR is US politics news: the counts of
event types and casualty figures found there are mostly false positives of
the conflict patterns, worth watching.  No article text is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from pathlib import Path

from claimdiff.extract import extract_claims, load_lexicon
from claimdiff.frames import add_frames
from claimdiff.ingest import read_inputs
from claimdiff.models import Article
from claimdiff.nlp import load_spacy
from claimdiff.sources import Registry

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "corpora" / "syria-seeds"
POLNEAR_DEV = REPO.parent / "shared" / "benchmarks" / "polnear" / "dev"


def polnear_articles(split: Path) -> list[Article]:
    out = []
    for f in sorted(split.glob("*.json")):
        text = json.loads(f.read_text(encoding="utf-8"))["text"]
        m = re.search(
            r"_(\d{4}-\d{2}-\d{2})_", f.name
        )  # the file name carries the publication date
        out.append(Article(id=f.stem, path=f.name, text=text, published=m.group(1) if m else None))
    return out


def run(name: str, articles: list[Article], repeat: int) -> None:
    nlp = load_spacy()
    registry = Registry.load()
    lex = load_lexicon()
    docs = list(nlp.pipe(a.text for a in articles))
    best_ex = best_fr = float("inf")
    framed = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        extracted = [
            extract_claims(a, d, registry, lex) for a, d in zip(articles, docs, strict=True)
        ]
        t1 = time.perf_counter()
        framed = []
        for a, d, ex in zip(articles, docs, extracted, strict=True):
            by_id = {s.id: s for s in ex.sources}
            framed.extend(add_frames(c, d, by_id[c.source_id], registry, a) for c in ex.claims)
        t2 = time.perf_counter()
        best_ex, best_fr = min(best_ex, t1 - t0), min(best_fr, t2 - t1)
    chars = sum(len(a.text) for a in articles)
    n = len(framed)
    events = Counter(e for c in framed for e in c.event_types)
    print(f"== {name}: {len(articles)} articles, {chars:,} chars, {n} claims (best of {repeat})")
    print(
        f"   extraction {best_ex * 1000:8.1f} ms   add_frames {best_fr * 1000:8.1f} ms   "
        f"frames/extraction = {best_fr / best_ex:.2f}   {best_fr / max(n, 1) * 1e6:.0f} us/claim"
    )
    print(
        f"   claims with event types {sum(bool(c.event_types) for c in framed)}, roles "
        f"{sum(bool(c.roles) for c in framed)}, casualties {sum(bool(c.casualties) for c in framed)}, places "
        f"{sum(bool(c.places) for c in framed)}, times {sum(bool(c.times) for c in framed)} "
        f"({sum(1 for c in framed for t in c.times if t.value)} anchored), distances "
        f"{sum(bool(c.distances) for c in framed)}, warnings {sum(len(c.warnings) for c in framed)}"
    )
    print(f"   event types: {dict(events.most_common())}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", type=Path, default=POLNEAR_DEV)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    seeds, _ = read_inputs([SEEDS])
    run("syria-seeds", seeds, args.repeat)
    if args.split.is_dir():
        run(f"PolNeAR {args.split.name}", polnear_articles(args.split), args.repeat)
    else:
        print(f"(no PolNeAR split at {args.split}; skipped)")


if __name__ == "__main__":
    main()
