"""Precision and recall of contradiction detection on the minimal pairs.

    python benchmarks/contradictions.py [-v] [--seeds]

Runs every pair of tests/compare/pairs.yaml through extraction, frames and the
detectors (all claims of a pair in one incident) and compares the flags
(type, relation) with the expected ones.  -v lists every pair that differs,
with the flags' explanations.

--seeds also scores the detectors on corpora/syria-seeds with the gold
incidents (claims matched to gold attributions are grouped by the gold
`incident`): what the detectors find when grouping is right, apart from what
incident grouping does.  The full run is `claimdiff report` + `claimdiff eval`.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.compare.harness import precision_recall, run_all


def seeds_with_gold_incidents() -> None:
    from dataclasses import replace

    from claimdiff.compare import find_contradictions
    from claimdiff.evaluate import _Run, format_scores, load_gold, score
    from claimdiff.models import Incident, stable_id
    from claimdiff.pipeline import extract

    seeds = ROOT / "corpora" / "syria-seeds"
    gold = load_gold(seeds / "gold.yaml")
    result = extract([seeds])
    doc = result.to_json()
    matched = _Run(doc, gold).match()  # gold attribution id -> claim (as JSON)
    group: dict[str, list[str]] = defaultdict(list)
    for gid, c in matched.items():
        inc = gold.attribution(gid).incident
        if inc:
            group[inc].append(str(c["id"]))
    by_id = result.claims_by_id
    incidents = [
        Incident(
            stable_id("i", name),
            name,
            tuple(ids),
            tuple(sorted({by_id[i].article_id for i in ids})),
        )
        for name, ids in sorted(group.items())
    ]
    of = {i: inc.id for inc in incidents for i in inc.claim_ids}
    claims = [replace(c, incident_id=of.get(c.id)) for c in result.claims]
    flags = find_contradictions(incidents, claims, result.sources_by_id)
    doc = replace(
        result, claims=tuple(claims), incidents=tuple(incidents), contradictions=tuple(flags)
    ).to_json()
    print("\nseed corpus with gold incidents")
    print(format_scores(score(doc, gold)))
    for k in flags:
        print(f"  {k.type}/{k.relation}/{k.severity}: {k.explanation}")


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    results = run_all()
    p, r, tp, fp, fn = precision_recall(results)
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for res in results:
        exp = {t for t, _ in res.expected}
        pred = {t for t, _ in res.predicted}
        for t in exp | pred or {"(none)"}:
            sub = type(res)(
                res.id,
                tuple(x for x in res.expected if x[0] == t),
                tuple(k for k in res.flags if k.type == t),
            )
            a, b, c = sub.counts()
            per_type[t][0] += a
            per_type[t][1] += b
            per_type[t][2] += c
    print(f"pairs: {len(results)}   flags expected: {tp + fn}   flags raised: {tp + fp}")
    print(f"precision {p:.3f} ({tp}/{tp + fp})   recall {r:.3f} ({tp}/{tp + fn})")
    for t, (a, b, c) in sorted(per_type.items()):
        if t == "(none)":
            continue
        print(f"  {t:<13} tp {a:>2}  fp {b:>2}  fn {c:>2}")
    wrong = [res for res in results if res.counts()[1] or res.counts()[2]]
    print(f"pairs with a wrong or missing flag: {len(wrong)}")
    for res in wrong:
        print(f"  {res.id}: expected {list(res.expected)} got {list(res.predicted)}")
        if verbose:
            for k in res.flags:
                print(f"      {k.type}/{k.relation}/{k.severity}: {k.explanation}")
    if "--seeds" in argv:
        seeds_with_gold_incidents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
