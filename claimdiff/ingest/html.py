"""``.html`` / ``.htm`` pages: the article's main text and the page's metadata.

trafilatura finds the main text (dropping navigation, footers, share
buttons) and reads title, site name and canonical URL from the markup; it
never fetches anything when given the page itself. ``published`` is read
here, only from explicit publication-date markup (meta tags, JSON-LD,
``<time pubdate>``): trafilatura's date finder also searches the page text,
and a date in the text is not necessarily the article's.

When trafilatura finds no main text (or cannot be imported) the visible text
of ``<body>`` is used instead, with a warning.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
from lxml import etree

from ..errors import EmptyInputError, ParseError
from .encoding import decode, encoding_warnings
from .metadata import clean_value
from .record import Meta, Record

# Publication-date markup, most specific first; matched against a meta tag's
# property, name or itemprop, lower-cased.
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
)
_TITLE_META = ("og:title", "twitter:title")
_SITE_META = ("og:site_name", "application-name")
_URL_META = ("og:url",)

# Not rendered, so not text a reader sees.
_HIDDEN_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
# Elements that start a new line when a browser renders them.
_BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table",
    "td", "th", "tr", "ul",
)  # fmt: skip
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def read_html_file(data: bytes, path: str) -> Record:
    declared = _CHARSET.search(data[:4096])
    text, encoding = decode(data, declared=declared.group(1).decode("ascii") if declared else None)
    # lxml refuses str input that carries an XML encoding declaration.
    markup = _XML_DECLARATION.sub("", text)
    try:
        tree = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError) as e:
        raise ParseError(f"not parseable as HTML: {e}") from None

    warnings = encoding_warnings(encoding)
    page = _markup_metadata(tree)
    body_text, extracted = _main_text(markup, warnings)
    # trafilatura's title is cleaner ("X | Site" -> "X"); for the rest the
    # explicit markup wins over what trafilatura derives (a host name as site).
    page = {**extracted, **page, **({"title": extracted["title"]} if "title" in extracted else {})}
    if not body_text:
        body_text = visible_text(tree)
        if not body_text:
            raise EmptyInputError("the page has no visible text")
        warnings.append("no main article text found; used all visible text of the page")
    return Record(path=path, text=body_text, page=page, warnings=warnings)


def _main_text(markup: str, warnings: list[str]) -> tuple[str, Meta]:
    """trafilatura's main text and metadata; ``("", {})`` when it finds none."""
    try:
        import trafilatura
    except ImportError as e:  # e.g. lxml without lxml_html_clean
        warnings.append(f"trafilatura is not usable ({e})")
        return "", {}
    try:
        doc: Any = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # noqa: BLE001 - a third-party parser; fall back, never crash
        warnings.append(f"trafilatura failed ({type(e).__name__}: {e})")
        return "", {}
    if doc is None:
        return "", {}
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    meta: Meta = {}
    for field_name, key in (("title", "title"), ("outlet", "sitename"), ("url", "url")):
        if (value := clean_value(get(key))) is not None:
            meta[field_name] = value
    return (get("text") or "").strip(), meta


def _markup_metadata(tree: lxml.html.HtmlElement) -> Meta:
    """Title, site name, URL and publication date stated in the page's markup."""
    metas: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content and content.strip() and key not in metas:
            metas[key] = content.strip()
    page: Meta = {}
    title = _first(metas, _TITLE_META) or _clean_title(tree.findtext(".//title"))
    site = _first(metas, _SITE_META)
    url = _canonical(tree) or _first(metas, _URL_META)
    published = _first(metas, _DATE_META) or _time_pubdate(tree) or _json_ld_date(tree)
    for key, value in (("title", title), ("outlet", site), ("url", url), ("published", published)):
        if value:
            page[key] = value
    return page


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((metas[k] for k in keys if k in metas), None)


def _clean_title(title: str | None) -> str | None:
    collapsed = " ".join((title or "").split())
    return collapsed or None


def _canonical(tree: lxml.html.HtmlElement) -> str | None:
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and el.get("href"):
            return str(el.get("href")).strip()
    return None


def _time_pubdate(tree: lxml.html.HtmlElement) -> str | None:
    for el in tree.iter("time"):
        if el.get("datetime") and (
            el.get("pubdate") is not None or el.get("itemprop") == "datePublished"
        ):
            return str(el.get("datetime"))
    return None


def _json_ld_date(tree: lxml.html.HtmlElement) -> str | None:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue  # broken JSON-LD is common; it is only a hint
        found = _find_key(data, "datePublished")
        if found:
            return found
    return None


def _find_key(data: Any, key: str) -> str | None:
    """``key``'s value in JSON-LD: top level, a list of objects, or an ``@graph``."""
    if isinstance(data, list):
        return next((v for item in data if (v := _find_key(item, key))), None)
    if isinstance(data, dict):
        if isinstance(data.get(key), str):
            return str(data[key])
        return _find_key(data.get("@graph"), key)
    return None


def visible_text(tree: lxml.html.HtmlElement) -> str:
    """The text of ``<body>`` as a browser would lay it out: one line per block."""
    bodies = tree.xpath("//body")
    if not bodies:
        return ""
    body = bodies[0]
    for el in list(body.iter(*_HIDDEN_TAGS)):
        el.drop_tree()  # keeps the element's tail text
    for el in body.iter(*_BLOCK_TAGS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    # Collapse HTML whitespace as a browser does; U+00A0 is not HTML whitespace.
    lines = (
        re.sub(r"[ \t\r\f]+", " ", line).strip(" ") for line in body.text_content().split("\n")
    )
    return "\n".join(line for line in lines if line)
