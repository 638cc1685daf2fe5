"""The report: HTML pages, claimdiff.json and CSV tables for one run.

Data is built into page dataclasses first (:mod:`.context`), rendered second
(:mod:`.render`); the CLI only calls :func:`write_report`. Output depends on
nothing but the result and the templates: no timestamps, no absolute paths,
no set or dict order, so the same input gives byte-identical files. A date is
shown in the page footers only when asked for (``generated=`` or the
``SOURCE_DATE_EPOCH`` environment variable of reproducible builds).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from ..errors import ConfigError
from ..models import RunResult, Verdict
from .context import Site
from .files import remove_stale_pages, write_atomic
from .jsonld import JSONLD_NAME, jsonld_text
from .render import Renderer, default_templates_dir
from .tables import to_csv, to_frames

PAGE_FOLDERS: tuple[str, ...] = ("incidents", "articles", "sources", "filters")
# Every template a report uses, compiled before anything is written.
TEMPLATES: tuple[str, ...] = (
    "base.html",
    "_partials.html",
    "index.html",
    "incident.html",
    "article.html",
    "source.html",
)
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


def generated_date(generated: str | None = None) -> str | None:
    """The date to print in footers: ``generated``, else ``SOURCE_DATE_EPOCH``, else None."""
    if generated:
        return generated
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None
    try:
        return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (ValueError, OverflowError, OSError) as e:
        raise ConfigError(f"SOURCE_DATE_EPOCH is not a Unix time: {epoch!r}") from e


def write_report(
    result: RunResult,
    out: Path,
    templates_dir: Path | None = None,
    *,
    reviews: Mapping[str, Verdict] | None = None,
    generated: str | None = None,
) -> list[Path]:
    """Write the report folder ``out`` and return the paths written.

    ``templates_dir`` overrides individual templates (and ``report.css``);
    anything it does not have comes from the default templates. ``reviews``
    (finding id -> reviewer's verdict) are shown beside their findings;
    verdicts whose finding is not in this run are listed on the index, never
    dropped. ``generated`` is a date to print in footers (default: none,
    unless ``SOURCE_DATE_EPOCH`` is set). Pages left in ``incidents/``,
    ``articles/``, ``sources/`` and ``filters/`` by an earlier run that this
    run does not write are removed.
    """
    out = Path(out)
    renderer = Renderer(templates_dir)
    # Fail on a broken or missing template before anything is written, so
    # the previous report stays whole: compile every template, then render
    # the index and one page of each kind.
    renderer.check(TEMPLATES)
    site = Site(result, reviews, generated_date(generated))
    for template, page in site.sample_pages():
        renderer.render(template, page)
    pages = site.pages()
    index_template, index_rel, index_page = next(pages)
    index_html = renderer.render(index_template, index_page)

    for folder in PAGE_FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
    # Pages are rendered and written one at a time, so memory stays flat on
    # a large corpus. The index is written last: until then, a reader sees
    # the previous run's entry point.
    written: list[Path] = []
    keep: dict[str, set[str]] = {folder: set() for folder in PAGE_FOLDERS}
    for template, rel, page in pages:
        path = out / rel
        write_atomic(path, renderer.render(template, page))
        written.append(path)
        folder, _, name = rel.partition("/")
        keep[folder].add(name)
    write_json(result, out / JSON_NAME)
    written.append(out / JSON_NAME)
    write_atomic(out / JSONLD_NAME, jsonld_text(result))
    written.append(out / JSONLD_NAME)
    for key, frame in to_frames(result).items():
        path = out / CSV_NAMES[key]
        write_atomic(path, to_csv(frame))
        written.append(path)
    write_atomic(out / index_rel, index_html)
    written.insert(0, out / index_rel)

    for folder in PAGE_FOLDERS:
        remove_stale_pages(out / folder, keep[folder])
    return written


__all__ = [
    "CSV_NAMES",
    "JSONLD_NAME",
    "JSON_NAME",
    "default_templates_dir",
    "generated_date",
    "json_text",
    "to_frames",
    "write_json",
    "write_report",
]
