"""The command line: parse arguments, call the library, map errors to exit codes.

Exit codes (CONTRACT.md): 0 done (unreadable inputs are listed in `errors`
and on stderr); 1 nothing could be processed; 2 usage error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .config import ColumnMap, Config, load_config
from .errors import ClaimdiffError, ConfigError, NothingToProcessError
from .models import RunResult

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Split news articles into attributed statements by source, group them into incidents, "
    "and report where the sources disagree.",
)

Inputs = Annotated[list[Path], typer.Argument(help="Files and folders (read recursively, sorted).")]
SourcesOpt = Annotated[
    Optional[Path], typer.Option("--sources", help="YAML file of extra or overriding sources.")
]
ConfigOpt = Annotated[
    Optional[Path], typer.Option("--config", help="claimdiff.toml or pyproject.toml with [tool.claimdiff].")
]
TextCol = Annotated[Optional[str], typer.Option("--text-column", help="Table column holding the text.")]
TitleCol = Annotated[Optional[str], typer.Option("--title-column", help="Table column holding the title.")]
OutletCol = Annotated[Optional[str], typer.Option("--outlet-column", help="Table column holding the outlet.")]
DateCol = Annotated[Optional[str], typer.Option("--published-column", help="Table column holding the date.")]
UrlCol = Annotated[Optional[str], typer.Option("--url-column", help="Table column holding the URL.")]
IdCol = Annotated[Optional[str], typer.Option("--id-column", help="Table column holding the article id.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"claimdiff {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
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
    config: ConfigOpt = None,
    templates: Annotated[
        Optional[Path], typer.Option("--templates", help="Folder of templates overriding the defaults.")
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

    cols = ColumnMap(text_column, title_column, outlet_column, published_column, url_column, id_column)
    try:
        cfg = _config(config, sources, cols, templates)
        result = run(inputs, cfg)
    except ClaimdiffError as e:
        raise _fail(e) from None
    _report_errors(result)
    write_report(result, out, Path(cfg.templates_dir) if cfg.templates_dir else None)
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

    cols = ColumnMap(text_column, title_column, outlet_column, published_column, url_column, id_column)
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
    gold: Annotated[Path, typer.Option("--gold", help="Gold annotations (YAML, as corpora/*/gold.yaml).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    min_recall: Annotated[
        Optional[float], typer.Option("--min-recall", help="Exit 1 if attribution recall is below this.")
    ] = None,
    min_source_agreement: Annotated[
        Optional[float], typer.Option("--min-source-agreement", help="Exit 1 if source agreement is below this.")
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
    for f in failed:
        typer.echo(f"claimdiff: quality gate failed: {f}", err=True)
    if failed:
        raise typer.Exit(1)


def main() -> None:
    try:
        app()
    except NothingToProcessError as e:  # pragma: no cover - raised inside commands
        typer.echo(f"claimdiff: {e}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
