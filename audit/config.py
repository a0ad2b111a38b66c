"""Configuration: ``audit.toml`` or ``[tool.audit]`` in ``pyproject.toml``, plus CLI overrides.

Everything is validated into a frozen :class:`AuditConfig` before any check runs.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from .model import Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


class ConfigError(Exception):
    """Invalid configuration; the message names the file and the key."""


DEFAULT_WEIGHTS: Mapping[str, float] = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}


@dataclass(frozen=True)
class AuditConfig:
    select: tuple[str, ...] = ()  # empty = all rules
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # code -> severity override
    fail_on: Severity = Severity.MAJOR
    max_errors: int = 0
    min_score: Optional[float] = None
    weights: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    glossary: tuple[str, ...] = ()
    reference: Optional[str] = None
    options: Mapping[str, Any] = field(default_factory=dict)  # per-family options: {"fuzzy": {"threshold": 88}}
    source: Optional[str] = None  # the file the settings came from

    def option(self, family: str, key: str, default: Any = None) -> Any:
        return self.options.get(family, {}).get(key, default)

    def with_overrides(self, **kw) -> "AuditConfig":
        return replace(self, **{k: v for k, v in kw.items() if v is not None})

    # -- selection (ruff/flake8 style: prefixes and names, most specific wins) --
    def is_selected(self, code: str, name: str = "") -> bool:
        def best(patterns: Iterable[str]) -> int:
            score = -1
            for p in patterns:
                p = p.strip()
                if not p:
                    continue
                if p.upper() == "ALL":
                    score = max(score, 0)
                elif p.lower() == name and name:
                    score = max(score, 100)
                elif code.startswith(p.upper()):
                    score = max(score, len(p))
            return score

        sel = best(self.select) if self.select else 0
        ign = best(self.ignore)
        return sel >= 0 and sel > ign


_KEYS = {
    "select", "ignore", "extend-select", "severity", "fail-on", "max-errors", "min-score",
    "weights", "glossary", "reference", "options",
}


def _as_list(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ConfigError(f"{where}: expected a list of strings")


def from_mapping(data: Mapping[str, Any], source: str, base: Path | None = None) -> AuditConfig:
    """Validate a settings table (the contents of ``[tool.audit]`` or ``audit.toml``)."""
    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{source}: unknown setting(s): {', '.join(sorted(unknown))}")
    kw: dict[str, Any] = {"source": source}
    try:
        if "select" in data:
            kw["select"] = _as_list(data["select"], f"{source}: select")
        if "extend-select" in data:
            kw["select"] = kw.get("select", ()) + _as_list(data["extend-select"], f"{source}: extend-select")
        if "ignore" in data:
            kw["ignore"] = _as_list(data["ignore"], f"{source}: ignore")
        if "severity" in data:
            if not isinstance(data["severity"], dict):
                raise ConfigError(f"{source}: severity must be a table of CODE = \"minor|major|critical\"")
            kw["severity"] = {k.upper(): Severity.parse(v) for k, v in data["severity"].items()}
        if "fail-on" in data:
            kw["fail_on"] = Severity.parse(data["fail-on"])
        if "max-errors" in data:
            v = data["max-errors"]
            if not isinstance(v, int) or v < 0:
                raise ConfigError(f"{source}: max-errors must be a non-negative integer")
            kw["max_errors"] = v
        if "min-score" in data:
            v = data["min-score"]
            if not isinstance(v, (int, float)):
                raise ConfigError(f"{source}: min-score must be a number")
            kw["min_score"] = float(v)
        if "weights" in data:
            w = dict(DEFAULT_WEIGHTS)
            if not isinstance(data["weights"], dict):
                raise ConfigError(f"{source}: weights must be a table")
            for k, v in data["weights"].items():
                Severity.parse(k.split("/")[0])
                if not isinstance(v, (int, float)) or v < 0:
                    raise ConfigError(f"{source}: weight {k!r} must be a non-negative number")
                w[k.lower() if "/" not in k else k.split("/", 1)[0].lower() + "/" + k.split("/", 1)[1]] = float(v)
            kw["weights"] = w
        if "glossary" in data:
            paths = _as_list(data["glossary"], f"{source}: glossary")
            kw["glossary"] = tuple(str((base / p) if base and not Path(p).is_absolute() else p) for p in paths)
        if "reference" in data:
            ref = data["reference"]
            if not isinstance(ref, str):
                raise ConfigError(f"{source}: reference must be a path")
            kw["reference"] = str(base / ref) if base and not Path(ref).is_absolute() else ref
        if "options" in data:
            if not isinstance(data["options"], dict) or not all(isinstance(v, dict) for v in data["options"].values()):
                raise ConfigError(f"{source}: options must be tables per family, e.g. [tool.audit.options.fuzzy]")
            kw["options"] = {k: dict(v) for k, v in data["options"].items()}
    except ValueError as e:
        raise ConfigError(f"{source}: {e}") from None
    return AuditConfig(**kw)


def load_file(path: str | Path) -> AuditConfig:
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{p}: {e.strerror or e}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{p}: TOML syntax error: {e}") from None
    if p.name == "pyproject.toml":
        data = data.get("tool", {}).get("audit", {})
    return from_mapping(data, str(p), p.parent)


def discover(start: str | Path) -> Optional[Path]:
    """The nearest ``audit.toml`` or ``pyproject.toml`` with ``[tool.audit]`` at or above ``start``."""
    p = Path(os.path.abspath(start))
    if not p.is_dir():
        p = p.parent
    for folder in (p, *p.parents):
        cand = folder / "audit.toml"
        if cand.is_file():
            return cand
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                if "audit" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
    return None
