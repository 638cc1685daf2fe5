"""The whole run as library calls: files -> articles -> claims -> incidents
-> contradictions.  The CLI only parses arguments and calls these."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from . import __version__
from .compare import find_contradictions
from .config import Config
from .errors import NothingToProcessError
from .extract import extract_claims, load_lexicon
from .frames import add_frames
from .incidents import group_incidents
from .ingest import read_inputs
from .models import Article, Claim, InputError, RunResult, Source
from .nlp import load_spacy
from .sources import Registry

# Below this many articles a second spaCy process costs more than it saves.
PARALLEL_MIN_ARTICLES = 200


def extract(paths: Sequence[str | Path], config: Config | None = None) -> RunResult:
    """Read the inputs and extract claims and sources; no grouping."""
    config = config or Config()
    articles, errors = read_inputs(list(paths), config.columns)
    if not articles:
        raise NothingToProcessError(
            "no input could be read"
            + (f" ({len(errors)} error(s))" if errors else ": no input files found")
        )
    registry = corpus_registry(paths, config)
    claims, sources, more_errors = extract_articles(articles, registry, config)
    return RunResult(
        articles=tuple(articles),
        sources=tuple(sorted(sources.values(), key=lambda s: s.id)),
        claims=tuple(claims),
        errors=tuple(errors) + tuple(more_errors),
        meta={"generator": f"claimdiff {__version__}"},
    )


CORPUS_SOURCES = "sources.yaml"


def corpus_registry(paths: Sequence[str | Path], config: Config) -> Registry:
    """The default registry, then each input folder's ``sources.yaml`` (the actors of
    the conflict that corpus covers, in the ``--sources`` format), then the user's
    ``--sources`` file, each adding to or overriding the one before. A broken file
    stops the run with an error naming it, as a broken ``--sources`` file does."""
    registry = Registry.load()
    for p in paths:
        own = Path(p) / CORPUS_SOURCES
        if Path(p).is_dir() and own.is_file():
            registry.extend(own)
    if config.sources_file:
        registry.extend(Path(config.sources_file))
    return registry


def run(paths: Sequence[str | Path], config: Config | None = None) -> RunResult:
    """The full run: extraction, incidents and contradictions."""
    config = config or Config()
    result = extract(paths, config)
    sources = result.sources_by_id
    with _status("grouping claims into incidents"):
        claims, incidents = group_incidents(
            list(result.claims), sources, config, articles=result.articles
        )
    contradictions = find_contradictions(incidents, claims, sources)
    return replace(
        result,
        claims=tuple(claims),
        incidents=tuple(incidents),
        contradictions=tuple(contradictions),
    )


def n_process(config: Config, n_articles: int) -> int:
    if config.n_process > 0:
        return config.n_process
    cores = os.cpu_count() or 1
    return min(2, cores) if n_articles >= PARALLEL_MIN_ARTICLES else 1


def extract_articles(
    articles: list[Article], registry: Registry, config: Config
) -> tuple[list[Claim], dict[str, Source], list[InputError]]:
    nlp = load_spacy(config.spacy_model)
    lex = load_lexicon()
    claims: list[Claim] = []
    sources: dict[str, Source] = {}
    errors: list[InputError] = []
    docs = nlp.pipe(
        (a.text for a in articles),
        batch_size=config.spacy_batch_size,
        n_process=n_process(config, len(articles)),
    )
    # A text that names no place of the default registry's war is read as part of that
    # coverage when most of its corpus is (see Registry.for_text).
    in_scope = registry.corpus_in_scope([a.text for a in articles])
    with _progress(len(articles), "extracting attributions") as advance:
        for article, doc in zip(articles, docs, strict=True):
            reg = registry.for_text(article.text, in_scope)
            try:
                ex = extract_claims(article, doc, reg, lex, narrative=config.narrative_claims)
            except Exception as e:  # noqa: BLE001 - one odd article must not stop a corpus
                errors.append(
                    InputError(article.path, f"extraction failed: {type(e).__name__}: {e}", "E120")
                )
                advance()
                continue
            by_id = {s.id: s for s in ex.sources}
            for c in ex.claims:
                claims.append(add_frames(c, doc, by_id[c.source_id], reg, article))
            for s in ex.sources:
                prev = sources.get(s.id)
                sources[s.id] = (
                    s
                    if prev is None
                    else replace(prev, aliases=tuple(sorted(set(prev.aliases) | set(s.aliases))))
                )
            for c in ex.claims:
                if c.channel_id and c.channel_id not in sources:
                    sources[c.channel_id] = registry.sources[c.channel_id]
            advance()
    return claims, sources, errors


def _quiet() -> bool:
    return not sys.stderr.isatty() or bool(os.environ.get("NO_COLOR")) or bool(os.environ.get("CI"))


@contextmanager
def _progress(total: int, what: str) -> Iterator[callable]:  # type: ignore[valid-type]
    if _quiet() or total < 2:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_console()) as prog:
        task = prog.add_task(what, total=total)
        yield lambda: prog.advance(task)


@contextmanager
def _status(what: str) -> Iterator[None]:
    if _quiet():
        yield
        return
    with _console().status(what):
        yield


def _console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)
