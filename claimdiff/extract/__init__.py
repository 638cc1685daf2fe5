"""Attribution extraction: an article and its parse in, claims and sources out."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IS_ALPHA, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

from ..models import Article, Claim, Source, Span, stable_id
from ..nlp import doc_text, known_text
from ..sources import Registry, slug
from .attribution import (
    QuoteIndex,
    RawAttribution,
    clean_run,
    find_attributions,
    is_scare_quote,
    mention_span,
    named_holder,
)
from .learned import load_model
from .lexicon import Lexicon, load_lexicon
from .quotes import find_quotes
from .resolve import ArticleResolver

UNATTRIBUTED = Source(id="unattributed", name="unnamed source", party="unknown", kind="unknown")


@dataclass(frozen=True)
class Extraction:
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    warnings: tuple[str, ...]


def outlet_source(article: Article, registry: Registry) -> Source:
    """The source of the outlet's own voice (narrative claims)."""
    if article.outlet:
        m = registry.match(article.outlet)
        if m is not None and m.source.kind in ("outlet", "news-agency", "state-media"):
            return m.source
        return Source(
            id=f"outlet-{slug(article.outlet)}", name=article.outlet, party="press", kind="outlet"
        )
    shown = article.title or article.path.rsplit("/", 1)[-1]
    return Source(
        id=f"outlet-{article.id}", name=f"the outlet of “{shown}”", party="press", kind="outlet"
    )


def extract_claims(
    article: Article,
    doc: Doc,
    registry: Registry,
    lex: Lexicon | None = None,
    *,
    narrative: bool = True,
) -> Extraction:
    lex = lex or load_lexicon()
    text = article.text
    known_text(doc, text)
    registry = registry.for_text(text)
    quotes, warnings = find_quotes(text)
    qi = QuoteIndex(quotes)
    # Quotes long enough to be statements, not scare quotes: what makes a claim direct or mixed.
    real = QuoteIndex([q for q in quotes if not is_scare_quote(text, q, lex)])
    raw = find_attributions(doc, quotes, lex, load_model())
    resolver = ArticleResolver(article, registry, lex)
    claims: list[Claim] = []
    used_unattributed = False
    # A headline's speaker ("..., monitor says") is named in full only in the body
    # below it: headline attributions are resolved last, against the whole article.
    head_end = _headline_end(article)
    ordered = sorted(raw, key=lambda a: (a.cue[0] < head_end, a.cue[0], a.content[0]))
    for att in ordered:
        channel = resolver.channel(att.channel_head) if att.channel_head is not None else None
        if att.source_head is not None:
            holder = named_holder(att.source_head, lex)
            if holder is not att.source_head:
                # The mention runs from the role to the name ("the nurse, who gave her
                # name as X"); the name says who it is.
                (rs, re_), (ns, ne) = mention_span(att.source_head), mention_span(holder)
                att.source_head, att.source_span = holder, (min(rs, ns), max(re_, ne))
            source = resolver.resolve(att.source_head, via=channel, forward=att.cue[0] < head_end)
            channel = channel or resolver.default_channel(source)
            resolver.note_channel(source, channel)
        else:
            source, used_unattributed = UNATTRIBUTED, True
        claims.append(_claim(article, att, source, channel, real, lex))
    sources = resolver.sources()
    if used_unattributed:
        sources.append(UNATTRIBUTED)
    if narrative:
        outlet = outlet_source(article, registry)
        nclaims = _narrative(article, doc, raw, outlet, qi, lex)
        if nclaims:
            claims.extend(nclaims)
            sources.append(outlet)
    claims.sort(key=lambda c: (c.start, c.id))
    return Extraction(tuple(claims), tuple(sources), tuple(warnings))


def _headline_end(article: Article) -> int:
    """Where the headline ends, when the text opens with the article's title; else 0."""
    title = article.title
    if not title:
        return 0
    start = len(article.text) - len(article.text.lstrip())
    return start + len(title) if article.text.startswith(title, start) else 0


def _form(
    att: RawAttribution, content: list[tuple[int, int]], real: QuoteIndex, lex: Lexicon
) -> str:
    """denial, according_to, direct (all content inside real quotes, not scare
    quotes), mixed (some real quote inside the content) or indirect."""
    if att.cue_lemma in lex.denial_cues or att.negated:
        return "denial"
    if att.kind == "according_to":
        return "according_to"

    def inside(s: int, e: int) -> bool:
        return any(q.inner_start <= s and e <= q.inner_end + 1 for q in real.overlapping(s, e))

    if content and all(inside(s, e) for s, e in content):
        return "direct"
    if any(
        s <= q.inner_start and q.inner_end <= e + 1
        for s, e in content
        for q in real.overlapping(s, e + 1)
    ):
        return "mixed"
    return "indirect"


def _claim(
    article: Article,
    att: RawAttribution,
    source: Source,
    channel: Source | None,
    real: QuoteIndex,
    lex: Lexicon,
) -> Claim:
    text = article.text
    content = tuple(Span.of(text, s, e) for s, e in att.content)
    s0 = min([att.sentence[0], *(c.start for c in content)])
    e0 = max([att.sentence[1], *(c.end for c in content)])
    s0, e0 = _strip(text, s0, e0)
    sentence_text = text[s0:e0]
    hedged = att.cue_lemma in lex.hedging_cues or bool(lex.hedge_re.search(sentence_text))
    return Claim(
        id=stable_id("c", article.id, att.cue, att.content),
        article_id=article.id,
        source_id=source.id,
        form=_form(att, att.content, real, lex),
        source_mention=Span.of(text, *att.source_span) if att.source_span else None,
        cue=Span.of(text, *att.cue),
        content=content,
        sentence=Span.of(text, s0, e0),
        channel_id=channel.id if channel else None,
        hedged=hedged,
    )


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _narrative(
    article: Article,
    doc: Doc,
    raw: list[RawAttribution],
    outlet: Source,
    qi: QuoteIndex,
    lex: Lexicon,
) -> list[Claim]:
    """Sentences no attribution touches: what the outlet asserts itself."""
    taken: list[tuple[int, int]] = []
    for a in raw:
        taken.extend(a.content)
        taken.append(a.cue)
        if a.source_span:
            taken.append(a.source_span)
    text = article.text
    # Merged, sorted: a sentence is touched when a merged span starts before its
    # end and ends after its start (one binary search per sentence).
    merged: list[list[int]] = []
    for s, e in sorted(taken):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    starts = [m[0] for m in merged]
    # Running counts of alphabetic words and of verbs, by token: a sentence's counts
    # are two subtractions, not a Token object per word.
    arr = doc.to_array([IS_ALPHA, POS])
    alpha = [0, *np.cumsum(arr[:, 0]).tolist()]
    verbs = [0, *np.cumsum((arr[:, 1] == VERB) | (arr[:, 1] == AUX)).tolist()]
    doc_chars = doc_text(doc)
    out = []
    for sent in doc.sents:
        k = bisect_left(starts, sent.end_char) - 1
        if k >= 0 and merged[k][1] > sent.start_char:
            continue
        a, b = sent.start, sent.end
        if alpha[b] - alpha[a] < 4 or verbs[b] == verbs[a]:
            continue
        if doc_chars[sent.start_char : sent.end_char].lstrip().startswith("("):
            continue  # photo credits and asides
        # content_spans of the sentence's tokens: one run (consecutive, with words),
        # from its first token to its last, cleaned; without a Token per word.
        s, e = clean_run(doc_chars, sent.start_char, sent.end_char, qi)
        if e <= s:
            continue
        span = Span.of(text, s, e)
        out.append(
            Claim(
                id=stable_id("c", article.id, "narrative", s, e),
                article_id=article.id,
                source_id=outlet.id,
                form="narrative",
                source_mention=None,
                cue=None,
                content=(span,),
                sentence=span,
                hedged=bool(lex.hedge_re.search(span.text)),
            )
        )
    return out


__all__ = ["Extraction", "extract_claims", "load_lexicon", "outlet_source"]
