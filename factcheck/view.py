"""What a check run shows: --select/--ignore, --min-severity, --quiet, --statistics, and their options."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from typing import Any, Callable

import click

from .model import Finding, RunResult, Severity

SEVERITIES = ("error", "warning", "info")
QUIET_FORMATS = ("terminal", "concise", "github")  # text for people: silent when nothing is new
STATISTICS_FORMATS = ("terminal", "concise", "json")


@dataclass(frozen=True)
class View:
    """Which findings a run reports. Findings it hides do not count toward the exit code either:
    `--select date-conflict` fails only on date conflicts."""

    select: frozenset[str] = frozenset()  # empty: every rule
    ignore: frozenset[str] = frozenset()
    min_severity: Severity = Severity.INFO
    quiet: bool = False
    statistics: bool = False

    def shows(self, finding: Finding) -> bool:
        return ((not self.select or finding.rule in self.select) and finding.rule not in self.ignore
                and finding.severity.at_least(self.min_severity))

    def apply(self, result: RunResult) -> RunResult:
        """The run as reported: hidden findings removed, and with --quiet only the new ones, no notes."""
        kept = tuple(f for f in result.findings if self.shows(f) and (not self.quiet or result.is_new(f)))
        ids = {f.id for f in kept}
        return replace(
            result, findings=kept, known=frozenset(result.known & ids),
            suppressed=tuple(pair for pair in result.suppressed if pair[0] in ids),
            notes=() if self.quiet else result.notes,
        )

    def silent(self, result: RunResult, fmt: str) -> bool:
        """--quiet with nothing new to say, in a format read by people: print nothing at all."""
        return self.quiet and fmt in QUIET_FORMATS and not any(result.is_new(f) for f in result.findings)

    def text_report(self, result: RunResult, fmt: str) -> str | None:
        """What this view writes in place of the format's own report: the statistics, the concise
        lines (without the summary when quiet), or nothing when quiet; None: the format's report."""
        from .report import concise

        if self.statistics:
            return statistics(result, fmt)
        if self.silent(result, fmt):
            return ""
        return concise.render(result, with_summary=not self.quiet) if fmt == "concise" else None

    def check(self, fmt: str) -> None:
        """Usage errors, before any document is read: unknown rule ids, statistics in a CI format."""
        from .checks import RULE_SPECS

        for option, ids in (("--select", self.select), ("--ignore", self.ignore)):
            unknown = sorted(ids - set(RULE_SPECS))
            if unknown:
                raise click.ClickException(f"{option}: unknown rule '{unknown[0]}' (see 'factcheck rules')")
        if self.statistics and fmt not in STATISTICS_FORMATS:
            raise click.ClickException(f"--statistics goes with --format terminal, concise or json, not {fmt}")


def statistics(result: RunResult, fmt: str) -> str:
    """Counts per rule instead of the findings: new, known (in the baseline) and suppressed."""
    counts: dict[str, dict[str, Any]] = {}
    for finding in result.findings:
        row = counts.setdefault(finding.rule, {"severity": finding.severity.value, "new": 0, "known": 0, "suppressed": 0})
        row[_status(result, finding)] += 1
    if fmt == "json":
        return json.dumps(dict(sorted(counts.items())), indent=2) + "\n"
    ordered = sorted(counts.items(), key=lambda item: (-Severity(item[1]["severity"]).rank, item[0]))
    totals = {key: sum(row[key] for row in counts.values()) for key in ("new", "known", "suppressed")}
    table = [("rule", "severity", "new", "known", "suppressed")]
    table += [(rule, row["severity"], str(row["new"]), str(row["known"]), str(row["suppressed"])) for rule, row in ordered]
    table.append(("total", "", str(totals["new"]), str(totals["known"]), str(totals["suppressed"])))
    widths = [max(len(line[i]) for line in table) for i in range(5)]
    return "".join(
        "  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))).rstrip() + "\n"
        for line in table
    )


def _status(result: RunResult, finding: Finding) -> str:
    if finding.id in result.suppression_reasons:
        return "suppressed"
    return "known" if finding.id in result.known else "new"


def _rule_ids(text: tuple[str, ...]) -> frozenset[str]:
    """`--select a,b --select c` -> {a, b, c}, as flake8 and ruff take them."""
    return frozenset(part.strip() for item in text for part in item.split(",") if part.strip())


def view_options(command: Callable) -> Callable:
    """The display options of `check`, handed to the command as one View."""

    @functools.wraps(command)
    def wrapper(*args: Any, select: tuple[str, ...], ignore: tuple[str, ...], min_severity: str, quiet: bool,
                statistics: bool, **kwargs: Any) -> Any:
        view = View(_rule_ids(select), _rule_ids(ignore), Severity(min_severity), quiet, statistics)
        return command(*args, view=view, **kwargs)

    for option in reversed((
        click.option("--select", multiple=True, metavar="RULE[,RULE...]",
                     help="Report only these rules (repeatable; comma-separated ids)."),
        click.option("--ignore", multiple=True, metavar="RULE[,RULE...]", help="Do not report these rules."),
        click.option("--min-severity", type=click.Choice(SEVERITIES), default="info", show_default=True,
                     help="Report only findings at least this severe; the others do not fail the run either."),
        click.option("-q", "--quiet", is_flag=True,
                     help="Report only new findings, without notes; print nothing when there are none."),
        click.option("--statistics", is_flag=True, help="Print how many findings each rule has instead of the findings."),
    )):
        wrapper = option(wrapper)
    return wrapper
