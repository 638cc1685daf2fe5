"""Numbers as news text writes them ("1,200", "twenty-five", "a hundred",
"2.5 million") and quantity expressions ("more than 100", "some 500",
"dozens of", "between 20 and 30", "no") turned into intervals.

An interval is ``(low, high, conservative)``: ``high`` None means open-ended
("more than 100" = 101..open); ``conservative`` is the figure a conservative
count uses (ACLED's rule for "dozens" = 12, "hundreds" = 100), None when the
expression gives only an upper bound ("up to 20").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ._data import alternation, load

Interval = tuple[int | None, int | None, int | None]


@dataclass(frozen=True)
class NumberData:
    words: dict[str, int]  # units and tens
    multipliers: dict[str, int]
    singular: dict[str, int]
    zero: tuple[str, ...]
    qualifiers: dict[str, tuple[str, str | None, str | None]]
    vague: dict[str, tuple[int, int | None, int]]
    length_units: dict[str, float]
    number: re.Pattern[str]  # one number, digits or words
    quantity: re.Pattern[
        str
    ]  # a qualified quantity (groups: qual, vague, b1, b2, n1, n2, single, zero)
    number_src: str
    quantity_src: str


@lru_cache(maxsize=1)
def data() -> NumberData:
    raw = load("numbers")
    words = {**raw["units"], **raw["tens"]}
    mult = dict(raw["multipliers"])
    word_alt = alternation([*words, *mult])
    # "twenty-five", "two hundred and fifty", "a hundred", "1,200", "2.5 million"
    num_words = rf"(?:(?:a|one)\s+)?(?:{word_alt})(?:(?:[\s-]+|\s+and\s+)(?:{word_alt}))*"
    digits = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?"
    number_src = rf"(?:(?:{digits})(?:\s+(?:{alternation(list(mult))}))?|{num_words})"
    quals = {k: (str(v["low"]), v["high"], v["conservative"]) for k, v in raw["qualifiers"].items()}
    vague = {k: tuple(v) for k, v in raw["vague"].items()}
    singular = dict(raw["singular"])
    zero = tuple(raw["zero"])
    quantity_src = (
        rf"(?:(?P<qual>{alternation(list(quals))})\s+)?"
        rf"(?:(?P<vague>{alternation(list(vague))})"
        rf"|between\s+(?P<b1>{number_src})\s+and\s+(?P<b2>{number_src})"
        rf"|(?P<n1>{number_src})(?:\s*(?:to|-|–|or)\s*(?P<n2>{number_src}))?"
        rf"|(?P<single>{alternation(list(singular))})"
        rf"|(?P<zero>{alternation(list(zero))}))"
    )
    return NumberData(
        words=words,
        multipliers=mult,
        singular=singular,
        zero=zero,
        qualifiers=quals,  # type: ignore[arg-type]
        vague=vague,  # type: ignore[arg-type]
        length_units={k: float(v) for k, v in raw["length_units"].items()},
        number=re.compile(rf"(?<![\w.,-])(?:{number_src})(?![\w-])", re.IGNORECASE),
        quantity=re.compile(rf"(?<![\w-]){quantity_src}(?![\w-])", re.IGNORECASE),
        number_src=number_src,
        quantity_src=quantity_src,
    )


_SPLIT = re.compile(r"[\s-]+(?:and\s+)?")


def parse_number(text: str) -> float | None:
    """The value of one number written in digits or words; None if it is not one."""
    d = data()
    t = text.strip().lower()
    m = re.fullmatch(r"([\d,]+(?:\.\d+)?)(?:\s+(\w+))?", t)
    if m:
        try:
            v = float(m.group(1).replace(",", ""))
        except ValueError:
            return None
        if m.group(2):
            mult = d.multipliers.get(m.group(2))
            if mult is None:
                return None
            v *= mult
        return v
    total, current, seen = 0, 0, False
    for w in _SPLIT.split(t):
        if w in ("a", "one") and not seen:
            current, seen = 1, True
            continue
        if w in d.words:
            current += d.words[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in d.multipliers:
            total += max(current, 1) * d.multipliers[w]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def _eval(expr: str | None, n: float) -> float | None:
    if expr is None:
        return None
    # The expressions are this package's data ("n + 1", "n * 0.9"), never user input.
    return float(eval(expr, {"__builtins__": {}}, {"n": n}))


def interval(m: re.Match[str]) -> Interval | None:
    """The interval of a match of ``data().quantity``; None when it is not a count."""
    d = data()
    if m.group("zero"):
        return 0, 0, 0
    if m.group("vague"):
        lo, hi, cons = d.vague[_norm(m.group("vague"))]
        qual = _norm(m.group("qual") or "")
        # "more than a few" is still vague; "at least dozens" keeps the low end.
        return lo, hi, cons if qual in ("", "at least", "more than", "over") else None
    if m.group("single"):
        n = float(d.singular[_norm(m.group("single"))])
    else:
        first, second = (
            (m.group("b1"), m.group("b2")) if m.group("b1") else (m.group("n1"), m.group("n2"))
        )
        n1 = parse_number(first)
        if n1 is None:
            return None
        if second:
            n2 = parse_number(second)
            if n2 is None or n2 < n1:
                return None
            lo, hi = int(n1), int(n2)
            return lo, hi, lo
        n = n1
    qual = _norm(m.group("qual") or "")
    if not qual:
        return int(n), int(n), int(n)
    q_lo, q_hi, q_cons = d.qualifiers[qual]
    lo = _eval(q_lo, n)
    hi = _eval(q_hi, n)
    cons = _eval(q_cons, n)
    low = math.floor(lo) if lo is not None else None
    high = math.ceil(hi) if hi is not None else None
    if low is not None and high is not None and high < low:
        high = low
    conservative = math.floor(cons) if cons is not None else None
    return low, high, conservative


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())
