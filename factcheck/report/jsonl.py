"""Reporter `jsonl`: one JSON object per finding per line, then one summary object."""
from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ..model import RunResult, Severity
from .json_report import finding_entry


def render(result: RunResult) -> str:
    """Findings in the run's order, one compact object a line (the json format's finding
    entries, with status and reason); the last line is {"summary": ...}."""
    lines = [_dumps(finding_entry(result, f)) for f in result.findings]
    lines.append(_dumps({"summary": summary(result)}))
    return "\n".join(lines) + "\n"


def summary(result: RunResult) -> dict[str, Any]:
    new = [f for f in result.findings if result.is_new(f)]
    return {
        "tool": "factcheck",
        "version": __version__,
        "documents": len(result.documents),
        "checked": sum(d.status == "checked" for d in result.documents),
        "skipped": sum(d.status == "skipped" for d in result.documents),
        "findings": len(result.findings),
        "new": len(new),
        "known": sum(f.id in result.known for f in result.findings),
        "suppressed": len(result.suppression_reasons),
        "new_by_severity": {s.value: sum(f.severity is s for f in new) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "notes": list(result.notes),
    }


def _dumps(value: Any) -> str:
    # compact and single-line: json.dumps escapes newlines inside strings
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
