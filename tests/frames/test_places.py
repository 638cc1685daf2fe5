"""Places: gazetteer spellings (fast) and spaCy NER for the rest (slow)."""

from __future__ import annotations

import pytest

from claimdiff.frames import place_parents
from claimdiff.frames.places import find_places, gazetteer_places, governorate_of, place_info

GAZETTEER_ROWS = [
    ("a patrol near Tal Al-Zahab, Syria", ["Tal al-Zahab"]),
    ("through Tal al-Zahab checkpoint", ["Tal al-Zahab"]),
    ("airstrikes in Deir az-Zour in February", ["Deir ez-Zor"]),
    ("Deir Ezzor, Deir ez-Zor and Deir el-Zor", ["Deir ez-Zor", "Deir ez-Zor", "Deir ez-Zor"]),
    ("vehicles arriving at al-Omar oilfield", ["al-Omar oil field"]),
    ("Al-Omar oil field was captured", ["al-Omar oil field"]),
    ("in the Ain al-Issa area", ["Ain Issa"]),
    ("near the Conoco gas field", ["Conoco gas field"]),
    ("in the Middle Euphrates River Valley", ["Middle Euphrates River Valley"]),
    ("east of the Euphrates River in Khusham", ["Euphrates", "Khusham"]),
    ("at the At Tanf garrison", ["At Tanf"]),
    ("from Al Bukamal to Abu Kamal", ["Abu Kamal", "Abu Kamal"]),
    # the countryside of a town is the area around it, not the town
    ("in Qamishli countryside", ["Qamishli area"]),
    ("Hasakeh, Hasaka and al-Hasakah", ["Hasakah", "Hasakah", "Hasakah"]),
    ("Kobane, also called Kobani", ["Kobani", "Kobani"]),
    ("Raqqa, Tabqa and Manbij", ["Raqqa", "Tabqa", "Manbij"]),
    (
        "Aleppo, Idlib, Homs, Hama, Latakia and Daraa",
        ["Aleppo", "Idlib", "Homs", "Hama", "Latakia", "Daraa"],
    ),
    ("Palmyra, known as Tadmur", ["Palmyra", "Palmyra"]),
    ("shelling of Maarat al-Nu'man", ["Maarat al-Numan"]),
    ("the Damascus countryside", ["Rif Dimashq"]),
    ("al-Mayadin and Afrin", ["Mayadin", "Afrin"]),
    # "X province", "the countryside of X", "rural X": the governorate when X is its capital
    ("a village in Raqqa province", ["Raqqa Governorate"]),
    ("Saraqib, a town in Idlib province", ["Saraqib", "Idlib Governorate"]),
    ("shelling in the southern countryside of Aleppo", ["Aleppo Governorate"]),
    ("clashes in rural Hama", ["Hama Governorate"]),
    ("the Homs countryside", ["Homs Governorate"]),
    ("Daraa and Suwayda provinces", ["Daraa Governorate", "Suwayda Governorate"]),
    ("in Deir ez-Zor city", ["Deir ez-Zor"]),
    # ... and the area around X when X is a town
    ("the Tal Abyad region", ["Tal Abyad area"]),
    ("in the Manbij district", ["Manbij area"]),
    # Iraqi governorates, cities and sites
    ("rockets hit Ain al-Asad air base in Anbar", ["Ain al-Asad air base", "Anbar"]),
    ("a drone struck near Erbil airport", ["Erbil air base"]),
    ("in Mosul, Nineveh province", ["Mosul", "Nineveh"]),
    ("a convoy in Kirkuk province", ["Kirkuk Governorate"]),
    ("Jurf al-Sakhar, south of Baghdad", ["Jurf al-Sakhar", "Baghdad"]),
    # not places
    ("the hula dance", []),
    ("Omar said the deal was off", []),
    ("ConocoPhillips shares rose", []),
]


@pytest.mark.parametrize(("text", "expected"), GAZETTEER_ROWS)
def test_gazetteer(text: str, expected: list[str]) -> None:
    assert [name for _, _, name in gazetteer_places(text)] == expected


def test_gazetteer_spans() -> None:
    text = "near Tal Al-Zahab, Syria"
    ((s, e, _),) = gazetteer_places(text)
    assert text[s:e] == "Tal Al-Zahab"


def test_hierarchy() -> None:
    assert governorate_of("Khusham") == "Deir ez-Zor"
    assert place_parents("Khusham") == ("Deir ez-Zor",)
    assert place_parents("Deir ez-Zor") == ()  # the city is its own governorate's name
    info = place_info("al-Omar oil field")
    assert info is not None and info.kind == "site"
    assert place_info("Nowhere") is None


def test_governorates_and_areas_are_not_points() -> None:
    # a governorate named after its capital is its own entry, of kind governorate
    gov = place_info("Hasakah Governorate")
    assert gov is not None and gov.kind == "governorate" and gov.governorate == "Hasakah"
    city = place_info("Hasakah")
    assert city is not None and city.kind == "city"
    assert place_parents("Hasakah Governorate") == ()
    # the area around a town lies in the town's governorate
    area = place_info("Manbij area")
    assert area is not None and area.kind == "region" and area.governorate == "Aleppo"
    assert governorate_of("Mosul") == "Nineveh"
    assert place_parents("Fallujah") == ("Anbar",)


def test_places_without_a_parse() -> None:
    assert find_places([(0, "near Tal Al-Zahab and in Deir Ezzor")], None) == (
        "Tal al-Zahab",
        "Deir ez-Zor",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name the gazetteer does not list, read from the words around it
        ("Three rockets struck al-Qasra air base late on Tuesday.", ["al-Qasra"]),
        ("The shells fell on the village of Tell Hamra at dawn.", ["Tell Hamra"]),
        ("Gunmen attacked the Wadi Sahn checkpoint.", ["Wadi Sahn"]),
        # a side, a country or an acronym before "base" is who holds it, not where it is
        ("Rockets hit a US base and a Syrian checkpoint.", []),
        ("Troops shelled a PKK camp near the border.", []),
    ],
)
def test_sites_named_by_the_words_around_them(text: str, expected: list[str]) -> None:
    assert list(find_places([(0, text)], None)) == expected


NER_ROWS = [
    # gazetteer names first, then NER places the gazetteer does not list; countries are left out
    ("A drone struck a house in Kirkuk, killing two.", ["Kirkuk"]),
    ("Fighting spread to the outskirts of Baghdad and Basra.", ["Baghdad", "Basra"]),
    ("The convoy was ambushed outside Mosul, Iraq, on Monday.", ["Mosul"]),
    ("Clashes near Manbij and in Syria spread to Gaziantep.", ["Manbij", "Gaziantep"]),
    # "U.S." with its last period lost, and the capitals statements come from, place no incident
    ("Two U.S. soldiers were hurt when a drone hit the base near Kirkuk.", ["Kirkuk"]),
    ("Washington blamed Tehran for the rocket attack on the base near Kirkuk.", ["Kirkuk"]),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), NER_ROWS)
def test_places_with_ner(text: str, expected: list[str], nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    assert list(find_places([(0, text)], doc)) == expected
