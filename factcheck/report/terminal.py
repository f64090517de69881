"""The human report: disputes first with their sides and evidence, then text quality, and a one-line summary;
the claims and rules tables (rich)."""
from __future__ import annotations

import io
import json
import os
import shutil
import sys
from collections import Counter
from typing import Any, Callable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..read.paths import printable
from ..model import Claim, Evidence, Finding, RunResult, Severity, Side
from .display import finding_status
from .display import is_dispute, majority_first, shown_subject, shown_value, written_values

WIDTH = 100  # width of the plain form's section rules, so files and golden tests do not depend on the terminal
SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
# ANSI styles of the colour form, written directly: rich took 11 s to lay out 10,000 documents'
# report (JSON: 0.3 s), the plain string building below takes a fraction of that
STYLES = {
    Severity.ERROR.value: "1;31", Severity.WARNING.value: "1;33", Severity.INFO.value: "36",
    "dim": "2", "value": "32", "bold": "1", "mark": "1;7",
}
PLAIN_MARK = "**"  # how the value is marked in a sentence when there is no colour to mark it with
NO_SUBJECT = "(no subject)"
DATE_KINDS = ("date", "anachronism")  # kinds whose normalised value (an interval) tells more than it repeats


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


def render(result: RunResult) -> str:
    """The report as plain text (the `terminal` format written to a file or a pipe)."""
    return report_text(result)


def report_text(result: RunResult, colour: bool = False, width: int = WIDTH) -> str:
    """The report, in colour (ANSI codes) for a terminal or plain, with section rules `width` wide."""
    out = _Lines(colour, width)
    write_report(out, result)
    return out.text()


def show(result: RunResult, pager: bool = True) -> None:
    """Print the report on stdout, which is a terminal: in colour unless NO_COLOR is set, through a
    pager (as git does) when it is longer than the screen, unless `pager` is off or this runs in CI."""
    size = shutil.get_terminal_size()
    colour = "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
    text = report_text(result, colour, max(20, size.columns))
    if pager and not in_ci() and text.count("\n") >= size.lines:
        import click

        click.echo_via_pager(text.removesuffix("\n"))  # the pager adds the last newline itself
        return
    sys.stdout.write(text)


def in_ci() -> bool:
    """Whether a CI runner is driving us (CI set to anything but empty, 0 or false)."""
    return os.environ.get("CI", "").lower() not in ("", "0", "false")


class _Lines:
    """The report's lines, plain or styled with ANSI codes; document text is escaped before it
    gets here (printable), so the only codes in the output are ours."""

    def __init__(self, colour: bool, width: int) -> None:
        self.colour = colour
        self.width = width
        self.lines: list[str] = []

    def style(self, text: str, name: str) -> str:
        return f"\x1b[{STYLES[name]}m{text}\x1b[0m" if self.colour and text else text

    def add(self, *parts: str) -> None:
        self.lines.append("".join(parts).rstrip())

    def rule(self, title: str) -> None:
        """A section rule: the (ASCII) title centred in a line of ─."""
        fill = max(4, self.width - len(title) - 2)
        left = fill // 2
        self.add(self.style(f"{'─' * left} {title} {'─' * (fill - left)}", "bold"))

    def text(self) -> str:
        return "\n".join(self.lines) + "\n" if self.lines else ""


def write_report(out: _Lines, result: RunResult) -> None:
    """New disputes (most severe first), other new findings, text quality; then known and
    suppressed ones in short, skipped documents, notes and the one-line summary."""
    new = _most_severe_first(f for f in result.findings if result.is_new(f))
    disputes = [f for f in new if is_dispute(f)]
    quality = [f for f in new if f.kind == "quality" and not is_dispute(f)]
    others = [f for f in new if f.kind != "quality" and not is_dispute(f)]
    for title, findings in (("Disputes", disputes), ("Other findings", others), ("Text quality", quality)):
        if findings:
            out.rule(f"{title}: {len(findings)} ({_by_severity(findings)})")
            for finding in findings:
                _write_finding(out, finding, result.lexicon)
    _write_accepted(out, result, "known", "Known findings (in the baseline)")
    _write_accepted(out, result, "suppressed", "Suppressed findings (accepted in rules)")
    skipped = [d for d in result.documents if d.status != "checked"]
    if skipped:
        out.rule(f"Skipped documents: {len(skipped)}")
        for document in skipped:
            out.add(f"  {printable(document.path)}: {printable(document.reason)}")
    for note in result.notes:
        out.add(out.style("note: ", "dim"), printable(note))
    out.add(_summary(result, new, len(disputes), len(quality)))


def _most_severe_first(findings: Any) -> list[Finding]:
    # stable: within one severity the run's own order (kind, subject, place) is kept
    return sorted(findings, key=lambda finding: -finding.severity.rank)


def _by_severity(findings: Sequence[Finding]) -> str:
    counts = Counter(finding.severity for finding in findings)
    return ", ".join(f"{counts[s]} {s.value}" for s in SEVERITIES if counts[s])


def _write_finding(out: _Lines, finding: Finding, lexicon: dict) -> None:
    head = [out.style(finding.severity.value.upper(), finding.severity.value), "  ", printable(finding.rule)]
    if finding.kind != "quality":  # a text-quality finding's subject is its file, named in the message
        subject = printable(shown_subject(finding, lexicon)) or NO_SUBJECT
        attribute = f" · {printable(finding.attribute)}" if finding.attribute else ""
        head += ["  ", out.style(subject, "bold"), attribute]
    out.add(*head, "  ", out.style(f"[{finding.id}]", "dim"))
    if is_dispute(finding):
        if finding.reason:
            out.add("  ", out.style("one fact: ", "dim"), printable(finding.reason))
        for side in majority_first(finding.sides):
            _write_side(out, finding, side)
    else:
        out.add("  ", printable(finding.message))
        for evidence in finding.evidence:
            _write_evidence(out, finding, evidence)
    out.add()


def _write_side(out: _Lines, finding: Finding, side: Side) -> None:
    """One position: its values as written (the normalised interval too for dates), its support."""
    written = written_values(side)
    label = " / ".join(printable(raw) for raw in written) or printable(shown_value(finding.kind, side.value))
    if len(written) < len({e.raw for e in side.evidence if e.raw}):
        label += " / …"
    normalised = f"  ({printable(side.value)})" if finding.kind in DATE_KINDS and side.value not in written else ""
    support = "1 source" if side.sources == 1 else f"{side.sources} sources"
    out.add("  ", out.style(label, "value"), normalised, "  ", out.style(support, "dim"),
            out.style(", most sources", "dim") if side.majority else "")
    for evidence in side.evidence:
        _write_evidence(out, finding, evidence)


def _write_evidence(out: _Lines, finding: Finding, evidence: Evidence) -> None:
    """outlet  document:line  value as written, then the sentence with the value marked."""
    if evidence.line == 0:
        return  # a whole-file statement: the message already names the file and the reason
    if finding.kind == "quality":
        # the message says what was done; show the damage as it stands in the file
        out.add("  as found: ", printable(evidence.raw))
        return
    outlet = f"{printable(evidence.outlet)}  " if evidence.outlet else ""
    own = evidence.own_value
    # a dispute's side head names its interval; a statement repeats it only where its own differs (上周)
    beside = evidence.normalised if is_dispute(finding) else own
    normalised = f" ({printable(own)})" if finding.kind in DATE_KINDS and beside and own != evidence.raw else ""
    out.add("    ", outlet, out.style(f"{printable(evidence.doc)}:{evidence.line}", "bold"), "  ",
            out.style(printable(evidence.raw), "value"), normalised)
    out.add("      ", highlighted_sentence(evidence, plain=not out.colour))


def highlighted_sentence(side: Evidence, plain: bool) -> str:
    """The sentence with the raw value marked: reversed on a colour terminal, by ** in plain text."""
    start = locate(side)
    if start < 0:
        return printable(side.text)
    end = start + len(side.raw)
    raw = printable(side.raw)  # escaped piece by piece: escaping shifts the offsets
    marked = f"{PLAIN_MARK}{raw}{PLAIN_MARK}" if plain else f"\x1b[{STYLES['mark']}m{raw}\x1b[0m"
    return f"{printable(side.text[:start])}{marked}{printable(side.text[end:])}"


def locate(side: Evidence) -> int:
    """Offset of the raw value in the sentence: Evidence.start when it checks out, else the first match."""
    if not side.raw:
        return -1
    if side.start >= 0 and side.text[side.start : side.start + len(side.raw)] == side.raw:
        return side.start
    return side.text.find(side.raw)


def _write_accepted(out: _Lines, result: RunResult, status: str, title: str) -> None:
    """Known or suppressed findings, one short entry each: they do not fail the run."""
    findings = [f for f in result.findings if finding_status(result, f.id)[0] == status]
    if not findings:
        return
    out.rule(f"{title}: {len(findings)}")
    for finding in findings:
        subject = printable(shown_subject(finding, result.lexicon)) or NO_SUBJECT
        out.add(out.style(finding.severity.value.upper(), finding.severity.value),
                f"  {printable(finding.rule)}  [{finding.id}]  {subject}")
        out.add("  ", printable(finding.message))
        reason = finding_status(result, finding.id)[1]
        if reason:
            out.add("  ", out.style(f"reason: {printable(reason)}", "dim"))
    out.add()


def _summary(result: RunResult, new: Sequence[Finding], disputes: int, quality: int) -> str:
    """The last line: documents, new findings by severity and kind, known and suppressed."""
    checked = sum(d.status == "checked" for d in result.documents)
    skipped = len(result.documents) - checked
    documents = f"{checked} document{'' if checked == 1 else 's'} checked, {skipped} skipped"
    if new:
        others = len(new) - disputes - quality
        found = (f"new findings: {_by_severity(new)} ({disputes} dispute{'' if disputes == 1 else 's'}, "
                 f"{others} other, {quality} text quality)")
    else:
        found = "no new findings"
    known = sum(f.id in result.known for f in result.findings)
    suppressed = sum(f.id in result.suppression_reasons for f in result.findings)
    return f"Summary: {documents}; {found}; known {known}, suppressed {suppressed}"


# ------------------------------------------------------------------------- claims


def print_claims(console: Console, claims: Sequence[Claim]) -> None:
    """Every extracted claim as a table: where it was read, what it is about, as written and normalised."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in ("doc", "line", "kind", "subject", "attribute", "raw", "value"):
        table.add_column(column, justify="right" if column == "line" else "left", overflow="fold")
    for claim in claims:
        table.add_row(
            safe(claim.doc), Text(str(claim.line)), Text(claim.kind.value), safe(claim.subject),
            safe(claim.attribute), safe(claim.raw), safe(shown_value(claim.kind.value, claim.rendered)),
        )
    console.print(table)
    console.print(Text(f"{len(claims)} claims"))


# -------------------------------------------------------------------------- rules


RULE_COLUMNS = ("id", "kind", "default", "severity", "enabled", "options", "source")


def print_rules(console: Console, rows: Sequence[dict[str, Any]]) -> None:
    """Every rule with its default and configured severity, switch and options (rows from report.rule_rows)."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in RULE_COLUMNS:  # options and sources wrap; ids and severities stay whole
        table.add_column(column, overflow="fold", no_wrap=column not in ("options", "source"))
    for row in rows:
        options = "\n".join(printable(f"{key} = {toml_value(value)}") for key, value in sorted(row["options"].items()))
        table.add_row(*(Text(str(v)) for v in (
            row["id"], row["kind"], row["default"], row["severity"], "yes" if row["enabled"] else "no", options,
            "\n".join(row.get("source", ())) or "built-in",
        )))
    console.print(table)


def toml_value(value: Any) -> str:
    """An option value written the way it would be set in a rules file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
