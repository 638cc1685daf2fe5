"""What happened before what: was the other side let through, warned,
notified before the shooting started?

Steps and their words are data (``sequence_steps`` in data/compare.yaml).  One
side saying a step happened ("was granted passage", "warned them first")
and another saying it did not ("turned the convoy back", "fired without
warning") is a contradiction about the order of events.  A side that says
both about one step is not counted for it.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Claim, Contradiction, Incident, Source, Span
from .common import asserted, claim_region, finding, lexicon, may_compare, party_of, side_key
from .explain import quote, says, sentence, side_names

Items = list[tuple[Claim, Span]]


def step_mentions(claim: Claim) -> list[tuple[str, str, Span]]:
    """(step, "yes"/"no", words) for every step the claim speaks of."""
    lex = lexicon()
    off, text = claim_region(claim)
    found: list[tuple[str, str, int, int]] = []
    for step, spec in lex.steps.items():
        for polarity in ("yes", "no"):
            for pat in spec[polarity]:
                for m in pat.finditer(text):
                    pol = polarity
                    if pol == "yes" and lex.negation.search(
                        text[max(0, m.start() - 30) : m.start()]
                    ):
                        pol = "no"
                    found.append((step, pol, m.start(), m.end()))
    # Overlapping matches are one mention: keep the longest.
    found.sort(key=lambda f: (f[2], -(f[3] - f[2])))
    out: list[tuple[str, str, Span]] = []
    last_end = -1
    for step, pol, s, e in found:
        if s < last_end:
            continue
        last_end = e
        out.append((step, pol, Span(off + s, off + e, text[s:e])))
    return out


def find_sequence_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    said: dict[str, dict[tuple[str, str], Items]] = defaultdict(lambda: defaultdict(list))
    party: dict[str, str] = {}
    for c in claims:
        key = side_key(c, sources)
        party[key] = party_of(c, sources)
        for step, pol, span in step_mentions(c):
            if asserted(c, span):
                said[key][(step, pol)].append((c, span))
    out: list[Contradiction] = []
    keys = sorted(said)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            for step in sorted(lexicon().steps):
                for yes_side, no_side in ((a, b), (b, a)):
                    yes = said[yes_side].get((step, "yes"), [])
                    no = said[no_side].get((step, "no"), [])
                    if (
                        not yes
                        or not no
                        or said[yes_side].get((step, "no"))
                        or said[no_side].get((step, "yes"))
                    ):
                        continue
                    yes = [(c, s) for c, s in yes if any(may_compare(c, o, sources) for o, _ in no)]
                    no = [(c, s) for c, s in no if any(may_compare(c, o, sources) for o, _ in yes)]
                    if yes and no:
                        out.append(
                            _finding(incident, step, yes_side, yes, no_side, no, party, sources)
                        )
    return out


def _finding(
    incident: Incident,
    step: str,
    yes_key: str,
    yes: Items,
    no_key: str,
    no: Items,
    party: dict[str, str],
    sources: dict[str, Source],
) -> Contradiction:
    describe = lexicon().steps[step]["describe"]
    explanation = sentence(
        f"{says(side_names([c for c, _ in yes], sources))} {describe['yes']} ({quote(s for _, s in yes)})",
        f"{says(side_names([c for c, _ in no], sources))} {describe['no']} ({quote(s for _, s in no)})",
    )
    return finding(
        incident,
        "sequence",
        step,
        "contradicts",
        "high",
        (yes_key, yes),
        (no_key, no),
        explanation,
        (party[yes_key], party[no_key]),
    )
