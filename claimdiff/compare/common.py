"""What every aspect detector shares: who counts as a side, the word lists,
and how evidence spans are cut from a claim."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..models import Casualty, Claim, Contradiction, EvidenceSpan, Incident, Source, Span, stable_id


@dataclass(frozen=True)
class Lexicon:
    self_speaking: frozenset[str]
    party_labels: dict[str, str]
    families: dict[str, frozenset[str]]
    family_words: dict[str, str]
    denial_kinds: tuple[tuple[str, re.Pattern[str]], ...]
    steps: dict[str, dict[str, Any]]
    negation: re.Pattern[str]
    update: re.Pattern[str]
    update_time: re.Pattern[str]
    cumulative: re.Pattern[str]
    casualty_words: re.Pattern[str]
    not_combatants: re.Pattern[str]
    not_event_denial: re.Pattern[str]  # "no indication that X ordered the attack"
    own_act_denial: re.Pattern[str]  # "denied carrying out the strike"
    act_families: frozenset[str]  # event families that are a party's act
    kind_families: frozenset[str]  # event families a weapon kind narrows ("shelling")
    figure_words: re.Pattern[str]  # "the casualty figures", "the toll": a count in doubt
    clause_break: re.Pattern[str]  # where a time's clause ends ("; ", "and that")
    statement_verbs: re.Pattern[str]  # "said", "gave": a time after one dates the statement
    time_lead: re.Pattern[str]  # words between a word of saying and its time ("late on")


def _any(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(patterns) + ")", re.IGNORECASE)


def load_data(name: str) -> dict:  # type: ignore[type-arg]
    """A word list shipped in claimdiff/compare/data/NAME.yaml."""
    return yaml.safe_load(
        resources.files("claimdiff.compare").joinpath(f"data/{name}.yaml").read_text("utf-8")
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = load_data("compare")
    steps = {}
    for name, step in raw["sequence_steps"].items():
        steps[name] = {
            "describe": step["describe"],
            "yes": [re.compile(p, re.IGNORECASE) for p in step["yes"]],
            "no": [re.compile(p, re.IGNORECASE) for p in step["no"]],
        }
    return Lexicon(
        self_speaking=frozenset(raw["self_speaking_parties"]),
        party_labels=dict(raw["party_labels"]),
        families={k: frozenset(v) for k, v in raw["event_families"].items()},
        family_words=dict(raw["family_words"]),
        denial_kinds=tuple((k, _any(v)) for k, v in raw["denial_kinds"].items()),
        steps=steps,
        negation=re.compile(raw["negation"], re.IGNORECASE),
        update=re.compile(raw["update"], re.IGNORECASE),
        update_time=re.compile(raw["update_time"], re.IGNORECASE),
        cumulative=re.compile(raw["cumulative"], re.IGNORECASE),
        casualty_words=re.compile(raw["casualty_words"], re.IGNORECASE),
        not_combatants=_any(raw["not_combatants"]),
        not_event_denial=_any(raw["not_event_denial"]),
        own_act_denial=_any(raw["own_act_denial"]),
        act_families=frozenset(raw["act_families"]),
        kind_families=frozenset(raw["kind_families"]),
        figure_words=re.compile(raw["figure_words"], re.IGNORECASE),
        clause_break=re.compile(raw["clause_break"], re.IGNORECASE),
        statement_verbs=re.compile(raw["statement_verbs"], re.IGNORECASE),
        time_lead=re.compile(raw["time_lead"], re.IGNORECASE),
    )


# --- sides --------------------------------------------------------------------


def side_key(claim: Claim, sources: dict[str, Source]) -> str:
    """The side a claim speaks for.

    A belligerent party is one side however many of its officials speak; a
    monitor, an outlet or an unknown speaker speaks only for itself.
    """
    src = sources.get(claim.source_id)
    party = src.party if src is not None else "unknown"
    if party in lexicon().self_speaking:
        return f"source:{claim.source_id}"
    return party


def party_of(claim: Claim, sources: dict[str, Source]) -> str:
    src = sources.get(claim.source_id)
    return src.party if src is not None else "unknown"


def is_outlet_voice(claim: Claim, sources: dict[str, Source]) -> bool:
    return (
        claim.form == "narrative"
        or party_of(claim, sources) == "press"
        and claim.source_mention is None
    )


def speaks_for_no_one(claim: Claim, sources: dict[str, Source]) -> bool:
    """A claim extraction could not attribute ("reports that ..."): no one to disagree with."""
    src = sources.get(claim.source_id)
    return src is None or (
        src.kind == "unknown"
        and src.party == "unknown"
        and claim.source_mention is None
        and claim.form != "narrative"
    )


# "the statement said": the statement of a body named in the same article, not a speaker.
_DOCUMENT = re.compile(
    r"^(?:the|this|that|its|their)\s+(?:[\w’'-]+\s+)?(?:statement|communiqu[eé])$",
    re.IGNORECASE,
)


def is_document_voice(claim: Claim) -> bool:
    """The claim's speaker is a document ("the statement said"): it speaks for the
    body that issued it, which its article names elsewhere."""
    mention = claim.source_mention.text if claim.source_mention else ""
    return bool(_DOCUMENT.match(" ".join(mention.split())))


def may_compare(a: Claim, b: Claim, sources: dict[str, Source]) -> bool:
    """Two claims are two sides' accounts: different sides, each someone's, and not
    an outlet paraphrasing the source it quotes in the same article, nor a
    statement set against the body that issued it."""
    if speaks_for_no_one(a, sources) or speaks_for_no_one(b, sources):
        return False
    if side_key(a, sources) == side_key(b, sources):
        return False
    same_article = a.article_id == b.article_id
    if same_article and (is_document_voice(a) or is_document_voice(b)):
        return False
    return not (same_article and (is_outlet_voice(a, sources) or is_outlet_voice(b, sources)))


def cross_pairs(claims: list[Claim], sources: dict[str, Source]) -> Iterator[tuple[Claim, Claim]]:
    """Every pair of claims from two different sides, ordered by side key."""
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            if may_compare(a, b, sources):
                yield (a, b) if side_key(a, sources) <= side_key(b, sources) else (b, a)


# --- words of a claim -----------------------------------------------------------


def claim_region(claim: Claim) -> tuple[int, str]:
    """The article offset and text of the claim's cue and content together.

    Taken from the claim's sentence, which holds both; falls back to the content.
    """
    spans = list(claim.content) + ([claim.cue] if claim.cue else [])
    if not spans:
        return claim.sentence.start, claim.sentence.text
    s = min(x.start for x in spans)
    e = max(x.end for x in spans)
    sent = claim.sentence
    if sent.start <= s and e <= sent.start + len(sent.text):
        return s, sent.text[s - sent.start : e - sent.start]
    c = min(claim.content, key=lambda x: x.start) if claim.content else sent
    return c.start, c.text


def span_at(claim: Claim, start: int, end: int) -> Span:
    """The article span ``start:end`` (article offsets inside the claim's region)."""
    off, text = claim_region(claim)
    return Span(start, end, text[start - off : end - off])


def denial_kind(claim: Claim) -> tuple[str, Span] | None:
    """``unconfirmed`` / ``denied`` / ``not_reported`` and the words that say so."""
    off, text = claim_region(claim)
    for kind, pat in lexicon().denial_kinds:
        m = pat.search(text)
        if m:
            return kind, Span(off + m.start(), off + m.end(), m.group(0))
    return None


def own_act_denial(claim: Claim, party: str | None = None) -> Span | None:
    """The denying words and what they deny, when the claim denies its speaker's own
    part in an event ("denied carrying out the strike", "denied that its jets
    carried out the raid"), not the event itself; else None.

    Read from the words right after the denying words (``own_act_denial`` in
    data/compare.yaml), or from an initiator role after them whose actor is an own
    pronoun ("its jets") or the speaker's ``party`` ("denied that Turkish jets
    opened fire", said by a Turkish source).  Only a denial (kind ``denied``) counts: "cannot confirm"
    and "has not reported" say nothing of the speaker's own acts."""
    found = denial_kind(claim)
    if found is None or found[0] != "denied":
        return None
    words = found[1]
    off, text = claim_region(claim)
    m = lexicon().own_act_denial.match(text, words.end - off)
    if m is not None:
        # With what was done: "denied carrying out the strike", "... any airstrikes".
        obj = _OBJECT.match(text, m.end())
        return span_at(claim, words.start, off + (obj.end() if obj else m.end()))
    for r in claim.roles:
        if (
            r.role == "initiator"
            and r.span.start >= words.end
            and (
                (party is not None and r.actor_party == party)
                or (r.actor is not None and _OWN_ACTOR.match(r.actor.strip()))
            )
        ):
            return span_at(claim, words.start, min(r.span.end, off + len(text)))
    return None


# Up to four words after an act, before a preposition or punctuation ("the strike"
# in "denied carrying out the strike in the area").
_OBJECT = re.compile(
    r"(?:\s+(?!(?:in|on|at|near|from|against|over|during|after|before|and|or|but|which|that"
    r"|who|when|while|as|to|of|by|with)\b)[\w’'-]+){1,4}"
)
# "its jets", "our forces", "it": the speaker's own side as the actor of a denied act.
_OWN_ACTOR = re.compile(r"^(?:it|we|its|our)\b", re.IGNORECASE)


def families(event_types: Iterable[str]) -> frozenset[str]:
    # Frames spell types exchange_of_fire or exchange-of-fire; the lists use hyphens.
    types = {t.replace("_", "-") for t in event_types}
    return frozenset(f for f, members in lexicon().families.items() if members & types)


def event_words(claim: Claim, after: int | None = None) -> list[tuple[str, Span]]:
    """Event words in the claim (type, span), using the frames' own patterns."""
    try:
        from ..frames import load_patterns

        pats = load_patterns().events
    except Exception:  # noqa: BLE001 - frames may change shape; fall back to no spans
        return []
    off, text = claim_region(claim)
    out = []
    for name, pat in pats:
        for m in pat.finditer(text):
            if after is not None and off + m.start() < after:
                continue
            out.append((name.replace("_", "-"), Span(off + m.start(), off + m.end(), m.group(0))))
    out.sort(key=lambda x: x[1].start)
    return out


def is_negative(claim: Claim) -> bool:
    """The claim denies or cannot confirm something."""
    return claim.form == "denial" or denial_kind(claim) is not None


def asserted(claim: Claim, span: Span) -> bool:
    """The claim asserts what ``span`` says: it is not what a denial or a "cannot
    confirm" is about ("no proof that the militia had shelled ...").
    Words before the denying words ("its troops exchanged fire ... and denied ...")
    are still asserted."""
    if claim.form == "denial":
        return False
    found = denial_kind(claim)
    return found is None or span.end <= found[1].start


# --- victim groups ------------------------------------------------------------------


def group_ancestors(group: str) -> list[str]:
    """``group`` and the wider groups it is part of, from the frames' hierarchy."""
    try:
        from ..frames.casualties import group_ancestors as ancestors

        return list(ancestors(group))
    except Exception:  # noqa: BLE001 - no group hierarchy: groups compare only when equal
        return [group]


def groups_overlap(a: str, b: str) -> bool:
    """One group is the other or inside it ("children" in "civilians")."""
    return a == b or a in group_ancestors(b) or b in group_ancestors(a)


def named_group(text: str) -> str | None:
    """The victim group named in ``text`` ("no civilian casualties" -> civilians),
    with the frames' own cues; None when none is named."""
    try:
        from ..frames.casualties import victim_group

        return victim_group(text, None)
    except Exception:  # noqa: BLE001 - frames may change shape: no group
        return None


def names_combatants(text: str) -> bool:
    """``text`` names fighters ("nine insurgents", "members of the group"): the frames'
    military nouns."""
    try:
        from ..frames.casualties import patterns

        return bool(patterns().military.search(text))
    except Exception:  # noqa: BLE001
        return False


def is_civilian_group(group: str) -> bool:
    return "civilians" in group_ancestors(group)


def is_combatant_figure(f: Casualty) -> bool:
    """The figure counts fighters: a non-civilian group, or no group but a military
    noun in its words ("killed nine insurgents")."""
    if f.group is not None:
        return not is_civilian_group(f.group)
    return names_combatants(f.span.text)


def figure_fits_group(f: Casualty, group: str) -> bool:
    """A figure may count victims of ``group``: the same or a nested group; a figure
    with no group fits unless its words name the other kind (fighters vs civilians)."""
    if f.group is not None:
        return groups_overlap(f.group, group)
    if is_civilian_group(group):
        return not names_combatants(f.span.text)
    return True


# --- findings ----------------------------------------------------------------------


def evidence(items: Iterable[tuple[Claim, Span]]) -> tuple[EvidenceSpan, ...]:
    seen = {EvidenceSpan(c.article_id, c.id, s) for c, s in items}
    return tuple(sorted(seen, key=lambda e: (e.article_id, e.span.start, e.span.end, e.claim_id)))


def finding(
    incident: Incident,
    aspect: str,
    detail: str,
    relation: str,
    severity: str,
    side_a: tuple[str, list[tuple[Claim, Span]]],
    side_b: tuple[str, list[tuple[Claim, Span]]],
    explanation: str,
    parties: tuple[str, str],
) -> Contradiction:
    """A finding whose id depends on the incident, the aspect and the sides, not on claim order."""
    (key_a, items_a), (key_b, items_b) = side_a, side_b
    return Contradiction(
        id=stable_id("k", incident.id, aspect, *sorted((key_a, key_b)), detail),
        incident_id=incident.id,
        type=aspect,
        relation=relation,
        severity=severity,
        sides=(
            tuple(sorted({c.id for c, _ in items_a})),
            tuple(sorted({c.id for c, _ in items_b})),
        ),
        evidence=(evidence(items_a), evidence(items_b)),
        explanation=explanation,
        parties=parties,
    )
