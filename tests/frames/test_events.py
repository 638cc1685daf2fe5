"""Event types from a claim's words."""

from __future__ import annotations

import re

import pytest

from claimdiff.frames import event_family, event_types_list, find_event_types

ROWS = [
    ("US troops and their allies exchanged fire with pro-regime forces", {"exchange_of_fire"}),
    ("the members of the patrol opened several rounds of fire", {"exchange_of_fire"}),
    ("Coalition troops returned fire in self-defense", {"exchange_of_fire"}),
    ("US forces attacked a checkpoint", {"attack"}),
    ("militants ambushed a convoy", {"attack"}),
    (
        "the coalition conducted air and artillery strikes against pro-regime forces",
        {"airstrike", "artillery_strike"},
    ),
    ("Russian warplanes bombed the town", {"airstrike"}),
    ("regime forces shelled the village with mortars", {"shelling"}),
    ("a car bomb exploded near the market", {"explosion"}),
    ("a chlorine gas attack on Douma", {"chemical_attack", "attack"}),
    ("a US Navy jet shot down a Syrian Su-22", {"shoot_down"}),
    ("US forces withdrew from a key base", {"withdrawal"}),
    ("US forces would be pulled out of Syria", {"withdrawal"}),
    ("the US rushed reinforcements to the base", {"reinforcement"}),
    ("the coalition observed a buildup of pro-regime troops", {"reinforcement"}),
    ("five civilians were killed", {"casualties"}),
    ("clashes broke out near the oilfield", {"exchange_of_fire"}),
    # missiles or rockets fired from the air are an air strike, not shelling
    ("a rocket launched by an armed drone hit the lorry", {"airstrike"}),
    ("army helicopters fired several rockets at the village", {"airstrike"}),
    ("coalition helicopters struck the farm", {"airstrike"}),
    ("homes were targeted with helicopter fire", {"airstrike"}),
    # rockets fired from the ground are
    ("the rockets were fired from an orchard outside the village", {"shelling"}),
    ("militias fired missiles at the base", {"shelling"}),
    # an armed answer is an attack when the claim is about armed conflict
    ("rebels mounted a counter-attack on the hill", {"attack"}),
    ("troops answered with counter-fire", {"attack"}),
    ("the aircraft carried out a retaliatory strike", {"attack"}),
    ("the governor's counter-offensive against his critics", set()),
    # politics words that only sound like war
    ("the senator attacked the president's budget", set()),
    ("Trump clashed with reporters over the shooting of the ad", set()),
    ("the candidate's campaign launched an offensive on television", set()),
    ("the union called strikes against the company", set()),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_event_types(text: str, expected: set[str]) -> None:
    assert find_event_types(text) == expected


def test_names_are_snake_case_and_grouped() -> None:
    names = event_types_list()
    assert all(n.replace("_", "").isalpha() and n == n.lower() for n in names)
    assert event_family("airstrike") == event_family("exchange_of_fire") == "violence"
    assert event_family("withdrawal") == event_family("reinforcement") == "movement"


@pytest.mark.parametrize(
    "patterns,stems",
    [
        (["air ?strikes?", "air[- ]raids?"], ("air",)),
        (["(?:heavy|fierce) fighting", "firefights?"], ("fierce", "firefight", "heavy")),
        (["mortars?(?: fire)?"], ("mortar",)),
        # a start that is not literal enough: always searched
        (["(?:armed )?drones?"], None),
        (["\\bIEDs?"], None),
        (["VX"], None),
    ],
)
def test_literal_stems(patterns, stems):
    from claimdiff.frames._data import literal_stems, may_match

    assert literal_stems(patterns) == stems
    if stems is not None:
        # a text without any stem cannot match the patterns
        rx = re.compile("(?:" + "|".join(patterns) + ")", re.IGNORECASE)
        text = "Nothing of the kind happened in the town."
        assert not may_match(stems, text.lower()) and rx.search(text) is None
