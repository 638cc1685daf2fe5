"""Incident grouping at scale on synthetic claims: time and peak memory.

    python benchmarks/incidents_scale.py                    # 10k, 100k, 1M claims
    python benchmarks/incidents_scale.py --sizes 10000 50000

No model runs: each synthetic incident gets a random direction, and its
claims' embeddings mix a shared "conflict" direction (so different
incidents are as similar as sentences about one war are, cosine ~0.35), the
incident's direction and noise (cosine within an incident ~0.6).  An
incident has a place (from a pool of 2,000 place names), a date (2018-2021)
and is told by 1-4 articles of 3-9 claims; an article's first claim names
the place and date, the others mostly name neither, a quarter report no
event, and one article in ten adds a background sentence (a troop level).

Each size runs in its own process (``--one N``), which reports the wall
time of :func:`claimdiff.incidents.group_incidents` (vectors given, so no
model), the process's peak RSS before and after grouping
(``resource.getrusage``: the input claims and vectors vs everything), and
B-cubed against the synthetic truth.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from claimdiff.config import Config
from claimdiff.incidents import group_incidents
from claimdiff.models import Claim, Source, Span, TimeRef

DIM = 384
N_PLACES = 2000
EVENTS = ("attack", "airstrike", "shelling", "exchange_of_fire", "explosion")


def synthetic(n: int, seed: int = 7) -> tuple[list[Claim], np.ndarray, list[int]]:
    """About ``n`` claims, their unit vectors and true incident labels (-1 = background)."""
    rng = np.random.default_rng(seed)
    shared = rng.standard_normal(DIM).astype(np.float32)
    shared /= np.linalg.norm(shared)
    claims: list[Claim] = []
    truth: list[int] = []
    directions: list[int] = []
    start = date(2018, 1, 1).toordinal()
    inc = 0
    art = 0
    while len(claims) < n:
        place = f"Place-{int(rng.integers(N_PLACES))}"
        day = date.fromordinal(start + int(rng.integers(4 * 365))).isoformat()
        event = EVENTS[int(rng.integers(len(EVENTS)))]
        for _ in range(int(rng.integers(1, 5))):
            art_id = f"art{art:08d}"
            art += 1
            for k in range(int(rng.integers(3, 10))):
                eventive = k == 0 or rng.random() < 0.75
                text = f"claim {len(claims)}"
                span = Span(k * 100, k * 100 + len(text), text)
                claims.append(
                    Claim(
                        id=f"c{len(claims):08d}",
                        article_id=art_id,
                        source_id="s",
                        form="indirect",
                        source_mention=None,
                        cue=None,
                        content=(span,),
                        sentence=span,
                        event_types=(event,) if eventive else (),
                        places=(place,) if k == 0 or rng.random() < 0.1 else (),
                        times=(TimeRef(span, day, None),) if k == 0 else (),
                    )
                )
                truth.append(inc)
                directions.append(inc)
            if rng.random() < 0.1:
                text = "The army maintains about 2,000 troops in the region."
                span = Span(5000, 5000 + len(text), text)
                claims.append(
                    Claim(
                        f"c{len(claims):08d}", art_id, "s", "narrative", None, None, (span,), span
                    )
                )
                truth.append(-1)
                directions.append(-1)
        inc += 1
    vecs = np.empty((len(claims), DIM), dtype=np.float32)
    # Incident directions are drawn on the fly (a seeded generator per incident) to keep memory flat.
    for s in range(0, len(claims), 65536):
        ids = np.asarray(directions[s : s + 65536])
        block = np.stack([_direction(i, seed) for i in ids])
        noise = rng.standard_normal((len(ids), DIM)).astype(np.float32)
        noise /= np.linalg.norm(noise, axis=1, keepdims=True)
        v = 0.6 * shared + 0.75 * block + 0.6 * noise
        vecs[s : s + 65536] = v / np.linalg.norm(v, axis=1, keepdims=True)
    return claims, vecs, truth


def _direction(i: int, seed: int) -> np.ndarray:
    v = np.random.default_rng((seed, int(i) + 1)).standard_normal(DIM).astype(np.float32)
    return v / np.linalg.norm(v)


def bcubed(truth: list[int], pred: list[str | None]) -> tuple[float, float, float]:
    """B-cubed over claims with a true incident (a claim in no predicted incident is a singleton)."""
    from collections import Counter

    items = [
        (t, p if p is not None else f"single-{k}")
        for k, (t, p) in enumerate(zip(truth, pred))
        if t >= 0
    ]
    both = Counter(items)
    gold = Counter(t for t, _ in items)
    predc = Counter(p for _, p in items)
    prec = sum(c * c / predc[p] for (_, p), c in both.items()) / len(items)
    rec = sum(c * c / gold[t] for (t, _), c in both.items()) / len(items)
    return prec, rec, 2 * prec * rec / (prec + rec)


def one(n: int) -> dict[str, float]:
    claims, vecs, truth = synthetic(n)
    rss_input = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    out, incidents = group_incidents(claims, {"s": Source("s", "s")}, Config(), vectors=vecs)
    secs = time.perf_counter() - t0
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    p, r, f = bcubed(truth, [c.incident_id for c in out])
    return {
        "claims": len(claims),
        "seconds": secs,
        "rss_input_mb": rss_input,
        "rss_peak_mb": rss_peak,
        "incidents": len(incidents),
        "true_incidents": len({t for t in truth if t >= 0}),
        "bcubed_p": p,
        "bcubed_r": r,
        "bcubed_f1": f,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for n in args.sizes:
        res = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=False
        )
        if res.returncode != 0:
            print(res.stderr, file=sys.stderr)
            sys.exit(res.returncode)
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        print(f"done {r['claims']:,} claims in {r['seconds']:.1f} s", file=sys.stderr)
    print(
        "| claims | grouping time | peak RSS (input only) | peak RSS (with grouping) | incidents (true) | B-cubed P / R / F1 |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | --- |")
    for r in rows:
        print(
            f"| {r['claims']:,} | {r['seconds']:.1f} s | {r['rss_input_mb']:,.0f} MB | {r['rss_peak_mb']:,.0f} MB "
            f"| {r['incidents']:,} ({r['true_incidents']:,}) | {r['bcubed_p']:.3f} / {r['bcubed_r']:.3f} / {r['bcubed_f1']:.3f} |"
        )
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        print(
            f"\ntime ratio {b['claims'] / a['claims']:.0f}x claims -> {b['seconds'] / a['seconds']:.1f}x time "
            f"(quadratic would be {(b['claims'] / a['claims']) ** 2:,.0f}x)"
        )


if __name__ == "__main__":
    main()
