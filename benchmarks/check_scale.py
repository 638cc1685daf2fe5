"""How `claimdiff check` scales: compare() on synthetic reports of N articles.

Two cases, each timed once per size:
- same: the report compared with itself (every id pairs directly);
- edited: every article's text edited (all article and claim ids change) and
  every claim's content reworded a little, so each pairs through the fuzzy
  stage: the worst case for pairing.

    python benchmarks/check_scale.py --articles 500 2000
"""

from __future__ import annotations

import argparse
import random
import time

from claimdiff.review import compare, from_report, markdown

WORDS = [
    "army",
    "said",
    "forces",
    "patrol",
    "fired",
    "checkpoint",
    "killed",
    "wounded",
    "convoy",
    "base",
    "attack",
    "town",
    "officials",
    "monitor",
]


def make_doc(n_articles: int, claims_per: int, edited: bool, seed: int = 0) -> dict:
    rng = random.Random(seed)
    arts, claims, incs = [], [], []
    for a in range(n_articles):
        aid = f"a-{a:06d}{'e' if edited else 'o'}"
        arts.append(
            {"id": aid, "path": f"corpus/{a:06d}.txt", "row": None, "title": f"t{a}", "text": aid}
        )
        ids = []
        for c in range(claims_per):
            words = [rng.choice(WORDS) for _ in range(18)]
            if edited and c % 2:
                words[3] = "reportedly"
            cid = f"c-{a:06d}{c:03d}{'e' if edited else 'o'}"
            ids.append(cid)
            claims.append(
                {
                    "id": cid,
                    "article_id": aid,
                    "source_id": f"src-{c % 5}",
                    "form": "indirect",
                    "cue": {"text": "said"},
                    "content": [{"text": " ".join(words)}],
                    "hedged": False,
                    "casualties": [],
                    "roles": [],
                }
            )
        incs.append(
            {
                "id": f"i-{a:06d}{'e' if edited else 'o'}",
                "title": "x",
                "claim_ids": ids,
                "article_ids": [aid],
            }
        )
    return {"articles": arts, "claims": claims, "incidents": incs, "contradictions": []}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, nargs="+", default=[500, 2000])
    ap.add_argument("--claims-per-article", type=int, default=20)
    args = ap.parse_args()
    for n in args.articles:
        old = from_report(make_doc(n, args.claims_per_article, edited=False))
        for case, doc in (
            ("same", make_doc(n, args.claims_per_article, False)),
            ("edited", make_doc(n, args.claims_per_article, True)),
        ):
            cur = from_report(doc)
            t0 = time.perf_counter()
            result = compare(old, cur)
            t1 = time.perf_counter()
            md = markdown(result)
            t2 = time.perf_counter()
            c = result.counts()["claim"]
            print(
                f"{n:6} articles {len(cur['claims']):7} claims  {case:6}  compare {t1 - t0:6.2f} s  "
                f"markdown {t2 - t1:5.2f} s ({len(md.encode()) // 1024} KiB)  claims {c}"
            )


if __name__ == "__main__":
    main()
