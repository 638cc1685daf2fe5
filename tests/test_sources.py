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
