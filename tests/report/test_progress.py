"""The batch progress bar: stderr only, only on a terminal, silenced by --quiet."""
from __future__ import annotations

import io
import sys

from audit.runner import _progress


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal_and_not_when_quiet(monkeypatch):
    items = [1, 2, 3]
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _progress(items, quiet=False) is items  # not a terminal: plain iteration
    tty = FakeTTY()
    monkeypatch.setattr(sys, "stderr", tty)
    assert _progress(items, quiet=True) is items
    assert _progress([1], quiet=False) == [1]  # a single document needs no bar
    bar = _progress(items, quiet=False)
    assert bar is not items and list(bar) == items
    assert "3/3" in tty.getvalue() or "doc" in tty.getvalue()
