"""Reporter `concise`: one line per new finding, `path:line: RULE message`, as flake8 and ruff print theirs."""
from __future__ import annotations

from ..model import Finding, RunResult
from .github import summary


def render(result: RunResult, with_summary: bool = True) -> str:
    """A line per new finding (baseline-known and suppressed ones are left out, as the gate leaves
    them), placed at its first statement on the side fewer sources support, then the summary."""
    lines = [line(f) for f in result.findings if result.is_new(f)]
    if with_summary:
        lines.append(summary(result))
    return "".join(f"{text}\n" for text in lines)


def line(finding: Finding) -> str:
    """`docs/b.txt:3: date-conflict message`; a whole-document finding has no line: `docs/b.txt: …`."""
    place = (finding.minority() or finding.evidence)[0] if finding.evidence else None
    where = "" if place is None else f"{place.doc}:{place.line}: " if place.line > 0 else f"{place.doc}: "
    return f"{where}{finding.rule} {_one_line(finding.message)}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
