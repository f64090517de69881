"""The human report (rich): findings by subject with highlighted evidence, claims and rules tables, summary."""
from __future__ import annotations

import io
import json
from collections import Counter
from typing import Any, Callable, Sequence

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from ..load import printable
from ..model import Claim, Evidence, Finding, RunResult, Severity, Side
from . import finding_status

WIDTH = 100  # fixed width of the plain-text form, so files and golden tests do not depend on the terminal
SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow", Severity.INFO: "cyan"}
HIGHLIGHT_STYLE = "bold reverse"
PLAIN_MARK = "**"  # how the value is marked in a sentence when there is no colour to mark it with
NO_SUBJECT = "(no subject)"


def plain_console(file: Any = None) -> Console:
    """A console independent of the environment: fixed width, no colour, no terminal codes."""
    return Console(
        file=file if file is not None else io.StringIO(), width=WIDTH, no_color=True, color_system=None,
        force_terminal=False, force_jupyter=False, force_interactive=False, highlight=False, emoji=False,
        markup=False, soft_wrap=False, legacy_windows=False, _environ={},
    )


def live_console(stderr: bool = False) -> Console:
    """A console on the real terminal: its width and colours, nothing in the text interpreted as markup."""
    return Console(stderr=stderr, highlight=False, emoji=False, markup=False)


def render(result: RunResult) -> str:
    """The report as plain text (the `terminal` format written to a file or a pipe)."""
    return _to_text(lambda console: print_report(console, result))


def render_claims(claims: Sequence[Claim]) -> str:
    return _to_text(lambda console: print_claims(console, claims))


def render_rules(rows: Sequence[dict[str, Any]]) -> str:
    return _to_text(lambda console: print_rules(console, rows))


def safe(text: str) -> Text:
    """Text from documents or rules, its control characters escaped: a report never moves the cursor,
    clears the screen or recolours the terminal, whatever a scraped page held."""
    return Text(printable(text))


def _to_text(draw: Callable[[Console], None]) -> str:
    console = plain_console()
    draw(console)
    # rich pads indented blocks to the full width; trailing blanks only bloat files and diffs
    return "".join(line.rstrip() + "\n" for line in console.file.getvalue().splitlines())


# ------------------------------------------------------------------------- report


def print_report(console: Console, result: RunResult) -> None:
    """Findings grouped by subject (new ones in full), then known and suppressed ones, then the summary."""
    new = [f for f in result.findings if finding_status(result, f.id)[0] == "new"]
    for subject, findings in _by_subject(new):
        console.print(Rule(Text(printable(subject) or NO_SUBJECT, style="bold")))
        for finding in findings:
            _print_finding(console, finding)
    _print_accepted(console, result, "known", "Known findings (in the baseline)")
    _print_accepted(console, result, "suppressed", "Suppressed findings (accepted in rules)")
    _print_summary(console, result, new)


def _by_subject(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Groups in order of first appearance, so the worst finding's subject comes first."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.subject, []).append(finding)
    return list(groups.items())


def _print_finding(console: Console, finding: Finding) -> None:
    head = Text()
    head.append(finding.severity.value.upper(), style=SEVERITY_STYLE[finding.severity])
    head.append(f"  {printable(finding.rule)}")
    if finding.attribute:
        head.append(f"  {printable(finding.attribute)}", style="dim")
    head.append(f"  [{finding.id}]", style="dim")
    console.print(head)
    console.print(Padding(safe(finding.message), (0, 0, 0, 2)))
    if finding.reason:
        console.print(Padding(Text("one fact: ", style="dim") + safe(finding.reason), (0, 0, 0, 2)))
    disputed = len(finding.sides) > 1
    for side in finding.sides:
        if disputed:
            _print_side_head(console, side)
        for evidence in side.evidence:
            _print_evidence(console, finding, evidence)
    console.print()


def _print_side_head(console: Console, side: Side) -> None:
    head = Text("  ")
    head.append(printable(side.value), style="green")
    sources = "1 source" if side.sources == 1 else f"{side.sources} sources"
    head.append(f"  {sources}" + ("  (most sources)" if side.majority else ""), style="dim")
    console.print(head)


def _print_evidence(console: Console, finding: Finding, side: Evidence) -> None:
    if side.line == 0:
        return  # a whole-file statement: the message already names the file and the reason
    if finding.kind == "quality":
        # the message says what was done; show the damage as it stands in the file
        console.print(Padding(Text("as found: ") + safe(side.raw), (0, 0, 0, 2)))
        return
    where = Text("    ")
    where.append(f"{printable(side.doc)}:{side.line}", style="bold")
    if side.outlet:
        where.append(f"  {printable(side.outlet)}", style="dim")
    where.append("  ")
    where.append(printable(side.own_value), style="green")
    console.print(where)
    console.print(Padding(highlighted_sentence(side, plain=console.color_system is None), (0, 0, 0, 6)))


def highlighted_sentence(side: Evidence, plain: bool) -> Text:
    """The sentence with the raw value marked: by style on a colour terminal, by ** in plain text."""
    start = locate(side)
    if start < 0:
        return safe(side.text)
    end = start + len(side.raw)
    text = safe(side.text[:start])  # escaped piece by piece: escaping shifts the offsets
    if plain:
        text.append(f"{PLAIN_MARK}{printable(side.raw)}{PLAIN_MARK}")
    else:
        text.append(printable(side.raw), style=HIGHLIGHT_STYLE)
    text.append(printable(side.text[end:]))
    return text


def locate(side: Evidence) -> int:
    """Offset of the raw value in the sentence: Evidence.start when it checks out, else the first match."""
    if not side.raw:
        return -1
    if side.start >= 0 and side.text[side.start : side.start + len(side.raw)] == side.raw:
        return side.start
    return side.text.find(side.raw)


def _print_accepted(console: Console, result: RunResult, status: str, title: str) -> None:
    findings = [f for f in result.findings if finding_status(result, f.id)[0] == status]
    if not findings:
        return
    console.print(Rule(Text(f"{title}: {len(findings)}", style="bold")))
    for finding in findings:
        head = Text()
        head.append(finding.severity.value.upper(), style=SEVERITY_STYLE[finding.severity])
        head.append(f"  {printable(finding.rule)}  [{finding.id}]  {printable(finding.subject) or NO_SUBJECT}")
        console.print(head)
        console.print(Padding(safe(finding.message), (0, 0, 0, 2)))
        reason = finding_status(result, finding.id)[1]
        if reason:
            console.print(Padding(Text(f"reason: {printable(reason)}", style="dim"), (0, 0, 0, 2)))
    console.print()


def _print_summary(console: Console, result: RunResult, new: Sequence[Finding]) -> None:
    checked = [d for d in result.documents if d.status == "checked"]
    skipped = [d for d in result.documents if d.status != "checked"]
    console.print(Rule(Text("Summary", style="bold")))
    if not new:
        console.print(Text("No new findings."))
    console.print(Text(f"documents checked: {len(checked)}"))
    console.print(Text(f"documents skipped: {len(skipped)}"))
    for document in skipped:
        console.print(Padding(safe(f"{document.path}: {document.reason}"), (0, 0, 0, 2)))
    counts = Counter(f.severity for f in new)
    by_severity = ", ".join(f"{counts[s]} {s.value}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    console.print(Text(f"new findings: {by_severity}"))
    known = sum(1 for f in result.findings if finding_status(result, f.id)[0] == "known")
    suppressed = sum(1 for f in result.findings if finding_status(result, f.id)[0] == "suppressed")
    console.print(Text(f"known findings: {known}, suppressed findings: {suppressed}"))
    for note in result.notes:
        console.print(safe(f"note: {note}"))


# ------------------------------------------------------------------------- claims


def print_claims(console: Console, claims: Sequence[Claim]) -> None:
    """Every extracted claim as a table: where it was read, what it is about, as written and normalised."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("doc", "line", "kind", "subject", "attribute", "raw", "value"):
        table.add_column(column, justify="right" if column == "line" else "left", overflow="fold")
    for claim in claims:
        table.add_row(
            safe(claim.doc), Text(str(claim.line)), Text(claim.kind.value), safe(claim.subject),
            safe(claim.attribute), safe(claim.raw), safe(claim.rendered),
        )
    console.print(table)
    console.print(Text(f"{len(claims)} claims"))


# -------------------------------------------------------------------------- rules


RULE_COLUMNS = ("id", "kind", "default", "severity", "enabled", "options")


def print_rules(console: Console, rows: Sequence[dict[str, Any]]) -> None:
    """Every rule with its default and configured severity, switch and options (rows from report.rule_rows)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in RULE_COLUMNS:
        table.add_column(column, overflow="fold")
    for row in rows:
        options = "\n".join(printable(f"{key} = {toml_value(value)}") for key, value in sorted(row["options"].items()))
        table.add_row(*(Text(str(v)) for v in (
            row["id"], row["kind"], row["default"], row["severity"], "yes" if row["enabled"] else "no", options,
        )))
    console.print(table)


def toml_value(value: Any) -> str:
    """An option value written the way it would be set in a rules file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
