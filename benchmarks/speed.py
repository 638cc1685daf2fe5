"""How much slower than spaCy alone is claimdiff's extraction?

    python benchmarks/speed.py                     # one process, 3 rounds
    python benchmarks/speed.py --n-process 1 2     # one and two processes
    python benchmarks/speed.py --repeat 5 --limit 40

Times, over the same texts and in the same run:

  bare       ``nlp.pipe`` of the pipeline claimdiff uses
             (:func:`claimdiff.nlp.load_spacy`), every doc consumed, with
             claimdiff's batch size and the same number of processes;
  claimdiff  :func:`claimdiff.pipeline.extract` on a temporary folder of
             ``.txt`` files holding the texts: reading, parsing, attribution
             extraction, source resolution and frames, end to end.

and prints the minimum time of each over ``--repeat`` interleaved rounds
and their ratio (claimdiff / bare). Target: ratio <= 1.1 with one process.

Texts: the PolNeAR dev split (``../shared/benchmarks/polnear/dev`` next to
the repository) when it exists, else the seed corpus
(``corpora/syria-seeds``) repeated ``--copies`` times. The texts are written
to a temporary folder outside the repository, removed at the end; the bare
run parses exactly the texts claimdiff reads back from it.

Both sides are warmed up first (models loaded, a few texts parsed and
extracted), untimed.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
POLNEAR_DEV = REPO.parent / "shared" / "benchmarks" / "polnear" / "dev"
SEEDS = REPO / "corpora" / "syria-seeds"
TARGET = 1.1


def load_texts(
    split: Path | None, copies: int, limit: int | None, seeds: bool = False
) -> tuple[str, list[str]]:
    if split is None and not seeds and POLNEAR_DEV.is_dir():
        split = POLNEAR_DEV
    if split is not None:
        files = sorted(p for p in split.iterdir() if p.suffix == ".json")
        texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in files]
        what = f"PolNeAR {split.name} ({split})"
    else:
        seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
        texts = seeds * copies
        what = f"seed corpus {SEEDS.name} x{copies}"
    if limit is not None:
        texts = texts[:limit]
    return what, texts


def write_folder(texts: list[str], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(len(texts)))
    for i, t in enumerate(texts):
        (folder / f"{i:0{width}d}.txt").write_text(t, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--repeat", type=int, default=3, help="timed rounds of each (default %(default)s)"
    )
    ap.add_argument(
        "--n-process",
        type=int,
        nargs="+",
        default=[1],
        metavar="N",
        help="spaCy processes, for both sides (config n_process); several to compare (default 1)",
    )
    ap.add_argument(
        "--split",
        type=Path,
        help="folder of PolNeAR JSON files (default: the dev split if present)",
    )
    ap.add_argument(
        "--seeds", action="store_true", help="use the seed corpus even when PolNeAR is present"
    )
    ap.add_argument(
        "--copies",
        type=int,
        default=30,
        help="times to repeat the seed corpus when PolNeAR is absent",
    )
    ap.add_argument("--limit", type=int, help="only the first N texts")
    args = ap.parse_args(argv)
    if args.repeat < 1 or any(n < 1 for n in args.n_process):
        ap.error("--repeat and --n-process must be >= 1")
    if args.split is not None and not args.split.is_dir():
        ap.error(f"no split folder {args.split}")

    # Quiet progress bars, as in CI.
    os.environ.setdefault("CI", "1")
    from claimdiff.config import Config
    from claimdiff.ingest import read_inputs
    from claimdiff.nlp import load_spacy
    from claimdiff.pipeline import extract

    what, texts = load_texts(args.split, args.copies, args.limit, args.seeds)
    if not texts:
        print("no texts", file=sys.stderr)
        return 2

    tmp = Path(tempfile.mkdtemp(prefix="claimdiff-speed-"))
    try:
        folder = tmp / "texts"
        write_folder(texts, folder)
        articles, errors = read_inputs([folder])
        if errors or len(articles) != len(texts):
            print(
                f"reading the temporary folder gave {len(articles)} articles, {len(errors)} errors",
                file=sys.stderr,
            )
            return 2
        # Exactly what claimdiff will parse (ingest may normalise the text).
        parsed = [a.text for a in articles]
        n_chars = sum(len(t) for t in parsed)

        base = Config()
        nlp = load_spacy(base.spacy_model)

        def bare(n: int) -> int:
            n_tokens = 0
            for doc in nlp.pipe(parsed, batch_size=base.spacy_batch_size, n_process=n):
                n_tokens += len(doc)
            return n_tokens

        def full(n: int) -> int:
            return len(extract([folder], base.with_overrides(n_process=n)).claims)

        # Warm-up, untimed: models, lexicon, registry, first batches.
        t0 = time.perf_counter()
        warm = tmp / "warm"
        write_folder(parsed[:4], warm)
        list(nlp.pipe(parsed[:4]))
        extract([warm], base.with_overrides(n_process=1))
        warm_s = time.perf_counter() - t0

        times: dict[tuple[str, int], list[float]] = {}
        counts: dict[tuple[str, int], int] = {}
        for _ in range(args.repeat):
            for n in args.n_process:
                for name, fn in (("bare", bare), ("claimdiff", full)):
                    gc.collect()
                    t = time.perf_counter()
                    counts[(name, n)] = fn(n)
                    times.setdefault((name, n), []).append(time.perf_counter() - t)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(
        f"texts: {what}: {len(parsed)} texts, {n_chars:,} characters, {counts[('bare', args.n_process[0])]:,} tokens"
    )
    print(
        f"spaCy pipeline: {base.spacy_model} [{', '.join(nlp.pipe_names)}], batch size {base.spacy_batch_size}"
    )
    print(
        f"machine: {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"warm-up {warm_s:.1f}s (untimed); {args.repeat} interleaved rounds, min of each"
    )
    print()
    print(
        f"{'processes':>9}  {'bare nlp.pipe':>14}  {'claimdiff extract':>17}  {'ratio':>6}  {'claims':>6}  all rounds (bare | claimdiff)"
    )
    ratios = {}
    for n in args.n_process:
        b, c = min(times[("bare", n)]), min(times[("claimdiff", n)])
        ratios[n] = c / b
        rounds = (
            " ".join(f"{x:.2f}" for x in times[("bare", n)])
            + " | "
            + " ".join(f"{x:.2f}" for x in times[("claimdiff", n)])
        )
        print(
            f"{n:>9}  {b:>13.2f}s  {c:>16.2f}s  {ratios[n]:>6.3f}  {counts[('claimdiff', n)]:>6}  {rounds}"
        )
    print()
    if 1 in ratios:
        verdict = "met" if ratios[1] <= TARGET else "NOT met"
        print(f"target ratio <= {TARGET} with one process: {verdict} ({ratios[1]:.3f})")
    if 1 in ratios and len(ratios) > 1:
        for n in args.n_process:
            if n != 1:
                print(
                    f"claimdiff with {n} processes vs 1: {min(times[('claimdiff', 1)]) / min(times[('claimdiff', n)]):.2f}x faster; "
                    f"bare: {min(times[('bare', 1)]) / min(times[('bare', n)]):.2f}x"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
