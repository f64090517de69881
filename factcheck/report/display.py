"""What every reporter shows the same way: ids a spreadsheet keeps as text, values without exponents, sides majority first."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Iterable, Sequence

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


def shown_subject(finding: Finding, lexicon: dict | None = None) -> str:
    """The subject in the documents' own words, script and case: an alias or key a cited
    sentence writes (紅色警報 for code-red, OpenAI for openai, 北辰機器人 for 北辰机器人), as
    written there; else the key itself."""
    if not finding.subject:
        return ""
    sentences = [evidence.text for evidence in finding.evidence]
    return own_words(subject_candidates(finding, lexicon or {}), sentences, limit=1) or finding.subject


def finding_status(result: RunResult, finding_id: str) -> tuple[str, str]:
    """("new" | "known" | "suppressed", suppression reason or "") for one finding."""
    reasons = result.suppression_reasons
    if finding_id in reasons:
        return "suppressed", reasons[finding_id]
    if finding_id in result.known:
        return "known", ""
    return "new", ""


MAX_WORDS = 3  # spellings of a subject shown on a card: enough to recognise it in every script
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def own_words(candidates: Iterable[str], sentences: Sequence[str], limit: int = MAX_WORDS) -> str:
    """The candidates' spellings as the sentences write them (original script and case), at most
    `limit`, in the order met; "" when no sentence holds one."""
    words = sorted({_fold(c) for c in candidates if c.strip()}, key=len, reverse=True)
    found: list[str] = []
    for sentence in sentences:
        folded = _fold(sentence)
        same_length = len(folded) == len(sentence)  # so an offset in one is an offset in the other
        for word in words:
            at = folded.find(word) if same_length else sentence.find(word)
            if at >= 0:
                spelled = sentence[at:at + len(word)]
                if spelled not in found:
                    found.append(spelled)
                break
        if len(found) >= limit:
            break  # the rest of the sentences are not read (a report of 10,000 documents cites many)
    return " / ".join(found)


def subject_candidates(finding: Finding, lexicon: dict) -> list[str]:
    """What a finding's subject may be written as: its keys and, for a lexicon event or
    organisation, every alias (紅色警報 for code-red)."""
    keys = {finding.subject, finding.key} - {""}
    found = [*keys, *(k.replace("-", " ") for k in keys)]
    for section in ("events", "entities"):
        for key in keys:
            found += lexicon.get(section, {}).get(key, [])
    return found


def _fold(text: str) -> str:
    """Simplified script, ASCII lower case: how a key or alias is compared with a sentence."""
    return _t2s().convert(text).translate(_ASCII_LOWER) if text else text


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # imported on first use, as the pipeline does: its C library takes ~50 ms to load

    return opencc.OpenCC("t2s")
