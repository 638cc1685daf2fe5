"""Weapons named in a claim, by kind (data/weapons.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.frames.weapons import find_weapons, weapon_group, weapon_kinds, weapon_uses
from claimdiff.models import Claim, Role, Source, Span, Weapon
from claimdiff.schema import load_schema
from claimdiff.sources import Registry

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


# A user's sources file (``--sources FILE``): an armed group the default registry
# does not know, speaking for a party of its own.
USER_SOURCES = """
sources:
  - {id: free-hawks, name: Free Hawks Brigade, party: rebels, kind: armed-group}
party_cues:
  rebels: [Free Hawks Brigade]
"""

SPEAKERS = {
    "monitor": Source("monitor", "a monitor", "independent-monitor", "monitor"),
    "ministry": Source("ministry", "the ministry", "syrian-government", "government"),
    "coalition": Source("coalition", "the coalition", "us", "military"),
}


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Registry]:
    path: Path = tmp_path_factory.mktemp("sources") / "sources.yaml"
    path.write_text(USER_SOURCES, encoding="utf-8")
    return {"default": Registry.load(), "user": Registry.load(path)}


def _claim(text: str, speaker: str, roles: tuple[tuple[str, str, str], ...] = ()) -> Claim:
    """A claim whose content is ``text``, with the frames' weapons and ``roles``
    (role, party, trigger words)."""

    def span(words: str) -> Span:
        i = text.index(words)
        return Span(i, i + len(words), words)

    return Claim(
        id="c",
        article_id="a",
        source_id=speaker,
        form="indirect",
        source_mention=None,
        cue=None,
        content=(Span.of(text, 0, len(text)),),
        sentence=Span.of(text, 0, len(text)),
        roles=tuple(Role(r, None, party, span(words)) for r, party, words in roles),
        weapons=tuple(find_weapons(text)),
    )


@pytest.mark.parametrize(
    ("registry", "speaker", "text", "roles", "expected"),
    [
        # the response's weapon, its user named before it
        (
            "default",
            "monitor",
            "US forces responded with artillery fire after the base was attacked",
            (),
            (True, "us", "unknown"),
        ),
        # used on a party: the party named where it landed, or the one target role
        (
            "default",
            "monitor",
            "US troops at the base were attacked by rockets",
            (),
            (False, "unknown", "us"),
        ),
        (
            "default",
            "monitor",
            "rockets slammed into an outpost used by US troops",
            (),
            (False, "unknown", "us"),
        ),
        (
            "default",
            "monitor",
            "the outpost came under attack by rockets",
            (("target", "syrian-government", "the outpost"),),
            (False, "unknown", "syrian-government"),
        ),
        (
            "default",
            "monitor",
            "Turkish drones struck the village",
            (),
            (False, "turkey", "unknown"),
        ),
        # a response with no user named, a non-belligerent speaker: unknown
        (
            "default",
            "monitor",
            "the troops hit the firing point with counter-battery artillery fire",
            (),
            (True, "unknown", "unknown"),
        ),
        # a belligerent's own weapon, and one it names without a user (used on it)
        (
            "default",
            "ministry",
            "its artillery pounded the hideouts",
            (),
            (False, "syrian-government", "unknown"),
        ),
        (
            "default",
            "ministry",
            "mortar rounds were fired from the hills to the south",
            (),
            (False, "unknown", "syrian-government"),
        ),
        ("default", "coalition", "our forces responded with drones", (), (True, "us", "unknown")),
        # an actor only the user's sources file names: its party, not unknown
        (
            "user",
            "monitor",
            "Free Hawks Brigade drones struck the village",
            (),
            (False, "rebels", "unknown"),
        ),
        (
            "default",
            "monitor",
            "Free Hawks Brigade drones struck the village",
            (),
            (False, "unknown", "unknown"),
        ),
        (
            "user",
            "monitor",
            "mortar rounds slammed into a checkpoint held by the Free Hawks Brigade",
            (),
            (False, "unknown", "rebels"),
        ),
    ],
)
def test_weapon_uses(
    registries: dict[str, Registry],
    registry: str,
    speaker: str,
    text: str,
    roles: tuple[tuple[str, str, str], ...],
    expected: tuple[bool, str, str],
) -> None:
    (w,) = weapon_uses(_claim(text, speaker, roles), SPEAKERS[speaker], registries[registry])
    assert (w.response, w.user, w.target) == expected


def test_weapon_json_round_trip_and_older_files() -> None:
    import jsonschema

    w = Weapon("drone", Span(3, 9, "drones"), response=True, user="rebels", target="us")
    schema = load_schema()
    weapon_schema = {"$defs": schema["$defs"], **schema["$defs"]["weapon"]}
    jsonschema.validate(w.to_json(), weapon_schema)
    assert Weapon.from_json(w.to_json()) == w
    # a claimdiff.json written before the use fields still loads, as unknown
    old = {"kind": "drone", "span": {"start": 3, "end": 9, "text": "drones"}}
    jsonschema.validate(old, weapon_schema)
    assert Weapon.from_json(old) == Weapon("drone", Span(3, 9, "drones"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**old, "user": ""}, weapon_schema)
