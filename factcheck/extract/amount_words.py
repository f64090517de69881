"""The words around a number in an amount (units, currency signs, magnitudes, qualifiers) and their lookups.

Units are currencies, %, 个百分点, people, power, energy, durations, lengths, masses and
counters; magnitudes 万 亿 万亿 千亿 百亿 十亿 千万 百万 十万 千 百 兆=10^12,
million/billion/trillion, M/B/bn. A word is looked up in `Line.norm` (Simplified, ASCII digits).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

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

# ------------------------------------------------------------------ qualifiers and ranges

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

RANGE_SEPARATORS = ("到", "至", "-", "~", "～", "〜", "–", "—")
_NOT_NEARLY = ("最近", "附近")  # 近 closing these words is not a qualifier

_LATIN = re.compile(r"[A-Za-z]")

# ------------------------------------------------------------------ after the number


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
