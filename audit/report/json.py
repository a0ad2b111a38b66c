"""The versioned JSON finding contract (``audit-report/1``); schema in ``audit/schema/``."""
from __future__ import annotations

import json
from json.encoder import encode_basestring

from ..model import Report

SCHEMA = "audit-report/1"


def to_dict(report: Report) -> dict:
    doc = report.document
    paragraphs = []
    for pr in report.paragraphs:
        p = pr.paragraph
        counts = {"minor": 0, "major": 0, "critical": 0}
        for f in pr.findings:
            if f.severity.value in counts:
                counts[f.severity.value] += 1
        item = {
            "id": p.id,
            "start": p.start,
            "end": p.end,
            "words": pr.words,
            "chrome": pr.chrome,
            "findings": len(pr.findings),
            "by_severity": counts,
            "penalty": round(pr.penalty, 4),
            "score": pr.score,
        }
        item.update(pr.extra)
        paragraphs.append(item)
    summary = {
        "errors": report.errors,
        "fail_on": report.fail_on.value,
        "passed": report.passed,
        "findings": len(report.findings),
        "by_severity": dict(report.by_severity),
        "by_category": dict(report.by_category),
        "penalty": report.penalty,
        "evaluated_words": report.evaluated_words,
        "score": report.score,
        "signature": report.signature,
    }
    summary.update(report.extra)
    return {
        "schema": SCHEMA,
        "document": doc.path,
        "sha256": doc.sha256,
        "words": report.words,
        "paragraphs": paragraphs,
        "findings": [f.to_dict() for f in report.findings],
        "summary": summary,
    }


class _Unsupported(Exception):
    pass


_ESC = encode_basestring  # the C escaper that json.dumps(ensure_ascii=False) uses


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return float.__repr__(o)


_INF = float("inf")


def _key(k) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise _Unsupported


def _value(o, ind: str) -> str:
    """``o`` exactly as ``json.dumps(o, ensure_ascii=False, indent=2)`` writes it at
    the nesting whose newline-and-indent is ``ind``; the standard library falls back
    to its pure-Python encoder whenever ``indent`` is set, this is several times faster."""
    if isinstance(o, str):
        return _ESC(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    if isinstance(o, (list, tuple)):
        if not o:
            return "[]"
        inner = ind + "  "
        return "[" + ",".join([inner + _value(v, inner) for v in o]) + ind + "]"
    if isinstance(o, dict):
        if not o:
            return "{}"
        inner = ind + "  "
        items = []
        for k, v in o.items():
            f = _SCALAR.get(type(v))  # exact scalar types: no isinstance chain
            items.append(inner + _ESC(k if type(k) is str else _key(k)) + ": " + (f(v) if f else _value(v, inner)))
        return "{" + ",".join(items) + ind + "}"
    raise _Unsupported


_SCALAR = {
    str: _ESC,
    int: int.__repr__,
    float: _float,
    bool: lambda o: "true" if o else "false",
    type(None): lambda o: "null",
}


def dumps(obj) -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=2)``, byte for byte."""
    try:
        return _value(obj, "\n")
    except _Unsupported:  # anything json would hand to ``default``: let it raise as before
        return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False)


def render(report: Report) -> str:
    return dumps(to_dict(report)) + "\n"
