"""Amount extraction fast paths, each compared with the plain code it stands in for: the candidate
pattern and loop (refused numerals, bare and ordinal numbers, decimals of counters, dates), clause
bounds, head words, unit words and magnitudes by one match, prefixes refused by their last character,
the nearest metric without sorting, bounds without a table of closures, a value's step from its
digits, Chinese integers read by pattern."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import (
    amount_context, amount_metrics, amount_numerals, amount_reading, amount_values, amount_words, context, numerals,
)
from factcheck.model import AmountValue
# ------------------------------------------------------------------ candidates


def test_amounts_read_as_with_the_plain_candidate_pattern(monkeypatch, numeral_lines):
    """Reference: the candidate pattern as one alternation, tried wherever a digit or numeral may start."""
    cn = amount_numerals._CN_CHARS
    plain = context.Scanner(
        re.compile(rf"(?P<pct>百分之)|(?P<vague>[数几上])(?=[{amount_numerals._CN_UNIT_CHARS}])|(?P<arabic>\d+(?:[.,]\d+)*)|(?P<cn>[{cn}]+)"),
        re.compile(rf"[百数几上\d{cn}]"),
    )
    fast = [amount_reading.read_amounts(line) for line in numeral_lines]
    for module in (amount_numerals, amount_values, amount_reading):  # each reads candidates
        monkeypatch.setattr(module, "_CANDIDATE", plain)
    assert fast == [amount_reading.read_amounts(line) for line in numeral_lines]


def test_lone_one_is_no_amount_and_longer_runs_still_are():
    assert amount_reading.read_amounts("一些人说，这是之一。") == []
    assert [line[r.start : r.end] for line in ["一万人参加"] for r in amount_reading.read_amounts(line)] == ["一万人"]
    assert amount_reading.read_amounts("十一万元")[0].value.value == 110000


@pytest.mark.parametrize(("line", "raws"), [
    ("2025年营收增长", []),  # a year, refused before any value is built
    ("他在2025年3月1日宣布", []),
    ("12月1日", []),
    ("工作了3年", ["3年"]),
    ("2020-2025年", []),
    ("5.2个版本", []),  # a decimal of a counter
    ("1.5万个岗位", ["1.5万个"]),
    ("第3名", []),
    ("列表3，", []),  # bare
    ("$5的门票", ["$5"]),  # bare but for the currency sign before it
    ("US$20 billion", ["US$20 billion"]),
    ("超过8亿", ["超过8亿"]),  # a magnitude: kept for a metric word to claim
    ("约3到5万元", ["3到5万元"]),  # a range keeps no qualifier
    ("3-5人", ["3-5人"]),
    ("GPT-4o", []),
    ("百分之五", ["百分之五"]),
])
def test_refused_numbers_stay_refused_and_amounts_stay_read(line, raws):
    assert [line[r.start : r.end] for r in amount_reading.read_amounts(line)] == raws


CANDIDATE_TOKENS = [
    "2025", "3", "12", "三点五", "1,234", "1.5", "0", "一", "二", "三千五", "两", "十", "万", "亿", "百分之", "数", "上", "几",
    "第", "年", "月", "日", "日内", "个", "个月", "人", "元", "美元", "%", "亿元", "万人", "GW", "M", "bn", " ", "$", "US$",
    "人民币", "新台币", "约", "超过", "近", "余", "多", "点", "左右", "以上", "到", "-", "至", "~", "半", "零",
    "，", "。", "《", "》", "“", "”", "的", "首", "GPT", "o", "x", "营收", "用户", "增长",
]
CANDIDATE_LINES = st.lists(st.sampled_from(CANDIDATE_TOKENS), max_size=14).map("".join)


def _plain_never(text, number, suffix):
    """_never_amount as it was: decimals of counters and dates only."""
    fractional = number.value != number.value.to_integral_value()
    if suffix.unit is not None and suffix.unit.counter and fractional and not amount_numerals._magnitude_written(number, suffix):
        return True
    return amount_reading._is_date(text, number, suffix)


def _plain_read(line: str) -> list:
    """Every candidate searched for afresh and read in full; ordinals refused once read (by _acceptable)."""
    found, pos = [], 0
    while (match := amount_numerals._CANDIDATE.search(line, pos)) is not None:
        reading, resume = amount_reading._amount_at(line, match)
        if reading is not None:
            found.append(reading)
        pos = max(resume, match.start() + 1)
    return found


@settings(max_examples=1500, deadline=None)
@given(CANDIDATE_LINES)
def test_amounts_read_as_the_plain_loop_reads_them(line):
    """Reference: `_plain_read` (every candidate read in full) with `_plain_never` and no bare-number shortcut."""
    fast = amount_reading.read_amounts(line)
    saved = amount_reading._plainly_bare, amount_reading._never_amount
    try:
        amount_reading._plainly_bare = lambda text, match: False
        amount_reading._never_amount = _plain_never
        plain = _plain_read(line)
    finally:
        amount_reading._plainly_bare, amount_reading._never_amount = saved
    assert fast == plain


def test_plainly_bare_numerals_are_refused_and_others_read():
    assert amount_reading.read_amounts("列表3，第三方，8月1日离开") == []
    line = "$5，3 亿元，三点五万人，3-5人"
    assert [line[r.start : r.end] for r in amount_reading.read_amounts(line)] == ["$5", "3 亿元", "三点五万人", "3-5人"]
    assert amount_reading.read_amounts("第3名，第二个，第$2025") == []


# ------------------------------------------------------------------ clause bounds, head words and units

HEAD_PIECES = [
    "，", ",", "、", "：", ":", "；", "。", "！", "？", "!", "?", " ", "的", "了", "和", "达到", "高达", "约", "为", "是",
    "营收", "用户", "公司", "3", "万", "亿", "美元", "元", "个", "人", "GW", "kWh", "Mbps", "M", "dollars", "dollarsX", "%",
    "人民币元", "个月", "千兆瓦", "a", "Z", "度电", "吨", "k",
]
HEAD_TEXTS = st.lists(st.sampled_from(HEAD_PIECES), max_size=16).map("".join)


def _plain_head_before(text: str) -> str:
    """_head_before as it was: verbs stripped pass by pass, the cut found by one rfind per stop character."""
    text = text.rstrip()
    stripped = True
    while stripped:
        stripped = False
        for verb in amount_metrics._LEADING_VERBS:
            if text.endswith(verb):
                text, stripped = text[: -len(verb)].rstrip(), True
    cut = max(map(text.rfind, amount_metrics._STOP_CHARS))
    head = text[cut + 1 :]
    if len(head) > 6:
        head = re.sub(r"^[A-Za-z0-9]+", "", head[-6:])
    return head.lower() if len(head) >= 2 else ""


def _plain_unit_at(text: str, pos: int):
    """_unit_at as it was: every unit length tried, longest first."""
    start = amount_words._skip_space(text, pos, limit=1)
    for length in sorted({len(w) for w in amount_words.UNITS}, reverse=True):
        word = text[start : start + length]
        unit = amount_words.UNITS.get(word)
        if unit is None or len(word) < length:
            continue
        if word.isascii() and word[-1].isalpha() and amount_words._LATIN.match(text[start + length : start + length + 1]):
            continue
        return unit, start + length
    return None, pos


@settings(max_examples=1500, deadline=None)
@given(HEAD_TEXTS)
def test_head_before_is_the_plain_one(text):
    """Reference: `_plain_head_before`, the former `_head_before` (verbs stripped pass by pass)."""
    assert amount_metrics._head_before(text) == _plain_head_before(text)


@settings(max_examples=1500, deadline=None)
@given(HEAD_TEXTS, st.data())
def test_unit_words_are_what_the_length_loop_finds(text, data):
    """Reference: `_plain_unit_at`, the former `_unit_at` (every unit length tried, longest first)."""
    pos = data.draw(st.integers(0, len(text)))
    assert amount_words._unit_at(text, pos) == _plain_unit_at(text, pos)


# ------------------------------------------------------------------ magnitudes, prefixes, metrics, bounds, numerals

PIECES = [
    "，", "。", " ", "的", "在", "中", "时", "至", "到", "约", "近", "最近", "超过", "不到", "至多", "$", "US$", "HK$", "RMB",
    "USD", "人民币", "新台币", "€", "¥", "3", "1.5", "万", "亿", "万亿", "千", "百", "兆", "M", "B", "K", "k", "bn", "mn",
    "tn", "million", "billion", "trillion", "thousand", "Mio", "x", "a", "元", "美元", "人", "营收", "用户",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)
CN_TEXTS = st.text(alphabet="〇零一二两三四五六七八九十百千万亿萬億拾佰仟x", max_size=8)


def _plain_magnitude_at(text: str, pos: int):
    """_magnitude_at as it was: every magnitude length tried, longest first."""
    start = amount_words._skip_space(text, pos, limit=1)
    for length in sorted({len(w) for w in amount_words.MAGNITUDES}, reverse=True):
        word = text[start : start + length]
        if word not in amount_words.MAGNITUDES or len(word) < length:
            continue
        if word.isascii():
            if start > pos and word not in amount_words._SPACED_MAGNITUDES:
                continue
            if amount_words._LATIN.match(text[start + length : start + length + 1]):
                continue
        return Decimal(amount_words.MAGNITUDES[word]), start + length
    return None, pos


def _plain_endings(text: str, start: int, words: dict, skip_near: bool) -> tuple[str, int]:
    """_currency_prefix and _pre_qualifier as they were: every length tried, no last-character test."""
    end = amount_words._skip_space_back(text, start)
    for length in sorted({len(w) for w in words}, reverse=True):
        word = text[end - length : end] if length <= end else ""
        if word not in words:
            continue
        begin = end - length
        if not skip_near and word[0].isalpha() and word.isascii() and begin > 0 and amount_words._LATIN.match(text[begin - 1]):
            continue
        if skip_near and word == "近" and text.endswith(amount_words._NOT_NEARLY, 0, end):
            continue
        return words[word], begin
    return "", start


def _plain_step(digits: str) -> Decimal:
    """_step as it was: the digits read again, a point looked for in the text."""
    number = Decimal(digits)
    if "." in digits:
        return Decimal(1).scaleb(number.as_tuple().exponent)
    if number == 0:
        return Decimal(1)
    return Decimal(1).scaleb(number.normalize().as_tuple().exponent)


def _plain_nearest(window, hits):
    """_nearest_metric as it was: four sorted groups, the first non-empty one's head."""
    after = sorted((h for h in hits if h[0] >= window.end), key=lambda h: (h[0], -h[1]))
    before = sorted((h for h in hits if h[1] <= window.start), key=lambda h: (-h[1], h[0]))
    adjacent = [h for h in after if h[0] - window.end <= 1]
    plain = [h for h in before if not window.norm.startswith(amount_metrics._ADVERBIAL_AFTER, h[1])]
    adverbial = [h for h in before if h not in plain]
    for group in (adjacent, plain, after, adverbial):
        if group:
            return group[0]
    return None


def _plain_qualified(x, step, unit, dimension, qualifier):
    """_qualified as it was: a table of every qualifier's bounds, the one asked for called."""
    tolerance = min(step / 2, amount_values.EXACT_REL_TOLERANCE * x)
    if qualifier == "approx":
        tolerance = max(amount_values.APPROX_REL_TOLERANCE * x, tolerance)
    bounds = {
        "exact": lambda: (x - tolerance, amount_values._open(x + tolerance, 2 * tolerance)),
        "approx": lambda: (x - tolerance, amount_values._open(x + tolerance, 2 * tolerance)),
        "nearly": lambda: (x * amount_values.NEARLY_FLOOR, x),
        "over": lambda: (x, None),
        "at-least": lambda: (x, None),
        "under": lambda: (Decimal(0), amount_values._open(x, x)),
        "at-most": lambda: (Decimal(0), x),
    }
    low, high = bounds[qualifier]()
    if qualifier == "exact" and x == 0:
        low, high = Decimal(0), Decimal(0)
    return amount_values._amount(x, unit, dimension, qualifier, low, high)


def _plain_parse_cn_int(text: str):
    """numerals.parse_cn_int as it was: its character tests one Python step per character."""
    if not text or any(ch not in numerals.CN_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in numerals.CN_DIGITS for ch in text):
        if len(text) == 1:
            return numerals.CN_DIGITS[text]
        return int("".join(str(numerals.CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in numerals.CN_DIGITS:
            if digit is not None and numerals.CN_DIGITS[ch] != 0:
                return None  # two digits in a row in a positional numeral: 二三十
            digit = numerals.CN_DIGITS[ch] if numerals.CN_DIGITS[ch] != 0 else None
        elif ch in numerals.CN_SMALL_UNITS:
            section += (1 if digit is None else digit) * numerals.CN_SMALL_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0 and total == 0:
                return None
            big = numerals.CN_BIG_UNITS[ch]
            if total and total < big:  # 三万亿: the earlier part scales too
                total = (total + section) * big
            else:
                total += section * big
            section, digit = 0, None
    return total + section + (digit or 0)


@settings(max_examples=1500, deadline=None)
@given(TEXTS, st.data())
def test_magnitudes_are_what_the_length_loop_finds(text, data):
    """Reference: `_plain_magnitude_at`, the former `_magnitude_at` (every length tried, longest first)."""
    pos = data.draw(st.integers(0, len(text)))
    assert amount_words._magnitude_at(text, pos) == _plain_magnitude_at(text, pos)


@settings(max_examples=1500, deadline=None)
@given(TEXTS, st.data())
def test_prefixes_refused_by_last_character_are_what_every_length_finds(text, data):
    """Reference: `_plain_endings`, the former `_currency_prefix` and `_pre_qualifier` (every length tried)."""
    start = data.draw(st.integers(0, len(text)))
    assert amount_words._currency_prefix(text, start) == _plain_endings(text, start, amount_words.CURRENCY_PREFIXES, False)
    assert amount_words._pre_qualifier(text, start) == _plain_endings(text, start, amount_words.PRE_QUALIFIERS, True)


HITS = st.lists(st.tuples(st.integers(0, 20), st.integers(1, 4), st.sampled_from(["revenue", "users", "total"])), max_size=6)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet="中里时期间之际营收a，", min_size=24, max_size=24), st.integers(0, 20), st.integers(0, 4), HITS)
def test_nearest_metric_is_the_head_of_the_first_group(norm, start, width, spans):
    """Reference: `_plain_nearest`, the former `_nearest_metric` (four sorted groups)."""
    # hits as _metric_hits gives them: in order, not overlapping each other nor the amount
    end, hits = start + width, []
    for begin, length, key in sorted(spans):
        hit = (begin, begin + length, key)
        if (hit[1] <= start or hit[0] >= end) and all(hit[0] >= h[1] for h in hits):
            hits.append(hit)
    window = amount_context._Window(norm, (0, len(norm)), (0, len(norm)), start, end, end)
    assert amount_metrics._nearest_metric(window, hits) == _plain_nearest(window, hits)


@settings(max_examples=1500, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**15, places=3, allow_nan=False),
    st.sampled_from([Decimal(1), Decimal("0.1"), Decimal("0.001"), Decimal(1000), Decimal(10**8)]),
    st.sampled_from(["exact", "approx", "nearly", "over", "at-least", "under", "at-most"]),
)
def test_bounds_are_the_tables(x, step, qualifier):
    """Reference: `_plain_qualified`, the former `_qualified` (a table of every qualifier's bounds)."""
    assert amount_values._qualified(x, step, "USD", "currency", qualifier) == _plain_qualified(x, step, "USD", "currency", qualifier)


@settings(max_examples=1500, deadline=None)
@given(st.from_regex(r"\A[0-9]{1,15}(\.[0-9]{1,6})?\Z"))
def test_step_of_a_value_is_the_step_of_its_digits(digits):
    """Reference: `_plain_step`, the former `_step` (the digits read again, a point looked for)."""
    # arabic digits as _arabic reads them; a Chinese numeral's value is an int or int.fraction, the same forms
    assert str(amount_numerals._step_of(Decimal(digits))) == str(_plain_step(digits))


@settings(max_examples=1500, deadline=None)
@given(CN_TEXTS)
def test_chinese_integers_are_read_as_the_character_loops_read_them(text):
    """Reference: `_plain_parse_cn_int`, the former `numerals.parse_cn_int` (one Python step per character)."""
    assert numerals.parse_cn_int(text) == _plain_parse_cn_int(text)


def test_a_tenure_or_an_age_fits_no_metric_and_is_not_scanned():
    for dimension in amount_context._UNSCOPED:
        value = AmountValue(5.0, "year", dimension, "exact", 4.5, 5.5)
        assert not any(amount_metrics._fits(metric, value) for metric in ["revenue", "users", "total"])
