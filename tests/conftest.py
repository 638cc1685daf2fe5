"""Shared fixtures. Model-backed fixtures are session-scoped: loading spaCy and
the embedding model once keeps the slow tests to seconds."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "syria-seeds"


@pytest.fixture(scope="session")
def nlp():
    from claimdiff.nlp import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def registry():
    from claimdiff.sources import Registry

    return Registry.load()


@pytest.fixture(scope="session")
def seed_run():
    """The full pipeline over the seed corpus, once per test session."""
    from claimdiff.pipeline import run

    return run([SEEDS])
