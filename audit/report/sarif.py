"""SARIF 2.1.0 (for code-scanning views such as GitHub's).

One run per call; every document of the batch is an artifact of that run, so a
whole batch uploads as one file (code-scanning services reject several runs of
the same tool and category in one upload).  Columns are Unicode code points
(``columnKind: unicodeCodePoints``), lines and columns 1-based, end columns
exclusive, as the specification defines them.  The JSON is compact (no
indentation: large batches encode several times faster); pretty-print it with
``python -m json.tool`` when reading it by hand.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ..model import Finding, Report, Severity
from .view import LineIndex, accepted_ids, finding_id

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFO_URI = "https://pypi.org/project/audit/"


def level(sev: Severity, fail_on: Severity) -> str:
    """``error`` at or above the gate's severity, ``warning`` below it, ``note`` for neutral."""
    if sev == Severity.NEUTRAL:
        return "note"
    return "error" if sev.rank >= fail_on.rank else "warning"


def artifact_uri(path: str) -> str:
    """A URI reference for a document path: relative paths stay relative (forward
    slashes, percent-encoded); absolute ones become ``file://`` URIs."""
    p = PurePath(path)
    if p.is_absolute():
        return "file://" + quote(p.as_posix(), safe="/._-~")
    return quote(p.as_posix(), safe="/._-~")


def fingerprint(report: Report, f: Finding, paras=None) -> str:
    """Stable across unrelated edits: document stem, rule, matched text, nearby words (the baseline key)."""
    from ..baseline import finding_key

    return hashlib.sha256(json.dumps(finding_key(report, f, paras), ensure_ascii=False).encode()).hexdigest()[:32]


def _rule_descriptors(codes: list[str]) -> list[dict]:
    from ..checks import registry

    registry.load_all()
    out = []
    for code in codes:
        r = registry.RULES.get(code)
        if r is None:
            out.append({"id": code})
            continue
        out.append({
            "id": r.code,
            "name": r.name,
            "shortDescription": {"text": r.summary},
            "fullDescription": {"text": r.summary},
            "help": {"text": r.doc, "markdown": r.doc},
            "defaultConfiguration": {"level": level(r.severity, Severity.MAJOR)},
            "properties": {"tags": [r.family, r.category], "mqm-category": r.category,
                           "severity": r.severity.value, "since": r.since},
        })
    return out


def _region(lines: LineIndex, f: Finding) -> dict:
    line, col, end_line, end_col = lines.span(f.start, f.end)
    return {"startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
            "charOffset": f.start, "charLength": f.end - f.start, "snippet": {"text": f.text}}


def to_dict(reports: list[Report]) -> dict:
    codes = sorted({f.rule for r in reports for f in r.findings})
    rule_index = {c: i for i, c in enumerate(codes)}
    artifacts, results = [], []
    baseline_used = any("baseline" in (r.extra or {}) for r in reports)
    for ai, report in enumerate(reports):
        doc = report.document
        uri = artifact_uri(doc.path)
        art = {"location": {"uri": uri}, "length": len(doc.text)}
        if doc.sha256:
            art["hashes"] = {"sha-256": doc.sha256}
        artifacts.append(art)
        lines = LineIndex(doc.text)
        accepted = accepted_ids(report)
        from ..baseline import paragraph_index

        paras = paragraph_index(report)
        for f in report.findings:
            message = f.message if f.suggestion is None else (
                f"{f.message} Suggestion: {f.suggestion}" if f.suggestion else f"{f.message} Suggestion: remove it.")
            region = _region(lines, f)
            res = {
                "ruleId": f.rule,
                "ruleIndex": rule_index[f.rule],
                "level": level(f.severity, report.fail_on),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {"artifactLocation": {"uri": uri, "index": ai}, "region": region},
                    "logicalLocations": [{"name": f"paragraph {f.paragraph}", "kind": "member"}],
                }],
                "partialFingerprints": {"auditFinding/v1": fingerprint(report, f, paras)},
                "properties": {"severity": f.severity.value, "category": f.category, "paragraph": f.paragraph,
                               "confidence": round(float(f.confidence), 3), "name": f.name},
            }
            if baseline_used:
                res["baselineState"] = "unchanged" if finding_id(f) in accepted else "new"
            if f.suggestion is not None:
                res["fixes"] = [{
                    "description": {"text": f"Replace with {f.suggestion!r}" if f.suggestion else "Remove the text"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri, "index": ai},
                        "replacements": [{"deletedRegion": {"charOffset": f.start, "charLength": f.end - f.start},
                                          "insertedContent": {"text": f.suggestion}}],
                    }],
                }]
            results.append(res)
    run = {
        "tool": {"driver": {"name": "audit", "version": __version__, "semanticVersion": __version__,
                            "informationUri": INFO_URI, "rules": _rule_descriptors(codes)}},
        "columnKind": "unicodeCodePoints",
        "artifacts": artifacts,
        "results": results,
        "properties": {
            "documents": [{"uri": artifact_uri(r.document.path), "score": r.score, "passed": r.passed,
                           "errors": r.errors, "signature": r.signature} for r in reports],
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render_many(reports: list[Report]) -> str:
    return json.dumps(to_dict(list(reports)), ensure_ascii=False, separators=(",", ":")) + "\n"


def render(report: Report) -> str:
    return render_many([report])


def merge(texts: list[str]) -> str:
    """Merge single-run SARIF logs of this tool into one run (rules and artifacts re-indexed)."""
    logs = [json.loads(t) for t in texts]
    if not logs:
        return render_many([])
    runs = [lg["runs"][0] for lg in logs]
    rules: dict[str, dict] = {}
    for run in runs:
        for r in run["tool"]["driver"]["rules"]:
            rules.setdefault(r["id"], r)
    codes = sorted(rules)
    index = {c: i for i, c in enumerate(codes)}
    artifacts, results, documents = [], [], []
    for run in runs:
        offset = len(artifacts)
        artifacts += run["artifacts"]
        documents += run.get("properties", {}).get("documents", [])
        for res in run["results"]:
            res["ruleIndex"] = index[res["ruleId"]]
            for loc in res["locations"]:
                loc["physicalLocation"]["artifactLocation"]["index"] += offset
            for fix in res.get("fixes", ()):
                for ch in fix["artifactChanges"]:
                    ch["artifactLocation"]["index"] += offset
            results.append(res)
    merged = runs[0]
    merged["tool"]["driver"]["rules"] = [rules[c] for c in codes]
    merged["artifacts"] = artifacts
    merged["results"] = results
    merged["properties"] = {"documents": documents}
    return json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [merged]}, ensure_ascii=False, separators=(",", ":")) + "\n"
