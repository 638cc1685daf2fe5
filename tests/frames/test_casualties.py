"""Casualty figures: category, victim group, interval and conservative figure.

Seed rows check every casualty figure in corpora/syria-seeds (each text is
asserted to be in the seed article, so the rows cannot drift from the
corpus); general rows are written in the style of conflict reporting.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdiff.frames.casualties import find_casualties, group_ancestors, victim_group
from claimdiff.sources import Registry

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "syria-seeds"

Fig = tuple[
    str, str | None, int | None, int | None, int | None
]  # category, group, low, high, conservative


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


def figures(text: str, reg: Registry, party: str | None = None) -> list[Fig]:
    return [
        (c.category, c.group, c.low, c.high, c.conservative)
        for c in find_casualties(text, 0, reg, party)
    ]


# (seed file prefix, text as it stands in the article, expected figures)
SEED_ROWS: list[tuple[str, str, list[Fig]]] = [
    ("000", "No US personnel were injured", [("injured", "us-forces", 0, 0, 0)]),
    # SANA's victims are not named: no group, so they are never compared with "US personnel"
    (
        "000",
        "US forces attacked a checkpoint, killing one and injuring two",
        [("killed", None, 1, 1, 1), ("injured", None, 2, 2, 2)],
    ),
    ("000", "The US is not yet able to confirm Syrian casualties", []),
    (
        "000",
        "The US maintains less than 1,000 troops in Syria currently to fight remnants of ISIS",
        [],
    ),
    (
        "003",
        (
            "conducted air and artillery strikes against pro-regime forces in Syria on Wednesday, killing over 100 "
            "pro-regime fighters"
        ),
        [("killed", "pro-regime-forces", 101, None, 101)],
    ),
    (
        "003",
        "We estimate more than 100 Syrian pro-regime forces were killed while engaging",
        [("killed", "pro-regime-forces", 101, None, 101)],
    ),
    (
        "003",
        (
            "no coalition or US personnel had been killed or wounded in the engagement but that one member of the "
            "Syrian Democratic Forces was wounded"
        ),
        [
            ("killed", "coalition-forces", 0, 0, 0),
            ("injured", "coalition-forces", 0, 0, 0),
            ("injured", "sdf", 1, 1, 1),
        ],
    ),
    (
        "003",
        "Some 500 pro-regime troops carried out the attack using artillery, mortar fire and Russian-made tanks",
        [],
    ),
    (
        "003",
        (
            "The US maintains about 2,000 troops in Syria, who mostly work with the over 50,000-strong Syrian "
            "Democratic Forces"
        ),
        [],
    ),
    (
        "004",
        (
            "Hundreds of pro-regime militiamen and Russian mercenaries were killed in US airstrikes in Deir az-Zour "
            "in February"
        ),
        [("killed", "pro-regime-forces", 200, 999, 100)],
    ),
    ("004", "but there have been no reports of casualties on either side", []),
    (
        "004",
        "An American and British soldier were killed in a blast in the northern town of Manbij last week",
        [("killed", "us-forces", 1, 1, 1), ("killed", "uk-forces", 1, 1, 1)],
    ),
]


@pytest.mark.parametrize(("doc", "text", "expected"), SEED_ROWS)
def test_seed_casualties(doc: str, text: str, expected: list[Fig], reg: Registry) -> None:
    (path,) = SEEDS.glob(f"{doc}_*.txt")
    assert text in path.read_text(encoding="utf-8")
    assert figures(text, reg) == expected


GENERAL_ROWS: list[tuple[str, list[Fig]]] = [
    (
        "An airstrike killed at least 12 civilians, including five children, in Idlib province.",
        [("killed", "civilians", 12, None, 12), ("killed", "children", 5, 5, 5)],
    ),
    (
        "Three soldiers were killed and five wounded when their convoy hit a mine.",
        [("killed", None, 3, 3, 3), ("injured", None, 5, 5, 5)],
    ),
    (
        "Two Turkish soldiers were killed and three others injured in the shelling.",
        [("killed", "turkish-forces", 2, 2, 2), ("injured", "turkish-forces", 3, 3, 3)],
    ),
    ("A car bomb killed seven people in Azaz.", [("killed", None, 7, 7, 7)]),
    # fighters of no named side are combatants (not civilians), not an unknown group
    ("Dozens of fighters were killed in the clashes.", [("killed", "combatants", 24, 99, 12)]),
    ("Scores of civilians were wounded.", [("injured", "civilians", 40, 199, 40)]),
    ("Hundreds of ISIS militants were captured.", [("captured", "isis", 200, 999, 100)]),
    ("The death toll rose to 45.", [("killed", None, 45, 45, 45)]),
    (
        "There were no casualties among the Turkish soldiers.",
        [("killed", "turkish-forces", 0, 0, 0), ("injured", "turkish-forces", 0, 0, 0)],
    ),
    (
        "The monitor said 23 pro-government fighters and 11 jihadists had died.",
        [("killed", "pro-regime-forces", 23, 23, 23), ("killed", "isis", 11, 11, 11)],
    ),
    ("US troops were not injured in the attack.", [("injured", "us-forces", 0, 0, 0)]),
    ("No one was hurt.", [("injured", None, 0, 0, 0)]),
    ("Nearly 50 Syrian soldiers were reportedly killed.", [("killed", "syrian-army", 45, 49, 45)]),
    (
        "About 30 Russian contractors were killed or wounded.",
        [],
    ),  # killed-or-wounded is neither category
    (
        "Twenty-five villagers, among them women, have been killed since Monday.",
        [("killed", "civilians", 25, 25, 25)],
    ),
    (
        "The strikes left 3 people dead and 12 injured.",
        [("killed", None, 3, 3, 3), ("injured", None, 12, 12, 12)],
    ),
    ("Two members of the SDF went missing after the ambush.", [("missing", "sdf", 2, 2, 2)]),
    ("Gunmen kidnapped four aid workers near the border.", [("captured", "aid-workers", 4, 4, 4)]),
    (
        "More than 1,200 people have been killed since the offensive began.",
        [("killed", None, 1201, None, 1201)],
    ),
    ("Between 20 and 30 rebels were killed.", [("killed", "rebels", 20, 30, 20)]),
    (
        "Up to 15 Iranian-backed fighters may have died.",
        [],
    ),  # "may have died" is not reported as happened
    (
        "Up to 15 Iranian-backed fighters were killed.",
        [("killed", "iranian-backed-forces", 1, 15, None)],
    ),
    # casualty words of state and military media
    ("Three soldiers were martyred in the shelling.", [("killed", None, 3, 3, 3)]),
    (
        "The ministry said six terrorists had been “neutralised” near the border.",
        [("killed", "combatants", 6, 6, 6)],
    ),
    ("Troops neutralized two gunmen at the checkpoint.", [("killed", "combatants", 2, 2, 2)]),
    ("The blast claimed the lives of five villagers.", [("killed", "civilians", 5, 5, 5)]),
    ("A man succumbed to his injuries in hospital.", [("killed", None, 1, 1, 1)]),
    # a phrase between the victims and the verb
    (
        "Two civilians riding in the minibus had been killed.",
        [("killed", "civilians", 2, 2, 2)],
    ),
    (
        "Four farmers, who were working in their fields, were wounded.",
        [("injured", "civilians", 4, 4, 4)],
    ),
    # a family's members are civilians, whatever side's weapon killed them
    (
        "Five members of one family were killed when a shell struck their home.",
        [("killed", "civilians", 5, 5, 5)],
    ),
    (
        "The death toll from an air strike on a market in the town rose to 14.",
        [("killed", None, 14, 14, 14)],
    ),
    ("The death toll has risen to nine.", [("killed", None, 9, 9, 9)]),
    # fighters of no named side
    ("The raid killed three militants.", [("killed", "combatants", 3, 3, 3)]),
    ("No fighters were killed.", [("killed", "combatants", 0, 0, 0)]),
    # "including a commander" is one of the figure, not one more death
    (
        "The strike killed five fighters, including a senior commander.",
        [("killed", "combatants", 5, 5, 5)],
    ),
    # "occupation soldiers": the troops of the foreign party the claim names
    (
        "Two occupation soldiers were wounded as Turkish drones circled overhead.",
        [("injured", "turkish-forces", 2, 2, 2)],
    ),
    ("Two occupation soldiers were wounded.", [("injured", None, 2, 2, 2)]),
    # "occupying" after the victims is what they did, not whose troops they are
    (
        "A US-led coalition air raid killed six fighters occupying a factory.",
        [("killed", "combatants", 6, 6, 6)],
    ),
    # "harmed" is killed or wounded: a zero is a zero of both, another figure of neither
    (
        "No civilians were harmed in the strike.",
        [("killed", "civilians", 0, 0, 0), ("injured", "civilians", 0, 0, 0)],
    ),
    (
        "Civilians were not harmed.",
        [("killed", "civilians", 0, 0, 0), ("injured", "civilians", 0, 0, 0)],
    ),
    ("Two civilians were harmed.", []),
    # "there were no injuries": a zero figure, no group without a speaker
    ("There were no injuries.", [("injured", None, 0, 0, 0)]),
    ("Hospitals reported 12 injuries.", [("injured", None, 12, 12, 12)]),
    # troop strengths, vehicles and other numbers are not casualties
    ("The Pentagon deployed about 2,000 troops to the area.", []),
    ("Russia keeps fewer than 5,000 soldiers in Syria.", []),
    ("Two tanks were destroyed and three villages captured.", []),
    ("The convoy of 40 vehicles was attacked.", []),
    ("A US soldier stands in an armoured personnel carrier.", []),
]


@pytest.mark.parametrize(("text", "expected"), GENERAL_ROWS)
def test_general_casualties(text: str, expected: list[Fig], reg: Registry) -> None:
    assert figures(text, reg) == expected


def test_first_person_victims_are_the_speakers_side(reg: Registry) -> None:
    assert figures("Two of our soldiers were wounded.", reg, party="us") == [
        ("injured", "us-forces", 2, 2, 2)
    ]
    # a non-belligerent speaker's "our" names no side
    assert figures("Two of our soldiers were wounded.", reg, party=None) == [
        ("injured", None, 2, 2, 2)
    ]


# (speaker's party, text, expected): "occupation troops" are the foreign party named nearest
# the victims, never the speaker's own ally.
OCCUPIER_ROWS: list[tuple[str | None, str, list[Fig]]] = [
    (
        "syrian-government",
        "Iranian advisers toured the front before three occupation troops died in a blast.",
        [("killed", None, 3, 3, 3)],
    ),
    (
        "syrian-government",
        "Russian patrols passed the base as US jets flew over and three occupation troops died.",
        [("killed", "us-forces", 3, 3, 3)],
    ),
    (
        None,
        "Turkish drones hit the road hours after three occupation troops died near US jets.",
        [("killed", "us-forces", 3, 3, 3)],
    ),
]


@pytest.mark.parametrize(("party", "text", "expected"), OCCUPIER_ROWS)
def test_occupier_is_nearest_foreign_party_not_an_ally(
    party: str | None, text: str, expected: list[Fig], reg: Registry
) -> None:
    assert figures(text, reg, party=party) == expected


def test_a_belligerents_no_injuries_are_its_own(reg: Registry) -> None:
    assert figures("There were no injuries.", reg, party="us") == [
        ("injured", "us-forces", 0, 0, 0)
    ]
    assert figures("There were no casualties.", reg, party="turkey") == [
        ("killed", "turkish-forces", 0, 0, 0),
        ("injured", "turkish-forces", 0, 0, 0),
    ]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("militants", "combatants"),
        ("armed men", "combatants"),
        ("ISIS militants", "isis"),  # a named side wins over the generic word
        ("US personnel", "us-forces"),
        ("Syrian pro-regime forces", "pro-regime-forces"),
        ("member of the Syrian Democratic Forces", "sdf"),
        ("pro-regime militiamen and Russian mercenaries", "pro-regime-forces"),
        ("coalition or US personnel", "coalition-forces"),
        ("Russian soldiers", "russian-forces"),
        ("Kurdish fighters", "sdf"),
        ("children", "children"),
        ("US aid workers", "aid-workers"),
        ("American civilians", "civilians"),
        ("American", "us-forces"),
        ("civilians", "civilians"),
        ("people", None),
        ("soldiers", None),
    ],
)
def test_victim_group(words: str, expected: str | None, reg: Registry) -> None:
    assert victim_group(words, reg) == expected


def test_group_hierarchy() -> None:
    assert group_ancestors("us-forces") == ["us-forces", "coalition-forces"]
    assert group_ancestors("russian-contractors") == ["russian-contractors", "pro-regime-forces"]
    assert group_ancestors("children") == ["children", "civilians"]


def test_span_and_offset(reg: Registry) -> None:
    (c,) = find_casualties("x. No US personnel were injured", 100, reg)
    assert (c.span.start, c.span.end, c.span.text) == (103, 131, "No US personnel were injured")
