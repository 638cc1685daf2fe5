"""The learned attribution finder, the layout cues, and how they combine with
the rules, on short hand-written news-style sentences."""

from __future__ import annotations

import math

import pytest

from claimdiff.extract import extract_claims
from claimdiff.extract.learned import LinearModel, load_model
from claimdiff.models import Article


def run(nlp, registry, text: str):
    art = Article(id="t1", path="t1.txt", text=text)
    ex = extract_claims(art, nlp(text), registry)
    return [c for c in ex.claims if c.form != "narrative"], ex


# --- the linear model itself (no spaCy) ---------------------------------------


def test_binary_model_probability_is_logistic_of_summed_weights():
    m = LinearModel(("0", "1"), {"b": [-1.0], "l=say": [3.0], "dep=ROOT": [0.5]})
    assert m.prob(["b", "l=say", "dep=ROOT"]) == pytest.approx(1 / (1 + math.exp(-2.5)))
    # Unknown features add nothing.
    assert m.prob(["b", "l=unseen"]) == pytest.approx(1 / (1 + math.exp(1.0)))


def test_multiclass_model_picks_highest_score():
    m = LinearModel(
        ("content", "none", "source"), {"b": [0.0, 0.1, 0.0], "d=nsubj": [-1.0, 0.0, 2.0]}
    )
    assert m.best(["b", "d=nsubj"]) == "source"
    assert m.best(["b"]) == "none"


def test_shipped_model_loads_and_is_small():
    model = load_model()
    assert model is not None
    assert 0 < model.veto < model.threshold <= model.nested < 1
    assert "say" in model.cue_lemmas and "criticize" in model.cue_lemmas
    # Only weights ship: a few thousand features, no text.
    assert len(model.cue.w) < 60_000 and len(model.role.w) < 30_000


# --- cues beyond the lexicon ------------------------------------------------------

LEARNED = [
    # (text, source mention, cue, content)
    (
        "The senator criticized the plan to cut funding for the hospital.",
        "The senator",
        "criticized",
        "the plan to cut funding for the hospital",
    ),
    (
        "The governor plans to visit the flooded villages next week.",
        "The governor",
        "plans",
        "to visit the flooded villages next week",
    ),
    (
        "The union urged its members to stay at home on Monday.",
        "The union",
        "urged",
        "its members to stay at home on Monday",
    ),
    (
        "The opposition leader called the vote a fraud.",
        "The opposition leader",
        "called",
        "the vote a fraud",
    ),
    (
        "The teachers' union described the offer as an insult.",
        "The teachers' union",
        "described",
        "the offer as an insult",
    ),
    (
        "The minister declined to comment on the report.",
        "The minister",
        "declined",
        "to comment on the report",
    ),
    (
        "Local residents expect the water to return next week.",
        "Local residents",
        "expect",
        "the water to return next week",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,cue,content", LEARNED)
def test_learned_cues(nlp, registry, text, mention, cue, content):
    claims, _ = run(nlp, registry, text)
    assert len(claims) == 1, [(c.cue and c.cue.text, c.content_text) for c in claims]
    c = claims[0]
    assert c.cue is not None and c.cue.text == cue
    assert c.source_mention is not None and c.source_mention.text == mention
    assert c.content_text == content


EVENTS = [
    # Physical events are the outlet's report, not a statement, even though
    # political news uses "attacked" and "sent" for statements.
    "The rebels attacked the base on Sunday.",
    "The army sent reinforcements to the border town.",
    "Government forces captured the village after two days of fighting.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", EVENTS)
def test_events_stay_narrative(nlp, registry, text):
    claims, ex = run(nlp, registry, text)
    assert claims == []
    assert [c.form for c in ex.claims] == ["narrative"]


# --- layout cues ------------------------------------------------------------------

LAYOUT = [
    # (text, source mention, cue, content, form)
    (
        "“We will rebuild every house.” ― Maria Lopez, a resident",
        "Maria Lopez, a resident",
        "―",
        "We will rebuild every house",
        "direct",
    ),
    (
        "“It was the worst night of my life.”\u00a0― Leila Nasser",
        "Leila Nasser",
        "―",
        "It was the worst night of my life",
        "direct",
    ),
    # The opening mark is missing: the signed words are the paragraph up to the closing one.
    (
        "Voices from the camp\n\nThe water ran out three days ago and nobody came.” ― Omar Haddad, a farmer",
        "Omar Haddad, a farmer",
        "―",
        "The water ran out three days ago and nobody came",
        "indirect",
    ),
    (
        "Talks resume\nGARCIA: We have no information about the prisoners.",
        "GARCIA",
        ":",
        "We have no information about the prisoners",
        "indirect",
    ),
    (
        '"GARCIA: We have no information about the prisoners.',
        "GARCIA",
        ":",
        "We have no information about the prisoners",
        "direct",
    ),
    (
        "Poll: Most voters back the ceasefire\n\nThe survey was taken last week.",
        "Poll",
        ":",
        "Most voters back the ceasefire",
        "indirect",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize("text,mention,cue,content,form", LAYOUT)
def test_layout_cues(nlp, registry, text, mention, cue, content, form):
    claims, _ = run(nlp, registry, text)
    assert len(claims) == 1, [(c.cue and c.cue.text, c.content_text) for c in claims]
    c = claims[0]
    assert c.cue is not None and c.cue.text == cue
    assert c.source_mention is not None and c.source_mention.text == mention
    assert c.content_text == content
    assert c.form == form


NOT_LABELS = [
    "Photo: The damaged school in the north of the city.",
    "BEIRUT: Shelling resumed overnight in the eastern suburbs.",
]


@pytest.mark.slow
@pytest.mark.parametrize("text", NOT_LABELS)
def test_headings_and_datelines_are_not_speakers(nlp, registry, text):
    claims, _ = run(nlp, registry, text)
    assert all(c.cue is None or c.cue.text != ":" for c in claims)


# --- combination with the rules -------------------------------------------------


@pytest.mark.slow
def test_content_on_both_sides_of_the_cue(nlp, registry):
    text = "The bridge will reopen in May, the engineer said, but the tolls will double."
    claims, _ = run(nlp, registry, text)
    assert len(claims) == 1
    c = claims[0]
    assert [s.text for s in c.content] == [
        "The bridge will reopen in May",
        "but the tolls will double",
    ]
    assert c.source_mention is not None and c.source_mention.text == "the engineer"


@pytest.mark.slow
def test_negated_cue_keeps_the_denied_verb_phrase(nlp, registry):
    claims, _ = run(nlp, registry, "The ministry has not reported any casualties in the town.")
    assert len(claims) == 1
    assert claims[0].form == "denial"
    assert claims[0].content_text == "has not reported any casualties in the town"


@pytest.mark.slow
def test_rule_channel_survives_learned_content(nlp, registry):
    text = "An army source told SANA that a fuel tanker had been set ablaze outside the depot."
    claims, _ = run(nlp, registry, text)
    assert len(claims) == 1
    c = claims[0]
    assert c.content_text == "a fuel tanker had been set ablaze outside the depot"
    assert c.channel_id == "sana"
