"""Every amount in a line (`read_amounts`), and what is not an amount though a number is written.

Not amounts: dates (2025年, 12月1日: 年 is a duration only when the number cannot be a year),
ordinals (第二), model and version numbers (GPT-4o, 5.2模型, Gemini 3, o1: bare numbers or
numbers glued to Latin words), list markers, phone and registration numbers (no unit; more
than MAX_INTEGER_DIGITS digits are never read), anything inside 《》.
"""
from __future__ import annotations

import math
import re

from ..model import AmountValue
from .amount_numerals import _BIG_CN, _CANDIDATE, _magnitude_written, _Number, _number_at, _Suffix, _suffix
from .amount_values import _range_from, _Reading, _single
from .amount_words import (
    MAGNITUDES, POST_QUALIFIERS, RANGE_SEPARATORS, UNITS, _at_back, _currency_prefix, _LATIN,
)

_YEAR_NOT_DURATION = "代底初末前后度级中春夏秋冬"
_QUOTED_TERM_MAX = 16

# Every word an amount may read right after its numeral, a space allowed before it.
_MAY_FOLLOW = re.compile(" ?(?:" + "|".join(
    map(re.escape, sorted({*UNITS, *MAGNITUDES, *POST_QUALIFIERS, *RANGE_SEPARATORS, "余", "多", "点"}, key=len, reverse=True))
) + ")")

# ------------------------------------------------------------------ reading a line


def read_amounts(norm: str) -> list[_Reading]:
    """Every amount in one normalised line, in order; never raises on hostile numbers."""
    found: list[_Reading] = []
    pos = 0
    match_at = _CANDIDATE.pattern.match
    # one scan for the places a candidate may begin; those inside an amount just read are passed
    for start in _CANDIDATE.starts.finditer(norm):
        at = start.start()
        match = match_at(norm, at) if at >= pos else None
        if match is None:
            continue
        if _plainly_bare(norm, match):
            pos = match.end()
            continue
        reading, resume = _amount_at(norm, match)
        if reading is not None:
            found.append(reading)
        pos = max(resume, at + 1)
    return found


def _plainly_bare(text: str, match: re.Match) -> bool:
    """A numeral with nothing after it that an amount reads on (unit, magnitude, 余/多, qualifier,
    range, 点) and no currency sign before it: refused by _amount_at whatever it is, and resumed
    after, so it is refused here before a number is built (列表3，, 8月1日离, 第三方)."""
    kind = match.lastgroup
    if kind == "cn":
        if not _BIG_CN.isdisjoint(match.group("cn")):
            return False  # a magnitude written inside the numeral
    elif kind != "arabic":
        return False
    if _MAY_FOLLOW.match(text, match.end()):
        return False
    return not _currency_prefix(text, match.start())[0]


def _amount_at(text: str, match: re.Match) -> tuple[_Reading | None, int]:
    number = _number_at(text, match)
    if number is None:
        return None, match.end()
    parsed = _suffix(text, number)
    if _never_amount(text, number, parsed):  # refused whatever it would read as: no value is built
        return None, max(number.end, parsed.end)
    reading = _range_from(text, number, parsed) or _single(text, number, parsed)
    if reading is None or not _acceptable(text, reading, number, parsed):
        return None, max(number.end, parsed.end)
    return reading, max(reading.end, reading.noun_end)


# ------------------------------------------------------------------ filters


def _never_amount(text: str, number: _Number, suffix: _Suffix) -> bool:
    """Ordinals, dates and decimals of counters: refused whatever reading the number would give."""
    if _at_back(text, number.start, "第"):
        return True  # no currency sign or qualifier ends in 第: any reading would start at the number
    fractional = number.value != number.value.to_integral_value()
    if suffix.unit is not None and suffix.unit.counter and fractional and not _magnitude_written(number, suffix):
        return True  # 5.2个: a version, not a count
    return _is_date(text, number, suffix)


def _acceptable(text: str, reading: _Reading, number: _Number, suffix: _Suffix) -> bool:
    """Bare numbers, ordinals, versions, names in 《》 are not amounts (dates, decimals of
    counters and ordinals with 第 right before the number are refused earlier, by _never_amount)."""
    value = reading.value
    if reading.bare and not _magnitude_written(number, suffix) and value.qualifier not in ("range", "inverted"):
        return False  # a bare number: list marker, version, phone, year
    if _glued_to_latin(text, number, suffix, value):
        return False
    if _at_back(text, reading.start, "第") or _inside_name(text, reading.start, max(reading.end, reading.noun_end)):
        return False
    return math.isfinite(value.value)


def _is_date(text: str, number: _Number, suffix: _Suffix) -> bool:
    unit = suffix.unit
    if unit is None or unit.unit != "year" or suffix.compound_unit is not None:
        return False
    if number.year_like and suffix.scale == 1:
        return True
    after = text[suffix.end : suffix.end + 1]
    return bool(after) and after in _YEAR_NOT_DURATION


def _glued_to_latin(text: str, number: _Number, suffix: _Suffix, value: AmountValue) -> bool:
    """GPT-4o, o1, Gemini 3, 3D: a number that is part of a name."""
    follows = text[number.end : number.end + 1]
    if suffix.unit is None and suffix.scale == 1 and follows and (_LATIN.match(follows)):
        return True
    before = number.start - 1
    if before >= 1 and text[before] in "-. ":
        before -= 1
    if before < 0 or not _LATIN.match(text[before]):
        return False
    return suffix.scale == 1 and value.dimension not in ("currency", "percent")


def _inside_name(text: str, start: int, end: int) -> bool:
    """In 《...》, or in a quoted term that goes on after the amount (“战略三部曲”)."""
    if text.rfind("《", 0, start) > text.rfind("》", 0, start):
        return True
    opened = text.rfind("“", 0, start)
    if opened <= text.rfind("”", 0, start):
        return False
    close = text.find("”", end)
    return end < close <= opened + _QUOTED_TERM_MAX  # a long quotation is speech, not a name
