"""The answer store: atomic writes, private text kept apart and owner-only."""
from __future__ import annotations

import json
import multiprocessing
import stat
import time

from trust_course import store


def _reader(path, seconds, result):
    """Read the file as fast as possible; count reads that are not whole JSON."""
    reads = corrupt = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        reads += 1
        try:
            json.loads(text)
        except ValueError:
            corrupt += 1
    result.put((reads, corrupt))


def test_atomic_write_is_never_seen_half_written(tmp_path):
    path = tmp_path / "ch01.answers.json"
    store.write_atomic(path, {})
    result = multiprocessing.Queue()
    reader = multiprocessing.Process(target=_reader, args=(path, 2.0, result))
    reader.start()
    writes = 0
    end = time.monotonic() + 2.0
    while time.monotonic() < end:
        big = {f"ch01-quiz-{i}": {"choice": "x" * (writes % 500)} for i in range(200)}
        store.write_atomic(path, big)
        writes += 1
    reader.join()
    reads, corrupt = result.get()
    assert writes > 50 and reads > 100
    assert corrupt == 0
    assert not list(tmp_path.glob("*.tmp")), "temporary files are cleaned up"


def test_truncate_and_write_would_have_been_caught(tmp_path):
    """The concurrent-reader check can fail: a plain rewrite is seen half written."""
    path = tmp_path / "plain.json"
    path.write_text("{}")
    result = multiprocessing.Queue()
    reader = multiprocessing.Process(target=_reader, args=(path, 2.0, result))
    reader.start()
    end = time.monotonic() + 2.0
    while time.monotonic() < end:
        path.write_text(json.dumps({f"k{i}": "x" * 300 for i in range(300)}))
    reader.join()
    assert result.get()[1] > 0


def test_save_and_read_round_trip(answer_dirs):
    store.save("ch01", "ch01-quiz-a", {"choice": "healthy"})
    store.save("ch01", "ch01-quiz-b", {"choice": "tactic"})
    assert store.read(store.answers_path("ch01")) == {
        "ch01-quiz-a": {"choice": "healthy"}, "ch01-quiz-b": {"choice": "tactic"}}
    assert store.answers_path("ch01").parent == answer_dirs[0]


def test_unreadable_file_reads_as_empty(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("{not json")
    assert store.read(bad) == {}
    assert store.read(tmp_path / "missing.json") == {}


def test_with_entry_is_pure():
    before = {"a": {"choice": "x"}}
    after = store.with_entry(before, "b", {"choice": "y"})
    assert before == {"a": {"choice": "x"}}
    assert after == {"a": {"choice": "x"}, "b": {"choice": "y"}}
    assert store.with_entry(after, "a", None) == {"b": {"choice": "y"}}


def test_private_reflection_is_split_from_the_answers_file():
    entry, private = store.split_reflection({"text": "My plan", "shared": False})
    assert entry == {"shared": False, "written": True, "feedback_on": True}
    assert private == "My plan"
    entry, private = store.split_reflection({"text": "My plan", "shared": True, "feedback_on": False})
    assert entry == {"shared": True, "written": True, "feedback_on": False, "text": "My plan"}
    assert private is None


def test_private_store_is_owner_only(answer_dirs):
    store.save_private("ch01-reflect-x", "something personal")
    path = store.private_path()
    assert path.parent == answer_dirs[1]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert store.read(path) == {"ch01-reflect-x": {"text": "something personal"}}
    store.save_private("ch01-reflect-x", None)
    assert store.read(path) == {}


def test_default_private_folder_is_outside_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("TRUST_COURSE_PRIVATE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / ".local" / "share"))
    monkeypatch.chdir(tmp_path)
    assert store.private_path() == tmp_path / "home" / ".local" / "share" / "trust-course" / "private-reflections.json"
