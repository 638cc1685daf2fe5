"""Resolve source mentions to the sources who really speak.

One resolver per article keeps the sources mentioned so far, so that
"he", "the official", "This official", "the monitor" and a bare surname
find the right earlier mention, and two anonymous officials stay two.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..models import Article, Source
from ..nlp import doc_text
from ..sources import Registry, normalise, slug
from .attribution import mention_span, mention_tokens
from .lexicon import Lexicon

INDEFINITE = {"a", "an", "another", "one", "some", "several", "two", "three", "many", "other"}
DEFINITE = {"the", "this", "that", "these", "those"}
STOP = {"the", "a", "an", "this", "that", "these", "those", "another", "of", "for", "'s", "’s", "who"}


@dataclass
class Entity:
    source: Source
    head: str
    words: frozenset[str]
    person: bool
    last: int
    surname: str | None = None
    mentions: list[str] = field(default_factory=list)


class ArticleResolver:
    def __init__(self, article: Article, registry: Registry, lex: Lexicon) -> None:
        self.article = article
        self.registry = registry
        self.lex = lex
        self.entities: list[Entity] = []
        self._anon_count: dict[str, int] = {}
        # One token is one mention, however many cues share it ("he said, adding").
        self._by_token: dict[int, Entity] = {}

    # -- public ------------------------------------------------------------

    def resolve(self, head: Token) -> Source:
        ent = self._by_token.get(head.i) or self._resolve(head, depth=0)
        self._by_token[head.i] = ent
        ent.last = max(ent.last, head.idx)
        s, e = mention_span(head)
        text = doc_text(head.doc)[s:e]
        if text not in ent.mentions:
            ent.mentions.append(text)
        return ent.source

    def channel(self, head: Token) -> Source | None:
        """A news medium carrying another source's words, if ``head`` names one."""
        s, e = mention_span(head)
        m = self.registry.match(doc_text(head.doc)[s:e])
        if m is None or not self.registry.is_channel(m.source.id):
            return None
        outlet = (self.article.outlet or "").lower()
        if outlet and outlet in {a.lower() for a in (m.source.name, *m.source.aliases)}:
            return None  # "told CNN" in a CNN article: the outlet itself, not a channel
        return m.source

    def sources(self) -> list[Source]:
        out = []
        for ent in self.entities:
            aliases = tuple(sorted(set(ent.source.aliases) | set(ent.mentions)))
            out.append(replace(ent.source, aliases=aliases))
        return out

    # -- resolution ----------------------------------------------------------

    def _resolve(self, head: Token, depth: int) -> Entity:
        low = head.lower_
        lex = self.lex
        if low in lex.relative_pronouns and head.head.dep_ in ("relcl", "acl") and depth < 3:
            # "Ms. Ruiz, the chief spokeswoman ..., who said": the relative clause's noun,
            # which may be an appositive of the name.
            noun = head.head.head
            if noun.dep_ == "appos":
                noun = noun.head
            return self._resolve(noun, depth + 1)
        if low in lex.pronouns_person or low in lex.pronouns_group:
            ent = self._antecedent(head.idx, person=low in lex.pronouns_person)
            if ent is not None:
                return ent
        toks = mention_tokens(head)
        s, e = mention_span(head)
        mention = doc_text(head.doc)[s:e]
        descriptor = " ".join(
            doc_text(head.doc)[slice(*mention_span(c))] for c in head.children if c.dep_ == "appos"
        )
        person_ents = _person_entity(head)
        head_lemma = head.lemma_.lower()
        is_role = head_lemma in lex.person_roles or head.lower_ in lex.person_roles
        det = next((t.lower_ for t in toks if t.dep_ in ("det", "poss") and t.i < head.i), None)

        if head.pos_ == "PROPN" and len(toks) == 1:
            # A bare surname the tagger did not take for a person: "Lopez said".
            known = next((e for e in self.entities if e.person and e.surname == low), None)
            if known is not None:
                return known
        # A registered name: an organisation, or a person the registry knows.
        m = self.registry.match(mention)
        if m is not None and (not is_role or m.source.kind == "person") and (
            not person_ents or m.source.kind == "person"
        ):
            return self._registered(m.source, head)
        if person_ents or (head.pos_ == "PROPN" and head.ent_type_ == "PERSON"):
            return self._person(person_ents[0].text if person_ents else mention, mention, descriptor, head)
        if det in DEFINITE or det is None and head.pos_ == "NOUN" and head.tag_ != "NNS":
            ent = self._definite(head_lemma, toks, head.idx)
            if ent is not None:
                return ent
        if m is not None and not is_role:
            return self._registered(m.source, head)
        return self._new_anonymous(mention, descriptor, head_lemma, toks, head, is_role)

    def _antecedent(self, offset: int, *, person: bool) -> Entity | None:
        cands = [e for e in self.entities if e.last < offset and (e.person or not person)]
        if not cands and person:
            cands = [e for e in self.entities if e.last < offset]
        return max(cands, key=lambda e: e.last) if cands else None

    def _definite(self, head_lemma: str, toks: list[Token], offset: int) -> Entity | None:
        words = _words(toks)
        kinds = self.lex.generic_heads.get(head_lemma)
        cands = []
        for ent in self.entities:
            if ent.last >= offset:
                continue
            if ent.head == head_lemma and words <= ent.words | {head_lemma} or kinds and ent.source.kind in kinds:
                cands.append(ent)
        return max(cands, key=lambda e: e.last) if cands else None

    def _registered(self, src: Source, head: Token) -> Entity:
        for ent in self.entities:
            if ent.source.id == src.id:
                return ent
        ent = Entity(
            source=src,
            head=head.lemma_.lower(),
            words=_words(mention_tokens(head)),
            person=src.kind in ("person", "spokesperson"),
            last=head.idx,
            surname=src.name.split()[-1].lower() if src.kind == "person" else None,
        )
        self.entities.append(ent)
        return ent

    def _person(self, name: str, mention: str, descriptor: str, head: Token) -> Entity:
        parts = [p for p in normalise(name).split() if p.lower().strip(",") not in self.lex.titles]
        parts = [p.strip(",") for p in parts if p.strip(",")]
        surname = parts[-1].lower().removesuffix("'s") if parts else head.lower_
        for ent in self.entities:
            if ent.person and ent.surname == surname:
                if len(parts) > len(ent.source.name.split()) and ent.source.kind == "person":
                    ent.source = replace(ent.source, name=" ".join(parts))
                return ent
        context = f"{mention} {descriptor}"
        org = self.registry.match(descriptor) if descriptor else None
        party = (org.source.party if org else None) or self.registry.party_of(context) or "unknown"
        kind = "spokesperson" if "spokes" in descriptor.lower() else "person"
        full = " ".join(parts) or mention
        name_shown = f"{full}, {descriptor}" if descriptor else full
        src = Source(id=slug(full), name=name_shown, party=party, kind=kind)
        ent = Entity(src, head.lemma_.lower(), _words(mention_tokens(head)), True, head.idx, surname)
        self.entities.append(ent)
        return ent

    def _new_anonymous(
        self, mention: str, descriptor: str, head_lemma: str, toks: list[Token], head: Token, is_role: bool
    ) -> Entity:
        words = [t.text for t in toks if t.lower_ not in STOP and not t.is_punct]
        base = slug(" ".join(words) or mention)
        n = self._anon_count.get(base, 0) + 1
        self._anon_count[base] = n
        # Anonymous sources are known only within their article.
        sid = f"{base}-{self.article.id[-8:]}" + (f"-{n}" if n > 1 else "")
        context = f"{mention} {descriptor}".strip()
        org = self.registry.match(context)
        party = self.registry.party_of(context) or (org.source.party if org else None) or "unknown"
        kind = "anonymous-official" if is_role else "unregistered"
        shown = mention if n == 1 else f"{mention} (#{n})"
        src = Source(id=sid, name=f"{shown} [{self.article.id}]" if is_role else shown, party=party, kind=kind)
        ent = Entity(src, head_lemma, _words(toks), is_role, head.idx)
        self.entities.append(ent)
        return ent


def _person_entity(head: Token) -> list[SpacySpan]:
    """The PERSON entity holding ``head`` (as a one-item list), read from the
    token's IOB tags: building ``doc.ents`` for every mention was slow."""
    if head.ent_type_ != "PERSON":
        return []
    doc = head.doc
    start = head.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = head.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return [doc[start:end]]


def _words(toks: list[Token]) -> frozenset[str]:
    return frozenset(t.lemma_.lower() for t in toks if t.lower_ not in STOP and not t.is_punct)
