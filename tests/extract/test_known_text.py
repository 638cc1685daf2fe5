"""doc_text reads the article's own text when the doc is known to be its parse."""

from __future__ import annotations

import pytest
import spacy

from claimdiff.nlp import doc_text, known_text

TEXT = "Shelling hit the village at dawn,  the monitor said.\n\nTwo people were hurt. "


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        (TEXT, True),  # the parsed text: taken as it is
        (TEXT + "More words.", False),  # not what was parsed: the doc's own text is built
        (TEXT[:-1], False),
        (TEXT.replace("hurt.", "hurt!"), False),  # the last token differs
    ],
)
def test_known_text_only_for_the_text_parsed(given: str, kept: bool) -> None:
    doc = spacy.blank("en")(TEXT)
    known_text(doc, given)
    assert doc_text(doc) == TEXT
    assert (doc_text(doc) is given) == kept
