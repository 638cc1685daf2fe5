"""The source registry on names from outside its home conflict: ordinary-noun
aliases never match as the last word of another body's name, and ids fold accents."""

from __future__ import annotations

import pytest

from claimdiff.sources import Registry, slug


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.load()


@pytest.mark.parametrize(
    "mention,expected",
    [
        # another body whose name ends in an ordinary-noun alias: not the registered one
        ("the Sahel Conflict Observatory", None),
        ("the Kivu Rebels Coalition", None),
        # the alias on its own, or the registered body's own longer names: registered
        ("the Observatory", "sohr"),
        ("the Syrian Observatory for Human Rights", "sohr"),
        ("the US-led coalition", "us-coalition"),
        ("the coalition", "us-coalition"),
        # proper-name and acronym aliases are unaffected by a capitalised word before them
        ("President Trump", "donald-trump"),
        ("Kurdish-led SDF", "sdf"),
    ],
)
def test_ordinary_noun_alias_not_inside_another_name(reg, mention, expected):
    m = reg.match(mention)
    assert (m.source.id if m else None) == expected


def test_a_monitor_named_observatory_keeps_its_party(reg):
    assert reg.party_of("the Sahel Conflict Observatory") == "independent-monitor"


SYRIA = "Shelling was reported near Aleppo on Monday."
ELSEWHERE = "Shelling was reported near the northern border on Monday."


@pytest.mark.parametrize(
    "how,text,expected",
    [
        # the default registry's generic words name its war's actors only in its coverage
        ("match", "the rebels", {SYRIA: "syrian-opposition", ELSEWHERE: None}),
        ("match", "the coalition", {SYRIA: "us-coalition", ELSEWHERE: None}),
        # ... elsewhere they still tell a civil war's two sides apart, by kind
        ("party", "government forces", {SYRIA: "syrian-government", ELSEWHERE: "government"}),
        ("party", "a rebel commander", {SYRIA: "syrian-opposition", ELSEWHERE: "rebels"}),
        # names and conflict-neutral words are read everywhere
        ("match", "the Syrian Observatory for Human Rights", {SYRIA: "sohr", ELSEWHERE: "sohr"}),
        ("party", "a Russian officer", {SYRIA: "russia", ELSEWHERE: "russia"}),
        (
            "party",
            "the Sahel Conflict Observatory",
            {SYRIA: "independent-monitor", ELSEWHERE: "independent-monitor"},
        ),
    ],
)
def test_generic_words_are_scoped_to_the_registry_conflict(reg, how, text, expected):
    for article, want in expected.items():
        r = reg.for_text(article)
        if how == "match":
            m = r.match(text)
            got = m.source.id if m else None
        else:
            got = r.party_of(text)
        assert got == want, article


def test_a_corpus_mostly_about_the_war_reads_all_its_texts_in_scope(reg):
    assert reg.corpus_in_scope([SYRIA, ELSEWHERE])
    assert not reg.corpus_in_scope([SYRIA, ELSEWHERE, ELSEWHERE])
    assert reg.for_text(ELSEWHERE, in_scope=True).match("the rebels").source.id == (
        "syrian-opposition"
    )
    # a view reads every text the same way
    out = reg.for_text(ELSEWHERE)
    assert out.for_text(SYRIA) is out


def test_a_user_entry_replacing_a_default_one_is_never_scoped(tmp_path):
    own = tmp_path / "sources.yaml"
    own.write_text(
        "- {id: us-coalition, name: Allied task force, party: allies, aliases: [coalition]}\n",
        encoding="utf-8",
    )
    r = Registry.load(own).for_text(ELSEWHERE)
    assert r.match("the coalition").source.name == "Allied task force"


def test_a_users_generic_alias_is_never_scoped(tmp_path):
    own = tmp_path / "sources.yaml"
    own.write_text(
        "sources:\n  - {id: kora-front, name: Kora Front, party: kora, aliases: [rebels]}\n"
        "party_cues:\n  kora: [rebel]\n",
        encoding="utf-8",
    )
    r = Registry.load(own).for_text(ELSEWHERE)
    assert r.match("the rebels").source.id == "kora-front"
    assert r.party_of("a rebel commander") == "kora"


@pytest.mark.parametrize(
    "name,expected",
    [("Seydou Kané", "seydou-kane"), ("Çelik", "celik"), ("Ould Cheikh", "ould-cheikh")],
)
def test_ids_fold_accents(name, expected):
    assert slug(name) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text,first,later",
    [
        # a body the article names, then calls by its head noun: that body, not the registry's
        (
            (
                "The Sahel Conflict Observatory said at least 10 civilians were killed. "
                "The observatory said it had recorded nine soldiers killed."
            ),
            "observatory-sahel-conflict-x",
            "observatory-sahel-conflict-x",
        ),
        # the registered body named in full, then by the alias: still the registered one
        (
            (
                "The Syrian Observatory for Human Rights said 12 people died. "
                "The Observatory said the toll would rise."
            ),
            "sohr",
            "sohr",
        ),
        (
            "The US-led coalition said it struck the depot. The coalition said no one was hurt.",
            "us-coalition",
            "us-coalition",
        ),
    ],
)
def test_the_head_noun_names_the_body_named_before(nlp, reg, text, first, later):
    from claimdiff.extract import extract_claims
    from claimdiff.models import Article

    claims = extract_claims(Article(id="x", path="x", text=text), nlp(text), reg).claims
    assert [c.source_id for c in claims if c.form != "narrative"] == [first, later]
