"""The answer store: atomic writes, private text kept apart and owner-only."""

from __future__ import annotations

import json
import multiprocessing
import stat
import time

import pytest
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
        "ch01-quiz-a": {"choice": "healthy"},
        "ch01-quiz-b": {"choice": "tactic"},
    }
    assert store.answers_path("ch01").parent == answer_dirs[0]


def _saver(folder, prefix, count):
    import os

    os.environ["TRUST_COURSE_ANSWERS_DIR"] = str(folder)
    for i in range(count):
        store.save("ch01", f"{prefix}-{i}", {"choice": "x"})


def test_two_processes_saving_at_once_keep_every_answer(tmp_path):
    workers = [multiprocessing.Process(target=_saver, args=(tmp_path, name, 200)) for name in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    assert len(store.load(tmp_path / "ch01.answers.json")) == 400


def test_a_file_that_cannot_be_read_is_set_aside_never_overwritten(tmp_path):
    path = tmp_path / "ch01.answers.json"
    for damaged in [b'{"a": {"choice": "x"},}', b"\x00garbage", b"[1, 2]"]:
        path.write_bytes(damaged)
        with pytest.raises(store.Unreadable):
            store.load(path)
        assert store.read(path) == {}
        notice = store.update(path, "b", {"choice": "y"})
        kept = store.set_aside_files(path)[-1]
        assert kept.read_bytes() == damaged and kept.name in notice
        assert store.load(path) == {"b": {"choice": "y"}}
    assert len(store.set_aside_files(path)) == 3
    assert store.aside_notice(path) and "journal recover" in store.aside_notice(path)


def test_a_byte_order_mark_is_read():
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ch01.answers.json"
        path.write_bytes("\ufeff".encode() + b'{"a": {"choice": "x"}}')
        assert store.load(path) == {"a": {"choice": "x"}}


def test_temporary_files_left_by_a_killed_save_are_removed_by_the_next_save(tmp_path):
    path = tmp_path / "ch01.answers.json"
    store.update(path, "a", {"choice": "x"})
    left = tmp_path / ".ch01.answers.json.abc123.tmp"
    left.write_text('{"private": "half a save"}')
    store.update(path, "b", {"choice": "y"})
    assert not left.exists() and set(store.load(path)) == {"a", "b"}


def test_a_damaged_file_can_be_recovered_leniently():
    assert store.lenient_parse('\ufeff{"a": {"choice": "x"},}'.encode()) == {"a": {"choice": "x"}}
    assert store.lenient_parse(b"\x00\x00") is None


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
