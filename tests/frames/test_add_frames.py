"""add_frames end to end: every field filled from one claim, anchored to the
article's publication date when it has one.  Needs spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimdiff import frames
from claimdiff.frames import add_frames
from claimdiff.models import Article, Claim, Source, Span

pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parents[2] / "corpora" / "syria-seeds"
TEXT = (
    "The ministry said that on Monday at 9:45 am rebels attacked an army checkpoint 8 kilometers east of "
    "Deir Ezzor, killing two soldiers and wounding five civilians."
)


def _claim(text: str, start: int, end: int) -> Claim:
    return Claim(
        id="c-1",
        article_id="a-1",
        source_id="s",
        form="indirect",
        source_mention=None,
        cue=None,
        content=(Span.of(text, start, end),),
        sentence=Span.of(text, 0, len(text)),
    )


@pytest.fixture()
def claim() -> Claim:
    start = TEXT.index("on Monday")
    return _claim(TEXT, start, len(TEXT) - 1)


def test_all_fields(claim: Claim, nlp, registry) -> None:  # type: ignore[no-untyped-def]
    src = Source(id="s", name="the ministry", party="syrian-government")
    art = Article(id="a-1", path="x.txt", text=TEXT, published="2018-02-10")
    out = add_frames(claim, nlp(TEXT), src, registry, art)
    assert out.event_types == ("attack", "casualties")
    assert [(r.role, r.actor, r.actor_party) for r in out.roles] == [
        ("initiator", "rebels", "syrian-opposition"),
        ("target", "an army checkpoint", "syrian-government"),
    ]
    assert [(c.category, c.group, c.low, c.high) for c in out.casualties] == [
        ("killed", None, 2, 2),
        ("injured", "civilians", 5, 5),
    ]
    assert out.places == ("Deir ez-Zor",)
    assert [(t.value, t.relative, t.clock) for t in out.times] == [
        ("2018-02-05", "weekday:monday", "09:45")
    ]
    assert [d.km for d in out.distances] == [8.0]
    assert not out.warnings
    for span in (
        [r.span for r in out.roles] + [c.span for c in out.casualties] + [t.span for t in out.times]
    ):
        assert TEXT[span.start : span.end] == span.text


def test_weapons_are_found_in_the_content(nlp, registry) -> None:  # type: ignore[no-untyped-def]
    text = "The monitor said warplanes and artillery shells hit the market on Friday."
    claim = _claim(text, text.index("warplanes"), len(text) - 1)
    out = add_frames(claim, nlp(text), Source(id="s", name="the monitor"), registry)
    assert [(w.kind, w.span.text) for w in out.weapons] == [
        ("aircraft", "warplanes"),
        ("artillery", "artillery shells"),
    ]
    assert all(text[w.span.start : w.span.end] == w.span.text for w in out.weapons)


def test_without_publication_date_times_stay_relative(claim: Claim, nlp, registry) -> None:  # type: ignore[no-untyped-def]
    src = Source(id="s", name="the ministry", party="syrian-government")
    out = add_frames(claim, nlp(TEXT), src, registry)
    assert [(t.value, t.relative) for t in out.times] == [(None, "weekday:monday")]


def test_a_failing_part_is_a_warning_not_a_crash(claim: Claim, nlp, registry, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def boom(*_a: object, **_k: object) -> list[object]:
        raise ValueError("odd text")

    monkeypatch.setattr(frames, "find_roles", boom)
    out = add_frames(claim, nlp(TEXT), Source(id="s", name="s", party="unknown"), registry)
    assert out.roles == ()
    assert out.casualties and out.places  # the other parts still ran
    assert any("roles" in w and "odd text" in w for w in out.warnings)


def test_seed_claims_carry_their_casualty_figures(nlp, registry) -> None:  # type: ignore[no-untyped-def]
    """Every gold attribution whose content states a casualty figure gets it from add_frames."""
    gold = yaml.safe_load((SEEDS / "gold.yaml").read_text(encoding="utf-8"))
    files = {k: SEEDS / v["file"] for k, v in gold["documents"].items()}
    expected = {
        "a000-04": [("injured", "us-forces", 0, 0)],
        "a000-09": [("killed", None, 1, 1), ("injured", None, 2, 2)],
        "a003-01": [("killed", "pro-regime-forces", 101, None)],
        "a003-06": [("killed", "pro-regime-forces", 101, None)],
        "a003-09": [
            ("killed", "coalition-forces", 0, 0),
            ("injured", "coalition-forces", 0, 0),
            ("injured", "sdf", 1, 1),
        ],
        "a004-05": [("killed", "pro-regime-forces", 200, 999)],
    }
    by_id = {a["id"]: a for a in gold["attributions"]}
    for aid, figs in expected.items():
        a = by_id[aid]
        text = files[a["doc"]].read_text(encoding="utf-8")
        start = text.index(a["content"])
        c = _claim(text, start, start + len(a["content"]))
        out = add_frames(c, nlp(text), Source(id="s", name="s", party="unknown"), registry)
        assert [(x.category, x.group, x.low, x.high) for x in out.casualties] == figs, aid
    # gold attributions without a figure get none
    for aid in ("a000-05", "a003-03", "a003-16", "a004-02"):
        a = by_id[aid]
        text = files[a["doc"]].read_text(encoding="utf-8")
        start = text.index(a["content"])
        out = add_frames(
            _claim(text, start, start + len(a["content"])), None, Source(id="s", name="s"), registry
        )
        assert out.casualties == (), aid
