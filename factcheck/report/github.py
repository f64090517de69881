"""Reporter `github`: GitHub Actions workflow commands, one annotation per minority statement of each new finding."""
from __future__ import annotations

from ..model import Evidence, Finding, RunResult, Severity

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(result: RunResult) -> str:
    """Annotations for new findings (baseline-known and suppressed ones are left out) on the lines
    of the side fewer sources support (every side when none leads), then notes and a summary."""
    lines = [annotation(f, e) for f in result.findings if result.is_new(f) for e in f.minority()]
    lines += [f"factcheck: note: {escape_data(note)}" for note in result.notes]
    lines.append(summary(result))
    return "\n".join(lines) + "\n"


def annotation(finding: Finding, side: Evidence) -> str:
    """`::error file=<doc>,line=<line>,title=<rule>::<message>`; a whole-file side has no line."""
    properties = [f"file={escape_property(side.doc)}"]
    if side.line > 0:
        properties.append(f"line={side.line}")
    properties.append(f"title={escape_property(finding.rule)}")
    return f"::{COMMANDS[finding.severity]} {','.join(properties)}::{escape_data(finding.message)}"


def summary(result: RunResult) -> str:
    new = [f for f in result.findings if result.is_new(f)]
    counts = ", ".join(f"{sum(f.severity is s for f in new)} {s.value}" for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    known = sum(f.id in result.known for f in result.findings)
    suppressed = len(dict(result.suppressed))
    return (
        f"factcheck: {len(new)} new findings ({counts}), {known} in baseline, {suppressed} suppressed, "
        f"{len(result.documents)} documents"
    )


def escape_data(text: str) -> str:
    """Escape a command's message as the runner expects: %, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus the separators ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
