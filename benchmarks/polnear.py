"""Score claimdiff's attribution extraction on PolNeAR (dev or train split).

    python benchmarks/polnear.py                      # full dev split
    python benchmarks/polnear.py --limit 10           # a quick run
    python benchmarks/polnear.py --analyse            # plus an error analysis
    python benchmarks/polnear.py --split DIR --out /tmp/pred
    python benchmarks/polnear.py --docs /tmp/dev.spacy  # save the parse once, then reuse it

What it does:

1. reads the gold JSON files of the split (``{"text": ..., "quotes": [...]}``)
   and builds one :class:`~claimdiff.models.Article` per file (id = file
   stem, path = file name, text = the JSON "text", nothing else);
2. parses all texts with ``nlp.pipe`` (the pipeline of
   :func:`claimdiff.nlp.load_spacy`) and runs
   :func:`claimdiff.extract.extract_claims` on each article;
3. converts every non-narrative claim (narrative claims are the outlet's
   own voice, not attributions) to the Citron JSON format the benchmark
   uses, mapping claimdiff's span conventions to PolNeAR's (see
   :func:`to_polnear`), and writes one file per article, under the gold
   file's name, to a temporary folder (or ``--out DIR``);
4. runs the benchmark's own ``score.py`` (from the split's parent folder)
   in a subprocess and prints its output and the wall times.

The article texts are copyrighted news: nothing here writes them (or spans
of them) into the repository. Predictions go to a temporary folder unless
``--out`` names a folder outside the repository, and ``--analyse`` prints to
the terminal only.

Targets (issue): attribution-level F1 >= 0.70, source exact F1 >= 0.80,
content token-overlap F1 >= 0.80.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docbin  # benchmarks/docbin.py (the script's folder is on sys.path)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = REPO.parent / "shared" / "benchmarks" / "polnear" / "dev"

# ---------------------------------------------------------------------------
# span conventions
#
# claimdiff and PolNeAR cut the same attribution differently. The gold
# files show (dev, counted against the spaCy parse):
#
#   content  claimdiff drops a leading complementiser "that", the outer quote
#            marks and trailing punctuation ("“We will win,” he said" gives
#            ``We will win``). PolNeAR keeps "that" and the quote marks with
#            the punctuation inside them (``“We will win,”``), but not a
#            sentence-final period outside quotes (``that taxes will rise``
#            in "He said that taxes will rise.").
#   source   claimdiff marks a short name: the mention's head and modifiers,
#            less appositives, relative and participial clauses and
#            coordination tails. PolNeAR marks the whole noun phrase
#            ("Victor Cha, a Korea scholar at the Center for ...", "a poll
#            released last week", "Rep. John Mica (R-Fla.)"), with the comma
#            that closes an appositive ("Kerr Putney, the police chief,"
#            said). The whole phrase is the parse subtree of the mention's
#            head in ~89% of gold sources; with the appositive comma, ~92%.
#   cue      both mark the reporting verb; PolNeAR includes the verb's
#            auxiliaries and negation ("has said", "did not respond", 310 of
#            322 gold verb cues with an auxiliary), its particle ("pointed
#            out") and a colon right after it ("said:").
#
# The mapping is mechanical and never adds or drops an attribution; it only
# moves the boundaries of the spans claimdiff found:
#
#   content  grow over an adjacent opening quote mark and an adjacent "that"
#            on the left, and over punctuation followed by a closing quote
#            mark on the right; never over a bare final period, never across
#            a word.
#   source   grow to the parse subtree of the mention's head (trimmed of
#            edge punctuation), plus a following comma when the phrase holds
#            a comma itself; kept as found if the subtree would leave the
#            sentence or run into the attribution's cue or content.
#   cue      grow a one-word verb cue left over its own auxiliaries and
#            negation (and adverbs between them: "is once again
#            questioning"), right over its particle and an adjacent colon.
#
# ``--raw-spans`` skips all of it, to show what the mapping is worth.

OPEN_MARKS = ("``", "''", "“", "„", "«", "‘", '"', "'")
CLOSE_MARKS = ("''", "”", "»", "’", '"', "'")
# Punctuation that PolNeAR keeps when it sits inside the closing quote mark.
_CLOSING = re.compile(
    r"(?:[.,?!;:…]|—|–|-){0,3}(?:" + "|".join(re.escape(m) for m in CLOSE_MARKS) + r")(?![\w])"
)
_THAT = re.compile(r"(?<![\w’'-])that[ \t\u00a0]+$", re.IGNORECASE)
_EDGE = " \t\n\u00a0,;:—–-"


def extend_content(text: str, s: int, e: int) -> tuple[int, int]:
    """Grow a claimdiff content span ``text[s:e]`` to PolNeAR's convention."""
    # Right: punctuation then a closing quote mark directly after the span.
    m = _CLOSING.match(text, e)
    if m:
        e = m.end()
    # Left: an opening quote mark, then a complementiser "that" ("said that
    # “...”"), in either order, each directly before the span.
    for _ in range(2):
        grew = False
        for mark in OPEN_MARKS:
            if s >= len(mark) and text.startswith(mark, s - len(mark)):
                # An apostrophe glued to the previous word is not a quote mark.
                if mark in ("'", "’", "‘") and s - 2 >= 0 and text[s - 2].isalnum():
                    continue
                s -= len(mark)
                grew = True
                break
        t = _THAT.search(text, max(0, s - 12), s)
        if t:
            s = t.start()
            grew = True
        if not grew:
            break
    return s, e


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return s, e


def _overlaps(s: int, e: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < b and a < e for a, b in spans)


def extend_source(doc: Any, s: int, e: int, blocked: list[tuple[int, int]]) -> tuple[int, int]:
    """Grow a claimdiff source mention to the whole noun phrase (see above)."""
    text = doc.text
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or not len(span):
        return s, e
    root = span.root
    if root.dep_ in ("oprd", "attr", "dobj") and root.head.lower_ in ("named", "called"):
        root = root.head.head  # "a man named Jane Doe": claimdiff names her
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        # claimdiff names the holder of a role ("The chief, Jane Doe, said": Jane Doe);
        # PolNeAR's source is the whole phrase.
        root = root.head
    # A participial phrase set off by a comma ("Clinton, speaking to reporters
    # Tuesday, said") is outside PolNeAR's source in two of three cases (train).
    mine = {t.i for t in span}
    cut = {
        x.i
        for c in root.children
        if c.dep_ == "acl"
        and c.i > root.i
        and c.i not in mine
        and c.left_edge.i > 0
        and doc[c.left_edge.i - 1].text in (",", "—", "–", "-", "(")
        for x in c.subtree
    }
    lo = hi = root.i
    while lo - 1 >= root.left_edge.i and lo - 1 not in cut:
        lo -= 1
    while hi + 1 <= root.right_edge.i and hi + 1 not in cut:
        hi += 1
    ns, ne = _trim(text, doc[lo].idx, doc[hi].idx + len(doc[hi].text))
    if "," in text[ns:ne] and text[ne : ne + 1] == ",":
        ne += 1  # "Kerr Putney, the police chief," said
    ns, ne = min(ns, s), max(ne, e)
    sent = root.sent
    if ns < sent.start_char or ne > sent.end_char or _overlaps(ns, ne, blocked):
        return s, e
    return ns, ne


def extend_cue(doc: Any, s: int, e: int) -> tuple[int, int]:
    """Grow a one-word verb cue to its verb group (see above)."""
    span = doc.char_span(s, e, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].pos_ not in ("VERB", "AUX"):
        return s, e
    v = span[0]
    sent = v.sent
    i = v.i
    while (
        i - 1 >= sent.start
        and doc[i - 1].head.i == v.i
        and doc[i - 1].dep_ in ("aux", "auxpass", "neg", "advmod")
    ):
        i -= 1
    while i < v.i and doc[i].dep_ == "advmod":
        i += 1  # adverbs count only between an auxiliary and the verb
    j = v.i
    while j + 1 < sent.end and doc[j + 1].head.i == v.i and doc[j + 1].dep_ == "prt":
        j += 1
    if (
        j + 1 < len(doc)
        and doc[j + 1].text == ":"
        and doc[j + 1].idx == doc[j].idx + len(doc[j].text)
    ):
        j += 1
    return min(s, doc[i].idx), max(e, doc[j].idx + len(doc[j].text))


def span_json(text: str, s: int, e: int) -> dict[str, Any]:
    return {"start": s, "end": e, "text": text[s:e]}


def to_polnear(text: str, claim: Any, doc: Any = None, convert: bool = True) -> dict[str, Any]:
    """One claimdiff claim as one PolNeAR/Citron attribution.

    ``doc`` is the article's spaCy parse (needed for the cue and source
    mapping; without it only the content is mapped); ``convert=False`` keeps
    claimdiff's own spans."""
    contents = []
    for sp in claim.content:
        s, e = extend_content(text, sp.start, sp.end) if convert else (sp.start, sp.end)
        contents.append((s, e))
    # Growing two pieces towards each other may make them touch or overlap.
    merged: list[tuple[int, int]] = []
    for s, e in sorted(contents):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    cue = (claim.cue.start, claim.cue.end) if claim.cue else None
    if cue and convert and doc is not None:
        cue = extend_cue(doc, *cue)
    src = (claim.source_mention.start, claim.source_mention.end) if claim.source_mention else None
    if src and convert and doc is not None:
        src = extend_source(doc, *src, blocked=merged + ([cue] if cue else []))
    return {
        "cue": span_json(text, *cue) if cue else None,
        "sources": [span_json(text, *src)] if src else [],
        "contents": [span_json(text, s, e) for s, e in merged],
    }


# ---------------------------------------------------------------------------
# running claimdiff


@dataclass
class Item:
    name: str  # file name, e.g. "nyt_2016-09-16_....json"
    text: str
    gold: list[dict[str, Any]]
    pred: list[dict[str, Any]]
    doc: Any = None


def load_split(split: Path, limit: int | None) -> list[tuple[str, dict[str, Any]]]:
    files = sorted(p for p in split.iterdir() if p.suffix == ".json")
    if limit is not None:
        files = files[:limit]
    return [(p.name, json.loads(p.read_text(encoding="utf-8"))) for p in files]


def run_claimdiff(
    gold: list[tuple[str, dict[str, Any]]],
    keep_docs: bool,
    convert: bool = True,
    docs_path: Path | None = None,
) -> tuple[list[Item], dict[str, float]]:
    from claimdiff.config import Config
    from claimdiff.extract import extract_claims, load_lexicon
    from claimdiff.models import Article
    from claimdiff.nlp import load_spacy
    from claimdiff.sources import Registry

    cfg = Config()
    times: dict[str, float] = {}
    t0 = time.perf_counter()
    nlp = load_spacy(cfg.spacy_model)
    registry = Registry.load(cfg.sources_file)
    lex = load_lexicon()
    times["load"] = time.perf_counter() - t0

    articles = [Article(id=Path(name).stem, path=name, text=g["text"]) for name, g in gold]
    items: list[Item] = []
    t_parse = t_extract = 0.0
    errors = 0
    t1 = time.perf_counter()
    saved = docbin.load(docs_path, nlp.vocab) if docs_path is not None else None
    if saved is not None:
        # A parse saved by an earlier run (--docs): only extraction is timed anew.
        by_text = {d.text: d for d in saved}
        docs: Iterable[Any] = (by_text.get(a.text) or nlp(a.text) for a in articles)
    else:
        docs = nlp.pipe((a.text for a in articles), batch_size=cfg.spacy_batch_size)
        if docs_path is not None:
            docs = list(docs)
            docbin.save(docs, docs_path)
    it = iter(docs)
    for (name, g), article in zip(gold, articles, strict=True):
        ta = time.perf_counter()
        doc = next(it)
        tb = time.perf_counter()
        try:
            ex = extract_claims(article, doc, registry, lex, narrative=False)
            claims = [c for c in ex.claims if c.form != "narrative"]
        except Exception as e:  # noqa: BLE001 - report and go on, like the pipeline
            print(f"extraction failed for {name}: {type(e).__name__}: {e}", file=sys.stderr)
            claims, errors = [], errors + 1
        tc = time.perf_counter()
        t_parse += tb - ta
        t_extract += tc - tb
        pred = [to_polnear(article.text, c, doc, convert) for c in claims]
        items.append(Item(name, article.text, g["quotes"], pred, doc if keep_docs else None))
    times["parse"] = t_parse
    times["extract"] = t_extract
    times["parse+extract"] = time.perf_counter() - t1
    times["errors"] = errors
    return items, times


def write_predictions(items: list[Item], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for it in items:
        (out / it.name).write_text(
            json.dumps({"quotes": it.pred}, ensure_ascii=False), encoding="utf-8"
        )


def inside_repo(p: Path) -> bool:
    try:
        p.resolve().relative_to(REPO)
        return True
    except ValueError:
        return False


# ---------------------------------------------------------------------------
# error analysis (terminal only)

_WORD = re.compile(r"\w+|[^\w\s]")


def toks(text: str, spans: Iterable[dict[str, Any]]) -> set[int]:
    """Token start offsets, exactly as score.py counts them."""
    out: set[int] = set()
    for sp in spans:
        for m in _WORD.finditer(text[sp["start"] : sp["end"]]):
            out.add(sp["start"] + m.start())
    return out


def roles(q: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {
        "cue": [q["cue"]] if q.get("cue") else [],
        "source": q.get("sources", []),
        "content": q.get("contents", []),
    }


def match(text: str, gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[int, int]:
    """gold index -> pred index, with score.py's greedy rule."""
    used: set[int] = set()
    out: dict[int, int] = {}
    ptoks = [{k: toks(text, v) for k, v in roles(p).items()} for p in pred]
    for gi, gq in enumerate(gold):
        gr = {k: toks(text, v) for k, v in roles(gq).items()}
        for i, pr in enumerate(ptoks):
            if i in used:
                continue
            ok, _ = _pair(gr, pr)
            if ok:
                used.add(i)
                out[gi] = i
                break
    return out


def _pair(gr: dict[str, set[int]], pr: dict[str, set[int]]) -> tuple[bool, str]:
    inter = len(gr["content"] & pr["content"])
    n = len(gr["content"]) + len(pr["content"])
    cf = 2 * inter / n if n else 1.0
    src_ok = bool(gr["source"] & pr["source"]) or (not gr["source"] and not pr["source"])
    if not gr["cue"] & pr["cue"]:
        return False, "cue"
    if cf < 0.5 and not src_ok:
        return False, "source+content"
    if cf < 0.5:
        return False, "content"
    if not src_ok:
        return False, "source"
    return True, "ok"


def cue_key(doc: Any, s: int, e: int, raw: str) -> str:
    """A cue's lemma(s): "has said" -> say, "called for" -> call for."""
    span = doc.char_span(s, e, alignment_mode="expand") if doc is not None else None
    if span is None or not len(span):
        return raw.strip().lower() or "?"
    keep = [
        t
        for t in span
        if not (t.is_punct or t.is_space)
        and t.dep_ not in ("aux", "auxpass", "neg")
        and t.ent_type_ not in ("DATE", "TIME")
        and not (t.pos_ == "ADV" and len(span) > 1)
    ]
    if not keep:
        keep = [t for t in span if not t.is_space] or list(span)
    if len(keep) == 2 and keep[0].lower_ == "according":
        return "according to"
    return " ".join(t.lemma_.lower() for t in keep) or raw.strip().lower()


def _clip(s: str, n: int = 160) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 60] + " … " + s[-55:]


def _show(text: str, q: dict[str, Any]) -> str:
    cue = q.get("cue")
    return (
        (f"cue={cue['text']!r}" if cue else "cue=None")
        + f" src={[x['text'] for x in q.get('sources', [])]!r} content={[_clip(x['text'], 120) for x in q.get('contents', [])]!r}"
    )


def _context(item: Item, q: dict[str, Any]) -> str:
    """The sentence(s) around the gold attribution, its parts marked
    [source] <cue> {content}."""
    text = item.text
    spans = [("[", "]", x) for x in q.get("sources", [])] + [
        ("{", "}", x) for x in q.get("contents", [])
    ]
    if q.get("cue"):
        spans.append(("<", ">", q["cue"]))
    if not spans:
        return ""
    lo = min(x["start"] for _, _, x in spans)
    hi = max(x["end"] for _, _, x in spans)
    anchor = q["cue"]["start"] if q.get("cue") else lo
    if item.doc is not None:
        sent = item.doc.char_span(anchor, anchor + 1, alignment_mode="expand")
        if sent is not None and len(sent):
            sent = sent[0].sent
            lo, hi = min(lo, sent.start_char), max(hi, sent.end_char)
    marks: list[tuple[int, int, str]] = []
    for o, c, x in spans:
        marks.append((x["start"], 1, o))
        marks.append((x["end"], 0, c))
    out, pos = [], lo
    for off, _, m in sorted(marks):
        out.append(text[pos:off])
        out.append(m)
        pos = off
    out.append(text[pos:hi])
    s = " ".join("".join(out).split())
    return s if len(s) <= 700 else s[:420] + " … " + s[-250:]


def _lexicon_words() -> set[str]:
    """First words of the cues claimdiff knows (verbs, nouns, phrases)."""
    from claimdiff.extract import load_lexicon

    lex = load_lexicon()
    return (
        set(lex.cue_verbs) | set(lex.cue_nouns) | {p[0] for p in lex.cue_phrases} | {"according to"}
    )


def analyse(items: list[Item], n_samples: int, seed: int) -> None:
    missed_by_cue: Counter[str] = Counter()
    fp_by_cue: Counter[str] = Counter()
    why_missed: Counter[str] = Counter()
    why_fp: Counter[str] = Counter()
    misses: list[tuple[Item, dict[str, Any], list[dict[str, Any]]]] = []
    n_gold = n_pred = 0
    known = _lexicon_words()
    for it in items:
        text, doc = it.text, it.doc
        m = match(text, it.gold, it.pred)
        matched_pred = set(m.values())
        gtoks = [{k: toks(text, v) for k, v in roles(g).items()} for g in it.gold]
        ptoks = [{k: toks(text, v) for k, v in roles(p).items()} for p in it.pred]
        n_gold += len(it.gold)
        n_pred += len(it.pred)
        for gi, g in enumerate(it.gold):
            if gi in m:
                continue
            cue = g.get("cue")
            key = cue_key(doc, cue["start"], cue["end"], cue["text"]) if cue else "(no cue)"
            missed_by_cue[key] += 1
            # Why: the best reason among predictions sharing the cue.
            reasons = [_pair(gtoks[gi], pr)[1] for pr in ptoks]
            near = [r for r in reasons if r != "cue"]
            if not near:
                where = "in" if key.split(" ")[0] in known or key in known else "not in"
                why_missed[f"cue not found (cue lemma {where} claimdiff's lexicon)"] += 1
            elif "ok" in near:
                why_missed["matching pred taken by another gold"] += 1
            else:
                order = ["source", "content", "source+content"]
                why_missed[f"cue found, wrong {min(near, key=order.index)}"] += 1
            close = [
                p for p, pr in zip(it.pred, ptoks, strict=True) if pr["cue"] & gtoks[gi]["cue"]
            ]
            misses.append((it, g, close))
        for pi, p in enumerate(it.pred):
            if pi in matched_pred:
                continue
            cue = p.get("cue")
            key = cue_key(doc, cue["start"], cue["end"], cue["text"]) if cue else "(no cue)"
            fp_by_cue[key] += 1
            reasons = [_pair(gr, ptoks[pi])[1] for gr in gtoks]
            near = [r for r in reasons if r != "cue"]
            if not near:
                nested = any(ptoks[pi]["cue"] & gr["content"] for gr in gtoks)
                why_fp[
                    "cue is no gold cue, "
                    + ("inside a gold content (nested)" if nested else "elsewhere")
                ] += 1
            elif "ok" in near:
                why_fp["duplicate of a matched attribution"] += 1
            else:
                order = ["source", "content", "source+content"]
                why_fp[f"gold cue, wrong {min(near, key=order.index)}"] += 1

    n_missed = sum(missed_by_cue.values())
    n_fp = sum(fp_by_cue.values())
    print(
        f"\n== error analysis: {len(items)} articles, {n_gold} gold, {n_pred} predicted attributions"
    )
    print(f"\nmissed gold attributions: {n_missed} of {n_gold}")
    for k, v in why_missed.most_common():
        print(f"  {v:5d}  {k}")
    print(f"\nfalse-positive predictions: {n_fp} of {n_pred}")
    for k, v in why_fp.most_common():
        print(f"  {v:5d}  {k}")
    print("\nmissed gold attributions by cue lemma (top 20):")
    for k, v in missed_by_cue.most_common(20):
        print(f"  {v:5d}  {k}")
    print("\nfalse-positive cue lemmas (top 20):")
    for k, v in fp_by_cue.most_common(20):
        print(f"  {v:5d}  {k}")
    rng = random.Random(seed)
    sample = rng.sample(misses, min(n_samples, len(misses)))
    print(
        f"\n{len(sample)} random missed gold attributions (seed {seed}); [source] <cue> {{content}}:"
    )
    for k, (it, g, close) in enumerate(sample, 1):
        print(f"\n{k:2d}. {it.name}")
        print(f"    gold: {_show(it.text, g)}")
        print(f"    sent: {_context(it, g)}")
        if close:
            for p in close:
                print(f"    pred: {_show(it.text, p)}")
        else:
            print("    pred: (no prediction with an overlapping cue)")


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--split",
        type=Path,
        default=DEFAULT_SPLIT,
        help="folder of gold JSON files (default: %(default)s)",
    )
    ap.add_argument(
        "--out", type=Path, help="write predictions here (outside the repository) and keep them"
    )
    ap.add_argument("--limit", type=int, help="only the first N articles (sorted by file name)")
    ap.add_argument(
        "--analyse", action="store_true", help="print an error analysis (terminal only)"
    )
    ap.add_argument(
        "--samples", type=int, default=15, help="missed attributions to show with --analyse"
    )
    ap.add_argument("--seed", type=int, default=0, help="random seed for the --analyse sample")
    ap.add_argument(
        "--raw-spans",
        action="store_true",
        help="skip the span mapping (claimdiff's own content spans)",
    )
    ap.add_argument(
        "--docs",
        type=Path,
        help="a spaCy DocBin of the split's parse (outside the repository): "
        "written if missing, else read instead of parsing again",
    )
    args = ap.parse_args(argv)

    split = args.split.resolve()
    score_py = split.parent / "score.py"
    if not split.is_dir():
        print(f"no split folder {split}", file=sys.stderr)
        return 2
    if not score_py.is_file():
        print(f"no score.py next to the split ({score_py})", file=sys.stderr)
        return 2
    if args.docs is not None and inside_repo(args.docs):
        print(
            "--docs must be outside the repository: a parse holds the article texts",
            file=sys.stderr,
        )
        return 2
    if args.out is not None and inside_repo(args.out):
        print(
            "--out must be outside the repository: predictions hold spans of the article texts",
            file=sys.stderr,
        )
        return 2

    wall0 = time.perf_counter()
    gold = load_split(split, args.limit)
    if not gold:
        print(f"no .json files in {split}", file=sys.stderr)
        return 2
    items, times = run_claimdiff(
        gold, keep_docs=args.analyse, convert=not args.raw_spans, docs_path=args.docs
    )

    tmp = Path(tempfile.mkdtemp(prefix="claimdiff-polnear-"))
    try:
        pred_dir = args.out.resolve() if args.out is not None else tmp / "pred"
        write_predictions(items, pred_dir)
        gold_dir = split
        if args.limit is not None:
            # score.py scores every gold file in the folder: give it only ours.
            gold_dir = tmp / "gold"
            gold_dir.mkdir()
            for name, _ in gold:
                (gold_dir / name).symlink_to(split / name)
        t0 = time.perf_counter()
        res = subprocess.run(
            [sys.executable, str(score_py), str(gold_dir), str(pred_dir)],
            capture_output=True,
            text=True,
            cwd=str(score_py.parent),
            check=False,
        )
        t_score = time.perf_counter() - t0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    n_gold = sum(len(i.gold) for i in items)
    n_pred = sum(len(i.pred) for i in items)
    print(
        f"PolNeAR {split.name}: {len(items)} articles, {n_gold} gold attributions, {n_pred} predicted"
    )
    if args.out is not None:
        print(f"predictions: {pred_dir}")
    sys.stdout.write(res.stdout)
    if res.returncode != 0:
        sys.stderr.write(res.stderr)
        print(f"score.py failed with exit code {res.returncode}", file=sys.stderr)
        return res.returncode
    failed = f"; {int(times['errors'])} article(s) failed" if times["errors"] else ""
    print(
        f"wall time: {time.perf_counter() - wall0:.1f}s total (models {times['load']:.1f}s, "
        f"spaCy parse {times['parse']:.1f}s, extraction {times['extract']:.1f}s, "
        f"scoring {t_score:.1f}s){failed}"
    )
    if args.analyse:
        analyse(items, args.samples, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
