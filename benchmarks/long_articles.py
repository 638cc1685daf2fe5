"""Does extraction stay linear in the length of one article?

    python benchmarks/long_articles.py                 # 8 KB .. ~400 KB
    python benchmarks/long_articles.py --sizes 1 10 120   # up to ~1 MB

Builds one article from the seed corpus's texts (``corpora/syria-seeds``)
repeated N times, parses it once with claimdiff's spaCy pipeline and times
:func:`claimdiff.extract.extract_claims` on the parse (attribution, quotes,
sources, narrative), best of ``--repeat`` runs. Prints, per size, the parse
and extraction times, extraction / parse, and the extraction time per 100 KB,
and at the end the per-100 KB cost of the largest article over the smallest:
about 1 when extraction is linear. With ``--sizes 1 10 48 120`` it was 19.8
(1 MB: 34.8 s) before the quote and span lookups became binary searches, and
1.4 (1 MB: 2.3 s) after.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes", type=int, nargs="+", default=[1, 10, 48], help="copies of the seed texts"
    )
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)

    from claimdiff.config import Config
    from claimdiff.extract import extract_claims, load_lexicon
    from claimdiff.ingest import read_inputs
    from claimdiff.models import Article
    from claimdiff.nlp import load_spacy
    from claimdiff.sources import Registry

    cfg = Config()
    nlp = load_spacy(cfg.spacy_model)
    nlp.max_length = 10**8
    lex = load_lexicon()
    registry = Registry.load(cfg.sources_file)
    seeds, _ = read_inputs([REPO / "corpora" / "syria-seeds"])
    base = "\n\n".join(a.text for a in seeds)
    rows = []
    for n in args.sizes:
        text = "\n\n".join([base] * n)
        t0 = time.perf_counter()
        doc = nlp(text)
        parse = time.perf_counter() - t0
        art = Article(id="long", path="long.txt", text=text)
        best, claims = float("inf"), 0
        for _ in range(args.repeat):
            t1 = time.perf_counter()
            ex = extract_claims(art, doc, registry, lex)
            best = min(best, time.perf_counter() - t1)
            claims = len(ex.claims)
        per = best / (len(text) / 100_000)
        rows.append(per)
        print(
            f"{len(text) / 1000:8.0f} KB  parse {parse:6.1f}s  extract {best:6.2f}s  "
            f"extract/parse {best / parse:5.2f}  {per:5.2f}s per 100 KB  ({claims} claims)"
        )
    if len(rows) > 1:
        print(f"per-100 KB cost, largest / smallest article: {rows[-1] / rows[0]:.2f} (1 = linear)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
