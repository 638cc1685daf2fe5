"""Time expressions in a claim, normalised against the article's
publication date when it is known.

``TimeRef.value`` is an ISO date, month or year when the expression is
absolute ("October 20, 2019", "in 2018") or can be anchored to the
publication date ("Monday", "in February", "last June", "yesterday").
``TimeRef.relative`` keeps the meaning of a deictic expression whether or
not it could be anchored (``weekday:monday``, ``last:june``, ``ago:1d``,
``past:2d`` ...); without a publication date nothing is guessed.  ``clock``
is ``HH:MM`` ("9:45 am" -> 09:45).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

from ..models import Span, TimeRef
from ._scan import scan as scan_text
from .numbers import data as number_data
from .numbers import parse_number

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_ABBR = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_UNIT = {
    "day": "d",
    "days": "d",
    "week": "w",
    "weeks": "w",
    "month": "m",
    "months": "m",
    "year": "y",
    "years": "y",
}


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# the digits of a "year" match, without the words before it: a cheap test first
_YEAR_DIGITS = re.compile(r"(?:19[5-9]|20[0-4])\d(?![\d,])")


def parse_published(published: str | None) -> date | None:
    """The publication date of an ISO date or datetime string; None if not a full date."""
    if not published:
        return None
    m = _ISO_DATE.match(published.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    month = "|".join(
        [m.capitalize() for m in MONTHS] + [a.capitalize() + r"\.?" for a in _MONTH_ABBR]
    )
    wd = "|".join(w.capitalize() for w in WEEKDAYS)
    num = number_data().number_src
    year = r"(?:19[5-9]\d|20[0-4]\d)"
    # Names of days and months must be capitalised ((?-i:...)): "may" and "march" are verbs.
    return {
        "mdy": re.compile(
            rf"(?-i:(?P<mon>{month}))\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>{year}))?(?!\d)"
        ),
        "dmy": re.compile(
            rf"(?<!\d)(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?-i:(?P<mon>{month}))(?:,?\s+(?P<year>{year}))?(?!\d)"
        ),
        "iso": re.compile(
            rf"(?<![\d-])(?P<year>{year})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?![\d-])"
        ),
        "my": re.compile(rf"(?-i:(?P<mon>{month}))\s+(?:of\s+)?(?P<year>{year})(?!\d)"),
        "month": re.compile(
            rf"(?:(?P<mod>last|this|next|since|in|early|late|mid-?|until|by|during|through|from)\s+)?(?-i:(?P<mon>{month}))(?![\w-])",
            re.IGNORECASE,
        ),
        "year": re.compile(
            rf"(?:(?P<mod>in|since|from|to|until|till|through|by|during|early|late|mid-?|of|between|and)\s+)(?P<year>{year})(?![\d,])",
            re.IGNORECASE,
        ),
        "weekday": re.compile(
            rf"(?:(?P<mod>last|this|next|on|past|previous|early|late)\s+)?(?-i:(?P<wd>{wd}))(?:\s+(?P<part>morning|afternoon|evening|night))?",
            re.IGNORECASE,
        ),
        "deictic": re.compile(
            r"(?<![\w-])(?P<w>today|tonight|yesterday|the day before yesterday|this (?:morning|afternoon|evening)|last night"
            r"|(?:last|this|next|earlier this|later this) (?:week|month|year|weekend))(?![\w-])",
            re.IGNORECASE,
        ),
        "ago": re.compile(
            rf"(?<![\w-])(?P<n>{num}|a|an)\s+(?P<u>days?|weeks?|months?|years?)\s+ago(?![\w-])",
            re.IGNORECASE,
        ),
        "past": re.compile(
            rf"(?<![\w-])(?:over|in|during|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>{num})\s+)?(?P<u>days?|weeks?|months?|years?)(?![\w-])"
            r"|(?<![\w-])in recent (?P<u2>days|weeks|months)(?![\w-])",
            re.IGNORECASE,
        ),
        "clock": re.compile(
            r"(?<![\w:.])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![\w])"
            r"|(?<![\w:.])(?P<h2>[01]?\d|2[0-3]):(?P<m2>[0-5]\d)(?![\w:])"
            r"|(?<![\w-])(?P<word>noon|midnight)(?![\w-])",
            re.IGNORECASE,
        ),
    }


_ANY_MONTH = re.compile(
    r"\b(?:"
    + "|".join([m.capitalize() for m in MONTHS] + [a.capitalize() for a in _MONTH_ABBR])
    + r")"
)


# Lower-cased words the cheap tests in find_times look for (added to the shared stem scan):
# every _ANY_MONTH match holds a month's first three letters.
_MONTH_STEMS = frozenset(m[:3] for m in MONTHS)
_DEICTIC = ("today", "tonight", "yesterday", "this ", "last ", "next ")
# what a "deictic" match holds (its words, as written there: one space)
_DEICTIC_WORDS = (
    "today",
    "tonight",
    "yesterday",
    "last night",
    *(f"this {w}" for w in ("morning", "afternoon", "evening")),
    *(f"{m} {u}" for m in ("last", "this", "next") for u in ("week", "month", "year")),
)
_PAST = ("past", "last", "previous", "recent")
_AM_PM = ("am", "a.m", "pm", "p.m")  # a "clock" match has one, or a ":", or noon / midnight
TIME_STEMS = (
    *_MONTH_STEMS,
    *_DEICTIC,
    *_DEICTIC_WORDS,
    *_PAST,
    *_AM_PM,
    *WEEKDAYS,
    " ago",
    "noon",
    "midnight",
)


# Between a weekday and the date that names it: "Saturday, November 14", "Thursday 19 November".
_DATE_GAP = re.compile(r",?[ \t]+")


def _month_num(text: str) -> int:
    t = text.lower().rstrip(".")
    return MONTHS.index(t) + 1 if t in MONTHS else _MONTH_ABBR[t]


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def find_times(text: str, offset: int = 0, published: str | date | None = None) -> list[TimeRef]:
    """Time expressions in ``text`` (a claim's content); spans shifted by ``offset``."""
    pub = published if isinstance(published, date) else parse_published(published)
    sc = scan_text(text)
    found = sc.stems  # which TIME_STEMS are in the lower-cased text
    # str.isdigit is wider than \d (superscripts): only a non-ASCII text can differ
    digits = sc.digit or (not text.isascii() and any(map(str.isdigit, text)))
    months = not found.isdisjoint(_MONTH_STEMS) and bool(_ANY_MONTH.search(text))
    # Cheap tests first: most claims have no date at all, and each pattern is a full scan.
    # A year is 1950-2049; a weekday is capitalised; "deictic" and "clock" are searched
    # case-blind (Scan.may_search).
    year = digits and _YEAR_DIGITS.search(text) is not None
    wanted = {
        "iso": year and "-" in text,
        "mdy": months and digits,
        "dmy": months and digits,
        "my": months and digits,
        "month": months,
        "year": year,
        "weekday": not found.isdisjoint(WEEKDAYS),
        "deictic": not found.isdisjoint(_DEICTIC) and sc.may_search(_DEICTIC_WORDS),
        "ago": " ago" in found,
        "past": not found.isdisjoint(_PAST),
        "clock": "noon" in found
        or "midnight" in found
        or (digits and (":" in text or sc.may_search(_AM_PM))),
    }
    if not any(wanted.values()):
        return []  # no time words at all: most claims
    pats = _patterns()
    items: list[tuple[int, int, str | None, str | None]] = []  # start, end, value, relative

    def scan(key: str) -> Iterator[re.Match[str]]:
        return pats[key].finditer(text) if wanted[key] else iter(())

    def add(m: re.Match[str], value: str | None, relative: str | None) -> None:
        items.append((m.start(), m.end(), value, relative))

    for key in ("iso", "mdy", "dmy"):
        for m in scan(key):
            mon = int(m.group("mon")) if key == "iso" else _month_num(m.group("mon"))
            day = int(m.group("day"))
            if m.group("year"):
                try:
                    add(m, date(int(m.group("year")), mon, day).isoformat(), None)
                except ValueError:
                    continue
            elif 1 <= day <= 31:
                rel = f"monthday:{mon:02d}-{day:02d}"
                value = None
                if pub is not None:
                    try:
                        d = date(pub.year, mon, day)
                        if d > pub + timedelta(
                            days=2
                        ):  # "October 20" written in January is last October
                            d = date(pub.year - 1, mon, day)
                        value = d.isoformat()
                    except ValueError:
                        pass
                add(m, value, rel)
    dates_at = {start for start, _, _, _ in items}  # the day-precise dates found above
    for m in scan("my"):
        add(m, f"{int(m.group('year')):04d}-{_month_num(m.group('mon')):02d}", None)
    for m in scan("month"):
        mod = (m.group("mod") or "").lower()
        name = m.group("mon").lower().rstrip(".")
        full = MONTHS[_month_num(name) - 1]
        if full in ("may", "march") and not mod:
            continue  # "May" and "March" alone are as likely a verb or a name
        mon = _month_num(name)
        kind = {"last": "last", "next": "next", "this": "this"}.get(mod, "month")
        value = None
        if pub is not None:
            if kind == "last":
                y = pub.year if mon < pub.month else pub.year - 1
            elif kind == "next":
                y = pub.year if mon > pub.month else pub.year + 1
            elif kind == "this":
                y = pub.year
            else:  # past-tense news: the latest such month up to publication
                y = pub.year if mon <= pub.month else pub.year - 1
            value = f"{y:04d}-{mon:02d}"
        add(m, value, f"{kind}:{full}")
    for m in scan("year"):
        items.append((m.start("year"), m.end("year"), m.group("year"), None))
    for m in scan("weekday"):
        after = _DATE_GAP.match(text, m.end())
        if after is not None and after.end() in dates_at:
            continue  # "Saturday, November 14": the date says which Saturday
        mod = (m.group("mod") or "").lower()
        wd = WEEKDAYS.index(m.group("wd").lower())
        kind = {"last": "last", "past": "last", "previous": "last", "next": "next"}.get(
            mod, "weekday"
        )
        value = None
        if pub is not None:
            back = (pub.weekday() - wd) % 7
            if kind == "next":
                d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
            else:
                d = pub - timedelta(days=back if kind == "weekday" else back or 7)
            value = d.isoformat()
        add(m, value, f"{kind}:{WEEKDAYS[wd]}")
    for m in scan("deictic"):
        w = re.sub(r"\s+", " ", m.group("w").lower())
        value = rel = None
        if (
            w in ("today", "tonight")
            or w.startswith("this ")
            and w.split()[1] in ("morning", "afternoon", "evening")
        ):
            rel = "ago:0d"
            value = pub.isoformat() if pub else None
        elif w in ("yesterday", "last night"):
            rel = "ago:1d"
            value = (pub - timedelta(days=1)).isoformat() if pub else None
        elif w == "the day before yesterday":
            rel = "ago:2d"
            value = (pub - timedelta(days=2)).isoformat() if pub else None
        else:
            mod, unit = w.rsplit(" ", 1)
            mod = {"earlier this": "this", "later this": "this"}.get(mod, mod)
            rel = f"{mod}:{unit}"
            if pub is not None and unit in ("month", "year"):
                k = {"last": -1, "this": 0, "next": 1}[mod]
                if unit == "year":
                    value = f"{pub.year + k:04d}"
                else:
                    y, mo = _shift_month(pub.year, pub.month, k)
                    value = f"{y:04d}-{mo:02d}"
        add(m, value, rel)
    for m in scan("ago"):
        n_text = m.group("n").lower()
        n = 1.0 if n_text in ("a", "an") else parse_number(n_text)
        if n is None:
            continue
        u = _UNIT[m.group("u").lower()]
        value = None
        if pub is not None:
            if u in ("d", "w"):
                value = (pub - timedelta(days=int(n) * (7 if u == "w" else 1))).isoformat()
            elif u == "m":
                y, mo = _shift_month(pub.year, pub.month, -int(n))
                value = f"{y:04d}-{mo:02d}"
            else:
                value = f"{pub.year - int(n):04d}"
        add(m, value, f"ago:{int(n)}{u}")
    for m in scan("past"):
        if m.group("u2"):
            add(m, None, f"recent:{m.group('u2').lower()}")
            continue
        n = parse_number(m.group("n")) if m.group("n") else 1.0
        if n is not None:
            add(m, None, f"past:{int(n)}{_UNIT[m.group('u').lower()]}")
    # Longest expression wins where two overlap ("February 2018" over "February").
    items.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    kept: list[tuple[int, int, str | None, str | None]] = []
    for it in items:
        if not any(it[0] < k[1] and k[0] < it[1] for k in kept):
            kept.append(it)
    kept.sort()
    clocks = []
    for m in scan("clock"):
        if m.group("word"):
            clocks.append(
                (m.start(), m.end(), "12:00" if m.group("word").lower() == "noon" else "00:00")
            )
            continue
        h = int(m.group("h") or m.group("h2"))
        mi = int(m.group("m") or m.group("m2") or 0)
        ap = (m.group("ap") or "").lower().replace(".", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        if ap and not 1 <= int(m.group("h") or 0) <= 12:
            continue
        clocks.append((m.start(), m.end(), f"{h:02d}:{mi:02d}"))
    out: list[TimeRef] = []
    used: set[int] = set()
    for s, e, value, rel in kept:
        clock = None
        for k, (cs, ce, c) in enumerate(clocks):
            # "Monday at 9:45 am", "at 9:45 am on Monday": one time reference
            if k not in used and (0 <= cs - e <= 8 or 0 <= s - ce <= 8):
                clock, used = c, used | {k}
                s, e = min(s, cs), max(e, ce)
                break
        out.append(TimeRef(Span(offset + s, offset + e, text[s:e]), value, rel, clock))
    for k, (cs, ce, c) in enumerate(clocks):
        if k not in used:
            out.append(TimeRef(Span(offset + cs, offset + ce, text[cs:ce]), None, None, c))
    out.sort(key=lambda t: t.span.start)
    return out
