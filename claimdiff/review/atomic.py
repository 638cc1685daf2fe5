"""Durable, atomic file writes for files people edit (reviews, baselines).

The data goes to a temp file in the same folder, is fsynced, and replaces the
target with ``os.replace``; the folder is fsynced after the rename. A process
killed at any moment leaves either the old file or the new one, never a mix.
Unlike the report's page writer (which skips fsync: a lost report is re-run),
these files hold a person's work, so durability is worth the cost.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def atomic_write(
    path: Path, data: str | bytes, *, backup: bool = False, durable: bool = True
) -> None:
    """Write ``data`` (str as UTF-8) to ``path`` atomically and durably.

    With ``backup``, the file being replaced is first copied (atomically too)
    to ``path.bak``, so one bad edit can be undone by hand. ``durable=False``
    skips the fsyncs (the report's pages: regenerated, not recovered).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    mode: int | None = None
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if backup:
            _replace_with(backup_path(path), path.read_bytes(), mode, durable)
    _replace_with(path, raw, mode, durable)


def _replace_with(path: Path, raw: bytes, mode: int | None, durable: bool = True) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)  # keep the permissions of the file being replaced
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    if durable:
        _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for a read-modify-write of ``path``.

    Two ``claimdiff review`` runs at once (two reviewers, or a script) would
    otherwise both read the old file and the second save would drop the
    first one's verdict. The lock is ``flock`` on a hidden ``.FILE.lock`` beside
    the file (left in place: removing it would race); it is released when the
    process ends, however it ends. Where there is no ``fcntl`` (Windows) the
    block runs unlocked.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o666)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


__all__ = ["atomic_write", "backup_path", "locked"]
