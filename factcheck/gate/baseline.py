"""The baseline file: accepted findings by fingerprint, written, read, updated and pruned."""
from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from .. import __version__
from ..model import Finding, RunResult

VERSION = 2  # 2: one entry per disputed fact (ids without documents); 1 is read, matched by content
LEGACY_VERSION = 1
STATUSES = ("accepted", "false-positive", "to-fix")
DEFAULT_PATH = "reports/baseline.json"
_FIELDS = ("id", "rule", "subject", "attribute", "documents", "values", "severity", "status", "reason")


class GateError(Exception):
    """A baseline file or git ref cannot be used: exit 2 with this one-line message."""


@dataclass(frozen=True)
class BaselineEntry:
    """One baselined finding: what identifies it, plus the editor's status and reason."""

    id: str
    rule: str
    subject: str
    attribute: str
    documents: tuple[str, ...]
    values: tuple[str, ...]
    severity: str
    status: str = "accepted"
    reason: str = ""

    @classmethod
    def of(cls, finding: Finding) -> "BaselineEntry":
        return cls(
            id=finding.id,
            rule=finding.rule,
            subject=finding.subject,
            attribute=finding.attribute,
            documents=finding.docs,
            values=tuple(sorted({e.value for e in finding.evidence})),
            severity=finding.severity.value,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "rule": self.rule,
            "subject": self.subject,
            "attribute": self.attribute,
            "documents": list(self.documents),
            "values": list(self.values),
            "severity": self.severity,
            "status": self.status,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Baseline:
    """The parsed baseline file: its entries sorted by id, and what wrote it."""

    path: str
    entries: tuple[BaselineEntry, ...] = ()
    tool: str = ""
    rules: str = ""  # config digest of the run that wrote it
    version: int = VERSION

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entries)

    @property
    def legacy(self) -> bool:
        return self.version == LEGACY_VERSION

    def known(self, finding: Finding) -> bool:
        """Whether the baseline accepts `finding`: by id, or for a version-1 file (whose ids named
        pairs of documents) by rule, subject, attribute and values all found in the finding."""
        if not self.legacy:
            return finding.id in self.ids
        return self.legacy_entry(finding) is not None

    def legacy_entry(self, finding: Finding) -> BaselineEntry | None:
        """The version-1 entry accepting `finding`: same rule, subject and attribute, and every
        value it listed stated in the finding (as a side's value or as written)."""
        values = {e.value for e in finding.evidence} | {e.own_value for e in finding.evidence}
        return next((
            e for e in self.entries
            if e.rule == finding.rule and e.subject == finding.subject and e.attribute == finding.attribute
            and set(e.values) <= values
        ), None)

    def entry(self, finding_id: str) -> BaselineEntry | None:
        return next((e for e in self.entries if e.id == finding_id), None)


def load_baseline(path: str | Path) -> Baseline:
    """Read and validate a baseline file; GateError naming the file when missing or invalid."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GateError(f"{where}: baseline file not found (create it with `factcheck baseline PATHS`)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GateError(f"{where}: cannot read baseline file ({_one_line(exc)})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GateError(f"{where}: baseline is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    except RecursionError:
        raise GateError(f"{where}: baseline is nested too deeply to be a baseline") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise GateError(f"{where}: baseline cannot be read ({_one_line(exc)})") from None
    return _parse(where, data)


def write_baseline(result: RunResult, path: str | Path, *, prune: bool = False, config: Any = None) -> None:
    """Write the baseline for `result`'s findings, keeping editors' status and reason per id.

    prune=False: one entry per current finding (entries that no longer occur are dropped).
    prune=True: only drop entries that no longer occur; nothing is added.
    `config` gives the rules digest recorded in the file; without it the default rules are read.
    """
    target = Path(path)
    previous = load_baseline(target) if target.exists() or prune else Baseline(str(target))
    current = {f.id: BaselineEntry.of(f) for f in result.findings}
    kept = previous.entries
    if previous.legacy:  # carry editors' status and reason over to the version-2 ids
        kept = tuple(
            replace(current[f.id], status=old.status, reason=old.reason)
            for f in result.findings if (old := previous.legacy_entry(f)) is not None
        )
    entries = merge_entries(kept, current, prune=prune)
    document = {
        "version": VERSION,
        "tool": __version__,
        "rules": _rules_digest(config),
        "findings": [e.as_json() for e in entries],
    }
    _write_atomically(target, json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def merge_entries(
    previous: Iterable[BaselineEntry], current: dict[str, BaselineEntry], *, prune: bool
) -> tuple[BaselineEntry, ...]:
    """Current entries carrying over status/reason from `previous`; with prune, only previous ids."""
    kept = {e.id: e for e in previous}
    ids = [i for i in kept if i in current] if prune else list(current)
    merged = []
    for finding_id in ids:
        entry = current[finding_id]
        old = kept.get(finding_id)
        if old is not None:
            entry = replace(entry, status=old.status, reason=old.reason)
        merged.append(entry)
    return tuple(sorted(merged, key=lambda e: e.id))


def _parse(where: str, data: Any) -> Baseline:
    if not isinstance(data, dict):
        raise GateError(f"{where}: baseline must be a JSON object with a 'findings' list")
    version = data.get("version")
    if type(version) is not int or version not in (VERSION, LEGACY_VERSION):
        raise GateError(f"{where}: unsupported baseline version {version!r} (expected {VERSION})")
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise GateError(f"{where}: baseline 'findings' must be a list")
    entries = [_entry(where, index, item) for index, item in enumerate(findings)]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise GateError(f"{where}: baseline entry {entry.id} appears twice")
        seen.add(entry.id)
    return Baseline(
        path=where,
        entries=tuple(sorted(entries, key=lambda e: e.id)),
        tool=str(data.get("tool", "")),
        rules=str(data.get("rules", "")),
        version=version,
    )


def _entry(where: str, index: int, item: Any) -> BaselineEntry:
    label = f"{where}: findings[{index}]"
    if not isinstance(item, dict):
        raise GateError(f"{label} must be an object")
    finding_id = item.get("id")
    if not isinstance(finding_id, str) or not finding_id:
        raise GateError(f"{label} has no 'id'")
    unknown = sorted(set(item) - set(_FIELDS))
    if unknown:
        raise GateError(f"{label} ({finding_id}): unknown key '{unknown[0]}' (allowed: {', '.join(_FIELDS)})")
    status = item.get("status", "accepted")
    if status not in STATUSES:
        raise GateError(f"{label} ({finding_id}): status must be one of {', '.join(STATUSES)}, got {status!r}")
    for key in ("rule", "subject", "attribute", "severity", "reason"):
        if not isinstance(item.get(key, ""), str):
            raise GateError(f"{label} ({finding_id}): {key} must be a string")
    for key in ("documents", "values"):
        value = item.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise GateError(f"{label} ({finding_id}): {key} must be a list of strings")
    return BaselineEntry(
        id=finding_id,
        rule=item.get("rule", ""),
        subject=item.get("subject", ""),
        attribute=item.get("attribute", ""),
        documents=tuple(item.get("documents", [])),
        values=tuple(item.get("values", [])),
        severity=item.get("severity", ""),
        status=status,
        reason=item.get("reason", ""),
    )


def _rules_digest(config: Any) -> str:
    if config is not None:
        return str(getattr(config, "digest", ""))
    from ..config import ConfigError
    from ..settings import load_config

    try:
        return load_config().digest
    except ConfigError:
        return ""


def _write_atomically(target: Path, text: str) -> None:
    # a half-written baseline would lose the editors' reasons: write aside, then rename
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; a baseline is a shared file
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _one_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
