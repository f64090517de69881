"""What every reporter shows the same way: ids a spreadsheet keeps as text, values without exponents, sides majority first."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Sequence

from ..model import Finding, RunResult, Side

# A finding id is 16 hex digits; "87818982007993e8" or "1797e308" read as numbers in Excel and
# LibreOffice. A letter prefix keeps every id text. Only the spreadsheet formats show it: the
# JSON, SARIF and baseline ids stay the bare fingerprint.
ID_PREFIX = "F-"

# AmountValue.render writes figures with "%.6g", so 1.4萬億 renders as 1.4e+12. The finding ids and
# the baseline are computed from that form and must not change; only what is shown is rewritten.
_EXPONENT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][-+]?\d+(?![\w.])")


def display_id(finding_id: str) -> str:
    """A finding id as shown in a CSV or a workbook: never a number to a spreadsheet."""
    return f"{ID_PREFIX}{finding_id}"


def plain_number(token: str) -> str:
    """One figure in exponent form as a plain decimal: 1.4e+12 -> 1400000000000, 5e-05 -> 0.00005."""
    try:
        number = Decimal(token)
    except InvalidOperation:
        return token
    # a float never passes 1.8e308; the bound only keeps a malformed token from growing to a gigabyte
    if not number.is_finite() or abs(number.adjusted()) > 400:
        return token
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def plain_figures(text: str) -> str:
    """Every figure written in exponent form inside a normalised amount ("approx 9e+08 person")
    made plain ("approx 900000000 person"); text without one is returned as it is."""
    if "e" not in text and "E" not in text:
        return text
    return _EXPONENT.sub(lambda match: plain_number(match.group()), text)


def shown_value(kind: str, value: str) -> str:
    """A normalised value as shown to people: amounts with plain figures, everything else as is
    (a name, a title or a repaired text keeps every character, "1e5" included)."""
    return plain_figures(value) if kind == "amount" else value


def majority_first(sides: Sequence[Side]) -> list[Side]:
    """The sides with the one most sources support first, then by support; ties keep their order."""
    return sorted(sides, key=lambda side: (not side.majority, -side.sources))


def written_values(side: Side, limit: int = 3) -> list[str]:
    """The side's values as its documents write them, each once, in the order they are cited."""
    seen: list[str] = []
    for evidence in side.evidence:
        if evidence.raw and evidence.raw not in seen:
            seen.append(evidence.raw)
            if len(seen) == limit:
                break
    return seen


def is_dispute(finding: Finding) -> bool:
    """A fact sources disagree on (two sides or more), as opposed to a note on one document."""
    return len(finding.sides) > 1


def shown_subject(finding: Finding) -> str:
    """The subject in the documents' own case: a key is lower-cased Latin ("openai", "jakub
    pachocki"); where a cited sentence writes it, it is shown as written there ("OpenAI")."""
    subject = finding.subject
    if not subject or subject.lower() != subject or not subject.isascii():
        return subject
    for evidence in finding.evidence:
        lowered = evidence.text.lower()
        at = lowered.find(subject) if len(lowered) == len(evidence.text) else -1  # İ lowers to two characters
        if at >= 0:
            return evidence.text[at : at + len(subject)]
    return subject

def finding_status(result: RunResult, finding_id: str) -> tuple[str, str]:
    """("new" | "known" | "suppressed", suppression reason or "") for one finding."""
    reasons = result.suppression_reasons
    if finding_id in reasons:
        return "suppressed", reasons[finding_id]
    if finding_id in result.known:
        return "known", ""
    return "new", ""
