"""The committed baseline describes the committed reference report, so CI's
`claimdiff check` against it shows only what a change does."""

from __future__ import annotations

from claimdiff.review import (
    compare,
    dump_baseline,
    from_report,
    load_baseline,
    load_report,
    parse_fail_on,
)

from ..conftest import ROOT

REPORT = ROOT / "reports" / "syria-seeds"
BASELINE = ROOT / "reports" / "syria-seeds.baseline.yaml"


def test_committed_baseline_matches_the_reference_report():
    current = from_report(load_report(REPORT))
    result = compare(load_baseline(BASELINE), current, parse_fail_on(["all"]))
    changed = [f"{f.status} {f.kind} {f.key}" for f in result.findings if f.status != "unchanged"]
    assert not changed, (
        "reports/syria-seeds.baseline.yaml is stale: run "
        "`claimdiff baseline reports/syria-seeds -o reports/syria-seeds.baseline.yaml`\n"
        + "\n".join(changed[:20])
    )
    # Byte for byte: the file is what `claimdiff baseline` writes today.
    assert BASELINE.read_text("utf-8") == dump_baseline(current)
