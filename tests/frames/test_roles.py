"""Roles (initiator / responder / target) in active and passive voice.  Needs spaCy."""

from __future__ import annotations

import pytest

from claimdiff.frames.events import find_event_types, is_violent
from claimdiff.frames.roles import find_roles
from claimdiff.models import Source

pytestmark = pytest.mark.slow

R = tuple[str, str | None, str]  # role, actor words, actor party

# (text, speaking source's party, expected roles in order)
ROWS: list[tuple[str, str, list[R]]] = [
    # a belligerent's own account: it came under fire and answered
    (
        (
            "After receiving safe passage, the patrol came under small arms fire from individuals in the vicinity of the "
            "checkpoint."
        ),
        "us",
        [
            ("responder", "the patrol", "us"),
            ("initiator", "individuals in the vicinity of the checkpoint", "unknown"),
        ],
    ),
    (
        "Coalition troops returned fire in self-defense.",
        "us",
        [("responder", "Coalition troops", "us")],
    ),
    ("This action was taken in self-defense.", "us", [("responder", None, "us")]),
    ("The unit repelled the assault.", "us", [("responder", "The unit", "us")]),
    # the other side's account: the same forces opened fire / attacked
    (
        "US forces attacked a checkpoint, killing one and injuring two.",
        "syrian-government",
        [("initiator", "US forces", "us"), ("target", "a checkpoint", "syrian-government")],
    ),
    (
        "The members of the US patrol opened several rounds of fire.",
        "syrian-government",
        [("initiator", "The members of the US patrol", "us")],
    ),
    (
        "Forces allied with the Syrian regime initiated an unprovoked attack against an SDF headquarters.",
        "us",
        [
            ("initiator", "Forces allied with the Syrian regime", "syrian-government"),
            ("target", "an SDF headquarters", "sdf"),
        ],
    ),
    # passive voice
    (
        "A convoy of US troops was fired upon near the checkpoint.",
        "us",
        [("target", "A convoy of US troops", "us")],
    ),
    (
        "Kurdish fighters were attacked by Turkish-backed rebels.",
        "unknown",
        [("target", "Kurdish fighters", "sdf"), ("initiator", "Turkish-backed rebels", "turkey")],
    ),
    (
        "SDF forces have come under attack by pro-regime militias.",
        "independent-monitor",
        [
            ("responder", "SDF forces", "sdf"),
            ("initiator", "pro-regime militias", "syrian-government"),
        ],
    ),
    # a relative pronoun stands for its noun, even when the parse does not attach the clause to it
    (
        "A US Navy jet shot down a Syrian regime Su-22 jet last June that had attacked US-backed forces.",
        "press",
        [
            ("initiator", "a Syrian regime Su-22 jet", "syrian-government"),
            ("target", "US-backed forces", "sdf"),
        ],
    ),
    # a weapon is not who fired it, and a day is not a target
    (
        "The patrol came under attack by four rockets on Sunday.",
        "us",
        [("responder", "The patrol", "us")],
    ),
    (
        "The garrison was attacked by a drone at dawn.",
        "us",
        [("target", "The garrison", "us")],
    ),
    # a weapon that names its side still names the actor
    (
        "A Turkish drone attacked a truck near the border.",
        "press",
        [("initiator", "A Turkish drone", "turkey"), ("target", "a truck", "unknown")],
    ),
    # "began its aggression", "responded by": who started it and who answered
    (
        "The invading troops began their aggression before sunrise.",
        "syrian-government",
        [("initiator", "The invading troops", "unknown")],
    ),
    (
        "The militia responded by shelling the base.",
        "press",
        [("responder", "The militia", "unknown")],
    ),
    # negation gives no role
    ("Pro-regime forces that returned across the river had not been targeted.", "us", []),
    ("Russian forces did not attack the base.", "us", []),
    # a speaker's unnamed units are its own only as responder or target, never as initiator
    (
        "The troops that fired on them were uniformed soldiers.",
        "us",
        [("initiator", "The troops", "unknown"), ("target", "them", "unknown")],
    ),
    # an outlet (not a party) names no side for "the patrol"
    ("The patrol came under fire.", "press", [("responder", "The patrol", "unknown")]),
    (
        "We came under fire and responded to the attack.",
        "syrian-government",
        [("responder", "We", "syrian-government"), ("responder", "We", "syrian-government")],
    ),
]


@pytest.mark.parametrize(("text", "party", "expected"), ROWS)
def test_roles(text: str, party: str, expected: list[R], nlp, registry) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    src = Source(id="s", name="speaker", party=party)
    got = [(r.role, r.actor, r.actor_party) for r in find_roles([(0, text)], doc, src, registry)]
    assert got == expected


def test_adjacent_triggers_join_into_one_evidence_span(nlp, registry) -> None:  # type: ignore[no-untyped-def]
    text = "Coalition troops returned fire in self-defense."
    (role,) = find_roles([(0, text)], nlp(text), Source(id="s", name="s", party="us"), registry)
    assert role.span.text == "returned fire in self-defense"
    assert text[role.span.start : role.span.end] == role.span.text


POLITICS = [
    "Trump attacked Machado on Twitter over her weight.",
    "The senator came under fire from Republicans for the remarks.",
    "Clinton returned fire at her rival during the debate.",
    "Republicans in Congress were attacked by the ads.",
    "Attacks on the American homeland have fallen.",
]


@pytest.mark.parametrize("text", POLITICS)
def test_rhetoric_is_not_an_armed_role(text: str, nlp, registry) -> None:  # type: ignore[no-untyped-def]
    violent = is_violent(text, tuple(find_event_types(text)))
    assert (
        find_roles([(0, text)], nlp(text), Source(id="s", name="s", party="us"), registry, violent)
        == []
    )


def test_a_noun_is_not_an_attacking_verb(nlp, registry) -> None:  # type: ignore[no-untyped-def]
    text = "Attacks on US troops in the region have fallen."
    assert find_roles([(0, text)], nlp(text), Source(id="s", name="s", party="us"), registry) == []


# "the militants" / "they" take the side of the nearest earlier mention of the same
# kind that names one; otherwise the actor's side stays unknown.
ANTECEDENTS = [
    # (article text, the claim's content, expected initiator party)
    (
        (
            "The ministry said four PKK terrorists were killed near the town. The militants opened fire at a "
            "guard tower near the frontier, it said."
        ),
        "The militants opened fire at a guard tower near the frontier",
        "pkk",
    ),
    (
        "Russian jets were seen over the valley at dawn. The jets attacked a convoy on the road, residents said.",
        "The jets attacked a convoy on the road",
        "russia",
    ),
    (
        "SDF fighters patrolled the area on Monday. They opened fire on a Turkish post, the ministry said.",
        "They opened fire on a Turkish post",
        "sdf",
    ),
    # another kind of actor before: no side for "the militants"
    (
        "Turkish troops shelled the village. The militants had attacked a guard tower, the ministry said.",
        "The militants had attacked a guard tower",
        "unknown",
    ),
    # no article: not a back-reference
    (
        "Four PKK terrorists were killed. Militants opened fire on a border post, the ministry said.",
        "Militants opened fire on a border post",
        "unknown",
    ),
    # too far back
    (
        (
            "PKK terrorists were active in the area. The army sent reinforcements. Roads were closed. Schools shut. "
            "The militants opened fire on a post, the ministry said."
        ),
        "The militants opened fire on a post",
        "unknown",
    ),
]


@pytest.mark.parametrize(("text", "content", "party"), ANTECEDENTS)
def test_actor_side_from_an_earlier_mention(
    text: str, content: str, party: str, nlp, registry
) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    source = Source("ministry", "Turkish Defence Ministry", party="turkey")
    roles = find_roles([(text.index(content), content)], doc, source, registry)
    initiators = [r for r in roles if r.role == "initiator"]
    assert initiators, roles
    assert initiators[0].actor_party == party
