"""File-system edges: atomic report writing, safe output names."""
from __future__ import annotations

import os

import pytest

from audit import io as aio


def test_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "r" / "doc.json"
    aio.write_atomic(target, "first")
    aio.write_atomic(target, "second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["doc.json"]


def test_interrupted_write_leaves_old_report_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "doc.json"
    aio.write_atomic(target, "old complete report")

    class Boom(KeyboardInterrupt):
        pass

    real_fsync = os.fsync

    def interrupted(fd):  # the data is in the temp file, the rename has not happened
        real_fsync(fd)
        raise Boom()

    monkeypatch.setattr(aio.os, "fsync", interrupted)
    with pytest.raises(Boom):
        aio.write_atomic(target, "new report that never lands" * 1000)
    assert target.read_text() == "old complete report"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.json"]


def test_interrupted_run_keeps_finished_reports_whole(tmp_path, monkeypatch, capsys):
    from audit import report as rep
    from audit.cli import main

    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (docs / name).write_text("1. The ministers met .\n", encoding="utf-8")
    suffix, real = rep.RENDERERS["json"][0], rep.RENDERERS["json"][1]
    calls = {"n": 0}

    def flaky(report):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(report)

    monkeypatch.setitem(rep.RENDERERS, "json", (suffix, flaky) + tuple(rep.RENDERERS["json"][2:]))
    out = tmp_path / "out"
    code = main(["run", str(docs), "-o", str(out), "-f", "json", "--no-glossary", "-q", "-j", "1"])
    assert code == 2
    assert "interrupted" in capsys.readouterr().err
    written = sorted(p.name for p in out.iterdir())
    assert written == ["a.json"], written  # b was interrupted before any file; nothing half-written
    import json

    json.loads((out / "a.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["../../escape.txt", "..\\..\\win.txt", "/etc/passwd.txt", "a/../../b.txt", "index.txt", "CON.txt", ".hidden.txt", "...txt"])
def test_output_stems_cannot_escape(name):
    stems = aio.output_stems([name, "other/" + name])
    for s in stems.values():
        assert "/" not in s and "\\" not in s and s not in ("", ".", "..")
        assert not s.startswith(".")
        assert s.lower() != "index"  # never overwrites the batch index page
    assert len(set(stems.values())) == 2
