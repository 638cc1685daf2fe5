"""What ``claimdiff check`` writes: a markdown job summary, JUnit XML, JSON and an HTML page.

Every output lists findings in the order of :func:`diff.compare` and holds no
timestamps, so the same report and baseline give byte-identical files.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..models import Verdict
from .diff import EVENTS, STATUSES, CheckResult, Finding

# GitHub refuses a job summary over 1 MiB; stay well under it.
MARKDOWN_CAP = 1024 * 1024 - 64 * 1024
# Lists longer than this are folded into <details>.
FOLD_AFTER = 10
# Items listed per section before "... and N more"; halved until the summary fits.
LIST_LIMIT = 200
MAX_DESCRIPTION = 200
KIND_TITLES = {
    "contradiction": "Contradictions",
    "claim": "Claims",
    "incident": "Incidents",
    "article": "Articles",
}
# The order sections appear in a summary: what a reviewer acts on first.
SECTION_KINDS = ("contradiction", "claim", "incident", "article")


def result_json(
    result: CheckResult,
    verdicts: Mapping[str, Verdict] | None = None,
    orphans: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    verdicts = verdicts or {}
    items = []
    for f in result.findings:
        d = f.to_json()
        v = _verdict(f, verdicts)
        d["verdict"] = v.to_json() if v else None
        items.append(d)
    return {
        "check_version": 1,
        "failed": result.failed,
        "fail_on": list(result.fail_on),
        "counts": result.counts(),
        "findings": items,
        "orphaned_verdicts": orphans or [],
    }


def json_text(result: CheckResult, verdicts=None, orphans=None) -> str:  # type: ignore[no-untyped-def]
    return json.dumps(result_json(result, verdicts, orphans), ensure_ascii=False, indent=2) + "\n"


def _verdict(f: Finding, verdicts: Mapping[str, Verdict]) -> Verdict | None:
    return verdicts.get(f.id or "") or verdicts.get(f.baseline_id or "")


# --- markdown -----------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_escape(text: str) -> str:
    """Text safe inside a markdown list item or table cell: HTML escaped, markup characters quoted."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def _code(text: str) -> str:
    """An id as inline code; ids from input files may hold anything, so fall back to escaped text."""
    if "`" in text or "\n" in text or "<" in text:
        return md_escape(text)
    return f"`{text}`"


def _cut(text: str, n: int = MAX_DESCRIPTION) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _md_item(f: Finding, verdicts: Mapping[str, Verdict]) -> str:
    mark = "❌ " if f.failing else ""
    ident = _code(f.key)
    if f.id and f.baseline_id and f.id != f.baseline_id:
        ident += f" (was {_code(f.baseline_id)})"
    line = f"- {mark}{ident} {md_escape(_cut(f.description))}"
    extra = [md_escape(_cut(f"{c.field}: {c.old} → {c.new}", 160)) for c in f.changes[:4]]
    if len(f.changes) > 4:
        extra.append(f"and {len(f.changes) - 4} more changes")
    if f.note:
        extra.append(md_escape(f.note))
    v = _verdict(f, verdicts)
    if v:
        extra.append(
            f"verdict: **{v.status}**" + (f" ({md_escape(_cut(v.note, 100))})" if v.note else "")
        )
    if extra:
        line += " — " + "; ".join(extra)
    return line


def markdown(
    result: CheckResult,
    verdicts: Mapping[str, Verdict] | None = None,
    orphans: list[dict[str, Any]] | None = None,
    *,
    title: str = "claimdiff check",
    html_link: str | None = None,
    cap: int = MARKDOWN_CAP,
) -> str:
    """A job summary under ``cap`` bytes (UTF-8): counts, then lists folded when long."""
    limit = LIST_LIMIT
    while True:
        text = _markdown(result, verdicts or {}, orphans or [], title, html_link, limit)
        if len(text.encode("utf-8")) <= cap or limit <= 1:
            break
        limit //= 2
    raw = text.encode("utf-8")
    if len(raw) > cap:
        # Only reachable with an absurdly small cap: cut on a line boundary and say so.
        note = "\n\n_Summary cut to fit the size limit; see the JSON or HTML output._\n"
        head = raw[: cap - len(note.encode("utf-8"))].decode("utf-8", "ignore")
        text = head[: head.rfind("\n") + 1] + note
    return text


def _markdown(
    result: CheckResult,
    verdicts: Mapping[str, Verdict],
    orphans: list[dict[str, Any]],
    title: str,
    html_link: str | None,
    limit: int,
) -> str:
    out: list[str] = []
    failing = result.failing()
    verdict_word = f"❌ {len(failing)} regression(s)" if failing else "✅ no regressions"
    out.append(f"## {md_escape(title)}: {verdict_word}\n")
    out.append(f"Failing on: {', '.join(f'`{e}`' for e in result.fail_on) or 'nothing'}.")
    if html_link:
        out.append(f" Full diff: {md_escape(html_link)}.")
    out.append("\n\n| | new | updated | absent | unchanged |\n|---|---:|---:|---:|---:|\n")
    counts = result.counts()
    for kind in SECTION_KINDS:
        c = counts[kind]
        out.append(
            f"| {KIND_TITLES[kind]} | {c['new']} | {c['updated']} | {c['absent']} | {c['unchanged']} |\n"
        )
    if failing:
        by_event: dict[str, int] = {}
        for f in failing:
            for e in f.events:
                if e in result.fail_on:
                    by_event[e] = by_event.get(e, 0) + 1
        out.append(
            "\n**Regressions:** "
            + ", ".join(f"{n} {e}" for e, n in sorted(by_event.items()))
            + "\n"
        )
    for kind in SECTION_KINDS:
        for status in ("new", "updated", "absent"):
            items = result.of(kind, status)
            if not items:
                continue
            # Failing items first, so a folded or cut list still shows what broke the run.
            items = sorted(items, key=lambda f: not f.failing)
            lines = [_md_item(f, verdicts) for f in items[:limit]]
            if len(items) > limit:
                lines.append(f"- … and {len(items) - limit} more (see the JSON or HTML output)")
            head = f"{KIND_TITLES[kind]} {status} ({len(items)})"
            out.append(_section(head, lines, fold=len(items) > FOLD_AFTER))
    if orphans:
        lines = [
            f"- {_code(o['finding_id'])} **{md_escape(o['status'])}**"
            + (
                f" — now {_code(o['successor'])}"
                if o.get("successor")
                else " — finding no longer found"
            )
            for o in orphans[:limit]
        ]
        if len(orphans) > limit:
            lines.append(f"- … and {len(orphans) - limit} more")
        out.append(
            _section(
                f"Orphaned verdicts ({len(orphans)}, kept)", lines, fold=len(orphans) > FOLD_AFTER
            )
        )
    return "".join(out)


def _section(head: str, lines: list[str], fold: bool) -> str:
    body = "\n".join(lines)
    if fold:
        return f"\n<details><summary>{head}</summary>\n\n{body}\n\n</details>\n"
    return f"\n### {head}\n\n{body}\n"


# --- JUnit ----------------------------------------------------------------------


def junit_xml(result: CheckResult, name: str = "claimdiff check") -> str:
    """JUnit XML: a testsuite per kind, a testcase per finding, a failure per regression.

    Follows the common JUnit schema (testsuites > testsuite > testcase >
    failure) that GitHub, GitLab and Jenkins read. No timestamps: the file
    is reproducible.
    """
    root = ET.Element("testsuites", name=name)
    total = fails = 0
    for kind in SECTION_KINDS:
        items = [f for f in result.findings if f.kind == kind]
        n_fail = sum(f.failing for f in items)
        suite = ET.SubElement(
            root,
            "testsuite",
            name=f"claimdiff.{kind}s",
            tests=str(len(items)),
            failures=str(n_fail),
            errors="0",
            skipped="0",
            time="0",
        )
        for f in items:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"claimdiff.{kind}s.{f.status}",
                name=_xml_safe(f"{f.key}: {_cut(f.description, 120)}"),
                time="0",
            )
            if f.failing:
                events = [e for e in f.events if e in result.fail_on]
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=",".join(events),
                    message=_xml_safe(f"{', '.join(events)}: {f.key}"),
                )
                failure.text = _failure_text(f)
            elif f.status != "unchanged":
                out = ET.SubElement(case, "system-out")
                out.text = _failure_text(f)
        total += len(items)
        fails += n_fail
    root.set("tests", str(total))
    root.set("failures", str(fails))
    root.set("errors", "0")
    ET.indent(root)
    return (
        ET.tostring(root, encoding="unicode", xml_declaration=True).replace(
            "<?xml version='1.0' encoding='unicode'?>", '<?xml version="1.0" encoding="UTF-8"?>'
        )
        + "\n"
    )


def _failure_text(f: Finding) -> str:
    lines = [f"{f.status} {f.kind}: {f.description}"]
    if f.id and f.baseline_id and f.id != f.baseline_id:
        lines.append(f"id was {f.baseline_id}, now {f.id}")
    lines += [f"{c.field}: {c.old} -> {c.new}" for c in f.changes]
    if f.note:
        lines.append(f.note)
    if f.events:
        lines.append("events: " + ", ".join(f.events))
    return _xml_safe("\n".join(lines))


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _XML_BAD.sub("\ufffd", text)


# --- HTML -----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    finding: Finding
    verdict: Verdict | None
    href: str | None  # the incident page the finding belongs to, when there is one


@dataclass(frozen=True)
class Section:
    title: str
    status: str
    rows: tuple[Row, ...]
    open: bool


@dataclass(frozen=True)
class CheckPage:
    """The context of templates/check.html."""

    title: str
    generator: str
    root: str  # relative path from the page to the report folder, "" or ".../"
    failed: bool
    fail_on: tuple[str, ...]
    events: tuple[tuple[str, str], ...]
    counts: tuple[tuple[str, dict[str, int]], ...]
    sections: tuple[Section, ...]
    orphans: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    generated: str | None = None  # base.html prints it in the footer when set


def check_page(
    result: CheckResult,
    out: Path,
    html_path: Path,
    incident_of: Mapping[str, str],
    verdicts: Mapping[str, Verdict] | None = None,
    orphans: list[dict[str, Any]] | None = None,
) -> CheckPage:
    """``incident_of`` maps current finding ids to the incident whose page shows them."""
    verdicts = verdicts or {}
    rel = os.path.relpath(Path(out).resolve(), Path(html_path).resolve().parent).replace(
        os.sep, "/"
    )
    root = "" if rel == "." else rel + "/"
    counts = result.counts()
    sections = []
    for kind in SECTION_KINDS:
        for status in STATUSES:
            items = result.of(kind, status)
            if not items:
                continue
            rows = tuple(
                Row(f, _verdict(f, verdicts), _incident_href(f, incident_of))
                for f in sorted(items, key=lambda f: not f.failing)
            )
            sections.append(
                Section(
                    f"{KIND_TITLES[kind]} {status}",
                    status,
                    rows,
                    open=status != "unchanged" and len(rows) <= 50,
                )
            )
    return CheckPage(
        title="Changes since the baseline",
        generator=f"claimdiff {__version__}",
        root=root,
        failed=result.failed,
        fail_on=result.fail_on,
        events=tuple((e, EVENTS[e]) for e in result.fail_on),
        counts=tuple((KIND_TITLES[k], counts[k]) for k in SECTION_KINDS),
        sections=tuple(sections),
        orphans=tuple(orphans or ()),
    )


def _incident_href(f: Finding, incident_of: Mapping[str, str]) -> str | None:
    from ..report.files import page_stem

    if not f.id:
        return None  # absent: its page is gone
    inc = f.id if f.kind == "incident" else incident_of.get(f.id)
    return f"incidents/{page_stem(inc)}.html" if inc else None


def render_check_page(page: CheckPage, templates_dir: Path | None = None) -> str:
    from ..report.render import Renderer

    return Renderer(templates_dir).render("check.html", page)


__all__ = [
    "MARKDOWN_CAP",
    "CheckPage",
    "check_page",
    "json_text",
    "junit_xml",
    "markdown",
    "md_escape",
    "render_check_page",
    "result_json",
]
