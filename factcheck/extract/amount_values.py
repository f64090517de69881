"""The value an amount stands for: scaled to base units, with the interval of values its wording allows.

Values are scaled to base units (1.4万亿美元 -> 1.4e12 USD); power and energy keep the unit
they were written in (GW, MW, kW, kWh...), which the amount check converts. A currency written
before the number wins over a plain 元 after it (新台币7,596亿元 is TWD).

Intervals. `AmountValue.low/high` is the closed interval of values compatible with how the
amount was written; None is unbounded. The tolerances live here and nowhere else:
- exact: value ± min(half a unit of the last significant digit, EXACT_REL_TOLERANCE × value);
  1.4万亿 -> [1.35e12, 1.45e12). An exclusive upper end is stored as high × (1 - OPEN_END_GAP)
  so that touching intervals (1.4万亿 vs 1.5万亿) stay disjoint under a closed-interval test.
- approx (约, 大约, 约合, 左右, 上下, 近似): value ± max(APPROX_REL_TOLERANCE × value, exact tolerance).
- nearly (近, 将近, 接近): [NEARLY_FLOOR × value, value].
- over (超过, 逾, 以上, 高于, 不止): [value, ∞). 余/多 right after the number bound it by the
  next step of the last digit written: 十余 = [10, 20), 300多万 = [300万, 400万).
- at-least (至少, 不少于) [value, ∞); under (不到, 不足, 低于, 少于, 以下) [0, value);
  at-most (至多, 最多, 不超过, 以内) [0, value]; range (X到Y, X至Y, X-Y, X~Y) [X, Y]; inverted: a range
  whose end lost the magnitude its start has (300万到400个), kept as written (low > high), an
  empty interval that agrees with no figure.
- vague (数百, 几十万): [2, 10) × the power of ten named, value = that power; 上百/上万 are at-least.
  `emphasis` words (高达, 达到, 已达, 长达) change nothing.
"""
from __future__ import annotations

import math
from decimal import Decimal
from typing import NamedTuple

from ..model import AmountValue
from .amount_numerals import _CANDIDATE, _magnitude_written, _Number, _number_at, _Suffix, _suffix
from .amount_words import RANGE_SEPARATORS, Unit, _at, _currency_prefix, _pre_qualifier, _skip_space

# ------------------------------------------------------------------ tolerances

EXACT_REL_TOLERANCE = Decimal("0.05")
APPROX_REL_TOLERANCE = Decimal("0.10")
NEARLY_FLOOR = Decimal("0.9")
OPEN_END_GAP = Decimal("1e-6")  # relative: keeps [a, b) and [b, c) apart under a closed test with float slack

# ------------------------------------------------------------------ building values


class _Reading(NamedTuple):
    """One amount found in a line: span of `raw` in the normalised line and its value."""

    start: int
    end: int
    value: AmountValue
    bare: bool  # no unit written: needs a metric word to count as a claim
    noun_end: int  # end of the counted noun after raw (用户), == end when none


def _single(text: str, number: _Number, suffix: _Suffix) -> _Reading | None:
    currency, start = _currency_prefix(text, number.start)
    unit = suffix.unit
    if currency and unit is not None and unit.dimension != "currency":
        currency = ""  # $5个: the sign is not this number's
    elif currency and (unit is None or unit.unit == "CNY" and text[suffix.end - 1] == "元"):
        unit = Unit(currency, "currency")  # 新台币7,596亿元: 元 is the prefix's dollar
    if not currency:
        start = number.start
    if unit is None and not _magnitude_written(number, suffix):
        return None  # a bare number, which _acceptable would refuse: no value is built for it
    pre, start = _pre_qualifier(text, start)
    value = _value(number, suffix, unit, pre or suffix.post)
    if value is None:
        return None
    bare = unit is None
    return _Reading(start, suffix.end, value, bare, suffix.noun_end)


def _value(number: _Number, suffix: _Suffix, unit: Unit | None, qualifier: str) -> AmountValue | None:
    factor = unit.factor if unit else Decimal(1)
    scale = suffix.scale * factor
    x, step = number.value * scale, number.step * scale
    if suffix.tail_step:  # 2356万7120人: the tail's last digit sets the step
        x, step = x + suffix.tail * factor, suffix.tail_step * factor
    canonical, dimension = (unit.unit, unit.dimension) if unit else ("", "count")
    if suffix.compound_unit is not None:  # 10年零7个月: months
        x, step = number.value * 12 + suffix.extra, Decimal(1)
        canonical = suffix.compound_unit.unit
    elif suffix.extra:  # 3年半
        x, step = x + suffix.extra * factor, suffix.extra * factor
    if number.kind == "vague":
        return _amount(x, canonical, dimension, "vague", x * 2, _open(x * 10, x * 8))
    if number.kind == "atleast":
        return _amount(x, canonical, dimension, "at-least", x, None)
    if suffix.over_step:
        return _amount(x, canonical, dimension, "over", x, _open(x + step, step))
    return _qualified(x, step, canonical, dimension, qualifier or "exact")


_TOLERANT = ("exact", "approx")  # qualifiers whose interval is the value ± a tolerance


def _qualified(x: Decimal, step: Decimal, unit: str, dimension: str, qualifier: str) -> AmountValue:
    if qualifier == "exact" and x == 0:
        return _amount(x, unit, dimension, qualifier, Decimal(0), Decimal(0))
    if qualifier in _TOLERANT:  # only the qualifier's own bounds are computed
        tolerance = min(step / 2, EXACT_REL_TOLERANCE * x)
        if qualifier == "approx":
            tolerance = max(APPROX_REL_TOLERANCE * x, tolerance)
        low, high = x - tolerance, _open(x + tolerance, 2 * tolerance)
    elif qualifier == "nearly":
        low, high = x * NEARLY_FLOOR, x
    elif qualifier in ("over", "at-least"):
        low, high = x, None
    elif qualifier == "under":
        low, high = Decimal(0), _open(x, x)
    else:  # at-most
        low, high = Decimal(0), x
    return _amount(x, unit, dimension, qualifier, low, high)


def _open(x: Decimal, width: Decimal) -> float:
    """An exclusive upper end as a closed one: a hair below (never more than half the
    interval's `width`), so touching intervals stay apart."""
    return float(x - min(x * OPEN_END_GAP, width / 2))


def _amount(x: Decimal, unit: str, dimension: str, qualifier: str, low, high) -> AmountValue:
    low_f = None if low is None else float(low)
    high_f = None if high is None else float(high)
    return AmountValue(float(x), unit, dimension, qualifier, low_f, high_f)


def _range_from(text: str, first: _Number, first_suffix: _Suffix) -> _Reading | None:
    """X到Y, X至Y, X-Y: the second number gives the magnitude and unit the first may lack."""
    if first_suffix.post or first_suffix.over_step or first.kind not in ("arabic", "cn"):
        return None
    second = _range_second(text, first_suffix.end)
    if second is None:
        return None
    second_suffix = _suffix(text, second)
    currency, start = _currency_prefix(text, first.start)
    unit = second_suffix.unit or first_suffix.unit or (Unit(currency, "currency") if currency else None)
    if not currency:
        start = first.start
    if first_suffix.unit is not None and second_suffix.unit is not None and first_suffix.unit != second_suffix.unit:
        return None
    if unit is None and second_suffix.scale == 1 and first_suffix.scale == 1:
        return None  # 010-12345678, 2025-12: not a range of amounts
    if unit is not None and unit.unit == "year" and (second.year_like or first.year_like):
        return None
    factor = unit.factor if unit else Decimal(1)
    scale_first = first_suffix.scale if first_suffix.scale != 1 else second_suffix.scale
    low = first.value * scale_first * factor
    high = second.value * second_suffix.scale * factor
    dropped_magnitude = first_suffix.scale != 1 and second_suffix.scale == 1 and second_suffix.unit is not None
    if not low < high and not dropped_magnitude:
        return None  # 300万到400个 is kept as written: a range whose end lost its magnitude
    canonical, dimension = (unit.unit, unit.dimension) if unit else ("", "count")
    kind = "range" if low < high else "inverted"
    value = AmountValue(float(low), canonical, dimension, kind, float(low), float(high))
    return _Reading(start, second_suffix.end, value, unit is None, second_suffix.noun_end)


def _range_second(text: str, pos: int) -> _Number | None:
    """The number after a range separator at `pos`, if one is there."""
    pos = _skip_space(text, pos, limit=1)
    if not text.startswith(RANGE_SEPARATORS, pos):  # most numbers: no range
        return None
    separator = next(s for s in RANGE_SEPARATORS if _at(text, pos, s))
    match = _CANDIDATE.match(text, _skip_space(text, pos + len(separator), limit=1))
    if match is None or not (match.group("arabic") or match.group("cn")):
        return None
    return _number_at(text, match)


# ------------------------------------------------------------------ comparing


def overlaps(a: AmountValue, b: AmountValue) -> bool:
    """Whether two amounts in the same unit can both hold (their closed intervals meet)."""
    low_a = -math.inf if a.low is None else a.low
    low_b = -math.inf if b.low is None else b.low
    high_a = math.inf if a.high is None else a.high
    high_b = math.inf if b.high is None else b.high
    return low_a <= high_b and low_b <= high_a
