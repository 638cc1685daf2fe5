"""Folder manifests: ``manifest.yaml`` giving metadata for the files beside it.

    articles:
      "000_x.txt": {title: ..., outlet: ..., published: ..., url: ..., id: ..., note: ...}

Keys are file paths relative to the manifest's folder. A manifest that cannot
be read is one error entry (for the manifest's path); its folder is still
read, without it. A bad entry is an error entry too; the other entries apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from ..errors import EmptyInputError, InputFileError, ParseError
from ..models import InputError
from .encoding import decode
from .files import InputFile
from .record import Meta
from .text import metadata_fields, yaml_problem

MANIFEST_NAME = "manifest.yaml"


@dataclass
class ManifestEntry:
    meta: Meta = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class Manifests:
    """Loads each folder's manifest once, the first time a file there is read."""

    def __init__(self) -> None:
        self._loaded: dict[Path, dict[str, ManifestEntry]] = {}

    def entry_for(self, item: InputFile) -> tuple[ManifestEntry, list[InputError]]:
        """The manifest metadata for ``item`` (nearest folder first) and new load errors."""
        errors: list[InputError] = []
        merged = ManifestEntry()
        for folder, shown_folder, relative in item.folders:
            if folder not in self._loaded:
                shown = PurePosixPath(shown_folder, MANIFEST_NAME).as_posix()
                self._loaded[folder], new_errors = load_manifest(folder / MANIFEST_NAME, shown)
                errors.extend(new_errors)
            entry = self._loaded[folder].get(relative)
            if entry is not None:
                merged.meta = {**entry.meta, **merged.meta}  # the nearer manifest wins
                merged.warnings.extend(entry.warnings)
        return merged, errors


def load_manifest(path: Path, shown: str) -> tuple[dict[str, ManifestEntry], list[InputError]]:
    """Entries by relative POSIX path; a missing manifest is simply empty."""
    if not path.is_file():
        return {}, []
    try:
        text, _ = decode(path.read_bytes())
    except EmptyInputError:
        return {}, []
    except InputFileError as e:
        return {}, [InputError(shown, f"manifest: {e.reason}", e.code)]
    except OSError as e:
        return {}, [
            InputError(shown, f"manifest cannot be read: {e.strerror}", InputFileError.code)
        ]
    try:
        loaded: Any = yaml.load(text, Loader=yaml.BaseLoader)  # all scalars stay strings
    except yaml.YAMLError as e:
        return {}, [InputError(shown, yaml_problem(e, what="manifest"), ParseError.code)]
    articles = loaded.get("articles") if isinstance(loaded, dict) else None
    if not isinstance(articles, dict):
        reason = "manifest must be a mapping with an 'articles' mapping of file name -> metadata"
        return {}, [InputError(shown, reason, ParseError.code)]
    entries: dict[str, ManifestEntry] = {}
    errors: list[InputError] = []
    for name, values in articles.items():
        if values in (None, ""):
            continue
        if not isinstance(values, dict):
            reason = f"manifest entry {name!r} must be a mapping of metadata; ignored"
            errors.append(InputError(shown, reason, ParseError.code))
            continue
        meta, warnings = metadata_fields(values, where=f"{shown} entry {name!r}:")
        entries[PurePosixPath(str(name)).as_posix()] = ManifestEntry(meta, warnings)
    return entries, errors
