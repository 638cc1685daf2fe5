"""Repeated runs: baselines and their diffs (``claimdiff baseline``/``check``) and
reviewer verdicts that survive re-runs (``claimdiff review``, ``report --reviews``).

Library first: the CLI only calls :func:`make_baseline`, :func:`check`,
:func:`set_verdict` and the writers in :mod:`.outputs`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import Verdict
from .atomic import atomic_write, backup_path
from .baseline import (
    BASELINE_VERSION,
    dump_baseline,
    from_report,
    load_baseline,
    load_report,
    write_baseline,
)
from .diff import DEFAULT_FAIL_ON, EVENTS, CheckResult, FieldChange, Finding, compare, parse_fail_on
from .outputs import MARKDOWN_CAP, check_page, json_text, junit_xml, markdown, render_check_page
from .reviews import (
    DEFAULT_REVIEWS_FILE,
    STATUSES,
    dump_reviews,
    finding_ids,
    load_reviews,
    orphaned,
    parse_reviews,
    save_reviews,
    set_verdict,
)


def make_baseline(out: str | Path) -> dict[str, list[dict[str, Any]]]:
    """The baseline entries of the report in ``out`` (a folder or its claimdiff.json)."""
    return from_report(load_report(out))


@dataclass
class CheckRun:
    result: CheckResult
    report: dict[str, Any]  # the report's claimdiff.json
    current: dict[str, list[dict[str, Any]]]  # its baseline entries
    verdicts: dict[str, Verdict]
    orphans: list[dict[str, Any]]

    def incident_of(self) -> dict[str, str]:
        """Finding id -> the incident whose page shows it."""
        out = {
            c["id"]: c["incident_id"] for c in self.report.get("claims", []) if c.get("incident_id")
        }
        out.update({k["id"]: k["incident_id"] for k in self.report.get("contradictions", [])})
        return out


def check(
    out: str | Path,
    baseline: str | Path,
    fail_on: Iterable[str] = DEFAULT_FAIL_ON,
    reviews: str | Path | None = None,
) -> CheckRun:
    """Compare the report in ``out`` with the baseline file; read verdicts from ``reviews`` if given."""
    doc = load_report(out)
    current = from_report(doc)
    result = compare(load_baseline(baseline), current, fail_on)
    verdicts = load_reviews(reviews) if reviews else {}
    return CheckRun(
        result, doc, current, verdicts, orphan_report(verdicts, finding_ids(doc), result.successors)
    )


def orphan_report(
    verdicts: Mapping[str, Verdict],
    present: Iterable[str],
    successors: Mapping[str, str] | None = None,
) -> list[dict[str, Any]]:
    """Orphaned verdicts as dicts, with the id the finding now has when a baseline diff paired it."""
    successors = successors or {}
    out = []
    for v in orphaned(verdicts, present):
        d = v.to_json()
        d["successor"] = (
            successors.get(v.finding_id) if successors.get(v.finding_id) != v.finding_id else None
        )
        out.append(d)
    return out


__all__ = [
    "BASELINE_VERSION",
    "DEFAULT_FAIL_ON",
    "DEFAULT_REVIEWS_FILE",
    "EVENTS",
    "MARKDOWN_CAP",
    "STATUSES",
    "CheckResult",
    "CheckRun",
    "FieldChange",
    "Finding",
    "atomic_write",
    "backup_path",
    "check",
    "check_page",
    "compare",
    "dump_baseline",
    "dump_reviews",
    "finding_ids",
    "from_report",
    "json_text",
    "junit_xml",
    "load_baseline",
    "load_report",
    "load_reviews",
    "make_baseline",
    "markdown",
    "orphan_report",
    "orphaned",
    "parse_fail_on",
    "parse_reviews",
    "render_check_page",
    "save_reviews",
    "set_verdict",
    "write_baseline",
]
