"""The report: HTML pages, claimdiff.json and CSV tables for one run.

Data is built into page dataclasses first (:mod:`.context`), rendered second
(:mod:`.render`); the CLI only calls :func:`write_report`. Output depends on
nothing but the result and the templates: no timestamps, no absolute paths,
no set or dict order, so the same input gives byte-identical files.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..models import RunResult
from .context import Site
from .files import remove_stale_pages, write_atomic
from .render import Renderer, default_templates_dir
from .tables import to_csv, to_frames

PAGE_FOLDERS: tuple[str, ...] = ("incidents", "articles", "sources")
JSON_NAME = "claimdiff.json"
CSV_NAMES: dict[str, str] = {
    "claims": "claims.csv",
    "incidents": "incidents.csv",
    "contradictions": "contradictions.csv",
}


def json_text(result: RunResult) -> str:
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n"


def write_json(result: RunResult, path: Path) -> None:
    """Write ``claimdiff.json`` (schema_version 1) to ``path``, atomically, as UTF-8."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json_text(result))


def write_report(result: RunResult, out: Path, templates_dir: Path | None = None) -> list[Path]:
    """Write the report folder ``out`` and return the paths written.

    ``templates_dir`` overrides individual templates (and ``report.css``);
    anything it does not have comes from the default templates. Pages left
    in ``incidents/``, ``articles/`` and ``sources/`` by an earlier run that
    this run does not write are removed.
    """
    out = Path(out)
    # Render everything before touching the folder: a template error leaves
    # the previous report as it was.
    renderer = Renderer(templates_dir)
    site = Site(result)
    rendered = [(rel, renderer.render(template, page)) for template, rel, page in site.pages()]

    for folder in PAGE_FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for rel, html in rendered:
        path = out / rel
        write_atomic(path, html)
        written.append(path)
    write_json(result, out / JSON_NAME)
    written.append(out / JSON_NAME)
    for key, frame in to_frames(result).items():
        path = out / CSV_NAMES[key]
        write_atomic(path, to_csv(frame))
        written.append(path)

    keep: dict[str, set[str]] = {folder: set() for folder in PAGE_FOLDERS}
    for rel, _ in rendered:
        folder, _, name = rel.partition("/")
        if name:
            keep[folder].add(name)
    for folder in PAGE_FOLDERS:
        remove_stale_pages(out / folder, keep[folder])
    return written


__all__ = [
    "CSV_NAMES",
    "JSON_NAME",
    "default_templates_dir",
    "json_text",
    "to_frames",
    "write_json",
    "write_report",
]
