"""The reviews file: strict reading (errors name the line), sorted atomic writes
with a backup, orphans kept, and writes that survive being killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from claimdiff.errors import ReviewsFileError
from claimdiff.models import Verdict
from claimdiff.review import (
    atomic_write,
    backup_path,
    dump_reviews,
    load_reviews,
    orphan_report,
    orphaned,
    parse_reviews,
    save_reviews,
    set_verdict,
)

ROOT = Path(__file__).resolve().parents[2]


def test_set_verdict_creates_sorted_file_and_round_trips(tmp_path):
    path = tmp_path / "reviews.yaml"
    set_verdict(
        path,
        "k-2",
        "dismissed",
        note="same event, different wording",
        reviewer="bo",
        date="2026-01-02",
    )
    set_verdict(
        path,
        "c-1",
        "confirmed",
        note="quote: “checked” against the wire",
        reviewer="ana",
        date="2026-01-01",
    )
    text = path.read_text("utf-8")
    assert text.index("c-1:") < text.index("k-2:")  # sorted by id, whatever the order of edits
    got = load_reviews(path)
    assert got == {
        "c-1": Verdict(
            "c-1", "confirmed", "quote: “checked” against the wire", "ana", "2026-01-01"
        ),
        "k-2": Verdict("k-2", "dismissed", "same event, different wording", "bo", "2026-01-02"),
    }
    # The same verdicts always give the same text (reviewable diffs).
    assert dump_reviews(reversed(list(got.values()))) == text


def test_set_verdict_keeps_note_and_reviewer_and_backs_up(tmp_path):
    path = tmp_path / "reviews.yaml"
    set_verdict(
        path,
        "k-1",
        "needs-review",
        note="check the casualty figure",
        reviewer="ana",
        date="2026-01-01",
    )
    before = path.read_text("utf-8")
    v = set_verdict(path, "k-1", "confirmed", date="2026-01-05")
    assert (v.note, v.reviewer, v.status, v.date) == (
        "check the casualty figure",
        "ana",
        "confirmed",
        "2026-01-05",
    )
    assert backup_path(path).read_text("utf-8") == before


def test_set_verdict_defaults_to_today(tmp_path):
    import datetime as dt

    v = set_verdict(tmp_path / "r.yaml", "k-1", "confirmed")
    assert v.date == dt.date.today().isoformat()


def test_unknown_status_is_refused(tmp_path):
    with pytest.raises(ValueError):
        set_verdict(tmp_path / "r.yaml", "k-1", "maybe")
    assert not (tmp_path / "r.yaml").exists()


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            "version: 1\nreviews:\n  k-1:\n    status: confirmed\n    note: [unclosed\n",
            6,
            "not valid YAML",
        ),
        ("version: 1\nreviews:\n  k-1:\n    status: maybe\n", 4, "status 'maybe'"),
        (
            "version: 1\nreviews:\n  k-1:\n    status: confirmed\n    notes: typo\n",
            5,
            "unknown field 'notes'",
        ),
        ("version: 1\nreviews:\n  k-1:\n    note: no status\n", 4, "has no status"),
        (
            "version: 1\nreviews:\n  k-1:\n    status: confirmed\n  k-1:\n    status: dismissed\n",
            5,
            "duplicate key 'k-1'",
        ),
        ("version: 2\nreviews: {}\n", 1, "version"),
        ("- k-1\n- k-2\n", 1, "expected a mapping"),
        ("version: 1\nreviews:\n  - k-1\n", 3, "must be a mapping"),
        ("version: 1\nreviewz: {}\n", 2, "unknown key 'reviewz'"),
        ("version: 1\nreviews:\n  k-1: confirmed\n", 3, "must be a mapping"),
    ],
)
def test_malformed_file_is_an_error_naming_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "reviews.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReviewsFileError) as e:
        load_reviews(path)
    msg = str(e.value)
    assert str(path) in msg and f"line {line}" in msg and words in msg, msg
    assert e.value.code == "E210"


def test_malformed_file_is_never_replaced_by_an_edit(tmp_path):
    path = tmp_path / "reviews.yaml"
    bad = "version: 1\nreviews:\n  k-1:\n    status: confirmed\n    note: 'unclosed\n"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ReviewsFileError):
        set_verdict(path, "k-2", "dismissed")
    assert path.read_text("utf-8") == bad
    assert not backup_path(path).exists()


def test_empty_and_missing_files_have_no_verdicts(tmp_path):
    assert load_reviews(tmp_path / "missing.yaml") == {}
    (tmp_path / "empty.yaml").write_text("", encoding="utf-8")
    assert load_reviews(tmp_path / "empty.yaml") == {}
    assert parse_reviews("version: 1\nreviews:\n") == {}


def test_hand_edited_file_with_unquoted_date_and_comments(tmp_path):
    text = textwrap.dedent(
        """\
        # our desk's verdicts
        version: 1
        reviews:
          k-9:   # the checkpoint clash
            status: needs-review
            date: 2026-03-04
            note: >
              ask the wire desk
        """
    )
    got = parse_reviews(text)
    assert got["k-9"] == Verdict("k-9", "needs-review", "ask the wire desk\n", "", "2026-03-04")


def test_orphans_are_reported_and_kept(tmp_path):
    path = tmp_path / "reviews.yaml"
    save_reviews(path, [Verdict("k-gone", "confirmed", "n"), Verdict("k-here", "dismissed")])
    verdicts = load_reviews(path)
    assert [v.finding_id for v in orphaned(verdicts, {"k-here", "c-1"})] == ["k-gone"]
    rep = orphan_report(verdicts, {"k-here"}, {"k-gone": "k-new"})
    assert rep == [{**Verdict("k-gone", "confirmed", "n").to_json(), "successor": "k-new"}]
    # Editing another verdict keeps the orphan in the file.
    set_verdict(path, "k-here", "confirmed")
    assert set(load_reviews(path)) == {"k-gone", "k-here"}


def test_failed_rename_leaves_the_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "reviews.yaml"
    save_reviews(path, [Verdict("k-1", "confirmed", "original")])
    before = path.read_bytes()

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        set_verdict(path, "k-1", "dismissed", note="new")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [
        p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")
    ] == []  # temp files cleaned up


def test_atomic_write_keeps_permissions(tmp_path):
    path = tmp_path / "reviews.yaml"
    path.write_text("version: 1\n", encoding="utf-8")
    path.chmod(0o640)
    atomic_write(path, "version: 1\nreviews: {}\n", backup=True)
    assert (path.stat().st_mode & 0o777) == 0o640
    assert backup_path(path).read_text("utf-8") == "version: 1\n"


# A child process that writes a large reviews file; the parent kills it.
_CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from claimdiff.models import Verdict
    from claimdiff.review import save_reviews

    path, marker, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    if mode == "pause":
        real_fsync = os.fsync
        def slow_fsync(fd):
            # The temp file is fully written but not yet renamed: signal the parent and wait.
            marker.write_text("writing")
            time.sleep(60)
        os.fsync = slow_fsync
        save_reviews(path, [Verdict(f"c-{i:06d}", "dismissed", "new note " * 20) for i in range(5000)])
    else:
        marker.write_text("looping")
        n = 0
        while True:
            n += 1
            status = "confirmed" if n % 2 else "dismissed"
            save_reviews(path, [Verdict(f"c-{i:06d}", status, "note " * 30) for i in range(5000)])
    """
)


def _spawn(tmp_path: Path, path: Path, mode: str) -> subprocess.Popen:
    marker = tmp_path / "marker"
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(marker), mode], env=env)
    deadline = time.monotonic() + 60
    while not marker.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("child did not start writing")
        time.sleep(0.01)
    return proc


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_mid_write_leaves_the_file_intact(tmp_path):
    path = tmp_path / "reviews.yaml"
    original = [Verdict("k-1", "confirmed", "keep me", "ana", "2026-01-01")]
    save_reviews(path, original)
    before = path.read_bytes()
    proc = _spawn(tmp_path, path, "pause")
    time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert load_reviews(path) == {"k-1": original[0]}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_killed_at_any_moment_leaves_a_whole_file(tmp_path):
    path = tmp_path / "reviews.yaml"
    save_reviews(path, [Verdict(f"c-{i:06d}", "needs-review", "note " * 30) for i in range(5000)])
    proc = _spawn(tmp_path, path, "loop")
    time.sleep(1.5)  # several rewrites of a ~1 MB file
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    got = load_reviews(path)  # parses: never half-written
    assert len(got) == 5000
    assert len({v.status for v in got.values()}) == 1  # one whole version, not a mix


# Two reviewers (processes) recording verdicts on the same file at once.
_REVIEWER = textwrap.dedent(
    """
    import sys
    from claimdiff.review import set_verdict

    path, who, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for i in range(n):
        set_verdict(path, f"k-{who}-{i:03d}", "confirmed", reviewer=who, date="2026-01-01")
    """
)


def test_concurrent_reviews_lose_no_verdict(tmp_path):
    path = tmp_path / "reviews.yaml"
    # a large file makes each read-modify-write slow enough for the runs to overlap
    save_reviews(path, [Verdict(f"c-{i:05d}", "needs-review", "note " * 20) for i in range(3000)])
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    procs = [
        subprocess.Popen([sys.executable, "-c", _REVIEWER, str(path), who, "15"], env=env)
        for who in ("ana", "ben")
    ]
    for p in procs:
        assert p.wait(timeout=300) == 0
    got = load_reviews(path)
    for who in ("ana", "ben"):
        mine = {fid for fid, v in got.items() if v.reviewer == who}
        assert mine == {f"k-{who}-{i:03d}" for i in range(15)}, who
    assert len(got) == 3030
