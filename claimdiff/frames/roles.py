"""Who did what to whom: initiator, responder and target roles.

Trigger words come from data/frames.yaml (``roles``); the dependency parse
then finds the actors: the verb's subject, its "by X" / "from X" agent and
its object.  Passive voice ("X were fired upon", "was attacked by X") makes
the subject the target and the agent the initiator.  An actor's words are
resolved to a party through the source registry; a belligerent's unnamed
own units ("the patrol came under fire", "we") are its own side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..models import Role, Source, Span
from ..nlp import doc_text
from ..sources import Registry
from ._data import alternation, load, search_stems
from ._scan import scan
from .weapons import find_weapons

# Parties that fight: their unnamed own units ("the unit") stand for them.
NON_BELLIGERENT = frozenset(
    {"unknown", "press", "independent-monitor", "un", "humanitarian", "international-org", "expert"}
)
RELATIVE = frozenset({"that", "which", "who", "whom"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours"})
MAX_ACTOR_TOKENS = 12


@dataclass(frozen=True)
class RoleRule:
    name: str
    pattern: re.Pattern[str]
    subject: str | None
    agent: str | None
    object: str | None
    needs_context: bool  # only in a claim about armed violence
    verb: bool  # the trigger words contain the verb (not a noun like "attacks")
    stems: tuple[str, ...] | None  # literal prefixes of ``pattern``, for Scan.may_search


@dataclass(frozen=True)
class RoleData:
    rules: tuple[RoleRule, ...]
    own_units: re.Pattern[str]
    time_words: frozenset[str]  # "on Saturday": not a target
    weapon_filler: re.Pattern[str]  # words that may stand with a weapon named as the actor
    weapon_phrase_end: re.Pattern[str]  # words that start a phrase after that weapon
    actor_class: dict[str, str]  # head lemma -> class ("militant" -> "irregulars")
    antecedent_sentences: int


@lru_cache(maxsize=1)
def role_data() -> RoleData:
    raw = load("frames")
    rules = tuple(
        RoleRule(
            r["name"],
            re.compile(r"(?<![\w-])(?:" + r["pattern"] + ")", re.IGNORECASE),
            r.get("subject"),
            r.get("agent"),
            r.get("object"),
            bool(r.get("context", True)),
            bool(r.get("verb", True)),
            search_stems(r["pattern"]),
        )
        for r in raw["roles"]
    )
    own = re.compile(
        rf"^(?:(?:the|this|our|its|their|a|an)\s+)?(?:\w+\s+)?(?:{alternation(raw['own_units'])})$",
        re.IGNORECASE,
    )
    na = raw["not_actors"]
    return RoleData(
        rules,
        own,
        frozenset(w.lower() for w in na["time_words"]),
        re.compile(rf"\b(?:{alternation(na['weapon_filler'])}|\d+)\b", re.IGNORECASE),
        re.compile(rf"\b(?:{alternation(na['weapon_phrase_end'])})\b", re.IGNORECASE),
        {w: cls for cls, words in raw.get("actor_classes", {}).items() for w in words},
        int(raw.get("antecedent_sentences", 3)),
    )


def find_roles(
    spans: list[tuple[int, str]],
    doc: Doc | None,
    source: Source,
    registry: Registry,
    violent: bool = True,
) -> list[Role]:
    """Roles in a claim's content spans ``(offset, text)``.  ``violent``: the claim is about armed
    violence (see :func:`claimdiff.frames.events.is_violent`); if not, only rules that need no
    context apply."""
    if doc is None:
        return []
    rd = role_data()
    text = doc_text(doc)
    roles: list[Role | None] = []
    for offset, span_text in spans:
        sc = scan(span_text)
        for rule in rd.rules:
            if rule.needs_context and not violent or not sc.may_search(rule.stems):
                continue
            for m in rule.pattern.finditer(span_text):
                s, e = offset + m.start(), offset + m.end()
                tokens = doc.char_span(s, e, alignment_mode="expand")
                if tokens is None or len(tokens) == 0:
                    continue
                verb = _verb(tokens)
                if (
                    verb is None
                    or (rule.verb and not tokens.start <= verb.i < tokens.end)
                    or _negated(verb)
                ):
                    continue
                trigger = Span.of(text, s, e)
                if rule.subject:
                    subj = _subject(verb)
                    actor_tok = subj
                    if (
                        subj is not None
                        and subj.dep_ in ("nsubjpass", "csubjpass")
                        and rule.subject != "target"
                    ):
                        # "The strike was ordered in self-defence": the one acting is the (absent) agent.
                        actor_tok = _agent(verb, tokens)
                    roles.append(_role(rule.subject, actor_tok, trigger, source, registry, text))
                if rule.agent:
                    agent = _agent(verb, tokens)
                    if agent is not None:
                        roles.append(_role(rule.agent, agent, trigger, source, registry, text))
                if rule.object:
                    obj = _object(verb, tokens)
                    if obj is not None:
                        roles.append(_role(rule.object, obj, trigger, source, registry, text))
    return _merge([r for r in roles if r is not None], text)


def _verb(tokens: object) -> Token | None:
    """The verb the trigger words belong to: a main verb in them, else the verb governing them."""
    toks = list(tokens)  # type: ignore[call-overload]
    for t in toks:
        if t.pos_ == "VERB":
            return t
    node = toks[0]
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            return node
        if node.head is node:
            break
        node = node.head
    return toks[0] if toks[0].pos_ in ("AUX",) else None


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "neg" for a in verb.children if a.dep_ in ("aux", "auxpass") for c in a.children
    )


def _subject(verb: Token) -> Token | None:
    node = verb
    for _ in range(4):
        subj = next(
            (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass")),
            None,
        )
        if subj is not None:
            if subj.lower_ in RELATIVE:
                if node.dep_ == "relcl":
                    return node.head  # "a jet that had attacked ...": the jet
                return _antecedent(subj) or subj
            return subj
        if node.dep_ == "xcomp":
            # "led US-backed forces to return fire": the object of "led" acts.
            obj = next((c for c in node.head.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None:
                return obj
        if node.dep_ == "relcl":
            return node.head
        if (
            node.dep_ in ("xcomp", "conj", "advcl", "ccomp", "acl", "pcomp", "prep")
            and node.head is not node
        ):
            node = node.head
        else:
            break
    return None


def _antecedent(pron: Token) -> Token | None:
    """The noun a relative pronoun stands for when the parser did not attach its clause to it
    ("a helicopter last May that had fired": the helicopter, not May)."""
    sent_start = pron.sent.start
    for i in range(pron.i - 1, max(sent_start, pron.i - 8) - 1, -1):
        t = pron.doc[i]
        if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("DATE", "TIME"):
            return t
    return None


def _prep_object(heads: list[Token], preps: tuple[str, ...]) -> Token | None:
    for h in heads:
        for c in h.children:
            if c.dep_ == "agent" and "by" in preps or c.dep_ == "prep" and c.lower_ in preps:
                pobj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                # "on Saturday", "by midnight": a time, not an actor or a target
                if pobj is not None and not _is_time(pobj):
                    return pobj
    return None


def _is_time(tok: Token) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in role_data().time_words


def _agent(verb: Token, tokens: object) -> Token | None:
    heads = [verb, *[t for t in tokens if t is not verb]]  # type: ignore[attr-defined]
    return _prep_object(heads, ("by", "from"))


def _object(verb: Token, tokens: object) -> Token | None:
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    if obj is not None and obj.lower_ not in (
        "fire",
        "attack",
        "attacks",
        "assault",
        "assaults",
        "rounds",
        "offensive",
        "aggression",
        "raid",
        "raids",
        "ambush",
    ):
        return obj
    heads = [verb, *[t for t in tokens if t is not verb]]  # type: ignore[attr-defined]
    if obj is not None:
        heads.append(obj)
    return _prep_object(heads, ("on", "upon", "against"))


def _phrase(tok: Token, text: str) -> str:
    """The words of the noun phrase headed by ``tok``, without relative clauses."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("relcl",) or (c.dep_ == "punct" and c.i > tok.i):
            skip.update(t.i for t in c.subtree)
    toks = [t for t in tok.subtree if t.i not in skip and (t.i >= tok.i or t.dep_ != "punct")]
    toks = [t for t in toks if not (t.i > tok.i and t.dep_ == "relcl")]
    # "at 9:45 am rebels attacked": a time the parser ran into the subject is not the actor.
    while (
        len(toks) > 1
        and toks[0].i < tok.i
        and (toks[0].ent_type_ in ("TIME", "DATE") or toks[0].like_num)
    ):
        toks = toks[1:]
    toks = toks[:MAX_ACTOR_TOKENS]
    if not toks:
        return tok.text
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    return text[s:e].strip(" ,;:")


def _is_weapon(actor: str) -> bool:
    """The actor's words are only a weapon, maybe counted ("six rockets", "a drone")."""
    weapons = find_weapons(actor)
    if not weapons:
        return False
    rd = role_data()
    after = rd.weapon_phrase_end.split(actor[weapons[-1].span.end :], maxsplit=1)[0]
    rest = rd.weapon_filler.sub(" ", actor[: weapons[0].span.start] + after)
    return not re.search(r"[^\W\d_]", rest)


def _role(
    role: str, actor_tok: Token | None, trigger: Span, source: Source, registry: Registry, text: str
) -> Role | None:
    actor = _phrase(actor_tok, text) if actor_tok is not None else None
    party = registry.party_of(actor) if actor else None
    # "the patrol", "the troops": a speaker's own units are read below; any other
    # unnamed actor ("the militants", "the jets", "they") may name an earlier mention's side
    own_unit = bool(actor) and bool(role_data().own_units.match((actor or "").lower()))
    if party is None and actor_tok is not None and not own_unit:
        party = _antecedent_party(actor_tok, registry)
    if actor and party is None and _is_weapon(actor):
        return None  # "was struck by three mortar rounds": the weapon, not who fired it
    own = source.party not in NON_BELLIGERENT
    if party is None and own:
        words = actor.lower() if actor else ""
        # "us" only in lower case: "US" is the country
        first_person = bool(actor) and any(
            w.lower() in FIRST_PERSON and w != "US" for w in re.findall(r"\w+", actor or "")
        )
        generic = actor is None or bool(role_data().own_units.match(words))
        # A speaker names its own unit "the patrol"; it would name the other side.  Only a
        # responder or target is assumed to be the speaker's own: "the gunmen who shot at
        # them" in a ministry statement is not the ministry.
        if first_person or (generic and role in ("responder", "target")):
            party = source.party
    if party is None and actor_tok is not None and own_unit:
        party = _antecedent_party(actor_tok, registry)
    return Role(role, actor, party or "unknown", trigger)


_DEFINITE = frozenset({"the", "these", "those", "this", "that"})


def _antecedent_party(tok: Token, registry: Registry) -> str | None:
    """The side of "the militants" / "they": the nearest earlier mention in the
    last few sentences whose head is of the same class (data ``actor_classes``)
    and whose words name a side ("four PKK terrorists").  A bare plural noun
    ("militants", no article) or a name is not a back-reference."""
    rd = role_data()
    pronoun = tok.lower_ in ("they", "them")
    if pronoun:
        cls = None
    else:
        cls = rd.actor_class.get(tok.lemma_.lower())
        if cls is None or not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in tok.children):
            return None
    doc = tok.doc
    first = tok.sent.start
    sents = 0
    for i in range(tok.i - 1, -1, -1):
        t = doc[i]
        if i < first:
            sents += 1
            if sents > rd.antecedent_sentences:
                return None
            first = t.sent.start
        if t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "compound":
            continue
        if pronoun:
            if t.tag_ not in ("NNS", "NNPS") or rd.actor_class.get(t.lemma_.lower()) is None:
                continue
        elif rd.actor_class.get(t.lemma_.lower()) != cls:
            continue
        # "an anti-ISIS patrol" is not ISIS: words against a side do not name it
        words = " ".join(
            x.text for x in t.subtree if x.i <= t.i and not x.lower_.startswith("anti")
        )
        party = registry.party_of(words)
        if party is not None:
            return party
    return None


def _merge(roles: list[Role], text: str) -> list[Role]:
    """One role per actor and part: overlapping duplicates dropped, adjacent triggers joined
    ("fired back" + "in self-defence" -> "fired back in self-defence")."""
    out: list[Role] = []
    for r in sorted(roles, key=lambda r: (r.span.start, -r.span.end)):
        dup = next(
            (
                k
                for k, o in enumerate(out)
                if o.role == r.role
                and o.actor == r.actor
                and o.actor_party == r.actor_party
                and r.span.start <= o.span.end + 2
                and text[o.span.end : r.span.start].strip() == ""
            ),
            None,
        )
        if dup is not None:
            o = out[dup]
            out[dup] = Role(
                o.role,
                o.actor,
                o.actor_party,
                Span.of(text, o.span.start, max(o.span.end, r.span.end)),
            )
            continue
        out.append(r)
    return out
