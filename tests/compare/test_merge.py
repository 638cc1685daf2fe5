"""One dispute, one flag (merge.py): findings of one incident, aspect and relation
whose readings agree side for side are merged into the first.

Hand-built claims (no parser): each witness is a side of its own (unknown party),
so without the merge every witness gives a finding of its own.
"""

from __future__ import annotations

import pytest

from claimdiff.compare import DETECTORS, find_contradictions
from claimdiff.models import Claim, Contradiction, Incident, Source

from .test_detectors import SOURCES, claim

WITNESSES = {f"w{n}": Source(f"w{n}", f"witness {n}", "unknown", "witness") for n in range(1, 4)}
ALL_SOURCES = {**SOURCES, **WITNESSES}
INCIDENT_ID = "i-test"


def _incident(claims: tuple[Claim, ...]) -> Incident:
    return Incident(
        INCIDENT_ID,
        "test",
        tuple(c.id for c in claims),
        tuple(sorted({c.article_id for c in claims})),
    )


def run(*claims: Claim) -> list[Contradiction]:
    return find_contradictions([_incident(claims)], list(claims), ALL_SOURCES)


def unmerged(*claims: Claim) -> list[Contradiction]:
    """The detectors' own findings, in detector order."""
    inc = _incident(claims)
    return [k for detect in DETECTORS for k in detect(inc, list(claims), ALL_SOURCES)]


def killed(cid: str, source: str, n: int) -> Claim:
    words = f"{n} civilians were killed"
    return claim(
        cid,
        source,
        f"the shelling of the town: {words}",
        casualties=(("killed", "civilians", n, n, words),),
        event_types=("shelling", "casualties"),
    )


def dated(cid: str, source: str, value: str, words: str) -> Claim:
    return claim(cid, source, f"the attack on the base {words}", times=((value, words),))


@pytest.mark.parametrize(
    ("witness_figures", "flags_against_the_army"),
    [
        ((12, 12), 1),  # one figure told twice: one dispute
        ((12, 12, 12), 1),
        ((12, 40), 2),  # two figures: two disputes (and 12 vs 40 between the witnesses)
    ],
)
def test_casualty_disputes_merge_only_on_compatible_figures(
    witness_figures: tuple[int, ...], flags_against_the_army: int
) -> None:
    army = killed("army", "sana", 0)
    witnesses = [killed(f"c{n}", f"w{n}", f) for n, f in enumerate(witness_figures, 1)]
    found = [k for k in run(army, *witnesses) if "army" in {c for s in k.sides for c in s}]
    assert len(found) == flags_against_the_army
    if flags_against_the_army == 1:
        (k,) = found
        assert set(k.sides[0]) | set(k.sides[1]) == {"army", *(c.id for c in witnesses)}


def test_merged_flag_keeps_the_first_id_all_claims_and_evidence() -> None:
    claims = (
        dated("c1", "w1", "2021-03-08", "on Monday"),
        dated("c2", "w2", "2021-03-08", "last Monday"),
        dated("army", "sana", "2021-03-10", "on Wednesday"),
    )
    before = [k for k in unmerged(*claims) if k.type == "time"]
    assert len(before) == 2
    (k,) = [k for k in run(*claims) if k.type == "time"]
    assert k.id == before[0].id
    army_side = 0 if "army" in k.sides[0] else 1
    witness_side = 1 - army_side
    assert k.sides[army_side] == ("army",)
    assert k.sides[witness_side] == ("c1", "c2")
    assert sorted(e.span.text for e in k.evidence[witness_side]) == ["last Monday", "on Monday"]
    assert k.explanation.startswith(before[0].explanation)
    assert "say the same as" in k.explanation or "says the same as" in k.explanation


def test_different_dates_are_different_disputes() -> None:
    claims = (
        dated("c1", "w1", "2021-03-08", "on Monday"),
        dated("c2", "w2", "2021-03-09", "on Tuesday"),
        dated("army", "sana", "2021-03-11", "on Thursday"),
    )
    against_army = [
        k for k in run(*claims) if k.type == "time" and "army" in k.sides[0] + k.sides[1]
    ]
    assert len(against_army) == 2


@pytest.mark.parametrize(
    ("reports", "flags"),
    [
        # One denial answers two reports worded as different event families (a strike;
        # fighting): one dispute, with both reporters on one side.
        (
            (
                ("an airstrike hit the base before dawn", ("airstrike",)),
                ("gunmen exchanged fire with the guards at the base", ("exchange-of-fire",)),
            ),
            1,
        ),
        # The same report told twice.
        (
            (
                ("an airstrike hit the base before dawn", ("airstrike",)),
                ("an airstrike hit the base at dawn", ("airstrike",)),
            ),
            1,
        ),
    ],
)
def test_one_denial_is_one_confirmation_dispute(
    reports: tuple[tuple[str, tuple[str, ...]], ...], flags: int
) -> None:
    denial = claim(
        "army", "sana", "there was no attack on the base", form="denial", event_types=("attack",)
    )
    witnesses = [
        claim(f"c{n}", f"w{n}", text, event_types=types)
        for n, (text, types) in enumerate(reports, 1)
    ]
    before = [k for k in unmerged(denial, *witnesses) if k.type == "confirmation"]
    assert len(before) == len(reports)  # each report is a finding of its own
    found = [k for k in run(denial, *witnesses) if k.type == "confirmation"]
    assert len(found) == flags
    (k,) = found
    assert set(k.sides[0]) | set(k.sides[1]) == {"army", *(c.id for c in witnesses)}


def test_two_denials_of_different_events_stay_apart() -> None:
    def denied(cid: str, text: str, event: str) -> Claim:
        return claim(cid, "sana", text, form="denial", event_types=(event,))

    claims = (
        claim("c1", "w1", "an airstrike hit the base before dawn", event_types=("airstrike",)),
        denied("army", "the army denied that an airstrike hit the base", "airstrike"),
        claim("c2", "w2", "troops withdrew from the base", event_types=("withdrawal",)),
        denied("army2", "the army denied that troops withdrew from the base", "withdrawal"),
    )
    found = [k for k in run(*claims) if k.type == "confirmation"]
    assert len(found) == 2
