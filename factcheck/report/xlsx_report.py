"""The Excel workbook (`--xlsx`): disputes side by side, other findings, every claim and every document."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from typing import Any, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from ..read.paths import printable
from ..model import Evidence, RunResult, Side
from .display import finding_status
from .display import display_id, is_dispute, majority_first, shown_subject, shown_value, written_values

SIDE_COLUMNS = ("value", "normalised", "sources", "outlets", "documents", "sentences")
DISPUTE_COLUMNS = (
    "id", "severity", "status", "rule", "kind", "subject", "attribute", "why one fact", "tie",
    *(f"majority {c}" for c in SIDE_COLUMNS), *(f"minority {c}" for c in SIDE_COLUMNS),
)
FINDING_COLUMNS = ("id", "severity", "status", "rule", "kind", "subject", "message", "document", "outlet", "line", "as found")
CLAIM_COLUMNS = ("document", "outlet", "line", "kind", "subject", "attribute", "value as written", "normalised",
                 "scope", "modality", "sentence")
DOCUMENT_COLUMNS = ("document", "status", "reason", "outlet", "url", "published", "published from", "encoding", "claims")
# Columns kept as text even when edited: an id or a value must never turn into a number or a date.
TEXT_COLUMNS = {"id", "majority value", "majority normalised", "minority value", "minority normalised",
                "value as written", "normalised", "scope", "published", "as found"}
WRAPPED_COLUMNS = {"majority documents", "majority sentences", "minority documents", "minority sentences"}
MAX_WIDTH, MIN_WIDTH = 60, 6  # column widths in characters (a CJK character counts two)
SIZED_ROWS = 200  # widths are read from the header and the first rows: enough to size, cheap on 130,000 claims
SAFE_URL = re.compile(r"https?://[^\s\"<>]+\Z", re.IGNORECASE)
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # every zip entry's time: the same run gives the same bytes
FIXED_STAMP = "1980-01-01T00:00:00Z"
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def workbook_bytes(result: RunResult) -> bytes:
    """The workbook as .xlsx bytes: sheets Disputes, Other findings, Claims, Documents."""
    outlets = {d.path: d.outlet for d in result.documents}
    sheets = {
        "Disputes": disputes_frame(result),
        "Other findings": findings_frame(result),
        "Claims": claims_frame(result, outlets),
        "Documents": documents_frame(result),
    }
    return _write(sheets)


# ------------------------------------------------------------------------ tables


def disputes_frame(result: RunResult) -> pd.DataFrame:
    """One row per disputed fact: the best-supported side, then every other side, side by side."""
    rows = []
    for finding in result.findings:
        if not is_dispute(finding):
            continue
        first, *others = majority_first(finding.sides)
        rows.append({
            "id": display_id(finding.id), "severity": finding.severity.value,
            "status": finding_status(result, finding.id)[0], "rule": finding.rule, "kind": finding.kind,
            "subject": shown_subject(finding, result.lexicon), "attribute": finding.attribute, "why one fact": finding.reason,
            "tie": "" if first.majority else "yes",  # no side has more sources: "majority" is only the first
            **_sides("majority", finding.kind, [first]), **_sides("minority", finding.kind, others),
        })
    return _frame(rows, DISPUTE_COLUMNS)


def _sides(prefix: str, kind: str, sides: Sequence[Side]) -> dict[str, Any]:
    """The columns of one or more sides; several minority sides are separated by " | " (values)
    or by lines (documents and sentences, one line per statement, in the same order)."""
    statements = [e for side in sides for e in side.evidence]
    return {
        f"{prefix} value": " | ".join(" / ".join(written_values(s, limit=10)) for s in sides),
        f"{prefix} normalised": " | ".join(shown_value(kind, s.value) for s in sides),
        f"{prefix} sources": sum(s.sources for s in sides),
        f"{prefix} outlets": "; ".join(dict.fromkeys(e.outlet for e in statements if e.outlet)),
        f"{prefix} documents": "\n".join(_place(e) for e in statements),
        f"{prefix} sentences": "\n".join(e.text for e in statements),
    }


def _place(evidence: Evidence) -> str:
    return f"{evidence.doc}:{evidence.line}" if evidence.line else evidence.doc


def findings_frame(result: RunResult) -> pd.DataFrame:
    """Findings about one place (text quality, anachronisms): one row per statement."""
    rows = [
        {
            "id": display_id(finding.id), "severity": finding.severity.value,
            "status": finding_status(result, finding.id)[0], "rule": finding.rule, "kind": finding.kind,
            "subject": shown_subject(finding, result.lexicon), "message": finding.message, "document": evidence.doc,
            "outlet": evidence.outlet, "line": evidence.line, "as found": evidence.raw,
        }
        for finding in result.findings
        if not is_dispute(finding)
        for evidence in finding.evidence
    ]
    return _frame(rows, FINDING_COLUMNS)


def claims_frame(result: RunResult, outlets: dict[str, str]) -> pd.DataFrame:
    """Every extracted claim, for auditing what was read."""
    rows = [
        {
            "document": claim.doc, "outlet": outlets.get(claim.doc, ""), "line": claim.line,
            "kind": claim.kind.value, "subject": claim.subject, "attribute": claim.attribute,
            "value as written": claim.raw, "normalised": shown_value(claim.kind.value, claim.rendered),
            "scope": claim.scope, "modality": claim.modality, "sentence": claim.sentence,
        }
        for claim in result.claims
    ]
    return _frame(rows, CLAIM_COLUMNS)


def documents_frame(result: RunResult) -> pd.DataFrame:
    """Every input path: checked, or skipped with its reason; outlet, URL, publication date and its origin."""
    rows = [
        {
            "document": d.path, "status": d.status, "reason": d.reason, "outlet": d.outlet, "url": d.url,
            "published": d.published, "published from": d.published_from, "encoding": d.encoding,
            "claims": d.claims,
        }
        for d in result.documents
    ]
    return _frame(rows, DOCUMENT_COLUMNS)


def _frame(rows: list[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in ("line", "sources", "majority sources", "minority sources", "claims"):
        if column in frame:  # an empty frame has object columns: counts must still be whole numbers
            frame[column] = frame[column].astype("int64")
    return frame


# ----------------------------------------------------------------------- writing


def _write(sheets: dict[str, pd.DataFrame]) -> bytes:
    """openpyxl's write-only mode, not DataFrame.to_excel: half the time on 130,000 claims, and
    every cell's type is ours (to_excel lets openpyxl read a text beginning with "=" as a formula:
    a document could plant one)."""
    book = Workbook(write_only=True)
    for name, frame in sheets.items():
        _write_sheet(book, name, frame)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_times(buffer.getvalue())


def _write_sheet(book: Workbook, name: str, frame: pd.DataFrame) -> None:
    sheet = book.create_sheet(name)
    columns = list(frame.columns)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        letter = _letter(index)
        sheet.column_dimensions[letter].width = _width(column, frame[column])
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    text = [column in TEXT_COLUMNS for column in columns]
    wrapped = [column in WRAPPED_COLUMNS for column in columns]
    links = [column == "url" for column in columns]
    for values in frame.itertuples(index=False, name=None):
        sheet.append([_cell(sheet, v, text[i], wrapped[i], links[i]) for i, v in enumerate(values)])
    sheet.auto_filter.ref = f"A1:{_letter(len(columns) - 1)}{len(frame) + 1}"


def _cell(sheet: Any, value: Any, text: bool, wrapped: bool, link: bool) -> Any:
    """A value as openpyxl should store it: numbers as numbers, every string as text."""
    if not isinstance(value, str):
        return int(value)  # numpy integers are not openpyxl's
    # control characters are refused by openpyxl (and never belong in a sheet); our own line breaks stay
    value = "\n".join(printable(line) for line in value.split("\n")) if "\n" in value else printable(value)
    if not (text or wrapped or link or value.startswith(("=", "#"))):
        return value  # plain text that openpyxl types as a string: the fast path for most cells
    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # "=..." stays text, never a formula; "#N/A" never an error value
    if text:
        cell.number_format = "@"
    if wrapped:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    if link and SAFE_URL.match(value):
        cell.hyperlink = value
        cell.style = "Hyperlink"
    return cell


def _letter(index: int) -> str:
    """Column letter of a 0-based index (the sheets have fewer than 27 columns; kept general)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _width(column: str, values: pd.Series) -> float:
    """Wide enough for the header and the longest of the first rows' lines, within bounds."""
    widest = max([_cells(column) + 2] + [
        _cells(line) + 1 for value in values.head(SIZED_ROWS) for line in str(value).split("\n")
    ])
    return float(min(MAX_WIDTH, max(MIN_WIDTH, widest)))


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[: MAX_WIDTH * 2])


def _fixed_times(data: bytes) -> bytes:
    """The same workbook with every zip entry dated FIXED_TIME and the document's own created and
    modified stamps fixed: openpyxl writes the time of saving into both."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIMES.sub(rb"\g<1>" + FIXED_STAMP.encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, content)
    return out.getvalue()
