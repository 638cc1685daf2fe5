"""The parse in a second thread (pipeline.parsed_ahead): the same docs in the same
order as ``nlp.pipe``, the parse's errors raised to the caller, and a caller that
stops early stops the parse."""

from __future__ import annotations

import threading

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimdiff.pipeline import parsed_ahead

TEXTS = [f"Report {n}: shelling hit the village of Tell {n} at dawn." for n in range(40)]


@Language.component("claimdiff_test_fail_on_13")
def _fail_on_13(doc: Doc) -> Doc:
    if "Tell 13" in doc.text:
        raise ValueError("bad text 13")
    return doc


def _parse_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "claimdiff-parse"]


@pytest.mark.parametrize("batch_size", [1, 4, 64])
def test_same_docs_in_the_same_order_as_nlp_pipe(batch_size: int) -> None:
    nlp = spacy.blank("en")
    got = [d.text for d in parsed_ahead(nlp, iter(TEXTS), batch_size)]
    assert got == [d.text for d in nlp.pipe(TEXTS)] == TEXTS
    assert not _parse_threads()


def test_an_error_in_the_parse_reaches_the_caller_after_the_docs_before_it() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("claimdiff_test_fail_on_13")
    seen = []
    with pytest.raises(ValueError, match="bad text 13"):
        for doc in parsed_ahead(nlp, iter(TEXTS), 1):
            seen.append(doc.text)
    assert seen == TEXTS[:13]
    assert not _parse_threads()


def test_a_caller_that_stops_early_stops_the_parse() -> None:
    nlp = spacy.blank("en")
    docs = parsed_ahead(nlp, iter(TEXTS * 50), 2)
    assert next(docs).text == TEXTS[0]
    docs.close()
    assert not _parse_threads()
