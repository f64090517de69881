"""The CI gate: baseline, suppressions and diff-aware restriction applied to a run, and the exit policy."""
from __future__ import annotations

import posixpath
from dataclasses import replace
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, Iterable, Sequence

from .baseline import GateError
from ..config import Config, Suppression
from ..model import Finding, RunResult, Severity

if TYPE_CHECKING:
    from .baseline import Baseline



def apply_gate(
    result: RunResult,
    config: Config,
    baseline: "Baseline | None" = None,
    changed: Iterable[str] | None = None,  # document paths changed since a git ref; None = all
) -> RunResult:
    """Mark baseline-known and suppressed findings, keep only findings touching `changed`, add notes.

    Stale baseline entries and unused suppressions are judged against every finding of the run,
    not only the diff-aware subset, so a diff-aware run never calls an old entry stale.
    """
    everything = result.findings
    kept = everything if changed is None else touching(everything, changed)
    suppressed = tuple(
        (f.id, match.reason) for f in kept if (match := matching_suppression(f, config.suppressions)) is not None
    )
    known = frozenset(f.id for f in kept if baseline.known(f)) if baseline is not None else frozenset()
    notes = [*result.notes, *stale_baseline_notes(everything, baseline), *unused_suppression_notes(everything, config)]
    return replace(result, findings=kept, known=known, suppressed=suppressed, notes=tuple(notes))


def exit_code(result: RunResult, fail_on: Severity, exit_zero: bool = False) -> int:
    """0 when no new finding is at or above `fail_on` (or --exit-zero), else 1."""
    if exit_zero:
        return 0
    return int(any(f.severity.at_least(fail_on) and result.is_new(f) for f in result.findings))


def touching(findings: Sequence[Finding], changed: Iterable[str]) -> tuple[Finding, ...]:
    """The findings with at least one side in a changed document (quality findings included)."""
    paths = {_normal(p) for p in changed}
    return tuple(f for f in findings if any(_normal(e.doc) in paths for e in f.evidence))


def matching_suppression(finding: Finding, suppressions: Sequence[Suppression]) -> Suppression | None:
    """The first suppression that accepts `finding`, in rule-file order."""
    return next((s for s in suppressions if suppresses(s, finding)), None)


def suppresses(suppression: Suppression, finding: Finding) -> bool:
    """Fingerprint, rule and path pattern must all match where given; the path matches any side."""
    if suppression.fingerprint and suppression.fingerprint != finding.id:
        return False
    if suppression.rule and suppression.rule != finding.rule:
        return False
    if suppression.path:
        pattern = _normal(suppression.path)
        return any(fnmatchcase(_normal(e.doc), pattern) for e in finding.evidence)
    return True


def stale_baseline_notes(findings: Sequence[Finding], baseline: "Baseline | None") -> list[str]:
    """One note per baseline entry whose id no longer occurs, sorted by id."""
    if baseline is None:
        return []
    if baseline.legacy:
        return [f"{baseline.path}: baseline version {baseline.version} is read by content; "
                "rewrite it as version 2 with --update-baseline"]
    found = {f.id for f in findings}
    return [
        f"baseline entry {e.id} ({e.rule} {e.subject}) no longer matches any finding"
        for e in baseline.entries
        if e.id not in found
    ]


def unused_suppression_notes(findings: Sequence[Finding], config: Config) -> list[str]:
    """One note per suppression that matched no finding, like an unused noqa."""
    return [
        f"unused suppression in {s.file or 'rules'}: {describe_suppression(s)} ({s.reason})"
        for s in config.suppressions
        if not any(suppresses(s, f) for f in findings)
    ]


def describe_suppression(suppression: Suppression) -> str:
    """How a suppression is named in notes: its fingerprint, else its rule and path pattern."""
    if suppression.fingerprint:
        return suppression.fingerprint
    if suppression.path:
        return f"{suppression.rule} on {suppression.path}" if suppression.rule else suppression.path
    return suppression.rule


def _normal(path: str) -> str:
    # display paths are posix and relative; fold "./a" and "a" so both spellings match
    return posixpath.normpath(path.replace("\\", "/"))
