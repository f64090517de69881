"""The CSV reports (pandas): one row per statement of each finding, and the claims list for editors."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from ..model import Claim, RunResult
from .display import finding_status
from .display import display_id, shown_value
from .json_report import claim_entry

FINDING_COLUMNS = (
    "finding_id", "rule", "kind", "severity", "status", "subject", "attribute", "message", "why_one_fact",
    "side", "side_value", "side_sources", "majority", "other_sides",
    "doc", "outlet", "line", "raw", "value", "text",
)
CLAIM_COLUMNS = ("doc", "line", "kind", "subject", "attribute", "raw", "value", "scope", "modality", "sentence")


def findings_csv(result: RunResult) -> bytes:
    """The findings table as utf-8-sig bytes (the BOM makes Excel read Chinese correctly). Ids carry
    the display prefix ("F-"), so a spreadsheet never reads one as a number (87818982007993e8)."""
    rows = [
        {
            "finding_id": display_id(finding.id),
            "rule": finding.rule,
            "kind": finding.kind,
            "severity": finding.severity.value,
            "status": finding_status(result, finding.id)[0],
            "subject": finding.subject,
            "attribute": finding.attribute,
            "message": finding.message,
            "why_one_fact": finding.reason,
            "side": number,
            "side_value": shown_value(finding.kind, side.value),
            "side_sources": side.sources,
            "majority": "yes" if side.majority else "",
            "other_sides": " | ".join(shown_value(finding.kind, o.value) for o in finding.sides if o is not side),
            "doc": evidence.doc,
            "outlet": evidence.outlet,
            "line": evidence.line,
            "raw": evidence.raw,
            "value": shown_value(finding.kind, evidence.own_value),
            "text": evidence.text,
        }
        for finding in result.findings
        for number, side in enumerate(finding.sides, 1)
        for evidence in side.evidence
    ]
    return _to_csv(rows, FINDING_COLUMNS)


def claims_csv(claims: Sequence[Claim]) -> bytes:
    """Every extracted claim, one row each, for editors reviewing what was read."""
    rows = [claim_entry(claim) for claim in claims]
    return _to_csv(rows, CLAIM_COLUMNS)


def _to_csv(rows: list[dict], columns: Sequence[str]) -> bytes:
    frame = pd.DataFrame(rows, columns=list(columns))
    # an empty frame has object columns; line must still read back as a whole number
    frame["line"] = frame["line"].astype("int64")
    text = frame.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig")
