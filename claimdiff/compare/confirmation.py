"""One side reports an event; another denies it, has not seen it, or cannot confirm it.

- "denied", "rejected", "false" -> ``contradicts``, high;
- "have not confirmed any fighting", "no evidence" -> ``contradicts``, medium
  (contested: an absence of reports, not a counter-claim);
- "cannot confirm", "unable to verify" -> ``unconfirmed``, low.

The denial must be about the same kind of event (``event_families`` in
data/compare.yaml: a denial of "clashes" answers a report of an "attack"),
judged from the event words after the denying words ("cannot confirm
casualties or who carried out the raid" is about casualties).  A denial that
names a kind of weapon ("no sign of shelling") denies that kind only: against
a report of another kind ("a drone strike hit the depot"), or of no kind, it is
no denial of the strike (the weapons aspect compares the kinds).  A side
that itself reports that kind of event in the same article is denying a
detail, not the event, and is not flagged; a denial that carries a figure is
left to the casualty comparison; a doubt about who was behind an event ("no
indication that the government ordered the attack"), a rejected claim that it was
staged, and a denial about something the event only describes ("denied that the
village hit by shells was held by rebels") are not denials of it (``not_event_denial``
in data/compare.yaml); nor is a denial of the speaker's own part ("denied carrying
out the strike", "denied that its jets carried out the raid"): that is who did it,
flagged by identity.py only against a side that names the speaker's party.  The
outlet's own voice ("no deaths have been reported so far") is never the
denying side.

A denial of casualty figures ("could not verify the death toll", "cannot
confirm the toll") answers only a report that gives a figure: not "the wounded
were evacuated".

A denial of casualties that names a victim group ("has recorded no
civilian casualties", "unable to verify reports of civilian deaths") answers only
figures that may count that group: not "killed nine insurgents".  The same
holds for the "denies only a detail" guard: a monitor that reports fighters
killed can still not confirm the civilian deaths another side reports.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Claim, Contradiction, Incident, Source, Span
from .common import (
    claim_region,
    denial_kind,
    event_words,
    families,
    figure_fits_group,
    finding,
    is_outlet_voice,
    lexicon,
    may_compare,
    named_group,
    own_act_denial,
    party_of,
    side_key,
    span_at,
)
from .explain import quote, says, sentence, side_names, verb_for

RELATION = {"denied": "contradicts", "not_reported": "contradicts", "unconfirmed": "unconfirmed"}
SEVERITY = {"denied": "high", "not_reported": "medium", "unconfirmed": "low"}
# Characters between the denying words and the event word they deny.
MAX_GAP = 60
# Characters after the denying words where "figures", "toll" say what is in doubt.
FIGURE_GAP = 30
# What the denying side does, singular and plural ("officials have not reported this").
SAYS = {
    "denied": ("denies this", "deny this"),
    "not_reported": ("has not reported this", "have not reported this"),
    "unconfirmed": ("cannot confirm this", "cannot confirm this"),
}


def denial_of(claim: Claim) -> tuple[str, Span, frozenset[str]] | None:
    """(kind, denying words, event families denied) or None."""
    found = denial_kind(claim)
    if found is None:
        return None
    kind, words = found
    off, text = claim_region(claim)
    if lexicon().not_event_denial.match(text, words.end - off):
        return None  # "no indication that X ordered the attack": about who, not whether
    after = event_words(claim, after=words.start)
    # "no sign that anyone was hurt": casualty words the frames
    # do not count as events, before any event word.
    harm = lexicon().casualty_words.search(text, words.end - off)
    if harm is not None and (not after or off + harm.start() < after[0][1].start):
        hit = span_at(claim, off + harm.start(), off + harm.end())
        after = [("casualties", hit)]
    if after:
        fams = families([after[0][0]])
    elif event_words(claim):
        # "exchanged fire ... and denied that army units were involved": the
        # events come before the denial, which is about something else.
        return None
    else:
        fams = families(claim.event_types)
    if not fams:
        return None
    if after and after[0][1].start - words.end <= MAX_GAP:
        # "have not confirmed any fighting": the denying words with what they deny.
        words = span_at(claim, words.start, after[0][1].end)
    return kind, words, fams


def denied_group(claim: Claim, words: Span) -> str | None:
    """The victim group a casualty denial is about ("no civilian casualties")."""
    off, text = claim_region(claim)
    start = max(0, words.start - off)
    return named_group(text[start : start + MAX_GAP + 40])


def report_of(claim: Claim) -> dict[str, list[Span]]:
    """The event families a positive claim reports, each with the words that report it."""
    negative = denial_kind(claim)
    if negative is not None:
        # Events told before the denying words are still reported by this side.
        words = [(t, s) for t, s in event_words(claim) if s.end <= negative[1].start]
        types: set[str] = {t for t, _ in words}
    elif claim.form == "denial":
        return {}
    else:
        words = event_words(claim)
        types = set(claim.event_types)
    out: dict[str, list[Span]] = {}
    for fam in families(types):
        if fam == "casualties":
            if negative is not None:
                continue
            spans = [c.span for c in claim.casualties if c.high != 0]
            if claim.casualties and not spans:
                continue  # "No French troops were hurt" reports no casualties
        else:
            spans = [r.span for r in claim.roles if r.role in ("initiator", "responder")]
            members = lexicon().families[fam]
            spans = spans or [s for t, s in words if t in members][:2]
        if not spans and claim.content and negative is None:
            spans = [claim.content[0]]
        if spans:
            out[fam] = spans
    return out


def find_confirmation_conflicts(
    incident: Incident, claims: list[Claim], sources: dict[str, Source]
) -> list[Contradiction]:
    reports: list[tuple[Claim, dict[str, list[Span]]]] = []
    denials: list[tuple[Claim, str, Span, frozenset[str]]] = []
    for c in claims:
        d = denial_of(c)
        # The outlet's own "no deaths have been reported so far" says what
        # it has not heard; it disputes no one.
        if (
            d is not None
            and not c.casualties
            and not is_outlet_voice(c, sources)
            # "denied carrying out the strike": who did it (identity.py), not whether.
            and own_act_denial(c, party_of(c, sources)) is None
        ):
            denials.append((c, *d))
        told = report_of(c)
        if told:
            reports.append((c, told))
    # Families each side reports itself, per article (and the claims, for their figures).
    own: dict[tuple[str, str], set[str]] = defaultdict(set)
    own_claims: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for c, told in reports:
        own[(side_key(c, sources), c.article_id)] |= set(told)
        own_claims[(side_key(c, sources), c.article_id)].append(c)

    grouped: dict[tuple[str, str, str, str], list[tuple[Claim, list[Span], Claim, Span]]] = (
        defaultdict(list)
    )
    for d_claim, kind, words, d_fams in denials:
        d_key = side_key(d_claim, sources)
        group = denied_group(d_claim, words) if "casualties" in d_fams else None
        mine = own.get((d_key, d_claim.article_id), set())
        named = denied_kinds(d_claim, words)
        figures = "casualties" in d_fams and about_figures(d_claim, words)
        # The denier reports casualties too, but of this group?
        if (
            group is not None
            and "casualties" in mine
            and not any(_fitting(c, group) for c in own_claims[(d_key, d_claim.article_id)])
        ):
            mine = mine - {"casualties"}
        for r_claim, told in reports:
            told = dict(told)
            if group is not None and "casualties" in told:
                spans = _fitting(r_claim, group)
                if spans:
                    told["casualties"] = spans
                elif r_claim.casualties:
                    del told["casualties"]
            shared = d_fams & set(told)
            if named:
                # "no sign of shelling" denies shelling, not an air strike.
                shared -= _other_kind(named, r_claim)
            if figures and not any(f.high != 0 for f in r_claim.casualties):
                # "could not verify the death toll": only a figure is in doubt.
                shared -= {"casualties"}
            if (
                not shared
                or not may_compare(d_claim, r_claim, sources)
                or inside_denial(r_claim, d_claim)
            ):
                continue
            if shared & mine:
                continue
            fam = min(shared)
            grouped[(side_key(r_claim, sources), d_key, fam, kind)].append(
                (r_claim, told[fam], d_claim, words)
            )
    out: list[Contradiction] = []
    for (r_key, d_key, fam, kind), hits in sorted(grouped.items()):
        r_items = [(c, s) for c, spans, _, _ in hits for s in spans]
        d_items = [(c, w) for _, _, c, w in hits]
        explanation = sentence(
            f"{says(side_names([c for c, _ in r_items], sources), 'report')} {lexicon().family_words.get(fam, fam)} "
            f"({quote(s for _, s in r_items)})",
            f"{verb_for(side_names([c for c, _ in d_items], sources), *SAYS[kind])} "
            f"({quote(s for _, s in d_items)})",
        )
        out.append(
            finding(
                incident,
                "confirmation",
                f"{fam}/{kind}",
                RELATION[kind],
                SEVERITY[kind],
                (r_key, r_items),
                (d_key, d_items),
                explanation,
                (party_of(hits[0][0], sources), party_of(hits[0][2], sources)),
            )
        )
    return out


def about_figures(claim: Claim, words: Span) -> bool:
    """The denial is about casualty figures ("could not verify the death toll",
    "could not confirm the death toll"), not whether anyone was hurt."""
    off, text = claim_region(claim)
    start = max(0, words.start - off)
    return bool(lexicon().figure_words.search(text[start : words.end - off + FIGURE_GAP]))


def denied_kinds(claim: Claim, words: Span) -> frozenset[str]:
    """The weapon kinds a denial names ("no sign of shelling", "denied that any air
    strike took place"): the claim's weapons inside the denying words."""
    return frozenset(
        w.kind for w in claim.weapons if words.start <= w.span.start and w.span.end <= words.end
    )


def _other_kind(named: frozenset[str], report: Claim) -> frozenset[str]:
    """The event families a denial of the ``named`` weapon kinds does not answer in
    ``report``: those a weapon kind tells (``kind_families``), unless the report
    names a kind that agrees with a denied one ("shelling" / "artillery").  A
    report naming no kind, or another kind ("air strike"), is not denied."""
    from .weapons import kind_rule, read_weapons

    told = {k for k, _ in read_weapons(report).asserted}
    if any((r := kind_rule(n, k)) is not None and r[0] == "same" for n in named for k in told):
        return frozenset()
    return lexicon().kind_families


def _fitting(claim: Claim, group: str) -> list[Span]:
    """The claim's casualty figures (not zeros) that may count victims of ``group``."""
    return [f.span for f in claim.casualties if f.high != 0 and figure_fits_group(f, group)]


def inside_denial(report: Claim, denial: Claim) -> bool:
    """The "report" is the very thing the denial is about ("rejected reports that
    its aircraft had struck the hospital"), extracted as a claim of its own."""
    if report.article_id != denial.article_id:
        return False
    off, text = claim_region(denial)
    return any(off <= s.start and s.end <= off + len(text) for s in report.content)
