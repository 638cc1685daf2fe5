"""Weapons named in a claim, by kind (data/weapons.yaml)."""

from __future__ import annotations

import pytest

from claimdiff.frames.weapons import find_weapons, weapon_group, weapon_kinds

ROWS = [
    ("a chlorine gas attack hit a residential building", [("chemical", "chlorine gas")]),
    (
        "medics said victims showed signs of exposure to a nerve agent",
        [("chemical", "nerve agent")],
    ),
    ("the army denied using toxic gas", [("chemical", "toxic gas")]),
    ("Russian warplanes struck the market", [("aircraft", "warplanes")]),
    (
        "helicopters dropped barrel bombs",
        [("aircraft", "helicopters"), ("barrel_bomb", "barrel bombs")],
    ),
    ("an air raid on the hospital", [("airstrike", "air raid")]),
    ("a drone strike killed two men", [("drone", "drone strike")]),
    ("the patrol came under small arms fire", [("small_arms", "small arms fire")]),
    ("snipers fired on the crowd", [("small_arms", "snipers")]),
    ("artillery shells hit the market", [("artillery", "artillery shells")]),
    ("shells fell on the village", [("shelling", "shells")]),
    ("mortar rounds landed inside the base", [("mortar", "mortar rounds")]),
    ("tank shells struck the house", [("tank", "tank shells")]),  # longest wins: not "shells"
    ("Grad rockets slammed into the suburb", [("rocket", "Grad rockets")]),
    ("a cruise missile hit the airbase", [("missile", "cruise missile")]),
    ("a car bomb exploded at the checkpoint", [("car_bomb", "car bomb")]),
    ("a roadside bomb hit the convoy", [("ied", "roadside bomb")]),
    ("cluster munitions were dropped on the town", [("cluster", "cluster munitions")]),
    ("white phosphorus shells lit up the sky", [("incendiary", "white phosphorus shells")]),
    (
        "the jets used conventional munitions",
        [("aircraft", "jets"), ("conventional", "conventional munitions")],
    ),
    (
        "a combination of air and artillery strikes",
        [("airstrike", "air"), ("artillery", "artillery strikes")],
    ),
    ("rebels fired rocket-propelled grenades", [("small_arms", "rocket-propelled grenades")]),
    # a munition fired from a platform is the platform's weapon, not a second one
    ("the lorry was struck by a rocket launched from a drone", [("drone", "drone")]),
    ("helicopters launched several rockets at the farms", [("aircraft", "helicopters")]),
    ("jets had launched guided missiles", [("aircraft", "jets")]),
    # ... but not a munition fired from the ground beside an aircraft
    (
        "militias fired rockets at the base while jets circled",
        [("rocket", "rockets"), ("aircraft", "jets")],
    ),
    # weapons that are targets, stocks or names: not the event's weapons
    ("air defences shot down a drone over the base", []),
    ("air defences intercepted missiles over the coast", []),
    ("the jets struck artillery positions near the river", [("aircraft", "jets")]),
    ("a depot where chemical weapons were stored", []),
    ("a chemical weapons depot", []),
    ("the Organisation for the Prohibition of Chemical Weapons said", []),
    ("anti-aircraft guns opened up", []),
    ("a think tank in the capital", []),
    # the weapon a target was hit by is still a weapon used
    ("the town was hit by artillery shells", [("artillery", "artillery shells")]),
    ("the convoy was targeted with drones", [("drone", "drones")]),
    # negated mentions are kept: the comparison reads the negation
    ("no chemical weapons were used", [("chemical", "chemical weapons")]),
]


@pytest.mark.parametrize(("text", "expected"), ROWS)
def test_weapons(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(w.kind, w.span.text) for w in find_weapons(text)] == expected


def test_spans_are_offset() -> None:
    (w,) = find_weapons("xx mortar fire", offset=100)
    assert (w.span.start, w.span.end, w.span.text) == (103, 114, "mortar fire")


@pytest.mark.parametrize(
    ("kind", "group"),
    [
        ("artillery", "heavy_fire"),
        ("mortar", "heavy_fire"),
        ("shelling", "heavy_fire"),
        ("drone", "air"),
        ("rocket", "rockets_missiles"),
        ("car_bomb", "explosives"),
        ("chemical", "chemical"),
    ],
)
def test_groups(kind: str, group: str) -> None:
    assert kind in weapon_kinds()
    assert weapon_group(kind) == group
