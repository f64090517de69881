"""The fourth round of amount shortcuts reads what the plain candidate loop read."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import amounts

TOKENS = [
    "2025", "3", "12", "三点五", "1,234", "1.5", "0", "一", "二", "三千五", "两", "十", "万", "亿", "百分之", "数", "上", "几",
    "第", "年", "月", "日", "日内", "个", "个月", "人", "元", "美元", "%", "亿元", "万人", "GW", "M", "bn", " ", "$", "US$",
    "人民币", "新台币", "约", "超过", "近", "余", "多", "点", "左右", "以上", "到", "-", "至", "~", "半", "零",
    "，", "。", "《", "》", "“", "”", "的", "首", "GPT", "o", "x", "营收", "用户", "增长",
]
LINES = st.lists(st.sampled_from(TOKENS), max_size=14).map("".join)


def _plain_never(text, number, suffix):
    """_never_amount as it was: decimals of counters and dates only."""
    fractional = number.value != number.value.to_integral_value()
    if suffix.unit is not None and suffix.unit.counter and fractional and not amounts._magnitude_written(number, suffix):
        return True
    return amounts._is_date(text, number, suffix)


def _plain_read(line: str) -> list:
    """Every candidate searched for afresh and read in full; ordinals refused once read (by _acceptable)."""
    found, pos = [], 0
    while (match := amounts._CANDIDATE.search(line, pos)) is not None:
        reading, resume = amounts._amount_at(line, match)
        if reading is not None:
            found.append(reading)
        pos = max(resume, match.start() + 1)
    return found


@settings(max_examples=1500, deadline=None)
@given(LINES)
def test_amounts_read_as_the_plain_loop_reads_them(line):
    fast = amounts.read_amounts(line)
    saved = amounts._plainly_bare, amounts._never_amount
    try:
        amounts._plainly_bare = lambda text, match: False
        amounts._never_amount = _plain_never
        plain = _plain_read(line)
    finally:
        amounts._plainly_bare, amounts._never_amount = saved
    assert fast == plain


def test_plainly_bare_numerals_are_refused_and_others_read():
    assert amounts.read_amounts("列表3，第三方，8月1日离开") == []
    line = "$5，3 亿元，三点五万人，3-5人"
    assert [line[r.start : r.end] for r in amounts.read_amounts(line)] == ["$5", "3 亿元", "三点五万人", "3-5人"]
    assert amounts.read_amounts("第3名，第二个，第$2025") == []
