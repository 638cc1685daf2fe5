"""``claims.jsonld``: the run's claims as schema.org ``Claim`` items, in JSON-LD.

Each claim is a schema.org ``Claim`` whose ``author`` is the source it is
attributed to and whose ``appearance`` is the article it was read in
(``datePublished`` only where the article gives one: never guessed).
schema.org has no term for two claims that disagree, so contradictions are
``claimdiff:Contradiction`` nodes in a small extension vocabulary, documented
in ``docs/jsonld.md``. Node ids are ``urn:claimdiff:<kind>:<id>`` with the ids
of ``claimdiff.json``, so the two files join on them.

Output is deterministic: items in the order of ``claimdiff.json``, keys
sorted, no timestamps.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from ..models import Article, Claim, Contradiction, RunResult, Source

JSONLD_NAME = "claims.jsonld"
# A URN, not a web address: the vocabulary is defined by docs/jsonld.md and no
# consumer should try to fetch it.
EXTENSION_IRI = "urn:claimdiff:vocab:"
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "claimdiff": EXTENSION_IRI,
    "claimdiff:sideA": {"@type": "@id", "@container": "@list"},
    "claimdiff:sideB": {"@type": "@id", "@container": "@list"},
    "claimdiff:incident": {"@type": "@id"},
    "claimdiff:claim": {"@type": "@id"},
}
# Source kinds that are people; everything else is an organization.
PERSON_KINDS = frozenset({"spokesperson", "person", "official", "witness", "resident"})


def node_id(kind: str, item_id: str) -> str:
    return f"urn:claimdiff:{kind}:{quote(item_id, safe='-._~')}"


def _author(source: Source | None, source_id: str) -> dict[str, Any]:
    if source is None:
        return {"@type": "Organization", "identifier": source_id, "name": source_id}
    return {
        "@type": "Person" if source.kind in PERSON_KINDS else "Organization",
        "@id": node_id("source", source.id),
        "identifier": source.id,
        "name": source.name,
        "claimdiff:party": source.party,
        "claimdiff:kind": source.kind,
    }


def _appearance(a: Article) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "NewsArticle",
        "@id": node_id("article", a.id),
        "identifier": a.id,
        "headline": a.title or a.path,
    }
    if a.url:
        node["url"] = a.url
    if a.outlet:
        node["publisher"] = {"@type": "Organization", "name": a.outlet}
    if a.published:
        node["datePublished"] = a.published
    return node


def claim_node(result: RunResult, c: Claim) -> dict[str, Any]:
    a = result.articles_by_id.get(c.article_id)
    node: dict[str, Any] = {
        "@type": "Claim",
        "@id": node_id("claim", c.id),
        "identifier": c.id,
        "text": c.content_text,
        "author": _author(result.sources_by_id.get(c.source_id), c.source_id),
        "claimdiff:form": c.form,
        "claimdiff:hedged": c.hedged,
    }
    if a is not None:
        node["appearance"] = _appearance(a)
        if a.published:
            node["datePublished"] = a.published
    if c.channel_id:
        node["claimdiff:channel"] = _author(result.sources_by_id.get(c.channel_id), c.channel_id)
    if c.incident_id:
        node["claimdiff:incident"] = node_id("incident", c.incident_id)
    if c.places:
        node["spatialCoverage"] = [{"@type": "Place", "name": p} for p in c.places]
    return node


def contradiction_node(k: Contradiction) -> dict[str, Any]:
    def side(n: int) -> list[str]:
        return [node_id("claim", cid) for cid in (k.sides[n] if n < len(k.sides) else ())]

    return {
        "@type": "claimdiff:Contradiction",
        "@id": node_id("contradiction", k.id),
        "identifier": k.id,
        "claimdiff:relation": k.relation,
        "claimdiff:contradictionType": k.type,
        "claimdiff:severity": k.severity,
        "claimdiff:incident": node_id("incident", k.incident_id),
        "claimdiff:sideA": side(0),
        "claimdiff:sideB": side(1),
        "claimdiff:parties": list(k.parties),
        # Flat, each piece naming its side: JSON-LD 1.0 has no lists of lists.
        "claimdiff:evidence": [
            {
                "@type": "claimdiff:Evidence",
                "claimdiff:side": "AB"[n],
                "claimdiff:claim": node_id("claim", e.claim_id),
                "claimdiff:start": e.span.start,
                "claimdiff:end": e.span.end,
                "text": e.span.text,
            }
            for n in (0, 1)
            for e in (k.evidence[n] if n < len(k.evidence) else ())
        ],
        "description": k.explanation,
    }


def to_jsonld(result: RunResult) -> dict[str, Any]:
    graph = [claim_node(result, c) for c in result.claims]
    graph += [contradiction_node(k) for k in result.contradictions]
    return {"@context": CONTEXT, "@graph": graph}


def jsonld_text(result: RunResult) -> str:
    return json.dumps(to_jsonld(result), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


__all__ = ["CONTEXT", "EXTENSION_IRI", "JSONLD_NAME", "jsonld_text", "to_jsonld"]
