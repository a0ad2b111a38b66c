"""The pre-commit hook definition parses and runs `audit run` on .txt/.md files."""
from __future__ import annotations

import re
import shlex

import yaml

from ..conftest import ROOT


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    hook = hooks[0]
    assert hook["id"] == "audit"
    assert hook["entry"] == "audit run"
    assert hook["language"] == "python"
    assert hook["types"] == ["text"]
    files = re.compile(hook["files"])
    for name in ("docs/a.txt", "notes/b.md", "seeds/000_x.txt"):
        assert files.search(name), name
    for name in ("a.txt.bak", "b.mdx", "c.py", "txt"):
        assert not files.search(name), name


def test_pre_commit_entry_accepts_file_arguments(tmp_path, run_cli):
    """pre-commit appends the changed file names to the entry: that must be a valid command."""
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    argv = shlex.split(hook["entry"])
    assert argv[0] == "audit"
    good = tmp_path / "good.txt"
    good.write_text("Secretary of State Antony Blinken met the Joint Chiefs of Staff.\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("They moved to Humphreys Camp .\n", encoding="utf-8")
    gl = tmp_path / "g.toml"
    gl.write_text('[[place]]\nterm = "Camp Humphreys"\nreplaces = ["Humphreys Camp"]\n', encoding="utf-8")
    code, out, err = run_cli(*argv[1:], "-g", gl, "-o", tmp_path / "r", "-q", good)
    assert code == 0, err
    code, out, err = run_cli(*argv[1:], "-g", gl, "-o", tmp_path / "r", "-q", good, bad)
    assert code == 1, err
