"""Find attributions in a parsed article: who (source) says (cue) what (content).

Finding is separate from resolving: this module returns the surface parts of
each attribution (character spans, and the token heading the source mention);
:mod:`claimdiff.extract.resolve` decides which source a mention refers to.

Forms handled: direct quotes (also split around the cue and spanning
sentences or paragraphs), mixed quotes, indirect speech with and without
"that", inverted cues ("said the official"), "according to X", reporting
nouns ("X's announcement that ..."), multi-word cues ("made it clear"),
participial cues inheriting their subject ("..., adding that ..."), and
"Y quoted X as saying".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, wraps
from operator import attrgetter
from typing import TypeVar
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.strings import hash_string
from spacy.symbols import IDS, NOUN, VERB
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..nlp import doc_text
from .learned import CUE_POS, AttributionModel, subtree_less
from .lexicon import Lexicon, load_lexicon
from .quotes import Quote

SUBJ = {"nsubj", "nsubjpass", "csubj"}
# Children of a source's head word that are not part of the mention's name.
NOT_IN_MENTION = {"relcl", "acl", "appos", "punct", "advcl", "cc", "conj"}
CLAUSE_DEPS = {"ccomp", "xcomp", "parataxis"}
FINITE = ("VBD", "VBZ", "VBP")  # finite verb tags
RELATIVE_WORDS = {"which", "whom", "whose"}
TRIM = " \t\n\u00a0\u2009\u200a\u202f,;:—–-"  # edge spaces (no-break and thin too) and punctuation
# "SYRIA — ", "WASHINGTON (Reuters) - ", "BEIRUT, Lebanon, Oct. 4 (AP) —", "ANKARA, Jan 9:":
# a dateline (a place in capitals, perhaps a region and a date, a dash or, after a
# date, a colon) opens a paragraph; it is part of no statement and never a speaker.
_DL_PLACE = r"[A-Z][A-Z .,'’/-]{1,40}"
_DL_REGION = r"(?:,[ \t]*[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?=,|[ \t]*[(—–-]))?"
_DL_DATE = r",?[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?"
_DL_AGENCY = r"(?:[ \t]*\([^)\n]{1,30}\))?"
DATELINE = re.compile(
    rf"{_DL_PLACE}{_DL_REGION}(?:(?:{_DL_DATE})?{_DL_AGENCY}[ \t]*[—–-]+|{_DL_DATE}{_DL_AGENCY}[ \t]*:)[ \t]+"
)
QUOTE_CHARS = '“”"«»„‹›'
SPACES = " \t\u00a0\u2009\u200a\u202f"  # no-break and thin spaces too: news copy is full of them
# Tokens that end the reported words before an inverted cue ("...,” said X").
CLOSING_TOKENS = (",", "”", '"', "''")
_T = TypeVar("_T")


@dataclass
class RawAttribution:
    kind: str  # verb | according_to | noun | phrase
    cue: tuple[int, int]
    cue_lemma: str
    content: list[tuple[int, int]]
    source_head: Token | None = None
    source_span: tuple[int, int] | None = None
    channel_head: Token | None = None
    negated: bool = False
    sentence: tuple[int, int] = (0, 0)
    cue_token: Token | None = None
    warnings: list[str] = field(default_factory=list)
    clause: tuple[int, int] | None = None  # cached _cue_clause


class QuoteIndex:
    """Which character offsets lie inside which quote.

    ``find_quotes`` gives quotes in order and never overlapping, so lookups
    are binary searches: a long article with many quotes stays linear."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self.quotes]
        self._ends = [q.end for q in self.quotes]
        # Overlapping quotes would break the searches: fall back to scanning.
        self._disjoint = all(
            a.end <= b.start for a, b in zip(self.quotes, self.quotes[1:], strict=False)
        )

    def at(self, offset: int) -> Quote | None:
        if not self._disjoint:
            return next((q for q in self.quotes if q.start <= offset < q.end), None)
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def inside(self, offset: int) -> bool:
        q = self.at(offset)
        return q is not None and q.inner_start <= offset < q.inner_end

    def overlapping(self, s: int, e: int) -> list[Quote]:
        """The quotes, marks included, that share a character with [s, e), in order."""
        if not self._disjoint:
            return [q for q in self.quotes if q.start < e and s < q.end]
        return self.quotes[bisect_right(self._ends, s) : bisect_left(self._starts, e)]


# ---------------------------------------------------------------------------
# spans


def _per_token(fn: Callable[[Token], _T]) -> Callable[[Token], _T]:
    """``fn`` of a token, memoised per doc and token index (the parse does not change
    once extraction starts): the rules, the model and the resolver ask for the same
    mention spans about three times each."""
    memo: WeakKeyDictionary[Doc, dict[int, _T]] = WeakKeyDictionary()

    @wraps(fn)
    def cached(tok: Token) -> _T:
        by_i = memo.get(tok.doc)
        if by_i is None:
            by_i = memo[tok.doc] = {}
        i = tok.i
        if i not in by_i:
            by_i[i] = fn(tok)
        return by_i[i]

    return cached


def mention_tokens(head: Token) -> list[Token]:
    """The tokens naming a mention: its subtree less clauses and appositives, and
    less a focus adverb opening it ("Even an opposition group")."""
    out = [head]
    for child in head.children:
        if child.dep_ in NOT_IN_MENTION:
            continue
        if (
            child.dep_ == "advmod"
            and child.i == head.left_edge.i
            and child.lower_ in load_lexicon().focus_adverbs
        ):
            continue
        if child.dep_ == "prep" and any(g.lower_ in RELATIVE_WORDS for g in child.children):
            continue  # "in which": a relative clause the parser cut short
        out.extend(mention_tokens(child))
    return out


def token_range(tokens: list[Token]) -> tuple[int, int]:
    # One pass, and len(t) (the text's length) without building each token's string.
    start = end = -1
    for t in tokens:
        s = t.idx
        e = s + len(t)
        if start < 0 or s < start:
            start = s
        if e > end:  # noqa: PLR1730 - a comparison is cheaper than a max() call here
            end = e
    if start < 0:
        raise ValueError("token_range() of no tokens")
    return start, end


@_per_token
def mention_span(head: Token) -> tuple[int, int]:
    """The mention span, keeping coordinated heads ("OIR and CENTCOM") together."""
    toks = mention_tokens(head)
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ("PROPN", "NOUN") and not is_lost_subject(child):
            toks.extend(mention_tokens(child))
            toks.extend(t for t in head.children if t.dep_ == "cc")
    s, e = token_range(toks)
    text = doc_text(head.doc)
    end = _dateline_end(text, s)
    if s < end < e:
        s = end  # "Oct 12 - The ministry": the parser hung the dateline's date on the name
    return _trim(text, s, e)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def clean_content(text: str, s: int, e: int, quotes: QuoteIndex) -> tuple[int, int]:
    """Trim a content span to the reported words: no cue punctuation, outer
    quote marks, or sentence-final period."""
    s, e = _trim(text, s, e)
    for _ in range(3):
        before = s, e
        # "that" introducing reported speech belongs to the cue, not the content.
        low = text[s : s + 5].lower()
        if low == "that " or low == "that“" or low == 'that"':
            s, e = _trim(text, s + 4, e)
        q = quotes.at(s)
        if q is not None and s == q.start and q.inner_end <= e + 1 and e <= q.end:
            s, e = q.inner_start, min(e, q.inner_end)
        while e > s and text[e - 1] in QUOTE_CHARS:
            # a closing mark whose quote opened before the content starts
            qq = quotes.at(e - 1)
            if qq is not None and qq.start >= s:
                break
            e -= 1
        if e > s and text[e - 1] == "." and not _abbrev_end(text, e):
            e -= 1
        s, e = _trim(text, s, e)
        if (s, e) == before:
            break  # a pass that changes nothing: the next ones would not either
    return s, e


def _abbrev_end(text: str, e: int) -> bool:
    # "U.S." keeps its period.
    return e >= 3 and text[e - 3] == "." and text[e - 2].isalpha()


_BY_INDEX = attrgetter("i")  # a C-level sort key


def runs(tokens: list[Token]) -> list[list[Token]]:
    """Split tokens into runs of consecutive tokens, dropping punctuation-only runs."""
    out: list[list[Token]] = []
    for t in sorted(tokens, key=_BY_INDEX):
        if out and out[-1][-1].i == t.i - 1:
            out[-1].append(t)
        else:
            out.append([t])
    return [
        r
        for r in out
        if any(not (t.is_punct or t.is_space) for t in r)
        and not (len(r) == 1 and r[0].lower_ in ("which", "who", "that", "whom"))
    ]


def content_spans(
    tokens: list[Token], qi: QuoteIndex, para: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """Cleaned character spans of the runs of ``tokens``, clipped to ``para``."""
    text = doc_text(tokens[0].doc) if tokens else ""
    out = []
    for r in runs(tokens):
        s, e = token_range(r)
        if para is not None:
            s, e = max(s, para[0]), min(e, para[1])
        s, e = clean_run(text, s, e, qi)
        if e > s:
            out.append((s, e))
    return out


def clean_run(text: str, s: int, e: int, qi: QuoteIndex) -> tuple[int, int]:
    """The content of one run of tokens spanning [s, e): cleaned, less a dateline
    opening it. (A whole sentence of words is one run: its content is this.)"""
    s, e = clean_content(text, s, e, qi)
    m = DATELINE.match(text, s, e)
    if m and (s == 0 or text[s - 1] == "\n"):
        s = m.end()
    return s, e


def paragraph_of(text: str, offset: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, offset) + 1
    e = text.find("\n", offset)
    return s, (len(text) if e < 0 else e)


# Verb forms that can share one subject in a series ("fear ... and warn"); the parser
# gives a bare present "warn" VB or VBP alike.
_VERB_FORM = {"VB": "base", "VBP": "base", "VBZ": "3sg", "VBD": "past", "VBN": "en", "VBG": "ing"}


def _stray_conjunct(t: Token, lex: Lexicon) -> Token | None:
    """ "Aid groups fear that A and warn that B": the parser may hang the second
    reporting verb on the last verb of A, though it is a second verb of the
    speaker's, in the cue's form ("fear ... warn") and not in that verb's
    ("has been turned back ... warn"). The cue verb ``t`` goes with, or None.
    Never when the forms tell nothing ("said the rebels attacked and claimed")."""
    if (
        t.dep_ != "conj"
        or t.pos_ != "VERB"
        or t.lemma_.lower() not in lex.cue_verbs
        or any(c.dep_ in SUBJ for c in t.children)
    ):
        return None
    form, head_form = _VERB_FORM.get(t.tag_), _VERB_FORM.get(t.head.tag_)
    if form is None or head_form in (form, None) or {form, head_form} == {"past", "en"}:
        return None
    node = t.head
    for _ in range(6):
        if node.dep_ not in ("ccomp", "xcomp", "pcomp", "prep") or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in lex.cue_verbs:
            return node if _VERB_FORM.get(node.tag_) == form and node.i < t.i else None
    return None


def _stray_subject(cue: Token) -> Token | None:
    """The speaker of the cue a stray conjunct goes with (see :func:`_stray_conjunct`):
    its subject, or the one it inherits; never a subject inside what it reports."""
    s = _subject(cue)
    if s is None:
        s, _ = _inherited_subject(cue, None)
    return s


def _preceding_cc(t: Token) -> list[int]:
    """The conjunction ("and", "but") right before conjunct ``t``, if its head holds one."""
    ccs = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
    return [ccs[-1].i] if ccs else []


_NESTING_DEPS = frozenset({"conj", "relcl", "advcl", "xcomp"})


def _without_nested(
    tok: Token, lex: Lexicon, subtree: tuple[Token, ...] | None = None
) -> list[Token]:
    """The subtree of ``tok`` less trailing clauses that carry an attribution of
    their own (", which experts say could backfire", ", adding that ...", "but
    the army said ...", "... and warn that ..."). ``subtree``: ``tok.subtree``,
    when the caller has it already."""
    drop: set[int] = set()
    # walked once: spaCy's subtree is a deep generator chain
    sub = list(tok.subtree if subtree is None else subtree)
    for t in sub:
        # Only these dependencies can open a nested statement (all tests below need
        # one): most words are passed over on one attribute read.
        if t.dep_ not in _NESTING_DEPS or t.i == tok.i:
            continue
        if t.i > tok.i and _stray_conjunct(t, lex) is not None:
            # "X fear that A and warn that B": B is a second statement of X's.
            drop.update(x.i for x in t.subtree)
            drop.update(_preceding_cc(t))
        elif t.dep_ == "relcl" and any(
            x.lemma_.lower() in lex.cue_verbs and x.pos_ == "VERB" for x in t.subtree
        ):
            drop.update(x.i for x in t.subtree)
        elif (
            t.dep_ in ("advcl", "xcomp", "conj")
            and t.tag_ == "VBG"
            and t.pos_ == "VERB"
            and t.lemma_.lower() in lex.cue_verbs
            and _subject(t) is None
            and t.i > tok.i
        ):
            # ", adding that ...": a second statement, extracted on its own.
            drop.update(x.i for x in t.subtree)
            if t.dep_ == "conj":
                drop.update(_preceding_cc(t))  # "saying A and suggesting B": not "A and"
        elif (
            t.dep_ == "conj"
            and t.pos_ == "VERB"
            and t.lemma_.lower() in lex.cue_verbs
            and t.i > tok.i
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            and any(c.dep_ in ("ccomp", "parataxis") for c in t.children)
        ):
            # "X said A but the army said B": the parser hangs the second statement
            # on A; it is another source's, extracted on its own.
            drop.update(x.i for x in t.subtree)
            drop.update(c.i for c in t.head.children if c.dep_ == "cc" and c.i < t.i)
    return [t for t in sub if t.i not in drop] if drop else sub


# ---------------------------------------------------------------------------
# finding


_LOWER_LEMMA: dict[int, int] = {}  # lemma hash -> hash of the lower-cased lemma, for every doc
_ACCORDING = hash_string("according")
_CUE_POS_IDS = tuple(sorted(IDS[p] for p in CUE_POS))  # the learned model's parts of speech


@cache
def _hashes(words: frozenset[str]) -> np.ndarray:
    return np.array(sorted(hash_string(w) for w in words), dtype=np.uint64)


class _Lemmas:
    """A doc's parts of speech and lower-cased lemmas, as hashes read in one numpy
    pass: picking the few candidate cue words this way spares a Token object (and
    its string lookups) for every word of the article. With its sentences, listed once."""

    def __init__(self, doc: Doc) -> None:
        arr = doc.to_array([POS, LEMMA, LOWER])
        self.pos, self.lower = arr[:, 0], arr[:, 2]
        lemmas, low = arr[:, 1].tolist(), _LOWER_LEMMA
        try:
            hashes = list(map(low.__getitem__, lemmas))  # one C-level pass when all are known
        except KeyError:
            strings = doc.vocab.strings
            for h in lemmas:
                if h not in low:
                    low[h] = hash_string(strings[h].lower())
            hashes = list(map(low.__getitem__, lemmas))
        self._low = np.array(hashes, dtype=np.uint64)
        # the sentences and their first token indices, to find a token's by bisection
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]

    def sent_of(self, i: int) -> SpacySpan:
        return self.sents[bisect_right(self.sent_starts, i) - 1]

    def among(self, words: frozenset[str]) -> np.ndarray:
        """Per token: its lower-cased lemma is one of ``words``."""
        h = _hashes(words)
        if not len(h):
            return np.zeros(len(self._low), dtype=bool)
        # a binary search of the sorted word hashes (np.isin sorts both sides each time)
        k = np.minimum(np.searchsorted(h, self._low), len(h) - 1)
        return h[k] == self._low

    def of_pos(self, *pos: int) -> np.ndarray:
        out = np.zeros(len(self.pos), dtype=bool)
        for p in pos:
            out |= self.pos == p
        return out


def find_attributions(
    doc: Doc, quotes: list[Quote], lex: Lexicon, model: AttributionModel | None = None
) -> list[RawAttribution]:
    qi = QuoteIndex(quotes)
    found: list[RawAttribution] = []
    # Only words that can open a cue are tried (the tests below, by array): the rest
    # would give no attribution, and making a Token of each was most of the time.
    lem = _Lemmas(doc)
    maybe = (
        (lem.lower == _ACCORDING)
        | ((lem.pos == VERB) & lem.among(lex.cue_verbs))
        | ((lem.pos == NOUN) & lem.among(lex.cue_nouns))
        | lem.among(lex.phrase_starts)
    )
    for i in np.flatnonzero(maybe).tolist():
        tok = doc[i]
        sent = lem.sent_of(i)
        if qi.inside(tok.idx):
            continue
        att: RawAttribution | None = None
        low = tok.lower_
        if low == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            att = _according_to(tok, sent, qi)
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in lex.cue_verbs:
            att = _verb_cue(tok, sent, qi, lex)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.cue_nouns:
            att = _noun_cue(tok, sent, qi, lex)
        if att is None and tok.lemma_.lower() in lex.phrase_starts:
            att = _phrase_cue(tok, sent, qi, lex)
        if att is not None and (
            att.content or (att.kind == "verb" and att.source_head is not None)
        ):
            # A verb cue with a source but no content yet may own the quote next
            # to it (“...,” he said); _attach_quotes decides, _dedupe drops the rest.
            att.sentence = (sent.start_char, sent.end_char)
            found.append(att)
    found.extend(_line_cues(doc, quotes, qi, lex))
    if model is not None:
        found = _with_model(doc, found, qi, lex, _Scorer(model), lem)
    cue_starts = sorted(a.cue[0] for a in found)
    for att in found:
        _drop_cue_adjuncts(att, lex)
        _colon_quote(doc, att, qi, lex)
        _block_quote(doc, att, qi, cue_starts)
        _semicolon_continuation(att, qi, lex)
    for att in found:
        att.content = _absorb_quotes(doc_text(doc), att, qi, lex)
    found = _attach_quotes(doc, found, quotes, qi, lex)
    return _dedupe([a for a in found if not _not_a_statement(doc, a, lex)])


def _not_a_statement(doc: Doc, att: RawAttribution, lex: Lexicon) -> bool:
    """Cue words that report no statement: anonymity boilerplate ("who asked not to
    be named"), no comment ("did not respond to a request for comment", "has not
    commented"), and "claim" as a verb of death ("the blast claimed five lives")."""
    if not att.content:
        return False
    text = doc_text(doc)
    first = text[att.content[0][0] : att.content[0][1]]
    whole = " ".join(text[s:e] for s, e in att.content)
    v = att.cue_token
    if m := lex.anonymity_re.search(whole):
        in_relative = v is not None and any(t.dep_ in ("relcl", "acl") for t in (v, *v.ancestors))
        if (
            in_relative
            or m.start() == 0
            or first.lower().startswith(("not ", "on condition", "on the condition"))
        ):
            return True
    if v is None:
        return False
    lemma = v.lemma_.lower()
    if lemma in lex.no_comment_cues and (att.negated or lex.no_comment_re.search(whole)):
        # "did not comment" says nothing; "declined to comment" is kept, as a statement
        # that the source will not say (PolNeAR's convention), never a denial.
        return True
    if lemma == "claim" and v.pos_ == "VERB":
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        if obj is not None and (
            obj.lemma_.lower() in lex.event_objects or obj.lower_ in lex.event_objects
        ):
            return True
    return False


# Prepositions of a cue's manner, medium or time ("by phone", "on Monday"); not "as"
# or "of", which introduce what is said ("described it as an insult").
MANNER_PREPS = {"by", "via", "over", "on", "at", "during", "through", "after", "before"}


def _drop_cue_adjuncts(att: RawAttribution, lex: Lexicon) -> None:
    """ "“...,” X told the agency by phone": a verbless phrase modifying the cue
    ("by phone", "on Monday", "after the meeting", "in an interview") tells how or
    when the statement was made, not what it says."""
    v = att.cue_token
    if v is None or v.pos_ != "VERB" or len(att.content) < 2:
        return
    adjuncts = [
        token_range(list(c.subtree))
        for c in v.children
        if (
            c.dep_ == "prep"
            and (c.lower_ in MANNER_PREPS or _in_medium(c, lex))
            or c.dep_ == "npadvmod"
        )
        and c.i > v.i
        and not any(t.pos_ in ("VERB", "AUX") for t in c.subtree)
    ]
    att.content = [
        (s, e) for s, e in att.content if not any(a <= s and e <= b for a, b in adjuncts)
    ]


def _in_medium(prep: Token, lex: Lexicon) -> bool:
    """ "in an interview", "in a televised address": where a statement was made."""
    if prep.lower_ != "in":
        return False
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and pobj.lemma_.lower() in lex.medium_nouns | lex.document_nouns


def _colon_quote(doc: Doc, att: RawAttribution, qi: QuoteIndex, lex: Lexicon) -> None:
    """ "X issued the following statement: “...”", "X wrote: “...”": a colon
    right after the cue, or after a short object of it, hands the statement to
    the quote that follows; the object ("the following statement") only names it.
    So does a comma after an object that is a cue noun ("issued a statement, “...”")."""
    text = doc_text(doc)
    if len(att.content) > 1 or any(s < att.cue[1] for s, _ in att.content):
        return  # content before the cue ("In a letter, he wrote: ...") is left as found
    colon = text.find(":", att.cue[1], att.cue[1] + 80)
    comma = text.find(",", att.cue[1], att.cue[1] + 80)
    if 0 <= comma < colon or colon < 0 <= comma:
        words = text[att.cue[1] : comma].split()
        if words and words[-1].lower() in lex.cue_nouns | lex.document_nouns:
            colon = comma  # "issued a statement, “...”"
    if colon < 0 or len(text[att.cue[1] : colon].split()) > 6 or "\n" in text[att.cue[1] : colon]:
        return
    if att.content and att.content[0][0] > colon:
        return  # the content already starts after the colon
    before = doc.char_span(att.cue[1], colon, alignment_mode="expand")
    if before is not None and any(t.tag_ in FINITE_TAGS for t in before):
        return  # a clause of its own ("he said the toll was 12: ...") stays the statement
    i = colon + 1
    while i < len(text) and text[i] in " \t\n\u00a0":
        i += 1
    q = qi.at(i)
    if q is None or q.start != i or q.inner_end <= q.inner_start:
        return
    att.content = [(q.inner_start, q.inner_end)]


def _semicolon_continuation(att: RawAttribution, qi: QuoteIndex, lex: Lexicon) -> None:
    """ "The judges said the problem was not the ID; the problem was that ...": the
    parser makes the clause after the semicolon the head and hangs the reporting
    clause on it. The second clause goes on with what was reported, unless it
    has a speaker of its own ("...; the rebels said it had not")."""
    v = att.cue_token
    if v is None or v.pos_ != "VERB" or att.kind != "verb" or not att.content:
        return
    head = v.head
    if v.dep_ != "ccomp" or head.i <= v.i or head.pos_ not in ("VERB", "AUX"):
        return
    semi = next((c for c in head.children if c.text == ";" and v.right_edge.i < c.i < head.i), None)
    if semi is None or _speaks(head, lex):
        return
    if max(e for _, e in att.content) > semi.idx:
        return  # the content already runs past the semicolon
    toks = [t for t in _without_nested(head, lex) if t.i > semi.i]
    para = paragraph_of(doc_text(v.doc), v.idx)
    att.content = att.content + content_spans(toks, qi, para)


def _earlier_statement(c: Token, v: Token, lex: Lexicon) -> bool:
    """ "The general said A; the rebels said B": the parser hangs the first statement
    on the second cue as its complement. It is a statement of its own, before a
    semicolon, extracted on its own."""
    if c.i > v.i or not _speaks(c, lex):
        return False
    return any(t.text == ";" and c.right_edge.i < t.i < v.i for t in v.children)


def _speaks(v: Token, lex: Lexicon) -> bool:
    """``v`` is a reporting verb with a speaker of its own ("the rebels said")."""
    return v.pos_ == "VERB" and v.lemma_.lower() in lex.cue_verbs and _subject(v) is not None


# At most this many paragraphs, set apart as the one after the colon is, make a
# block quote; paragraphs set apart less (single line breaks under a blank line)
# all belong to it, up to BLOCK_QUOTE_LINES.
BLOCK_QUOTE_MAX = 1
BLOCK_QUOTE_LINES = 8


def _block_quote(doc: Doc, att: RawAttribution, qi: QuoteIndex, cue_starts: list[int]) -> None:
    """ "In a speech last July, he said:" ending a paragraph, followed by paragraphs
    with no quote marks: the paragraphs are the statement (a block quote, set off
    by layout only). They run to the first paragraph with a cue of its own, or a
    wider break, or BLOCK_QUOTE_MAX paragraphs."""
    if att.kind != "verb" or att.source_head is None:
        return
    text = doc_text(doc)
    n = len(text)
    _, pe = paragraph_of(text, att.cue[0])
    tail = text[att.cue[1] : pe].rstrip(" \t\u00a0")
    if not tail.endswith(":") or len(tail) > 60 or re.search(r"[.!?][”\"’']?\s", tail):
        return  # no colon ending the cue's own sentence
    colon = att.cue[1] + len(tail) - 1
    if any(e > colon for _, e in att.content):
        return  # the statement already lies after the colon
    spans: list[tuple[int, int]] = []
    first_gap = 0
    i = pe
    while len(spans) < BLOCK_QUOTE_LINES:
        j = i
        while j < n and text[j] in "\n \t\u00a0\r":
            j += 1
        if j >= n:
            break
        gap = text.count("\n", i, j)
        if not spans:
            first_gap = gap
            if text[j] in QUOTE_CHARS or text.startswith(("''", "``"), j):
                return  # a quote with marks: _colon_quote's and _attach_quotes' business
        elif gap > first_gap or (gap == first_gap and len(spans) >= BLOCK_QUOTE_MAX):
            break
        ps, pe2 = paragraph_of(text, j)
        k = bisect_left(cue_starts, ps)
        if k < len(cue_starts) and cue_starts[k] < pe2:
            break  # a paragraph with an attribution of its own
        s, e = clean_content(text, ps, pe2, qi)
        if e > s:
            spans.append((s, e))
        i = pe2
    if spans:
        # A clause between the cue and the colon ("suggested that X has the following
        # tasks:") stays; words before the cue ("In a speech last July") were never said.
        att.content = [c for c in att.content if c[0] >= att.cue[1]] + spans


def _absorb_quotes(
    text: str, att: RawAttribution, qi: QuoteIndex, lex: Lexicon
) -> list[tuple[int, int]]:
    """Grow content that cuts a quote in two to the whole quote, then join
    pieces that only punctuation separates."""
    spans = sorted(att.content)
    near = qi.overlapping(spans[0][0], max(e for _, e in spans)) if spans else []
    for q in near:
        if is_scare_quote(text, q, lex) or q.start <= att.cue[0] < q.end:
            continue
        for k, (s, e) in enumerate(spans):
            if (
                s < q.inner_end
                and q.inner_start < e
                and not (s <= q.inner_start and q.inner_end <= e)
            ):
                spans[k] = (min(s, q.inner_start), max(e, q.inner_end))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged:
            ps, pe = merged[-1]
            gap = text[pe:s]
            if s <= pe or (
                len(gap) <= 16 and "." not in gap and "\n" not in gap and not (ps <= att.cue[0] < e)
            ):
                merged[-1] = (ps, max(pe, e))
                continue
        merged.append((s, e))
    return [c for c in (clean_content(text, s, e, qi) for s, e in merged) if c[1] > c[0]]


def _subject(v: Token) -> Token | None:
    """The subject of ``v``, never a dateline's place: in "DAMASCUS, March 2 - The
    ministry said" the parser may take the place for the subject and hang the
    speaker on it as an apposition."""
    subs = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]
    ok = [c for c in subs if not _in_dateline(c)]
    if len(ok) > 1:
        # "In a study of photographs, maps and testimony, the group said": the
        # parser may give the verb two subjects; the one next to it speaks.
        before = [c for c in ok if c.i < v.i]
        return before[-1] if before else ok[0]
    if ok:
        return ok[0]
    for c in subs:
        for t in c.subtree:
            if t.dep_ == "appos" and t.pos_ in ("PROPN", "NOUN") and not _in_dateline(t):
                return t
    if not subs:
        return _modal_name(v) or _stranded_subject(v)
    return None


def _stranded_subject(v: Token) -> Token | None:
    """ "At the crossing, a customs officer, who asked not to be named because of the
    rules, said ...": a long subject set off by commas that the parser hung on
    the words before it. A noun attached as no noun is ("prep", "dep", "punct"),
    whose phrase runs from just after a comma to the comma right before the finite
    verb, is the verb's subject."""
    doc = v.doc
    if v.tag_ not in ("VBD", "VBZ") or v.i < 3 or doc[v.i - 1].text != ",":
        return None
    for t in doc[v.sent.start : v.i - 1]:
        if (
            t.pos_ in ("NOUN", "PROPN")
            and t.dep_ in ("prep", "dep", "punct", "npadvmod")
            and t.right_edge.i == v.i - 2
            and t.left_edge.i > v.sent.start
            and doc[t.left_edge.i - 1].text == ","
        ):
            return t
    return None


def _modal_name(v: Token) -> Token | None:
    """ "“...,” Will wrote", "Will urged the party to ...": a name spelled like a modal
    ("Will", "May") that the parser took for an auxiliary. A modal never comes
    before a past tense or "-s" form, so a capitalised one there, inside the
    sentence, is the subject."""
    if v.tag_ not in ("VBD", "VBZ", "VBN"):
        return None
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if len(aux) != 1 or aux[0].tag_ != "MD" or aux[0].i != v.i - 1:
        return None
    m = aux[0]
    if not m.text[:1].isupper() or m.text.isupper() or m.i == m.sent.start:
        return None
    return m


def _in_dateline(tok: Token) -> bool:
    """``tok`` lies in a dateline opening its paragraph."""
    return tok.idx < _dateline_end(doc_text(tok.doc), tok.idx)


def _dateline_end(text: str, offset: int) -> int:
    """Where the dateline opening the paragraph of ``offset`` ends; -1 if none."""
    start = text.rfind("\n", 0, offset) + 1
    while start < offset and text[start] in " \t\u00a0":
        start += 1
    if not text[start : start + 1].isupper():
        return -1
    m = DATELINE.match(text, start)
    return m.end() if m is not None else -1


def _split_subject(v: Token) -> Token | None:
    """ "SANA said ...": a short name (often in capitals) that the sentence splitter
    cut off from the verb opening the next sentence, on the same line with no
    punctuation between. The name is the subject."""
    sent = v.sent
    if v.i != sent.start or v.i == 0:
        return None
    prev = v.doc[v.i - 1].sent
    last = prev[-1]
    if last.is_punct or last.is_space or "\n" in last.whitespace_ or len(prev) > 4:
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in prev):
        return None
    head = prev.root
    if head.pos_ not in ("PROPN", "NOUN") or _in_dateline(head):
        return None
    return head


def _prev_word(doc: Doc, i: int) -> Token | None:
    """The token before ``doc[i]``, past space tokens (a no-break space between
    a closing quote mark and "added Gowdy" is a token of its own); None at the start."""
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    return doc[k] if k >= 0 else None


def _last_word(sent: SpacySpan) -> int:
    """Index of the sentence's last token that is neither punctuation nor space
    (a paragraph break after the period is a token of the sentence)."""
    k = sent.end - 1
    while k > sent.start and (sent.doc[k].is_space or sent.doc[k].is_punct):
        k -= 1
    return k


def _negated(v: Token) -> bool:
    return any(c.dep_ == "neg" for c in v.children)


def _verb_cue(v: Token, sent: SpacySpan, qi: QuoteIndex, lex: Lexicon) -> RawAttribution | None:
    text = doc_text(v.doc)
    lemma = v.lemma_.lower()
    subj = _subject(v)
    if subj is None and v.tag_ in FINITE:
        subj = _split_subject(v)
    channel: Token | None = None
    if (
        subj is None
        and v.dep_ == "acl"
        and v.tag_ in FINITE
        and v.head.dep_ == "ROOT"
        and v.head.pos_ in ("NOUN", "PROPN")
        and v.head.i < v.i
    ):
        # "An officer, who spoke on condition of anonymity ..., blamed X": a long
        # relative clause makes the parser hang the finite verb on its subject noun.
        subj = v.head
    prev = _prev_word(v.doc, v.i)
    if (
        subj is None
        and prev is not None
        and prev.i >= sent.start
        and prev.text in CLOSING_TOKENS
        and v.tag_ in FINITE
        and lemma not in lex.no_inversion_cues
    ):
        # "..., warned the central bank governor.": an inverted subject that the
        # parser took for an object; never after a participle (", adding levity") or
        # a cue whose object is the addressee (", told Fox News").
        obj = next((c for c in v.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.right_edge.i >= _last_word(sent):
            subj = obj
    # "The claim was denied by X", "as reported by X": the agent speaks, and a
    # passive subject other than "it" is what X spoke about.
    theme: Token | None = None
    agent = _agent(v)
    if agent is not None and (subj is None or subj.dep_ == "nsubjpass"):
        if subj is not None and subj.lower_ != "it":
            theme = subj
        subj = agent
    addressed = agent is None and _passive_unnamed(v, lex)
    if addressed:
        subj = None  # "X was asked whether ...", "Asked whether ..., X said": not X's words
    stray = None if subj is not None or addressed else _stray_conjunct(v, lex)
    if stray is not None:
        subj = _stray_subject(stray)  # "X fear that A and warn that B": X warns
    # "Y quoted X as saying ..." and participles: the subject comes from above.
    if not addressed and stray is None and (subj is None or subj.lower_ == "it" and lemma != "say"):
        subj, channel = _inherited_subject(v, subj)
    if subj is not None and subj.dep_ == "nsubjpass" and subj.lower_ == "it":
        subj = None  # "it was reported that ...": no source named
    subj_span = mention_span(subj) if subj is not None else None
    if not addressed and (rel := _relative_speaker(v, subj)) is not None:
        subj, subj_span = rel
    left = _left_conjunct(v)  # the first of a series of verbs, with the subject: not content
    outlet = _outlet_name(v, lex)
    clause = [
        c
        for c in v.children
        if _is_content_clause(c, lemma)
        and (left is None or c.i != left.i)
        and (outlet is None or c.i != outlet.i)
        and not _earlier_statement(c, v, lex)
    ]
    if outlet is not None:
        # "told the agency ABC that ...", with the name parsed as a verb over the clause
        clause += [c for c in outlet.children if _is_content_clause(c, lemma)]
    if not clause:
        # "X said in a statement that ...": the parser hangs the clause on the noun.
        clause = [c for n in _cue_noun_adjuncts(v, lex) if (c := _that_clause(n)) is not None]
    as_gap = subj is not None and _as_clause_before(v, lex)
    if (
        lemma in lex.cue_verbs_need_clause
        and not clause
        and not as_gap
        and not (subj is not None and _by_quote(v, subj))
    ):
        return None
    para = paragraph_of(text, v.idx)
    content: list[tuple[int, int]] = []
    for c in clause:
        content.extend(content_spans(_without_nested(c, lex), qi, para))
    as_clause = (
        agent is not None
        and v.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in v.children)
    )
    if not content and (
        (v.dep_ in ("parataxis", "advcl", "ccomp", "conj") and v.head.i < v.i and v.tag_ != "VBG")
        or as_clause
        or as_gap
    ):
        # "Y, X said." parsed with the cue hanging off Y's verb.
        head = v.head
        # An "as" clause reports its main clause even when that has a cue of its
        # own ("As the agency reported, the convoy was accused of ...").
        if head.pos_ in ("VERB", "AUX") and (as_clause or as_gap or not _is_cue_like(head, lex)):
            drop = {t.i for t in v.subtree}
            # "A, X said, B": the words on both sides of the cue clause.
            toks = [t for t in _without_nested(head, lex) if t.i not in drop]
            content.extend(content_spans(toks, qi, para))
    if not content and subj is not None:
        # "Y, X said in a statement." / "Y, said the official." with Y parsed
        # as anything but a complement: the words before the cue clause.
        first = min(subj.left_edge.i, v.i)
        before = _prev_word(v.doc, first)
        if (
            before is not None
            and before.i >= sent.start
            and before.text in (*CLOSING_TOKENS, "’")
            and v.i >= v.head.i
            and v.dep_ != "relcl"
        ):
            toks = [t for t in sent if t.i < before.i or (t.i == before.i and t.text != ",")]
            # After a bare comma the words before are a statement only if they are a
            # finite clause: "On Friday morning, X told a joke", "Asked whether ...,
            # X said" and "Specifically, X wrote" say nothing of their own.
            if before.text != "," or _finite_clause(toks):
                content.extend(content_spans(toks, qi, para))
    if not content and subj is not None and (split := _split_around(v, subj)) is not None:
        # "This sort of shelling, the monitor claimed, violates the truce."
        content.extend(content_spans(list(split[0].subtree), qi, para))
        content.extend(content_spans(list(split[1].subtree), qi, para))
    if not content and theme is not None and v.dep_ in ("ROOT", "conj", "ccomp"):
        content.extend(content_spans(list(theme.subtree), qi, para))
    if not content and _negated(v) and subj is not None:
        # "X has not confirmed any deaths": the denial is the verb phrase.
        subj_toks = {x.i for x in subj.subtree}
        # "did not respond to questions but said ...": the conjoined statement is
        # a claim of its own, not part of what is refused.
        for c in v.children:
            if (
                c.dep_ == "conj"
                and c.pos_ == "VERB"
                and c.lemma_.lower() in lex.cue_verbs
                and not _negated(c)
            ):
                subj_toks.update(x.i for x in c.subtree)
                subj_toks.update(x.i for x in v.children if x.dep_ == "cc" and x.i < c.i)
        toks = [t for t in v.subtree if t.i not in subj_toks and t.i > subj.i]
        content.extend(content_spans(toks, qi, para))
    if channel is None:
        channel = _recipient_channel(v, lex, outlet)
    if subj is None and not content:
        return None
    cue_s, cue_e = v.idx, v.idx + len(v.text)
    att = RawAttribution(
        kind="verb",
        cue=(cue_s, cue_e),
        cue_lemma=lemma,
        content=[c for c in content if c[1] > c[0]],
        source_head=subj,
        source_span=subj_span,
        channel_head=channel,
        negated=_negated(v),
        cue_token=v,
    )
    return att


def _split_around(v: Token, subj: Token) -> tuple[Token, Token] | None:
    """ "This sort of shelling, the monitor claimed, violates the truce": a cue clause
    set off by commas inside the statement, which the parser made the head, hanging
    the statement's subject (before) and its verb (after, with no subject of its
    own) on the cue. The two pieces, or None."""
    doc = v.doc
    if subj.i > v.i or v.i + 2 >= len(doc) or doc[v.i + 1].text != ",":
        return None
    comma = _prev_word(doc, subj.left_edge.i)
    if comma is None or comma.text != ",":
        return None
    left = next(
        (
            c
            for c in v.children
            if c.i < subj.i
            and c.dep_ in ("dep", "npadvmod", "nsubj")
            and c.pos_ in ("NOUN", "PROPN", "PRON")
            and c.right_edge.i == comma.i - 1
        ),
        None,
    )
    right = next(
        (
            c
            for c in v.children
            if c.dep_ in ("conj", "ccomp", "parataxis")
            and c.left_edge.i == v.i + 2
            and c.tag_ in FINITE
            and not any(x.dep_ in SUBJ for x in c.children)
        ),
        None,
    )
    if left is None or right is None:
        return None
    return left, right


def _passive_unnamed(v: Token, lex: Lexicon) -> bool:
    """A passive cue with no "by" phrase: "X was asked whether ...", "Residents were
    warned that ...", "Asked whether ..., X said". Its subject, or the subject of
    the clause a passive participle opens, is whom the words were put to, not who
    said them; the speaker is not named. Not "X was quoted as saying" (a cue in
    ``passive_speaker_cues``), nor "has asked" (active)."""
    if v.tag_ not in ("VBN", "VBD") or v.lemma_.lower() in lex.passive_speaker_cues:
        return False
    aux = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in aux):
        return False
    if v.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in aux):
        return True
    # A bare participle opening its clause ("Asked whether ...", "When asked ..."),
    # which the parser may tag as a past tense: a past tense would have a subject.
    return (
        not aux
        and v.dep_ in ("advcl", "acl")
        and v.i < v.head.i
        and not any(c.dep_ in SUBJ for c in v.children)
    )


def _as_clause_before(v: Token, lex: Lexicon) -> bool:
    """ "As the commander noted, the road is closed": an "as" clause opening the
    sentence, whose cue has no complement of its own (what was said is the main
    clause), reports the main clause. Not "As X announced the plan, ..." (an
    object of its own: a time or a reason), nor "As X said it would, ..."."""
    if v.dep_ != "advcl" or v.head.i < v.i or v.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < v.i for c in v.children):
        return False
    return not any(
        c.dep_ in ("ccomp", "xcomp", "advcl")
        or (c.dep_ in ("dobj", "dative") and v.lemma_.lower() not in lex.no_inversion_cues)
        for c in v.children
    )


FINITE_TAGS = frozenset({*FINITE, "MD"})  # and modals: "will win", "would fire"


def _finite_clause(toks: list[Token]) -> bool:
    """The words hold a main clause: a finite verb (or one with a finite auxiliary)
    with a subject of its own, not a relative clause, not under "whether" or "how"
    ("Asked whether he would ..., X said" has none; a dateline the parser made the
    head does not hide one)."""
    for t in toks:
        if t.pos_ not in ("VERB", "AUX") or t.dep_ in ("relcl", "pcomp", "csubj"):
            continue
        finite = t.tag_ in FINITE_TAGS or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in t.children
        )
        if (
            finite
            and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in t.children)
            and not any(c.dep_ == "mark" for c in t.children)
            and t.head.lower_ not in ("how", "whether", "why", "what", "when", "where")
        ):
            return True
    return _headline_clause(toks)


def _headline_clause(toks: list[Token]) -> bool:
    """ "Seven soldiers killed in attack on post, ministry says": a headline's
    statement is a noun with a past participle right after it (a passive without its
    auxiliary), on a line of its own with no final period."""
    if not toks:
        return False
    doc = toks[0].doc
    sent = toks[0].sent
    last = sent[-1]
    if (
        last.text in (".", "!", "?")
        or sent.start != 0
        and "\n" not in doc[sent.start - 1].whitespace_ + doc[sent.start - 1].text
    ):
        return False
    return any(
        t.pos_ in ("NOUN", "PROPN")
        and t.i + 1 < len(doc)
        and doc[t.i + 1].tag_ == "VBN"
        and doc[t.i + 1].head.i == t.i
        for t in toks
    )


def _relative_speaker(v: Token, subj: Token | None) -> tuple[Token, tuple[int, int]] | None:
    """ "The time frame in which the party's nominee, Sen. X, promised reform": the
    parser may read the noun after "in which" as a verbless relative clause of
    "time frame" and give the verb that noun's antecedent as subject (or none).
    The speaker is the noun phrase between "which" and the verb: its head (the
    name of an apposition when there is one) and its span."""
    doc = v.doc
    sent = v.sent
    for k in range(v.i - 1, sent.start, -1):
        t = doc[k]
        if t.pos_ in ("VERB", "AUX"):
            return None  # the noun phrase runs up to the verb
        if t.lower_ not in RELATIVE_WORDS or t.dep_ != "pobj" or t.head.dep_ != "prep":
            continue
        noun = t.head.head
        if noun.dep_ != "relcl" or noun.pos_ not in ("NOUN", "PROPN") or noun.i <= t.i:
            return None
        if subj is not None and subj.i != noun.head.i and not (subj.i < t.i):
            return None  # the verb has a subject of its own after "which"
        # The phrase: after "which" up to the first word of the verb's own.
        end = k + 1
        while end < v.i and doc[end].head.i != v.i:
            end += 1
        toks = [x for x in doc[k + 1 : end] if not (x.is_punct or x.is_space)]
        if not toks:
            return None
        s, e = _trim(doc_text(doc), toks[0].idx, toks[-1].idx + len(toks[-1].text))
        e = _close_paren(doc_text(doc), e, v.idx)
        # A name heading a piece of the phrase ("..., Sen. X,"), else the noun.
        ids = {x.i for x in toks}
        name = next(
            (x for x in toks if x.pos_ == "PROPN" and x.i > noun.i and x.head.i not in ids), noun
        )
        return name, (s, e)
    return None


def _close_paren(text: str, e: int, limit: int) -> int:
    """Keep the closing parenthesis of "(D-Va.)" that trimming may have left out."""
    if text.count("(", 0, e) > text.count(")", 0, e):
        j = text.find(")", e, limit)
        if j >= 0:
            return j + 1
    return e


# Cues whose infinitive complement is what the source says ("claimed to have killed").
XCOMP_CUES = {"claim", "allege", "deny", "promise", "vow", "pledge", "threaten", "admit", "report"}


def _by_quote(v: Token, subj: Token) -> bool:
    """The cue clause sits right after a closing quote mark (“...?” X asked) or
    right before an opening one (X asked: “...”): the quote is its content,
    which _attach_quotes gives it."""
    text = doc_text(v.doc)
    s = min(subj.left_edge.idx, v.idx)
    before = text[max(0, s - 4) : s].rstrip(SPACES + "\n,")
    after = text[v.idx + len(v.text) : v.idx + len(v.text) + 4].lstrip(SPACES + "\n,:")
    return before.endswith(("”", '"', "»", "''")) or after.startswith(("“", '"', "«", "``", "''"))


def _agent(v: Token) -> Token | None:
    """The object of a passive verb's "by" phrase ("reported by the agency")."""
    for c in v.children:
        if c.dep_ == "agent":
            return next((x for x in c.children if x.dep_ == "pobj"), None)
    return None


def _is_content_clause(c: Token, cue_lemma: str) -> bool:
    if c.dep_ == "xcomp":
        return cue_lemma in XCOMP_CUES and any(
            t.dep_ == "aux" and t.lower_ == "to" for t in c.children
        )
    if c.dep_ != "ccomp":
        return False
    return c.pos_ in ("VERB", "AUX") or any(t.dep_ in SUBJ for t in c.children)


def _is_cue_like(tok: Token, lex: Lexicon) -> bool:
    return tok.lemma_.lower() in lex.cue_verbs


def _inherited_subject(v: Token, subj: Token | None) -> tuple[Token | None, Token | None]:
    """Subject (and channel) for a cue with none of its own.

    "X said ..., adding that ...": the participle's speaker is the nearest
    reporting verb above it, even when the parser hung it on a verb inside
    the reported clause."""
    lex_cues = {"say", "tell", "state", "add", "claim", "report", "announce", "write", "note"}
    root = _participle_root(v)
    if root is not None:
        return _subject(root), None
    for anc in v.ancestors:
        if anc.pos_ == "VERB" and anc.lemma_.lower() in lex_cues and anc.i < v.i:
            s = _subject(anc)
            if s is not None:
                return s, None
    if subj is None:
        s = _left_conjunct_subject(v)
        if s is not None:
            return s, None
    node = v
    for _ in range(4):
        if (
            node.dep_ in ("advcl", "xcomp", "conj", "pcomp", "pobj", "prep")
            and node.head is not node
        ):
            node = node.head
            if node.lemma_.lower() == "quote":
                # "Y quoted X as saying": X speaks, Y carries it.
                src = next((c for c in node.children if c.dep_ in ("dobj", "nsubjpass")), None)
                chan = next((c for c in node.children if c.dep_ == "nsubj"), None)
                return src, chan
            s = _subject(node)
            if s is not None and node.pos_ in ("VERB", "AUX"):
                return s, None
            if node.pos_ in ("VERB", "AUX") and (s := _left_conjunct_subject(node)) is not None:
                return s, None
        else:
            break
    return subj, None


def _left_conjunct(v: Token) -> Token | None:
    """ "X summed up Y as “terrible,” denounced her record and said ...": in a
    series of verbs sharing one subject the parser may hang the first conjunct,
    with the subject, on a later one as an adverbial or complement clause. That
    clause of a subjectless finite verb: finite, before it, with no subordinator
    ("when", "after"), a subject of its own and a comma before the verb; never
    when an object ends the sentence ("..., denounced the minister": inverted)."""
    if v.tag_ not in FINITE or _subject(v) is not None:
        return None
    sent = v.sent
    if any(
        c.dep_ in ("dobj", "nsubj") and c.i > v.i and c.right_edge.i >= _last_word(sent)
        for c in v.children
    ):
        return None
    for c in v.children:
        if c.i > v.i:
            break
        if (
            c.dep_ not in ("advcl", "ccomp")
            or c.pos_ != "VERB"
            or c.tag_ not in FINITE
            or any(x.dep_ == "mark" for x in c.children)
        ):
            continue
        s = _subject(c)
        between = v.doc[c.right_edge.i + 1 : v.i]
        if s is not None and s.i < c.i and any(t.text == "," for t in between):
            return c
    return None


def _series_subject(v: Token) -> tuple[Token | None, Token | None]:
    """The subject a subjectless verb shares with the verbs it is coordinated
    with, up the chain of conjuncts, and the misparsed first conjunct holding it
    when there is one (see :func:`_left_conjunct`). None for a verb with a
    subject of its own, and for a relative pronoun ("rhetoric that painted and
    perceived ..."): the conjuncts of a relative clause describe, nobody speaks."""
    if any(c.dep_ in SUBJ for c in v.children):
        return None, None
    node = v
    for _ in range(6):
        left = _left_conjunct(node)
        if left is not None:
            s, found = _subject(left), (left if node.i == v.i else None)
            break
        if node.i != v.i and (s := _subject(node)) is not None:
            found = None
            break
        if node.dep_ != "conj" or node.head.pos_ not in ("VERB", "AUX") or node.head.i > node.i:
            return None, None
        node = node.head
    else:
        return None, None
    if s is None or s.lower_ in RELATIVE_WORDS | {"that", "who"}:
        return None, None
    return s, found


def _left_conjunct_subject(v: Token) -> Token | None:
    """The subject of :func:`_left_conjunct`'s clause, or None."""
    c = _left_conjunct(v)
    return _subject(c) if c is not None else None


def _participle_root(v: Token) -> Token | None:
    """ "The army dismissed reports that its units had fired first ..., calling them
    lies": a participle set off by a comma has the main clause's subject, however
    deep the parser hung it. The sentence's root verb, if it has a subject before."""
    if v.tag_ != "VBG" or v.i == 0 or v.dep_ not in ("advcl", "xcomp", "conj"):
        return None
    prev = v.doc[v.i - 1]
    if prev.text in ("”", '"', "''") and v.i > 1:
        prev = v.doc[v.i - 2]  # 'X stressed that "...," suggesting ...': the comma inside
    if prev.text != ",":
        return None
    if any(c.dep_ in SUBJ for c in v.children):
        return None
    root = v.sent.root
    if root is v or root.pos_ not in ("VERB", "AUX") or root.i > v.i:
        return None
    s = _subject(root)
    return root if s is not None and s.i < v.i else None


def outlet_name(noun: Token, lex: Lexicon) -> Token | None:
    """ "the official agency ABC": the parser often leaves a medium's name off its
    kind noun (an adverb or a clause of the verb). The name after the noun, or None."""
    if noun.lemma_.lower() not in lex.outlet_nouns:
        return None
    k = noun.i + 1
    if k >= len(noun.doc):
        return None
    n = noun.doc[k]
    if (
        (n.head.i == noun.head.i != noun.i or (n.head.i == noun.i and n.dep_ == "appos"))
        and n.is_alpha
        and n.text[0].isupper()
        and len(n.text) > 1
        and n.ent_type_ not in ("DATE", "TIME")  # "told the agency Monday"
    ):
        return n
    return None


def _outlet_name(v: Token, lex: Lexicon) -> Token | None:
    """ "X told the official agency ABC that ...": the agency's name, or None."""
    if v.lemma_.lower() != "tell":
        return None
    for c in v.children:
        if c.dep_ in ("dative", "dobj") and (n := outlet_name(c, lex)) is not None:
            return n
    return None


def _recipient_channel(v: Token, lex: Lexicon, outlet: Token | None) -> Token | None:
    """ "X told the agency Y that ...": the addressee may be the channel; the resolver
    keeps it only when it is a news medium. ``outlet``: :func:`_outlet_name` of ``v``."""
    if v.lemma_.lower() in ("tell", "say"):
        if outlet is not None:
            return outlet
        for c in v.children:
            if c.dep_ in ("dative", "dobj") and (
                c.pos_ == "PROPN" or c.lemma_.lower() in lex.outlet_nouns
            ):
                return c
            if c.dep_ == "prep" and c.lower_ == "to":
                p = next((x for x in c.children if x.dep_ == "pobj"), None)
                if p is not None and p.pos_ == "PROPN":
                    return p
        # "said in remarks carried by Y"
        for c in v.children:
            if c.dep_ != "prep":
                continue
            for p in c.children:
                for a in p.children:
                    if a.dep_ == "acl" and a.lemma_.lower() in (
                        "carry",
                        "publish",
                        "broadcast",
                        "air",
                    ):
                        for ag in a.children:
                            if ag.dep_ == "agent":
                                return next((x for x in ag.children if x.dep_ == "pobj"), None)
    return None


def _according_to(tok: Token, sent: SpacySpan, qi: QuoteIndex) -> RawAttribution | None:
    text = doc_text(tok.doc)
    to = tok.doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    head = tok.head if tok.head is not tok else None
    drop = {t.i for t in tok.subtree}
    if head is not None and head.i != tok.i:
        # The clause the phrase attaches to, less the phrase itself.
        root = _according_clause(tok)
        if _relative_tail(pobj, root):
            drop |= {t.i for t in root.subtree}
            root = _according_clause(root)
        lost = _lost_subject(pobj, root)
        if lost is not None:
            drop -= {t.i for t in lost.subtree}
        if (part := _source_participle(tok, root)) is not None:
            drop |= {t.i for t in part.subtree}
        toks = [t for t in root.subtree if t.i not in drop]
    else:
        toks = [t for t in sent if t.i not in drop]
    spans = content_spans(toks, qi, paragraph_of(text, tok.idx))
    if not spans:
        return None
    return RawAttribution(
        kind="according_to",
        cue=(tok.idx, to.idx + len(to.text)),
        cue_lemma="according to",
        content=spans,
        source_head=pobj,
        source_span=mention_span(pobj),
        cue_token=tok,
    )


def _according_clause(tok: Token) -> Token:
    """The head of the clause an "according to" phrase (at ``tok``) attaches to."""
    root = tok.head
    while root.dep_ not in ("ROOT", "ccomp", "conj", "advcl") and root.head.i != root.i:
        root = root.head
    return root


def _source_participle(acc: Token, verb: Token) -> Token | None:
    """ "According to X, writing for the daily, the talks have stalled": a subjectless
    participle right after the "according to" phrase (a comma between), before the
    clause's verb, tells who X is or how X spoke; it is not what X says."""
    end = max(t.i for t in acc.subtree)
    for c in verb.children:
        if (
            c.dep_ in ("advcl", "xcomp")
            and c.tag_ in ("VBG", "VBN")
            and acc.i < c.i < verb.i
            and not any(x.dep_ in SUBJ for x in c.children)
        ):
            gap = acc.doc[end + 1 : c.left_edge.i]
            if gap and all(t.text == "," for t in gap):
                return c
    return None


def _relative_tail(pobj: Token, verb: Token) -> bool:
    """ "according to officials who spoke to the agency but were not authorized to
    ...": the parser may end the source's relative clause at the conjunction and make
    its second verb the clause the phrase attaches to. ``verb`` is that second verb:
    subjectless, right after a relative clause of ``pobj`` left holding a bare
    conjunction, with only auxiliaries, negation and adverbs between. Or it is a
    participle right after the source ("according to a memo previously kept
    secret"), a past tense with no subject or auxiliary being none."""
    if verb.i < pobj.i or any(c.dep_ in SUBJ or c.dep_ == "expl" for c in verb.children):
        return False
    gap = pobj.doc[pobj.right_edge.i + 1 : verb.i]
    if (
        verb.tag_ in ("VBN", "VBD")
        and verb.head.i != verb.i
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
        and all(t.head.i == verb.i and t.dep_ == "advmod" for t in gap)
    ):
        return True  # "according to a memo previously kept secret": a reduced relative
    for rel in pobj.children:
        if rel.dep_ not in ("relcl", "acl") or rel.right_edge.i >= verb.i:
            continue
        kids = list(rel.children)
        if not any(c.dep_ == "cc" for c in kids) or any(c.dep_ == "conj" for c in kids):
            continue
        gap = pobj.doc[rel.right_edge.i + 1 : verb.i]
        if all(t.head.i == verb.i and t.dep_ in ("aux", "auxpass", "neg", "advmod") for t in gap):
            return True
    return False


def named_holder(head: Token, lex: Lexicon) -> Token:
    """ "The navy's operations chief, Admiral Jane Doe, said", "a bystander, a taxi
    driver named Jane Doe, said": a role whose appositive (or a "named" clause) names the person
    holding it speaks as that person. The name's head, else ``head``."""
    one = head.lower_ == "one"  # "One of them, a nurse named X, said"
    if head.pos_ != "NOUN" and not one:
        return head
    named = _called(head)
    if named is not None:
        return named
    if head.lemma_.lower() not in lex.person_roles and not one:
        return head
    for c in head.children:
        if c.dep_ != "appos" or is_lost_subject(c):
            continue
        if c.pos_ == "PROPN" and (c.ent_type_ == "PERSON" or is_titled_name(c, lex)):
            return c
        if c.pos_ == "NOUN" and (named := _called(c)) is not None:
            return named
    return head


def _called(noun: Token) -> Token | None:
    """ "a driver named Jane Doe", "a nurse who gave her name as Jane", "a man
    identified only as Jane": the name such a clause gives the noun."""
    for a in noun.children:
        if a.dep_ == "acl" and a.lower_ in ("named", "called"):
            n = next((x for x in a.children if x.dep_ in ("oprd", "attr", "dobj")), None)
            if n is not None and n.pos_ == "PROPN":
                return n
        gave = a.lemma_.lower() == "give" and any(x.lower_ == "name" for x in a.children)
        if a.dep_ in ("acl", "relcl") and (gave or a.lower_ == "identified"):
            for p in a.children:
                if p.dep_ == "prep" and p.lower_ == "as":
                    n = next((x for x in p.children if x.dep_ == "pobj"), None)
                    if n is not None and n.pos_ == "PROPN":
                        return n
    return None


def holder_role(name: Token, lex: Lexicon) -> Token | None:
    """The role noun :func:`named_holder` took ``name`` from, or None."""
    h = name.head
    if name.dep_ == "appos" and h.lemma_.lower() in lex.person_roles:
        return h
    if (
        name.dep_ in ("oprd", "attr", "dobj")
        and h.dep_ == "acl"
        and h.lower_ in ("named", "called")
    ):
        return h.head
    if name.dep_ == "pobj" and h.lower_ == "as" and h.head.dep_ in ("acl", "relcl"):
        return h.head.head  # "a nurse who gave her name as X", "a man identified as X"
    return None


def is_titled_name(head: Token, lex: Lexicon) -> bool:
    """ "General Jane Doe": a proper name led by a title (the tagger may call it an ORG)."""
    first = head.left_edge
    return (
        head.pos_ == "PROPN"
        and first.i < head.i
        and first.lower_ in lex.titles
        and all(t.pos_ == "PROPN" for t in head.doc[first.i : head.i + 1])
    )


def is_lost_subject(ap: Token) -> bool:
    """``ap``, an apposition of an "according to" source, is in fact the subject
    of the reported clause (see :func:`_lost_subject`): not part of the source."""
    pobj, to = ap.head, ap.head.head
    if ap.dep_ not in ("appos", "conj") or pobj.dep_ != "pobj" or to.lower_ != "to":
        return False
    acc = to.doc[to.i - 1] if to.i > 0 else to
    if acc.lower_ != "according" or acc.head.i == acc.i:
        return False
    lost = _lost_subject(pobj, _according_clause(acc))
    return lost is not None and lost.i == ap.i


def _lost_subject(pobj: Token, verb: Token) -> Token | None:
    """ "According to the summary, Mills and an aide asked ...": the parser may
    take the clause's subject for an apposition (or a conjunct) of the source.
    The trailing apposition of ``pobj`` that runs up to ``verb`` when ``verb``,
    after the phrase, has no subject of its own; a real apposition ("According
    to X, a spokesman, the strike killed 5") leaves the verb its subject."""
    if verb.pos_ not in ("VERB", "AUX") or verb.i < pobj.i:
        return None
    if any(c.dep_ in SUBJ or c.dep_ == "expl" for c in verb.children):
        return None
    ap = next((c for c in reversed(list(pobj.rights)) if c.dep_ in ("appos", "conj")), None)
    if ap is None or ap.right_edge.i >= verb.i:
        return None
    if ap.dep_ == "conj" and (
        pobj.doc[ap.left_edge.i - 1].text != ","
        or any(c.dep_ == "cc" and c.i < ap.i for c in pobj.children)
    ):
        return None  # "according to the army and the police": both speak
    gap = pobj.doc[ap.right_edge.i + 1 : verb.i]
    if not all(t.head.i == verb.i and t.dep_ in ("aux", "auxpass", "neg", "advmod") for t in gap):
        return None
    return ap


def _that_clause(n: Token) -> Token | None:
    """The "that" clause a noun takes ("a statement that ...")."""
    for c in n.children:
        if c.dep_ in ("acl", "ccomp", "relcl") and c.i > n.i:
            first = c.doc[c.left_edge.i]
            if first.lower_ == "that" and first.dep_ in ("mark", "advmod"):
                return c
            if any(t.lower_ == "that" and t.dep_ in ("mark", "advmod") for t in c.children):
                return c
    return None


def _cue_noun_adjuncts(v: Token, lex: Lexicon) -> list[Token]:
    """Cue nouns in the verb's "in"/"through" phrase: "said in a statement", "wrote in a letter"."""
    return [
        p
        for c in v.children
        if c.dep_ == "prep" and c.lower_ in ("in", "through", "via")
        for p in c.children
        if p.dep_ == "pobj" and p.lemma_.lower() in lex.cue_nouns | lex.document_nouns
    ]


def _owned_by_verb(n: Token, lex: Lexicon) -> bool:
    """ "X said in a statement that ...": the verb's cue, not the noun's."""
    prep = n.head
    verb = prep.head
    return (
        n.dep_ == "pobj"
        and prep.dep_ == "prep"
        and prep.lower_ in ("in", "through", "via")
        and verb.pos_ == "VERB"
        and verb.lemma_.lower() in lex.cue_verbs
        and _subject(verb) is not None
    )


def _noun_cue(n: Token, sent: SpacySpan, qi: QuoteIndex, lex: Lexicon) -> RawAttribution | None:
    """ "X's announcement that Y", "a statement by X that Y"."""
    text = doc_text(n.doc)
    if _owned_by_verb(n, lex):
        return None
    clause = _that_clause(n)
    if clause is None:
        return _object_then_quote(n, qi)
    src = next((c for c in n.children if c.dep_ == "poss"), None)
    if src is None:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from"):
                src = next((x for x in c.children if x.dep_ == "pobj"), None)
    return RawAttribution(
        kind="noun",
        cue=(n.idx, n.idx + len(n.text)),
        cue_lemma=n.lemma_.lower(),
        content=content_spans(list(clause.subtree), qi, paragraph_of(text, n.idx)),
        source_head=src,
        source_span=mention_span(src) if src is not None else None,
        cue_token=n,
    )


def _object_then_quote(n: Token, qi: QuoteIndex) -> RawAttribution | None:
    """ "The army issued a statement: “...”", "X released a statement, “...”": a cue
    noun, the object of a verb with a subject, that ends its phrase right before a
    colon or comma and a quote: the quote is the statement, the verb's subject makes it."""
    if n.dep_ != "dobj" or n.head.pos_ != "VERB":
        return None
    if any(t.i > n.i and not t.is_punct for t in n.subtree):
        return None  # "a statement about the strike": the phrase goes on
    subj = _subject(n.head)
    if subj is None:
        return None
    text = doc_text(n.doc)
    i = n.idx + len(n.text)
    if text[i : i + 1] not in (":", ","):
        return None
    i += 1
    while i < len(text) and text[i] in SPACES:
        i += 1
    q = qi.at(i)
    if q is None or q.start != i or q.inner_end <= q.inner_start:
        return None
    return RawAttribution(
        kind="noun",
        cue=(n.idx, n.idx + len(n.text)),
        cue_lemma=n.lemma_.lower(),
        content=[(q.inner_start, q.inner_end)],
        source_head=subj,
        source_span=mention_span(subj),
        cue_token=n,
    )


def _phrase_cue(tok: Token, sent: SpacySpan, qi: QuoteIndex, lex: Lexicon) -> RawAttribution | None:
    doc = tok.doc
    for phrase in lex.cue_phrases:
        n = len(phrase)
        if tok.i + n > sent.end:
            continue
        words = [doc[tok.i + k] for k in range(n)]
        if words[0].lemma_.lower() != phrase[0] or any(
            w.lower_ != p for w, p in zip(words[1:], phrase[1:], strict=True)
        ):
            continue
        last = words[-1]
        rest = [t for t in sent if t.i > last.i]
        if not rest:
            return None
        s, e = token_range(rest)
        subj = _subject(tok)
        if subj is None and tok.i > sent.start:
            # "... with the capital making it known ...": the noun just before.
            prev = doc[tok.i - 1]
            if prev.pos_ in ("PROPN", "NOUN"):
                subj = prev
        return RawAttribution(
            kind="phrase",
            cue=(tok.idx, last.idx + len(last.text)),
            cue_lemma=" ".join(phrase),
            content=[clean_content(doc_text(doc), s, e, qi)],
            source_head=subj,
            source_span=(subj.idx, subj.idx + len(subj.text)) if subj is not None else None,
            cue_token=tok,
        )
    return None


# “...” ― Jane Doe   (a signature line after a quote)
_SIGNATURE = re.compile(
    r"[ \t\u00a0]*([―—–]|--)[ \t\u00a0]*([A-Z][^\n]{1,200}?)[ \t\u00a0.]*(?=\n|$)"
)
_CLOSE_THEN_SIGN = re.compile(r"[”\"»](?=[ \t\u00a0]*(?:[―—–]|--))")
# JANE DOE: ...   /   Jane Doe: ...   (a speaker label opening a line, transcript style)
_LABEL = re.compile(
    r"(?m)^[ \t\u00a0]*[\"“]?([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3})(:)[ \t\u00a0]+(?=\S)"
)


def _line_cues(doc: Doc, quotes: list[Quote], qi: QuoteIndex, lex: Lexicon) -> list[RawAttribution]:
    """Attributions marked by layout, not syntax: a quote signed with a dash,
    and a line opened by a speaker's name and a colon."""
    text = doc_text(doc)
    out: list[RawAttribution] = []

    def head_of(s: int, e: int) -> Token | None:
        span = doc.char_span(s, e, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    # The quote just before the signature: a quote found by find_quotes, or,
    # when its marks were unbalanced, the paragraph up to the closing mark.
    signed: list[tuple[re.Match[str], int, int, int]] = []
    ends = {q.end: q for q in quotes}
    for cm in _CLOSE_THEN_SIGN.finditer(text):
        close_end = cm.start() + 1
        m = _SIGNATURE.match(text, close_end)
        if not m:
            continue
        q = ends.get(close_end)
        if q is not None:
            signed.append((m, q.inner_start, q.inner_end, q.start))
        else:
            ps, _ = paragraph_of(text, cm.start())
            signed.append((m, ps, cm.start(), ps))
    for m, s, e, sent_start in signed:
        head = head_of(m.start(2), m.end(2))
        if head is None or head.pos_ not in ("PROPN", "NOUN"):
            continue
        content = clean_content(text, s, e, qi)
        if content[1] <= content[0]:
            continue
        out.append(
            RawAttribution(
                kind="signature",
                cue=(m.start(1), m.end(1)),
                cue_lemma="signature",
                content=[content],
                source_head=head,
                source_span=(m.start(2), m.end(2)),
                sentence=(sent_start, m.end()),
            )
        )
    for m in _LABEL.finditer(text):
        name = m.group(1)
        head = head_of(m.start(1), m.end(1))
        if head is None:
            continue
        # A name or a noun ("Smith:", "Police:"), not a heading like "Photo:" or
        # a dateline like "BEIRUT:".
        if name.split()[0].lower().strip(".") in lex.label_words or name.lower() in lex.label_words:
            continue
        if head.pos_ not in ("PROPN", "NOUN") or head.ent_type_ in (
            "GPE",
            "LOC",
            "FAC",
            "NORP",
            "DATE",
            "TIME",
        ):
            continue
        if m.start() > 0 and text[m.start() - 1] != "\n":
            continue
        para = paragraph_of(text, m.end())
        content = clean_content(text, m.end(), para[1], qi)
        if content[1] <= content[0]:
            continue
        out.append(
            RawAttribution(
                kind="label",
                cue=(m.start(2), m.end(2)),
                cue_lemma="label",
                content=[content],
                source_head=head,
                source_span=(m.start(1), m.end(1)),
                sentence=para,
            )
        )
    return out


class _Scorer:
    """The model, with each token's cue probability computed once per article."""

    def __init__(self, model: AttributionModel) -> None:
        self.model = model
        self._p: dict[int, float] = {}

    def cue_prob(self, t: Token) -> float:
        p = self._p.get(t.i)
        if p is None:
            p = self._p[t.i] = self.model.is_cue(t, False)
        return p


def _with_model(
    doc: Doc,
    found: list[RawAttribution],
    qi: QuoteIndex,
    lex: Lexicon,
    scorer: _Scorer,
    lem: _Lemmas,
) -> list[RawAttribution]:
    """Combine the rule attributions with the learned model's.

    On a cue word both found, the model's content wins (it is trained on where
    contents end); the rule's source wins when the rule named one, because the
    rules know channels ("told SANA"), "quoted X as saying" and inherited
    subjects. Rule verb cues outside quotes that the model finds very unlikely
    ("know", "show" with no speaker) are dropped."""
    model = scorer.model
    rule_by_tok = {
        a.cue_token.i: a for a in found if a.cue_token is not None and a.kind in ("verb", "noun")
    }
    # Rules keep the cues they know best: non-verbal ones, and negated verbs whose
    # content is the denied verb phrase ("has not confirmed any deaths").
    learned = _learned(
        doc,
        [a for a in found if a.content and (a.kind not in ("verb", "noun") or a.negated)],
        qi,
        lex,
        scorer,
        lem,
    )
    kept: list[RawAttribution] = []
    for la in learned:
        ra = rule_by_tok.get(la.cue_token.i) if la.cue_token is not None else None
        if (
            ra is not None
            and not ra.content
            and ra.source_head is not None
            and _quote_opens_sentence(ra.cue_token, ra.source_head, qi)
            and _only_addressee(la)
        ):
            # "“Did you know?” X asked the mogul": the quote the cue stands by is its
            # content (attached below); the model, reading only the parse, would
            # take the addressee.
            continue
        if ra is not None and ra.source_head is not None:
            if ra.source_span and any(
                s < ra.source_span[1] and ra.source_span[0] < e for s, e in la.content
            ):
                continue  # the two disagree on who speaks ("..., warned the governor"): rules win
            la.source_head, la.source_span = ra.source_head, ra.source_span
            la.channel_head = ra.channel_head or la.channel_head
        kept.append(la)
    # "went on to say ...", "was quoted as saying ...": the model scores the
    # top verb of the chain as the cue; the rule on the reporting verb below it
    # knows the speaker and the reported clause, so it wins, and the model's
    # score of the top verb speaks for it.
    tops: dict[int, Token] = {}
    for a in found:
        if a.kind == "verb" and a.cue_token is not None and a.source_head is not None:
            top = _chain_top(a.cue_token)
            if top is not None:
                tops[a.cue_token.i] = top
    top_ids = {t.i for t in tops.values()}
    for a in found:
        top = tops.get(a.cue_token.i) if a.cue_token is not None else None
        if top is not None and top.i < a.cue_token.i:
            a.cue = (top.idx, a.cue[1])  # the whole chain is the cue
    learned = [a for a in kept if a.cue_token is None or a.cue_token.i not in top_ids]
    taken = {a.cue_token.i for a in learned if a.cue_token is not None}
    out = [a for a in found if a.cue_token is None or a.cue_token.i not in taken]
    out = [
        a
        for a in out
        if a.kind != "verb"
        or a.cue_token is None
        or qi.inside(a.cue_token.idx)
        or scorer.cue_prob(a.cue_token) >= model.veto
        or (a.cue_token.i in tops and scorer.cue_prob(tops[a.cue_token.i]) >= model.veto)
    ]
    out = out + learned
    # A weak cue inside another statement's content is mostly part of what that
    # source says ("he said the plan would show results"), not a statement of its own.
    spans = sorted(
        (c[0], c[1], k) for k, a in enumerate(out) if a.source_head is not None for c in a.content
    )
    starts = [s for s, _, _ in spans]
    longest = max((e - s for s, e, _ in spans), default=0)

    def nested(k: int, at: int) -> bool:
        # a span of another statement with s <= at < e (spans start within `longest` before it)
        lo = bisect_left(starts, at - longest)
        return any(at < e and j != k for _, e, j in spans[lo : bisect_right(starts, at)])

    return [
        a
        for k, a in enumerate(out)
        if a.cue_token is None
        or a.kind not in ("verb", "noun")
        or not nested(k, a.cue[0])
        or scorer.cue_prob(a.cue_token) >= model.nested
        # "X rejected the militia's claim that ...": the owner of the claim is named
        or _owned_claim(a)
    ]


def _owned_claim(a: RawAttribution) -> bool:
    """ "X rejected the militia's claim that ...": a cue noun whose owner is named and
    whose content is its "that" clause is a statement of its own, inside another."""
    src, n = a.source_head, a.cue_token
    return (
        a.kind == "noun"
        and n is not None
        and src is not None
        and src.dep_ == "poss"
        and src.ent_type_ not in ("DATE", "TIME")  # "this week's warnings"
        and _that_clause(n) is not None
    )


def _quote_opens_sentence(v: Token, subj: Token, qi: QuoteIndex) -> bool:
    """A quote ends right before the cue clause and leads into it (“...?” X asked,
    “...,” X told Y), not a finished sentence of its own (“...”. X announced)."""
    text = doc_text(v.doc)
    s = min(subj.left_edge.idx, v.idx)
    k = len(text[:s].rstrip(SPACES + "\n,")) - 1
    q = qi.at(k) if k >= 0 else None
    if q is None:
        return False
    inner = text[q.inner_start : q.inner_end].rstrip(SPACES)
    return len(inner.split()) > 2 and not inner.endswith(".")


def _only_addressee(a: RawAttribution) -> bool:
    """All of the attribution's content is the cue's object ("asked the mogul")."""
    v = a.cue_token
    if v is None:
        return False
    objs = [token_range(list(c.subtree)) for c in v.children if c.dep_ in ("dobj", "dative")]
    return bool(objs) and all(any(os <= s and e <= oe for os, oe in objs) for s, e in a.content)


def _chain_top(v: Token) -> Token | None:
    """The verb a reporting verb is the complement of, through "to" or "as"
    ("went on to say", "was quoted as saying", "declined to comment"), or None."""
    node, top = v, None
    for _ in range(3):
        if node.dep_ in ("xcomp", "pcomp") or (node.dep_ == "prep" and node.lower_ == "as"):
            node = node.head
            if node.pos_ == "VERB":
                top = node
                if node.dep_ not in ("xcomp", "pcomp"):
                    break
        else:
            break
    return top


def _learned(
    doc: Doc,
    found: list[RawAttribution],
    qi: QuoteIndex,
    lex: Lexicon,
    scorer: _Scorer,
    lem: _Lemmas,
) -> list[RawAttribution]:
    """Attributions the learned model sees on cue words no rule used."""
    model = scorer.model
    text = doc_text(doc)
    used = {a.cue_token.i for a in found if a.cue_token is not None}
    lemmas = model.cue_lemmas
    out: list[RawAttribution] = []
    # The words the model may score, picked by array (see _Lemmas) rather than a
    # Token per word; those below are tested as before.
    maybe = lem.of_pos(*_CUE_POS_IDS) & lem.among(lemmas) & ~lem.among(lex.not_learned_cues)
    for i in np.flatnonzero(maybe).tolist():
        if i in used:
            continue
        t = doc[i]
        if t.pos_ not in CUE_POS:
            continue
        lemma = t.lemma_.lower()
        if lemma not in lemmas or lemma in lex.not_learned_cues:
            continue
        # Cues inside quotes are left to the rules: a quoted "we believe" is
        # part of the quote's statement.
        if qi.inside(t.idx) or scorer.cue_prob(t) < model.threshold:
            continue
        sent = lem.sent_of(i)
        labelled = model.roles(t)
        para = paragraph_of(text, t.idx)
        outlet = _outlet_name(t, lex) if t.pos_ == "VERB" else None
        content: list[tuple[int, int]] = []
        for role, c in labelled:
            if role == "content" and not _earlier_statement(c.tok, t, lex):
                if outlet is not None and c.tok.i == outlet.i:
                    # "told the agency ABC that ...": the clause, less the name
                    for k in outlet.children:
                        if _is_content_clause(k, t.lemma_.lower()):
                            content.extend(content_spans(_without_nested(k, lex), qi, para))
                    continue
                # Less relative clauses carrying an attribution of their own, which
                # are extracted on their own (", which experts say could ...").
                # (a child candidate's tokens are its subtree, walked already)
                toks = _without_nested(c.tok, lex, c.tokens) if c.rel == "child" else list(c.tokens)
                content.extend(content_spans(toks, qi, para))
        if not content:
            continue
        src = next((c.tok for role, c in labelled if role == "source"), None)
        root = _participle_root(t)
        if root is not None:
            src = _subject(root)  # the rule knows a participle's speaker better
        addressed = t.pos_ == "VERB" and _agent(t) is None and _passive_unnamed(t, lex)
        if addressed:
            src = None  # "X was asked whether ...": X is asked, the asker unnamed
        stray = _stray_conjunct(t, lex) if src is None and t.pos_ == "VERB" else None
        if stray is not None:
            src = _stray_subject(stray)  # "X fear that A and warn that B": X warns
        if src is None and t.pos_ == "VERB" and not addressed and stray is None:
            # "X praised A, denounced B and said C": a conjunct shares the first one's subject.
            src, left = _series_subject(t)
            if left is not None:
                ls, le = token_range(list(left.subtree))
                content = [(s, e) for s, e in content if not (ls <= s and e <= le)]
                if not content:
                    continue
        if src is not None and src.dep_ == "agent":
            src = next((x for x in src.children if x.dep_ == "pobj"), src)  # "by X": X
        if src is None and (
            scorer.cue_prob(t) < model.sourceless
            or any(c.dep_ in ("nsubj", "agent") for c in t.children)
        ):
            # A statement with no one making it is mostly a description
            # ("Farmers were angered by ..."), unless the cue is a sure one
            # and has no subject the role model passed over.
            continue
        out.append(
            RawAttribution(
                kind="verb" if t.pos_ == "VERB" else "noun",
                cue=(t.idx, t.idx + len(t.text)),
                cue_lemma=t.lemma_.lower(),
                content=content,
                source_head=src,
                source_span=mention_span(src) if src is not None else None,
                channel_head=_recipient_channel(t, lex, outlet) if t.pos_ == "VERB" else None,
                negated=_negated(t),
                sentence=(sent.start_char, sent.end_char),
                cue_token=t,
            )
        )
    return out


# ---------------------------------------------------------------------------
# quotes


def _attach_quotes(
    doc: Doc, atts: list[RawAttribution], quotes: list[Quote], qi: QuoteIndex, lex: Lexicon
) -> list[RawAttribution]:
    """Give each quote not yet inside some content to the cue next to it, or
    to the previous quote's speaker when it continues a quotation."""
    text = doc_text(doc)
    by_cue = sorted(atts, key=lambda a: a.cue[0])
    cue_starts = [a.cue[0] for a in by_cue]
    order = {id(a): k for k, a in enumerate(atts)}
    # Content spans by start, to find the attribution that already holds a quote
    # without scanning them all; spans given to quotes below are added as we go.
    held: list[tuple[int, int, int]] = sorted(
        (c[0], c[1], order[id(a)]) for a in atts for c in a.content
    )
    longest = max((e - s for s, e, _ in held), default=0)

    def hold(a: RawAttribution, span: tuple[int, int]) -> None:
        nonlocal longest
        insort(held, (span[0], span[1], order[id(a)]))
        longest = max(longest, span[1] - span[0])

    def owner_of(q: Quote) -> RawAttribution | None:
        # _covered: a span with s <= q.inner_start and q.inner_end <= e + 1; the
        # first such attribution in list order, as a scan would find it.
        hi = bisect_right(held, (q.inner_start, float("inf"), 0))
        lo = bisect_left(held, (q.inner_end - 1 - longest, -1, -1))
        k = min((i for s, e, i in held[lo:hi] if q.inner_end <= e + 1), default=None)
        return atts[k] if k is not None else None

    last_direct: RawAttribution | None = None
    for q in quotes:
        if is_scare_quote(text, q, lex) and not _short_answer(text, q):
            continue
        owner = owner_of(q)
        if owner is not None:
            last_direct = owner
            continue
        # A cue that owns the quote sits in the sentence before, around or after it.
        near = by_cue[
            bisect_left(cue_starts, q.start - ADJACENT_WINDOW) : bisect_right(
                cue_starts, q.end + ADJACENT_WINDOW
            )
        ]
        cue = _adjacent_cue(text, q, near, doc)
        if cue is not None:
            inner = (q.inner_start, q.inner_end)
            span = clean_content(text, *inner, qi)
            # A cue whose only "content" was a stray clause inside the quote
            # (e.g. "We estimate") gets the quote instead.
            cue.content = [c for c in cue.content if not (q.start <= c[0] and c[1] <= q.end)]
            cue.content.append(span)
            cue.content.sort()
            hold(cue, span)
            last_direct = cue
            continue
        if last_direct is not None and _continues(text, last_direct, q):
            span = clean_content(text, q.inner_start, q.inner_end, qi)
            last_direct.content.append(span)
            hold(last_direct, span)
            continue
        last_direct = None
    return atts


# How far from a quote the cue that owns it may start: the "he said" clause
# next to a quote is never this long.
ADJACENT_WINDOW = 1000


def is_scare_quote(text: str, q: Quote, lex: Lexicon) -> bool:
    """A quote too short to be a statement ("so-called “safe zone”")."""
    return len(text[q.inner_start : q.inner_end].split()) <= lex.scare_quote_max_words


def _short_answer(text: str, q: Quote) -> bool:
    """'X said, “Probably.”': a quote of a word or two set off by a comma or colon
    and ending its own sentence is a whole answer, not a scare quote."""
    before = text[: q.start].rstrip(SPACES)
    inner = text[q.inner_start : q.inner_end].rstrip(SPACES)
    return before.endswith((",", ":")) and inner.endswith((".", "!", "?"))


def _adjacent_cue(
    text: str, q: Quote, atts: list[RawAttribution], doc: Doc
) -> RawAttribution | None:
    """A verb cue right after the quote (“...,” he said) or right before it
    (he said: “...”), with only punctuation, its source and modifiers between."""
    best: RawAttribution | None = None
    for a in atts:
        if a.kind != "verb" or a.cue_token is None:
            continue
        clause_s, clause_e = _cue_clause(a)
        if clause_s < q.start < clause_e and a.cue[1] <= q.start:
            # The parser hung the quote's words on the cue ("She replied, “Well, the
            # banks, the insurers, probably the lobbyists.”"): the cue clause ends
            # where the quote starts.
            clause_e = max(
                (
                    t.idx + len(t.text)
                    for t in a.cue_token.subtree
                    if t.idx + len(t.text) <= q.start and not t.is_punct
                ),
                default=a.cue[1],
            )
        if clause_s >= q.end:
            gap = text[q.end : clause_s]
            if (
                len(gap) <= 3
                and "\n" not in gap  # a new paragraph opens its own statement
                and all(ch in SPACES + ",\n:—–-" for ch in gap)
                and (
                    not a.content
                    or all(_inside_any_quote(c, q) for c in a.content)
                    or _content_is_quote_fragment(a, q)
                )
            ):
                best = a
                break
        elif clause_e <= q.start:
            gap = text[clause_e : q.start]
            if (
                len(gap) <= 3
                and all(ch in SPACES + ",\n:" for ch in gap)
                and (not a.content or _content_is_quote_fragment(a, q))
            ):
                best = a
                break
            if not a.content and a.source_head is not None and gap.strip(SPACES) == ".":
                # "X said in a statement. “...”": a cue with nothing said, then a quote
                # opening the next sentence of the same paragraph.
                best = a
                break
    return best


def _inside_any_quote(c: tuple[int, int], q: Quote) -> bool:
    return q.start <= c[0] and c[1] <= q.end


def _content_is_quote_fragment(a: RawAttribution, q: Quote) -> bool:
    return all(q.start - 1 <= s and e <= q.end + 1 for s, e in a.content)


def _cue_clause(a: RawAttribution) -> tuple[int, int]:
    """Characters of the cue, its source and adverbials: the "he said" part."""
    if a.clause is None:
        a.clause = _compute_cue_clause(a)
    return a.clause


def _compute_cue_clause(a: RawAttribution) -> tuple[int, int]:
    v = a.cue_token
    assert v is not None

    def content(c: Token) -> bool:
        return c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "advcl" and c.lemma_.lower() != "add")

    # the subtree less the content clauses, which are never walked
    toks = [t for t in subtree_less(v, content) if t.dep_ != "punct"]
    return token_range(toks) if toks else a.cue


_CLOSING = re.compile(r"^[ ,.;:!?]*(?:''|[”\"»])")
# The longest rest of a cue's sentence (its source, addressee, adjuncts) after which
# a quote opening the next sentence still goes on with what the speaker said.
CUE_TAIL_MAX = 200


def _continues(text: str, prev: RawAttribution, q: Quote) -> bool:
    """A quote with no cue of its own, right after its speaker's last words."""
    last_end = max(max(e for _, e in prev.content), prev.cue[1])
    if q.continues:
        return True
    sent_end = prev.sentence[1]
    tail = text[last_end:sent_end]
    if (
        last_end < sent_end <= q.start
        and len(tail) <= CUE_TAIL_MAX
        and not any(ch in QUOTE_CHARS for ch in _CLOSING.sub("", tail, count=1))
        and "\n" not in tail.strip()
    ):
        # “A,” X said, looking out at the crowd. “B.” / “A,” said X, an official who
        # runs the office. “B.”: the rest of the cue's sentence says nothing; the
        # next quote goes on from where that sentence ends.
        last_end = sent_end
    # Less the last quote's own closing mark.
    between = _CLOSING.sub("", text[last_end : q.start], count=1)
    # “A,” he said. “B.”  — only the cue clause and punctuation in between.
    return (
        len(between) <= 60
        and "\n\n" not in between.strip("\n ")
        and between.count(".") <= 2
        and all(ch not in '“"«' for ch in between)
        and "''" not in between
        and "``" not in between
    )


def _dedupe(atts: list[RawAttribution]) -> list[RawAttribution]:
    """Drop attributions with no content, and later cues that found exactly
    the same content as an earlier one (two cue words on one statement)."""
    out: list[RawAttribution] = []
    for a in sorted(atts, key=lambda a: (a.cue[0], a.cue[1])):
        if not a.content:
            continue
        dup = False
        for b in out:
            if a.content == b.content:
                dup = True
                break
        if not dup:
            out.append(a)
    return out
