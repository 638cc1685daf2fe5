"""Table-driven tests of constructions seen in real news that the parser gets
wrong or that split an attribution: conjoined reporting verbs, "according to"
phrases whose source swallows the clause's subject, relative clauses with a
preposition, block quotes after a colon, contents running past a semicolon,
titles cut by the sentence splitter and NYT-style '' quote marks."""

from __future__ import annotations

import pytest

from claimdiff.extract import extract_claims
from claimdiff.models import Article

pytestmark = pytest.mark.slow


def run(nlp, registry, text: str):
    art = Article(id="t1", path="t1.txt", text=text)
    ex = extract_claims(art, nlp(text), registry)
    return [c for c in ex.claims if c.form != "narrative"], {s.id: s for s in ex.sources}


def by_cue(claims, cue: str):
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert len(found) == 1, [(c.cue and c.cue.text, c.content_text) for c in claims]
    return found[0]


def mention(claim) -> str | None:
    return claim.source_mention.text if claim.source_mention is not None else None


# 1. A series of verbs sharing one subject: every conjunct has the first one's
#    subject, even when the parser hangs the first conjunct on a later one.
CONJOINED = [
    # (text, cue, source mention, content)
    (
        'The governor called the plan "reckless," blasted the budget and warned that taxes would rise.',
        "warned",
        "The governor",
        "taxes would rise",
    ),
    (
        'The governor called the plan "reckless," blasted the budget and warned that taxes would rise.',
        "blasted",
        "The governor",
        "the budget",
    ),
    (
        (
            'The senator further described the deal as "a disaster," denounced its authors and said it '
            "should never have been signed."
        ),
        "said",
        "The senator",
        "it should never have been signed",
    ),
    (
        "The ministry quietly dropped the charges, admitted it had lost the files, and said the case was closed.",
        "said",
        "The ministry",
        "the case was closed",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", CONJOINED)
def test_conjoined_verbs_share_the_subject(nlp, registry, text, cue, source, content):
    c = by_cue(run(nlp, registry, text)[0], cue)
    assert (mention(c), c.content_text) == (source, content)


def test_conjunct_with_its_own_subject_keeps_it(nlp, registry):
    text = "The mayor praised the deal, but the council said the vote would fail."
    c = by_cue(run(nlp, registry, text)[0], "said")
    assert mention(c) == "the council"


def test_copula_is_no_first_conjunct(nlp, registry):
    # "That is ..." is no verb of the series: its subject speaks for nobody.
    text = "That is the week in which the city's mayor, Anna Weber, promised new housing for the refugees."
    c = by_cue(run(nlp, registry, text)[0], "promised")
    assert mention(c) != "That"


# 2. "According to X, Y verb ...": the parser may hang Y on X as an apposition;
#    Y then belongs to the content, not to the source. A real apposition stays.
ACCORDING_TO = [
    # (text, source mention, content, source name)
    (
        (
            "According to Rep. Mark Ellison, congressional probing of the contract was partly responsible "
            "for the delay."
        ),
        "Rep. Mark Ellison",
        "congressional probing of the contract was partly responsible for the delay",
        "Mark Ellison",
    ),
    (
        "According to the police summary, Jones and another officer asked the staff to delete the footage.",
        "the police summary",
        "Jones and another officer asked the staff to delete the footage",
        None,
    ),
    (
        "According to Mark Ellison, a spokesman for the army, the strike killed five fighters.",
        "Mark Ellison",
        "the strike killed five fighters",
        "Mark Ellison, a spokesman for the army",
    ),
    (
        "According to the army and the police, five people died in the fire.",
        "the army and the police",
        "five people died in the fire",
        None,
    ),
]


@pytest.mark.parametrize("text,source,content,name", ACCORDING_TO)
def test_according_to_keeps_the_clause_subject(nlp, registry, text, source, content, name):
    claims, sources = run(nlp, registry, text)
    c = by_cue(claims, "According to")
    assert (mention(c), c.content_text) == (source, content)
    if name is not None:
        assert sources[c.source_id].name == name


# 3. "The time frame in which X, Y, promised": the speaker is the phrase after
#    "in which", never the noun the relative clause hangs on.
RELATIVE = [
    # (text, cue, source mention, source name)
    (
        "The time frame in which the party's nominee, Sen. Tom Baker, promised tax reform is short.",
        "promised",
        "the party's nominee, Sen. Tom Baker",
        "Tom Baker",
    ),
    (
        "The period in which Democrats' nominee, Sen. Paul Hart (D-Ore.), promised a vote on the bill ended in March.",
        "promised",
        "Democrats' nominee, Sen. Paul Hart (D-Ore.)",
        "Paul Hart",
    ),
    (
        "This is the report in which the ministry said the camp was empty.",
        "said",
        "the ministry",
        None,
    ),
]


@pytest.mark.parametrize("text,cue,source,name", RELATIVE)
def test_relative_clause_with_preposition(nlp, registry, text, cue, source, name):
    claims, sources = run(nlp, registry, text)
    c = by_cue(claims, cue)
    assert mention(c) == source
    if name is not None:
        assert sources[c.source_id].name.startswith(name)


def _parsed(nlp, words, heads, deps, pos):
    """A Doc with a given parse: the parser's mistake, not left to chance."""
    from spacy.tokens import Doc

    spaces = [nxt not in (",", ".") for nxt in words[1:]] + [False]
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, spaces=spaces)


def test_according_to_conjunct_taken_for_the_source(nlp):
    # "According to the staff memo, Ruiz and another aide asked ...": the parser
    # joined "Ruiz" to the source as a conjunct, and "asked" has no subject.
    from claimdiff.extract.attribution import is_lost_subject, mention_span

    words = [
        "According",
        "to",
        "the",
        "staff",
        "memo",
        ",",
        "Ruiz",
        "and",
        "another",
        "aide",
        "asked",
        "the",
        "clerk",
        ".",
    ]
    heads = [10, 0, 4, 4, 1, 4, 4, 6, 9, 6, 10, 12, 10, 10]
    deps = [
        "prep",
        "prep",
        "det",
        "compound",
        "pobj",
        "punct",
        "conj",
        "cc",
        "det",
        "conj",
        "ROOT",
        "det",
        "dobj",
        "punct",
    ]
    pos = [
        "VERB",
        "ADP",
        "DET",
        "NOUN",
        "NOUN",
        "PUNCT",
        "PROPN",
        "CCONJ",
        "DET",
        "NOUN",
        "VERB",
        "DET",
        "NOUN",
        "PUNCT",
    ]
    doc = _parsed(nlp, words, heads, deps, pos)
    assert is_lost_subject(doc[6])
    s, e = mention_span(doc[4])
    assert doc.text[s:e] == "the staff memo"
    # When the verb has a subject of its own, the conjunct is part of the source.
    words2 = words[:10] + ["he", "asked", "the", "clerk", "."]
    heads2 = [11, 0, 4, 4, 1, 4, 4, 6, 9, 6, 11, 11, 13, 11, 11]
    deps2 = deps[:10] + ["nsubj", "ROOT", "det", "dobj", "punct"]
    pos2 = pos[:10] + ["PRON", "VERB", "DET", "NOUN", "PUNCT"]
    doc2 = _parsed(nlp, words2, heads2, deps2, pos2)
    assert not is_lost_subject(doc2[6])


# 4. Block quotes: a cue clause ending its paragraph with a colon, then a
#    paragraph with no quote marks. The paragraph is the statement.
BLOCK_QUOTES = [
    # (text, cue, content)
    (
        (
            "The governor has long opposed the plan. In a speech last July, he said:\n\n"
            "We will not retreat from this city. The army will hold every street until the last fighter leaves.\n\n"
            "The crowd cheered."
        ),
        "said",
        [
            "We will not retreat from this city. The army will hold every street until the last fighter leaves"
        ],
    ),
    (
        # lines set apart less than the block is from the text around it belong to it
        (
            "The minister spoke for an hour. She told reporters:\n\n"
            "The talks have failed.\nThe ceasefire is over.\n\n"
            "The meeting ended at noon."
        ),
        "told",
        ["The talks have failed", "The ceasefire is over"],
    ),
    (
        # a clause between the cue and the colon stays part of the statement
        "The agency said the plan has three parts:\n\nClose the border crossings.\n\nThe vote is next week.",
        "said",
        ["the plan has three parts", "Close the border crossings"],
    ),
]


@pytest.mark.parametrize("text,cue,content", BLOCK_QUOTES)
def test_block_quote_after_a_colon(nlp, registry, text, cue, content):
    c = by_cue(run(nlp, registry, text)[0], cue)
    assert [s.text for s in c.content] == content


def test_block_quote_stops_at_a_paragraph_with_its_own_speaker(nlp, registry):
    text = (
        "The mayor wrote:\n\nThe shelters are full and the schools are closed.\n"
        "The army said the road to the camp was open again.\n\nNo one was hurt."
    )
    claims = run(nlp, registry, text)[0]
    c = by_cue(claims, "wrote")
    assert [s.text for s in c.content] == ["The shelters are full and the schools are closed"]
    assert mention(by_cue(claims, "said")) == "The army"


def test_colon_inside_a_paragraph_is_no_block_quote(nlp, registry):
    text = "He said the toll was 12: eight soldiers and four civilians.\n\nThe road stayed closed."
    c = by_cue(run(nlp, registry, text)[0], "said")
    assert all("road" not in s.text for s in c.content)


# 5. A semicolon after the reported clause goes on with the report, unless the
#    clause after it has a speaker of its own.
SEMICOLONS = [
    # (text, cue, source mention, content)
    (
        (
            "The judges, for example, said the trouble was not the fee; the trouble was that the rules favoured "
            "large parties."
        ),
        "said",
        "The judges",
        "the trouble was not the fee; the trouble was that the rules favoured large parties",
    ),
    (
        "He said the vote was rigged; the count had been stopped twice.",
        "said",
        "He",
        "the vote was rigged; the count had been stopped twice",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", SEMICOLONS)
def test_semicolon_continues_the_report(nlp, registry, text, cue, source, content):
    c = by_cue(run(nlp, registry, text)[0], cue)
    assert (mention(c), c.content_text) == (source, content)


def test_semicolon_then_another_speaker(nlp, registry):
    claims = run(
        nlp, registry, "The general said the town had fallen; the rebels said it had not."
    )[0]
    by_source = {mention(c): c.content_text for c in claims}
    assert by_source == {"The general": "the town had fallen", "the rebels": "it had not"}


# 6. A title abbreviation's period ends no sentence: the speaker is the whole name.
TITLES = [
    # (text, source mention)
    (
        "“The bridge is still standing,” said Army 1st Lt. Maria Keller.",
        "Army 1st Lt. Maria Keller",
    ),
    (
        "“We will keep searching,” said Army Sgt. Maj. Dan Ortiz, who led the team.",
        "Army Sgt. Maj. Dan Ortiz",
    ),
    ("“The road is open again,” Capt. Ana Ruiz told reporters.", "Capt. Ana Ruiz"),
]


@pytest.mark.parametrize("text,source", TITLES)
def test_title_abbreviation_keeps_the_name_whole(nlp, registry, text, source):
    claims = run(nlp, registry, text)[0]
    assert [mention(c) for c in claims] == [source]
    assert len(list(nlp(text).sents)) == 1


def test_title_abbreviation_tokens(nlp):
    doc = nlp("Col. Ahmed Nasser met Lt. Gen. Paul Rivers.")
    assert [t.text for t in doc][:5] == ["Col.", "Ahmed", "Nasser", "met", "Lt."]


# 7. NYT-style quote marks: two apostrophes open and close a quote, and a second
#    quote after the cue continues the first speaker's words.
TWO_APOSTROPHES = [
    # (text, source mention, contents)
    (
        "''It's more of the same,'' said Ann Cole. ''I would not call it a plan.''",
        "Ann Cole",
        ["It's more of the same", "I would not call it a plan"],
    ),
    (
        "''The talks will resume next week,'' she told reporters in the capital on Monday. ''We expect progress.''",
        "she",
        ["The talks will resume next week", "We expect progress"],
    ),
    (
        "``We will never give up this city,'' the commander said.",
        "the commander",
        ["We will never give up this city"],
    ),
]


@pytest.mark.parametrize("text,source,contents", TWO_APOSTROPHES)
def test_two_apostrophe_quotes(nlp, registry, text, source, contents):
    c = only_claim(run(nlp, registry, text)[0])
    assert (mention(c), [s.text for s in c.content], c.form) == (source, contents, "direct")


def only_claim(claims):
    assert len(claims) == 1, [(c.cue and c.cue.text, c.content_text) for c in claims]
    return claims[0]


# 8. A no-break space between the closing quote mark and an inverted cue.
NBSP = [
    # (text, source mention, content)
    (
        "“We will look at every option,”\u00a0added Harlan.",
        "Harlan",
        "We will look at every option",
    ),
    (
        "The road will stay closed,\u00a0warned the governor.",
        "the governor",
        "The road will stay closed",
    ),
    # a paragraph break after the period is a token of the sentence too
    (
        "“We will look at every option,”\u00a0added Harlan.\n\nThe hearing ended at noon.",
        "Harlan",
        "We will look at every option",
    ),
]


@pytest.mark.parametrize("text,source,content", NBSP)
def test_inverted_cue_after_a_no_break_space(nlp, registry, text, source, content):
    c = only_claim(run(nlp, registry, text)[0])
    assert (mention(c), c.content_text) == (source, content)


@pytest.mark.parametrize(
    "text,inner",
    [
        ("''A long way to go,'' she said.", ["A long way to go"]),
        ("``Not yet,'' he said. ''Soon.''", ["Not yet", "Soon."]),
        ('The states\' rules and the "new" law.', ["new"]),  # an apostrophe alone is no mark
    ],
)
def test_find_quotes_two_character_marks(text, inner):
    from claimdiff.extract.quotes import find_quotes

    quotes, _ = find_quotes(text)
    assert [text[q.inner_start : q.inner_end] for q in quotes] == inner


# The inverted-speaker reading is for finite verbs that can invert: a participle's
# object (", citing X") or an addressee (", told X") never speaks.
NOT_INVERTED = [
    # (text, cue, source mention)
    (
        "The minister closed the border on Monday, citing security concerns.\n\nThe crossing stayed shut.",
        "citing",
        "The minister",
    ),
    (
        (
            "The campaign should target these voters, emphasizing the threat that the deal would pose."
            "\n\nThe vote is in May."
        ),
        "emphasizing",
        "The campaign",
    ),
]


@pytest.mark.parametrize("text,cue,source", NOT_INVERTED)
def test_object_after_a_participle_is_not_the_speaker(nlp, registry, text, cue, source):
    c = by_cue(run(nlp, registry, text)[0], cue)
    assert mention(c) == source


# A quote next to its cue that the parser reads as the cue's own words (a verbless
# answer hung on the verb), and a quote opening the sentence after a cue that has
# nothing said of its own ("X said in a statement. “...”"). A cue sentence with
# words of its own, or a sentence between, keeps the quote apart.
QUOTE_NEXT_TO_CUE = [
    # (text, cue, source mention, content or None for no claim on that cue)
    (
        "She replied, “Well, the banks, the insurers, probably the lobbyists.”",
        "replied",
        "She",
        "Well, the banks, the insurers, probably the lobbyists",
    ),
    (
        "The spokesman responded, “Not a single one, not in this province, not this year.”",
        "responded",
        "The spokesman",
        "Not a single one, not in this province, not this year",
    ),
    (
        (
            "Dana Reyes, the director of the agency, said in a statement. “There are no ballots to "
            "recount. The vote was a unique event.”"
        ),
        "said",
        "Dana Reyes",
        "There are no ballots to recount. The vote was a unique event",
    ),
    (
        "The army said in a statement. The town was quiet. “We will respond to every attack.”",
        "said",
        None,
        None,
    ),
]


@pytest.mark.parametrize("text,cue,source,content", QUOTE_NEXT_TO_CUE)
def test_quote_next_to_its_cue(nlp, registry, text, cue, source, content):
    claims, _ = run(nlp, registry, text)
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    if content is None:
        assert not found, [(c.cue.text, c.content_text) for c in found]
        return
    c = by_cue(claims, cue)
    assert mention(c) == source
    assert c.content_text == content
    assert c.form == "direct"


# "Y, X said." takes the words before the comma as what X said only when they are
# a finite clause: an opening adverbial or a participle says nothing of its own.
WORDS_BEFORE_THE_CUE = [
    # (text, cue, content or None for no claim on that cue)
    ("The army will not withdraw, the minister said.", "said", "The army will not withdraw"),
    (
        "Five soldiers were killed in the attack, the ministry said in a statement.",
        "said",
        "Five soldiers were killed in the attack",
    ),
    # a dateline the parser makes the head of the sentence hides no clause
    (
        (
            "IDLIB — The rebel alliance fighting in the north shelled two villages on Monday, killing "
            "four civilians, the monitor said."
        ),
        "said",
        "The rebel alliance fighting in the north shelled two villages on Monday, killing four civilians",
    ),
    (
        "On Friday morning, the third day of his tour of the border towns, the governor told a joke.",
        "told",
        None,
    ),
    ("Specifically, the report will tell the story of six soldiers.", "tell", None),
]


@pytest.mark.parametrize("text,cue,content", WORDS_BEFORE_THE_CUE)
def test_words_before_the_cue_are_said_only_if_a_clause(nlp, registry, text, cue, content):
    claims, _ = run(nlp, registry, text)
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    if content is None:
        assert all(not c.content_text.startswith(text[:10]) for c in found), [
            c.content_text for c in found
        ]
        return
    assert by_cue(claims, cue).content_text == content


def test_a_quote_before_the_cue_beats_the_addressee(nlp, registry):
    text = "“Did you know the convoy was armed?” Reyes asked the defence minister."
    claims, _ = run(nlp, registry, text)
    c = by_cue(claims, "asked")
    assert c.content_text == "Did you know the convoy was armed?"
    assert mention(c) == "Reyes"
