"""The command line: parse arguments, call the library, map errors to exit codes.

Exit codes (CONTRACT.md): 0 done (unreadable inputs are listed in `errors`
and on stderr); 1 nothing could be processed, or `check` found a regression;
2 usage error (including a malformed baseline or reviews file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import __version__
from .config import ColumnMap, Config, load_config
from .errors import ClaimdiffError, ConfigError, NothingToProcessError
from .models import RunResult, Verdict

if TYPE_CHECKING:
    from .review import CheckResult

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Split news articles into attributed statements by source, group them into incidents, "
    "and report where the sources disagree.",
)

Inputs = Annotated[list[Path], typer.Argument(help="Files and folders (read recursively, sorted).")]
SourcesOpt = Annotated[
    Path | None, typer.Option("--sources", help="YAML file of extra or overriding sources.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="claimdiff.toml or pyproject.toml with [tool.claimdiff]."),
]
TextCol = Annotated[
    str | None, typer.Option("--text-column", help="Table column holding the text.")
]
TitleCol = Annotated[
    str | None, typer.Option("--title-column", help="Table column holding the title.")
]
OutletCol = Annotated[
    str | None, typer.Option("--outlet-column", help="Table column holding the outlet.")
]
DateCol = Annotated[
    str | None, typer.Option("--published-column", help="Table column holding the date.")
]
UrlCol = Annotated[str | None, typer.Option("--url-column", help="Table column holding the URL.")]
IdCol = Annotated[
    str | None, typer.Option("--id-column", help="Table column holding the article id.")
]
ReviewsOpt = Annotated[
    Path | None,
    typer.Option(
        "--reviews", help="Reviewer verdicts (YAML, see `claimdiff review`) to show with findings."
    ),
]
ReportDir = Annotated[
    Path,
    typer.Argument(
        metavar="OUT", help="A report folder from `claimdiff report` (or its claimdiff.json)."
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimdiff {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """claimdiff: who said what about which incident, and where the sources disagree."""


def _config(
    config: Path | None,
    sources: Path | None,
    columns: ColumnMap,
    templates: Path | None = None,
) -> Config:
    cfg = load_config(config)
    if any(getattr(columns, f) for f in ("text", "title", "outlet", "published", "url", "id")):
        cfg = cfg.with_overrides(columns=columns)
    return cfg.with_overrides(
        sources_file=str(sources) if sources else None,
        templates_dir=str(templates) if templates else None,
    )


def _report_errors(result: RunResult) -> None:
    for e in result.errors:
        typer.echo(f"claimdiff: {e.path}: {e.reason}", err=True)


def _fail(e: ClaimdiffError) -> typer.Exit:
    typer.echo(f"claimdiff: error {e.code}: {e}", err=True)
    return typer.Exit(2 if isinstance(e, ConfigError) else 1)


@app.command()
def report(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder for the report.")],
    sources: SourcesOpt = None,
    reviews: ReviewsOpt = None,
    config: ConfigOpt = None,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Folder of templates overriding the defaults."),
    ] = None,
    text_column: TextCol = None,
    title_column: TitleCol = None,
    outlet_column: OutletCol = None,
    published_column: DateCol = None,
    url_column: UrlCol = None,
    id_column: IdCol = None,
) -> None:
    """Extract, group and compare; write the HTML report, claimdiff.json and CSVs to OUT."""
    from .pipeline import run
    from .report import write_report

    cols = ColumnMap(
        text_column, title_column, outlet_column, published_column, url_column, id_column
    )
    try:
        # Read the verdicts first: a malformed reviews file stops the run before the slow part.
        verdicts = _load_verdicts(reviews)
        cfg = _config(config, sources, cols, templates)
        result = run(inputs, cfg)
    except ClaimdiffError as e:
        raise _fail(e) from None
    _report_errors(result)
    templates_dir = Path(cfg.templates_dir) if cfg.templates_dir else None
    try:
        write_report(result, out, templates_dir, reviews=verdicts)
    except ClaimdiffError as e:
        raise _fail(e) from None
    if verdicts:
        from .review import orphan_report

        found = (result.articles, result.claims, result.incidents, result.contradictions)
        _warn_orphans(orphan_report(verdicts, {x.id for items in found for x in items}))
    typer.echo(
        f"{len(result.articles)} articles, {len(result.claims)} claims, {len(result.sources)} sources, "
        f"{len(result.incidents)} incidents, {len(result.contradictions)} contradictions -> {out}",
        err=True,
    )


@app.command()
def extract(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("-o", "--out", help="The claimdiff.json file to write.")],
    sources: SourcesOpt = None,
    config: ConfigOpt = None,
    text_column: TextCol = None,
    title_column: TitleCol = None,
    outlet_column: OutletCol = None,
    published_column: DateCol = None,
    url_column: UrlCol = None,
    id_column: IdCol = None,
) -> None:
    """Extract articles, sources and claims only (no incidents or contradictions) to a JSON file."""
    from .pipeline import extract as do_extract
    from .report import write_json

    cols = ColumnMap(
        text_column, title_column, outlet_column, published_column, url_column, id_column
    )
    try:
        result = do_extract(inputs, _config(config, sources, cols))
    except ClaimdiffError as e:
        raise _fail(e) from None
    _report_errors(result)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_json(result, out)
    typer.echo(f"{len(result.articles)} articles, {len(result.claims)} claims -> {out}", err=True)


@app.command(name="eval")
def eval_(
    run_output: Annotated[Path, typer.Argument(help="A report folder or its claimdiff.json.")],
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold annotations (YAML, as corpora/*/gold.yaml).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    min_recall: Annotated[
        float | None,
        typer.Option("--min-recall", help="Exit 1 if attribution recall is below this."),
    ] = None,
    min_source_agreement: Annotated[
        float | None,
        typer.Option("--min-source-agreement", help="Exit 1 if source agreement is below this."),
    ] = None,
    min_party_agreement: Annotated[
        float | None,
        typer.Option("--min-party-agreement", help="Exit 1 if party agreement is below this."),
    ] = None,
    min_incident_f1: Annotated[
        float | None,
        typer.Option("--min-incident-f1", help="Exit 1 if incident B-cubed F1 is below this."),
    ] = None,
    min_contradictions: Annotated[
        float | None,
        typer.Option(
            "--min-contradictions",
            help="Exit 1 if the share of gold contradictions found is below this.",
        ),
    ] = None,
    max_false_flags: Annotated[
        int | None,
        typer.Option(
            "--max-false-flags",
            help="Exit 1 if more flags than this match no gold contradiction or unconfirmed pair, "
            "or any gold not-contradiction is flagged.",
        ),
    ] = None,
) -> None:
    """Score a run against gold annotations and print the figures."""
    from .evaluate import format_scores, load_gold, score

    path = run_output / "claimdiff.json" if run_output.is_dir() else run_output
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        scores = score(doc, load_gold(gold))
    except FileNotFoundError as e:
        typer.echo(f"claimdiff: {e.filename}: not found", err=True)
        raise typer.Exit(2) from None
    except ClaimdiffError as e:
        raise _fail(e) from None
    typer.echo(json.dumps(scores.to_json(), indent=2) if as_json else format_scores(scores))
    failed = []
    recall = scores.recall.value or 0.0
    agreement = scores.source_agreement.value or 0.0
    if min_recall is not None and recall < min_recall:
        failed.append(f"attribution recall {recall:.3f} < {min_recall}")
    if min_source_agreement is not None and agreement < min_source_agreement:
        failed.append(f"source agreement {agreement:.3f} < {min_source_agreement}")
    party = scores.party_agreement.value or 0.0
    if min_party_agreement is not None and party < min_party_agreement:
        failed.append(f"party agreement {party:.3f} < {min_party_agreement}")
    incident_f1 = scores.incidents.f1 or 0.0
    if min_incident_f1 is not None and incident_f1 < min_incident_f1:
        failed.append(f"incident B-cubed F1 {incident_f1:.3f} < {min_incident_f1}")
    found = scores.contradictions_found.value or 0.0
    if min_contradictions is not None and found < min_contradictions:
        failed.append(f"gold contradictions found {found:.3f} < {min_contradictions}")
    if max_false_flags is not None:
        false_flags = (
            scores.flags_total - scores.flags_matching_gold - scores.flags_matching_unconfirmed
        )
        if false_flags > max_false_flags or scores.not_contradiction_violations:
            failed.append(
                f"{false_flags} flag(s) match no gold finding and {scores.not_contradiction_violations} "
                f"not-contradiction(s) flagged (allowed: {max_false_flags} and 0)"
            )
    for f in failed:
        typer.echo(f"claimdiff: quality gate failed: {f}", err=True)
    if failed:
        raise typer.Exit(1)


def _load_verdicts(path: Path | None) -> dict[str, Verdict] | None:
    if path is None:
        return None
    from .review import load_reviews

    if not path.exists():
        raise ConfigError("reviews file not found", path=str(path))
    return load_reviews(path)


def _warn_orphans(orphans: list[dict[str, Any]]) -> None:
    """Say which verdicts are orphaned (their finding is not in this run); they stay in the file."""
    if orphans:
        shown = [
            o["finding_id"] + (f" (now {o['successor']})" if o["successor"] else "")
            for o in orphans
        ]
        typer.echo(
            f"claimdiff: {len(orphans)} verdict(s) orphaned (finding not in this run; kept in the reviews "
            f"file): {', '.join(shown[:20])}" + (" ..." if len(shown) > 20 else ""),
            err=True,
        )


@app.command()
def baseline(
    out_dir: ReportDir,
    output: Annotated[Path, typer.Option("-o", "--out", help="The baseline YAML file to write.")],
) -> None:
    """Write a baseline of a report's findings (sorted YAML, no volatile data) for `claimdiff check`."""
    from .review import make_baseline, write_baseline

    try:
        entries = make_baseline(out_dir)
        write_baseline(entries, output)
    except ClaimdiffError as e:
        raise _fail(e) from None
    typer.echo(
        f"{len(entries['articles'])} articles, {len(entries['claims'])} claims, {len(entries['incidents'])} "
        f"incidents, {len(entries['contradictions'])} contradictions -> {output}",
        err=True,
    )


@app.command()
def check(
    out_dir: ReportDir,
    baseline_file: Annotated[
        Path, typer.Option("--baseline", help="Baseline YAML from `claimdiff baseline`.")
    ],
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            help="What fails the run (exit 1), comma-separated or repeated: new-contradiction, "
            "absent-contradiction, changed-contradiction, updated-contradiction, new-claim, lost-claim, "
            "changed-attribution, updated-claim, new-incident, absent-incident, updated-incident, "
            "new-article, absent-article, updated-article; or all, none, default. "
            "Default: new-contradiction, absent-contradiction, changed-contradiction, lost-claim, "
            "changed-attribution.",
        ),
    ] = None,
    markdown: Annotated[
        Path | None,
        typer.Option(
            "--markdown", help="Write a markdown summary (under 1 MiB) here; '-' for stdout."
        ),
    ] = None,
    junit: Annotated[
        Path | None, typer.Option("--junit", help="Write JUnit XML (a testcase per finding) here.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the full diff as JSON here.")
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Write the HTML diff page here (default: OUT/check.html)."),
    ] = None,
    no_html: Annotated[
        bool, typer.Option("--no-html", help="Do not write the HTML diff page.")
    ] = False,
    reviews: ReviewsOpt = None,
    update_baseline: Annotated[
        bool,
        typer.Option(
            "--update-baseline",
            help="Accept the current state: rewrite the baseline file and exit 0.",
        ),
    ] = False,
    templates: Annotated[
        Path | None,
        typer.Option("--templates", help="Folder of templates overriding the defaults."),
    ] = None,
) -> None:
    """Compare a report with a baseline: each finding is new, unchanged, updated or absent.

    Exit 1 when a finding matches --fail-on (a regression), 0 otherwise or with --update-baseline.
    """
    from .review import check as do_check
    from .review import outputs, parse_fail_on, write_baseline
    from .review.atomic import atomic_write

    try:
        kinds = parse_fail_on(fail_on)
    except ValueError as e:
        typer.echo(f"claimdiff: {e}", err=True)
        raise typer.Exit(2) from None
    try:
        if update_baseline and not baseline_file.exists():
            from .review import make_baseline

            write_baseline(make_baseline(out_dir), baseline_file)
        cr = do_check(out_dir, baseline_file, kinds, reviews)
    except ClaimdiffError as e:
        raise _fail(e) from None
    result = cr.result
    orphans = cr.orphans
    _warn_orphans(orphans)
    report_dir = out_dir if out_dir.is_dir() else out_dir.parent
    html_path = None if no_html else (html or report_dir / "check.html")
    try:
        if html_path is not None:
            page = outputs.check_page(
                result, report_dir, html_path, cr.incident_of(), cr.verdicts, orphans
            )
            atomic_write(html_path, outputs.render_check_page(page, templates))
        if markdown is not None:
            link = str(html_path) if html_path else None
            md = outputs.markdown(result, cr.verdicts, orphans, html_link=link)
            if str(markdown) == "-":
                typer.echo(md, nl=False)
            else:
                atomic_write(markdown, md)
        if junit is not None:
            atomic_write(junit, outputs.junit_xml(result))
        if json_out is not None:
            atomic_write(json_out, outputs.json_text(result, cr.verdicts, orphans))
        if update_baseline:
            write_baseline(cr.current, baseline_file)
    except ClaimdiffError as e:
        raise _fail(e) from None
    except OSError as e:
        where = getattr(e, "filename", "") or ""
        typer.echo(f"claimdiff: {where}: cannot write: {e.strerror or e}", err=True)
        raise typer.Exit(2) from None
    _print_check_summary(result, update_baseline, baseline_file)
    if result.failed and not update_baseline:
        raise typer.Exit(1)


def _print_check_summary(result: CheckResult, updated: bool, baseline_file: Path) -> None:
    counts = result.counts()
    for kind, c in counts.items():
        typer.echo(
            f"{kind + 's':15} new {c['new']:4}  updated {c['updated']:4}  absent {c['absent']:4}  "
            f"unchanged {c['unchanged']:4}",
            err=True,
        )
    failing = result.failing()
    for f in failing[:30]:
        events = ", ".join(e for e in f.events if e in result.fail_on)
        typer.echo(f"claimdiff: regression: {events}: {f.key}: {f.description[:150]}", err=True)
    if len(failing) > 30:
        typer.echo(f"claimdiff: ... and {len(failing) - 30} more regressions", err=True)
    if updated:
        typer.echo(f"baseline updated: {baseline_file}", err=True)
    elif not failing:
        typer.echo("no regressions", err=True)


@app.command()
def review(
    finding_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID", help="The finding id (contradiction, claim or incident) to judge."
        ),
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="confirmed, dismissed or needs-review.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="Why (kept from an earlier verdict if not given).")
    ] = None,
    reviewer: Annotated[
        str | None,
        typer.Option(
            "--reviewer",
            envvar="CLAIMDIFF_REVIEWER",
            help="Who gives the verdict (env CLAIMDIFF_REVIEWER).",
        ),
    ] = None,
    reviews: Annotated[
        Path, typer.Option("--reviews", help="The reviews file to edit (created if missing).")
    ] = Path("reviews.yaml"),
    report_dir: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="A report folder: refuse ids not in it; with --list, mark orphaned verdicts.",
        ),
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List the verdicts in the reviews file.")
    ] = False,
) -> None:
    """Record a reviewer's verdict on a finding in the reviews file (default ./reviews.yaml).

    The file is YAML sorted by id, written atomically with a backup (FILE.bak).
    """
    from .review import STATUSES, finding_ids, load_report, load_reviews, set_verdict

    try:
        present = finding_ids(load_report(report_dir)) if report_dir else None
        if list_:
            for fid, v in sorted(load_reviews(reviews).items()):
                flag = "  (orphaned)" if present is not None and fid not in present else ""
                typer.echo(f"{fid}\t{v.status}\t{v.reviewer}\t{v.date}\t{v.note}{flag}")
            return
        if not finding_id or not status:
            typer.echo("claimdiff: review needs a finding ID and --status (or --list)", err=True)
            raise typer.Exit(2)
        if status not in STATUSES:
            typer.echo(
                f"claimdiff: --status must be one of {', '.join(STATUSES)}, not {status!r}",
                err=True,
            )
            raise typer.Exit(2)
        if present is not None and finding_id not in present:
            typer.echo(f"claimdiff: {finding_id}: no such finding in {report_dir}", err=True)
            raise typer.Exit(2)
        v = set_verdict(reviews, finding_id, status, note=note, reviewer=reviewer)
    except ClaimdiffError as e:
        raise _fail(e) from None
    except OSError as e:
        typer.echo(f"claimdiff: {reviews}: cannot write: {e.strerror or e}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"{v.finding_id}: {v.status} -> {reviews}", err=True)


def main() -> None:
    try:
        app()
    except NothingToProcessError as e:  # pragma: no cover - raised inside commands
        typer.echo(f"claimdiff: {e}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
