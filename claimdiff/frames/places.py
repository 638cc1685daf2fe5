"""Places named in a claim: a gazetteer of Syrian and Iraqi places (data/places.yaml)
matched by one pass over the words (a dict lookup per word n-gram), then spaCy NER (GPE/LOC/FAC) for places
the gazetteer does not list.  Claim.places holds canonical names: the
gazetteer's name, else the NER text as written (without a leading "the").

A gazetteer name with an area word ("Hasakah province", "the countryside of
Idlib", "the Manbij region") is the area, not the place: the governorate when
the place is its capital or the word says province, else "<name> area" (kind
region), so a province is never read as the city it is named after."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc

from ._data import alternation, load
from ._scan import scan

NER_LABELS = frozenset({"GPE", "LOC", "FAC"})
_KEY = re.compile(r"[\s\-'’‘`]+")
_WORDS = re.compile(r"[^\W_]+")
_JOIN = re.compile(r"[ \t\-'’‘`]{0,3}")  # what may stand between the words of one name
_SPAN = re.Match.span


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    governorate: str | None


@dataclass(frozen=True)
class Gazetteer:
    first_words: frozenset[str]  # first word of every spelling, lower case
    max_words: int
    by_key: dict[str, Place]
    key_prefixes: frozenset[str]  # every prefix of a key of by_key
    by_name: dict[str, Place]
    coarse: frozenset[str]
    governorates: dict[str, Place]  # governorate name -> its governorate entry
    area_after: re.Pattern[str]  # "X province", "X countryside": group `w` is the area word
    area_before: re.Pattern[str]  # "province of X", "rural X", ending where X starts
    area_kind: dict[str, str]  # area word (lower case) -> governorate | countryside | district
    site: re.Pattern[str]  # "the X air base", "the village of X": group `a` or `b` is the name
    site_stems: tuple[str, ...]  # lower-cased first words of its nouns: one is in every match
    not_site: frozenset[str]  # single words that are no place's name ("a US base")


# Kinds a "<name> area" can be made of: a point, not already an area.
_AREA_OF = frozenset({"city", "town", "village", "site"})


def _coarse_key(name: str) -> str:
    """ "U.S." and "U.S" (NER may leave the last period off) and "US" are one name."""
    return name.lower().replace(".", "")


def _key(text: str) -> str:
    return _KEY.sub("", text.lower())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    raw = load("places")
    by_key: dict[str, Place] = {}
    by_name: dict[str, Place] = {}
    first: set[str] = set()
    longest = 1
    for e in raw["places"]:
        place = Place(str(e["name"]), str(e.get("kind", "place")), e.get("governorate"))
        by_name[place.name] = place
        for v in {place.name, *map(str, e.get("variants", []))}:
            by_key.setdefault(_key(v), place)
            words = _WORDS.findall(v)
            first.add(words[0].lower())
            longest = max(longest, len(words))
    governorates = {
        str(p.governorate): p for p in by_name.values() if p.kind == "governorate" and p.governorate
    }
    # "Manbij region" -> "Manbij area": every point gets an area around it, looked up by name.
    for p in list(by_name.values()):
        if p.kind in _AREA_OF:
            by_name.setdefault(f"{p.name} area", Place(f"{p.name} area", "region", p.governorate))
    area_kind = {w.lower(): k for k, ws in raw["area_words"].items() for w in ws}
    words = alternation(area_kind)
    return Gazetteer(
        first_words=frozenset(first),
        max_words=longest,
        by_key=by_key,
        key_prefixes=frozenset(k[:n] for k in by_key for n in range(1, len(k) + 1)),
        by_name=by_name,
        coarse=frozenset(_coarse_key(c) for c in [*raw["coarse"], *raw.get("seats", [])]),
        governorates=governorates,
        area_after=re.compile(rf"[ \t]+(?P<w>{words})(?![\w-])", re.IGNORECASE),
        area_before=re.compile(
            rf"(?<![\w-])(?:(?P<w>{words})[ \t]+of[ \t]+(?:the[ \t]+)?|(?P<r>rural)[ \t]+)$",
            re.IGNORECASE,
        ),
        area_kind=area_kind,
        site=_site_pattern(raw.get("site_nouns_after", []), raw.get("site_nouns_before", [])),
        site_stems=tuple(
            sorted(
                {
                    str(w).split()[0].lower()
                    for w in [*raw.get("site_nouns_after", []), *raw.get("site_nouns_before", [])]
                }
            )
        ),
        not_site=frozenset(_coarse_key(w) for w in raw.get("not_site_names", [])),
    )


# A place name: capitalised words, each may open with an Arabic article ("al-", "el-").
_NAME = r"(?:(?:al|el|ad|ar|as|at|ash|an|az)-)?[A-Z][\w’'-]*(?:[ \t]+(?:(?:al|el|ad|ar|as|at|ash|an|az)-)?[A-Z][\w’'-]*){0,3}"


def _site_pattern(after: list[str], before: list[str]) -> re.Pattern[str]:
    a = "|".join(
        re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(after, key=len, reverse=True)
    )
    b = "|".join(
        re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(before, key=len, reverse=True)
    )
    alts = []
    if a:
        alts.append(rf"(?<![\w-])(?P<a>{_NAME})[ \t]+(?:{a})(?![\w-])")
    if b:
        alts.append(rf"(?<![\w-])(?:{b})[ \t]+(?:the[ \t]+)?(?P<b>{_NAME})")
    return re.compile("|".join(alts) or r"(?!x)x")


def site_places(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` of places named by the words around them ("the X air base")."""
    gz = gazetteer()
    if not scan(text).may_match(gz.site_stems):
        return []  # no site noun: most claims; the pattern's search is slow
    out = []
    for m in gz.site.finditer(text):
        g = "a" if m.group("a") is not None else "b"
        name = m.group(g)
        if _coarse_key(name) in gz.not_site or _coarse_key(name) in gz.coarse:
            continue
        if _coarse_key(name.split()[0]) in gz.not_site:
            continue  # "Syrian Army checkpoint", "The Tanf base": not the name's first word
        if name.isupper():
            continue  # "a PKK camp": an acronym names who holds it, not where it is
        out.append((m.start(g), m.end(g), name))
    return out


def _area(place: Place, word: str) -> Place:
    """The area an area word makes of a place: its governorate or the area around it."""
    gz = gazetteer()
    kind = gz.area_kind.get(word.lower(), "district")
    gov = gz.governorates.get(place.governorate or "")
    if place.kind in ("governorate", "region", "river"):
        return place  # already an area: "the Ghouta region"
    if gov is not None and (
        kind == "governorate" or (kind == "countryside" and place.governorate == place.name)
    ):
        return gov
    return gz.by_name.get(f"{place.name} area", place)


def place_info(name: str) -> Place | None:
    """The gazetteer entry of a canonical place name (kind, governorate), if listed."""
    return gazetteer().by_name.get(name)


def governorate_of(name: str) -> str | None:
    """The governorate a gazetteer place lies in ("Douma" -> "Rif Dimashq")."""
    p = place_info(name)
    return p.governorate if p else None


def gazetteer_places(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, canonical name)`` of every gazetteer place in ``text``."""
    gz = gazetteer()
    lows = list(map(str.lower, _WORDS.findall(text)))
    if gz.first_words.isdisjoint(lows):
        return []  # no word starts a place name: most claims
    # (start, end) of each word: map() over the matches, no Python code per word
    spans = list(map(_SPAN, _WORDS.finditer(text)))
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(lows)
    # only the words a name can start with, in order; i: the first word not yet read
    for i0 in [k for k, w in enumerate(lows) if w in gz.first_words]:
        if i0 < i:
            continue  # inside a name already found
        i = i0
        best: tuple[int, Place] | None = None
        key = ""
        for j in range(i, min(n, i + gz.max_words)):
            if j > i and not _JOIN.fullmatch(text, spans[j - 1][1], spans[j][0]):
                break
            key += lows[j]
            if key not in gz.key_prefixes:
                break  # no longer name starts so
            place = gz.by_key.get(key)
            if place is not None:
                best = (j, place)
        # Place names are capitalised: "the hula dance" is not Houla.
        if best is not None and any(ch.isupper() for ch in text[spans[i][0] : spans[best[0]][1]]):
            start, end, place = spans[i][0], spans[best[0]][1], best[1]
            # "Hasakah province", "the countryside of Idlib": the area, not the city.
            after = gz.area_after.match(text, end)
            before = gz.area_before.search(text, max(0, start - 40), start)
            if after is not None:
                word = after.group("w")
                place, end = _area(place, word), after.end()
                i = best[0] + 2
                if word.lower().endswith("s"):
                    _plural_areas(text, out, start, word)  # "Idlib and Hama provinces"
            elif before is not None:
                place, start = _area(place, before.group("w") or before.group("r")), before.start()
            out.append((start, end, place.name))
            i = max(i, best[0] + 1)
        else:
            i += 1
    return out


_LIST_JOIN = re.compile(r"\s*(?:,|,?\s+and|,?\s+or)\s+")


def _plural_areas(text: str, out: list[tuple[int, int, str]], start: int, word: str) -> None:
    """Make the places listed just before a plural area word areas too ("Idlib, Hama and
    Aleppo provinces": three governorates)."""
    gz = gazetteer()
    k = len(out) - 1
    while k >= 0 and _LIST_JOIN.fullmatch(text, out[k][1], start):
        s, e, name = out[k]
        place = gz.by_name.get(name)
        if place is not None:
            out[k] = (s, e, _area(place, word).name)
        start, k = s, k - 1


_ENTS_KEY = "claimdiff.frames.place_ents"
_STARTS_KEY = "claimdiff.frames.place_ent_starts"


def _place_ents(doc: Doc) -> list[tuple[int, int, str]]:
    """The doc's place entities ``(start, end, name)`` by start, built once per doc: reading
    ``doc.ents`` builds every Span again, which per claim made NER most of the frames' time."""
    cached = doc.user_data.get(_ENTS_KEY)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    coarse = gazetteer().coarse
    out = []
    for ent in doc.ents:
        if ent.label_ not in NER_LABELS:
            continue
        name = re.sub(r"^the\s+", "", ent.text.strip(), flags=re.IGNORECASE).strip(" .,;:'\"“”")
        if name and _coarse_key(name) not in coarse and any(ch.isupper() for ch in name):
            out.append((ent.start_char, ent.end_char, name))
    out.sort()
    doc.user_data[_ENTS_KEY] = out
    return out


def _ent_starts(doc: Doc, ents: list[tuple[int, int, str]]) -> list[int]:
    """The starts of ``_place_ents(doc)``, for bisect, built once per doc."""
    cached = doc.user_data.get(_STARTS_KEY)
    if cached is None:
        cached = doc.user_data[_STARTS_KEY] = [e[0] for e in ents]
    return cached  # type: ignore[no-any-return]


def find_places(spans: list[tuple[int, str]], doc: Doc | None) -> tuple[str, ...]:
    """Canonical place names in a claim's content spans ``(offset, text)``, in order, once each."""
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for offset, text in spans:
        for s, e, name in gazetteer_places(text):
            found.append((offset + s, name))
            covered.append((offset + s, offset + e))
    for offset, text in spans:
        for s, e, name in site_places(text):
            if not any(a < offset + e and offset + s < b for a, b in covered):
                found.append((offset + s, name))
                covered.append((offset + s, offset + e))
    if doc is not None:
        ents = _place_ents(doc)
        starts = _ent_starts(doc, ents)
        for offset, text in spans:
            hi = offset + len(text)
            # islice: no copy of the rest of the doc's entities per span
            for start, end, name in islice(ents, bisect_left(starts, offset), None):
                if start >= hi:
                    break
                if end <= hi and not any(s < end and start < e for s, e in covered):
                    found.append((start, name))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return tuple(out)
