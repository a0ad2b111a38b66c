"""`audit glossary check`: load each glossary and report problems with file and entry."""
from __future__ import annotations

import sys

from .model import GlossaryError


def check_command(files) -> int:
    from . import load_one

    status = 0
    for f in files:
        try:
            g = load_one(f)
        except GlossaryError as e:
            print(f"audit: {e}", file=sys.stderr)
            status = 2
            continue
        print(f"{f}: ok ({len(g.terms)} entries)")
    return status
