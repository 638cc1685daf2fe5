"""One denial, one flag; a party denying its own part disputes who did it.

Hand-built claims (no parser): the own-act reading, the ``identity`` finding it
gives against a side that names that party, and the merge of findings that
several aspects read from one denial.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimdiff.compare import (
    DENIAL_READERS,
    find_contradictions,
    merge_denials,
)
from claimdiff.compare.common import own_act_denial
from claimdiff.models import Claim, Contradiction, EvidenceSpan, Incident, Source, Span, Weapon

from .test_detectors import SOURCES
from .test_detectors import claim as base_claim

TURKEY = Source("tr-mod", "Turkish Defence Ministry", "turkey", "military")
RUSSIA = Source("ru-mod", "Russian Defence Ministry", "russia", "military")
ALL_SOURCES = {**SOURCES, "tr-mod": TURKEY, "ru-mod": RUSSIA}


def claim(
    cid: str,
    source: str,
    text: str,
    *,
    weapons: tuple[tuple[str, str, str], ...] = (),
    form: str = "indirect",
    event_types: tuple[str, ...] = ("attack",),
    roles: tuple[tuple[str, str, str], ...] = (),
) -> Claim:
    """A claim of ``text`` naming ``weapons`` (kind, words, user party)."""
    c = base_claim(cid, source, text, form=form, event_types=event_types, roles=roles)
    found = []
    for kind, words, user in weapons:
        i = text.index(words)
        found.append(Weapon(kind, Span(i, i + len(words), words), user=user))
    return replace(c, weapons=tuple(found))


def run(*claims: Claim) -> list[Contradiction]:
    inc = Incident(
        "i-test", "test", tuple(c.id for c in claims), tuple(sorted({c.article_id for c in claims}))
    )
    return find_contradictions([inc], list(claims), ALL_SOURCES)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Ankara denied carrying out the strike", "denied carrying out the strike"),
        (
            "Ankara denied carrying out any airstrikes in the area",
            "denied carrying out any airstrikes",
        ),
        (
            "the ministry denied that its jets carried out the raid",
            "denied that its jets carried out the raid",
        ),
        (
            "the ministry denied responsibility for the attack",
            "denied responsibility for the attack",
        ),
        (
            "the ministry denied any involvement in the bombing",
            "denied any involvement in the bombing",
        ),
        ("officials denied it was behind the bombing", "denied it was behind the bombing"),
        (
            "the ministry rejected reports that its aircraft had struck the hospital",
            "rejected reports that its aircraft had struck the hospital",
        ),
        ("the army denied using chemical weapons", "denied using chemical weapons"),
        # not the speaker's act: the event itself is denied
        ("the agency denied that its convoy was attacked", None),  # a passive
        ("the ministry denied that any strike took place", None),
        ("the ministry denied that any chemical weapons were used", None),
        ("the army denied that the town hit by its artillery was held by rebels", None),
        ("the ministry denied that it was planning to withdraw", None),
        # not a denial
        ("the ministry could not confirm that its jets carried out the raid", None),
        ("the ministry said its jets carried out the raid", None),
    ],
)
def test_own_act_denial(text: str, words: str | None) -> None:
    found = own_act_denial(claim("c", "tr-mod", text))
    assert (found.text if found else None) == words


def test_a_denying_party_named_as_actor_is_an_identity_finding() -> None:
    report = claim(
        "c1",
        "sohr",
        "Turkish jets struck the village",
        weapons=(("aircraft", "jets", "turkey"),),
        event_types=("airstrike",),
    )
    denial = claim("c2", "tr-mod", "Ankara denied carrying out the strike", form="denial")
    (k,) = run(report, denial)
    assert (k.type, k.relation, k.severity) == ("identity", "contradicts", "high")
    assert k.sides == (("c1",), ("c2",))
    assert k.parties == ("independent-monitor", "turkey")
    assert [[e.span.text for e in side] for side in k.evidence] == [
        ["Turkish jets"],
        ["denied carrying out the strike"],
    ]
    assert k.explanation == (
        "The Syrian Observatory for Human Rights says Turkish forces carried it out"
        " (“Turkish jets”); the Turkish Defence Ministry denies responsibility"
        " (“denied carrying out the strike”)."
    )


@pytest.mark.parametrize(
    ("report_text", "weapons", "roles", "expected"),
    [
        # the party named by its role: "Turkish soldiers opened fire"
        (
            "Turkish soldiers opened fire on protesters",
            (),
            (("initiator", "turkey", "opened fire"),),
            [("identity", "contradicts")],
        ),
        # another party named: Russia did not deny anything about it
        ("Russian jets struck the village", (("aircraft", "jets", "russia"),), (), []),
        # no one named: a denial of one's own part disputes nothing
        ("an air strike hit the village", (("airstrike", "air strike", "unknown"),), (), []),
        # "gunmen": an actor of no known party
        ("gunmen attacked the post", (), (("initiator", "unknown", "attacked"),), []),
    ],
)
def test_denied_responsibility_only_against_the_party_named_as_actor(
    report_text: str,
    weapons: tuple[tuple[str, str, str], ...],
    roles: tuple[tuple[str, str, str], ...],
    expected: list[tuple[str, str]],
) -> None:
    report = claim("c1", "sohr", report_text, weapons=weapons, roles=roles)
    denial = claim(
        "c2",
        "tr-mod",
        "the ministry denied that its forces carried out the attack",
        form="denial",
    )
    assert [(k.type, k.relation) for k in run(report, denial)] == expected


def test_an_own_side_report_is_not_answered_by_its_own_denial() -> None:
    report = claim(
        "c1", "tr-mod", "Turkish jets struck the village", weapons=(("aircraft", "jets", "turkey"),)
    )
    denial = claim("c2", "tr-mod", "the ministry denied carrying out the strike", form="denial")
    assert run(report, denial) == []


def test_a_denied_chemical_attack_is_one_weapons_flag() -> None:
    report = claim(
        "c1",
        "sohr",
        "a chemical attack killed 20 people in the town",
        weapons=(("chemical", "chemical attack", "unknown"),),
        event_types=("chemical_attack",),
    )
    denial = claim(
        "c2",
        "sana",
        "the government denied that any chemical weapons were used in the town",
        weapons=(("chemical", "chemical weapons", "unknown"),),
        event_types=("chemical_attack",),
        form="denial",
    )
    (k,) = run(report, denial)
    assert (k.type, k.relation, k.severity) == ("weapons", "contradicts", "high")
    assert k.sides == (("c1",), ("c2",))
    # The confirmation finding's words are inside the weapons finding's: nothing added.
    assert [[e.span.text for e in side] for side in k.evidence] == [
        ["chemical attack"],
        ["denied that any chemical weapons were used"],
    ]
    assert k.explanation.startswith("The Syrian Observatory for Human Rights says the attack used")


def _k(
    kid: str,
    kind: str,
    relation: str,
    severity: str,
    a: tuple[str, int, int],
    b: tuple[str, int, int],
) -> Contradiction:
    def ev(claim_id: str, start: int, end: int) -> tuple[EvidenceSpan, ...]:
        return (EvidenceSpan("a-" + claim_id, claim_id, Span(start, end, "x" * (end - start))),)

    return Contradiction(
        id=kid,
        incident_id="i",
        type=kind,
        relation=relation,
        severity=severity,
        sides=((a[0],), (b[0],)),
        evidence=(ev(*a), ev(*b)),
        explanation=f"{kind} explanation.",
    )


@pytest.mark.parametrize(
    ("lesser", "better", "kept"),
    [
        # the same claims on both sides: one flag, the more specific one's
        (2, 0, ["w"]),
        (2, 1, ["i"]),
        (1, 0, ["w"]),
    ],
)
def test_merge_denials_keeps_the_more_specific_reader(
    lesser: int, better: int, kept: list[str]
) -> None:
    names = {0: ("w", "weapons"), 1: ("i", "identity"), 2: ("c", "confirmation")}
    k_better = _k(
        names[better][0], names[better][1], "contradicts", "medium", ("r", 0, 9), ("d", 0, 20)
    )
    # The lesser finding's denial words reach further: they are added as evidence.
    k_lesser = _k(
        names[lesser][0], names[lesser][1], "contradicts", "high", ("r", 2, 5), ("d", 0, 30)
    )
    found = {DENIAL_READERS[better]: [k_better], DENIAL_READERS[lesser]: [k_lesser]}
    merge_denials(found)
    got = [k for ks in found.values() for k in ks]
    assert [k.id for k in got] == kept
    (m,) = got
    assert m.severity == "high"  # the higher of the two
    assert [[(e.span.start, e.span.end) for e in side] for side in m.evidence] == [
        [(0, 9)],  # 2-5 is inside 0-9
        [(0, 20), (0, 30)],
    ]
    assert m.explanation == k_better.explanation  # no claim added: its own explanation


def test_merge_denials_leaves_other_claims_and_weaker_relations_alone() -> None:
    weapons, identity, confirmation = DENIAL_READERS
    w = _k("w", "weapons", "contradicts", "high", ("r1", 0, 9), ("d1", 0, 20))
    other = _k("c", "confirmation", "contradicts", "high", ("r2", 0, 9), ("d1", 0, 20))
    found = {weapons: [w], confirmation: [other]}
    merge_denials(found)
    assert [k.id for ks in found.values() for k in ks] == ["w", "c"]  # other report claim
    diverges = _k("w", "weapons", "diverges", "medium", ("r1", 0, 9), ("d1", 0, 20))
    same = _k("c", "confirmation", "contradicts", "high", ("r1", 0, 9), ("d1", 0, 20))
    found = {weapons: [diverges], confirmation: [same]}
    merge_denials(found)
    assert [k.id for ks in found.values() for k in ks] == ["w", "c"]  # weaker keeper
    # A finding that brings a claim of its own keeps its explanation after the other's.
    wider = replace(same, sides=(("r1", "r3"), ("d1",)))
    found = {weapons: [w], identity: [], confirmation: [wider]}
    merge_denials(found)
    (m,) = [k for ks in found.values() for k in ks]
    assert m.sides == (("r1", "r3"), ("d1",))
    assert m.explanation == "weapons explanation. confirmation explanation."


def test_merge_denials_reads_sides_in_either_order() -> None:
    weapons, _, confirmation = DENIAL_READERS
    w = _k("w", "weapons", "contradicts", "high", ("r", 0, 9), ("d", 0, 20))
    crossed = _k("c", "confirmation", "contradicts", "high", ("d", 0, 30), ("r", 0, 9))
    found = {weapons: [w], confirmation: [crossed]}
    merge_denials(found)
    (m,) = [k for ks in found.values() for k in ks]
    assert m.sides == (("r",), ("d",))
    assert [[(e.span.start, e.span.end) for e in side] for side in m.evidence] == [
        [(0, 9)],
        [(0, 20), (0, 30)],
    ]


def test_two_sides_naming_the_party_one_denial_is_one_identity_flag() -> None:
    """Each accuser is a side of its own; the denial answers them all: one flag."""
    reports = [
        claim(
            f"c{n}",
            source,
            text,
            weapons=(("aircraft", words, "turkey"),),
            event_types=("airstrike",),
        )
        for n, (source, text, words) in enumerate(
            (
                ("sohr", "Turkish jets struck the village", "Turkish jets"),
                ("sana", "Turkish warplanes bombed the village", "Turkish warplanes"),
            ),
            1,
        )
    ]
    denial = claim("c3", "tr-mod", "Ankara denied carrying out the strike", form="denial")
    found = [k for k in run(*reports, denial) if k.type == "identity"]
    assert len(found) == 1
    assert set(found[0].sides[0]) == {"c1", "c2"} and found[0].sides[1] == ("c3",)
