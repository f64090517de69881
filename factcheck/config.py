"""Loading and validating the rule files in rules/: rule switches, severities, options, lexicons."""
from __future__ import annotations

import hashlib
import math
import os
import re
import tomllib
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar

from .model import Severity

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
         "deal_metrics": [], "background_days": 180},
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
class Config:
    """The merged, validated content of every rule file."""

    rules: Mapping[str, RuleSettings]
    lexicon: Mapping[str, Any]
    files: tuple[str, ...] = ()
    digest: str = ""  # hash of the rule files' bytes: part of every cache key
    suppressions: tuple[Suppression, ...] = ()
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


def default_rules_dir() -> Path:
    """$FACTCHECK_RULES, else ./rules, else the rules/ shipped beside the package."""
    env = os.environ.get("FACTCHECK_RULES")
    if env:
        return Path(env)
    local = Path("rules")
    if local.is_dir():
        return local
    return Path(__file__).resolve().parent.parent / "rules"


def load_config(rules_dir: Path | str | None = None) -> Config:
    """Read every *.toml in the rules directory; raise ConfigError naming file and key."""
    from .checks import RULE_SPECS  # the registry imports check modules, which import config

    directory = Path(rules_dir) if rules_dir is not None else default_rules_dir()
    if not directory.is_dir():
        raise ConfigError(f"{directory}: rules directory not found")
    files = sorted(p for p in directory.glob("*.toml") if p.is_file())
    digest = hashlib.sha256()
    rules_raw: dict[str, tuple[Path, dict]] = {}
    lexicon: dict[str, Any] = {}
    lexicon_from: dict[str, Path] = {}
    suppressions: list[Suppression] = []
    for path in files:
        data = _read(path)
        digest.update(path.name.encode() + b"\0" + data + b"\0")
        document = _parse_toml(path, data)
        for key, value in document.items():
            if key == "rules":
                for rule_id, body in _table(path, "rules", value).items():
                    if rule_id in rules_raw:
                        raise ConfigError(f"{path}: [rules.{rule_id}] is also set in {rules_raw[rule_id][0]}")
                    rules_raw[rule_id] = (path, _table(path, f"rules.{rule_id}", body))
            elif key == "lexicon":
                for section, body in _table(path, "lexicon", value).items():
                    if section in lexicon_from:
                        raise ConfigError(f"{path}: [lexicon.{section}] is also set in {lexicon_from[section]}")
                    lexicon[section] = _lexicon_section(path, section, body)
                    lexicon_from[section] = path
            elif key == "suppress":
                suppressions.extend(_suppressions(path, value))
            else:
                raise ConfigError(f"{path}: unknown top-level key '{key}' (expected rules, lexicon or suppress)")
    rules = _rule_settings(rules_raw, RULE_SPECS)
    return Config(
        rules=rules,
        lexicon=lexicon,
        files=tuple(str(p) for p in files),
        digest=digest.hexdigest(),
        suppressions=tuple(suppressions),
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        reason = (exc.strerror or type(exc).__name__).lower()
        raise ConfigError(f"{path}: cannot read: {reason}") from None


def _parse_toml(path: Path, data: bytes) -> dict:
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


def _table(path: Path, name: str, value: Any) -> dict:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: [{name}] must be a table, got {type(value).__name__}")
    return value


def _rule_settings(raw: dict[str, tuple[Path, dict]], specs: Mapping[str, RuleSpec]) -> dict[str, RuleSettings]:
    settings: dict[str, RuleSettings] = {}
    for rule_id, (path, body) in raw.items():
        if rule_id not in specs:
            known = ", ".join(sorted(specs))
            raise ConfigError(f"{path}: [rules.{rule_id}] unknown rule (known: {known})")
    for rule_id, spec in sorted(specs.items()):
        path, body = raw.get(rule_id, (None, {}))
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
        settings[rule_id] = RuleSettings(rule_id, spec.kind, enabled, severity, options)
    return settings


def _typed(path: Path | None, table: str, key: str, value: Any, default: Any) -> Any:
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


def _lexicon_section(path: Path, section: str, body: Any) -> Any:
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


# ---------------------------------------------------------------- rule-file regular expressions


class PatternError(ValueError):
    """A rule file's regular expression that RE2 cannot take; the message quotes it."""


def rule_regex(patterns: tuple[str, ...]) -> Any:
    r"""The rule-file regular expressions `patterns` as one RE2 pattern matching where any of
    them does (None for none), compiled once for the process.

    Every expression that comes from a rules file runs on RE2, whose time is linear in the text
    whatever the pattern: no rule, however written, can make a run hang (`^(a+)+$` takes Python's
    engine years on a line of 40 `a` and a `!`). The expressions are written in Python's syntax
    and keep its meaning where RE2 would read them otherwise: `\d`, `\s` and `\w` (and their
    capitals) are Unicode classes as in Python, `\A` and `\Z` a line's start and end, `{,n}` is
    `{0,n}`, `\uXXXX` a character; `\b` looks at ASCII word characters only. What RE2 lacks (backreferences, lookaround, atomic groups, possessive quantifiers,
    `(?x)`) raises PatternError, and so does a pattern too large or nested too deep. A match never
    spans a newline, so a whole document is searched at once for what the patterns find in its
    lines, and `^` and `$` are the start and end of a line.
    """
    for pattern in patterns:
        _checked(pattern)  # each alone first: the error names the pattern at fault
    return _joined(patterns) if patterns else None


@lru_cache(maxsize=256)
def _checked(pattern: str) -> None:
    """Raise PatternError unless RE2 takes `pattern` as it stands (alone: `a)|(?:b` is refused, though
    it would close and reopen the group it is joined in)."""
    _re2_compile(_for_re2(pattern), pattern)


@lru_cache(maxsize=64)
def _joined(patterns: tuple[str, ...]) -> Any:
    return _re2_compile("(?m)" + "|".join(f"(?:{_for_re2(pattern)})" for pattern in patterns), " | ".join(patterns))


def _re2_compile(source: str, written: str) -> Any:
    import re2  # google-re2

    options = re2.Options()
    options.never_nl = True  # no match spans lines: one search over a document finds each line's
    options.never_capture = True  # groups only group: nothing reads what they captured
    options.log_errors = False  # the error is raised, not also printed
    try:
        return re2.compile(source, options)
    except re2.error as exc:
        python = _python_error(written)  # a pattern Python refuses too: Python's words, which point at the place
        if python:
            raise PatternError(f"invalid regular expression {written!r}: {python}") from None
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise PatternError(f"invalid regular expression {written!r}: {reason} "
                           "(rule patterns run on RE2: no backreferences, lookaround or (?x))") from None
    except (RecursionError, MemoryError, ValueError) as exc:  # ValueError: e.g. a lone surrogate
        raise PatternError(f"invalid regular expression {written[:80]!r}: {type(exc).__name__}") from None


def _python_error(pattern: str) -> str:
    """Python's reason for refusing `pattern` ("" if it takes it). Only parsed, never run."""
    try:
        re.compile(pattern)
    except re.error as exc:
        return str(exc)
    except (RecursionError, MemoryError, ValueError, OverflowError):
        return ""
    return ""


# Python's \s: every character str.isspace() accepts (the last is U+3000)
_PY_SPACE = "".join(f"\\x{{{ord(c):x}}}" for c in map(chr, range(0x3001)) if c.isspace())
_PY_WORD = "\\p{L}\\p{N}_"  # Python's \w: letters, numbers (str.isalnum) and "_"
_OUTSIDE = {"d": "\\p{Nd}", "D": "\\P{Nd}", "s": f"[{_PY_SPACE}]", "S": f"[^{_PY_SPACE}]",
            "w": f"[{_PY_WORD}]", "W": f"[^{_PY_WORD}]",
            "A": "^", "Z": "$", "z": "$"}  # a line's start and end: searched under (?m), see rule_regex
_INSIDE = {"d": "\\p{Nd}", "D": "\\P{Nd}", "s": _PY_SPACE, "w": _PY_WORD}
_CHARACTER = re.compile(r"u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})")


def _for_re2(pattern: str) -> str:
    """A pattern in Python's syntax rewritten where RE2 would read it otherwise (see rule_regex)."""
    out: list[str] = []
    at, in_class = 0, False
    while at < len(pattern):
        char = pattern[at]
        if char == "\\" and at + 1 < len(pattern):
            escaped = pattern[at + 1]
            table = _INSIDE if in_class else _OUTSIDE
            character = _CHARACTER.match(pattern, at + 1)
            if character:
                out.append(f"\\x{{{character.group(1) or character.group(2)}}}")
                at = character.end()
                continue
            if in_class and escaped in "SW":
                raise PatternError(f"invalid regular expression {pattern!r}: \\{escaped} inside [...] "
                                   f"(write [^...] with the other characters, or \\{escaped} outside the class)")
            out.append(table.get(escaped, char + escaped))
            at += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            start = at + 1 + pattern.startswith("^", at + 1)
            if pattern.startswith("]", start):  # a "]" first in a class is one of its characters
                out.append(pattern[at:start] + "\\]")
                at = start + 1
                continue
        elif pattern.startswith("{,", at) and re.match(r"\{,\d+\}", pattern[at:]):
            out.append("{0")
            at += 1
            continue
        out.append(char)
        at += 1
    return "".join(out)


_SUPPRESS_KEYS = {"fingerprint", "rule", "path", "reason", "status"}


def _suppressions(path: Path, value: Any) -> list[Suppression]:
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
