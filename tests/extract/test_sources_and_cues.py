"""Table-driven tests of source resolution and cue finding in conflict
reporting: registry names over NER guesses, anonymity boilerplate, statements
and their issuers, pronouns and definite descriptions, state media, and cue
words that report no statement."""

from __future__ import annotations

import pytest

from claimdiff.extract import extract_claims
from claimdiff.models import Article
from claimdiff.sources import Registry

pytestmark = pytest.mark.slow


def run(nlp, registry, text: str, outlet: str | None = None, title: str | None = None):
    art = Article(id="t1", path="t1.txt", text=text, outlet=outlet, title=title)
    ex = extract_claims(art, nlp(text), registry)
    sources = {s.id: s for s in ex.sources}
    return [c for c in ex.claims if c.form != "narrative"], sources


def claim_with(claims, content_start: str):
    found = [c for c in claims if c.content_text.startswith(content_start)]
    assert len(found) == 1, [(c.source_id, c.content_text) for c in claims]
    return found[0]


# A registered name wins over a PERSON tag the tagger put on that very name.
REGISTRY_OVER_NER = [
    # (text, content start, source id, kind)
    (
        "According to the Observatory, a bus was struck by two mortar rounds in Idlib.",
        "a bus",
        "sohr",
        "monitor",
    ),
    (
        "SANA said three soldiers were wounded near the airport.",
        "three soldiers",
        "sana",
        "state-media",
    ),
    (
        "Kataib Hezbollah said its fighters had launched the drones.",
        "its fighters",
        "kataib-hezbollah",
        "armed-group",
    ),
    (
        "The United States said its forces were not involved in the raid.",
        "its forces",
        "us-government",
        "government",
    ),
]


@pytest.mark.parametrize("text,content,sid,kind", REGISTRY_OVER_NER)
def test_registry_beats_person_tag(nlp, registry, text, content, sid, kind):
    claims, sources = run(nlp, registry, text)
    c = claim_with(claims, content)
    assert c.source_id == sid
    assert sources[sid].kind == kind


def test_person_id_never_takes_a_registry_id(nlp):
    # A person whose name spells the id of a registered organisation stays a person.
    reg = Registry(
        [
            {
                "id": "maria-lopez",
                "name": "Maria Lopez Foundation",
                "kind": "ngo",
                "aliases": ["Lopez Foundation"],
            }
        ],
        {},
    )
    claims, sources = run(nlp, reg, "Maria Lopez said the count was over.")
    c = claim_with(claims, "the count")
    assert c.source_id != "maria-lopez"
    assert sources[c.source_id].kind == "person"


# "X said in a statement that ...": the verb is the cue and X the source, though
# the parser hangs the clause on the noun.
IN_A_STATEMENT = [
    # (text, content start, source mention)
    (
        "US Central Command said in a statement that a patrol boat was fired upon in the Gulf.",
        "a patrol boat",
        "US Central Command",
    ),
    ("The army said in a letter that its troops had left the town.", "its troops", "The army"),
]


@pytest.mark.parametrize("text,content,mention", IN_A_STATEMENT)
def test_said_in_a_statement_that(nlp, registry, text, content, mention):
    claims, _ = run(nlp, registry, text)
    c = claim_with(claims, content)
    assert c.source_mention is not None and c.source_mention.text == mention
    assert c.cue is not None and c.cue.text == "said"


ANONYMITY = [
    # (text, content of the one claim, mention)
    (
        (
            "A nurse at the field clinic, who asked not to be identified because she had no clearance to speak "
            "to the press, said three of the wounded were children."
        ),
        "three of the wounded were children",
        "A nurse at the field clinic",
    ),
    (
        "A military official, who asked not to be identified, said two soldiers were killed.",
        "two soldiers were killed",
        "A military official",
    ),
    (
        (
            "A Jordanian border official, who spoke on condition of anonymity to talk about an unfinished inquiry, "
            "blamed “armed smugglers” for the shooting."
        ),
        "armed smugglers",
        "A Jordanian border official",
    ),
]


@pytest.mark.parametrize("text,content,mention", ANONYMITY)
def test_anonymity_clause_is_no_claim_and_no_second_source(nlp, registry, text, content, mention):
    claims, sources = run(nlp, registry, text)
    assert len(claims) == 1, [(c.source_id, c.content_text) for c in claims]
    c = claims[0]
    assert c.content_text.startswith(content)
    assert c.source_mention is not None and c.source_mention.text == mention
    assert len([s for s in sources.values() if s.id != "unattributed"]) == 1


def test_relative_pronoun_is_its_noun(nlp, registry):
    # "who said" and the later "said" of the same noun are one source.
    text = (
        "A military official, who said the base was hit twice, told reporters the damage was light."
    )
    claims, _ = run(nlp, registry, text)
    assert len({c.source_id for c in claims}) == 1, [(c.source_id, c.content_text) for c in claims]


RESOLUTION = [
    # (text, content start of the later claim, content start of the claim it must share a source with)
    # "the ministry": the ministry named before, not the last military source.
    (
        (
            "Turkey's Defence Ministry said the target was a depot. The Kurdish-led forces said the strike hit a "
            "farm. The gunmen had fired first, said the ministry."
        ),
        "The gunmen",
        "the target",
    ),
    # "They": the plural subject of the sentence before, not a singular speaker.
    (
        (
            "A shopkeeper said the market was full of families. Iraqi police sources, talking to the state "
            "broadcaster, offered a contrasting version. They said the truck was loaded with rockets."
        ),
        "the truck was loaded",
        None,
    ),
    # "the statement said": whoever said it in a statement.
    (
        (
            "“Two rockets landed inside the base,” US Central Command said in a statement. The troops returned "
            "fire, the statement said."
        ),
        "The troops returned",
        "Two rockets",
    ),
    # a participle after a comma speaks for the main clause's subject
    (
        (
            "The ministry rejected claims that its troops had fired first, describing them as “baseless lies "
            "spread by the enemy.”"
        ),
        "them as",
        "claims that",
    ),
]


@pytest.mark.parametrize("text,later,earlier", RESOLUTION)
def test_resolution_to_a_compatible_speaker(nlp, registry, text, later, earlier):
    claims, sources = run(nlp, registry, text)
    c = claim_with(claims, later)
    if earlier is None:
        src = sources[c.source_id]
        assert src.party == "iraq" and "sources" in src.name.lower(), src
    else:
        assert c.source_id == claim_with(claims, earlier).source_id


def test_they_keeps_the_medium_it_was_introduced_with(nlp, registry):
    text = (
        "Turkish intelligence sources, talking to the state-owned Anadolu Agency, told a different story. "
        "They said the minibus was packed with ammunition."
    )
    claims, _ = run(nlp, registry, text)
    assert claim_with(claims, "the minibus").channel_id == "anadolu"


def test_unnamed_source_speaks_through_its_channel(nlp, registry):
    text = "An army source told SANA that a helicopter was shot at. The source said the pilots were unhurt."
    claims, sources = run(nlp, registry, text)
    src = sources[claim_with(claims, "a helicopter").source_id]
    assert src.channel_of == "sana"


def test_group_calling_itself(nlp, registry):
    text = "A group calling itself the Valley Martyrs Battalion said it had shelled the airport."
    claims, sources = run(nlp, registry, text)
    src = sources[claim_with(claims, "it had shelled").source_id]
    assert "Valley Martyrs Battalion" in src.name


# An unnamed official speaking through state media, or in a state-media
# dispatch, speaks for that state; residents and local sources do not.
STATE_MEDIA = [
    # (text, outlet, content start, party)
    (
        "An army source told SANA that a mortar round fell near the power station.",
        None,
        "a mortar round",
        "syrian-government",
    ),
    (
        "A security official told Anadolu Agency that the gunmen crossed the border at night.",
        None,
        "the gunmen",
        "turkey",
    ),
    (
        "A military source said two drones were downed over the airport.",
        "SANA",
        "two drones",
        "syrian-government",
    ),
    (
        "The correspondent said the injured were moved to the main hospital.",
        "SANA",
        "the injured",
        "syrian-government",
    ),
    (
        "The Ministry of Information condemned the raid as a crime.",
        "SANA",
        "the raid",
        "syrian-government",
    ),
    (
        "Local residents told SANA that the shelling lasted all night.",
        None,
        "the shelling",
        "unknown",
    ),
    (
        "A military source said two drones were downed over the airport.",
        "Levant Daily",
        "two drones",
        "unknown",
    ),
]


@pytest.mark.parametrize("text,outlet,content,party", STATE_MEDIA)
def test_party_from_state_media(nlp, registry, text, outlet, content, party):
    claims, sources = run(nlp, registry, text, outlet=outlet)
    assert sources[claim_with(claims, content).source_id].party == party


# Cue words that report no statement at all.
NO_STATEMENT = [
    "The interior ministry did not respond to a request for comment about the arrests.",
    "The embassy has not commented on the raid.",
    "Car bomb in market town claims seven lives",
]


@pytest.mark.parametrize("text", NO_STATEMENT)
def test_no_statement(nlp, registry, text):
    claims, _ = run(nlp, registry, text)
    assert claims == [], [(c.form, c.source_id, c.content_text) for c in claims]


def test_declining_to_comment_is_no_denial(nlp, registry):
    claims, _ = run(nlp, registry, "The army declined to comment on the report.")
    assert all(c.form != "denial" for c in claims), [(c.form, c.content_text) for c in claims]


def test_a_real_denial_is_kept(nlp, registry):
    # Not the no-comment rule: a denial with content stays a denial.
    claims, _ = run(nlp, registry, "The army denied that its jets had struck the market.")
    assert claim_with(claims, "its jets").form == "denial"


def test_headline_label_is_no_speaker(nlp, registry):
    claims, _ = run(
        nlp,
        registry,
        "Factbox: Who controls the northern border crossings\n\nThe crossings are shut.",
    )
    assert claims == [], [(c.source_id, c.content_text) for c in claims]


def test_continuation_quote_does_not_jump_a_paragraph(nlp, registry):
    text = (
        "“They were shepherds,” the village head told the paper. “Nobody there carried a gun.”\n\n"
        "A regional news agency quoted a nurse at the clinic as saying the girl had lost a hand."
    )
    claims, _ = run(nlp, registry, text)
    nobody = claim_with(claims, "They were shepherds")
    assert [s.text for s in nobody.content] == ["They were shepherds", "Nobody there carried a gun"]


def test_cue_manner_phrase_is_not_content(nlp, registry):
    text = (
        "“The strike hit a school,” the spokesman told the agency by phone. “Nine children died.”"
    )
    claims, _ = run(nlp, registry, text)
    c = claim_with(claims, "The strike")
    assert [s.text for s in c.content] == ["The strike hit a school", "Nine children died"]
    assert c.form == "direct"


def test_headline_speaker_is_the_body_source(nlp, registry):
    title = "Bombardment kills six in hill town, monitor says"
    text = (
        f"{title}\nThe Syrian Observatory for Human Rights said six people died in the "
        "bombardment on Friday."
    )
    claims, _ = run(nlp, registry, text, title=title)
    assert claim_with(claims, "Bombardment kills").source_id == "sohr"


@pytest.mark.parametrize(
    "title,content",
    [
        # a passive without its auxiliary is a headline's statement
        ("Six villagers killed in shelling of hill town, monitor says", "Six villagers killed in"),
        ("Two medics wounded as convoy hit, monitor says", "Two medics wounded as"),
    ],
)
def test_headline_participle_statement(nlp, registry, title, content):
    text = f"{title}\nThe Syrian Observatory for Human Rights said the shelling went on all night."
    claims, _ = run(nlp, registry, text, title=title)
    assert claim_with(claims, content).source_id == "sohr"


# Party cues for actors and speakers the registry did not know: the PKK (and
# "PKK/YPG", Turkey's name for the SDF's core), the United States, Iraqi actors.
PARTY_CUES = [
    # (description, party)
    ("PKK militants", "pkk"),
    ("fighters of the Kurdistan Workers' Party", "pkk"),
    ("two PKK/YPG militants", "sdf"),
    ("The United States", "us"),
    ("Iraqi security sources", "iraq"),
    ("an Iran-aligned militia", "iran"),
    ("Peshmerga commanders", "kurdistan-region"),
    ("an Iraqi Kurdish official", "kurdistan-region"),
    # unchanged: the Syrian war's Iranian-backed militias fight for Damascus
    ("an Iranian-backed militia", "syrian-government"),
]


@pytest.mark.parametrize("text,party", PARTY_CUES)
def test_party_cues(registry, text, party):
    assert registry.party_of(text) == party


REGISTERED = [
    # (name in text, registry id)
    ("Kataib Hezbollah", "kataib-hezbollah"),
    ("the Islamic Resistance in Iraq", "islamic-resistance-in-iraq"),
    ("Iraq's Popular Mobilisation Forces", "popular-mobilization-forces"),
    ("Turkey", "turkish-government"),
    ("Rami Abdel Rahman", "rami-abdel-rahman"),
]


@pytest.mark.parametrize("text,sid", REGISTERED)
def test_registered_names(registry, text, sid):
    m = registry.match(text)
    assert m is not None and m.source.id == sid


# A dateline opening a paragraph (a place in capitals, perhaps a region, a date and
# an agency, then a dash, or a colon after a date) is never the speaker.
DATELINES = [
    # (text, content start, source mention, source id)
    (
        (
            "Night raids\n\nBAGHDAD, Feb 11 - The Iraqi Defence Ministry said the raid on the farm on Sunday "
            "killed no civilians."
        ),
        "the raid",
        "The Iraqi Defence Ministry",
        None,
    ),
    (
        (
            "Night raids\n\nCAIRO, Oct 12 - The Turkish Defence Ministry said the operation in the hills on "
            "Thursday killed no civilians."
        ),
        "the operation",
        "The Turkish Defence Ministry",
        "turkey-defence-ministry",
    ),
    (
        (
            "Night raids\n\nERBIL, Iraq, July 8 - The Kurdish regional government said the drone attack on the "
            "airport caused no damage."
        ),
        "the drone attack",
        "The Kurdish regional government",
        None,
    ),
    (
        (
            "Night raids\n\nISTANBUL, Nov 20: The SDF said the drone strike on the village on Tuesday killed "
            "three farmers."
        ),
        "the drone strike",
        "The SDF",
        "sdf",
    ),
]


@pytest.mark.parametrize("text,content,mention,sid", DATELINES)
def test_dateline_is_no_speaker(nlp, registry, text, content, mention, sid):
    claims, _ = run(nlp, registry, text, title="Night raids")
    c = claim_with(claims, content)
    assert c.source_mention is not None and c.source_mention.text == mention
    if sid is not None:
        assert c.source_id == sid


def test_dateline_prefix_is_no_content(nlp, registry):
    text = "HOMS, May 9 - Two shells landed near the clinic, the governor said."
    claims, _ = run(nlp, registry, text)
    assert claim_with(claims, "Two shells").content_text == "Two shells landed near the clinic"


# "SANA said ...": an all-capitals name the sentence splitter cut off from its verb.
SPLIT_NAME = [
    # (text, content start, source id)
    ("Update\n\nSANA said a car bomb wounded four people at a checkpoint.", "a car bomb", "sana"),
    ("Update\n\nSOHR said the shelling went on until dawn.", "the shelling", "sohr"),
]


@pytest.mark.parametrize("text,content,sid", SPLIT_NAME)
def test_capitalised_name_cut_from_its_verb_speaks(nlp, registry, text, content, sid):
    claims, _ = run(nlp, registry, text, title="Update")
    assert claim_with(claims, content).source_id == sid


# A statement conjoined to a refusal to comment is a statement of its own.
NO_COMMENT_BUT = [
    # (text, content of the statement)
    (
        "The ministry did not respond to questions but said the strike hit only militant positions.",
        "the strike hit only militant positions",
    ),
    (
        "The police did not reply to our emails but said the checkpoint had been closed for days.",
        "the checkpoint had been closed for days",
    ),
]


@pytest.mark.parametrize("text,content", NO_COMMENT_BUT)
def test_statement_after_no_comment_is_kept(nlp, registry, text, content):
    claims, _ = run(nlp, registry, text)
    c = claim_with(claims, content[:12])
    assert c.content_text == content and c.form == "indirect"


# Only an official of the state itself takes a state medium's side; a speaker of
# another body (a hospital, an armed group, a council, the UN) does not.
OTHER_BODY_VIA_STATE_MEDIA = [
    # (text, content start)
    ("A clinic official told Anadolu Agency that six patients were hurt.", "six patients"),
    (
        "A spokesman for the armed group told Anadolu Agency that its men had pulled back.",
        "its men",
    ),
    ("A village council official told SANA that the road was blocked.", "the road"),
    ("A Red Crescent official told SANA that the convoy was delayed.", "the convoy"),
]


@pytest.mark.parametrize("text,content", OTHER_BODY_VIA_STATE_MEDIA)
def test_other_body_keeps_no_state_side(nlp, registry, text, content):
    claims, sources = run(nlp, registry, text)
    src = sources[claim_with(claims, content).source_id]
    assert src.party not in ("turkey", "syrian-government"), src


# ... while the state's own officials and institutions still do.
STATE_OFFICIAL_VIA_STATE_MEDIA = [
    # (text, content start)
    ("A senior army source told SANA that the convoy was hit twice.", "the convoy"),
    ("The health ministry told SANA that nine people were wounded.", "nine people"),
    ("A local official told SANA that the bridge was damaged.", "the bridge"),
    ("A spokesman for the interior ministry told SANA that the road was reopened.", "the road"),
]


@pytest.mark.parametrize("text,content", STATE_OFFICIAL_VIA_STATE_MEDIA)
def test_state_official_takes_the_state_side(nlp, registry, text, content):
    claims, sources = run(nlp, registry, text)
    assert sources[claim_with(claims, content).source_id].party == "syrian-government"


def test_headline_speaker_is_unnamed_when_the_body_has_two(nlp, registry):
    # Two ministries speak in the body: "ministry says" does not tell which.
    title = "Air strike hits fuel trucks near border, ministry says"
    text = (
        f"{title}\nThe Iraqi Interior Ministry said the strike destroyed five fuel trucks near the "
        "crossing. The Turkish Defence Ministry said the trucks carried weapons."
    )
    claims, sources = run(nlp, registry, text, title=title)
    c = claim_with(claims, "Air strike hits")
    body = {
        claim_with(claims, "the strike destroyed").source_id,
        claim_with(claims, "the trucks").source_id,
    }
    assert c.source_id not in body
    assert sources[c.source_id].party == "unknown"


def test_headline_speaker_is_the_one_body_source(nlp, registry):
    title = "Rocket hits airport, ministry says"
    text = (
        f"{title}\nThe Iraqi Interior Ministry said a rocket landed near the runway. "
        "Witnesses said the blast shook nearby homes."
    )
    claims, _ = run(nlp, registry, text, title=title)
    assert (
        claim_with(claims, "Rocket hits").source_id
        == claim_with(claims, "a rocket landed").source_id
    )
