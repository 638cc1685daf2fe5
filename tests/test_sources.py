"""The source registry on names from outside its home conflict: ordinary-noun
aliases never match as the last word of another body's name, and ids fold accents."""

from __future__ import annotations

import pytest

from claimdiff.sources import Registry, slug


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


@pytest.mark.parametrize(
    "mention,expected",
    [
        # another body whose name ends in an ordinary-noun alias: not the registered one
        ("the Sahel Conflict Observatory", None),
        ("the Kivu Rebels Coalition", None),
        # the alias on its own, or the registered body's own longer names: registered
        ("the Observatory", "sohr"),
        ("the Syrian Observatory for Human Rights", "sohr"),
        ("the US-led coalition", "us-coalition"),
        ("the coalition", "us-coalition"),
        # proper-name and acronym aliases are unaffected by a capitalised word before them
        ("President Trump", "donald-trump"),
        ("Kurdish-led SDF", "sdf"),
    ],
)
def test_ordinary_noun_alias_not_inside_another_name(reg, mention, expected):
    m = reg.match(mention)
    assert (m.source.id if m else None) == expected


def test_a_monitor_named_observatory_keeps_its_party(reg):
    assert reg.party_of("the Sahel Conflict Observatory") == "independent-monitor"


@pytest.mark.parametrize(
    "name,expected",
    [("Seydou Kané", "seydou-kane"), ("Çelik", "celik"), ("Ould Cheikh", "ould-cheikh")],
)
def test_ids_fold_accents(name, expected):
    assert slug(name) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,first,later",
    [
        # a body the article names, then calls by its head noun: that body, not the registry's
        (
            (
                "The Sahel Conflict Observatory said at least 10 civilians were killed. "
                "The observatory said it had recorded nine soldiers killed."
            ),
            "observatory-sahel-conflict-x",
            "observatory-sahel-conflict-x",
        ),
        # the registered body named in full, then by the alias: still the registered one
        (
            (
                "The Syrian Observatory for Human Rights said 12 people died. "
                "The Observatory said the toll would rise."
            ),
            "sohr",
            "sohr",
        ),
        (
            "The US-led coalition said it struck the depot. The coalition said no one was hurt.",
            "us-coalition",
            "us-coalition",
        ),
    ],
)
def test_the_head_noun_names_the_body_named_before(nlp, reg, text, first, later):
    from claimdiff.extract import extract_claims
    from claimdiff.models import Article

    claims = extract_claims(Article(id="x", path="x", text=text), nlp(text), reg).claims
    assert [c.source_id for c in claims if c.form != "narrative"] == [first, later]
