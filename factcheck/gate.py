"""The CI gate: baseline, suppressions and diff-aware restriction applied to a run, and the exit policy."""
from __future__ import annotations

from typing import Iterable

from .config import Config
from .model import RunResult, Severity


def apply_gate(
    result: RunResult,
    config: Config,
    *,
    baseline: "object | None" = None,  # baseline.Baseline
    changed: Iterable[str] | None = None,  # document paths changed since a git ref; None = all
) -> RunResult:
    """Mark baseline-known and suppressed findings, keep only findings touching `changed`, add notes."""
    raise NotImplementedError


def exit_code(result: RunResult, fail_on: Severity, exit_zero: bool = False) -> int:
    """0 when no new finding is at or above `fail_on` (or --exit-zero), else 1."""
    if exit_zero:
        return 0
    return int(any(f.severity.at_least(fail_on) and result.is_new(f) for f in result.findings))
