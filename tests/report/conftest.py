"""A small hand-built RunResult: two articles about the Tal al-Zahab clash.

Article A is an excerpt of the CNN seed (corpora/syria-seeds/000); article B
is a SANA-style wire that nests a military source's statement inside SANA's.
No model is needed: every span is located with :func:`find`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from claimdiff.models import (
    Article,
    Casualty,
    CasualtySummary,
    Claim,
    Contradiction,
    EvidenceSpan,
    Incident,
    InputError,
    Role,
    RunResult,
    Source,
    Span,
    TimeRef,
    stable_id,
)

TEXT_A = (
    "CNN\u00a0 —\u00a0\n"
    "\n"
    "US troops in Syria and their allies exchanged fire with pro-Syrian regime forces in the "
    "eastern part of the country.\n"
    "\n"
    "A convoy of US troops and Syrian Democratic Forces were fired upon in eastern Syria Monday "
    "morning as they were traveling through a known checkpoint manned by Syrian pro-regime forces, "
    "the US-led coalition reported.\n"
    "\n"
    "No US personnel were injured, according to Col. Myles Caggins, the chief spokesman for "
    "Operation Inherent Resolve, who said that the coalition forces returned fire.\n"
    "\n"
    "“Coalition and Syrian Democratic Forces, conducting a routine anti-ISIS security patrol near "
    "Tal Al-Zahab, Syria, encountered a checkpoint occupied by pro-Syrian regime forces. After "
    "receiving safe passage from the pro-regime forces, the patrol came under small arms fire from "
    "individuals in the vicinity of the checkpoint. Coalition troops returned fire in "
    "self-defense,” Caggins said in a statement.\n"
    "\n"
    "The US is not yet able to confirm Syrian casualties or that the troops that fired on them "
    "were uniformed Syrian military personnel, Caggins said.\n"
    "\n"
    "It is not clear why the shooting began, because convoys have regularly passed through "
    "checkpoints with few incidents.\n"
    "\n"
    "The Syrian state news agency claimed that US forces attacked a checkpoint, killing one and "
    "injuring two. A Syrian military source told SANA that “at 9:45 am, a US patrol tried to enter "
    "the area where one of our military formations is deployed in Qamishli countryside through "
    "Tal al-Zahab checkpoint, and the army personnel at the checkpoint prevented it from passing, "
    "therefore, the members of the US patrol opened several rounds of fire.”\n"
)

TEXT_B = (
    "Damascus, SANA \u2013 US occupation forces attacked a checkpoint of the Syrian Arab Army near "
    "Tal al-Zahab in Qamishli countryside on Monday.\n"
    "SANA reported that a military source said the members of the US patrol opened several rounds "
    "of fire after the army personnel prevented it from passing, killing one soldier.\n"
    "The US-led coalition claimed its forces acted in self-defense.\n"
)


def find(text: str, needle: str, after: str | None = None) -> Span:
    """The span of ``needle`` in ``text`` (after the first ``after``, if given)."""
    base = text.index(after) if after else 0
    start = text.index(needle, base)
    return Span.of(text, start, start + len(needle))


def sentence_of(text: str, span: Span) -> Span:
    """The paragraph (line) around ``span``: context enough for a reader."""
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return Span.of(text, start, len(text) if end < 0 else end)


def claim(
    article: Article,
    source_id: str,
    form: str,
    content: str | list[str],
    mention: str | None = None,
    cue: str | None = None,
    after: str | None = None,
    **kw: object,
) -> Claim:
    text = article.text
    parts = [content] if isinstance(content, str) else content
    spans = tuple(find(text, p, after) for p in parts)
    m = find(text, mention, after) if mention else None
    c = find(text, cue, after) if cue else None
    sent = sentence_of(text, spans[0])
    cid = stable_id("c", article.id, source_id, *(f"{s.start}:{s.end}" for s in spans))
    return Claim(
        id=cid,
        article_id=article.id,
        source_id=source_id,
        form=form,
        source_mention=m,
        cue=c,
        content=spans,
        sentence=sent,
        **kw,  # type: ignore[arg-type]
    )


SOURCES = (
    Source(
        "oir-spokesman",
        "Col. Myles Caggins, chief spokesman for Operation Inherent Resolve",
        party="us",
        kind="spokesperson",
        aliases=("Caggins", "Col. Myles Caggins"),
    ),
    Source(
        "us-coalition",
        "US-led coalition (Operation Inherent Resolve)",
        party="us",
        kind="military",
        aliases=("the coalition",),
    ),
    Source(
        "sana",
        "SANA, the Syrian state news agency",
        party="syrian-government",
        kind="state-media",
        aliases=("SANA", "The Syrian state news agency"),
    ),
    Source(
        "syrian-military-source",
        "a Syrian military source (anonymous)",
        party="syrian-government",
        kind="anonymous-official",
        channel_of="sana",
    ),
    Source("outlet", "the outlet's own reporting voice", party="press", kind="outlet"),
)


def make_result() -> RunResult:
    a = Article(
        "art-cnn-000",
        "syria-seeds/000_36a3edd86f76f352.txt",
        TEXT_A,
        title="US troops in Syria exchange fire with pro-regime forces",
        outlet="CNN",
        url="https://edition.cnn.com/example",
    )
    b = Article(
        "art-sana-001",
        "wires/sana-001.txt",
        TEXT_B,
        title="US forces attack army checkpoint",
        outlet="SANA",
        published="2020-08-17",
    )
    inc = "inc-tal-al-zahab"
    narrative = claim(
        a,
        "outlet",
        "narrative",
        "US troops in Syria and their allies exchanged fire with pro-Syrian regime "
        "forces in the eastern part of the country",
        incident_id=inc,
    )
    coalition = claim(
        a,
        "us-coalition",
        "indirect",
        "A convoy of US troops and Syrian Democratic Forces were fired upon in eastern "
        "Syria Monday morning",
        "the US-led coalition",
        "reported",
        incident_id=inc,
        times=(TimeRef(find(TEXT_A, "Monday morning"), relative="weekday:monday"),),
    )
    no_injuries = claim(
        a,
        "oir-spokesman",
        "according_to",
        "No US personnel were injured",
        "Col. Myles Caggins",
        "according to",
        incident_id=inc,
    )
    returned = claim(
        a,
        "oir-spokesman",
        "indirect",
        "the coalition forces returned fire",
        "who",
        "said",
        after="Operation Inherent Resolve, who",
        incident_id=inc,
    )
    quote = claim(
        a,
        "oir-spokesman",
        "direct",
        "Coalition and Syrian Democratic Forces, conducting a routine anti-ISIS security "
        "patrol near Tal Al-Zahab, Syria, encountered a checkpoint occupied by pro-Syrian "
        "regime forces. After receiving safe passage from the pro-regime forces, the patrol "
        "came under small arms fire from individuals in the vicinity of the checkpoint. "
        "Coalition troops returned fire in self-defense",
        "Caggins",
        "said",
        after="“Coalition and",
        incident_id=inc,
        places=("Tal al-Zahab",),
        roles=(
            Role(
                "initiator",
                "individuals in the vicinity of the checkpoint",
                "unknown",
                find(TEXT_A, "came under small arms fire"),
            ),
            Role("responder", "Coalition troops", "us", find(TEXT_A, "returned fire in self")),
        ),
    )
    cannot_confirm = claim(
        a,
        "oir-spokesman",
        "denial",
        "The US is not yet able to confirm Syrian casualties",
        "Caggins",
        "said",
        after="The US is not yet",
        hedged=True,
        incident_id=inc,
    )
    unclear = claim(a, "outlet", "narrative", "It is not clear why the shooting began")
    sana = claim(
        a,
        "sana",
        "indirect",
        "US forces attacked a checkpoint, killing one and injuring two",
        "The Syrian state news agency",
        "claimed",
        incident_id=inc,
        casualties=(
            Casualty("killed", "checkpoint soldiers", 1, 1, find(TEXT_A, "killing one"), 1),
            Casualty("injured", "checkpoint soldiers", 2, 2, find(TEXT_A, "injuring two"), 2),
        ),
    )
    military = claim(
        a,
        "syrian-military-source",
        "direct",
        "at 9:45 am, a US patrol tried to enter the area where one of our military "
        "formations is deployed in Qamishli countryside through Tal al-Zahab checkpoint, "
        "and the army personnel at the checkpoint prevented it from passing, therefore, "
        "the members of the US patrol opened several rounds of fire",
        "A Syrian military source",
        "told",
        channel_id="sana",
        incident_id=inc,
        places=("Qamishli countryside", "Tal al-Zahab"),
        times=(TimeRef(find(TEXT_A, "at 9:45 am"), clock="09:45"),),
        roles=(
            Role(
                "initiator",
                "the members of the US patrol",
                "us",
                find(TEXT_A, "opened several rounds of fire"),
            ),
        ),
    )
    # Article B: the military source's statement nested inside SANA's.
    b_sana = claim(
        b,
        "sana",
        "indirect",
        "a military source said the members of the US patrol opened several rounds of "
        "fire after the army personnel prevented it from passing, killing one soldier",
        "SANA",
        "reported",
        after="SANA reported",
        incident_id=inc,
        casualties=(
            Casualty("killed", "checkpoint soldiers", 1, 1, find(TEXT_B, "killing one soldier"), 1),
        ),
    )
    b_military = claim(
        b,
        "syrian-military-source",
        "indirect",
        "the members of the US patrol opened several rounds of fire after the army "
        "personnel prevented it from passing",
        "a military source",
        "said",
        after="SANA reported",
        channel_id="sana",
        incident_id=inc,
    )
    # Crosses the end of b_sana's content and runs into the next line.
    b_crossing = claim(
        b,
        "us-coalition",
        "mixed",
        "killing one soldier.\nThe US-led coalition claimed its forces acted",
        warnings=("span crosses another claim",),
        incident_id=inc,
    )
    b_coalition = claim(
        b,
        "us-coalition",
        "indirect",
        "its forces acted in self-defense",
        "The US-led coalition",
        "claimed",
        incident_id=inc,
    )
    claims = (
        narrative,
        coalition,
        no_injuries,
        returned,
        quote,
        cannot_confirm,
        unclear,
        sana,
        military,
        b_sana,
        b_military,
        b_crossing,
        b_coalition,
    )

    def ev(c: Claim, words: str) -> EvidenceSpan:
        art = a if c.article_id == a.id else b
        return EvidenceSpan(art.id, c.id, find(art.text, words, c.content[0].text[:20]))

    initiator = Contradiction(
        id=stable_id("k", inc, "initiator", quote.id, military.id),
        incident_id=inc,
        type="initiator",
        relation="contradicts",
        severity="high",
        sides=((quote.id, returned.id), (military.id, sana.id, b_military.id)),
        evidence=(
            (
                ev(quote, "came under small arms fire"),
                ev(quote, "returned fire in self-defense"),
                ev(returned, "returned fire"),
            ),
            (
                ev(military, "opened several rounds of fire"),
                ev(sana, "attacked a checkpoint"),
                ev(b_military, "opened several rounds of fire"),
            ),
        ),
        explanation="The coalition says its patrol came under fire and returned it; the Syrian "
        "military source says the US patrol opened fire first.",
        parties=("us", "syrian-government"),
    )
    unconfirmed = Contradiction(
        id=stable_id("k", inc, "confirmation", sana.id, cannot_confirm.id),
        incident_id=inc,
        type="confirmation",
        relation="unconfirmed",
        severity="medium",
        sides=((sana.id,), (cannot_confirm.id,)),
        evidence=(
            (ev(sana, "killing one and injuring two"),),
            (ev(cannot_confirm, "not yet able to confirm Syrian casualties"),),
        ),
        explanation="SANA reports one killed and two injured; the coalition cannot confirm "
        "Syrian casualties.",
    )
    grouped = [c for c in claims if c.incident_id == inc]
    incident = Incident(
        id=inc,
        title="US patrol and pro-regime forces exchange fire at the Tal al-Zahab checkpoint",
        claim_ids=tuple(c.id for c in grouped),
        article_ids=(a.id, b.id),
        parties=("us", "syrian-government", "press"),
        source_ids=tuple(dict.fromkeys(c.source_id for c in grouped)),
        places=("Tal al-Zahab", "Qamishli countryside"),
        event_types=("armed clash",),
        dates=("2020-08-17",),
        casualties=(
            CasualtySummary("killed", "checkpoint soldiers", 1, 1, 1, (sana.id, b_sana.id)),
            CasualtySummary("injured", "checkpoint soldiers", 2, 2, 2, (sana.id,)),
        ),
    )
    return RunResult(
        articles=(a, b),
        sources=SOURCES,
        claims=claims,
        incidents=(incident,),
        contradictions=(initiator, unconfirmed),
        errors=(InputError("inputs/broken.pdf", "unsupported format '.pdf'", "E106"),),
        meta={"generator": "claimdiff test"},
    )


# Each payload would call alert() or set window.__claimdiff_pwned if it ran:
# the browser tests check that neither happens.
HOSTILE = (
    "<script>window.__claimdiff_pwned=true;alert(1)</script><img src=x onerror=alert(1)>"
    '<svg onload="window.__claimdiff_pwned=true"></svg>'
    '<a href="javascript:window.__claimdiff_pwned=true">x</a>'
)


def make_hostile_result() -> RunResult:
    """``make_result`` plus an article and a source whose every field is an attack."""
    base = make_result()
    text = f'{HOSTILE}\nThe spokesman said "{HOSTILE}" and <b>left</b>. & &amp; done.\n'
    evil = Article(
        '../../evil"><script>alert(1)</script>',
        f"{HOSTILE}.txt",
        text,
        title=HOSTILE,
        outlet="<img src=x onerror=alert(1)>",
        published='"><script>alert(1)</script>',
        url="javascript:alert(1)",
        warnings=(HOSTILE,),
    )
    evil_source = Source(
        'evil-source"><script>',
        f"{HOSTILE} spokesman",
        party='"><img src=x onerror=alert(1)>',
        kind=HOSTILE,
        aliases=(HOSTILE,),
    )
    c = claim(
        evil,
        evil_source.id,
        "direct",
        HOSTILE,
        "The spokesman",
        "said",
        after="The spokesman",
        incident_id="inc-evil",
        channel_id="sana",
    )
    # Offsets past the end of the text: the claim cannot be marked, yet links
    # to it must still land somewhere, and nothing may crash.
    broken = Claim(
        "c-broken-offsets",
        evil.id,
        "no-such-source",
        "indirect",
        Span(9000, 9010, "x"),
        None,
        (Span(9020, 9030, "y"), Span(-3, -1, "z")),
        Span(9000, 9040, "w"),
        channel_id="no-such-channel",
        incident_id="inc-evil",
        casualties=(Casualty("killed", HOSTILE, 101, None, Span(9000, 9003, "101")),),
    )
    inc = Incident(
        "inc-evil",
        HOSTILE,
        (c.id, broken.id, "c-missing"),
        (evil.id, "art-missing"),
        parties=(HOSTILE,),
        places=(HOSTILE,),
        dates=(HOSTILE,),
        event_types=(HOSTILE,),
    )
    k = Contradiction(
        'k-evil"><script>',
        "inc-evil",
        HOSTILE,
        HOSTILE,
        HOSTILE,
        ((c.id, "c-missing"), (base.claims[0].id, broken.id)),
        (
            (EvidenceSpan(evil.id, c.id, c.content[0]),),
            (
                EvidenceSpan(evil.id, broken.id, Span(9000, 9003, "101")),
                EvidenceSpan("art-missing", "c-missing", Span(0, 4, HOSTILE[:4])),
            ),
        ),
        explanation=HOSTILE,
        parties=(HOSTILE, HOSTILE),
    )
    return replace(
        base,
        articles=base.articles + (evil,),
        sources=base.sources + (evil_source,),
        claims=base.claims + (c, broken),
        incidents=base.incidents + (inc,),
        contradictions=base.contradictions + (k,),
        errors=base.errors + (InputError(HOSTILE, HOSTILE),),
        meta={"generator": HOSTILE, "title": HOSTILE},
    )


@pytest.fixture
def result() -> RunResult:
    return make_result()


@pytest.fixture
def hostile_result() -> RunResult:
    return make_hostile_result()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "out"
