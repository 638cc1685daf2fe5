"""Casualty figures: how many of which victims were killed, injured, missing
or captured, as intervals.

Patterns are anchored on casualty words, so a figure only counts when it is
the subject or object of one ("more than 40 ... were killed", "killing three
and injuring five", "no French personnel were hurt"); troop strengths ("about
5,000 troops") never are.  Word lists are data (data/frames.yaml,
data/numbers.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Casualty, Span
from ..sources import Registry
from ._data import alternation, load, search_stems
from ._scan import scan
from .numbers import data as number_data
from .numbers import interval

CATEGORIES = ("killed", "injured", "missing", "captured")
_TOLL = "death toll|toll|number of (?:the )?(?:dead|deaths|fatalities|people killed)"
_NAMED = re.compile(r"\(\?P<\w+>")
_WORD = r"[\w'’().&/-]+"


@dataclass(frozen=True)
class CasualtyPatterns:
    passive: re.Pattern[str]
    active: re.Pattern[str]
    toll: re.Pattern[str]
    noun: re.Pattern[str]
    negated: re.Pattern[str]
    coord: re.Pattern[str]
    including: re.Pattern[str]
    after_cut: re.Pattern[str]
    passive_cat: tuple[tuple[str, re.Pattern[str]], ...]
    active_cat: tuple[tuple[str, re.Pattern[str]], ...]
    noun_cat: tuple[tuple[str, re.Pattern[str]], ...]  # "deaths" -> killed, "casualties" -> both
    object_follows: re.Pattern[str]
    person: re.Pattern[str]
    military: re.Pattern[str]
    first_person: re.Pattern[str]
    cues_ci: re.Pattern[str]
    cues_cs: re.Pattern[str]
    cue_group: dict[str, str]
    weak: frozenset[str]  # cues that name a group only when no other cue does ("US aid workers")
    generic: re.Pattern[str]  # "militants": a group only when nothing else names one
    generic_group: dict[str, str]
    occupier: re.Pattern[str]  # "occupation soldiers": foreign troops named by their role
    occupier_parties: tuple[str, ...]
    occupier_allies: dict[str, frozenset[str]]  # a side never calls these parties occupiers
    parents: dict[str, str]
    party_groups: dict[str, str]
    any_word: re.Pattern[str]  # any casualty word at all


def _acronym(cue: str) -> bool:
    return cue.replace(".", "").replace("-", "").isupper() and len(cue) <= 6


@lru_cache(maxsize=1)
def patterns() -> CasualtyPatterns:
    raw = load("frames")
    words = raw["casualty_words"]
    q = _NAMED.sub("(?:", number_data().quantity_src) + r"(?![\w-])"
    stop = alternation(raw["group_stop"])
    gword = rf"(?!(?:{stop})(?![\w-]))(?!\d){_WORD}"
    aux = alternation(raw["auxiliaries"])
    adv = alternation(raw["adverbs"])
    passive_all = "|".join(p for ps in words["passive"].values() for p in ps)
    active_all = "|".join(p for ps in words["active"].values() for p in ps)
    person = "|".join(raw["person_nouns"])
    nouns_all = "|".join(p for ps in words["nouns"].values() for p in ps)
    # "two civilians travelling in the car had been killed", "..., who were riding in a bus,":
    # a participle phrase between the victims and the verb (not a casualty word itself).
    participle = (
        rf",?\s*(?:(?:who|that)\s+(?:were|was|had\s+been)\s+)?(?!(?:{passive_all}|{active_all})\b)[a-z]+ing\s+"
        r"(?:in|on|inside|with|along|near|at|aboard|through|from|to|towards?)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+,?"
    )
    # "had been “neutralised”": a quote mark may stand before the participle
    verb_tail = rf"(?:(?P<aux>{aux})\s+)?(?:(?:{adv})\s+)?[\"“‘']?(?P<v>{passive_all})(?:\s+(?:or|and)\s+(?P<v2>{passive_all}))?(?![\w-])"
    cue_group: dict[str, str] = {}
    ci: list[str] = []
    cs: list[str] = []
    parents: dict[str, str] = {}
    weak: set[str] = set()
    generic: dict[str, str] = {}
    for gid, spec in raw["victim_groups"].items():
        generic.update((c.lower(), gid) for c in spec.get("generic", []))
        if spec.get("parent"):
            parents[gid] = spec["parent"]
        for cue in [*spec.get("cues", []), *spec.get("weak", [])]:
            cue_group[cue.lower()] = gid
            (cs if _acronym(cue) else ci).append(cue)
        weak.update(c.lower() for c in spec.get("weak", []))

    def cue_re(cues: list[str], flags: int) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w-])(?:{alternation(cues)})(?![\w-])", flags)

    return CasualtyPatterns(
        # "23 pro-government fighters and 11 jihadists had died": two figures, one verb.
        passive=re.compile(
            rf"(?<![\w-])(?P<q>{q})\s+(?P<g>(?:{gword}(?:\s+|(?=,))){{0,8}}?)"
            rf"(?:(?:,\s*|and\s+|,\s*and\s+)(?P<q2>{q})\s+(?P<g2>(?:{gword}\s+){{0,8}}?))?"
            rf"(?:,\s*(?:including|among them|among whom|mostly|many of them)\s+[^,;.]{{1,40}},\s+)?"
            rf"(?:{participle}\s+)?{verb_tail}",
            re.IGNORECASE,
        ),
        active=re.compile(
            rf"(?<![\w-])(?P<v>{active_all})\s+(?P<q>{q})(?=(?P<rest>[^.;:!?]{{0,80}}))",
            re.IGNORECASE,
        ),
        # "the death toll rose to 45"; "the toll from a raid on a truck in X rose to seven":
        # a long "from/in/of ..." phrase only before a verb of change.
        toll=re.compile(
            rf"(?<![\w-])(?:{_TOLL})\s+"
            rf"(?:(?:(?:\w+\s+){{0,4}}?)(?:rose to|rises to|climbed to|reached|stood at|stands at|is|was|of|at|to|hit)"
            rf"|(?:from|in|of)\s+[^.;:!?]{{1,160}}?\s+(?:(?:has|had|have)\s+)?"
            rf"(?:rose|rises|risen|climbed|climbs|jumped|jumps|increased|increases|reached|reaches)(?:\s+to)?)"
            rf"\s+(?P<q>{q})(?![\w-])",
            re.IGNORECASE,
        ),
        noun=re.compile(
            rf"(?<![\w-])(?P<q>{q})\s+(?P<g>(?:{gword}\s+){{0,3}}?)(?P<v>{nouns_all})(?![\w-])",
            re.IGNORECASE,
        ),
        negated=re.compile(
            rf"(?P<g>(?:{gword}\s+){{1,5}}?)(?:were|was|are|is|have|has|had)(?:\s+not|n't)\s+(?:been\s+)?(?:(?:{adv})\s+)?"
            rf"(?P<v>{passive_all})(?:\s+(?:or|and)\s+(?P<v2>{passive_all}))?(?![\w-])",
            re.IGNORECASE,
        ),
        # "A French and a Danish sailor were wounded": two victims of two groups.
        coord=re.compile(
            rf"(?<![\w-])(?:an?|one)\s+(?P<a1>(?-i:[A-Z])[\w.-]+)\s+and\s+(?:an?\s+|one\s+)?(?P<a2>(?-i:[A-Z])[\w.-]+)\s+"
            rf"(?P<n>soldier|service ?member|serviceman|marine|sailor|airman|civilian|contractor|journalist|citizen|national|child|officer)\s+"
            rf"{verb_tail}",
            re.IGNORECASE,
        ),
        including=re.compile(
            rf"\s*,?\s*(?:including|among them|among whom(?: were)?)\s+(?P<q>{q})\s+(?P<g>(?:{gword}\s*){{1,4}})",
            re.IGNORECASE,
        ),
        after_cut=re.compile(
            r"[,.;:()\"“”]|\s(?:and|or|but|while|as|in|on|at|near|during|after|when|from|with|by|since)\b",
            re.IGNORECASE,
        ),
        passive_cat=tuple(
            (c, re.compile(rf"(?:{'|'.join(ps)})", re.IGNORECASE))
            for c, ps in words["passive"].items()
        ),
        active_cat=tuple(
            (c, re.compile(rf"(?:{'|'.join(ps)})", re.IGNORECASE))
            for c, ps in words["active"].items()
        ),
        noun_cat=tuple(
            (c, re.compile(rf"(?:{'|'.join(ps)})", re.IGNORECASE))
            for c, ps in words["nouns"].items()
        ),
        object_follows=re.compile(
            rf"\s+(?:{q}|the|a|an|his|her|their|its)(?![\w-])", re.IGNORECASE
        ),
        person=re.compile(rf"(?<![\w-])(?:{person})(?![\w-])", re.IGNORECASE),
        military=re.compile(
            rf"(?<![\w-])(?:{'|'.join(raw['military_nouns'])})(?![\w-])", re.IGNORECASE
        ),
        first_person=re.compile(r"(?<![\w-])(?:[Oo]ur|[Ww]e|us)(?![\w-])"),  # not "US"
        cues_ci=cue_re(ci, re.IGNORECASE),
        cues_cs=cue_re(cs, 0),
        cue_group=cue_group,
        weak=frozenset(weak),
        generic=re.compile(rf"(?<![\w-])(?:{alternation(generic)})(?![\w-])", re.IGNORECASE),
        generic_group=generic,
        occupier=re.compile(
            rf"(?<![\w-])(?:{alternation(raw['occupier_words'])})\s+"
            rf"(?:{'|'.join(raw['military_nouns'])})(?![\w-])",
            re.IGNORECASE,
        ),
        occupier_parties=tuple(raw["occupier_parties"]),
        occupier_allies={k: frozenset(v) for k, v in raw.get("occupier_allies", {}).items()},
        parents=parents,
        party_groups=dict(raw["party_groups"]),
        any_word=re.compile(
            f"{passive_all}|{active_all}|{nouns_all}|toll",
            re.IGNORECASE,
        ),
    )


@lru_cache(maxsize=1)
def any_word_stems() -> tuple[str, ...] | None:
    """Literal prefixes of ``any_word`` (see ``_scan.Scan.may_search``)."""
    return search_stems(patterns().any_word.pattern)


@dataclass(frozen=True)
class Gates:
    """Words (see ``_scan.Scan.may_search``) without which a casualty pattern cannot match:
    each holds a word of one list, ``negated`` also a "not"; the slowest patterns are
    then searched only in the few claims that have them."""

    passive: tuple[str, ...] | None  # a passive verb: coord, passive and negated
    active: tuple[str, ...] | None
    nouns: tuple[str, ...] | None
    toll: tuple[str, ...] | None
    negation: tuple[str, ...] = ("not", "n't")  # negated: "(?:\s+not|n't)"


@lru_cache(maxsize=1)
def gates() -> Gates:
    words = load("frames")["casualty_words"]
    return Gates(
        passive=search_stems("|".join(p for ps in words["passive"].values() for p in ps)),
        active=search_stems("|".join(p for ps in words["active"].values() for p in ps)),
        nouns=search_stems("|".join(p for ps in words["nouns"].values() for p in ps)),
        toll=search_stems(_TOLL),
    )


def group_ancestors(group: str) -> list[str]:
    """``group`` and the wider groups it belongs to ("us-forces" -> coalition-forces)."""
    parents = patterns().parents
    out = [group]
    while out[-1] in parents and len(out) < 10:
        out.append(parents[out[-1]])
    return out


def victim_group(
    words: str,
    registry: Registry | None,
    source_party: str | None = None,
    context: str | None = None,
) -> str | None:
    """The normalised victim group named in ``words`` ("Syrian pro-regime forces" -> pro-regime-forces).

    ``context`` is the claim's text around the words: "occupation soldiers" are the troops
    of the foreign party it names (data/frames.yaml ``occupier_parties``).
    """
    pats = patterns()
    w = re.split(r"\b(?:including|among them|among whom)\b", words, maxsplit=1)[0]
    found: list[tuple[int, str]] = []
    weak: list[tuple[int, str]] = []
    for rx in (pats.cues_ci, pats.cues_cs):
        for m in rx.finditer(w):
            key = m.group(0).lower()
            (weak if key in pats.weak else found).append((m.start(), pats.cue_group[key]))
    found = found or weak
    groups: list[str] = []
    for _, g in sorted(found):
        if g not in groups:
            groups.append(g)
    # "rebel fighters and Turkish soldiers": one figure, several groups.
    if len(groups) > 1:
        common = [
            a
            for a in group_ancestors(groups[0])
            if all(a in group_ancestors(o) for o in groups[1:])
        ]
        return common[0] if common else groups[0]
    if groups:
        return groups[0]
    generic = pats.generic.search(w)
    if not pats.military.search(w):
        return pats.generic_group[generic.group(0).lower()] if generic else None
    if source_party and pats.first_person.search(w):
        return pats.party_groups.get(source_party)
    party = registry.party_of(w) if registry is not None else None
    if party is None and registry is not None and context and pats.occupier.search(w):
        party = _occupier(context, registry, w, source_party)
    if party and party in pats.party_groups:
        return pats.party_groups[party]
    return pats.generic_group[generic.group(0).lower()] if generic else None


def _occupier(context: str, registry: Registry, words: str, source_party: str | None) -> str | None:
    """Whose troops "occupation forces" are: the foreign party ``context`` names nearest
    the victim ``words``, never the speaker's own side or its ally."""
    pats = patterns()
    barred = {source_party} | pats.occupier_allies.get(source_party or "", frozenset())
    at = context.find(words)
    at = len(context) // 2 if at < 0 else at + len(words) // 2
    best: tuple[int, str] | None = None
    tokens = list(re.finditer(r"[\w.'’-]+", context))
    for k in range(len(tokens)):
        for n in (2, 1):
            if k + n > len(tokens):
                continue
            party = registry.party_of(context[tokens[k].start() : tokens[k + n - 1].end()])
            if party in pats.occupier_parties and party not in barred:
                dist = abs(tokens[k].start() - at)
                if best is None or dist < best[0]:
                    best = (dist, party)
    return best[1] if best else None


def _category(table: tuple[tuple[str, re.Pattern[str]], ...], verb: str) -> str | None:
    for cat, rx in table:
        if rx.fullmatch(verb):
            return cat
    return None


def find_casualties(
    text: str, offset: int = 0, registry: Registry | None = None, source_party: str | None = None
) -> list[Casualty]:
    """Casualty figures in ``text`` (a claim's content); spans are shifted by ``offset``."""
    pats = patterns()
    # Most claims name no casualty at all: the shared stem scan, then one search decides
    # (the search alone, a long case-blind alternation, cost more than all the rest).
    sc = scan(text)
    if not sc.may_search(any_word_stems()) or not pats.any_word.search(text):
        return []
    gate = gates()
    passive = sc.may_search(gate.passive)
    qrx = number_data().quantity
    found: list[
        tuple[int, int, str, str | None, tuple[int | None, int | None, int | None], str]
    ] = []
    used_verbs: set[int] = set()

    def add(
        start: int,
        end: int,
        cat: str,
        group: str | None,
        iv: tuple[int | None, int | None, int | None],
        gwords: str,
    ) -> None:
        if cat == "both":
            # "no civilians were harmed": none killed, none wounded; "two were harmed" is neither
            if iv == (0, 0, 0):
                found.append((start, end, "killed", group, iv, gwords))
                found.append((start, end, "injured", group, iv, gwords))
            return
        found.append((start, end, cat, group, iv, gwords))

    def quantity(s: str) -> tuple[int | None, int | None, int | None] | None:
        m = qrx.fullmatch(s.strip())
        return interval(m) if m else None

    def has_person(words: str) -> bool:
        return bool(pats.person.search(words))

    for m in pats.coord.finditer(text) if passive else ():
        cat = _category(pats.passive_cat, m.group("v"))
        if cat is None:
            continue
        used_verbs.add(m.start("v"))
        for adj in ("a1", "a2"):
            g = victim_group(f"{m.group(adj)} {m.group('n')}", registry, source_party, text)
            add(m.start(), m.end("v"), cat, g, (1, 1, 1), m.group(adj))

    for m in pats.passive.finditer(text) if passive else ():
        if m.start("v") in used_verbs:
            continue
        qtext, gwords = m.group("q"), m.group("g").strip()
        iv = quantity(qtext)
        if iv is None:
            continue
        single = qtext.strip().lower() in number_data().singular
        if single and not has_person(gwords):
            continue  # "a car bomb killed ..." is not a count of victims
        if (
            gwords
            and not has_person(gwords)
            and not pats.cues_ci.search(gwords)
            and not pats.cues_cs.search(gwords)
        ):
            continue  # "two vehicles were destroyed and 3 tanks captured"
        aux = (m.group("aux") or "").lower()
        if aux in ("", "had", "have", "has") and pats.object_follows.match(text, m.end("v")):
            continue  # active voice: "three gunmen killed two guards" (the object is the victim)
        used_verbs.add(m.start("v"))
        figures = [(m.start("q"), iv, gwords)]
        if m.group("q2"):
            iv2 = quantity(m.group("q2"))
            if iv2 is not None:
                figures.append((m.start("q2"), iv2, m.group("g2").strip()))
        for fstart, fiv, fwords in figures:
            group = victim_group(fwords, registry, source_party, text) if fwords else None
            for vk in ("v", "v2"):
                if not m.group(vk):
                    continue
                cat = _category(pats.passive_cat, m.group(vk))
                if cat is None:
                    continue
                if m.group("v2") and fiv != (0, 0, 0):
                    continue  # "5 killed or wounded" is a total, not a figure of either category
                add(fstart, m.end(vk), cat, group, fiv, fwords)

    for m in pats.active.finditer(text) if sc.may_search(gate.active) else ():
        cat = _category(pats.active_cat, m.group("v"))
        iv = quantity(m.group("q"))
        if cat is None or iv is None:
            continue
        rest = m.group("rest")
        cut = pats.after_cut.search(rest)
        gwords = (rest[: cut.start()] if cut else rest).strip()
        gwords = " ".join(gwords.split()[:6])
        if m.group("q").strip().lower() in number_data().singular and not has_person(gwords):
            continue
        if (
            gwords
            and not has_person(gwords)
            and not pats.cues_ci.search(gwords)
            and not pats.cues_cs.search(gwords)
        ):
            continue  # "killed two birds", "captured three villages"
        group = victim_group(gwords, registry, source_party, text) if gwords else None
        end = m.end("q") + (rest.find(gwords) + len(gwords) if gwords else 0)
        add(m.start(), end, cat, group, iv, gwords)

    for m in pats.toll.finditer(text) if sc.may_search(gate.toll) else ():
        iv = quantity(m.group("q"))
        if iv is not None:
            add(m.start(), m.end("q"), "killed", None, iv, "")

    for m in pats.noun.finditer(text) if sc.may_search(gate.nouns) else ():
        iv = quantity(m.group("q"))
        if iv is None:
            continue
        gwords = m.group("g").strip()
        if gwords.lower().startswith("of"):
            continue  # "many of the deaths": a part of a figure, not a count
        among = re.match(
            r"\s+(?:among|on the side of)\s+((?:the\s+)?(?:[\w'’-]+\s*){1,4})", text[m.end() :]
        )
        if not gwords and among:
            gwords = among.group(1).strip()
        group = victim_group(gwords, registry, source_party, text) if gwords else None
        if not gwords and iv == (0, 0, 0) and source_party:
            # A belligerent's "there were no injuries": none on its own side, as "none of
            # our soldiers was hurt" in its own words.
            group = pats.party_groups.get(source_party)
        cat = _category(pats.noun_cat, m.group("v"))
        if cat == "both":
            if iv == (0, 0, 0):  # "no casualties": none killed, none wounded
                add(m.start(), m.end("v"), "killed", group, iv, gwords)
                add(m.start(), m.end("v"), "injured", group, iv, gwords)
            continue
        if cat is not None:
            add(m.start(), m.end("v"), cat, group, iv, gwords)

    negated = passive and sc.may_search(gate.negation)
    for m in pats.negated.finditer(text) if negated else ():
        gwords = m.group("g").strip()
        group = victim_group(gwords, registry, source_party, text)
        if group is None:
            continue  # "it was not hurt": only a named group gets a zero
        g_start = m.start("g") + (len(m.group("g")) - len(m.group("g").lstrip()))
        for vk in ("v", "v2"):
            cat = _category(pats.passive_cat, m.group(vk)) if m.group(vk) else None
            if cat:
                add(g_start, m.end(vk), cat, group, (0, 0, 0), gwords)

    # "killing 20 people, including seven children": a figure for a group inside the first.
    # "..., including a commander" names no group of its own: a member of the figure, not
    # another death.
    for start, end, cat, group, _iv, _gw in list(found):  # noqa: PERF101 - add() appends to found
        im = pats.including.match(text, end)
        if im:
            iv = quantity(im.group("q"))
            gwords = im.group("g").strip()
            if iv is not None and (has_person(gwords) or pats.cues_ci.search(gwords)):
                sub = victim_group(gwords, registry, source_party, text)
                if sub is not None and sub != group:
                    add(im.start("q"), im.end("g"), cat, sub, iv, gwords)

    found.sort(key=lambda f: (f[0], CATEGORIES.index(f[2])))
    out: list[Casualty] = []
    seen: set[tuple[int, str, str | None]] = set()
    prev: tuple[int, str | None, str] | None = None  # end, group, group words of the last figure
    for start, end, cat, group, iv, gwords in found:
        # "three soldiers were killed and five wounded": the second figure's victims are the first's.
        if (
            gwords.lower() in ("", "others", "other", "more")
            and prev is not None
            and re.fullmatch(r"\s*(?:,|and|,\s*and|while|as well as)\s*", text[prev[0] : start])
        ):
            group = prev[1]
        key = (start, cat, group)
        if key in seen or any(
            c.span.start - offset <= start
            and end <= c.span.end - offset
            and c.category == cat
            and c.group == group
            for c in out
        ):
            continue
        seen.add(key)
        low, high, cons = iv
        out.append(
            Casualty(
                cat, group, low, high, Span(offset + start, offset + end, text[start:end]), cons
            )
        )
        prev = (end, group, gwords)
    return out
