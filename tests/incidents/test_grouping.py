"""Incident grouping on hand-built claims with controlled embeddings.

Vectors are built so that the embedding alone would merge everything (all
claims about one topic); what the tests check is what frames, discourse
order and the background rule add on top.
"""

from __future__ import annotations

import random
from dataclasses import replace

import numpy as np
import pytest

from claimdiff.config import Config
from claimdiff.incidents import casualty_summary, group_incidents
from claimdiff.incidents import frames as fr
from claimdiff.models import Casualty, Claim, Role, Source, Span, TimeRef

DIM = 32
SOURCES = {
    "s": Source("s", "A spokesman", party="us"),
    "t": Source("t", "State media", party="gov"),
}


def vec(seed: int, topic: np.ndarray, spread: float = 0.6) -> np.ndarray:
    """A unit vector near ``topic`` (cosine to it about 1/sqrt(1+spread^2))."""
    noise = np.random.default_rng(seed).standard_normal(DIM)
    v = topic + spread * noise / np.linalg.norm(noise)
    return (v / np.linalg.norm(v)).astype(np.float32)


TOPIC = vec(0, np.zeros(DIM) + 1.0, 0.0)


def claim(
    cid: str,
    article: str,
    start: int,
    text: str,
    *,
    events: tuple[str, ...] = ("attack",),
    places: tuple[str, ...] = (),
    times: tuple[tuple[str | None, str | None], ...] = (),
    casualties: tuple[Casualty, ...] = (),
    roles: tuple[Role, ...] = (),
    source: str = "s",
) -> Claim:
    span = Span(start, start + len(text), text)
    return Claim(
        id=cid,
        article_id=article,
        source_id=source,
        form="indirect",
        source_mention=None,
        cue=None,
        content=(span,),
        sentence=span,
        event_types=events,
        places=places,
        times=tuple(TimeRef(span, v, r) for v, r in times),
        casualties=casualties,
        roles=roles,
    )


def run(claims: list[Claim], config: Config | None = None, seed_of=None):  # type: ignore[no-untyped-def]
    vecs = np.stack([vec((seed_of or _seed)(c), TOPIC) for c in claims])
    out, incidents = group_incidents(claims, SOURCES, config or Config(), vectors=vecs)
    return {c.id: c.incident_id for c in out}, incidents


def _seed(c: Claim) -> int:
    return sum(map(ord, c.id))


def test_same_place_and_date_join_across_articles():
    claims = [
        claim(
            "a1",
            "A",
            0,
            "Militants attacked a checkpoint in Qaryatayn.",
            places=("Qaryatayn",),
            times=(("2020-03-02", None),),
        ),
        claim("a2", "A", 60, "Two soldiers were wounded.", events=("casualties",)),
        claim(
            "b1",
            "B",
            0,
            "An attack hit the Qaryatayn checkpoint on Monday.",
            places=("Qaryatayn",),
            times=(("2020-03-02", "weekday:monday"),),
        ),
    ]
    ids, incidents = run(claims)
    assert ids["a1"] == ids["b1"] == ids["a2"] is not None
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc.article_ids == ("A", "B")
    assert inc.places == ("Qaryatayn",)
    assert inc.dates == ("2020-03-02",)


def test_different_years_stay_apart():
    claims = [
        claim(
            "a1",
            "A",
            0,
            "Militants attacked a checkpoint in Qaryatayn.",
            places=("Qaryatayn",),
            times=(("2019-03-02", None),),
        ),
        claim(
            "b1",
            "B",
            0,
            "Militants attacked a checkpoint in Qaryatayn.",
            places=("Qaryatayn",),
            times=(("2020-03-02", None),),
        ),
    ]
    ids, incidents = run(claims)
    assert ids["a1"] != ids["b1"]
    assert len(incidents) == 2


def test_different_places_stay_apart_across_articles():
    claims = [
        claim(
            "a1",
            "A",
            0,
            "Rockets hit Qaryatayn.",
            places=("Qaryatayn",),
            times=(("2020-03-02", None),),
        ),
        claim(
            "b1", "B", 0, "Rockets hit Sukhnah.", places=("Sukhnah",), times=(("2020-03-02", None),)
        ),
    ]
    ids, _ = run(claims)
    assert ids["a1"] != ids["b1"]


def test_one_named_village_joins_articles_that_disagree_on_the_weapon():
    # No dates anywhere: the shared village is what says it is one incident, even
    # when one side calls it an air strike and the other shelling.
    claims = [
        claim(
            "a1",
            "A",
            0,
            "Jets struck Hamra village at dawn.",
            events=("airstrike",),
            places=("Hamra",),
        ),
        claim(
            "b1",
            "B",
            0,
            "Artillery shelled Hamra village at dawn.",
            events=("artillery_strike",),
            places=("Hamra",),
        ),
        claim(
            "c1",
            "C",
            0,
            "Artillery shelled Sukhnah at dawn.",
            events=("artillery_strike",),
            places=("Sukhnah",),
        ),
    ]
    ids, _ = run(claims)
    assert ids["a1"] == ids["b1"] is not None
    assert ids["c1"] != ids["a1"]


def test_similar_claims_without_place_or_date_do_not_cross_articles():
    # Same kind of event, same parties, nothing saying where or when: many
    # incidents of one conflict look like this, so they are not merged.
    claims = [
        claim("a1", "A", 0, "Forces attacked the patrol."),
        claim("b1", "B", 0, "Forces attacked the patrol."),
    ]
    vecs = np.stack([vec(1, TOPIC), vec(2, TOPIC)])  # cosine about 0.7
    out, _ = group_incidents(claims, SOURCES, Config(), vectors=vecs)
    assert out[0].incident_id != out[1].incident_id
    # ... unless one sentence is a near-copy of the other (a wire copy).
    out, _ = group_incidents(claims, SOURCES, Config(), vectors=np.stack([vecs[0], vecs[0]]))
    assert out[0].incident_id == out[1].incident_id


def test_background_claims_join_no_incident():
    claims = [
        claim("a1", "A", 0, "Militants attacked a checkpoint.", times=((None, "weekday:monday"),)),
        claim("a2", "A", 40, "The US maintains about 2,000 troops in the country.", events=()),
        claim("a3", "A", 90, "They are stationed near the eastern oil fields.", events=()),
        claim("a4", "A", 140, "Two soldiers were wounded.", events=("casualties",)),
    ]
    ids, incidents = run(claims)
    assert ids["a2"] is None and ids["a3"] is None
    assert ids["a1"] == ids["a4"] is not None
    assert [i.claim_ids for i in incidents] == [("a1", "a4")]


@pytest.mark.parametrize(
    ("text", "background"),
    [
        ("The US maintains less than 1,000 troops in Syria currently", True),
        ("Some 400 soldiers are stationed at the base", True),
        ("the over 50,000-strong militia", True),
        ("Coalition troops returned fire", False),  # an event: never background
        ("it was unclear who the forces were", False),
    ],
)
def test_background_pattern(text, background):
    events = ("exchange_of_fire",) if "fire" in text else ()
    assert fr.is_background(claim("x", "A", 0, text, events=events)) is background


def test_flashback_sentence_joins_the_older_incident_not_its_neighbours():
    # Article B tells a recent clash and recalls, in one sentence, the
    # February strikes that article A reported.
    a = [
        claim(
            "a1",
            "A",
            0,
            "Strikes near Khusham killed over 100 fighters.",
            events=("airstrike", "casualties"),
            places=("Khusham",),
            times=((None, "weekday:wednesday"),),
            casualties=(Casualty("killed", "fighters", 101, None, Span(0, 1, "x"), 101),),
        ),
        claim("a2", "A", 60, "The attack began at dusk.", places=("Khusham",)),
    ]
    b = [
        claim(
            "b1",
            "B",
            0,
            "Militias attacked SDF positions near the oilfield in recent days.",
            places=("al-Omar oil field",),
            times=((None, "recent:days"),),
        ),
        claim(
            "b2",
            "B",
            70,
            "Vehicles have been arriving at the oilfield over the past two days.",
            events=("reinforcement",),
            places=("al-Omar oil field",),
            times=((None, "past:2d"),),
        ),
        claim(
            "b3",
            "B",
            150,
            "Hundreds of fighters were killed in airstrikes in Deir ez-Zor in February.",
            events=("airstrike", "casualties"),
            places=("Deir ez-Zor",),
            times=((None, "month:february"),),
            casualties=(Casualty("killed", "fighters", 200, 999, Span(0, 1, "x"), 100),),
        ),
        claim(
            "b4",
            "B",
            240,
            "Another attack was reported on Sunday.",
            places=("al-Omar oil field",),
            times=((None, "weekday:sunday"),),
        ),
    ]
    ids, incidents = run(a + b)
    assert ids["b3"] == ids["a1"] == ids["a2"]
    assert ids["b1"] == ids["b2"] == ids["b4"]
    assert ids["b1"] != ids["b3"]
    strikes = next(i for i in incidents if i.id == ids["a1"])
    killed = next(s for s in strikes.casualties if s.category == "killed")
    assert (killed.low, killed.high, killed.conservative) == (101, None, 100)
    assert killed.claim_ids == ("a1", "b3")


def test_two_incidents_in_one_article_stay_apart():
    claims = [
        claim(
            "a1",
            "A",
            0,
            "A patrol came under fire near Qaryatayn on Monday.",
            events=("exchange_of_fire",),
            places=("Qaryatayn",),
            times=((None, "weekday:monday"),),
        ),
        claim("a2", "A", 60, "The patrol returned fire.", events=("exchange_of_fire",)),
        claim(
            "a3",
            "A",
            100,
            "Last June a jet was shot down.",
            events=("shoot_down",),
            times=((None, "last:june"),),
        ),
    ]
    ids, _ = run(claims)
    assert ids["a1"] == ids["a2"]
    assert ids["a3"] != ids["a1"]


def _corpus() -> list[Claim]:
    return [
        claim(
            "a1",
            "A",
            0,
            "Rockets hit Qaryatayn.",
            places=("Qaryatayn",),
            times=(("2020-03-02", None),),
        ),
        claim("a2", "A", 40, "Three civilians were killed.", events=("casualties",)),
        claim(
            "b1",
            "B",
            0,
            "Rocket fire on Qaryatayn.",
            places=("Qaryatayn",),
            times=(("2020-03-03", None),),
        ),
    ]


def test_ids_survive_reruns_input_order_and_unrelated_articles():
    ids1, inc1 = run(_corpus())
    ids2, inc2 = run(list(reversed(_corpus())))
    assert ids1 == ids2
    assert [i.id for i in inc1] == [i.id for i in inc2]
    unrelated = [
        claim(
            "0z",
            "0-first",
            0,
            "A car bomb exploded in Sukhnah.",
            events=("explosion",),
            places=("Sukhnah",),
            times=(("2021-07-09", None),),
        ),
        claim("0y", "0-first", 50, "Five people were wounded.", events=("casualties",)),
    ]
    ids3, inc3 = run(unrelated + _corpus())
    assert {k: v for k, v in ids3.items() if k in ids1} == ids1
    assert {i.id for i in inc1} < {i.id for i in inc3}


def test_large_mode_candidates_give_the_same_incidents():
    claims = _corpus() + [
        claim(
            f"n{k}",
            f"N{k}",
            0,
            "Unrelated clash.",
            places=("Sukhnah",),
            times=((f"2021-0{1 + k % 9}-01", None),),
        )
        for k in range(12)
    ]
    exact_ids, _ = run(claims)
    lsh_ids, _ = run(claims, Config(incident_exact_limit=1, incident_lsh_bits=2))
    assert exact_ids == lsh_ids


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([("2020-02-07", "low-high", 101, None, 101), ("x", "", 200, 999, 100)], (101, None, 100)),
        ([("a", "", 1, 1, 1), ("b", "", 2, 3, 2)], (1, 3, 1)),
        ([("a", "", 0, 0, 0)], (0, 0, 0)),
    ],
)
def test_casualty_summary_ranges(values, expected):
    claims = [
        claim(
            cid,
            "A",
            k * 10,
            "x",
            casualties=(Casualty("killed", "civilians", lo, hi, Span(0, 1, "x"), cons),),
        )
        for k, (cid, _, lo, hi, cons) in enumerate(values)
    ]
    (summary,) = casualty_summary(claims)
    assert (summary.low, summary.high, summary.conservative) == expected
    assert summary.claim_ids == tuple(sorted(cid for cid, *_ in values))


def test_casualty_summary_keeps_categories_and_groups_apart():
    cas = (
        Casualty("killed", "civilians", 3, 3, Span(0, 1, "x"), 3),
        Casualty("injured", "civilians", 5, 5, Span(0, 1, "x"), 5),
        Casualty("killed", "soldiers", 1, 1, Span(0, 1, "x"), 1),
    )
    summary = casualty_summary([claim("a", "A", 0, "x", casualties=cas)])
    assert [(s.category, s.group, s.low) for s in summary] == [
        ("injured", "civilians", 5),
        ("killed", "civilians", 3),
        ("killed", "soldiers", 1),
    ]


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("2020-02-07", "2020-02", 1),
        ("2020-02-07", "2020-02-12", 1),
        ("2020-02-07", "2020-03-07", -1),
        ("2019", "2020-01-02", -1),
        ("2018", "2018-06-01", 1),
    ],
)
def test_absolute_time_relation(a, b, relation):
    assert fr.anchor_relation(fr.parse_value(a), fr.parse_value(b), 7) == relation


@pytest.mark.parametrize(
    ("a", "b", "same_article", "relation"),
    [
        ("month:february", "month:february", True, 1),
        ("month:february", "month:march", True, -1),
        ("month:february", "weekday:sunday", True, -1),
        ("past:2d", "weekday:sunday", True, 1),
        ("month:february", "weekday:sunday", False, 0),  # different anchors: unknown
        ("last:june", "month:june", True, 1),
    ],
)
def test_relative_time_relation(a, b, same_article, relation):
    x = fr.parse_relative(a, "A")
    y = fr.parse_relative(b, "A" if same_article else "B")
    assert fr.anchor_relation(x, y, 7) == relation


def test_broad_places_never_conflict():
    own_a, area_a = fr.place_sets(("Syria", "Euphrates River"))
    own_b, area_b = fr.place_sets(("Sukhnah",))
    assert fr.place_relation(own_a, area_a, own_b, area_b) == 0
    own_c, area_c = fr.place_sets(("Qaryatayn",))
    assert fr.place_relation(own_c, area_c, own_b, area_b) == -1


def test_grouping_does_not_depend_on_input_order_shuffled():
    claims = _corpus()
    random.Random(3).shuffle(claims)
    assert run(claims)[0] == run(_corpus())[0]


def test_no_claims():
    assert group_incidents([], SOURCES, Config()) == ([], [])


def test_incident_needs_an_event():
    claims = [claim("a1", "A", 0, "It is unclear what happened.", events=())]
    ids, incidents = run(claims)
    assert ids["a1"] is None and incidents == []


def test_title_from_frames():
    _, incidents = run(_corpus())
    titles = {i.title for i in incidents}
    assert any(t.startswith("Attack near Qaryatayn, 2020-03-02") for t in titles), titles


def test_replace_keeps_claims_order():
    claims = _corpus()
    out, _ = group_incidents(
        claims, SOURCES, Config(), vectors=np.stack([vec(k, TOPIC) for k in range(3)])
    )
    assert [c.id for c in out] == [c.id for c in claims]
    assert [replace(c, incident_id=None) for c in out] == claims


def said(
    sentence: str, content: str, mention: str | None, *, article: str = "A", start: int = 0, **kw
) -> Claim:
    """A claim whose content and source mention are parts of a longer sentence."""
    c = claim("x", article, start + sentence.index(content), content, **kw)
    m = sentence.index(mention) if mention else -1
    return replace(
        c,
        sentence=Span(start, start + len(sentence), sentence),
        source_mention=Span(start + m, start + m + len(mention), mention) if mention else None,
    )


@pytest.mark.parametrize(
    "sentence,content,mention,published,expected",
    [
        # the time dates the statement, outside the content: it stands for the event's
        (
            "In March, Washington said it carried out further strikes.",
            "it carried out further strikes",
            "Washington",
            None,
            "month:march",
        ),
        (
            "The ministry said on Sunday that its forces repelled the attack.",
            "its forces repelled the attack",
            "The ministry",
            "2020-02-12",
            "2020-02-09",
        ),
        # the content has its own time: the statement's is not read
        (
            "On Monday the army said the attack in February killed 12.",
            "the attack in February killed 12",
            "the army",
            None,
            None,
        ),
        # no time outside the content
        ("The army said the attack killed 12.", "the attack killed 12", "The army", None, None),
    ],
)
def test_statement_anchors(sentence, content, mention, published, expected):
    from claimdiff.frames import find_times

    c = said(sentence, content, mention)
    own = find_times(content, c.content[0].start, published)
    c = replace(c, times=tuple(own))
    got = fr.statement_anchors(c, published)
    if expected is None:
        assert got == ()
    elif ":" in expected:
        assert got == (fr.parse_relative(expected, "A"),)
    else:
        assert got == (fr.parse_value(expected),)


def test_statement_time_keeps_a_later_statement_apart_from_a_flashback():
    # One article: strikes "in February" (a flashback), then "In March, X said it
    # carried out further strikes" with no time in its content.
    a = [
        claim(
            "f1",
            "A",
            0,
            "Hundreds of fighters were killed in airstrikes in February.",
            events=("airstrike", "casualties"),
            times=((None, "month:february"),),
        ),
        replace(
            said(
                "In March, Washington said it carried out further airstrikes.",
                "it carried out further airstrikes",
                "Washington",
                start=70,
                events=("airstrike",),
            ),
            id="m1",
        ),
    ]
    ids, _ = run(a)
    assert ids["f1"] != ids["m1"]


def test_one_report_told_in_several_voices_is_one_incident():
    # Each side words the clash its own way, so the embeddings (orthogonal
    # here) would keep every voice apart; the article's frames do not.
    claims = [
        claim(
            "v1",
            "A",
            0,
            "An air strike hit a minibus near Qaryatayn on Monday, killing two.",
            events=("airstrike", "casualties"),
            places=("Qaryatayn",),
            times=((None, "weekday:monday"),),
        ),
        claim(
            "v2",
            "A",
            80,
            "The ministry said gunmen had attacked an army checkpoint first.",
            events=("exchange_of_fire",),
        ),
        claim("v3", "A", 160, "The monitor said the dead were shepherds.", events=()),
        claim("v4", "A", 240, "The police have rejected that account.", events=()),
        claim(
            "v5",
            "A",
            320,
            "Last June a jet was shot down.",
            events=("shoot_down",),
            times=((None, "last:june"),),
        ),
    ]
    vecs = np.eye(DIM, dtype=np.float32)[: len(claims)]
    out, _ = group_incidents(claims, SOURCES, Config(), vectors=vecs)
    ids = {c.id: c.incident_id for c in out}
    assert ids["v1"] is not None
    assert ids["v1"] == ids["v2"] == ids["v3"] == ids["v4"]
    assert ids["v5"] not in (None, ids["v1"])  # another time: another incident


def test_different_places_in_one_article_stay_apart_when_merging_voices():
    claims = [
        claim(
            "p1",
            "A",
            0,
            "Rockets hit a base near Qaryatayn on Monday.",
            events=("shelling",),
            places=("Qaryatayn",),
            times=((None, "weekday:monday"),),
        ),
        claim(
            "p2",
            "A",
            80,
            "Militants attacked a checkpoint in Palmyra.",
            events=("attack",),
            places=("Palmyra",),
        ),
    ]
    vecs = np.eye(DIM, dtype=np.float32)[: len(claims)]
    out, _ = group_incidents(claims, SOURCES, Config(), vectors=vecs)
    ids = {c.id: c.incident_id for c in out}
    assert ids["p1"] != ids["p2"]


@pytest.mark.parametrize(
    "text,tally",
    [
        ("Convoys on the highway were ambushed 80 times since January 2022.", True),
        (
            "Shelling has killed at least 25 residents of the district since the war began in 2012.",
            True,
        ),
        ("Warplanes flew dozens of raids over the valley this year.", True),
        ("A drone struck a car on Monday, killing two men.", False),
        ("Gunmen have attacked the checkpoint twice since Friday.", False),
        ("Hundreds of fighters were killed in strikes in February.", False),
    ],
)
def test_tallies_are_background(text, tally):
    assert fr.is_tally(text) is tally
    c = claim("t", "A", 0, text, events=("airstrike", "casualties"))
    assert fr.is_background(c) is tally


@pytest.mark.parametrize(
    "text,times,tally",
    [
        # one event, dated, set against a period: not a tally
        (
            (
                "Three policemen have been killed by a car bomb near the market on Tuesday, "
                "the first such attack this year."
            ),
            ((None, "weekday:tuesday"),),
            False,
        ),
        (
            "The bombing, which has killed nine people, was the deadliest since the war began.",
            (),
            False,
        ),
        # a count of events over a period is a tally even with a date in it
        (
            "Bases have been hit 60 times since May, the latest on Sunday.",
            ((None, "weekday:sunday"),),
            True,
        ),
        # an undated perfect over a period is a tally
        ("At least 30 people have been killed by shelling since January.", (), True),
    ],
)
def test_one_dated_event_is_not_a_tally(text, times, tally):
    c = claim("t", "A", 0, text, events=("attack", "casualties"), times=times)
    assert fr.is_background(c) is tally


@pytest.mark.parametrize(
    "text,places,kept",
    [
        ("Militants fired the mortars from near Tabqa, west of the airport.", ("Tabqa",), ()),
        ("Troops evacuated the wounded towards the base in Palmyra.", ("Palmyra",), ()),
        ("Fighters who came from Raqqa attacked Palmyra.", ("Raqqa", "Palmyra"), ("Palmyra",)),
        ("Rockets struck the base near Tabqa on Saturday.", ("Tabqa",), ("Tabqa",)),
        (
            "Gunmen fired on a post near Tabqa, across the river from Raqqa.",
            ("Tabqa", "Raqqa"),
            ("Tabqa", "Raqqa"),
        ),
        ("A post 20 km from Raqqa was hit.", ("Raqqa",), ("Raqqa",)),
        # the long way round to where fire came from
        (
            "Shells fired from the base of the foreign forces in the Hamra area fell on Sabil.",
            ("Hamra", "Sabil"),
            ("Sabil",),
        ),
        (
            "Rockets fired from a militia position at Hamra hit Sabil.",
            ("Hamra", "Sabil"),
            ("Sabil",),
        ),
        # ... but a word of impact between them says where the fire landed
        ("Rockets fired from the hills hit Sabil.", ("Sabil",), ("Sabil",)),
    ],
)
def test_origin_and_destination_places_do_not_locate_the_event(text, places, kept):
    c = claim("p", "A", 0, text, places=places)
    assert fr.event_places(c) == kept


@pytest.mark.parametrize(
    "text,places,kept",
    [
        # a distance or bearing measured from a second place: the first locates the event
        (
            "Jets hit a convoy near Hamra, about 80 km north of Sabil, on Thursday.",
            ("Hamra", "Sabil"),
            ("Hamra",),
        ),
        (
            "Rebels shelled Tell Abyad, 12 miles south-west of the town of Sabil.",
            ("Tell Abyad", "Sabil"),
            ("Tell Abyad",),
        ),
        (
            "Gunmen raided Hamra, north of the provincial capital Sabil.",
            ("Hamra", "Sabil"),
            ("Hamra",),
        ),
        # alone, the reference point is the best location the claim gives
        ("A checkpoint 15 kilometres east of Sabil was attacked.", ("Sabil",), ("Sabil",)),
        # a distance between two places named as where things happened keeps both
        (
            "Fighting spread from Hamra to Sabil, 30 km away.",
            ("Hamra", "Sabil"),
            ("Hamra", "Sabil"),
        ),
    ],
)
def test_a_place_a_distance_is_measured_from_does_not_locate_the_event(text, places, kept):
    c = claim("p", "A", 0, text, places=places)
    assert fr.event_places(c) == kept


def test_an_aside_on_another_day_and_place_is_another_incident():
    # One article on a market strike on Tuesday mentions, in passing, a convoy
    # hit on Thursday near another town "80 km north of" the market town.
    claims = [
        claim(
            "m1",
            "A",
            0,
            "An air strike hit the market in Sabil on Tuesday, killing nine.",
            events=("airstrike", "casualties"),
            places=("Sabil",),
            times=(("2026-03-10", "weekday:tuesday"),),
        ),
        claim(
            "d1",
            "A",
            160,
            "Jets destroyed a convoy near Hamra, about 80 km north of Sabil, on Thursday.",
            events=("airstrike",),
            places=("Hamra", "Sabil"),
            times=(("2026-03-12", "weekday:thursday"),),
        ),
    ]
    ids, _ = run(claims)
    assert ids["m1"] is not None and ids["d1"] is not None
    assert ids["d1"] != ids["m1"]


def test_a_claim_dating_another_day_at_another_place_stays_out_of_a_thread():
    # "Monday's fighting at Tal Rumman" reports no event type of its own, but it
    # dates and places what it speaks of: not the Thursday strike near Hamra.
    claims = [
        claim(
            "t1",
            "A",
            0,
            "Rebels attacked the post at Tal Rumman on Monday.",
            events=("attack",),
            places=("Tal Rumman",),
            times=(("2026-03-09", "weekday:monday"),),
        ),
        claim(
            "h1",
            "A",
            80,
            "Jets destroyed a convoy near Hamra on Thursday, killing 12 fighters.",
            events=("airstrike", "casualties"),
            places=("Hamra",),
            times=(("2026-03-12", "weekday:thursday"),),
        ),
        claim(
            "t2",
            "A",
            160,
            "The group blamed the army for Monday's fighting at Tal Rumman.",
            events=(),
            places=("Tal Rumman",),
            times=(("2026-03-09", "weekday:monday"),),
        ),
    ]
    # worded like the strike next to it: only its date and place tell it apart
    basis = np.eye(DIM, dtype=np.float32)
    vecs = np.stack([basis[0], basis[1], 0.6 * basis[1] + 0.8 * basis[2]])
    out, _ = group_incidents(claims, SOURCES, Config(), vectors=vecs)
    ids = {c.id: c.incident_id for c in out}
    assert ids["h1"] is not None
    assert ids["t2"] != ids["h1"]
    assert ids["t2"] == ids["t1"]


def test_a_follow_up_after_an_aside_returns_to_the_story_it_is_like():
    # main story, an aside on another incident, then a follow-up with no place
    # or date that reads like the main story: it joins the main story, not the
    # aside that happens to stand before it.
    basis = np.eye(DIM, dtype=np.float32)
    follow = 0.18 * basis[0] + np.sqrt(1 - 0.18**2) * basis[3]
    claims = [
        claim(
            "s1",
            "A",
            0,
            "An air strike hit the market in Sabil on Tuesday, killing nine.",
            events=("airstrike", "casualties"),
            places=("Sabil",),
            times=(("2026-03-10", "weekday:tuesday"),),
        ),
        claim(
            "x1",
            "A",
            80,
            "Separately, jets hit a convoy near Hamra on Thursday.",
            events=("airstrike",),
            places=("Hamra",),
            times=(("2026-03-12", "weekday:thursday"),),
        ),
        claim(
            "s2",
            "A",
            160,
            "Surgeons said 20 of the wounded were still in hospital.",
            events=("casualties",),
            casualties=(Casualty("injured", "civilians", 20, 20, Span(160, 162, "20")),),
        ),
    ]
    vecs = np.stack([basis[0], basis[2], follow.astype(np.float32)])
    out, _ = group_incidents(claims, SOURCES, Config(), vectors=vecs)
    ids = {c.id: c.incident_id for c in out}
    assert ids["s1"] is not None and ids["x1"] is not None
    assert ids["x1"] != ids["s1"]
    assert ids["s2"] == ids["s1"]


@pytest.mark.parametrize(
    "times_r,joined",
    [
        # the same place on the same day: the fighting and the troops flown in are one story
        ((("2026-03-09", "weekday:monday"),), True),
        # the same place, no day to tie them: movement and violence stay apart
        ((), False),
        # the same place a few days later: still apart
        ((("2026-03-13", "weekday:friday"),), False),
    ],
)
def test_movement_after_fighting_at_one_place_and_day_is_one_incident(times_r, joined):
    claims = [
        claim(
            "f1",
            "A",
            0,
            "Rebels attacked the army post at Tal Rumman before dawn on Monday.",
            events=("attack",),
            places=("Tal Rumman",),
            times=(("2026-03-09", "weekday:monday"),),
        ),
        claim(
            "r1",
            "A",
            80,
            "Reinforcements were flown to Tal Rumman by helicopter.",
            events=("reinforcement",),
            places=("Tal Rumman",),
            times=times_r,
        ),
    ]
    vecs = np.eye(DIM, dtype=np.float32)[: len(claims)]  # wording alone would not join them
    out, _ = group_incidents(claims, SOURCES, Config(), vectors=vecs)
    ids = {c.id: c.incident_id for c in out}
    assert ids["f1"] is not None and ids["r1"] is not None
    assert (ids["f1"] == ids["r1"]) is joined


@pytest.mark.parametrize(
    ("bare", "relation"),
    [
        ("Idlib", 0),  # "an Idlib market": maybe the province the town lies in
        ("Raqqa", 0),
        ("Damascus", -1),  # a capital written bare is the city
        ("Qaryatayn", -1),  # a town is a town
    ],
)
def test_a_city_named_like_its_province_does_not_rule_out_a_town(bare, relation):
    own_a, area_a = fr.place_sets((bare,))
    own_b, area_b = fr.place_sets(("Tell Hamra",))  # a village no gazetteer lists
    assert fr.place_relation(own_a, area_a, own_b, area_b) == relation


@pytest.mark.parametrize(("a", "b"), [("Aleppo", "Homs"), ("Idlib", "Palmyra"), ("Raqqa", "Daraa")])
def test_listed_places_of_other_provinces_still_rule_each_other_out(a, b):
    own_a, area_a = fr.place_sets((a,))
    own_b, area_b = fr.place_sets((b,))
    assert fr.place_relation(own_a, area_a, own_b, area_b) == -1
