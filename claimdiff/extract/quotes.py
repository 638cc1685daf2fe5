"""Find quoted passages in raw text.

Works on characters, not tokens, so that quote marks glued to words ("“We"),
quotes spanning sentences and quotes running over paragraph breaks are all
handled.  Never raises on odd input: an unbalanced mark becomes a warning and
the quote is closed at the end of its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“", "‹": "›"}
CLOSERS = {"”", "»", "›"}
STRAIGHT = '"'
# Two-character marks: ``...'' (TeX/Penn Treebank style) and ''...'' (the New
# York Times archive, where two apostrophes both open and close a quote).
TWO_OPEN = "``"
TWO = "''"
_PARA = re.compile(r"\n\s*\n|\n")
# Every character the scan below acts on: the marks above ("''" and "``" as pairs).
_MARK = re.compile(
    "[" + re.escape("".join({*OPENERS, *CLOSERS, *OPENERS.values(), STRAIGHT})) + "]|``|''"
)


@dataclass(frozen=True)
class Quote:
    start: int  # offset of the opening mark
    end: int  # offset just past the closing mark (or the paragraph end)
    inner_start: int
    inner_end: int
    closed: bool = True
    continues: bool = False  # continues the previous paragraph's quote

    def contains(self, offset: int) -> bool:
        return self.inner_start <= offset < self.inner_end


def _paragraph_ends(text: str) -> list[int]:
    return [m.start() for m in _PARA.finditer(text)] + [len(text)]


def find_quotes(text: str) -> tuple[list[Quote], list[str]]:
    """Return the quoted passages of ``text`` in order, and warnings."""
    quotes: list[Quote] = []
    warnings: list[str] = []
    para_ends = _paragraph_ends(text)
    pi = 0
    open_at: int | None = None
    open_len = 1
    expect: str | None = None
    continues = False
    i = 0
    n = len(text)
    while i <= n:
        # Only quote marks change the state: jump to the next one (or to the end, to
        # close what the paragraph breaks before it close).
        m = _MARK.search(text, i)
        i = m.start() if m is not None else n
        while pi < len(para_ends) - 1 and para_ends[pi] <= i:
            if open_at is not None:
                # A quote still open at a paragraph break: news style leaves the
                # closing mark off when the quote goes on in the next paragraph,
                # which then opens with a fresh mark.
                pend = para_ends[pi]
                nxt = text[pend:].lstrip()
                nxt_opens = bool(nxt) and (
                    nxt[0] in OPENERS or nxt[0] == STRAIGHT or nxt.startswith((TWO, TWO_OPEN))
                )
                quotes.append(
                    _make(text, open_at, pend, closed=False, continues=continues, open_len=open_len)
                )
                if not nxt_opens:
                    warnings.append(
                        f"unclosed quote mark at offset {open_at}; closed at paragraph end"
                    )
                    continues = False
                else:
                    continues = True
                open_at, expect = None, None
            pi += 1
        if i >= n:
            break
        ch = text[i]
        if ch in "`'" and text.startswith((TWO, TWO_OPEN), i):
            ch = text[i : i + 2]
        if open_at is None:
            if ch in OPENERS or (ch in (STRAIGHT, TWO) and _straight_opens(text, i + len(ch) - 1)):
                open_at, expect, open_len = i, (OPENERS.get(ch, ch)), len(ch)
                if ch == "„":
                    expect = "“"
            elif ch == TWO_OPEN:
                open_at, expect, open_len = i, TWO, 2
            elif ch in CLOSERS and _closer_opens(text, i, para_ends[pi]):
                warnings.append(f"closing quote mark used to open a quote at offset {i}")
                open_at, expect, open_len = i, ch, 1
            elif ch in CLOSERS:
                warnings.append(f"closing quote mark without an opening one at offset {i}")
        else:
            if ch == expect or (ch in CLOSERS and expect not in (STRAIGHT, TWO)):
                end = i + len(ch)
                quotes.append(
                    _make(
                        text,
                        open_at,
                        end,
                        closed=True,
                        continues=continues,
                        open_len=open_len,
                        close_len=len(ch),
                    )
                )
                open_at, expect, continues = None, None, False
                i = end
                continue
            elif _mismatched_closer(
                text, i, ch, expect, para_ends[pi] if pi < len(para_ends) else n
            ):
                warnings.append(f"quote opened at offset {open_at} closed by another mark at {i}")
                quotes.append(
                    _make(text, open_at, i + 1, closed=True, continues=continues, open_len=open_len)
                )
                open_at, expect, continues = None, None, False
                i += 1
                continue
            elif ch in OPENERS and expect not in (STRAIGHT, TWO) and ch != expect:
                # A second opener inside an open quote in the same paragraph:
                # either a nested quote with the wrong marks or a missing
                # closer.  Treat it as nesting only if a closer follows in the
                # paragraph; otherwise restart the quote here.
                pend = para_ends[pi] if pi < len(para_ends) else n
                rest = text[i + 1 : pend]
                if _opener_closes(text, i, rest, expect or "”"):
                    # “Do you want that?“ he asked: an opener turned the wrong way,
                    # glued to the words before it and none after, closes the quote.
                    warnings.append(f"opening quote mark used to close a quote at offset {i}")
                    quotes.append(
                        _make(
                            text,
                            open_at,
                            i + 1,
                            closed=True,
                            continues=continues,
                            open_len=open_len,
                        )
                    )
                    open_at, expect, continues = None, None, False
                    i += 1
                    continue
                if rest.count(expect or "”") < 2:
                    warnings.append(
                        f"unclosed quote mark at offset {open_at}; a new quote opens at {i}"
                    )
                    quotes.append(
                        _make(
                            text, open_at, i, closed=False, continues=continues, open_len=open_len
                        )
                    )
                    open_at, continues, open_len = i, False, 1
        i += len(ch) if ch in (TWO, TWO_OPEN) else 1
    if open_at is not None:
        warnings.append(f"unclosed quote mark at offset {open_at}; closed at end of text")
        quotes.append(_make(text, open_at, n, closed=False, continues=continues, open_len=open_len))
    return [q for q in quotes if q.inner_end > q.inner_start], warnings


def _opener_closes(text: str, i: int, rest: str, expect: str) -> bool:
    """An opening mark at ``i`` inside an open quote that ends it: glued to the word or
    punctuation before it, followed by a space, punctuation or the paragraph's end,
    and the paragraph's next mark, if any, opens a new quote (“...,“ he said. “...”)
    rather than closing this one."""
    if i == 0 or text[i - 1].isspace() or (rest and (rest[0].isalnum() or rest[0] in OPENERS)):
        return False
    k = next((j for j, c in enumerate(rest) if c in OPENERS or c in CLOSERS), None)
    if k is None:
        return True
    return rest[k] in OPENERS and (k == 0 or rest[k - 1].isspace()) and rest[k] != expect


def _mismatched_closer(text: str, i: int, ch: str, expect: str | None, para_end: int) -> bool:
    """A closing mark of the other style ends an open quote (a straight mark opens
    and a curly one closes, or the other way round: text pasted from two editors),
    when it is glued to the quoted words and the expected mark does not come later
    in the paragraph (then it is a quote nested inside, not the end)."""
    if expect == STRAIGHT:
        closes = ch in CLOSERS
    elif expect in (TWO, None):
        closes = False
    else:
        closes = ch == STRAIGHT and not _straight_opens(text, i)
    if not closes or i == 0 or text[i - 1].isspace():
        return False
    return expect not in text[i + 1 : para_end]


def _closer_opens(text: str, i: int, para_end: int) -> bool:
    """A closing mark with no quote open, opening its paragraph ("” … we will stay,”
    she said": word processors turn a mark before an ellipsis the wrong way), whose
    paragraph closes a quote with the same mark before any opens: it opens one."""
    if text[text.rfind("\n", 0, i) + 1 : i].strip():
        return False
    if i + 1 >= para_end or text[i + 1] in "\n":
        return False
    rest = text[i + 1 : para_end]
    close = rest.find(text[i])
    if close < 0:
        return False
    return not any(o in rest[:close] for o in OPENERS) and STRAIGHT not in rest[:close]


def _straight_opens(text: str, i: int) -> bool:
    """A straight double quote opens when it is not followed by a space."""
    return i + 1 < len(text) and not text[i + 1].isspace()


def _make(
    text: str,
    start: int,
    end: int,
    *,
    closed: bool,
    continues: bool,
    open_len: int = 1,
    close_len: int = 1,
) -> Quote:
    inner_start = start + open_len
    inner_end = end - close_len if closed else end
    # Trim white space and a trailing comma that belongs to the sentence, not the quote.
    while inner_end > inner_start and text[inner_end - 1] in " \t\n,":
        inner_end -= 1
    while inner_start < inner_end and text[inner_start] in " \t\n":
        inner_start += 1
    return Quote(start, end, inner_start, inner_end, closed=closed, continues=continues)
