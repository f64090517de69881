"""Reporter `sarif`: SARIF 2.1.0 for code-scanning dashboards, with baseline state and suppressions."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from .. import __version__
from ..checks import RULE_SPECS
from ..model import Evidence, Finding, RunResult, Severity
from .display import shown_value
from .json_report import pretty_json_bytes

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheck/v2"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(result: RunResult) -> str:
    """The whole run as one SARIF log, pretty-printed, keys in a fixed order."""
    return render_bytes(result).decode("utf-8")


def render_bytes(result: RunResult) -> bytes:
    """`render` as the UTF-8 bytes a file or pipe receives."""
    return pretty_json_bytes(sarif_log(result))


def sarif_log(result: RunResult) -> dict[str, Any]:
    rule_ids = sorted(RULE_SPECS)
    index = {rule_id: i for i, rule_id in enumerate(rule_ids)}
    run: dict[str, Any] = {
        "tool": {"driver": driver(rule_ids)},
        "columnKind": "unicodeCodePoints",
        "results": [sarif_result(f, result, index.get(f.rule)) for f in result.findings],
    }
    if result.notes:
        run["invocations"] = [invocation(result.notes)]
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def driver(rule_ids: list[str]) -> dict[str, Any]:
    return {
        "name": "factcheck",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [rule_descriptor(RULE_SPECS[rule_id]) for rule_id in rule_ids],
    }


def rule_descriptor(spec: Any) -> dict[str, Any]:
    return {
        "id": spec.id,
        "name": spec.id,
        "shortDescription": {"text": spec.description},
        "defaultConfiguration": {"level": LEVELS[spec.default_severity]},
        "properties": {"kind": spec.kind, "severity": spec.default_severity.value},
    }


def sarif_result(finding: Finding, result: RunResult, rule_index: int | None) -> dict[str, Any]:
    out: dict[str, Any] = {"ruleId": finding.rule}
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    out["level"] = LEVELS[finding.severity]
    out["message"] = {"text": finding.message}
    minority = finding.minority()
    out["locations"] = [location(e, finding.kind) for e in minority]
    shown = set(minority)  # once, not per statement: a dispute no side leads lists every statement here
    others = [e for e in finding.evidence if e not in shown]
    if others:
        out["relatedLocations"] = [dict(location(e, finding.kind), id=i) for i, e in enumerate(others)]
    out["partialFingerprints"] = {FINGERPRINT_KEY: finding.id}
    out["baselineState"] = "unchanged" if finding.id in result.known else "new"
    reason = dict(result.suppressed).get(finding.id)
    if reason is not None:
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": reason}]
    out["properties"] = {
        "severity": finding.severity.value,
        "kind": finding.kind,
        "subject": finding.subject,
        "attribute": finding.attribute,
        "whyOneFact": finding.reason,
    }
    return out


def location(side: Evidence, kind: str = "") -> dict[str, Any]:
    """One statement as a location; a whole-file one (line 0) has no region."""
    physical: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(side.doc)}}
    if side.line > 0:
        region: dict[str, Any] = {"startLine": side.line}
        if side.text:
            region["snippet"] = {"text": side.text}
        physical["region"] = region
    out: dict[str, Any] = {"physicalLocation": physical}
    if side.raw or side.value:
        out["message"] = {"text": _side_text(side, kind)}
    return out


def artifact_uri(path: str) -> str:
    """A relative URI reference for a display path (CJK and spaces percent-encoded)."""
    posix = path.replace("\\", "/")
    if posix.startswith("/"):
        return "file://" + quote(posix)
    return quote(posix)


def invocation(notes: tuple[str, ...]) -> dict[str, Any]:
    return {
        "executionSuccessful": True,
        "toolExecutionNotifications": [{"level": "note", "message": {"text": note}} for note in notes],
    }


def _side_text(side: Evidence, kind: str) -> str:
    """The value as written, with its normalised form (an amount's figures written out) beside it."""
    value = shown_value(kind, side.own_value)
    if side.raw and value and side.raw != value:
        return f"{side.raw} ({value})"
    return side.raw or shown_value(kind, side.value)
