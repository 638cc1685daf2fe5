"""Which files a list of input paths stands for, in a fixed order."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import InputFileError, UnsupportedFormatError
from ..models import InputError

SUPPORTED_SUFFIXES: tuple[str, ...] = (
    ".txt", ".md", ".html", ".htm", ".csv", ".jsonl", ".json", ".parquet",
)  # fmt: skip


@dataclass(frozen=True)
class InputFile:
    """A file to read.

    ``shown`` is its path as the user wrote it, or joined onto the folder
    they wrote ("corpora/seeds" -> "corpora/seeds/000.txt"): that is the
    path reports and error entries show. ``folders`` are the folders whose
    ``manifest.yaml`` may describe it, nearest first, each with ``shown``'s
    form of the folder and the file's path relative to it.
    """

    shown: str
    fs_path: Path
    folders: tuple[tuple[Path, str, str], ...]

    @property
    def suffix(self) -> str:
        return self.fs_path.suffix.lower()


def expand(paths: Sequence[str | Path]) -> Iterator[InputFile | InputError]:
    """Files (and errors for unusable paths) in the order given.

    A folder is walked recursively in sorted order (by path components, so a
    folder's files stay together); there only supported files are taken, and
    hidden files and folders are skipped. A file reached twice is read once.
    """
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        shown = path.as_posix()
        if path.is_dir():
            candidates = list(_walk(path))
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                yield InputError(shown, _unsupported(path), UnsupportedFormatError.code)
                continue
            folder = (path.parent, PurePosixPath(shown).parent.as_posix(), path.name)
            candidates = [InputFile(shown, path, (folder,))]
        elif path.exists() or path.is_symlink():
            yield InputError(shown, "not a regular file or folder", InputFileError.code)
            continue
        else:
            yield InputError(shown, "no such file or folder", InputFileError.code)
            continue
        for candidate in candidates:
            key = candidate.fs_path.resolve()
            if key not in seen:
                seen.add(key)
                yield candidate


def _walk(root: Path) -> Iterator[InputFile]:
    found: list[tuple[tuple[str, ...], Path]] = []
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            fs_path = Path(folder, name)
            found.append((fs_path.relative_to(root).parts, fs_path))
    for parts, fs_path in sorted(found):
        shown = PurePosixPath(root.as_posix(), *parts)
        # Every folder from the file's own up to the root given may hold a manifest.
        folders = tuple(
            (root.joinpath(*parts[:depth]), PurePosixPath(root.as_posix(), *parts[:depth]).as_posix(),
             PurePosixPath(*parts[depth:]).as_posix())
            for depth in range(len(parts) - 1, -1, -1)
        )  # fmt: skip
        yield InputFile(shown.as_posix(), fs_path, folders)


def _unsupported(path: Path) -> str:
    kind = f"file type '{path.suffix}'" if path.suffix else "a file without an extension"
    return f"unsupported: {kind}; supported: {', '.join(SUPPORTED_SUFFIXES)}"
