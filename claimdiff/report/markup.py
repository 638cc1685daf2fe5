"""Mark spans of a text as properly nested elements, by a boundary sweep.

Claims overlap freely: one claim's source mention can sit inside another
claim's content, and two contents can cross. HTML elements cannot cross, so
the text is cut at every span start and end, and for each piece the elements
that cover it are opened in a fixed order (outer first). Where the set of
covering spans changes, elements are closed back to the longest common prefix
of the old and new stacks and the rest reopened: a crossing span becomes
several fragments. Only the first fragment of a span carries its ``id`` (so an
anchor is unique) and its label; later ones carry the class ``cont``.

The result is data (:class:`MarkedText`): the ``marked`` macro in
``_partials.html`` turns it into HTML, and autoescaping escapes the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise


@dataclass(frozen=True)
class Tag:
    """An element to open around marked characters."""

    name: str  # "span" or "mark": a constant chosen here, never from input
    classes: str
    id: str | None = None
    title: str | None = None
    label: str | None = None  # shown in brackets by CSS (data-label), not part of the text
    claim: str | None = None  # data-claim on every fragment: which claim the mark belongs to


@dataclass(frozen=True)
class Mark:
    """``tag`` around ``text[start:end]``; ``rank`` orders marks on equal spans."""

    start: int
    end: int
    tag: Tag
    rank: int = 0


@dataclass(frozen=True)
class Chunk:
    """Close ``close`` (innermost first), open ``open`` (outermost first), then ``text``."""

    close: tuple[str, ...]
    open: tuple[Tag, ...]
    text: str


@dataclass(frozen=True)
class MarkedText:
    chunks: tuple[Chunk, ...]
    placed_ids: frozenset[str] = frozenset()  # ids of marks that made it into the text

    @property
    def text(self) -> str:
        """The plain text: marking never changes it."""
        return "".join(c.text for c in self.chunks)


def plain(text: str) -> MarkedText:
    return MarkedText((Chunk((), (), text),) if text else ())


def mark_text(
    text: str, marks: Iterable[Mark], start: int = 0, end: int | None = None
) -> MarkedText:
    """``text[start:end]`` with ``marks`` (offsets into ``text``) applied.

    Marks are clipped to the window; empty or out-of-range marks are dropped,
    never raised on: one bad offset must not cost the reader the whole page.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    clipped: list[tuple[tuple[int, int, int, int], Mark]] = []
    for seq, m in enumerate(marks):
        s, e = max(m.start, start), min(m.end, end)
        if s < e:
            # Outer first: earlier start, then longer, then rank, then input order.
            clipped.append(((s, -e, m.rank, seq), replace(m, start=s, end=e)))
    clipped.sort(key=lambda km: km[0])
    ordered = [m for _, m in clipped]
    keys = {id(m): k for k, m in clipped}

    cuts = sorted({start, end, *(m.start for m in ordered), *(m.end for m in ordered)})
    chunks: list[Chunk] = []
    stack: list[Mark] = []
    opened: set[int] = set()
    placed: set[str] = set()
    active: list[Mark] = []
    nxt = 0  # next mark in `ordered` (sorted by start) to activate
    for a, b in pairwise(cuts):
        active = [m for m in active if m.end > a]
        while nxt < len(ordered) and ordered[nxt].start <= a:
            active.append(ordered[nxt])
            nxt += 1
        want = sorted(active, key=lambda m: keys[id(m)])
        k = _common_prefix(stack, want)
        close = tuple(m.tag.name for m in reversed(stack[k:]))
        opens: list[Tag] = []
        for m in want[k:]:
            if id(m) in opened:
                opens.append(_continuation(m.tag))
            else:
                opened.add(id(m))
                opens.append(m.tag)
                if m.tag.id:
                    placed.add(m.tag.id)
        stack = want
        chunks.append(Chunk(close, tuple(opens), text[a:b]))
    if stack:
        chunks.append(Chunk(tuple(m.tag.name for m in reversed(stack)), (), ""))
    return MarkedText(tuple(chunks), frozenset(placed))


def _common_prefix(a: Sequence[Mark], b: Sequence[Mark]) -> int:
    k = 0
    while k < len(a) and k < len(b) and a[k] is b[k]:
        k += 1
    return k


def _continuation(tag: Tag) -> Tag:
    return replace(tag, id=None, label=None, classes=f"{tag.classes} cont")


__all__ = ["Chunk", "Mark", "MarkedText", "Tag", "mark_text", "plain"]
