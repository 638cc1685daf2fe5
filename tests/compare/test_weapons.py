"""The weapons aspect on hand-built claims: the table, denials, and the guards."""

from __future__ import annotations

import random
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from claimdiff.compare.weapons import kind_rule, read_weapons
from claimdiff.frames import weapon_uses
from claimdiff.models import Article, Claim, Incident, Span, Weapon
from claimdiff.sources import Registry

from .test_detectors import SOURCES, run
from .test_detectors import claim as base_claim


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return Registry.load()


def framed(c: Claim) -> Claim:
    """``c`` with whose its weapons are, as the frames step reads it (default registry)."""
    return replace(c, weapons=weapon_uses(c, SOURCES[c.source_id], _registry()))


def claim(
    cid: str,
    source: str,
    text: str,
    weapons: tuple[tuple[str, str], ...],
    *,
    event_types: tuple[str, ...] = ("attack",),
    times: tuple[tuple[str, str], ...] = (),
    roles: tuple[tuple[str, str, str], ...] = (),
) -> Claim:
    """A claim whose content is ``text``, naming ``weapons`` (kind, words)."""
    c = base_claim(cid, source, text, event_types=event_types, times=times, roles=roles)
    found = []
    for kind, words in weapons:
        i = text.index(words)
        found.append(Weapon(kind, Span(i, i + len(words), words)))
    return framed(replace(c, weapons=tuple(found)))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("artillery", "artillery", ("same", "")),
        ("shelling", "mortar", ("same", "")),  # "shells" may be mortar rounds
        ("rocket", "missile", ("same", "")),
        ("aircraft", "barrel_bomb", ("same", "")),
        ("airstrike", "drone", ("same", "")),  # an air strike may be a drone's
        ("artillery", "mortar", ("diverges", "low")),
        ("tank", "artillery", ("diverges", "low")),
        ("aircraft", "drone", ("diverges", "low")),
        # air and ground fire are routinely combined: partial accounts unless ruled out
        ("aircraft", "artillery", ("diverges", "low")),
        ("car_bomb", "drone", ("contradicts", "medium")),
        ("chemical", "barrel_bomb", ("diverges", "medium")),  # chlorine is dropped in barrel bombs
        ("small_arms", "artillery", None),  # gunfire goes with every clash: not compared
        ("cluster", "aircraft", None),
    ],
)
def test_kind_rule(a: str, b: str, expected: tuple[str, str] | None) -> None:
    assert kind_rule(a, b) == expected
    assert kind_rule(b, a) == expected


@pytest.mark.parametrize(
    ("text", "words", "reading"),
    [
        ("a chlorine attack hit the town", "chlorine", "asserted"),
        ("no chemical weapons were used in the town", "chemical weapons", "denied"),
        ("the army did not use chemical weapons", "chemical weapons", "denied"),
        ("the ministry denied that its forces used chlorine", "chlorine", "denied"),
        ("its forces have never used barrel bombs", "barrel bombs", "denied"),
        ("the chemical attack in the town was staged", "chemical attack", "denied"),
        ("the alleged chemical attack hit the town", "chemical attack", "neither"),
        ("it was investigating whether chlorine was used", "chlorine", "neither"),
        ("it could not confirm that chlorine was used", "chlorine", "neither"),
        ("there were reports of a sarin attack", "sarin", "neither"),
        ("rebels used chlorine, not artillery", "chlorine", "asserted"),
    ],
)
def test_read_weapons(text: str, words: str, reading: str) -> None:
    r = read_weapons(claim("c", "sohr", text, (("chemical", words),)))
    got = "asserted" if r.asserted else "denied" if r.denied else "neither"
    assert got == reading


def test_denied_chemical_weapons_contradict_with_evidence_and_explanation() -> None:
    a = claim("c1", "sohr", "a chlorine gas attack hit the town", (("chemical", "chlorine gas"),))
    b = claim(
        "c2",
        "sana",
        "no chemical weapons were used in the town",
        (("chemical", "chemical weapons"),),
    )
    (k,) = run(a, b)
    assert (k.type, k.relation, k.severity) == ("weapons", "contradicts", "high")
    assert k.sides == (("c1",), ("c2",))
    assert [[e.span.text for e in side] for side in k.evidence] == [
        ["chlorine gas"],
        ["no chemical weapons were used"],
    ]
    assert k.explanation == (
        "The Syrian Observatory for Human Rights says the attack used chemical weapons"
        " (“chlorine gas”); SANA says no chemical weapons were used"
        " (“no chemical weapons were used”)."
    )
    # The id depends on incident, aspect and sides, not on the order claims come in.
    claims = [a, b, claim("c3", "snhr", "nothing named here", ())]
    ids = set()
    for _ in range(5):
        random.shuffle(claims)
        ids |= {x.id for x in run(*claims)}
    assert ids == {k.id}


def test_air_vs_ground_diverges_unless_ruled_out_and_kinds_of_one_group_diverge() -> None:
    air = claim("c1", "sohr", "warplanes struck the market", (("aircraft", "warplanes"),))
    ground = claim(
        "c2", "sana", "artillery shells hit the market", (("artillery", "artillery shells"),)
    )
    # air strikes and ground fire are routinely combined: two partial accounts
    (k,) = run(air, ground)
    assert (k.type, k.relation, k.severity) == ("weapons", "diverges", "low")
    assert "says the attack used aircraft (“warplanes”)" in k.explanation
    # "only artillery" rules the aircraft out
    only = claim(
        "c2",
        "sana",
        "the market was hit only by artillery shells",
        (("artillery", "artillery shells"),),
    )
    (k,) = run(air, only)
    assert (k.type, k.relation, k.severity) == ("weapons", "contradicts", "medium")
    mortar = claim("c3", "sana", "mortar rounds hit the market", (("mortar", "mortar rounds"),))
    (d,) = run(framed(replace(ground, source_id="snhr")), mortar)
    assert (d.type, d.relation, d.severity) == ("weapons", "diverges", "low")


def test_conventional_excludes_chemical_beside_a_shared_weapon() -> None:
    a = claim(
        "c1",
        "sohr",
        "warplanes dropped chlorine on the town",
        (("aircraft", "warplanes"), ("chemical", "chlorine")),
    )
    b = claim(
        "c2",
        "sana",
        "the warplanes used conventional munitions",
        (("aircraft", "warplanes"), ("conventional", "conventional munitions")),
    )
    (k,) = run(a, b)
    assert (k.relation, k.severity) == ("contradicts", "high")
    assert {e.span.text for side in k.evidence for e in side} == {
        "chlorine",
        "conventional munitions",
    }


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same side restating itself
        (
            ("sana", "militants fired mortar shells at the town", (("mortar", "mortar shells"),)),
            ("sana", "warplanes struck the town", (("aircraft", "warplanes"),)),
        ),
        # one side silent on the weapon
        (
            ("sohr", "a drone strike hit the car", (("drone", "drone strike"),)),
            ("sana", "two militants were killed near the town", ()),
        ),
        # a shared weapon: the rest is detail
        (
            (
                "sohr",
                "drones and artillery struck the village",
                (("drone", "drones"), ("artillery", "artillery")),
            ),
            ("sana", "artillery shelled the village", (("artillery", "artillery"),)),
        ),
        # the payload left unstated is not denied
        (
            (
                "sohr",
                "barrel bombs filled with chlorine",
                (("barrel_bomb", "barrel bombs"), ("chemical", "chlorine")),
            ),
            ("sana", "barrel bombs fell on the district", (("barrel_bomb", "barrel bombs"),)),
        ),
        # small arms beside heavier weapons
        (
            ("sohr", "the patrol came under small arms fire", (("small_arms", "small arms fire"),)),
            ("sana", "helicopters attacked the village", (("aircraft", "helicopters"),)),
        ),
        # a denial of an ordinary weapon denies the event: the confirmation aspect's matter
        (
            ("sohr", "jets bombed the village", (("aircraft", "jets"),)),
            ("sana", "it did not use aircraft in the area", (("aircraft", "aircraft"),)),
        ),
    ],
)
def test_not_flagged(
    a: tuple[str, str, tuple[tuple[str, str], ...]], b: tuple[str, str, tuple[tuple[str, str], ...]]
) -> None:
    flags = run(claim("c1", *a), claim("c2", *b))
    assert [k for k in flags if k.type == "weapons"] == []


def test_guards_time_family_and_different_shooters() -> None:
    air = claim(
        "c1",
        "sohr",
        "warplanes struck the town in 2016",
        (("aircraft", "warplanes"),),
        times=(("2016", "2016"),),
    )
    ground = claim(
        "c2",
        "sana",
        "artillery shelled the town in 2019",
        (("artillery", "artillery"),),
        times=(("2019", "2019"),),
    )
    assert run(air, ground) == []  # different years
    moved = claim(
        "c3",
        "sohr",
        "warplanes struck the convoy",
        (("aircraft", "warplanes"),),
        event_types=("withdrawal",),
    )
    shelled = claim("c4", "sana", "artillery hit the convoy", (("artillery", "artillery"),))
    assert run(moved, shelled) == []  # no event family in common
    # The attack and the response: each claim names a different party that fired.
    attack = claim(
        "c5",
        "sohr",
        "regime troops attacked with artillery",
        (("artillery", "artillery"),),
        roles=(("initiator", "syrian-government", "attacked"),),
    )
    response = claim(
        "c6",
        "sana",
        "the coalition responded with air strikes",
        (("airstrike", "air strikes"),),
        roles=(("responder", "us", "responded"),),
    )
    assert run(attack, response) == []
    # Without the roles, a weapon of the response is still the responder's, not
    # the attack's: not compared (held-out review B3) ...
    unnamed = framed(replace(response, roles=()))
    assert run(attack, unnamed) == []
    # ... while the same weapon told as the event itself is compared.
    plain = claim(
        "c7", "sana", "coalition air strikes hit the town", (("airstrike", "air strikes"),)
    )
    assert [k.type for k in run(attack, plain)] == ["weapons"]


@pytest.mark.parametrize(
    ("text", "weapons", "kept"),
    [
        # A munition fired by a carrier the claim names is the carrier's: one weapon.
        (
            "helicopters fired two missiles at the farm",
            (("aircraft", "helicopters"), ("missile", "missiles")),
            ["aircraft"],
        ),
        (
            "a missile launched from a drone struck the van",
            (("missile", "missile"), ("drone", "drone")),
            ["drone"],
        ),
        (
            "a drone launched rockets at the post",
            (("drone", "drone"), ("rocket", "rockets")),
            ["drone"],
        ),
        # Two weapons side by side stay two.
        (
            "drones and rockets struck the base",
            (("drone", "drones"), ("rocket", "rockets")),
            ["drone", "rocket"],
        ),
        (
            "rockets hit the base and warplanes bombed the hills",
            (("rocket", "rockets"), ("aircraft", "warplanes")),
            ["aircraft", "rocket"],
        ),
    ],
)
def test_a_munition_and_its_carrier_are_one_weapon(
    text: str, weapons: tuple[tuple[str, str], ...], kept: list[str]
) -> None:
    r = read_weapons(claim("c", "sana", text, weapons))
    assert sorted(k for k, _ in r.asserted) == kept


@pytest.mark.parametrize(
    ("text", "words", "response", "actor", "against"),
    [
        (
            "US forces responded with artillery fire after the base was attacked",
            "artillery",
            True,
            "us",
            "unknown",
        ),
        (
            "US troops at the base were attacked by rockets",
            "rockets",
            False,
            "unknown",
            "us",
        ),
        ("US forces came under attack by rockets overnight", "rockets", False, "unknown", "us"),
        ("rockets slammed into an outpost used by US troops", "rockets", False, "unknown", "us"),
        ("US warplanes bombed the launch site in response", "warplanes", True, "us", "unknown"),
        ("Turkish drones struck the village", "drones", False, "turkey", "unknown"),
        (
            "the troops hit the firing point with counter-battery artillery fire",
            "artillery",
            True,
            "unknown",
            "unknown",
        ),
    ],
)
def test_whose_weapon(text: str, words: str, response: bool, actor: str, against: str) -> None:
    kind = {
        "artillery": "artillery",
        "rockets": "rocket",
        "warplanes": "aircraft",
        "drones": "drone",
    }[words]
    r = read_weapons(claim("c", "sohr", text, ((kind, words),)))
    assert r.uses and (r.uses[0].response, r.uses[0].actor, r.uses[0].against) == (
        response,
        actor,
        against,
    )


# A user's sources file (``--sources FILE``): an armed group the default registry
# does not know, with a party of its own.
USER_SOURCES = """
sources:
  - {id: free-hawks, name: Free Hawks Brigade, party: rebels, kind: armed-group}
party_cues:
  rebels: [Free Hawks Brigade]
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("user_sources", "user", "flags"),
    [
        # The drones are the group's own and the artillery was used on it: two
        # parties' weapons, not two accounts of one attack's.
        (True, "rebels", []),
        # Without the sources file the drones' user is unknown and they are compared.
        (False, "unknown", [("weapons", "diverges")]),
    ],
)
def test_a_user_sources_file_names_whose_weapon_it_is(
    tmp_path: Path, user_sources: bool, user: str, flags: list[tuple[str, str]]
) -> None:
    from claimdiff.compare import find_contradictions
    from claimdiff.config import Config
    from claimdiff.pipeline import extract_articles

    path = tmp_path / "sources.yaml"
    path.write_text(USER_SOURCES, encoding="utf-8")
    registry = Registry.load(path if user_sources else None)
    texts = {
        "a": "SANA said Free Hawks Brigade drones struck the village of Kafr Sayf on Monday.",
        "b": (
            "The Syrian Observatory for Human Rights said Free Hawks Brigade fighters came "
            "under attack by artillery in the village of Kafr Sayf on Monday."
        ),
    }
    articles = [
        Article(id=f"a-{k}", path=f"{k}.txt", text=t, published="2024-03-04")
        for k, t in texts.items()
    ]
    claims, sources, _ = extract_articles(articles, registry, Config())
    incident = Incident(
        id="i-test",
        title="test",
        claim_ids=tuple(c.id for c in claims),
        article_ids=tuple(a.id for a in articles),
    )
    claims = [replace(c, incident_id=incident.id) for c in claims]
    (drones,) = [c for c in claims if c.source_id == "sana"]
    assert [(u.actor, u.response) for u in read_weapons(drones).uses] == [(user, False)]
    got = find_contradictions([incident], claims, sources)
    assert [(k.type, k.relation) for k in got] == flags


@pytest.mark.parametrize(
    ("place_a", "place_b", "flagged"),
    [
        ("Tell Hamra", "Tell Hamra", True),  # one strike, two accounts of the weapon
        ("Tell Hamra", None, True),  # one side does not say where: may be the same strike
        ("Tell Hamra", "Ain Sawda", False),  # two strikes of the incident, one in each place
    ],
)
def test_weapons_told_for_different_places_are_not_compared(
    place_a: str, place_b: str | None, flagged: bool
) -> None:
    a = claim("c1", "sohr", "a drone strike hit the market", (("drone", "drone strike"),))
    b = claim("c2", "sana", "a car bomb exploded at the market", (("car_bomb", "car bomb"),))
    a = replace(a, places=(place_a,))
    b = replace(b, places=(place_b,) if place_b else ())
    assert bool([k for k in run(a, b) if k.type == "weapons"]) == flagged


def test_a_place_named_elsewhere_in_the_run_counts_where_a_claim_names_it_bare() -> None:
    a = claim(
        "c1", "sohr", "a drone strike hit the market in Tell Hamra", (("drone", "drone strike"),)
    )
    b = claim(
        "c2", "sana", "a car bomb exploded at the market in Ain Sawda", (("car_bomb", "car bomb"),)
    )
    a = replace(a, places=("Tell Hamra",))  # b's frames did not see its place
    flagged = [k for k in run(a, b) if k.type == "weapons"]
    assert flagged  # b may be telling a's strike
    # another claim of the run gives "Ain Sawda" as a place ("the village of Ain Sawda")
    village = replace(claim("c3", "sohr", "the village of Ain Sawda", ()), places=("Ain Sawda",))
    assert not [k for k in run(a, b, village) if k.type == "weapons"]


@pytest.mark.parametrize(
    ("day", "flagged"),
    [
        (None, False),  # nothing ties the car bomb to the drone strike rather than the shelling
        ("on Monday", True),  # both give the day: one attack, two weapons
    ],
)
def test_an_exchange_compares_weapons_only_where_a_place_or_day_ties_the_claims(
    day: str | None, flagged: bool
) -> None:
    times = (("2021-03-08", day),) if day else ()

    def told(cid: str, source: str, text: str, weapon: tuple[str, str]) -> Claim:
        return claim(cid, source, f"{text} {day or 'near the town'}", (weapon,), times=times)

    drone = told("c1", "sohr", "Turkish drones struck a car", ("drone", "drones"))
    bomb = told("c3", "sana", "a car bomb exploded on the road", ("car_bomb", "car bomb"))
    shelling = claim(
        "c2",
        "sohr",
        "SDF fighters shelled the village with artillery",
        (("artillery", "artillery"),),
    )
    users = {w.user for c in (drone, shelling) for w in c.weapons}
    assert users == {"turkey", "sdf"}  # two named users: an exchange
    found = [k for k in run(drone, shelling, bomb) if k.type == "weapons"]
    assert bool(found) == flagged
