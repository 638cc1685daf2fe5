"""Detectors on hand-built claims: each aspect's rule and guard, without the parser."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from claimdiff.compare import find_contradictions
from claimdiff.compare.casualties import relation
from claimdiff.compare.common import denial_kind
from claimdiff.compare.guards import different_times, same_distance
from claimdiff.compare.sequence import step_mentions
from claimdiff.models import Casualty, Claim, Distance, Incident, Role, Source, Span, TimeRef

SOURCES = {
    "coalition": Source(
        "coalition", "US-led coalition (Operation Inherent Resolve)", "us", "military"
    ),
    "pentagon": Source("pentagon", "Pentagon (US Department of Defense)", "us", "government"),
    "sana": Source(
        "sana",
        "SANA (Syrian Arab News Agency, Syrian state media)",
        "syrian-government",
        "state-media",
    ),
    "sohr": Source(
        "sohr", "Syrian Observatory for Human Rights (SOHR)", "independent-monitor", "monitor"
    ),
    "snhr": Source(
        "snhr", "Syrian Network for Human Rights (SNHR)", "independent-monitor", "monitor"
    ),
    "outlet-x": Source("outlet-x", "Example Times", "press", "outlet"),
}


def claim(
    cid: str,
    source: str,
    text: str,
    *,
    article: str | None = None,
    form: str = "indirect",
    casualties: tuple[tuple[str, str | None, int, int | None, str], ...] = (),
    roles: tuple[tuple[str, str, str], ...] = (),
    times: tuple[tuple[str, str], ...] = (),
    distances: tuple[tuple[float, str], ...] = (),
    event_types: tuple[str, ...] = ("attack",),
) -> Claim:
    """A claim whose content is ``text`` at offset 0 of its own article."""

    def span(words: str) -> Span:
        i = text.index(words)
        return Span(i, i + len(words), words)

    mention = Span(0, 0, "")
    return Claim(
        id=cid,
        article_id=article or f"a-{cid}",
        source_id=source,
        form=form,
        source_mention=None if form == "narrative" else mention,
        cue=None,
        content=(Span(0, len(text), text),),
        sentence=Span(0, len(text), text),
        casualties=tuple(Casualty(cat, grp, lo, hi, span(w)) for cat, grp, lo, hi, w in casualties),
        roles=tuple(Role(r, None, party, span(w)) for r, party, w in roles),
        times=tuple(TimeRef(span(w), value=v) for v, w in times),
        distances=tuple(Distance(km, span(w)) for km, w in distances),
        event_types=event_types,
    )


def run(*claims: Claim):  # type: ignore[no-untyped-def]
    inc = Incident(
        "i-test", "test", tuple(c.id for c in claims), tuple(sorted({c.article_id for c in claims}))
    )
    return find_contradictions([inc], list(claims), SOURCES)


def fig(low: int | None, high: int | None) -> tuple[Claim, Casualty]:
    c = claim("x", "sohr", "n")
    return c, Casualty("killed", "civilians", low, high, Span(0, 1, "n"))


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ((101, None), (101, None), "same"),  # "over 100" / "more than 100"
        ((101, None), (200, 999), "diverges"),  # "more than 100" / "hundreds"
        ((27, 33), (24, 99), "same"),  # "about 30" / "dozens"
        ((3, 9), (3, 3), "same"),  # "several" / "three"
        ((0, 0), (12, 12), "contradicts"),  # "no civilians" / "12 civilians"
        ((20, None), (5, 5), "contradicts"),  # "at least 20" / "five"
        ((10, None), (10, 10), "same"),  # "at least 10" / "10"
        ((0, 10), (35, 35), "contradicts"),  # "up to 10" / "35"
        ((0, 10), (9, 11), "same"),  # "up to 10" / "about 10": no magnitude from an open lower end
    ],
)
def test_casualty_relation(
    a: tuple[int, int | None], b: tuple[int, int | None], expected: str
) -> None:
    assert relation(fig(*a), fig(*b)) == expected


def test_casualties_contradict_across_sides_with_evidence() -> None:
    a = claim(
        "c1",
        "sohr",
        "12 civilians were killed in the strike",
        casualties=(("killed", "civilians", 12, 12, "12 civilians were killed"),),
    )
    b = claim(
        "c2",
        "sana",
        "no civilians were killed in the strike",
        casualties=(("killed", "civilians", 0, 0, "no civilians were killed"),),
    )
    (k,) = run(a, b)
    assert (k.type, k.relation, k.severity) == ("casualties", "contradicts", "high")
    assert {e.span.text for side in k.evidence for e in side} == {
        "12 civilians were killed",
        "no civilians were killed",
    }
    assert all(e.article_id for side in k.evidence for e in side)
    assert "cannot both be right" in k.explanation


def test_casualty_guards() -> None:
    us = claim(
        "c1",
        "pentagon",
        "No US personnel were injured",
        casualties=(("injured", "us-forces", 0, 0, "No US personnel were injured"),),
    )
    syr = claim(
        "c2",
        "sana",
        "killing one and injuring two",
        casualties=(("killed", None, 1, 1, "killing one"), ("injured", None, 2, 2, "injuring two")),
    )
    assert run(us, syr) == []  # different victim groups (and one unknown)
    same_side = claim(
        "c3",
        "coalition",
        "3 US personnel were injured",
        casualties=(("injured", "us-forces", 3, 3, "3 US personnel were injured"),),
    )
    assert run(us, same_side) == []  # one side restating / updating itself
    update = claim(
        "c4",
        "sana",
        "the toll rose to 5 US personnel injured",
        casualties=(("injured", "us-forces", 5, 5, "5 US personnel injured"),),
    )
    assert run(same_side, update) == []  # a later, higher figure marked as an update


def test_different_years_not_compared() -> None:
    a = claim(
        "c1",
        "sohr",
        "50 civilians were killed in 2017",
        casualties=(("killed", "civilians", 50, 50, "50 civilians were killed"),),
    )
    b = claim(
        "c2",
        "sana",
        "5 civilians were killed in 2020",
        casualties=(("killed", "civilians", 5, 5, "5 civilians were killed"),),
    )
    assert different_times(a, b)
    assert run(a, b) == []


def test_units_guard() -> None:
    assert same_distance(8.0, 8.05)  # 8 km / five miles
    assert same_distance(10.0, 9.66)  # 10 km / six miles
    assert not same_distance(2.0, 30.0)


def test_initiator_role_swap_and_stable_id() -> None:
    a = claim(
        "c1",
        "coalition",
        "the patrol came under fire and returned fire",
        roles=(("responder", "us", "came under fire"), ("responder", "us", "returned fire")),
    )
    b = claim(
        "c2", "sana", "US forces attacked a checkpoint", roles=(("initiator", "us", "attacked"),)
    )
    (k,) = run(a, b)
    assert (k.type, k.relation, k.severity) == ("initiator", "contradicts", "high")
    assert k.sides == (("c1",), ("c2",))
    assert k.explanation.startswith("The US-led coalition says US/coalition forces came under fire")
    assert "; SANA says US/coalition forces fired first or attacked (“attacked”)." in k.explanation
    # The id depends on incident, aspect and sides, not on the order claims come in.
    claims = [a, b, claim("c3", "sohr", "nothing here")]
    ids = set()
    for _ in range(5):
        random.shuffle(claims)
        ids |= {x.id for x in run(*claims)}
    assert ids == {k.id}


def test_same_party_never_flags() -> None:
    a = claim(
        "c1", "coalition", "the patrol returned fire", roles=(("responder", "us", "returned fire"),)
    )
    b = claim(
        "c2", "pentagon", "US troops opened fire", roles=(("initiator", "us", "opened fire"),)
    )
    assert run(a, b) == []


def test_outlet_paraphrase_in_same_article_not_a_side() -> None:
    a = claim(
        "c1",
        "sohr",
        "12 civilians were killed",
        article="a1",
        casualties=(("killed", "civilians", 12, 12, "12 civilians were killed"),),
    )
    b = claim(
        "c2",
        "outlet-x",
        "dozens of civilians were killed",
        article="a1",
        form="narrative",
        casualties=(("killed", "civilians", 24, 99, "dozens of civilians were killed"),),
    )
    assert run(a, b) == []
    c = claim(
        "c3",
        "outlet-x",
        "dozens of civilians were killed",
        article="a2",
        form="narrative",
        casualties=(("killed", "civilians", 24, 99, "dozens of civilians were killed"),),
    )
    assert [k.type for k in run(a, c)] == ["casualties"]


def test_time_conflict_and_same_day() -> None:
    a = claim("c1", "sohr", "the strike took place on Monday", times=(("2021-03-08", "on Monday"),))
    b = claim(
        "c2", "sana", "the strike took place on Tuesday", times=(("2021-03-09", "on Tuesday"),)
    )
    (k,) = run(a, b)
    assert (k.type, k.relation) == ("time", "contradicts")
    c = claim("c3", "sana", "the strike took place yesterday", times=(("2021-03-08", "yesterday"),))
    assert run(a, c) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("have not reported any clashes", "not_reported"),
        ("The US is not yet able to confirm Syrian casualties", "unconfirmed"),
        ("it could not independently verify the report", "unconfirmed"),
        ("denied that its forces had shelled the area", "denied"),
        ("rejected reports that its jets struck the hospital", "denied"),
        ("there is no direct evidence that the Russians fired", "not_reported"),
        ("the strike killed eight civilians", None),
        ("did not comment on the report", None),
    ],
)
def test_denial_kind(text: str, kind: str | None) -> None:
    found = denial_kind(claim("c", "sohr", text))
    assert (found[0] if found else None) == kind


def test_confirmation_denied_and_unconfirmed() -> None:
    report = claim(
        "c1",
        "sohr",
        "militias attacked SDF positions",
        roles=(("initiator", "syrian-government", "attacked"),),
    )
    denial = claim("c2", "sana", "denied that any attack took place in the area", form="denial")
    (k,) = run(report, denial)
    assert (k.type, k.relation, k.severity) == ("confirmation", "contradicts", "high")
    # Denying its own part ("its forces attacked") is who did it, not whether: identity.
    own = claim("c4", "sana", "denied that its forces attacked the area", form="denial")
    (i,) = run(report, own)
    assert (i.type, i.relation, i.severity) == ("identity", "contradicts", "high")
    cannot = claim("c3", "coalition", "could not confirm the attack")
    (u,) = run(report, cannot)
    assert (u.type, u.relation) == ("confirmation", "unconfirmed")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("After receiving safe passage, the convoy drove on", [("passage", "yes")]),
        ("soldiers prevented it from passing", [("passage", "no")]),
        ("the convoy was not allowed through", [("passage", "no")]),
        ("fired without warning", [("warning", "no")]),
        ("it had received no advance warning of the strikes", [("notice", "no")]),
        ("the patrol returned to base", []),
    ],
)
def test_sequence_steps(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(s, p) for s, p, _ in step_mentions(claim("c", "sohr", text))] == expected


def test_nested_victim_groups_part_cannot_outnumber_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimdiff.compare import casualties

    monkeypatch.setattr(
        casualties, "_ancestors", lambda g: [g, "civilians"] if g == "children" else [g]
    )
    none = claim(
        "c1",
        "sana",
        "no civilians were killed",
        casualties=(("killed", "civilians", 0, 0, "no civilians were killed"),),
    )
    three = claim(
        "c2",
        "sohr",
        "three children were killed",
        casualties=(("killed", "children", 3, 3, "three children were killed"),),
    )
    (k,) = run(none, three)
    assert (k.type, k.relation) == ("casualties", "contradicts")
    twenty = claim(
        "c3",
        "sana",
        "20 civilians were killed",
        casualties=(("killed", "civilians", 20, 20, "20 civilians were killed"),),
    )
    assert run(twenty, three) == []


@pytest.mark.parametrize(
    ("source", "actor", "role", "expected"),
    [
        ("coalition", "it", "responder", "us"),  # "the coalition said it came under fire"
        ("sana", "its soldiers", "target", "syrian-government"),
        ("sana", "they", "target", "unknown"),  # "they" often means the other side
        ("sohr", "it", "responder", "unknown"),  # a monitor is not a belligerent
        ("coalition", "it", "initiator", "unknown"),  # only for being hit or responding
    ],
)
def test_own_side_pronouns(source: str, actor: str, role: str, expected: str) -> None:
    from claimdiff.compare.roles import actor_party

    c = claim("c", source, "words")
    assert actor_party(c, Role(role, actor, "unknown", Span(0, 5, "words")), SOURCES) == expected


def test_explanation_names_sources_as_the_article_did() -> None:
    from dataclasses import replace

    from claimdiff.compare.explain import side_names, source_name

    sources = {
        **SOURCES,
        "mil": Source("mil", "a Syrian military source", "syrian-government", "anonymous-official"),
    }
    text = "A Syrian military source told SANA that US troops opened fire"
    c = replace(
        claim("c1", "mil", text),
        source_mention=Span(0, 24, "A Syrian military source"),
        channel_id="sana",
    )
    assert source_name(c, sources) == "a Syrian military source, via SANA,"
    # A back-reference ("the monitor") says nothing outside its article: the registry name instead.
    d = replace(claim("c2", "sohr", "The monitor said"), source_mention=Span(0, 11, "The monitor"))
    assert source_name(d, sources) == "the Syrian Observatory for Human Rights"
    e = replace(claim("c3", "pentagon", "He said"), source_mention=Span(0, 2, "He"))
    assert source_name(e, sources) == "the Pentagon"
    assert side_names([d, e], sources) == "the Syrian Observatory for Human Rights and the Pentagon"


def toll_at(cid: str, source: str, n: int, place: str | None) -> Claim:
    words = f"{n} civilians"
    c = claim(
        cid,
        source,
        f"the shelling killed {words}",
        casualties=(("killed", "civilians", n, n, words),),
    )
    return replace(c, places=(place,) if place else ())


@pytest.mark.parametrize(
    ("place_a", "place_b", "flagged"),
    [
        ("Tell Hamra", "Tell Hamra", True),
        ("Tell Hamra", None, True),
        ("Tell Hamra", "Ain Sawda", False),  # two tolls, one for each place
    ],
)
def test_tolls_for_different_places_are_not_compared(
    place_a: str, place_b: str | None, flagged: bool
) -> None:
    found = run(toll_at("c1", "sohr", 12, place_a), toll_at("c2", "sana", 3, place_b))
    assert bool([k for k in found if k.type == "casualties"]) == flagged
