"""Numerals as amounts write them (Arabic, Chinese, mixed, vague, 百分之) and what follows each (多/余, unit).

Numbers are found in `Line.norm` (Simplified, ASCII digits): Arabic with thousands separators
and decimals, Chinese numerals (三千五百万, 三点五, colloquial 三千五), mixed forms (1.4万亿,
3千亿), digits going on after 万/亿 (2356万7120人), compound durations (10年零7个月, 3年半).
Digit runs longer than MAX_INTEGER_DIGITS are identifiers and never read.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from . import context
from .amount_words import UNITS, Unit, _at, _magnitude_at, _post_qualifier, _unit_at
from .numerals import CN_DIGITS, parse_cn_int

MAX_INTEGER_DIGITS = 15  # longer digit runs are identifiers (phone, registration), not amounts

_CN_CHARS = "零〇一二两兩三四五六七八九十百千万亿萬億"
_CN_UNIT_CHARS = "十百千万亿萬億"
_BIG_CN = frozenset("万亿萬億")  # a numeral holding one writes its magnitude
_CN_DIGIT_SET = frozenset(CN_DIGITS)
# 一, 零, 〇 alone are never a number (一些, 之一, 零售): a run of them is a candidate only when it
# goes on, which skips the commonest character of Chinese numerals without reading it.
_LONE = "一零〇"
_CN_RUN = rf"(?![{_LONE}](?![{_CN_CHARS}]))[{_CN_CHARS}]+"
_CANDIDATE = context.Scanner(
    re.compile(rf"(?P<pct>百分之)|(?P<vague>[数几上])(?=[{_CN_UNIT_CHARS}])|(?P<arabic>\d+(?:[.,]\d+)*)|(?P<cn>{_CN_RUN})"),
    # the first character of each branch; one class first, so the engine scans for it in C
    re.compile(rf"[百数几上\d{_CN_CHARS}](?:(?<![{_LONE}])|(?=[{_CN_CHARS}]))"),
)
_ARABIC_VALID = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

_OVER_STEP = ("余", "多")  # right after the number: the next step of its last digit bounds it

# ------------------------------------------------------------------ numerals


class _Number(NamedTuple):
    """A numeral as written: its value, the unit of its last significant digit, its span."""

    value: Decimal
    step: Decimal
    start: int
    end: int
    kind: str  # arabic, cn, vague, atleast
    big: bool = False  # a Chinese numeral holding 万/亿: a magnitude is written
    year_like: bool = False  # could be a calendar year (2025, 二〇二五)


def _number_at(text: str, match: re.Match) -> _Number | None:
    if match.group("arabic"):
        return _arabic(match.group("arabic"), match.start())
    if match.group("cn"):
        return _chinese(text, match.start(), match.end())
    if match.group("vague"):
        return _vague(text, match.start())
    return _percent_words(text, match.start())


def _arabic(token: str, start: int) -> _Number | None:
    if not _ARABIC_VALID.fullmatch(token):
        return None  # 1.2.3, 5,6: not a number
    digits = token.replace(",", "")
    if len(digits.split(".")[0]) > MAX_INTEGER_DIGITS:
        return None
    value = Decimal(digits)
    year_like = "." not in digits and len(digits) == 4 and 1000 <= value <= 2999
    return _Number(value, _step_of(value), start, start + len(token), "arabic", year_like=year_like)


def _chinese(text: str, start: int, end: int) -> _Number | None:
    run = text[start:end]
    if run[0] in "千万亿萬億" or run in ("一", "零", "〇"):
        return None  # 千兆瓦, 万一, 之一: not a number written here
    value = _colloquial_cn(run)
    if value is None or value == 0:
        return None
    decimal, end = _cn_decimal(text, Decimal(value), end)
    year_like = len(run) >= 2 and _CN_DIGIT_SET.issuperset(run)
    big = not _BIG_CN.isdisjoint(run)
    return _Number(decimal, _step_of(decimal), start, end, "cn", big=big, year_like=year_like)


def _colloquial_cn(run: str) -> int | None:
    """三千五 is 3500 and 一亿二 is 1.2亿 in speech and headlines: a digit after a unit is a tenth of it."""
    if len(run) >= 3 and run[-1] in CN_DIGITS and run[-2] in "百千万亿萬億":
        head = parse_cn_int(run[:-1])
        unit = parse_cn_int("一" + run[-2])
        if head is not None and unit is not None and CN_DIGITS[run[-1]]:
            return head + CN_DIGITS[run[-1]] * unit // 10
    return parse_cn_int(run)


def _cn_decimal(text: str, value: Decimal, end: int) -> tuple[Decimal, int]:
    """三点五 -> 3.5: digits after 点 extend the numeral."""
    if end >= len(text) or text[end] != "点":
        return value, end
    tail = end + 1
    while tail < len(text) and text[tail] in CN_DIGITS:
        tail += 1
    if tail == end + 1 or value != value.to_integral_value():
        return value, end
    fraction = "".join(str(CN_DIGITS[ch]) for ch in text[end + 1 : tail])
    return Decimal(f"{int(value)}.{fraction}"), tail


def _vague(text: str, start: int) -> _Number | None:
    """数百, 几十万 (vague) and 上百, 上万 (at least) name a power of ten, not a number."""
    tail = start + 1
    while tail < len(text) and text[tail] in _CN_UNIT_CHARS:
        tail += 1
    base = parse_cn_int("一" + text[start + 1 : tail])
    if base is None:
        return None
    kind = "atleast" if text[start] == "上" else "vague"
    return _Number(Decimal(base), Decimal(base), start, tail, kind, big=base >= 10**4)


def _percent_words(text: str, start: int) -> _Number | None:
    """百分之四十五 -> a number whose unit is already %; read by _suffix through `pct`."""
    inner = _CANDIDATE.match(text, start + 3)
    if inner is None or not (inner.group("arabic") or inner.group("cn")):
        return None
    number = _number_at(text, inner)
    if number is None:
        return None
    return number._replace(start=start, kind="pct:" + number.kind)


def _step_of(number: Decimal) -> Decimal:
    """The unit of the last significant digit written: 1.4 -> 0.1, 5000 -> 1000, 8 -> 1 (a
    numeral as read, never in exponent form: digits after a point are a negative exponent)."""
    exponent = number.as_tuple().exponent
    if exponent < 0:
        return Decimal(1).scaleb(exponent)
    if number == 0:
        return Decimal(1)
    return Decimal(1).scaleb(number.normalize().as_tuple().exponent)


def _magnitude_written(number: _Number, suffix: _Suffix) -> bool:
    return suffix.scale != 1 or number.big or number.kind in ("vague", "atleast")


# ------------------------------------------------------------------ suffix: 多/余, magnitude, unit


class _Suffix(NamedTuple):
    """What follows a numeral: scale, unit, the step of 多/余, post qualifier, spans."""

    scale: Decimal
    unit: Unit | None
    end: int  # end of raw
    noun_end: int
    over_step: bool = False  # 余/多 right after the number
    post: str = ""  # qualifier written after
    extra: Decimal = Decimal(0)  # 年零7个月, 年半: added in the unit's terms
    compound_unit: Unit | None = None
    tail: Decimal = Decimal(0)  # 2356万7120人: digits after 万/亿, in base units
    tail_step: Decimal = Decimal(0)  # the step of the tail's last digit, in base units


def _suffix(text: str, number: _Number) -> _Suffix:
    pos = number.end
    over_step = False
    if number.kind.startswith("pct"):
        return _Suffix(Decimal(1), UNITS["%"], pos, pos)
    if text.startswith(_OVER_STEP, pos):
        over_step, pos = True, pos + 1
    scale, unit, pos, noun_end = _scale_and_unit(text, pos)
    tail, tail_step = Decimal(0), Decimal(0)
    if unit is None and scale in _TAILED:
        tail, tail_step, unit, pos, noun_end = _tail(text, pos, scale, noun_end)
    if unit is None and not over_step and text.startswith(_OVER_STEP, pos):
        over_step, pos = True, pos + 1
        more_scale, unit, pos, noun_end = _scale_and_unit(text, pos)
        scale *= more_scale
    extra, compound, pos = _compound_duration(text, unit, pos)
    post, pos = _post_qualifier(text, pos)
    return _Suffix(scale, unit, pos, max(noun_end, pos), over_step, post, extra, compound, tail, tail_step)


_TAILED = (Decimal(10**4), Decimal(10**8))  # 万, 亿: the magnitudes a number goes on after
_TAIL_DIGITS = re.compile(r"\d{1,4}(?![\d.,])")


def _tail(text: str, pos: int, scale: Decimal, noun_end: int) -> tuple[Decimal, Decimal, Unit | None, int, int]:
    """2356万7120人, 3亿5000万元: digits right after 万 or 亿 go on with the number, in that
    magnitude's lower places; only when a unit (or 万 then a unit) follows them."""
    nothing = (Decimal(0), Decimal(0), None, pos, noun_end)
    digits = _TAIL_DIGITS.match(text, pos)
    if digits is None:
        return nothing
    value, after = Decimal(digits.group()), digits.end()
    lower = Decimal(1)
    if scale == _TAILED[1] and text.startswith(("万", "萬"), after):
        lower, after = Decimal(10**4), after + 1
    unit, end = _unit_at(text, after)
    if unit is None or value * lower >= scale:
        return nothing
    if unit.noun:
        return value * lower, lower, unit, after, end
    return value * lower, lower, unit, end, end


def _scale_and_unit(text: str, pos: int) -> tuple[Decimal, Unit | None, int, int]:
    """Units first (千兆瓦 is a unit, not 千 + 兆瓦), then magnitudes, then a unit again."""
    scale = Decimal(1)
    unit, end = _unit_at(text, pos)
    while unit is None:
        magnitude, after = _magnitude_at(text, pos)
        if magnitude is None:
            break
        scale, pos = scale * magnitude, after
        unit, end = _unit_at(text, pos)
    if unit is None:
        return scale, None, pos, pos
    if unit.noun:
        return scale, unit, pos, end
    return scale, unit, end, end


def _compound_duration(text: str, unit: Unit | None, pos: int) -> tuple[Decimal, Unit | None, int]:
    """10年零7个月 -> 127 months; 3年半 -> 3.5 years."""
    if unit is None or unit.dimension != "duration":
        return Decimal(0), None, pos
    if unit.unit == "year":
        months = re.match(rf"零?(\d{{1,2}}|[{_CN_CHARS}]{{1,3}})个月", text[pos:])
        if months:
            count = _small_number(months.group(1))
            if count is not None:
                return Decimal(count), UNITS["个月"], pos + months.end()
    if unit.unit in ("year", "day", "week") and _at(text, pos, "半"):
        return Decimal("0.5"), None, pos + 1
    return Decimal(0), None, pos


def _small_number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_cn_int(text)
