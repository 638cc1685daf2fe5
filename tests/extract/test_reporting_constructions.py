"""Table-driven tests of more reporting constructions of real news: a second
reporting verb hung inside the first one's content, quotes going on after a
long cue sentence, a closing mark opening a paragraph, "As X noted, ...",
"according to" sources with a relative clause or participle, focus adverbs
before a source, passive cues whose subject is the addressee, a name spelled
like a modal, a participle after a quote's comma, a quote after "issued a
statement," and a one-word answer after "said,"."""

from __future__ import annotations

import pytest

from claimdiff.extract import extract_claims
from claimdiff.extract.quotes import find_quotes
from claimdiff.models import Article

pytestmark = pytest.mark.slow

NO_CLAIM = "no claim"


def run(nlp, registry, text: str):
    art = Article(id="t1", path="t1.txt", text=text)
    ex = extract_claims(art, nlp(text), registry)
    return [c for c in ex.claims if c.form != "narrative"]


def on_cue(claims, cue: str):
    """The one claim on ``cue``, or None when there is none."""
    found = [c for c in claims if c.cue is not None and c.cue.text == cue]
    assert len(found) <= 1, [(c.cue and c.cue.text, c.content_text) for c in claims]
    return found[0] if found else None


def mention(claim) -> str | None:
    return claim.source_mention.text if claim.source_mention is not None else None


def check(nlp, registry, text: str, cue: str, source: str | None, content: str) -> None:
    c = on_cue(run(nlp, registry, text), cue)
    if content == NO_CLAIM:
        assert c is None, (mention(c), c.content_text)
        return
    assert c is not None, f"no claim on {cue!r}"
    assert (mention(c), c.content_text) == (source, content)


# 1. "X fear that A and warn that B": the parser hangs the second reporting verb on
#    the last verb of A. In the cue's form and not in that verb's, it is a second
#    statement of X's: A stops before it, and it has X for its speaker. When the
#    forms tell nothing ("said the rebels attacked ... and claimed"), or the
#    coordination is of two "that" clauses, the content stays whole.
STRAY_CONJUNCTS = [
    # (text, cue, source mention, content)
    (
        (
            "Aid agencies fear that the convoy has already been turned back and warn that the "
            "camp will run out of water within days."
        ),
        "fear",
        "Aid agencies",
        "the convoy has already been turned back",
    ),
    (
        (
            "Aid agencies fear that the convoy has already been turned back and warn that the "
            "camp will run out of water within days."
        ),
        "warn",
        "Aid agencies",
        "the camp will run out of water within days",
    ),
    (
        "The ministry says the convoy was hit by a drone and warns that more strikes will follow.",
        "says",
        "The ministry",
        "the convoy was hit by a drone",
    ),
    (
        "The ministry says the convoy was hit by a drone and warns that more strikes will follow.",
        "warns",
        "The ministry",
        "more strikes will follow",
    ),
    (
        "Residents worry about losing their homes and fear that the shelling will resume.",
        "fear",
        "Residents",
        "the shelling will resume",
    ),
    (
        "The governor announced that the curfew would be lifted and that schools would reopen.",
        "announced",
        "The governor",
        "the curfew would be lifted and that schools would reopen",
    ),
    (
        "The army said the rebels attacked the base and claimed that it was a victory.",
        "said",
        "The army",
        "the rebels attacked the base and claimed that it was a victory",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", STRAY_CONJUNCTS)
def test_second_reporting_verb_is_a_statement_of_its_own(nlp, registry, text, cue, source, content):
    check(nlp, registry, text, cue, source, content)


# 2. “A,” X said .... “B.”: the rest of the cue's sentence (a long source with a
#    relative clause, an addressee, a participle) does not stop the next quote
#    from going on with what X said, in the same paragraph or the next.
QUOTE_GOES_ON = [
    # (text, cue, source mention, content)
    (
        (
            "“The road is closed,” said Ahmed Karimi, a local official who oversees the "
            "checkpoints. “Nobody can get through.”"
        ),
        "said",
        "Ahmed Karimi",
        "The road is closed … Nobody can get through",
    ),
    (
        (
            "“The road is closed,” the commander told the regional council of mayors at its "
            "annual meeting in the capital. “Nobody can get through.”"
        ),
        "told",
        "the commander",
        "The road is closed … Nobody can get through",
    ),
    (
        (
            "“The road is closed,” the commander said, looking out at the burned trucks and the "
            "long line of cars waiting at the checkpoint.\n\n“Nobody can get through.”"
        ),
        "said",
        "the commander",
        "The road is closed … Nobody can get through",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", QUOTE_GOES_ON)
def test_quote_goes_on_after_the_cue_sentence(nlp, registry, text, cue, source, content):
    check(nlp, registry, text, cue, source, content)


# 3. A paragraph opening with a closing mark ("” … we will stay,” she said"): word
#    processors turn the mark before an ellipsis the wrong way. It opens a quote
#    when the paragraph closes one with the same mark; a stray mark inside a line
#    opens nothing. Likewise an opening mark glued to the end of a quote's words
#    (“...?“ he asked) closes it when no closing mark follows before the next quote.
WRONG_WAY_MARKS = [
    # (text, inner texts of the quotes found)
    (
        "” … the road is closed,” she said. “Nobody can get through.”",
        ["… the road is closed", "Nobody can get through."],
    ),
    ("Earlier.\n” … we stay,” he said.", ["… we stay"]),
    ("The army called the report ” fake news” on Monday.", []),
    ("” … and then nothing.", []),
    # an opening mark turned the wrong way at the end of a quote closes it
    ("“Do you want that?“ he asked.", ["Do you want that?"]),
    (
        "“We will stay,“ the commander said. “Nobody can make us leave.”",
        ["We will stay", "Nobody can make us leave."],
    ),
    ("“A “nested” thing” ok", ["A “nested"]),
    # a quote opened with one style of mark and closed with the other
    (
        '"We have a large platform,” said Dana Wirth, a professor. “They cannot ignore it.”',
        ["We have a large platform", "They cannot ignore it."],
    ),
    (
        '“The deals are not needed," Wirth said, adding they were handed out "like candy."',
        ["The deals are not needed", "like candy."],
    ),
    # ... but not when the expected mark comes later: a quote nested inside
    ('“He said "no" to me,” she said.', ['He said "no" to me']),
    ('"He said “no” to me," she said.', ["He said “no” to me"]),
]


@pytest.mark.parametrize("text,inner", WRONG_WAY_MARKS)
def test_closing_mark_opening_a_paragraph(text, inner):
    quotes, _ = find_quotes(text)
    assert [text[q.inner_start : q.inner_end] for q in quotes] == inner


def test_wrong_way_mark_quote_goes_on(nlp, registry):
    text = "” … the road is closed,” she said in December. “Nobody can get through.”"
    c = on_cue(run(nlp, registry, text), "said")
    assert c is not None
    assert (mention(c), c.content_text, c.form) == (
        "she",
        "… the road is closed … Nobody can get through",
        "direct",
    )


# 4. "As X noted, Y": an "as" clause opening the sentence, its cue with no
#    complement of its own, reports the main clause, even one with a cue of its own
#    ("As the envoy said, the rebels denied ..."). Not when the cue has an object
#    or a clause of its own (a time or a reason: "As the minister announced the
#    curfew, ...").
AS_CLAUSES = [
    # (text, cue, source mention, content)
    (
        "As the commander noted, the road has been closed since Monday.",
        "noted",
        "the commander",
        "the road has been closed since Monday",
    ),
    (
        "As the ministry said on Monday, the talks will resume next week.",
        "said",
        "the ministry",
        "the talks will resume next week",
    ),
    (
        "As the envoy told reporters, the talks will resume next week.",
        "told",
        "the envoy",
        "the talks will resume next week",
    ),
    (
        "As reported by the agency, investigators found two mass graves near the town.",
        "reported",
        "the agency",
        "investigators found two mass graves near the town",
    ),
    (
        "As the envoy said, the rebels denied that they had shelled the town.",
        "said",
        "the envoy",
        "the rebels denied that they had shelled the town",
    ),
    (
        "As the minister announced the new curfew, protesters gathered outside.",
        "announced",
        "the minister",
        "the new curfew",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", AS_CLAUSES)
def test_as_clause_reports_the_main_clause(nlp, registry, text, cue, source, content):
    check(nlp, registry, text, cue, source, content)


def test_as_clause_with_its_own_clause_reports_nothing_else(nlp, registry):
    text = "As the army said it would, troops withdrew from the town."
    c = on_cue(run(nlp, registry, text), "said")
    assert c is None or "withdrew" not in c.content_text


# 5. "according to" sources with words of their own: a relative clause the parser
#    ended at its conjunction ("who spoke ... but were not authorized ..."), and a
#    participle after the source ("According to X, writing for Y, ..."). What X
#    says is the rest of the clause.
ACCORDING_TO = [
    # (text, source mention, content)
    (
        (
            "The talks have stalled, according to three officials who spoke to the agency but "
            "were not authorized to speak publicly."
        ),
        "three officials",
        "The talks have stalled",
    ),
    (
        (
            "According to three officials who spoke to the agency but were not authorized to "
            "speak publicly, the talks have stalled."
        ),
        "three officials",
        "the talks have stalled",
    ),
    (
        "According to Sami Haddad, writing for the local daily, the talks have stalled.",
        "Sami Haddad",
        "the talks have stalled",
    ),
    (
        "The army was ready to intervene, according to a memo previously kept secret.",
        "a memo",
        "The army was ready to intervene",
    ),
    (
        "According to the army, the rebels, backed by foreign fighters, are planning an offensive.",
        "the army",
        "the rebels, backed by foreign fighters, are planning an offensive",
    ),
]


@pytest.mark.parametrize("text,source,content", ACCORDING_TO)
def test_according_to_source_with_a_clause_of_its_own(nlp, registry, text, source, content):
    cue = "According to" if text.startswith("According") else "according to"
    check(nlp, registry, text, cue, source, content)


# 6. A focus adverb opening the source mention is not part of its name.
FOCUS_ADVERBS = [
    # (text, cue, source mention)
    ("Even an opposition group said the vote was fair.", "said", "an opposition group"),
    (
        "Even the army's own officers admitted the strike was a mistake.",
        "admitted",
        "the army's own officers",
    ),
    ("The opposition group said the vote was fair.", "said", "The opposition group"),
]


@pytest.mark.parametrize("text,cue,source", FOCUS_ADVERBS)
def test_focus_adverb_is_not_part_of_the_source(nlp, registry, text, cue, source):
    c = on_cue(run(nlp, registry, text), cue)
    assert c is not None
    assert mention(c) == source


# 7. A passive cue with no "by" phrase names no speaker: its subject (or the
#    subject of the clause a passive participle opens) is whom the words were put
#    to. "X was quoted as saying" and a "by" phrase keep their speaker.
PASSIVES = [
    # (text, cue, source mention, content)
    (
        "The minister was asked whether the army would withdraw.",
        "asked",
        None,
        "whether the army would withdraw",
    ),
    (
        "Asked whether he would back the rebels, the senator demurred.",
        "Asked",
        None,
        "whether he would back the rebels",
    ),
    (
        "The general was quoted as saying the offensive had stalled.",
        "quoted as saying",
        "The general",
        "the offensive had stalled",
    ),
    (
        "The strike was confirmed by the defense ministry.",
        "confirmed",
        "the defense ministry",
        "The strike",
    ),
    (
        "The ministry has asked residents to leave the town.",
        "asked",
        "The ministry",
        "to leave the town",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", PASSIVES)
def test_passive_cue_names_no_speaker(nlp, registry, text, cue, source, content):
    check(nlp, registry, text, cue, source, content)


def test_warned_residents_are_not_the_speaker(nlp, registry):
    text = "Residents were warned that the dam could burst."
    c = on_cue(run(nlp, registry, text), "warned")
    assert c is None or mention(c) is None


# 8. A name spelled like a modal ("Will", "May") before a past tense or "-s" form is
#    the subject, not an auxiliary; a real modal before a bare verb is not.
MODAL_NAMES = [
    # (text, cue, source mention)
    ("“We will stay,” Will wrote.", "wrote", "Will"),
    ("With the fighting spreading, Will urged the government to act.", "urged", "Will"),
    ("The ministry will announce the results on Monday.", "announce", "The ministry"),
]


@pytest.mark.parametrize("text,cue,source", MODAL_NAMES)
def test_name_spelled_like_a_modal(nlp, registry, text, cue, source):
    c = on_cue(run(nlp, registry, text), cue)
    assert c is not None
    assert mention(c) == source


# 9. A participle after a quote's comma ('X stressed that "...," suggesting ...')
#    has the main clause's speaker, not the subject inside the quote.
def test_participle_after_a_quote_comma(nlp, registry):
    text = (
        'The envoy stressed that "the only way forward is to talk," suggesting that '
        "sanctions would not work."
    )
    check(nlp, registry, text, "suggesting", "The envoy", "sanctions would not work")


# 10. "X issued a statement: “...”" / "X issued a statement, “...”": the quote after
#     the cue noun is the statement, made by the verb's subject.
STATEMENT_THEN_QUOTE = [
    # (text, cue, source mention, content)
    (
        (
            "Shortly after the attack, the army issued a statement, “We will respond to every "
            "attack on our soldiers. The enemy will pay.”"
        ),
        "issued",
        "the army",
        "We will respond to every attack on our soldiers. The enemy will pay",
    ),
    (
        "The army issued a statement: “We will respond to every attack on our soldiers.”",
        "statement",
        "The army",
        "We will respond to every attack on our soldiers",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", STATEMENT_THEN_QUOTE)
def test_quote_after_a_statement_noun(nlp, registry, text, cue, source, content):
    check(nlp, registry, text, cue, source, content)


# 11. A quote of a word or two set off by a comma or colon and ending its sentence
#     is a whole answer ('X said, “Probably.”'); inside a sentence it stays a scare
#     quote, not the statement.
SHORT_ANSWERS = [
    # (text, cue, source mention, content)
    (
        "Asked whether the army would withdraw, the minister said, “Probably.”",
        "said",
        "the minister",
        "Probably",
    ),
    ("The spokesman replied: “Absolutely not!”", "replied", "The spokesman", "Absolutely not"),
]


@pytest.mark.parametrize("text,cue,source,content", SHORT_ANSWERS)
def test_short_answer_is_a_statement(nlp, registry, text, cue, source, content):
    check(nlp, registry, text, cue, source, content)


def test_scare_quote_inside_a_sentence_is_no_answer(nlp, registry):
    text = "The minister called the plan “a disgrace” and left the room."
    c = on_cue(run(nlp, registry, text), "called")
    assert c is None or c.content_text != "a disgrace"


# 12. A verbless phrase after the cue telling when or where the statement was made
#     ("after the talks", "in an interview") is not what was said; a phrase of the
#     object ("confidence in the plan") is.
CUE_ADJUNCTS = [
    # (text, cue, source mention, content)
    (
        "The general explained his reasoning in an interview with state television.",
        "explained",
        "The general",
        "his reasoning",
    ),
    (
        "The ministry announced a ceasefire after the talks in the capital.",
        "announced",
        "The ministry",
        "a ceasefire",
    ),
    (
        "The minister expressed confidence in the plan.",
        "expressed",
        "The minister",
        "confidence in the plan",
    ),
]


@pytest.mark.parametrize("text,cue,source,content", CUE_ADJUNCTS)
def test_when_and_where_of_the_cue_are_not_content(nlp, registry, text, cue, source, content):
    check(nlp, registry, text, cue, source, content)


def test_wrong_way_closing_mark_quote_has_its_cue(nlp, registry):
    text = "“Do you want to be associated with a war criminal?“ he asked."
    check(nlp, registry, text, "asked", "he", "Do you want to be associated with a war criminal?")


# 13. "A, X claimed, B" that the parser makes the cue the head, hanging A (the
#     statement's subject) and B (its verb, with no subject) on it: A and B are
#     what X said.
def test_cue_clause_inside_the_statement(nlp, registry):
    text = "This sort of shelling, the monitor claimed, violates the ceasefire terms."
    check(
        nlp,
        registry,
        text,
        "claimed",
        "the monitor",
        "This sort of shelling … violates the ceasefire terms",
    )
