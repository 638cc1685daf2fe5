"""Places named in a claim: a gazetteer of Syrian places (data/places.yaml)
matched by one pass over the words (a dict lookup per word n-gram), then spaCy NER (GPE/LOC/FAC) for places
the gazetteer does not list.  Claim.places holds canonical names: the
gazetteer's name, else the NER text as written (without a leading "the")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from ._data import load

NER_LABELS = frozenset({"GPE", "LOC", "FAC"})
_KEY = re.compile(r"[\s\-'’‘`]+")
_WORDS = re.compile(r"[^\W_]+")
_JOIN = re.compile(r"[ \t\-'’‘`]{0,3}")  # what may stand between the words of one name


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
    by_name: dict[str, Place]
    coarse: frozenset[str]


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
    return Gazetteer(
        first_words=frozenset(first),
        max_words=longest,
        by_key=by_key,
        by_name=by_name,
        coarse=frozenset(c.lower() for c in raw["coarse"]),
    )


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
    words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORDS.finditer(text)]
    out = []
    i, n = 0, len(words)
    while i < n:
        if words[i][2] not in gz.first_words:
            i += 1
            continue
        best: tuple[int, Place] | None = None
        key = ""
        for j in range(i, min(n, i + gz.max_words)):
            if j > i and not _JOIN.fullmatch(text, words[j - 1][1], words[j][0]):
                break
            key += words[j][2]
            place = gz.by_key.get(key)
            if place is not None:
                best = (j, place)
        # Place names are capitalised: "the hula dance" is not Houla.
        if best is not None and any(ch.isupper() for ch in text[words[i][0] : words[best[0]][1]]):
            out.append((words[i][0], words[best[0]][1], best[1].name))
            i = best[0] + 1
        else:
            i += 1
    return out


_ENTS_KEY = "claimdiff.frames.place_ents"


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
        if name and name.lower() not in coarse and any(ch.isupper() for ch in name):
            out.append((ent.start_char, ent.end_char, name))
    out.sort()
    doc.user_data[_ENTS_KEY] = out
    return out


def find_places(spans: list[tuple[int, str]], doc: Doc | None) -> tuple[str, ...]:
    """Canonical place names in a claim's content spans ``(offset, text)``, in order, once each."""
    found: list[tuple[int, str]] = []
    covered: list[tuple[int, int]] = []
    for offset, text in spans:
        for s, e, name in gazetteer_places(text):
            found.append((offset + s, name))
            covered.append((offset + s, offset + e))
    if doc is not None:
        ents = _place_ents(doc)
        starts = [e[0] for e in ents]
        for offset, text in spans:
            hi = offset + len(text)
            for start, end, name in ents[bisect_left(starts, offset) :]:
                if start >= hi:
                    break
                if end <= hi and not any(s < end and start < e for s, e in covered):
                    found.append((start, name))
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return tuple(out)
