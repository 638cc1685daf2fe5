"""Explanations a fact-checker can read: who says what, in one sentence.

"The coalition says its patrol came under fire first and returned fire; a
Syrian military source, via SANA, says the US patrol opened fire."  Each side
is named the way the article named it (the source mention), falling back to
the registry name; a channel is given with "via".  Quoted words are the
evidence, so the sentence can be checked against the highlighted spans.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Claim, Source, Span
from .common import lexicon

# Mentions that say nothing out of their sentence.
PRONOUNS = {
    "he",
    "she",
    "it",
    "they",
    "who",
    "which",
    "that",
    "we",
    "i",
    "this",
    "these",
    "those",
    "him",
    "her",
    "them",
    "its",
    "their",
    "his",
}


def display_name(src: Source) -> str:
    """A registry name as it reads mid-sentence: "the Pentagon", "SANA", "a US official"."""
    name = re.sub(r"\s*[\[(].*$", "", src.name).strip()
    # "Jane Doe, the chief spokeswoman for ...": the name without its appositive.
    name = re.sub(r",\s+(?:the|a|an)\s.*$", "", name)
    if not name:
        return "an unnamed source"
    # A name recorded with its article ("The health ministry"): one "the", lower case.
    bare = re.sub(r"^The\s+", "", name)
    if bare != name and bare:
        return f"the {bare}"
    first = name.split()[0]
    if (
        src.kind in ("person", "spokesperson")
        or name[0].islower()
        or (first.isupper() and len(first) > 1)
    ):
        return name
    return f"the {name}"


def _is_back_reference(mention: str, src: Source | None) -> bool:
    """ "the official", "this monitor": names the source only inside its article."""
    m = mention.lower()
    if not re.match(r"(?:the|this|that|these|those)\s", m):
        return False
    bare = re.sub(r"^(?:the|this|that|these|those)\s+", "", m)
    if src is None:
        return True
    names = {a.lower() for a in src.aliases} | {src.name.lower()}
    return bare not in names | {re.sub(r"^the\s+", "", n) for n in names}


def source_name(claim: Claim, sources: dict[str, Source]) -> str:
    src = sources.get(claim.source_id)
    mention = " ".join(claim.source_mention.text.split()) if claim.source_mention else ""
    if claim.form == "narrative" or (src is not None and src.kind == "outlet" and not mention):
        return display_name(src) if src is not None else "the outlet"
    usable = (
        mention
        and mention.lower() not in PRONOUNS
        and len(mention) <= 40
        and not _is_back_reference(mention, src)
    )
    if usable:
        # Mid-sentence: "The coalition" -> "the coalition".
        name = re.sub(r"^(The|A|An|Another)\b", lambda m: m.group(1).lower(), mention)
    else:
        name = display_name(src) if src is not None else "an unnamed source"
    if claim.channel_id and claim.channel_id in sources and claim.channel_id != claim.source_id:
        via = display_name(sources[claim.channel_id])
        name = f"{name}, via {re.sub(r'^the ', '', via)},"
    return name


def side_names(claims: Iterable[Claim], sources: dict[str, Source], limit: int = 2) -> str:
    """The sources of one side, each named once (by its first mention)."""
    names: list[str] = []
    seen: set[tuple[str, str | None]] = set()
    for c in sorted(claims, key=lambda c: (c.article_id, c.start)):
        who = (c.source_id, c.channel_id)
        n = source_name(c, sources)
        if who in seen or n.lower() in (x.lower() for x in names):
            continue
        seen.add(who)
        names.append(n)
    if not names:
        return "one source"
    shown = names[:limit]
    text = " and ".join(shown) if len(shown) <= 2 else ", ".join(shown[:-1]) + " and " + shown[-1]
    if len(names) > limit:
        text += f" (and {len(names) - limit} more)"
    return text


# Plural nouns that do not end in -s.
_PLURAL_HEADS = frozenset({"people", "police", "personnel", "staff", "children", "media"})
# Plural nouns that may stand alone with a capital (a source named at the start
# of a sentence); any other capitalised single word is a name, however it ends.
_CAPITAL_PLURALS = frozenset(
    {
        "officials",
        "activists",
        "residents",
        "sources",
        "witnesses",
        "rebels",
        "militants",
        "monitors",
        "authorities",
        "doctors",
        "medics",
        "analysts",
        "diplomats",
        "observers",
        "protesters",
        "troops",
        "locals",
        "villagers",
        "survivors",
        "relatives",
        "paramedics",
        "rescuers",
    }
)
# The head noun ends before these: "the Observatory for Human Rights", "sources in the town".
_AFTER_HEAD = re.compile(r"\s+(?:for|of|in|at|on|from|near|with|via|who|close|familiar)\b|[,(]")


def is_plural(names: str) -> bool:
    """The subject is plural: two names ("SANA and the army"), or one plural noun
    ("local sources", "Turkish officials"); an organisation's name ("the Syrian
    Democratic Forces", "the Observatory for Human Rights") is singular."""
    first = names.split(" (and ")[0]
    if " and " in first or first != names:
        return True
    head_part = _AFTER_HEAD.split(first, maxsplit=1)[0].split()
    if not head_part:
        return False
    head = head_part[-1].strip("“”\"'")
    low = head.lower()
    if head.isupper():
        return False  # an acronym ("SANA")
    if low in _PLURAL_HEADS or (low.endswith("men") and low != "yemen"):
        return True
    if head[:1].isupper() and (len(head_part) > 1 or low not in _CAPITAL_PLURALS):
        return False  # a capitalised name ("Jennings", "Hamas", "the Syrian Democratic Forces")
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "news"))


def verb_for(names: str, singular: str, plural: str) -> str:
    """``names`` with the verb form that agrees with it."""
    return f"{names} {plural if is_plural(names) else singular}"


def says(names: str, verb: str = "say") -> str:
    """Subject and verb: "SANA says", "SANA and the army say", "local sources say"."""
    return verb_for(names, verb + "s", verb)


def quote(spans: Iterable[Span], limit: int = 2) -> str:
    texts: list[str] = []
    for s in spans:
        t = " ".join(s.text.split())
        # "come under attack" and "come under attack by" are one piece of evidence.
        if t and not any(t in x or x in t for x in texts):
            texts.append(t)
    return " / ".join(f"“{t}”" for t in texts[:limit])


def party_label(party: str) -> str:
    return lexicon().party_labels.get(party, party)


def sentence(first: str, second: str) -> str:
    """Two clauses joined by a semicolon, capitalised and closed with a full stop."""
    text = f"{first}; {second}".strip()
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."
