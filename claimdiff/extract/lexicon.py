"""The word lists of attribution extraction, loaded once from data/lexicon.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Lexicon:
    cue_verbs: frozenset[str]
    cue_verbs_need_clause: frozenset[str]
    hedging_cues: frozenset[str]
    denial_cues: frozenset[str]
    cue_nouns: frozenset[str]
    cue_phrases: tuple[tuple[str, ...], ...]
    hedges: tuple[str, ...]
    denial_phrases: tuple[str, ...]
    scare_quote_max_words: int
    pronouns_person: frozenset[str]
    pronouns_group: frozenset[str]
    relative_pronouns: frozenset[str]
    demonstratives: frozenset[str]
    person_roles: frozenset[str]
    generic_heads: dict[str, tuple[str, ...]]
    titles: frozenset[str]
    label_words: frozenset[str] = frozenset()
    not_learned_cues: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    official_words: frozenset[str] = frozenset()
    official_modifiers: frozenset[str] = frozenset()
    state_institution_words: frozenset[str] = frozenset()
    journalist_words: frozenset[str] = frozenset()
    anonymity_phrases: tuple[str, ...] = ()
    no_comment_cues: frozenset[str] = frozenset()
    no_comment_phrases: tuple[str, ...] = ()
    event_objects: frozenset[str] = frozenset()
    title_abbreviations: frozenset[str] = frozenset()
    no_inversion_cues: frozenset[str] = frozenset()
    focus_adverbs: frozenset[str] = frozenset()
    passive_speaker_cues: frozenset[str] = frozenset()
    medium_nouns: frozenset[str] = frozenset()
    outlet_nouns: frozenset[str] = frozenset()

    @property
    def phrase_starts(self) -> frozenset[str]:
        """First words of the multi-word cues: only these tokens are tried as phrase cues."""
        return _starts(self.cue_phrases)

    @property
    def hedge_re(self) -> re.Pattern[str]:
        return _phrase_re(self.hedges)

    @property
    def denial_re(self) -> re.Pattern[str]:
        return _phrase_re(self.denial_phrases)

    @property
    def anonymity_re(self) -> re.Pattern[str]:
        return _phrase_re(self.anonymity_phrases)

    @property
    def no_comment_re(self) -> re.Pattern[str]:
        return _phrase_re(self.no_comment_phrases)


@cache
def _starts(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases if p)


@cache
def _phrase_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted((re.escape(p) for p in phrases), key=len, reverse=True)
    # A lookahead for the phrases' first letters (same flags, so the same matches)
    # lets most positions fail on one test instead of trying every phrase.
    first = "".join(sorted({re.escape(p[0]) for p in phrases})) if all(phrases) else ""
    ahead = rf"(?=[{first}])" if first else ""
    return re.compile(r"\b" + ahead + "(?:" + "|".join(alts) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = yaml.safe_load(
        resources.files("claimdiff.extract").joinpath("data/lexicon.yaml").read_text("utf-8")
    )

    def fs(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key, []))

    return Lexicon(
        cue_verbs=fs("cue_verbs"),
        cue_verbs_need_clause=fs("cue_verbs_need_clause"),
        hedging_cues=fs("hedging_cues"),
        denial_cues=fs("denial_cues"),
        cue_nouns=fs("cue_nouns"),
        cue_phrases=tuple(tuple(p) for p in raw.get("cue_phrases", [])),
        hedges=tuple(raw.get("hedges", [])),
        denial_phrases=tuple(raw.get("denial_phrases", [])),
        scare_quote_max_words=int(raw.get("scare_quote_max_words", 2)),
        pronouns_person=fs("pronouns_person"),
        pronouns_group=fs("pronouns_group"),
        relative_pronouns=fs("relative_pronouns"),
        demonstratives=fs("demonstratives"),
        person_roles=fs("person_roles"),
        generic_heads={k: tuple(v) for k, v in (raw.get("generic_heads") or {}).items()},
        titles=fs("titles"),
        label_words=fs("not_speaker_labels"),
        not_learned_cues=fs("not_learned_cues"),
        document_nouns=fs("document_nouns"),
        official_words=fs("official_words"),
        official_modifiers=fs("official_modifiers"),
        state_institution_words=fs("state_institution_words"),
        journalist_words=fs("journalist_words"),
        anonymity_phrases=tuple(raw.get("anonymity_phrases", [])),
        no_comment_cues=fs("no_comment_cues"),
        no_comment_phrases=tuple(raw.get("no_comment_phrases", [])),
        event_objects=fs("event_objects"),
        title_abbreviations=fs("title_abbreviations"),
        no_inversion_cues=fs("no_inversion_cues"),
        focus_adverbs=fs("focus_adverbs"),
        passive_speaker_cues=fs("passive_speaker_cues"),
        medium_nouns=fs("medium_nouns"),
        outlet_nouns=fs("outlet_nouns"),
    )
