"""What incident grouping reads from a claim's frame, and when two frames clash.

Each claim is reduced to a :class:`Frame`: its event types, the specific
places it names, its time anchors and the parties acting in it.  Two frames
are compared on each of these; the answer is agreement (evidence for one
incident), conflict (evidence against) or unknown.  Unknown is never held
against a pair: most claims name no place or time.

Time anchors
    A ``TimeRef`` with a ``value`` (ISO day, month or year) is an absolute
    interval of days; two day-precise anchors agree when they lie at most
    ``incident_max_gap_days`` apart, a month or year must overlap the other
    anchor, so different years always conflict.
    A ``TimeRef`` without a value is relative to its article's (unknown)
    publication date: "Monday", "today", "three days ago" are *recent*;
    "in February", "last June" name a *month*.  Relative anchors are only
    comparable inside one article (they share the anchor): recent vs recent
    and the same month agree; recent vs a named month, or two different
    months, conflict ("earlier this month" is how reporters name the
    current month, so a bare month name is another month).
    An article's *frame time* is the anchor most of its event claims carry
    (else its publication date, else "recent"): an undated claim inherits
    it, so a flashback sentence ("... were killed in February") stands
    apart from the undated sentences around it.

Places
    Only specific places (towns, villages, sites) count; countries, rivers,
    regions and other broad areas (see data/grouping.yaml) never conflict.
    When the frames gazetteer knows a place's parents (a town's district,
    governorate), naming the parent is compatible with naming the town.

Hard and soft conflicts
    A conflict between two *eventive* claims (with an event type, casualty
    figure or role) on their own anchors is hard: the claims are never put
    in one incident.  Any other conflict (an inherited time, a claim that
    reports no event, which may mention dates as background) only lowers
    the pair's affinity.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..models import Article, Claim, TimeRef

RECENT = "recent"
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_WEEKDAYS = frozenset(d.lower() for d in calendar.day_name)
# "last week", "this morning": within the days before publication.
_RECENT_UNITS = frozenset({"week", "weekend", "night", "morning", "afternoon", "evening", "days"})


@dataclass(frozen=True)
class GroupingData:
    generic: frozenset[str]
    broad_words: frozenset[str]
    countries: frozenset[str]
    background: tuple[re.Pattern[str], ...]
    tally_periods: tuple[re.Pattern[str], ...]
    tally_superlative: re.Pattern[str]
    tally_events: tuple[re.Pattern[str], ...]
    tally_perfect: tuple[re.Pattern[str], ...]
    reference_point: re.Pattern[str]
    capitals: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_data() -> GroupingData:
    raw = yaml.safe_load(
        resources.files("claimdiff.incidents").joinpath("data/grouping.yaml").read_text("utf-8")
    )
    return GroupingData(
        generic=frozenset(raw["generic_event_types"]),
        broad_words=frozenset(w.lower() for w in raw["broad_place_words"]),
        countries=frozenset(c.lower() for c in raw["countries"]),
        background=tuple(re.compile(p, re.IGNORECASE) for p in raw["background_patterns"]),
        tally_periods=tuple(re.compile(p, re.IGNORECASE) for p in raw["tally"]["periods"]),
        tally_superlative=re.compile(raw["tally"]["superlative_before"], re.IGNORECASE),
        tally_events=tuple(re.compile(p, re.IGNORECASE) for p in raw["tally"]["events"]),
        tally_perfect=tuple(re.compile(p, re.IGNORECASE) for p in raw["tally"]["perfect"]),
        reference_point=re.compile(raw["reference_point_before"], re.IGNORECASE),
        capitals=frozenset(c.lower() for c in raw.get("capitals", [])),
    )


# --- time -------------------------------------------------------------------

# An anchor: ("abs", first_day_ordinal, last_day_ordinal) or
# ("rel", article_id, "recent" | month number).
Anchor = tuple[Any, ...]


def parse_value(value: str) -> Anchor | None:
    """An ISO day, month or year as an interval of day ordinals."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip()[:10])
    if not m:
        return None
    y = int(m.group(1))
    try:
        if m.group(3):
            d = date(y, int(m.group(2)), int(m.group(3))).toordinal()
            return ("abs", d, d)
        if m.group(2):
            mo = int(m.group(2))
            last = calendar.monthrange(y, mo)[1]
            return ("abs", date(y, mo, 1).toordinal(), date(y, mo, last).toordinal())
        return ("abs", date(y, 1, 1).toordinal(), date(y, 12, 31).toordinal())
    except ValueError:
        return None


def parse_relative(relative: str, article_id: str) -> Anchor | None:
    """A relative ``TimeRef`` as a same-article anchor: a month, recent, or None (too vague).

    Months: ``month:february``, ``last:june``, ``this:may``, ``monthday:02-07``.
    Recent (the days before publication): weekdays, ``ago:3d``, ``past:2d``,
    ``last:week``, ``recent:days``, ``this:morning``.
    """
    kind, _, arg = relative.lower().partition(":")
    arg = arg.strip().rstrip(".")
    month = _MONTHS.get(arg)
    if month:
        return ("rel", article_id, month)
    if kind == "monthday":
        m = re.match(r"(\d{1,2})-", arg)
        return ("rel", article_id, int(m.group(1))) if m and 1 <= int(m.group(1)) <= 12 else None
    if arg in _WEEKDAYS or kind == "recent":
        return ("rel", article_id, RECENT)
    if kind in ("ago", "past"):
        m = re.fullmatch(r"(\d+)([dwmy])", arg)
        if m and (
            m.group(2) == "d"
            and int(m.group(1)) <= 14
            or m.group(2) == "w"
            and int(m.group(1)) <= 2
        ):
            return ("rel", article_id, RECENT)
        return None
    if kind in ("last", "this") and arg in _RECENT_UNITS:
        return ("rel", article_id, RECENT)
    return None


def _anchors(times: Iterable[TimeRef], article_id: str) -> tuple[Anchor, ...]:
    out: list[Anchor] = []
    for t in times:
        a = parse_value(t.value) if t.value else None
        if a is None and t.relative:
            a = parse_relative(t.relative, article_id)
        if a is not None and a not in out:
            out.append(a)
    return tuple(out)


def claim_anchors(claim: Claim) -> tuple[Anchor, ...]:
    return _anchors(claim.times, claim.article_id)


def claim_days(claim: Claim) -> tuple[int, ...]:
    """The days (ordinals) the claim's own words date what it tells to
    ("Monday's fighting", "on Thursday evening"); months and years do not count."""
    return tuple(a[1] for a in claim_anchors(claim) if a[0] == "abs" and a[1] == a[2])


def statement_anchors(claim: Claim, published: str | None = None) -> tuple[Anchor, ...]:
    """When a claim's content names no time: the times in its sentence outside
    the content and the source mention, which date the statement ("In May,
    the ministry said its jets had bombed the depots"; "the ministry said on
    Sunday").  A report tells what happened shortly before it is made, so for
    grouping the statement's time stands for the event's.  (Only grouping reads
    this: the time aspect of the comparison compares event times alone.)"""
    if claim.times or claim.form == "narrative":
        return ()
    from ..frames import find_times

    sent = claim.sentence
    cut = sorted(
        (s.start, s.end)
        for s in (*claim.content, *((claim.source_mention,) if claim.source_mention else ()))
    )
    pieces: list[tuple[int, int]] = []
    at = sent.start
    for s, e in cut:
        if s > at:
            pieces.append((at, min(s, sent.end)))
        at = max(at, e)
    if at < sent.end:
        pieces.append((at, sent.end))
    times = [
        t
        for s, e in pieces
        for t in find_times(sent.text[s - sent.start : e - sent.start], s, published)
    ]
    return _anchors(times, claim.article_id)


def article_frame_time(claims: list[Claim], article: Article | None) -> Anchor:
    """The anchor most of the article's event claims carry; else its date; else recent."""
    counts: Counter[Anchor] = Counter()
    first: dict[Anchor, int] = {}
    for c in sorted(claims, key=lambda c: c.start):
        if not is_eventive(c):
            continue
        for a in claim_anchors(c):
            counts[a] += 1
            first.setdefault(a, c.start)
    if counts:
        return max(counts, key=lambda a: (counts[a], -first[a]))
    if article is not None and article.published:
        a = parse_value(article.published)
        if a is not None:
            # News reports what happened in the days before it was published.
            return ("abs", a[1] - 7, a[2])
    aid = claims[0].article_id if claims else ""
    return ("rel", aid, RECENT)


def allowed_gap(span_a: int, span_b: int, max_gap_days: int) -> int:
    """Day-precise anchors may lie a few days apart (reports lag, time zones); a
    month or year ("in February", "2019") must overlap the other anchor, so
    different years always keep apart."""
    return 0 if max(span_a, span_b) >= 27 else max_gap_days


def anchor_relation(a: Anchor, b: Anchor, max_gap_days: int) -> int:
    """+1 agree, -1 conflict, 0 unknown."""
    if a[0] == "abs" and b[0] == "abs":
        gap = max(0, b[1] - a[2], a[1] - b[2])
        return 1 if gap <= allowed_gap(a[2] - a[1], b[2] - b[1], max_gap_days) else -1
    if a[0] == "rel" and b[0] == "rel" and a[1] == b[1]:
        return 1 if a[2] == b[2] else -1
    return 0


def time_relation(xs: tuple[Anchor, ...], ys: tuple[Anchor, ...], max_gap_days: int) -> int:
    """Agree if any pair of anchors agrees; conflict if every comparable pair conflicts."""
    if not xs or not ys:
        return 0
    seen_conflict = False
    for a in xs:
        for b in ys:
            r = anchor_relation(a, b, max_gap_days)
            if r > 0:
                return 1
            seen_conflict |= r < 0
    return -1 if seen_conflict else 0


# --- places -----------------------------------------------------------------


# Gazetteer kinds that cover too much ground to tell incidents apart.
BROAD_KINDS = frozenset({"governorate", "river", "region", "country"})


@lru_cache(maxsize=65536)
def _gazetteer_kind(name: str) -> str | None:
    try:
        from ..frames import place_info  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        info = place_info(name)
    except Exception:  # noqa: BLE001 - a gazetteer hiccup must not stop grouping
        return None
    return getattr(info, "kind", None) if info is not None else None


def is_broad_place(name: str, data: GroupingData | None = None) -> bool:
    """Countries, governorates, rivers, regions: never evidence that two claims differ."""
    kind = _gazetteer_kind(name)
    if kind is not None:
        return kind in BROAD_KINDS
    data = data or load_data()
    low = name.lower().replace(".", "").strip()  # "U.S", "E.U."
    if low in data.countries:
        return True
    words = set(re.findall(r"[\w'’-]+", low))
    return bool(words & data.broad_words) or any(c in low for c in data.countries if " " in c)


def place_parents(name: str) -> tuple[str, ...]:
    """The gazetteer's parents of a place (district, governorate ...), when it has them."""
    try:
        from ..frames import place_parents as frames_parents  # type: ignore[attr-defined]
    except ImportError:
        return ()
    try:
        return tuple(frames_parents(name) or ())
    except Exception:  # noqa: BLE001 - a gazetteer hiccup must not stop grouping
        return ()


@lru_cache(maxsize=65536)
def place_sets(places: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(specific places named, those places with their parents) in lower case."""
    data = load_data()
    named = {p.lower(): p for p in places if p and not is_broad_place(p, data)}
    parents = {low: {x.lower() for x in place_parents(p)} for low, p in named.items()}
    # "Douma, Rif Dimashq": the town locates the claim; its governorate adds nothing.
    covered = set().union(*parents.values()) if parents else set()
    own = frozenset(low for low in named if low not in covered)
    area = set(own)
    for low in own:
        area |= parents[low]
    return own, frozenset(area)


# A place the claim names as where something came from or went to ("launched
# from near the village of X", "evacuated towards the base in X", "fighters
# from X"): not where the event happened.
_AWAY = re.compile(
    r"\b(?:from|towards?)\s+(?:(?:near|the|a|an|its|their|village|town|city|area|areas|region|of"
    r"|base|bases|in|at|outskirts|direction|camp|positions?|nearby|[\w-]+['’]s)\s+){0,6}$"
    # "fired from the base of the US forces in the X area", "from a US position at X":
    # after a word of movement (below), any words up to the place, unless one of them
    # says where the fire landed ("fired from the hills hit X": X is where it hit).
    r"|\bfrom\s+(?:(?!(?:[\w-]+ed|hit|hits|struck|strikes?|lands?|fell|falls?|kills?|attacks?|"
    r"raids?|storms?|shells|bombs|on|into|onto)\b)[\w'’.-]+\s+){1,8}$",
    re.IGNORECASE,
)
# "from" marks an origin only after a word of movement ("launched from near X",
# "fled from X", "fighters who came from X"); "across the border from X", "20 km
# from X", "not far from X" say where the event was.
_MOVED_BEFORE = re.compile(
    r"\b(?:launched|fired|came|come|coming|fled|fleeing|returning|returned|travell?ing|driving|drove"
    r"|moved|moving|withdrew|withdrawn|retreated|evacuated|transferred|brought|sent|arrived|arriving"
    r"|flew|flown|infiltrated|crossed|shot)\b(?:\s+[\w'’-]+){0,3}\s*$",
    re.IGNORECASE,
)


def _away(before: str) -> bool:
    m = _AWAY.search(before)
    if m is None:
        return False
    if m.group(0)[:4].lower() == "from":
        return bool(_MOVED_BEFORE.search(before[: m.start()]))
    return True  # towards: a destination


def event_places(claim: Claim, more: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The claim's places less those it names only as an origin or a destination,
    or only as the point a distance is measured from when it names another.
    ``more``: other names it holds that are known to be places."""
    places = tuple(dict.fromkeys(claim.places + more)) if more else claim.places
    if not places:
        return ()
    return _event_places(claim.content_text, places)


@lru_cache(maxsize=65536)
def _event_places(text: str, places: tuple[str, ...]) -> tuple[str, ...]:
    try:
        from ..frames.places import gazetteer_places

        found = gazetteer_places(text)
    except Exception:  # noqa: BLE001 - no gazetteer: places as written only
        found = []
    starts: dict[str, list[int]] = {}
    for s, _, name in found:
        starts.setdefault(name, []).append(s)
    low = text.lower()
    reference = load_data().reference_point
    keep: list[str] = []
    measured_from: set[str] = set()
    for p in places:
        at = starts.get(p) or [m.start() for m in re.finditer(re.escape(p.lower()), low)]
        if not at or any(not _away(text[max(0, s - 60) : s]) for s in at):
            keep.append(p)
            if at and all(reference.search(text[max(0, s - 80) : s]) for s in at):
                measured_from.add(p)
    # "near X, some 40 km west of Y": X locates the event, Y only measures where X is.
    if measured_from and any(p not in measured_from and not is_broad_place(p) for p in keep):
        keep = [p for p in keep if p not in measured_from]
    return tuple(keep)


def place_relation(
    own_a: frozenset[str], area_a: frozenset[str], own_b: frozenset[str], area_b: frozenset[str]
) -> int:
    """+1 a shared specific place, -1 specific places with nothing in common, 0 unknown."""
    if not own_a or not own_b:
        return 0
    if own_a & own_b:
        return 1
    if own_a & area_b or own_b & area_a:
        return 0  # one names the area the other's place lies in
    listed = _listed()
    if (own_a <= _namesakes() and not own_b & listed) or (
        own_b <= _namesakes() and not own_a & listed
    ):
        # "an Idlib market" and a village no gazetteer lists: the province, maybe, not
        # the city (against a listed place the gazetteer knows whether it lies there)
        return 0
    return -1


def _listed() -> frozenset[str]:
    """Every place the gazetteer lists, lower case."""
    return _gazetteer_names()[0]


def _namesakes() -> frozenset[str]:
    """Cities that give their name to their governorate (Idlib, Hama, Raqqa), lower case:
    written bare, the name may mean either. A country's capital means the city."""
    return _gazetteer_names()[1]


@lru_cache(maxsize=1)
def _gazetteer_names() -> tuple[frozenset[str], frozenset[str]]:
    """(every listed place, the namesake cities), lower case; empty without a gazetteer."""
    try:
        from ..frames.places import gazetteer

        by_name = gazetteer().by_name
    except Exception:  # noqa: BLE001 - no gazetteer: nothing listed
        return frozenset(), frozenset()
    capitals = load_data().capitals
    namesakes = frozenset(
        name.lower()
        for name, p in by_name.items()
        if p.kind == "city" and p.governorate == name and name.lower() not in capitals
    )
    return frozenset(name.lower() for name in by_name), namesakes


# --- events and parties -----------------------------------------------------


def is_eventive(claim: Claim) -> bool:
    return bool(claim.event_types or claim.casualties or claim.roles)


def reports_incident(claim: Claim) -> bool:
    """A specific event type, or a casualty figure placed in space or time."""
    if any(not is_generic_event(e) for e in claim.event_types):
        return True
    return bool(claim.casualties) and bool(claim.times or place_sets(tuple(claim.places))[0])


def is_background(claim: Claim) -> bool:
    """A standing fact told as context (troop levels, where forces are based),
    or a running tally of many events ("bases were hit 60 times since May",
    "shelling has killed at least 30 people this year")."""
    text = claim.content_text
    if is_tally(text, one_event=dates_one_event(claim)):
        return True
    if claim.event_types or claim.casualties or claim.roles:
        return False
    return any(p.search(text) for p in load_data().background)


def dates_one_event(claim: Claim) -> bool:
    """The claim gives a day ("on Monday", "yesterday", 2024-03-02): it tells one event."""
    for t in claim.times:
        if t.value and len(t.value) == 10:
            return True
        if t.relative and t.relative.split(":", 1)[0] in (
            "weekday",
            "today",
            "yesterday",
            "tonight",
            "day",
        ):
            return True
    return False


def is_tally(text: str, one_event: bool = False) -> bool:
    """A count over a period, not one incident: a period ("since October",
    "this year", "so far"), not after a superlative ("the deadliest since
    2019"), with a count of events ("60 times", "dozens of raids"), or a
    perfect tense ("have killed") when the claim dates no single event."""
    data = load_data()
    period = any(
        not data.tally_superlative.search(text[max(0, m.start() - 60) : m.start()])
        for p in data.tally_periods
        for m in p.finditer(text)
    )
    if not period:
        return False
    if any(p.search(text) for p in data.tally_events):
        return True
    return not one_event and any(p.search(text) for p in data.tally_perfect)


def event_family(name: str) -> str | None:
    """The family of an event type (violence, movement ...), from the frames' table
    (claimdiff/frames/data/frames.yaml, the one place families are defined), or None
    for a type the frames do not know."""
    return _frames_family(name.replace("-", "_"))


@lru_cache(maxsize=1024)
def _frames_family(name: str) -> str | None:
    from ..frames import event_family as frames_family

    fam = frames_family(name)
    return fam if fam != name else None


def is_generic_event(name: str) -> bool:
    return name.replace("_", "-") in load_data().generic


def claim_parties(claim: Claim) -> frozenset[str]:
    return frozenset(
        r.actor_party for r in claim.roles if r.actor_party and r.actor_party != "unknown"
    )
