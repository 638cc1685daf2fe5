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
from ..sources import Match, Registry, normalise, slug
from .attribution import (
    holder_role,
    is_lost_subject,
    is_titled_name,
    mention_span,
    mention_tokens,
    outlet_name,
)
from .lexicon import Lexicon

INDEFINITE = {"a", "an", "another", "one", "some", "several", "two", "three", "many", "other"}
DEFINITE = {"the", "this", "that", "these", "those"}
STOP = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "another",
    "of",
    "for",
    "'s",
    "’s",
    "who",
}


@dataclass
class Entity:
    source: Source
    head: str
    words: frozenset[str]
    person: bool
    last: int
    surname: str | None = None
    mentions: list[str] = field(default_factory=list)
    plural: bool = False
    # The medium an anonymous source was introduced speaking to ("X, speaking to Y, ...").
    channel: Source | None = None
    # Documents the source issued ("said in a statement"): "the statement said" is it.
    documents: set[str] = field(default_factory=set)
    channels_used: list[str] = field(default_factory=list)
    # Where the source is first mentioned (``last`` moves on with every mention).
    first: int = -1

    def __post_init__(self) -> None:
        if self.first < 0:
            self.first = self.last


class ArticleResolver:
    def __init__(self, article: Article, registry: Registry, lex: Lexicon) -> None:
        self.article = article
        self.registry = registry
        self.lex = lex
        self.entities: list[Entity] = []
        self._anon_count: dict[str, int] = {}
        # One token is one mention, however many cues share it ("he said, adding").
        self._by_token: dict[int, Entity] = {}
        # In a state-media dispatch, officials and the outlet's reporters speak for its side.
        own = registry.match(article.outlet) if article.outlet else None
        self._state_party = own.source.party if own and own.source.kind == "state-media" else None
        self._via: Source | None = None
        self._forward = False

    # -- public ------------------------------------------------------------

    def resolve(self, head: Token, via: Source | None = None, *, forward: bool = False) -> Source:
        """The source ``head`` names; ``via`` is the medium the statement came through.
        ``forward``: a headline's mention, which may refer to a source named later
        ("..., monitor says" above "the Syrian Observatory ... said")."""
        key = self._noun_of_relative(head)
        self._via, self._forward = via, forward
        try:
            ent = self._by_token.get(key.i) or self._resolve(key)
        finally:  # the next mention must not inherit this one's medium or direction
            self._via, self._forward = None, False
        self._by_token[key.i] = self._by_token[head.i] = ent
        ent.last = max(ent.last, head.idx)
        s, e = mention_span(key)
        text = doc_text(key.doc)[s:e]
        if text not in ent.mentions:
            ent.mentions.append(text)
        ent.documents.update(_documents_issued(head, self.lex))
        return ent.source

    def default_channel(self, source: Source) -> Source | None:
        """The medium an anonymous source was introduced speaking to, for its later
        statements ("Police sources, talking to a state broadcaster, ... They said")."""
        ent = next((e for e in self.entities if e.source.id == source.id), None)
        return ent.channel if ent is not None else None

    def _noun_of_relative(self, head: Token) -> Token:
        """ "A military official, who asked ..., said": the relative pronoun is its noun,
        so one mention is one source."""
        for _ in range(3):
            if not (
                head.lower_ in self.lex.relative_pronouns and head.head.dep_ in ("relcl", "acl")
            ):
                break
            noun = head.head.head
            head = noun.head if noun.dep_ == "appos" else noun
        return head

    def channel(self, head: Token) -> Source | None:
        """A news medium carrying another source's words, if ``head`` names one."""
        s, e = mention_span(head)
        m = self.registry.match(doc_text(head.doc)[s:e])
        if m is None and (name := outlet_name(head, self.lex)) is not None:
            m = self.registry.match(name.text)  # "the official agency ABC"
        if m is None or not self.registry.is_channel(m.source.id):
            return None
        # "told SANA" in SANA's own dispatch is a channel too: the words reach the
        # reader through that medium whoever publishes them.
        return m.source

    def note_channel(self, source: Source, channel: Source | None) -> None:
        """Record that ``source`` spoke through ``channel`` (for ``channel_of``)."""
        if channel is None:
            return
        ent = next((e for e in self.entities if e.source.id == source.id), None)
        if ent is not None:
            ent.channels_used.append(channel.id)

    def sources(self) -> list[Source]:
        out = []
        for ent in self.entities:
            aliases = tuple(sorted(set(ent.source.aliases) | set(ent.mentions)))
            src = replace(ent.source, aliases=aliases)
            if src.channel_of is None and src.id not in self.registry.sources and ent.channels_used:
                # An unnamed source known through one medium ("an army source told state TV").
                src = replace(
                    src, channel_of=max(set(ent.channels_used), key=ent.channels_used.count)
                )
            out.append(src)
        return out

    # -- resolution ----------------------------------------------------------

    def _resolve(self, head: Token) -> Entity:
        low = head.lower_
        lex = self.lex
        if low in lex.pronouns_person or low in lex.pronouns_group:
            ent = self._antecedent(head, person=low in lex.pronouns_person)
            if ent is not None:
                return ent
        toks = mention_tokens(head)
        s, e = mention_span(head)
        mention = doc_text(head.doc)[s:e]
        role_noun = holder_role(head, lex) or head
        if role_noun is not head:
            # "The navy's operations chief, Admiral Jane Doe, said": the role describes her.
            descriptor = doc_text(head.doc)[slice(*mention_span(role_noun))]
            named = self._named_earlier(role_noun, head)
            if named is not None:
                return named
        else:
            descriptor = " ".join(
                doc_text(head.doc)[slice(*mention_span(c))]
                for c in head.children
                if c.dep_ == "appos" and not is_lost_subject(c)
            )
        person_ents = _person_entity(head)
        head_lemma = head.lemma_.lower()
        is_role = (
            head_lemma in lex.person_roles
            or head.lower_ in lex.person_roles
            # "One of them said", "one of the residents told ...": a person among them
            or (
                head.lower_ == "one"
                and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
            )
        )
        det = next((t.lower_ for t in toks if t.dep_ in ("det", "poss") and t.i < head.i), None)

        if head.pos_ == "PROPN" and len(toks) == 1:
            # A bare surname the tagger did not take for a person: "Lopez said".
            known = next((e for e in self.entities if e.person and e.surname == low), None)
            if known is not None:
                return known
        # A registered name: an organisation, or a person the registry knows.
        m = self.registry.match(mention)
        if (
            m is not None
            and det in DEFINITE
            and head.pos_ == "NOUN"
            and m.end - m.start <= len(head.text) + 4
        ):
            # "the observatory", "the coalition": a registry alias that is only the
            # head noun names first a body this article named before ("the Delta
            # Conflict Observatory ... the observatory said"), then the registered one.
            ent = self._definite(head_lemma, toks, head.idx, forward=self._forward)
            if ent is not None and ent.source.id != m.source.id and head_lemma in _name_words(ent):
                return ent
        if (
            m is not None
            and (not is_role or m.source.kind == "person")
            and (
                not person_ents
                or m.source.kind == "person"
                or _covers(m, mention, person_ents[0].text)
            )
        ):
            # A registered name wins over a PERSON tag on that very name ("According
            # to the Observatory", "Ankara says"): the tagger guesses, the registry knows.
            return self._registered(m.source, head)
        if (
            person_ents
            or (head.pos_ == "PROPN" and head.ent_type_ == "PERSON")
            or (role_noun is not head and (is_titled_name(head, lex) or head.dep_ != "appos"))
        ):
            return self._person(
                person_ents[0].text if person_ents else mention,
                mention,
                descriptor,
                head,
                # the role the name holds: the one it was found by, or its appositive
                # ("Jane Doe, the ministry's spokeswoman")
                owner=self._owner_party(
                    role_noun
                    if role_noun is not head
                    else next((c for c in head.children if c.dep_ == "appos"), head)
                ),
            )
        if det in DEFINITE and head_lemma in lex.document_nouns:
            # "the statement said": whoever issued the statement named before.
            issuer = self._issuer(head_lemma, head.idx)
            if issuer is not None:
                return issuer
        if det in DEFINITE or det is None and head.pos_ == "NOUN" and head.tag_ != "NNS":
            ent = self._definite(head_lemma, toks, head.idx, forward=self._forward)
            if ent is not None:
                return ent
        if m is not None and not is_role:
            return self._registered(m.source, head)
        called = _self_name(head)
        if called is not None:
            # "A group calling itself the X Brigades": the name it gives itself.
            toks = mention_tokens(called)
            mention = doc_text(head.doc)[slice(*mention_span(called))]
            m = self.registry.match(mention)
            if m is not None:
                return self._registered(m.source, head)
        return self._new_anonymous(
            mention, descriptor, head_lemma, toks, head, is_role, owner=self._owner_party(head)
        )

    def _named_earlier(self, role: Token, name: Token) -> Entity | None:
        """ "A nurse ... said ... “...,” said the nurse, who gave her name as X": a
        definite role that refers back to an unnamed source names that source."""
        det = next((c.lower_ for c in role.children if c.dep_ == "det"), None)
        if det not in DEFINITE:
            return None
        ent = self._definite(role.lemma_.lower(), mention_tokens(role), role.idx)
        if ent is None or ent.surname is not None:
            return None
        s, e = mention_span(name)
        called = doc_text(name.doc)[s:e]
        ent.surname = called.split()[-1].lower()
        ent.person = True
        ent.source = replace(ent.source, name=f"{called}, {ent.source.name}")
        return ent

    def _owner_party(self, role: Token) -> str | None:
        """The side of the body a role belongs to ("its spokesman", "the ministry's
        spokesman", "a mission spokeswoman"): a registered owner's party, or that of the
        earlier source the owner refers to. None when the role has no owner or the
        owner's side is not known."""
        if role.lemma_.lower() not in self.lex.person_roles:
            # "Ministry spokesman Rear Admiral Jane Doe": the title before the name
            title = next(
                (
                    c
                    for c in role.subtree
                    if c.i < role.i
                    and c.dep_ == "compound"
                    and c.lemma_.lower() in self.lex.person_roles
                ),
                None,
            )
            return self._owner_party(title) if title is not None else None
        owner = next(
            (
                c
                for c in role.children
                if c.dep_ == "poss"
                or c.dep_ == "compound"
                and c.pos_ in ("NOUN", "PROPN")
                and c.lemma_.lower() not in self.lex.person_roles
            ),
            None,
        )
        if owner is None:
            # "a spokesman for the X faction", "the spokeswoman of the ministry"
            owner = next(
                (
                    o
                    for c in role.children
                    if c.dep_ == "prep" and c.lower_ in ("for", "of")
                    for o in c.children
                    if o.dep_ == "pobj" and o.pos_ in ("NOUN", "PROPN")
                ),
                None,
            )
        if owner is None or owner.lower_ in ("his", "her", "my", "our", "your"):
            return None
        ent: Entity | None
        if owner.lower_ in ("its", "their"):
            ent = self._antecedent(owner, person=False)
        else:
            m = self.registry.match(doc_text(owner.doc)[slice(*mention_span(owner))])
            if m is not None and m.source.party != "unknown":
                return m.source.party
            ent = self._definite(owner.lemma_.lower(), mention_tokens(owner), owner.idx)
        if ent is None or ent.person or ent.source.party == "unknown":
            return None
        return ent.source.party

    def _antecedent(self, head: Token, *, person: bool) -> Entity | None:
        """The earlier source a pronoun refers to, compatible in number: "they" is not
        one doctor, "it" is no person. The subject of the sentence before, when it could
        speak and comes after every source so far, is preferred ("Police
        sources ... told another story. They said ...")."""
        offset = head.idx
        low = head.lower_
        plural = low in ("they", "them", "their")
        if plural:
            ok = [e for e in self.entities if e.last < offset and (e.plural or not e.person)]
        elif low in ("it", "its"):
            ok = [e for e in self.entities if e.last < offset and not e.person]
        else:
            # "he", "she": one speaker, never a group ("two residents ... One of them
            # said ... “...,” he said").
            single = [e for e in self.entities if e.last < offset and not e.plural]
            ok = [e for e in single if e.person or not person]
            if not ok and person:
                ok = single
        best = max(ok, key=lambda e: e.last) if ok else None
        subj = self._previous_subject(head, plural=plural, person=person and not plural)
        if subj is not None and (best is None or best.last < subj.idx):
            ent = self._by_token.get(subj.i) or self._resolve(subj)
            self._by_token[subj.i] = ent
            return ent
        return best

    def _previous_subject(self, head: Token, *, plural: bool, person: bool) -> Token | None:
        """The subject of the sentence before ``head``'s, if it is a noun that can speak
        and agrees with the pronoun in number."""
        sent = head.sent
        if sent.start == 0:
            return None
        prev = head.doc[sent.start - 1].sent
        subj = next((c for c in prev.root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
            return None
        if plural != (subj.tag_ in ("NNS", "NNPS")):
            return None
        lemma = subj.lemma_.lower()
        role = lemma in self.lex.person_roles or subj.lower_ in self.lex.person_roles
        if person and not (role or subj.ent_type_ == "PERSON"):
            return None
        if not (
            role or subj.ent_type_ in ("PERSON", "ORG", "NORP") or lemma in self.lex.generic_heads
        ):
            return None
        return subj

    def _issuer(self, document: str, offset: int) -> Entity | None:
        cands = [e for e in self.entities if e.last < offset and document in e.documents]
        return max(cands, key=lambda e: e.last) if cands else None

    def _definite(
        self, head_lemma: str, toks: list[Token], offset: int, *, forward: bool = False
    ) -> Entity | None:
        """An earlier source a definite description names: the same head and words, or
        a generic head ("the ministry") of a compatible kind, preferring a source whose
        name holds the head word (the Turkish Defence Ministry, not the SDF).

        ``forward`` (a headline's "..., ministry says"): the one compatible source
        the body names; when the body names two (two ministries), the headline does
        not say which, and the mention stays unnamed."""
        words = _words(toks)
        kinds = self.lex.generic_heads.get(head_lemma)
        cands = []
        for ent in self.entities:
            if not forward and ent.last >= offset or forward and ent.first <= offset:
                continue
            if (
                ent.head == head_lemma
                and words <= ent.words | {head_lemma}
                or kinds
                and ent.source.kind in kinds
            ):
                cands.append(ent)
        named = [e for e in cands if head_lemma in _name_words(e)]
        cands = named or cands
        if forward:
            if len({e.source.id for e in cands}) > 1:
                return None
            return min(cands, key=lambda e: e.first) if cands else None
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
            plural=head.tag_ in ("NNS", "NNPS"),
        )
        self.entities.append(ent)
        return ent

    def _person(
        self, name: str, mention: str, descriptor: str, head: Token, owner: str | None = None
    ) -> Entity:
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
        party = (
            (org.source.party if org else None)
            or self.registry.party_of(context)
            or owner
            or "unknown"
        )
        kind = "spokesperson" if "spokes" in descriptor.lower() else "person"
        full = " ".join(parts) or mention
        name_shown = f"{full}, {descriptor}" if descriptor else full
        sid = slug(full)
        if sid in self.registry.sources:
            sid = f"{sid}-{kind}"  # a name that spells a registry id is not that source
        src = Source(id=sid, name=name_shown, party=party, kind=kind)
        ent = Entity(
            src, head.lemma_.lower(), _words(mention_tokens(head)), True, head.idx, surname
        )
        self.entities.append(ent)
        return ent

    def _new_anonymous(
        self,
        mention: str,
        descriptor: str,
        head_lemma: str,
        toks: list[Token],
        head: Token,
        is_role: bool,
        owner: str | None = None,
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
        if party == "unknown":
            party = owner or self._state_media_party(toks, head_lemma) or party
        kind = "anonymous-official" if is_role else "unregistered"
        shown = mention if n == 1 else f"{mention} (#{n})"
        src = Source(
            id=sid,
            name=f"{shown} [{self.article.id}]" if is_role else shown,
            party=party,
            kind=kind,
        )
        ent = Entity(
            src, head_lemma, _words(toks), is_role, head.idx, plural=head.tag_ in ("NNS", "NNPS")
        )
        # the medium it was introduced speaking through ("An army officer told TASS",
        # "an official, speaking to Anadolu"): its later words come through it too
        ent.channel = _speaking_to(head, self) or (self._via if is_role else None)
        self.entities.append(ent)
        return ent

    def _state_media_party(self, toks: list[Token], head_lemma: str) -> str | None:
        """An official with no side named ("a military source", "the ministry") who speaks
        through state media (told SANA), or in a state-media dispatch, speaks for that
        state; so do the dispatch's own reporters. Residents and local sources do not."""
        words = {t.lemma_.lower() for t in toks} | {t.lower_ for t in toks}
        via = self._via
        state = via.party if via is not None and via.kind == "state-media" else self._state_party
        if state is None or state == "unknown":
            return None
        if words & self.lex.official_words and _bare_official(toks, self.lex):
            return state
        if head_lemma in self.lex.journalist_words and self._state_party is not None:
            return self._state_party
        return None


def _bare_official(toks: list[Token], lex: Lexicon) -> bool:
    """The mention names only a state institution or its officials ("a military
    source", "the ministry", "the Ministry of Information"), no other body: in "a
    hospital official" or "a spokesman for the armed group" the speaker belongs to
    the hospital or the group, whatever medium carries the words."""
    institutions = lex.state_institution_words
    allowed = lex.official_words | lex.official_modifiers | institutions

    def in_name(t: Token) -> bool:
        # "the Health Ministry", "the Ministry of Information": part of an institution's name.
        for _ in range(3):
            if t.dep_ == "pobj" and t.head.lower_ == "of":
                t = t.head.head
            elif t.dep_ in ("compound", "amod", "poss") and t.head is not t:
                t = t.head
            else:
                return False
            if t.lemma_.lower() in institutions or t.lower_ in institutions:
                return True
        return False

    for t in toks:
        if (
            t.is_punct
            or t.pos_ in ("DET", "NUM", "ADP", "CCONJ", "PART", "PRON")
            or t.lower_ in STOP
        ):
            continue
        if t.lower_ in allowed or t.lemma_.lower() in allowed or in_name(t):
            continue
        return False
    return True


def _covers(m: Match, mention: str, entity: str) -> bool:
    """The registered name found in ``mention`` holds the whole PERSON entity."""
    found = normalise(mention)[m.start : m.end].lower()
    return normalise(entity).lower().removesuffix("'s") in found


def _name_words(ent: Entity) -> set[str]:
    names = (ent.source.name, *ent.source.aliases, *ent.mentions)
    return {w for n in names for w in normalise(n).lower().replace("'s", " ").split()}


def _documents_issued(head: Token, lex: Lexicon) -> set[str]:
    """ "X said in a statement", "X issued a statement": the documents X issued."""
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None:
        return set()
    out = set()
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "via", "through"):
            out.update(p.lemma_.lower() for p in c.children if p.dep_ == "pobj")
        elif c.dep_ == "dobj" and verb.lemma_.lower() in (
            "issue",
            "release",
            "publish",
            "post",
            "send",
        ):
            out.add(c.lemma_.lower())
    return out & lex.document_nouns


def _speaking_to(head: Token, resolver: ArticleResolver) -> Source | None:
    """ "X, speaking to Anadolu Agency, ...": the medium, when it is a channel."""
    for c in head.children:
        if c.dep_ in ("acl", "advcl", "relcl") and c.lemma_.lower() in ("speak", "talk"):
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "to":
                    obj = next((x for x in p.children if x.dep_ == "pobj"), None)
                    if obj is not None:
                        return resolver.channel(obj)
    return None


def _self_name(head: Token) -> Token | None:
    """ "a group calling itself the X Brigades": the head of "the X Brigades"."""
    for c in head.children:
        if (
            c.dep_ == "acl"
            and c.lemma_.lower() in ("call", "name", "style")
            and any(x.lower_ in ("itself", "themselves", "himself", "herself") for x in c.children)
        ):
            return next(
                (x for x in c.children if x.dep_ in ("oprd", "xcomp", "attr", "ccomp")), None
            )
    return None


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
