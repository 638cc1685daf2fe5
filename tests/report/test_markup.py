from __future__ import annotations

import pytest

from claimdiff.report.markup import Mark, MarkedText, Tag, mark_text, plain

TEXT = "A Syrian military source told SANA that the patrol opened fire."


def span(needle: str, tag: Tag, rank: int = 0) -> Mark:
    start = TEXT.index(needle)
    return Mark(start, start + len(needle), tag, rank)


def html(mt: MarkedText) -> str:
    """A minimal renderer (the real one is the `marked` macro): tags as ``<id>``."""
    out = []
    for c in mt.chunks:
        out += [f"</{n}>" for n in c.close]
        out += [f"<{t.id or t.classes}>" for t in c.open]
        out.append(c.text)
    return "".join(out)


def balanced(mt: MarkedText) -> bool:
    depth = 0
    for c in mt.chunks:
        depth -= len(c.close)
        if depth < 0:
            return False
        depth += len(c.open)
    return depth == 0


CONTENT = Tag("span", "content", "c1")
SOURCE = Tag("span", "source", "s1")
CUE = Tag("span", "cue", "q1")


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        ([], TEXT),
        (
            [span("A Syrian military source", SOURCE), span("told", CUE)],
            "<s1>A Syrian military source</span> <q1>told</span> SANA that the patrol opened fire.",
        ),
        # nested: a source mention inside another claim's content
        (
            [span("SANA that the patrol", CONTENT), span("SANA", SOURCE)],
            "A Syrian military source told <c1><s1>SANA</span> that the patrol</span> opened fire.",
        ),
        # crossing: the later-starting span is split where the earlier one ends
        (
            [span("told SANA", CONTENT), span("SANA that", SOURCE)],
            (
                "A Syrian military source <c1>told <s1>SANA</span></span><source cont> that</span> "
                "the patrol opened fire."
            ),
        ),
        # identical spans: rank decides which is outer
        (
            [span("SANA", SOURCE, rank=1), span("SANA", CONTENT, rank=0)],
            "A Syrian military source told <c1><s1>SANA</span></span> that the patrol opened fire.",
        ),
    ],
)
def test_mark_text(marks: list[Mark], expected: str) -> None:
    mt = mark_text(TEXT, marks)
    assert mt.text == TEXT
    assert balanced(mt)
    assert html(mt) == expected


def test_many_crossings_stay_balanced_and_keep_text() -> None:
    marks = [
        Mark(i, i + 7, Tag("span", f"m{i}", f"id{i}"), i % 3) for i in range(0, len(TEXT) - 7, 3)
    ]
    mt = mark_text(TEXT, marks)
    assert mt.text == TEXT
    assert balanced(mt)
    # every id is placed exactly once, continuations carry no id
    ids = [t.id for c in mt.chunks for t in c.open if t.id]
    assert sorted(ids) == sorted(m.tag.id or "" for m in marks)
    assert mt.placed_ids == {m.tag.id for m in marks}


def test_bad_offsets_are_dropped_not_raised() -> None:
    marks = [Mark(-5, 3, CONTENT), Mark(10, 500, SOURCE), Mark(8, 8, CUE), Mark(9, 4, CUE)]
    mt = mark_text(TEXT, marks)
    assert mt.text == TEXT
    assert balanced(mt)
    # clipped to the text, so both the partly valid marks survive
    assert mt.placed_ids == {"c1", "s1"}


def test_window_clips_marks_and_returns_only_the_window() -> None:
    marks = [span("A Syrian military source told", CONTENT), span("opened fire", SOURCE)]
    start, end = TEXT.index("source"), TEXT.index(" opened")
    mt = mark_text(TEXT, marks, start, end)
    assert mt.text == TEXT[start:end]
    assert html(mt).startswith("<c1>source told</span>")
    assert mt.placed_ids == {"c1"}


def test_plain() -> None:
    assert plain("x").text == "x"
    assert plain("").chunks == ()
