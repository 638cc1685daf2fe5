"""Article metadata: cleaning given values, and the little that text states.

Inference is deliberately narrow (see :func:`outlet_from_dateline` and
:func:`title_from_first_line`): a wrong outlet or title misleads a reader more
than a missing one. ``published`` is never read from the text: a date in the
text is as likely a photo caption's or an earlier event's as the article's.
"""

from __future__ import annotations

import email.utils
import math
import re
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml
from dateutil import parser as dateparser

FIELDS: tuple[str, ...] = ("title", "outlet", "published", "url", "id")

# How many non-blank lines from the top a dateline may stand on: the first
# can be a headline, a byline or a photo caption.
DATELINE_LINES = 5
TITLE_MAX_WORDS = 20
# One word alone ("Advertisement", "Syria") is more often page furniture.
TITLE_MIN_WORDS = 2
# A line ending like this is a sentence, a lead-in or a dateline, not a headline.
_NOT_TITLE_ENDINGS = tuple('.!?”":;,…—–-')
# A line ending in one of these is a hard-wrapped sentence, not a headline.
_CONTINUATION_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by",
        "for", "from", "with", "as", "into", "than", "that", "which", "who", "whose",
        "while", "after", "before", "said", "says",
    }
)  # fmt: skip
ID_MAX_LENGTH = 128

_NULLS = {"", "null", "~", "none", "nan", "nat", "na", "n/a"}

_WS = r"[ \t\u00a0\u2009\u202f]"
# A hyphen counts as a dateline dash only when spaced ("Reuters - "), so
# "US-led" is never split.
_DASH = rf"(?:[—–]|-{{1,2}}(?={_WS}|$))"
# "WASHINGTON (Reuters) -", "BEIRUT, Lebanon (AP) —", "(CNN) —"
_PAREN_DATELINE = re.compile(
    rf"^{_WS}*(?:[A-Z][^\n()]{{0,79}}?{_WS}*)?\((?P<token>[^()\n]{{1,40}})\){_WS}*{_DASH}"
)
# "CNN —", "SYRIA —"
_BARE_DATELINE = re.compile(rf"^{_WS}*(?P<token>[^\n()—–]{{1,40}}?){_WS}*{_DASH}")
_BYLINE = re.compile(r"^by\s", re.IGNORECASE)
# "Strike kills two in north Syria, monitor says": a headline's attribution, not a
# hard-wrapped sentence (a comma, then a short speaker, then "says").
_HEADLINE_SAYS = re.compile(r",\s+(?:[\w'’.&/-]+\s+){1,6}says$")


def is_missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA: every way a table cell says "no value"."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def clean_value(value: Any) -> str | None:
    """A metadata value as a stripped string; None for missing, null or empty."""
    if is_missing(value):
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        # An id column with gaps is read as floats: 17.0 means "17".
        return str(int(value))
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    text = str(value).strip()
    return None if text.lower() in _NULLS else text


def sanitise_id(raw: str) -> str | None:
    """An explicit id made safe as a file name; None when nothing usable is left."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "-", raw.strip())
    # A leading dot would make a hidden file (or "..").
    safe = re.sub(r"^\.+", lambda m: "-" * len(m.group()), safe)[:ID_MAX_LENGTH]
    return safe if safe.strip("-._") else None


def normalise_date(value: Any) -> tuple[str | None, str | None]:
    """``value`` as an ISO ``YYYY-MM-DD``; returns ``(date, warning)``.

    Only a full date counts: "October 2019" gives None and a warning rather
    than a guessed day. A numeric day/month that could be read either way
    ("03/04/2019") is also refused.
    """
    if is_missing(value):
        return None, None
    if isinstance(value, datetime):
        return value.date().isoformat(), None
    if isinstance(value, date):
        return value.isoformat(), None
    if not isinstance(value, str):
        return None, f"published value {value!r} is not a date; ignored"
    text = value.strip()
    if text.lower() in _NULLS:
        return None, None
    parsed = _parse_date(text)
    if isinstance(parsed, str):
        return None, f"published value {text!r} {parsed}; ignored"
    return parsed.isoformat(), None


def _parse_date(text: str) -> date | str:
    """A date, or the reason (a phrase) why ``text`` is not one."""
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?=$|[T\s])", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return "is not a valid date"
    m = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})$", text)
    if m and int(m[1]) <= 12 and int(m[2]) <= 12 and m[1] != m[2]:
        return "is ambiguous (day/month or month/day)"
    try:
        return email.utils.parsedate_to_datetime(text).date()  # RFC 2822, from feeds
    except (TypeError, ValueError, IndexError):
        pass
    # Parsed twice with different defaults: a component the text does not
    # state would take the default, so the two results differ.
    try:
        a = dateparser.parse(text, default=datetime(2000, 1, 1))
        b = dateparser.parse(text, default=datetime(2001, 2, 2))
    except (ValueError, OverflowError):
        return "is not a recognised date"
    if a.date() != b.date():
        return "is not a full date (year, month and day)"
    return a.date()


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """Dateline token -> outlet name, from the packaged ``outlets.yaml``."""
    raw = yaml.safe_load(resources.files(__package__).joinpath("outlets.yaml").read_text("utf-8"))
    table: dict[str, str] = {}
    for entry in raw["outlets"]:
        name = str(entry["name"])
        for token in (name, *map(str, entry.get("aliases") or ())):
            table[token] = name
            table.setdefault(token.upper(), name)
    return table


def _outlet_named(token: str) -> str | None:
    return known_outlets().get(" ".join(token.split()))


def _dateline_outlet(line: str) -> str | None:
    m = _PAREN_DATELINE.match(line)
    if m and (outlet := _outlet_named(m["token"])):
        return outlet
    m = _BARE_DATELINE.match(line)
    if m:
        return _outlet_named(m["token"])
    return None


def outlet_from_dateline(text: str) -> str | None:
    """The outlet a dateline near the top names ("CNN —", "WASHINGTON (Reuters) -").

    Only a token listed in ``outlets.yaml`` counts; a place ("SYRIA —") does not.
    """
    lines = [line for line in text.split("\n") if line.strip()][:DATELINE_LINES]
    for line in lines:
        outlet = _dateline_outlet(line)
        if outlet:
            return outlet
    return None


def title_from_first_line(text: str) -> str | None:
    """The first line when it reads as a headline; the text itself is unchanged.

    A headline here is the first non-blank line, followed by a line break and
    more text, of 2-20 words, that does not end like a sentence, a lead-in or
    a dateline (. ! ? ” " : ; , … or a dash) and is not a byline. A first
    line that reads as the start of a hard-wrapped paragraph (it ends in "the",
    "and", "of"..., or the next line starts in lower case) is not a headline.
    """
    filled = [line.strip() for line in text.split("\n") if line.strip()]
    if len(filled) < 2:
        return None  # a headline is followed by the article
    line, following = filled[0], filled[1]
    words = line.split()
    if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS:
        return None
    attributed = bool(_HEADLINE_SAYS.search(line))
    if following[0].islower() or (words[-1].lower() in _CONTINUATION_WORDS and not attributed):
        return None  # the first line of a hard-wrapped paragraph
    if line.endswith(_NOT_TITLE_ENDINGS) or _BYLINE.match(line):
        return None
    if not any(c.isalpha() for c in line) or _dateline_outlet(line):
        return None
    return line
