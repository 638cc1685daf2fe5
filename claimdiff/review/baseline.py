"""Baselines: the accepted findings of a report, as a sorted, readable YAML file.

A baseline holds, for each article, claim, incident and contradiction, its id,
a short description (the fields a reviewer reads and that ``check`` compares)
and a fingerprint (a hash of those fields). It holds nothing volatile: no
version, date, absolute path or character offset, so the same report always
gives the same file and a diff of two baselines reads as a diff of findings.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..errors import BaselineFileError, ReportFolderError
from .atomic import atomic_write

BASELINE_VERSION = 1
KINDS: tuple[str, ...] = ("articles", "claims", "incidents", "contradictions")
# Long texts are cut in the description; the fingerprint still covers them whole.
MAX_TEXT = 240
HEADER = (
    "# claimdiff baseline: the accepted findings of a report, compared by `claimdiff check`.\n"
    "# Regenerate (accept the current state) with:\n"
    "#   claimdiff baseline OUT -o FILE    or    claimdiff check OUT --baseline FILE --update-baseline\n"
)

Item = dict[str, Any]


def load_report(out: str | Path) -> dict[str, Any]:
    """The claimdiff.json document of a report folder (or the file itself)."""
    p = Path(out)
    path = p / "claimdiff.json" if p.is_dir() else p
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportFolderError(
            "no claimdiff.json here: run `claimdiff report` first", path=str(path)
        ) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ReportFolderError(f"cannot read claimdiff.json: {e}", path=str(path)) from None
    if not isinstance(doc, dict) or not all(isinstance(doc.get(k, []), list) for k in KINDS):
        raise ReportFolderError("not a claimdiff.json document", path=str(path))
    return doc


def fingerprint(item: Mapping[str, Any], skip: Sequence[str] = ("id", "fp")) -> str:
    body = {k: v for k, v in item.items() if k not in skip}
    raw = json.dumps(body, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha1(raw).hexdigest()[:12]


def _cut(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1].rstrip() + "…"


def _casualty(c: Mapping[str, Any]) -> str:
    high = "+" if c.get("high") is None else c["high"]
    return f"{c.get('category')} {c.get('low')}-{high} {c.get('group') or ''}".rstrip()


def article_local(source_id: str | None, article_id: str | None) -> str | None:
    """``source_id`` with its article's id replaced by ``@article``.

    Sources known only within one article (anonymous officials, an outlet
    without a name) carry their article's id or its tail in their id, and an
    article's id changes with any edit to its text. Comparing these ids raw
    would call every such claim in an edited article a changed attribution.
    """
    if not source_id or not article_id:
        return source_id
    out = re.sub(rf"(?<![0-9A-Za-z]){re.escape(article_id)}(?![0-9A-Za-z])", "@article", source_id)
    tail = article_id[-8:]
    if len(tail) == 8:
        out = re.sub(rf"(?<![0-9A-Za-z]){re.escape(tail)}(?![0-9A-Za-z])", "@article", out)
    return out


def relative_paths(paths: Sequence[str | None]) -> list[str | None]:
    """Article paths relative to the folder they share, in POSIX form.

    The same corpus read from another checkout or temp folder keeps its keys.
    """
    real = [PurePosixPath(p.replace("\\", "/")) for p in paths if p]
    if not real:
        return list(paths)  # type: ignore[arg-type]
    parents = [str(p.parent) for p in real]
    try:
        common = (
            PurePosixPath(os.path.commonpath(parents))
            if len(set(parents)) > 1
            else PurePosixPath(parents[0])
        )
    except ValueError:  # a mix of absolute and relative paths
        common = PurePosixPath("")
    out: list[str | None] = []
    for p in paths:
        if not p:
            out.append(p)
            continue
        pp = PurePosixPath(p.replace("\\", "/"))
        try:
            out.append(str(pp.relative_to(common)))
        except ValueError:
            out.append(str(pp))
    return out


def from_report(doc: Mapping[str, Any]) -> dict[str, list[Item]]:
    """The baseline entries of a claimdiff.json document, each kind sorted by id."""
    arts = doc.get("articles", [])
    rel = relative_paths([a.get("path") for a in arts])
    articles = []
    for a, path in zip(arts, rel, strict=True):
        item: Item = {
            "id": a["id"],
            "path": path,
            "row": a.get("row"),
            "title": _cut(a.get("title")),
            "outlet": a.get("outlet"),
            "text_sha1": hashlib.sha1((a.get("text") or "").encode("utf-8")).hexdigest()[:12],
        }
        articles.append(item)
    claims = []
    for c in doc.get("claims", []):
        full = " … ".join(s.get("text", "") for s in c.get("content", []))
        item = {
            "id": c["id"],
            "article": c.get("article_id"),
            "source": article_local(c.get("source_id"), c.get("article_id")),
            "channel": article_local(c.get("channel_id"), c.get("article_id")),
            "form": c.get("form"),
            "cue": (c.get("cue") or {}).get("text"),
            "text": _cut(full),
            "hedged": bool(c.get("hedged")),
            "casualties": sorted(_casualty(x) for x in c.get("casualties", [])),
            "roles": sorted(f"{r.get('role')}:{r.get('actor_party')}" for r in c.get("roles", [])),
        }
        item["fp"] = fingerprint(
            {**item, "text": " ".join(full.split())}, skip=("id", "article", "fp")
        )
        claims.append(item)
    incidents = []
    for i in doc.get("incidents", []):
        item = {
            "id": i["id"],
            "title": _cut(i.get("title")),
            "claims": sorted(i.get("claim_ids", [])),
            "articles": sorted(i.get("article_ids", [])),
            "parties": sorted(i.get("parties", [])),
            "places": sorted(i.get("places", [])),
            "event_types": sorted(i.get("event_types", [])),
            "casualties": sorted(_casualty(x) for x in i.get("casualties", [])),
        }
        incidents.append(item)
    contradictions = []
    for k in doc.get("contradictions", []):
        sides = k.get("sides") or [[], []]
        evidence = k.get("evidence") or [[], []]
        item = {
            "id": k["id"],
            "incident": k.get("incident_id"),
            "type": k.get("type"),
            "relation": k.get("relation"),
            "severity": k.get("severity"),
            "parties": list(k.get("parties") or []),
            "sides": [sorted(s) for s in sides],
            "evidence": [sorted({_cut(e.get("text")) for e in side}) for side in evidence],
            "explanation": _cut(k.get("explanation")),
        }
        contradictions.append(item)
    for item in incidents + contradictions:
        item["fp"] = fingerprint(item, skip=("id", "title", "incident", "fp"))
    for item in articles:
        item["fp"] = fingerprint(item)
    return {
        "articles": sorted(articles, key=lambda x: x["id"]),
        "claims": sorted(claims, key=lambda x: x["id"]),
        "incidents": sorted(incidents, key=lambda x: x["id"]),
        "contradictions": sorted(contradictions, key=lambda x: x["id"]),
    }


class _Flow(list):  # type: ignore[type-arg]
    """A short list written on one line: ``[c-1, c-2]``."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    pass


_Dumper.add_representer(
    _Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)


def _flowed(item: Item) -> Item:
    out: Item = {}
    for k, v in item.items():
        if isinstance(v, list) and all(isinstance(x, str) and len(x) < 40 for x in v):
            v = _Flow(v)
        elif isinstance(v, list) and all(isinstance(x, list) for x in v):
            v = [_Flow(x) if all(len(str(y)) < 40 for y in x) else x for x in v]
        out[k] = v
    return out


def dump_baseline(entries: Mapping[str, list[Item]]) -> str:
    doc: dict[str, Any] = {"baseline_version": BASELINE_VERSION}
    for kind in KINDS:
        doc[kind] = [_flowed(x) for x in entries.get(kind, [])]
    return HEADER + yaml.dump(doc, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def write_baseline(entries: Mapping[str, list[Item]], path: str | Path) -> None:
    atomic_write(Path(path), dump_baseline(entries))


def load_baseline(path: str | Path) -> dict[str, list[Item]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BaselineFileError(
            "baseline file not found: write one with `claimdiff baseline OUT -o FILE`",
            path=str(path),
        ) from None
    except (OSError, UnicodeDecodeError) as e:
        raise BaselineFileError(f"cannot read baseline: {e}", path=str(path)) from None
    try:
        doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise BaselineFileError(
            f"{where}not valid YAML: {getattr(e, 'problem', e)}", path=str(path)
        ) from None
    if not isinstance(doc, dict) or doc.get("baseline_version") != BASELINE_VERSION:
        raise BaselineFileError(
            f"not a claimdiff baseline (expected baseline_version: {BASELINE_VERSION})",
            path=str(path),
        )
    out: dict[str, list[Item]] = {}
    for kind in KINDS:
        items = doc.get(kind) or []
        if not isinstance(items, list) or not all(
            isinstance(x, dict) and isinstance(x.get("id"), str) for x in items
        ):
            raise BaselineFileError(
                f"'{kind}' must be a list of entries with an id", path=str(path)
            )
        out[kind] = [{k: _plain(v) for k, v in x.items()} for x in items]
    return out


def _plain(v: Any) -> Any:
    if isinstance(v, list):
        return [_plain(x) for x in v]
    return v


__all__ = [
    "BASELINE_VERSION",
    "KINDS",
    "dump_baseline",
    "fingerprint",
    "from_report",
    "load_baseline",
    "load_report",
    "relative_paths",
    "write_baseline",
]
