"""Loading and validating the rules (the packaged rules/ files, a project's settings over them): rule switches, severities, options, lexicons."""
from __future__ import annotations

import hashlib
import json
import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar

from .model import Severity
from .patterns import PatternError, rule_regex  # noqa: F401  (rule_regex is imported from here too)


T = TypeVar("T")


class ConfigError(Exception):
    """A rule file is unreadable or holds an unknown key or a bad value; the message names both."""


@dataclass(frozen=True)
class RuleSpec:
    """What a check kind declares about one rule: its ID, kind, default severity and options."""

    id: str
    kind: str
    default_severity: Severity
    description: str
    options: Mapping[str, Any] = field(default_factory=dict)  # name -> default (type from default)


@dataclass(frozen=True)
class RuleSettings:
    """A rule as configured: switched on or off, its severity and its option values."""

    id: str
    kind: str
    enabled: bool
    severity: Severity
    options: Mapping[str, Any]


@dataclass(frozen=True)
class LexiconSpec:
    """The shape of one lexicon section.

    shape "aliases": any key -> list of strings (canonical -> variants)
    shape "mapping": any key -> string
    shape "fields":  the keys in `fields` only, each with the default's type
    """

    shape: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    regex: bool = False  # every string value must compile as a regular expression


# The lexicon sections a rules directory may hold. Modules that read a section list it here.
LEXICONS: dict[str, LexiconSpec] = {
    "phrases": LexiconSpec("mapping"),  # Traditional/Taiwan phrase -> Simplified (normalise)
    "events": LexiconSpec("aliases"),  # canonical event -> aliases in any script (extract/align)
    "event_phases": LexiconSpec("aliases"),  # phase (end, leave, join, ...) -> verbs
    "metrics": LexiconSpec("aliases"),  # canonical metric -> words
    "metric_scopes": LexiconSpec("aliases"),  # daily/weekly/monthly/annual -> words
    "metric_rules": LexiconSpec(
        "fields",
        {"as_of_publication": [], "publication_window_days": 60, "event_metrics": [], "time_varying": [],
         "deal_metrics": [], "fixed_metrics": [], "background_days": 180, "same_day_drift": 0.0},
    ),
    "entities": LexiconSpec("aliases"),  # canonical organisation -> aliases
    "titles": LexiconSpec("aliases"),  # canonical role -> title words
    "title_rules": LexiconSpec(
        "fields",
        {"exclusive": [], "generic": [], "past_markers": [], "org_suffixes": [], "connectors": []},
    ),
    "names": LexiconSpec(
        "fields",
        {"given": [], "transliteration_chars": "", "not_names": [], "generic_terms": [], "surnames": "", "boundaries": []},
    ),
    "markers": LexiconSpec(
        "fields",
        {"plan": [], "target": [], "estimate": [], "past": [], "report": []},
    ),
    "anchors": LexiconSpec("fields", {"ignore": []}),  # Latin words too generic to anchor a claim
    "boilerplate": LexiconSpec(
        "fields",
        {"line_patterns": [], "stop_patterns": [], "caption_patterns": []},
        regex=True,
    ),
}

_RULE_KEYS = ("enabled", "severity")


@dataclass(frozen=True)
class Suppression:
    """An accepted finding (by fingerprint) or an accepted rule for a path pattern, with why."""

    reason: str
    fingerprint: str = ""
    rule: str = ""
    path: str = ""  # glob pattern
    status: str = "accepted"
    file: str = ""  # rule file it was read from


@dataclass(frozen=True)
class ProjectFile:
    """A project's settings: a factcheck.toml, or the [tool.factcheck] table of a pyproject.toml."""

    path: Path
    label: str  # how messages and `factcheck rules` name it: "factcheck.toml", "pyproject.toml [tool.factcheck]"
    table: Mapping[str, Any]

    @property
    def extend(self) -> bool:
        """Whether the settings extend the packaged rules (the default) or replace them (`extend = false`)."""
        value = self.table.get("extend", True)
        if not isinstance(value, bool):
            raise ConfigError(f"{self.label}: extend must be true or false, got {value!r}")
        return value

    @property
    def folder(self) -> Path:
        return self.path.parent


@dataclass(frozen=True)
class Config:
    """The merged, validated content of every rule file."""

    rules: Mapping[str, RuleSettings]
    lexicon: Mapping[str, Any]
    files: tuple[str, ...] = ()
    digest: str = ""  # hash of the rule files' bytes: part of every cache key
    suppressions: tuple[Suppression, ...] = ()
    origins: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # "rules.<id>" -> files that set it
    _derived: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def derived(self, name: str, build: Callable[["Config"], T]) -> T:
        """What a module builds from this rule set (compiled lexicons, folded keys), built once."""
        if name not in self._derived:
            self._derived[name] = build(self)
        return self._derived[name]

    def __getstate__(self) -> dict:
        # worker processes rebuild what they need rather than receive compiled patterns
        return {**self.__dict__, "_derived": {}}

    def rule(self, rule_id: str) -> RuleSettings:
        return self.rules[rule_id]

    def enabled(self, rule_id: str) -> bool:
        settings = self.rules.get(rule_id)
        return bool(settings and settings.enabled)

    def lex(self, section: str) -> Any:
        spec = LEXICONS[section]
        if spec.shape == "fields":
            return {**spec.fields, **self.lexicon.get(section, {})}
        return self.lexicon.get(section, {})


def packaged_rules() -> Traversable:
    """The default rules, shipped inside the package as factcheck/rules (a link to the
    repository's rules/ folder, their source, which the wheel holds as package data)."""
    return resources.files(__package__) / "rules"


def default_rules_dir() -> Traversable:
    """$FACTCHECK_RULES, else the rules packaged with factcheck (a project's own settings extend
    them: see project.py)."""
    env = os.environ.get("FACTCHECK_RULES")
    return Path(env) if env else packaged_rules()


def read_config(specs: Mapping[str, RuleSpec], rules_dir: Traversable | str | None = None,
                project: ProjectFile | None = None) -> Config:
    """Read every *.toml in the rules directory, then the project's settings, which extend them
    (or replace them, with `extend = false`), against the check kinds' `specs`; raise ConfigError
    naming file and key. `settings.load_config` passes every check kind's spec."""
    layers = _Layers(specs)
    if project is None or project.extend:
        directory = Path(rules_dir) if isinstance(rules_dir, str) else rules_dir or default_rules_dir()
        if not directory.is_dir():
            raise ConfigError(f"{directory}: rules directory not found")
        packaged = directory == packaged_rules()
        for path in sorted((p for p in directory.iterdir() if p.name.endswith(".toml") and p.is_file()),
                           key=lambda p: p.name):
            layers.read_file(path, "packaged" if packaged else str(path))
    if project is not None:
        layers.extend(project)
    return layers.config()


class _Layers:
    """The rule files read so far. Within the rules directory a table may be set once; a project's
    settings extend it: rule keys replaced, lexicon entries added, suppressions appended."""

    def __init__(self, specs: Mapping[str, RuleSpec]) -> None:
        self.specs = specs
        self.rules: dict[str, dict] = {}
        self.lexicon: dict[str, Any] = {}
        self.origins: dict[str, tuple[str, ...]] = {}  # "rules.<id>", "lexicon.<section>" -> files that set it
        self.suppressions: list[Suppression] = []
        self.files: list[str] = []
        self.set_in: dict[str, str] = {}  # table -> the rules directory's file that set it
        self.digest = hashlib.sha256()

    def read_file(self, path: Traversable, label: str) -> None:
        data = _read(path)
        self.digest.update(path.name.encode() + b"\0" + data + b"\0")
        self.files.append(str(path))
        for key, value in _parse_toml(path, data).items():
            if key == "rules":
                for rule_id, body in _table(path, "rules", value).items():
                    self._once(path, f"rules.{rule_id}")
                    self.rules[rule_id] = _rule_body(path, rule_id, body, self.specs)
                    self.origins[f"rules.{rule_id}"] = (label,)
            elif key == "lexicon":
                for section, body in _table(path, "lexicon", value).items():
                    self._once(path, f"lexicon.{section}")
                    self.lexicon[section] = _lexicon_section(path, section, body)
                    self.origins[f"lexicon.{section}"] = (label,)
            elif key == "suppress":
                self.suppressions.extend(_suppressions(path, value))
            else:
                raise ConfigError(f"{path}: unknown top-level key '{key}' (expected rules, lexicon or suppress)")

    def _once(self, path: Traversable, table: str) -> None:
        if table in self.set_in:
            raise ConfigError(f"{path}: [{table}] is also set in {self.set_in[table]}")
        self.set_in[table] = str(path)

    def extend(self, project: ProjectFile) -> None:
        label = project.label
        self.digest.update(b"project\0" + json.dumps(project.table, sort_keys=True, default=str).encode())
        self.files.append(label)
        for key, value in project.table.items():
            if key == "rules":
                for rule_id, body in _table(label, "rules", value).items():
                    self.rules[rule_id] = {**self.rules.get(rule_id, {}), **_rule_body(label, rule_id, body, self.specs)}
                    self._origin(f"rules.{rule_id}", label)
            elif key == "lexicon":
                for section, body in _table(label, "lexicon", value).items():
                    added = _lexicon_section(label, section, body)
                    self.lexicon[section] = _extended(LEXICONS[section], self.lexicon.get(section, {}), added)
                    self._origin(f"lexicon.{section}", label)
            elif key == "suppress":
                self.suppressions.extend(_suppressions(label, value))
            elif key != "extend":
                raise ConfigError(f"{label}: unknown key '{key}' (expected extend, rules, lexicon or suppress)")

    def _origin(self, table: str, label: str) -> None:
        self.origins[table] = (*self.origins.get(table, ()), label)

    def config(self) -> Config:
        return Config(
            rules=_rule_settings(self.rules, self.specs),
            lexicon=self.lexicon,
            files=tuple(self.files),
            digest=self.digest.hexdigest(),
            suppressions=tuple(self.suppressions),
            origins=dict(sorted(self.origins.items())),
        )


def _extended(spec: LexiconSpec, base: Mapping[str, Any], added: Mapping[str, Any]) -> dict[str, Any]:
    """A lexicon section with a project's entries added: aliases and lists grow (each entry once),
    single values are replaced."""
    merged = dict(base)
    for key, value in added.items():
        old = merged.get(key)
        if isinstance(value, list) and isinstance(old, list):
            merged[key] = [*old, *(v for v in value if v not in old)]
        else:
            merged[key] = value
    return merged


def read_toml(path: Path) -> dict:
    """A TOML file's content; ConfigError naming the file when it cannot be read or parsed."""
    return _parse_toml(path, _read(path))


def _read(path: Traversable) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise ConfigError(f"{path}: cannot read: {reason}") from None


def _parse_toml(path: Traversable | str, data: bytes) -> dict:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already ends with "(at line L, column C)"
        raise ConfigError(f"{path}: TOML syntax error: {exc}") from None
    except (RecursionError, MemoryError):  # arrays or tables nested thousands deep
        raise ConfigError(f"{path}: {_deepest(text)} nested too deeply to read") from None


def _deepest(text: str) -> str:
    """Where a TOML text nests deepest, as `key 'name' (line N)` (the key as far as it can be told)."""
    depth, deepest, where = 0, -1, (1, "")
    for number, line in enumerate(text.split("\n"), 1):
        key = _TOML_KEY.match(line)
        for char in line:
            depth += (char in "[{") - (char in "]}")
            if depth > deepest:
                deepest, where = depth, (number, key.group(1) if key else where[1])
    number, key = where
    return f"key '{key}' (line {number})" if key else f"line {number}"


_TOML_KEY = re.compile(r"\s*([^\s=\[\]{}]+)\s*=")


def _table(path: Traversable | str, name: str, value: Any) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table, got {type(value).__name__}")
    return value


def _rule_body(path: Traversable | str, rule_id: str, body: Any, specs: Mapping[str, RuleSpec]) -> dict:
    """A [rules.<id>] table, checked: a known rule, known keys, values of the right type."""
    if rule_id not in specs:
        known = ", ".join(sorted(specs))
        raise ConfigError(f"{path}: [rules.{rule_id}] unknown rule (known: {known})")
    body = _table(path, f"rules.{rule_id}", body)
    _one_rule(path, rule_id, body, specs[rule_id])
    return body


def _rule_settings(raw: Mapping[str, dict], specs: Mapping[str, RuleSpec]) -> dict[str, RuleSettings]:
    return {rule_id: _one_rule(None, rule_id, raw.get(rule_id, {}), spec) for rule_id, spec in sorted(specs.items())}


def _one_rule(path: Traversable | str | None, rule_id: str, body: Mapping[str, Any], spec: RuleSpec) -> RuleSettings:
    enabled = body.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{path}: [rules.{rule_id}] enabled must be true or false")
    severity_text = body.get("severity", spec.default_severity.value)
    try:
        severity = Severity(severity_text)
    except ValueError:
        raise ConfigError(
            f"{path}: [rules.{rule_id}] severity must be error, warning or info, got {severity_text!r}"
        ) from None
    options = dict(spec.options)
    for key, value in body.items():
        if key in _RULE_KEYS:
            continue
        if key not in spec.options:
            allowed = ", ".join([*_RULE_KEYS, *sorted(spec.options)])
            raise ConfigError(f"{path}: [rules.{rule_id}] unknown key '{key}' (allowed: {allowed})")
        options[key] = _typed(path, f"rules.{rule_id}", key, value, spec.options[key])
    return RuleSettings(rule_id, spec.kind, enabled, severity, options)


def _typed(path: Traversable | str | None, table: str, key: str, value: Any, default: Any) -> Any:
    expected = type(default)
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is list:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: [{table}] {key} must be a list of strings")
        return value
    if not isinstance(value, expected) or (expected is not bool and isinstance(value, bool)):
        raise ConfigError(f"{path}: [{table}] {key} must be {expected.__name__}, got {type(value).__name__}")
    # every numeric option is a threshold, tolerance or count: finite and not negative
    if expected in (int, float) and not (math.isfinite(value) and value >= 0):
        raise ConfigError(f"{path}: [{table}] {key} must be a finite number >= 0, got {value}")
    return value


def _lexicon_section(path: Traversable | str, section: str, body: Any) -> Any:
    if section not in LEXICONS:
        known = ", ".join(sorted(LEXICONS))
        raise ConfigError(f"{path}: [lexicon.{section}] unknown lexicon (known: {known})")
    spec = LEXICONS[section]
    body = _table(path, f"lexicon.{section}", body)
    table = f"lexicon.{section}"
    if spec.shape == "aliases":
        for key, value in body.items():
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{path}: [{table}] {key} must be a list of strings")
    elif spec.shape == "mapping":
        for key, value in body.items():
            if not isinstance(value, str):
                raise ConfigError(f"{path}: [{table}] {key} must be a string")
    else:
        for key, value in body.items():
            if key not in spec.fields:
                allowed = ", ".join(sorted(spec.fields))
                raise ConfigError(f"{path}: [{table}] unknown key '{key}' (allowed: {allowed})")
            body[key] = _typed(path, table, key, value, spec.fields[key])
    if spec.regex:
        for key, value in body.items():
            for pattern in value if isinstance(value, list) else [value]:
                try:
                    rule_regex((pattern,))
                except PatternError as exc:
                    raise ConfigError(f"{path}: [{table}] {key}: {exc}") from None
    return body


_SUPPRESS_KEYS = {"fingerprint", "rule", "path", "reason", "status"}


def _suppressions(path: Traversable | str, value: Any) -> list[Suppression]:
    if not isinstance(value, list):
        raise ConfigError(f"{path}: suppress must be an array of tables ([[suppress]])")
    out = []
    for index, entry in enumerate(value, 1):
        where = f"{path}: [[suppress]] #{index}"
        if not isinstance(entry, dict):
            raise ConfigError(f"{where} must be a table")
        unknown = set(entry) - _SUPPRESS_KEYS
        if unknown:
            raise ConfigError(f"{where}: unknown key '{sorted(unknown)[0]}' (allowed: {', '.join(sorted(_SUPPRESS_KEYS))})")
        for key in entry:
            if not isinstance(entry[key], str):
                raise ConfigError(f"{where}: {key} must be a string")
        if not entry.get("reason", "").strip():
            raise ConfigError(f"{where}: reason is required (say why this finding is accepted)")
        if not entry.get("fingerprint") and not entry.get("rule"):
            raise ConfigError(f"{where}: give a fingerprint, or a rule (with an optional path pattern)")
        out.append(
            Suppression(
                reason=entry["reason"].strip(),
                fingerprint=entry.get("fingerprint", ""),
                rule=entry.get("rule", ""),
                path=entry.get("path", ""),
                status=entry.get("status", "accepted"),
                file=str(path),
            )
        )
    return out
