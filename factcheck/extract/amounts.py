"""Amount and count claims: numbers with magnitude, unit and qualifier, the metric they measure and its owner.

Reading. Numbers are found in `Line.norm` (Simplified, ASCII digits): Arabic with thousands
separators and decimals, Chinese numerals (三千五百万, 三点五), mixed forms (1.4万亿, 3千亿),
magnitudes (万 亿 万亿 千亿 百亿 十亿 千万 百万 十万 千 百 兆=10^12, million/billion/trillion,
M/B/bn), units (currencies, %, 个百分点, people, power, energy, durations, counters) and
qualifiers. Values are scaled to base units (1.4万亿美元 -> 1.4e12 USD); power and energy
keep the unit they were written in (GW, MW, kW, kWh...), which the amount check converts.
A currency written before the number wins over a plain 元 after it (新台币7,596亿元 is TWD).

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

Not amounts: dates (2025年, 12月1日: 年 is a duration only when the number cannot be a year),
ordinals (第二), model and version numbers (GPT-4o, 5.2模型, Gemini 3, o1: bare numbers or
numbers glued to Latin words), list markers, phone and registration numbers (no unit; more
than MAX_INTEGER_DIGITS digits are never read), anything inside 《》. A number with neither
unit nor magnitude is never a claim; one with a magnitude but no unit (超过8亿) is a claim only
when a metric word is in its clause.

Attribution. attribute = the metric word of `[lexicon.metrics]` nearest the number in its
clause (a counted noun right after the number first, then words before it, then after it;
words used as adverbials, `在融资中`, last), prefixed with a periodicity from
`[lexicon.metric_scopes]` (`weekly:active-users`); the generic key `total` (总额, 规模) gives
way to a specific metric elsewhere in the sentence. Without a lexicon word, a short head noun
phrase before the number (or after it, for counters), else the dimension. subject = the
nearest lexicon entity (canonical key of `[lexicon.entities]`, via factcheck.terms) in the
clause before the number, else before it in the sentence, else after it; "" if none.
scope = an explicit year/month/half/quarter in the clause before the number, or in an earlier
clause of the sentence that opens with 截至/到/在... or is only a date; a small reader of its
own (dates.py exposes no parser), dates introduced by 自/从 or followed by 以来 are not scopes.
modality = the kind of the `[lexicon.markers]` word (target, estimate, plan) nearest before
the amount in its sentence.
"""
from __future__ import annotations

import bisect
import datetime as dt
import math
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Iterator, NamedTuple

from . import context
from ..config import Config
from ..model import AmountValue, Claim, ClaimKind, DateValue, Document, Line
from .numerals import CN_DIGITS, parse_cn_int
from ..normalise import normalise_text
from .terms import alias_pattern, find_terms, lead_terms, main_event

# ------------------------------------------------------------------ tolerances

EXACT_REL_TOLERANCE = Decimal("0.05")
APPROX_REL_TOLERANCE = Decimal("0.10")
NEARLY_FLOOR = Decimal("0.9")
OPEN_END_GAP = Decimal("1e-6")  # relative: keeps [a, b) and [b, c) apart under a closed test with float slack
MAX_INTEGER_DIGITS = 15  # longer digit runs are identifiers (phone, registration), not amounts

# ------------------------------------------------------------------ units


@dataclass(frozen=True)
class Unit:
    """What a unit word means: canonical unit, dimension, scale to it, and how it reads."""

    unit: str
    dimension: str
    factor: Decimal = Decimal(1)
    counter: bool = False  # discrete things: a decimal needs a magnitude (1.5万个, not 5.2个)
    noun: bool = False  # a counted noun (用户): gives the unit but stays out of `raw`


def _units() -> dict[str, Unit]:
    table: dict[str, Unit] = {}

    def add(words: str, unit: str, dimension: str, factor: str = "1", **flags: bool) -> None:
        for word in words.split():
            table[word] = Unit(unit, dimension, Decimal(factor), **flags)

    add("美元 美金 USD dollars", "USD", "currency")
    add("元 人民币 人民币元 块钱 CNY RMB", "CNY", "currency")
    add("港元 港币 HKD", "HKD", "currency")
    add("新台币 台币 TWD", "TWD", "currency")
    add("欧元 EUR", "EUR", "currency")
    add("英镑 GBP", "GBP", "currency")
    add("日元 日圆 JPY", "JPY", "currency")
    add("韩元 KRW", "KRW", "currency")
    add("卢布", "RUB", "currency")
    add("卢比", "INR", "currency")
    add("澳元", "AUD", "currency")
    add("加元", "CAD", "currency")
    add("% ％", "%", "percent")
    add("个百分点 百分点", "pp", "percentage-points")
    add("个基点 基点 bp", "bp", "basis-points")
    add("人 名 位", "person", "count", counter=True)
    add("死 亡 伤", "person", "count", counter=True)  # a toll in short: 3死、120伤 (see TOLL_WORDS)
    add("用户", "person", "count", counter=True, noun=True)
    add("人次", "person-time", "count", counter=True)
    add("吉瓦 GW 千兆瓦 百万千瓦 百万瓩", "GW", "power")
    add("兆瓦 MW", "MW", "power")
    add("千瓦 kW 瓩", "kW", "power")
    add("千瓦时 kWh 度电", "kWh", "energy")
    add("兆瓦时 MWh", "MWh", "energy")
    add("吉瓦时 GWh", "GWh", "energy")
    add("太瓦时 TWh", "TWh", "energy")
    add("周 个星期 星期 个礼拜 礼拜 週", "week", "duration")
    add("天 日内", "day", "duration")
    add("个月", "month", "duration")
    add("年", "year", "duration")
    add("小时 个小时 个钟头 钟头", "hour", "duration")
    add("分钟", "minute", "duration")
    add("秒钟 秒", "second", "duration")
    add("公里 千米 km", "km", "length")
    add("米", "m", "length")
    add("平方公里", "km2", "area")
    add("平方米", "m2", "area")
    add("吨", "t", "mass")
    add("公斤 千克 kg", "kg", "mass")
    add("岁", "years-old", "age")
    add("倍", "x", "ratio")
    add("级", "magnitude", "magnitude")  # 7.9级地震, 12级台风
    for counter in "个 次 家 款 项 座 台 辆 架 艘 件 篇 部 场 轮 批 例 张 份 套 条 枚 颗 届 笔".split():
        add(counter, counter, "count", counter=True)
    return table


UNITS = _units()
# The longest unit word at a place, in one match; a Latin word that goes on (5 Mbps) is none.
_UNIT_WORD = re.compile("|".join(
    re.escape(word) + ("(?![A-Za-z])" if word.isascii() and word[-1].isalpha() else "")
    for word in sorted(UNITS, key=len, reverse=True)
))

# Currency signs and codes written before the number ($5, US$20 billion, 人民币100亿元).
CURRENCY_PREFIXES = {
    "US$": "USD", "USD": "USD", "$": "USD", "NT$": "TWD", "TWD": "TWD", "新台币": "TWD",
    "HK$": "HKD", "HKD": "HKD", "港币": "HKD", "RMB": "CNY", "CNY": "CNY", "人民币": "CNY",
    "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP", "JPY": "JPY",
    "¥": "¥", "￥": "¥",  # yen or yuan: a unit of its own, equal only to itself
}
_CURRENCY_LENGTHS = sorted({len(w) for w in CURRENCY_PREFIXES}, reverse=True)
_CURRENCY_LAST = frozenset(w[-1] for w in CURRENCY_PREFIXES)

MAGNITUDES = {
    "万亿": 10**12, "千亿": 10**11, "百亿": 10**10, "十亿": 10**9, "亿": 10**8, "千万": 10**7,
    "百万": 10**6, "十万": 10**5, "万": 10**4, "千": 10**3, "百": 10**2, "兆": 10**12,
    "萬億": 10**12, "億": 10**8, "萬": 10**4,
    "trillion": 10**12, "billion": 10**9, "million": 10**6, "thousand": 10**3,
    "tn": 10**12, "bn": 10**9, "mn": 10**6, "B": 10**9, "M": 10**6, "K": 10**3, "k": 10**3,
}
_SPACED_MAGNITUDES = {"trillion", "billion", "million", "thousand", "tn", "bn", "mn"}
_MAGNITUDE_VALUES = {word: Decimal(value) for word, value in MAGNITUDES.items()}


def _longest_word(words) -> re.Pattern:
    """The longest of `words` at a place, in one match; a Latin word that goes on (5 Mio) is none."""
    return re.compile("|".join(
        re.escape(word) + ("(?![A-Za-z])" if word.isascii() else "") for word in sorted(words, key=len, reverse=True)
    ))


_MAGNITUDE_WORD = _longest_word(MAGNITUDES)
# After a space only the spelled-out Latin magnitudes are read: 5 M, 3 B are too loose.
_SPACED_MAGNITUDE_WORD = _longest_word(w for w in MAGNITUDES if not w.isascii() or w in _SPACED_MAGNITUDES)

# Qualifier words written before the number; longest match wins.
PRE_QUALIFIERS = {
    **dict.fromkeys("约合 大约 大概 约为 约有 约达 约 近似 大致".split(), "approx"),
    **dict.fromkeys("将近 接近 逼近 近".split(), "nearly"),
    **dict.fromkeys("超过 超出 逾 超 高于 多于 大于 突破".split(), "over"),
    **dict.fromkeys("至少 不少于 不低于 起码 最少".split(), "at-least"),
    **dict.fromkeys("不到 不足 低于 少于 小于 未满".split(), "under"),
    **dict.fromkeys("至多 最多 不超过 不高于 顶多".split(), "at-most"),
}
_PRE_QUALIFIER_LENGTHS = sorted({len(w) for w in PRE_QUALIFIERS}, reverse=True)
_PRE_QUALIFIER_LAST = frozenset(w[-1] for w in PRE_QUALIFIERS)
POST_QUALIFIERS = {
    "左右": "approx", "上下": "approx", "以上": "over", "之上": "over", "不止": "over", "有余": "over",
    "以下": "under", "以内": "at-most", "之内": "at-most",
}
_POST_WORDS = tuple(POST_QUALIFIERS)
_OVER_STEP = ("余", "多")  # right after the number: the next step of its last digit bounds it
RANGE_SEPARATORS = ("到", "至", "-", "~", "～", "〜", "–", "—")
_NOT_NEARLY = ("最近", "附近")  # 近 closing these words is not a qualifier

# Generic metric key: a total (总额, 规模) whose meaning comes from elsewhere in the sentence.
GENERIC_METRIC = "total"
# A toll written in short, its counter naming what it counts: 3死、120伤、2亡.
TOLL_WORDS = {"死": "deaths", "亡": "deaths", "伤": "injuries"}
# Metrics counted in people: a bare count for them (周活跃用户超过8亿) gets unit "person".
PEOPLE_METRICS = frozenset({
    "users", "active-users", "paying-users", "employees", "layoffs", "population", "deaths",
    "injuries", "missing", "trapped", "votes", "cases", "visitors", "students",
})
# Metrics a dimension implies when no word names one (4.5千兆瓦 of data centres: capacity).
DIMENSION_METRICS = {"power": "capacity", "magnitude": "magnitude"}
# A metric word right before one of these is a verb of change (增长至) or an adverbial (在融资中).
_CHANGE_AFTER = ("至", "到")
_ADVERBIAL_AFTER = ("中", "里", "时", "后", "期间", "之际")
_YEAR_NOT_DURATION = "代底初末前后度级中春夏秋冬"
_QUOTED_TERM_MAX = 16
_UNSCOPED = ("duration", "age")  # a tenure or an age has no time scope of its own
_SCOPE_LEADS = ("截至", "截止到", "截止", "直到", "到", "至", "在", "于")

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
_LATIN = re.compile(r"[A-Za-z]")
_SCOPE_DATE = re.compile(
    r"(?P<year>(?:19|20)\d{2})年(?:(?P<month>\d{1,2})月|(?P<half>上|下)半年|第?(?P<quarter>[一二三四1-4])季度)?"
    r"|(?P<rel>今年|去年|明年|前年)(?:(?P<rmonth>\d{1,2})月|(?P<rhalf>上|下)半年)?"
)
# Every word an amount may read right after its numeral, a space allowed before it.
_MAY_FOLLOW = re.compile(" ?(?:" + "|".join(
    map(re.escape, sorted({*UNITS, *MAGNITUDES, *POST_QUALIFIERS, *RANGE_SEPARATORS, "余", "多", "点"}, key=len, reverse=True))
) + ")")
_SINCE_BEFORE = ("自从", "自", "从")
_SINCE_AFTER = ("以来", "起", "开始")

# ------------------------------------------------------------------ reading numbers


class _Number(NamedTuple):
    """A numeral as written: its value, the unit of its last significant digit, its span."""

    value: Decimal
    step: Decimal
    start: int
    end: int
    kind: str  # arabic, cn, vague, atleast
    big: bool = False  # a Chinese numeral holding 万/亿: a magnitude is written
    year_like: bool = False  # could be a calendar year (2025, 二〇二五)


class _Reading(NamedTuple):
    """One amount found in a line: span of `raw` in the normalised line and its value."""

    start: int
    end: int
    value: AmountValue
    bare: bool  # no unit written: needs a metric word to count as a claim
    noun_end: int  # end of the counted noun after raw (用户), == end when none


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


def _unit_at(text: str, pos: int) -> tuple[Unit | None, int]:
    found = _UNIT_WORD.match(text, _skip_space(text, pos, limit=1))
    if found is None:
        return None, pos
    return UNITS[found.group()], found.end()


def _magnitude_at(text: str, pos: int) -> tuple[Decimal | None, int]:
    start = _skip_space(text, pos, limit=1)
    found = (_MAGNITUDE_WORD if start == pos else _SPACED_MAGNITUDE_WORD).match(text, start)
    if found is None:
        return None, pos
    return _MAGNITUDE_VALUES[found.group()], found.end()


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


def _post_qualifier(text: str, pos: int) -> tuple[str, int]:
    if not text.startswith(_POST_WORDS, pos):  # most numbers: none
        return "", pos
    for word, qualifier in POST_QUALIFIERS.items():
        if _at(text, pos, word):
            return qualifier, pos + len(word)
    return "", pos


# ------------------------------------------------------------------ before the number


def _currency_prefix(text: str, start: int) -> tuple[str, int]:
    end = _skip_space_back(text, start)
    if not end or text[end - 1] not in _CURRENCY_LAST:  # most numbers: no sign can end here
        return "", start
    for sign in _endings(text, end, CURRENCY_PREFIXES, _CURRENCY_LENGTHS):
        begin = end - len(sign)
        if sign[0].isalpha() and sign.isascii() and begin > 0 and _LATIN.match(text[begin - 1]):
            continue
        return CURRENCY_PREFIXES[sign], begin
    return "", start


def _pre_qualifier(text: str, start: int) -> tuple[str, int]:
    end = _skip_space_back(text, start)
    if not end or text[end - 1] not in _PRE_QUALIFIER_LAST:  # most numbers: no qualifier can end here
        return "", start
    for word in _endings(text, end, PRE_QUALIFIERS, _PRE_QUALIFIER_LENGTHS):
        if word == "近" and text.endswith(_NOT_NEARLY, 0, end):
            continue
        return PRE_QUALIFIERS[word], end - len(word)
    return "", start


def _endings(text: str, end: int, words: dict[str, str], lengths: list[int]) -> Iterator[str]:
    """The words of `words` that text[:end] ends with, longest first (one per length)."""
    for length in lengths:
        word = text[end - length : end] if length <= end else ""
        if word in words:
            yield word


# ------------------------------------------------------------------ building values


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


# ------------------------------------------------------------------ filters


def _magnitude_written(number: _Number, suffix: _Suffix) -> bool:
    return suffix.scale != 1 or number.big or number.kind in ("vague", "atleast")


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


# ------------------------------------------------------------------ small text helpers


def _at(text: str, pos: int, word: str) -> bool:
    return text.startswith(word, pos)


def _at_back(text: str, pos: int, word: str) -> bool:
    return text.endswith(word, 0, _skip_space_back(text, pos))


def _skip_space(text: str, pos: int, limit: int = 1) -> int:
    end = pos
    while end < len(text) and end - pos < limit and text[end] == " ":
        end += 1
    return end


def _skip_space_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] == " ":
        pos -= 1
    return pos


# ------------------------------------------------------------------ lexicons


@dataclass(frozen=True)
class _Lexicon:
    """The lexicon sections amounts read, normalised and compiled once per config."""

    metrics: context.Scanner | None
    metric_key: dict[str, str]
    scopes: context.Scanner | None
    scope_key: dict[str, str]
    markers: context.Scanner | None
    marker_kind: dict[str, str]
    entity_keys: frozenset[str]
    as_of_publication: frozenset[str]  # metrics whose unscoped figures hold on the publication day only
    window_days: int  # an unscoped figure holds around its publication date, this many days either side
    event_metrics: frozenset[str]  # metrics an event may own when no organisation is named


_MARKER_PRIORITY = ("target", "estimate", "plan")  # a word in several lists takes the first


def _lexicon(config: Config) -> _Lexicon:
    return config.derived("amounts.lexicon", _build_lexicon)


def _build_lexicon(config: Config) -> _Lexicon:
    sections = {name: config.lex(name) for name in ("metrics", "metric_scopes", "markers", "entities", "metric_rules")}
    metric_key = _alias_map(sections["metrics"], config)
    scope_key = _alias_map(sections["metric_scopes"], config)
    markers = {kind: sections["markers"].get(kind, []) for kind in reversed(_MARKER_PRIORITY)}
    marker_kind = _alias_map(markers, config, keys_are_aliases=False)
    entity_keys = frozenset(_normalise_word(key, config).lower() for key in sections["entities"])
    rules = sections["metric_rules"]
    return _Lexicon(alias_pattern(metric_key), metric_key, alias_pattern(scope_key), scope_key,
                    alias_pattern(marker_kind), marker_kind, entity_keys,
                    frozenset(rules["as_of_publication"]), rules["publication_window_days"],
                    frozenset(rules["event_metrics"]))


def _alias_map(section: dict, config: Config, keys_are_aliases: bool = True) -> dict[str, str]:
    """Normalised lower-case alias -> key; later sections' keys win for shared words."""
    out: dict[str, str] = {}
    for key, aliases in sorted(section.items()) if keys_are_aliases else section.items():
        words = [key, *aliases] if keys_are_aliases else list(aliases)
        for word in words:
            norm = _normalise_word(word, config).lower()
            if norm:
                out[norm] = key
    return out


def _normalise_word(word: str, config: Config) -> str:
    return normalise_text(word, config)


def _line_norm(line: Line, config: Config) -> str:
    if line.norm and len(line.norm) == len(line.text):
        return line.norm
    normalised = _normalise_word(line.text, config)
    return normalised if len(normalised) == len(line.text) else line.text


# ------------------------------------------------------------------ attribution


class _Window(NamedTuple):
    """Where an amount sits: the line, its sentence and clause spans, the amount span."""

    norm: str
    sentence: tuple[int, int]
    clause: tuple[int, int]
    start: int
    end: int
    noun_end: int


def _window(norm: str, reading: _Reading) -> _Window:
    sentence = context.sentence_at(norm, reading.start)
    clause_start = context.clause_at(norm, reading.start, *sentence)[0]
    clause_end = context.clause_at(norm, max(reading.end, reading.noun_end), *sentence)[1]
    return _Window(norm, sentence, (clause_start, clause_end), reading.start, reading.end, reading.noun_end)


def _metric_hits(lex: _Lexicon, window: _Window, value: AmountValue, lo: int, hi: int) -> list[tuple[int, int, str]]:
    if lex.metrics is None or value.dimension in _UNSCOPED:
        return []  # a tenure or an age fits no metric (_fits): the clause is not scanned
    hits = []
    for match in lex.metrics.finditer(window.norm, lo, hi):
        if match.start() < window.end and match.end() > window.start:
            continue
        if match.end() <= window.start and window.norm.startswith(_CHANGE_AFTER, match.end()):
            continue
        key = lex.metric_key[match.group(0).lower()]
        if _fits(key, value):
            hits.append((match.start(), match.end(), key))
    return hits


def _fits(metric: str, value: AmountValue) -> bool:
    """People metrics count people (or share of them): not minutes, dollars or 次; a tenure
    or an age is named by the text around it, never by a money or count metric."""
    if value.dimension in _UNSCOPED:
        return False
    if metric not in PEOPLE_METRICS:
        return True
    return value.unit in ("person", "") or value.dimension in ("percent", "percentage-points")


def _nearest_metric(window: _Window, hits: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """A counted noun right after the number, then the nearest word before, then after it."""
    if not hits:
        return None
    after = min((h for h in hits if h[0] >= window.end), key=_after_order, default=None)
    if after is not None and after[0] - window.end <= 1:
        return after  # the nearest word after is the only one that can be adjacent
    before = [h for h in hits if h[1] <= window.start]
    plain = [h for h in before if not window.norm.startswith(_ADVERBIAL_AFTER, h[1])]
    if plain:
        return min(plain, key=_before_order)
    # no plain word before: the nearest word after, else the nearest adverbial one before
    return after or min(before, key=_before_order, default=None)


def _after_order(hit: tuple[int, int, str]) -> tuple[int, int]:
    return hit[0], -hit[1]


def _before_order(hit: tuple[int, int, str]) -> tuple[int, int]:
    return -hit[1], hit[0]


def _metric(lex: _Lexicon, window: _Window, value: AmountValue) -> tuple[str, tuple[int, int] | None]:
    """The canonical metric key and the span of the word it was read from."""
    hit = _nearest_metric(window, _metric_hits(lex, window, value, *window.clause))
    implied = DIMENSION_METRICS.get(value.dimension, "")
    if implied and (hit is None or hit[2] == GENERIC_METRIC):
        return implied, None
    if hit is not None and hit[2] == GENERIC_METRIC:
        specific = [h for h in _metric_hits(lex, window, value, *window.sentence) if h[2] != GENERIC_METRIC]
        if specific:
            centre = window.start
            hit = min(specific, key=lambda h: (min(abs(h[0] - centre), abs(h[1] - centre)), h[0]))
    if hit is None:
        return "", None
    return hit[2], (hit[0], hit[1])


def _periodicity(lex: _Lexicon, window: _Window, metric: str, span: tuple[int, int] | None) -> str:
    """daily/weekly/monthly/annual said next to the metric word or right before the number."""
    if lex.scopes is None:
        return ""
    for match in lex.scopes.finditer(window.norm, *window.clause):
        scope = lex.scope_key[match.group(0).lower()]
        if scope in metric:
            continue
        near_metric = span is not None and span[0] - 3 <= match.end() and match.start() < span[1]
        between = span is not None and span[1] <= match.start() and match.end() <= window.start
        near_number = match.end() <= window.start and window.start - match.end() <= 3
        if near_metric or between or near_number:
            return scope
    return ""


_STOP_CHARS = "的了是为在把被将和与及或等有从向对给让使已也都就还仍而并且、 "
_LEADING_VERBS = ("达到", "高达", "多达", "长达", "已达", "升至", "增至", "降至", "达", "约", "为", "是", "有", "共", "仅")
_SPEECH_VERBS = re.compile("透露|表示|认为|指出|称|说")
_THROUGH_LAST_STOP = re.compile(f"(?:[^{re.escape(_STOP_CHARS)}]*[{re.escape(_STOP_CHARS)}])*")


def _fallback_attribute(window: _Window, value: AmountValue) -> str:
    """A short head noun phrase before the number, or after it for counters, else the dimension."""
    before = _head_before(window.norm[window.clause[0] : window.start])
    if value.dimension != "count":
        return before or value.dimension
    after = _head_after(window.norm[max(window.end, window.noun_end) : window.clause[1]])
    return after or before or value.dimension


def _head_before(text: str) -> str:
    text = text.rstrip()
    while text.endswith(_LEADING_VERBS):  # each pass strips at least the verb the text ends with
        for verb in _LEADING_VERBS:
            if text.endswith(verb):
                text = text[: -len(verb)].rstrip()
    head = text[_THROUGH_LAST_STOP.match(text).end() :]  # after the last stop character
    if len(head) > 6:
        head = re.sub(r"^[A-Za-z0-9]+", "", head[-6:])  # never half a Latin word
    return head.lower() if len(head) >= 2 else ""


def _head_after(text: str) -> str:
    phrase = _SPEECH_VERBS.split(text.strip(), maxsplit=1)[0]
    if "的" in phrase:  # 自下而上的项目: the noun after the last 的
        phrase = phrase.rsplit("的", 1)[1]
    head = re.split(f"[{_STOP_CHARS}]", phrase, maxsplit=1)[0][:4]
    return head.lower() if len(head) >= 2 else ""


def _terms(norm: str, config: Config) -> "LineTerms":
    return LineTerms(find_terms(norm, config))


class LineTerms:
    """A line's key terms, and those starting in a span found by bisection: a long line holds
    thousands of terms, and each amount reads only the few of its own sentence."""

    def __init__(self, terms) -> None:
        self.terms = terms
        self.order = sorted(range(len(terms)), key=lambda i: terms[i].start)
        self.starts = [terms[i].start for i in self.order]

    def within(self, lo: int, hi: int) -> list:
        """The terms starting in [lo, hi), in the line's own order (plain reference: a scan of all)."""
        first, last = bisect.bisect_left(self.starts, lo), bisect.bisect_left(self.starts, hi)
        return [self.terms[i] for i in sorted(self.order[first:last])]


def _subject(terms, window: _Window, known: frozenset[str], events_may_own: bool) -> str:
    """The nearest lexicon entity before the number in the clause, else in the sentence, else
    after it; an organisation only found by its suffix (某某公司) counts in the clause before;
    with no organisation at all, the lexicon event of the sentence (a quake's toll, an
    election's turnout)."""
    entities = [t for t in terms if t.kind == "entity"]
    listed = [t for t in entities if t.text in known]
    clause_lo, clause_hi = window.clause
    sentence_lo, sentence_hi = window.sentence
    searches = (
        ([t for t in listed if clause_lo <= t.start and t.end <= window.start], max),
        ([t for t in listed if sentence_lo <= t.start and t.end <= window.start], max),
        ([t for t in listed if window.end <= t.start and t.end <= clause_hi], min),
        ([t for t in listed if window.end <= t.start and t.end <= sentence_hi], min),
        ([t for t in entities if clause_lo <= t.start and t.end <= window.start], max),
    )
    if events_may_own:
        events = [t for t in terms if t.kind == "event"]
        searches += (
            ([t for t in events if sentence_lo <= t.start and t.end <= window.start], max),
            ([t for t in events if window.end <= t.start and t.end <= sentence_hi], min),
        )
    for found, pick in searches:
        if found:
            return pick(found, key=lambda t: t.start).text
    return ""


def _other_terms(terms, window: _Window, subject: str) -> tuple[str, ...]:
    out: list[str] = []
    for term in terms:
        inside = window.clause[0] <= term.start and term.end <= window.clause[1]
        if inside and term.text != subject and term.text not in out:
            out.append(term.text)
    return tuple(out)


def _modality(lex: _Lexicon, window: _Window) -> str:
    """The marker (target, estimate, plan) nearest before the amount in its sentence."""
    if lex.markers is None:
        return ""
    last = ""
    for match in lex.markers.finditer(window.norm, window.sentence[0], window.start):
        word = match.group(0)
        if len(word) > 1 or word.isascii():  # 约, 将, 拟 alone are qualifiers or parts of words here
            last = lex.marker_kind[word.lower()]
    return last


# ------------------------------------------------------------------ time scope


def _scope(window: _Window, published: dt.date | None) -> str:
    """An explicit date for the metric: in its clause before it, else an earlier lead clause."""
    clause_dates = _dates_in(window.norm, window.clause[0], window.start, published)
    if clause_dates:
        return clause_dates[-1]
    lo = window.sentence[0]
    while lo < window.clause[0]:
        hi = context.clause_at(window.norm, lo, lo, window.clause[0])[1]
        clause = window.norm[lo:hi].strip(" ·•")
        if clause.startswith(_SCOPE_LEADS) or _only_date(clause):
            dates = _dates_in(window.norm, lo, hi, published)
            if dates:
                return dates[-1]
        lo = hi + 1
    return ""


def _scope_of(window: _Window, value: AmountValue, metric: str, published: dt.date | None, lex: _Lexicon) -> str:
    """The explicit scope; else, in a dated document, an implicit one read off the publication
    date: the day itself for a fast-moving metric (two days' death tolls are two figures, not a
    contradiction), else `~` + a window around it (a valuation two years apart is another one)."""
    if value.dimension in _UNSCOPED:
        return ""
    scope = _scope(window, published)
    if scope or published is None:
        return scope
    day, around = _implicit_scopes(published, lex.window_days)
    return day if metric in lex.as_of_publication else around


@lru_cache(maxsize=64)
def _implicit_scopes(published: dt.date, window_days: int) -> tuple[str, str]:
    """The publication day and the window around it, rendered: the same for every amount of a
    document, so rendered once per document, not once per claim."""
    margin = dt.timedelta(days=window_days)
    around = DateValue(published - margin, published + margin, "range").render()
    return DateValue(published, published, "day").render(), "~" + around


def _only_date(clause: str) -> bool:
    match = _SCOPE_DATE.match(clause)
    return bool(match) and len(clause) - match.end() <= 2


def _dates_in(norm: str, lo: int, hi: int, published: dt.date | None) -> list[str]:
    out = []
    for match in _SCOPE_DATE.finditer(norm, lo, hi):
        if norm.startswith(_SINCE_AFTER, match.end()) or any(w in norm[lo : match.start()] for w in _SINCE_BEFORE):
            continue  # 自2022年以来, 从12月1日到2026年1月: a starting point or a span, not a scope
        if "以来" in norm[match.end() : hi]:
            continue
        rendered = _render_scope(match, published)
        if rendered:
            out.append(rendered)
    return out


def _render_scope(match: re.Match, published: dt.date | None) -> str:
    if match.group("rel"):
        if published is None:
            return DateValue(None, None, "year", relative=True, written=match.group(0)).render()
        year = published.year + {"今年": 0, "去年": -1, "明年": 1, "前年": -2}[match.group("rel")]
        month, half, quarter = match.group("rmonth"), match.group("rhalf"), None
    else:
        year = int(match.group("year"))
        month, half, quarter = match.group("month"), match.group("half"), match.group("quarter")
    return _period(year, month, half, quarter)


def _period(year: int, month: str | None, half: str | None, quarter: str | None) -> str:
    if month:
        number = int(month)
        if not 1 <= number <= 12:
            return ""
        return DateValue(dt.date(year, number, 1), dt.date(year, number, 1), "month").render()
    if half or quarter:
        first = 1 if half == "上" else 7 if half else 1 + 3 * ("一二三四1234".index(quarter) % 4)
        last = first + (5 if half else 2)
        end = dt.date(year + last // 12, last % 12 + 1, 1) - dt.timedelta(days=1)
        return DateValue(dt.date(year, first, 1), end, "range").render()
    return DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), "year").render()


# ------------------------------------------------------------------ claims


def extract_amounts(doc: Document, config: Config) -> list[Claim]:
    """Every amount claim of one document, in line order."""
    lex = _lexicon(config)
    claims: list[Claim] = []
    for line in doc.lines:
        norm = _line_norm(line, config)
        readings = read_amounts(norm)
        if not readings:
            continue
        terms = _terms(norm, config)
        for reading in readings:
            claim = _claim(doc, line, norm, reading, lex, terms)
            if claim is not None:
                claims.append(claim)
    return _owned_by_the_story(claims, doc, lex, config)


def _owned_by_the_story(claims: list[Claim], doc: Document, lex: _Lexicon, config: Config) -> list[Claim]:
    """A toll or a turnout naming no owner (全市投票率约55%) is the story's own event's, when the
    lead names exactly one."""
    orphans = [c for c in claims if not c.subject and c.attribute.rsplit(":", 1)[-1] in lex.event_metrics]
    if not orphans:
        return claims
    event = main_event(lead_terms(doc.lines, config))
    if not event:
        return claims
    return [replace(c, subject=event) if not c.subject and c.attribute.rsplit(":", 1)[-1] in lex.event_metrics else c
            for c in claims]


def _claim(doc: Document, line: Line, norm: str, reading: _Reading, lex: _Lexicon, terms) -> Claim | None:
    window = _window(norm, reading)
    value = reading.value
    metric, span = _metric(lex, window, value)
    if norm[reading.end - 1 : reading.end] in TOLL_WORDS and value.unit == "person":
        metric, span = TOLL_WORDS[norm[reading.end - 1]], None  # 3死、120伤: the counter names the toll
    if reading.bare and not metric:
        return None
    if reading.bare and metric in PEOPLE_METRICS and value.dimension == "count":
        value = replace(value, unit="person")
    periodicity = _periodicity(lex, window, metric, span)
    attribute = metric or _fallback_attribute(window, value)
    if periodicity:
        attribute = f"{periodicity}:{attribute}"
    terms = terms.within(*window.sentence)  # _subject and _other_terms look no further
    subject = _subject(terms, window, lex.entity_keys, metric in lex.event_metrics)
    s_start, s_end = _trimmed(line.text, *window.sentence)
    return Claim(
        kind=ClaimKind.AMOUNT,
        doc=doc.path,
        line=line.number,
        sentence=line.text[s_start:s_end],
        raw=line.text[reading.start : reading.end],
        start=reading.start - s_start,
        subject=subject,
        attribute=attribute,
        value=value,
        scope=_scope_of(window, value, metric, doc.meta.published, lex),
        terms=_other_terms(terms, window, subject),
        modality=_modality(lex, window),
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# ------------------------------------------------------------------ comparing


def overlaps(a: AmountValue, b: AmountValue) -> bool:
    """Whether two amounts in the same unit can both hold (their closed intervals meet)."""
    low_a = -math.inf if a.low is None else a.low
    low_b = -math.inf if b.low is None else b.low
    high_a = math.inf if a.high is None else a.high
    high_b = math.inf if b.high is None else b.high
    return low_a <= high_b and low_b <= high_a
