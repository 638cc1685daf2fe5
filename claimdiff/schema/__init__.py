"""The JSON Schema of ``claimdiff.json`` and a validator for whole documents.

The schema checks shapes and types. :func:`validate_document` adds what a
JSON Schema cannot say: that every Span's ``text`` is its article's text at
its offsets, that every id a record names exists, and that ids are unique.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "claimdiff.schema.json"
_LISTS = ("articles", "sources", "claims", "incidents", "contradictions")


@cache
def _schema_text() -> str:
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of claimdiff.json schema_version 1."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def validate_document(doc: dict[str, Any]) -> list[str]:
    """Every problem found in a claimdiff.json document; empty when it is valid.

    Each problem is one line that names the item, e.g.
    ``claims[3] (clm-1a2b): source_id 'src-x' is not in sources``.
    """
    problems = _schema_problems(doc)
    if isinstance(doc, dict):
        problems.extend(_semantic_problems(doc))
    return problems


# --- schema -----------------------------------------------------------------


def _schema_problems(doc: Any) -> list[str]:
    try:
        import jsonschema
    except ImportError:
        raise ImportError(
            "validating claimdiff.json needs the 'jsonschema' package: "
            "pip install jsonschema (or pip install 'claimdiff[test]')"
        ) from None
    validator = jsonschema.Draft202012Validator(load_schema())
    problems = []
    errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    for error in errors:
        leaf, message = _explain(error)
        problems.append(f"{_where(doc, list(leaf.absolute_path))}: {message}")
    return problems


def _explain(error: Any) -> tuple[Any, str]:
    """The error to report and its message.

    A oneOf failure's own message repeats the whole instance. For "a Span or
    null" the useful error is the deepest one inside the branches; when every
    branch fails on type alone, say which types were allowed.
    """
    if error.validator not in ("oneOf", "anyOf") or not error.context:
        return error, str(error.message)
    deepest = max(len(e.absolute_path) for e in error.context)
    candidates = [e for e in error.context if len(e.absolute_path) == deepest]
    if all(e.validator == "type" for e in candidates) and deepest == len(error.absolute_path):
        types = sorted({str(e.validator_value) for e in candidates})
        return error, f"{error.instance!r} is not of type {' or '.join(types)}"
    best = min(candidates, key=lambda e: (e.validator == "type", str(e.message)))
    return _explain(best)


def _where(doc: Any, path: list[Any]) -> str:
    """``claims[3] (clm-1a2b).source_mention.start`` for a JSON path."""
    out = ""
    node = doc
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                out += f" ({node['id']})"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "document"


# --- what the schema cannot express ----------------------------------------


def _items(doc: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
    """(label, record) for the dict records of a top-level list."""
    value = doc.get(key)
    if not isinstance(value, list):
        return []
    out = []
    for i, item in enumerate(value):
        if isinstance(item, dict):
            ident = item.get("id")
            out.append((f"{key}[{i}] ({ident})" if isinstance(ident, str) else f"{key}[{i}]", item))
    return out


def _semantic_problems(doc: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    ids: dict[str, set[str]] = {}
    for key in _LISTS:
        seen: set[str] = set()
        for label, item in _items(doc, key):
            ident = item.get("id")
            if not isinstance(ident, str):
                continue
            if ident in seen:
                problems.append(f"{label}: id {ident!r} is used more than once in {key}")
            seen.add(ident)
        ids[key] = seen

    texts = {
        a["id"]: a["text"]
        for _, a in _items(doc, "articles")
        if isinstance(a.get("id"), str) and isinstance(a.get("text"), str)
    }
    claims = {c["id"]: c for _, c in _items(doc, "claims") if isinstance(c.get("id"), str)}

    for label, claim in _items(doc, "claims"):
        problems.extend(_claim_problems(label, claim, texts, ids))
    for label, inc in _items(doc, "incidents"):
        problems.extend(_incident_problems(label, inc, claims, ids))
    for label, con in _items(doc, "contradictions"):
        problems.extend(_contradiction_problems(label, con, claims, texts, ids))
    return problems


def _ref(label: str, field: str, value: Any, known: set[str], where: str) -> list[str]:
    if isinstance(value, str) and value not in known:
        return [f"{label}: {field} {value!r} is not in {where}"]
    return []


def _span_problems(label: str, span: Any, text: str) -> list[str]:
    if not isinstance(span, dict):
        return []
    start, end, got = span.get("start"), span.get("end"), span.get("text")
    if not (isinstance(start, int) and isinstance(end, int) and isinstance(got, str)):
        return []  # the schema has said what is wrong
    if not 0 <= start <= end <= len(text):
        return [f"{label}: offsets {start}:{end} are outside the article text (length {len(text)})"]
    if text[start:end] != got:
        found = text[start:end]
        return [
            f"{label}: text {_short(got)} is not the article text at {start}:{end} ({_short(found)})"
        ]
    return []


def _short(s: str, limit: int = 60) -> str:
    return repr(s if len(s) <= limit else s[: limit - 1] + "…")


def _claim_spans(claim: dict[str, Any]) -> list[tuple[str, Any]]:
    spans: list[tuple[str, Any]] = [
        ("source_mention", claim.get("source_mention")),
        ("cue", claim.get("cue")),
        ("sentence", claim.get("sentence")),
    ]
    for i, s in enumerate(_list(claim.get("content"))):
        spans.append((f"content[{i}]", s))
    for key in ("casualties", "roles", "times", "distances", "weapons"):
        for i, item in enumerate(_list(claim.get(key))):
            if isinstance(item, dict):
                spans.append((f"{key}[{i}].span", item.get("span")))
    return spans


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _claim_problems(
    label: str, claim: dict[str, Any], texts: dict[str, str], ids: dict[str, set[str]]
) -> list[str]:
    problems = _ref(label, "article_id", claim.get("article_id"), ids["articles"], "articles")
    problems += _ref(label, "source_id", claim.get("source_id"), ids["sources"], "sources")
    problems += _ref(label, "channel_id", claim.get("channel_id"), ids["sources"], "sources")
    problems += _ref(label, "incident_id", claim.get("incident_id"), ids["incidents"], "incidents")
    aid = claim.get("article_id")
    text = texts.get(aid) if isinstance(aid, str) else None
    if text is not None:
        for field, span in _claim_spans(claim):
            problems += _span_problems(f"{label}.{field}", span, text)
    return problems


def _incident_problems(
    label: str, inc: dict[str, Any], claims: dict[str, dict[str, Any]], ids: dict[str, set[str]]
) -> list[str]:
    problems: list[str] = []
    for cid in _list(inc.get("claim_ids")):
        problems += _ref(label, "claim_ids entry", cid, ids["claims"], "claims")
        claim = claims.get(cid) if isinstance(cid, str) else None
        if claim is not None and claim.get("incident_id") != inc.get("id"):
            problems.append(
                f"{label}: lists claim {cid!r}, whose incident_id is {claim.get('incident_id')!r}"
            )
    for aid in _list(inc.get("article_ids")):
        problems += _ref(label, "article_ids entry", aid, ids["articles"], "articles")
    for sid in _list(inc.get("source_ids")):
        problems += _ref(label, "source_ids entry", sid, ids["sources"], "sources")
    return problems


def _contradiction_problems(
    label: str,
    con: dict[str, Any],
    claims: dict[str, dict[str, Any]],
    texts: dict[str, str],
    ids: dict[str, set[str]],
) -> list[str]:
    problems = _ref(label, "incident_id", con.get("incident_id"), ids["incidents"], "incidents")
    sides = [s if isinstance(s, list) else [] for s in _list(con.get("sides"))]
    for i, side in enumerate(sides):
        for cid in side:
            problems += _ref(label, f"sides[{i}] entry", cid, ids["claims"], "claims")
    for i, side in enumerate(_list(con.get("evidence"))):
        for j, ev in enumerate(_list(side)):
            if not isinstance(ev, dict):
                continue
            where = f"{label}.evidence[{i}][{j}]"
            aid, cid = ev.get("article_id"), ev.get("claim_id")
            problems += _ref(where, "article_id", aid, ids["articles"], "articles")
            problems += _ref(where, "claim_id", cid, ids["claims"], "claims")
            claim = claims.get(cid) if isinstance(cid, str) else None
            if claim is not None and isinstance(aid, str) and claim.get("article_id") != aid:
                problems.append(
                    f"{where}: claim {cid!r} is in article {claim.get('article_id')!r}, not {aid!r}"
                )
            if i < len(sides) and isinstance(cid, str) and cid not in sides[i]:
                problems.append(f"{where}: claim {cid!r} is not on side {i}")
            text = texts.get(aid) if isinstance(aid, str) else None
            if text is not None:
                problems += _span_problems(where, ev, text)
    return problems


__all__ = ["SCHEMA_FILE", "load_schema", "validate_document"]
