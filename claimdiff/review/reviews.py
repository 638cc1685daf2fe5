"""Reviewer verdicts: a YAML file keyed by finding id, edited by people and by
``claimdiff review``.

    version: 1
    reviews:
      k-d1e46efc3164:
        status: confirmed          # confirmed | dismissed | needs-review
        note: Both sides quoted as published.
        reviewer: ana
        date: '2026-11-22'

Verdicts live outside any run's output, so re-running a report never touches
them. A verdict whose finding is gone is *orphaned*: reported, and kept. The
file is read strictly (a typo is an error naming the line, never a silent
drop) and written atomically with a backup (``FILE.bak``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from ..errors import ReviewsFileError
from ..models import Verdict
from .atomic import atomic_write, locked

REVIEWS_VERSION = 1
STATUSES: tuple[str, ...] = ("confirmed", "dismissed", "needs-review")
DEFAULT_REVIEWS_FILE = "reviews.yaml"
_FIELDS = ("status", "note", "reviewer", "date")
# libyaml when present: a desk's reviews file can hold many thousands of verdicts.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
HEADER = (
    "# claimdiff reviews: reviewer verdicts keyed by finding id (contradiction, claim or incident).\n"
    "# status: confirmed | dismissed | needs-review. Edit by hand, or with\n"
    "#   claimdiff review ID --status STATUS --note TEXT [--reviewer NAME] [--reviews FILE]\n"
    "# A verdict whose finding no longer appears is reported as orphaned and kept.\n"
)


def load_reviews(path: str | Path) -> dict[str, Verdict]:
    """The verdicts in ``path`` by finding id; ``{}`` when the file does not exist.

    Raises ReviewsFileError naming the file and line for anything malformed.
    """
    path = Path(path)
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewsFileError(f"cannot read reviews file: {e}", path=str(path)) from None
    return parse_reviews(text, str(path))


def parse_reviews(text: str, name: str = "<reviews>") -> dict[str, Verdict]:
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        problem = getattr(e, "problem", None) or str(e)
        raise ReviewsFileError(f"{where}not valid YAML: {problem}", path=name) from None
    if root is None:
        return {}

    def fail(node: yaml.Node, msg: str) -> ReviewsFileError:
        return ReviewsFileError(f"line {node.start_mark.line + 1}: {msg}", path=name)

    if not isinstance(root, yaml.MappingNode):
        raise fail(root, "expected a mapping with 'version' and 'reviews'")
    top = _mapping(root, fail, "top level")
    for key in top:
        if key not in ("version", "reviews"):
            raise fail(top[key][0], f"unknown key {key!r} (expected 'version' and 'reviews')")
    if "version" in top:
        vnode = top["version"][1]
        if not isinstance(vnode, yaml.ScalarNode) or vnode.value != str(REVIEWS_VERSION):
            raise fail(
                vnode, f"unsupported reviews file version (this claimdiff reads {REVIEWS_VERSION})"
            )
    if "reviews" not in top:
        return {}
    rnode = top["reviews"][1]
    if isinstance(rnode, yaml.ScalarNode) and rnode.tag.endswith(":null"):
        return {}
    if not isinstance(rnode, yaml.MappingNode):
        raise fail(rnode, "'reviews' must be a mapping of finding id -> verdict")
    out: dict[str, Verdict] = {}
    for fid, (knode, vnode) in _mapping(rnode, fail, "reviews").items():
        if not fid.strip():
            raise fail(knode, "empty finding id")
        if not isinstance(vnode, yaml.MappingNode):
            raise fail(
                vnode, f"verdict for {fid!r} must be a mapping with status, note, reviewer, date"
            )
        fields = _mapping(vnode, fail, fid)
        values: dict[str, str] = {}
        for key, (k, v) in fields.items():
            if key not in _FIELDS:
                raise fail(
                    k,
                    f"unknown field {key!r} in verdict for {fid!r} (expected {', '.join(_FIELDS)})",
                )
            if not isinstance(v, yaml.ScalarNode):
                raise fail(v, f"{key!r} of {fid!r} must be text")
            values[key] = "" if v.tag.endswith(":null") else v.value
        if "status" not in values:
            raise fail(vnode, f"verdict for {fid!r} has no status")
        if values["status"] not in STATUSES:
            raise fail(
                fields["status"][1],
                f"status {values['status']!r} of {fid!r} is not one of {', '.join(STATUSES)}",
            )
        out[fid] = Verdict(
            finding_id=fid,
            status=values["status"],
            note=values.get("note", ""),
            reviewer=values.get("reviewer", ""),
            date=values.get("date", ""),
        )
    return out


def _mapping(node: yaml.MappingNode, fail, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:  # type: ignore[no-untyped-def]
    seen: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            raise fail(k, f"keys in {what} must be text")
        if k.value in seen:
            # PyYAML keeps the last duplicate silently; a reviewer's verdict must not vanish that way.
            raise fail(
                k,
                f"duplicate key {k.value!r} in {what} (first on line {seen[k.value][0].start_mark.line + 1})",
            )
        seen[k.value] = (k, v)
    return seen


def dump_reviews(verdicts: Iterable[Verdict]) -> str:
    """The file text: header, then verdicts sorted by id, fields in a fixed order."""
    body = {
        v.finding_id: {"status": v.status, "note": v.note, "reviewer": v.reviewer, "date": v.date}
        for v in sorted(verdicts, key=lambda v: v.finding_id)
    }
    doc = {"version": REVIEWS_VERSION, "reviews": body}
    return HEADER + yaml.dump(
        doc,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )


def save_reviews(path: str | Path, verdicts: Iterable[Verdict]) -> None:
    """Write the reviews file atomically, keeping the previous version as ``FILE.bak``."""
    atomic_write(Path(path), dump_reviews(verdicts), backup=True)


def set_verdict(
    path: str | Path,
    finding_id: str,
    status: str,
    note: str | None = None,
    reviewer: str | None = None,
    date: str | None = None,
) -> Verdict:
    """Add or change the verdict on ``finding_id`` in the reviews file and return it.

    A note or reviewer not given is kept from an existing verdict. The file
    is read strictly first: a malformed file raises and is left as it is.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
    if not finding_id.strip():
        raise ValueError("finding id must not be empty")
    with locked(Path(path)):  # another review run must not save in between
        verdicts = load_reviews(path)
        old = verdicts.get(finding_id)
        v = Verdict(
            finding_id=finding_id,
            status=status,
            note=note if note is not None else (old.note if old else ""),
            reviewer=reviewer if reviewer is not None else (old.reviewer if old else ""),
            date=date or dt.date.today().isoformat(),
        )
        verdicts[finding_id] = v
        save_reviews(path, verdicts.values())
    return v


def orphaned(verdicts: Mapping[str, Verdict], finding_ids: Iterable[str]) -> list[Verdict]:
    """Verdicts whose finding is not among ``finding_ids``, sorted by id. They are kept, not dropped."""
    present = set(finding_ids)
    return [v for fid, v in sorted(verdicts.items()) if fid not in present]


def finding_ids(doc: Mapping) -> set[str]:  # type: ignore[type-arg]
    """Every id a verdict may be keyed by in a claimdiff.json document."""
    return {
        item["id"]
        for key in ("contradictions", "claims", "incidents", "articles")
        for item in doc.get(key, [])
    }


__all__ = [
    "DEFAULT_REVIEWS_FILE",
    "REVIEWS_VERSION",
    "STATUSES",
    "dump_reviews",
    "finding_ids",
    "load_reviews",
    "orphaned",
    "parse_reviews",
    "save_reviews",
    "set_verdict",
]
