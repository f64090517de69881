"""The sixth round of amount shortcuts (clause bounds, head words, unit words by one match) give what the plain loops gave."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import amounts

PIECES = [
    "，", ",", "、", "：", ":", "；", "。", "！", "？", "!", "?", " ", "的", "了", "和", "达到", "高达", "约", "为", "是",
    "营收", "用户", "公司", "3", "万", "亿", "美元", "元", "个", "人", "GW", "kWh", "Mbps", "M", "dollars", "dollarsX", "%",
    "人民币元", "个月", "千兆瓦", "a", "Z", "度电", "吨", "k",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=16).map("".join)


def _plain_head_before(text: str) -> str:
    """_head_before as it was: verbs stripped pass by pass, the cut found by one rfind per stop character."""
    text = text.rstrip()
    stripped = True
    while stripped:
        stripped = False
        for verb in amounts._LEADING_VERBS:
            if text.endswith(verb):
                text, stripped = text[: -len(verb)].rstrip(), True
    cut = max(map(text.rfind, amounts._STOP_CHARS))
    head = text[cut + 1 :]
    if len(head) > 6:
        head = re.sub(r"^[A-Za-z0-9]+", "", head[-6:])
    return head.lower() if len(head) >= 2 else ""


def _plain_unit_at(text: str, pos: int):
    """_unit_at as it was: every unit length tried, longest first."""
    start = amounts._skip_space(text, pos, limit=1)
    for length in sorted({len(w) for w in amounts.UNITS}, reverse=True):
        word = text[start : start + length]
        unit = amounts.UNITS.get(word)
        if unit is None or len(word) < length:
            continue
        if word.isascii() and word[-1].isalpha() and amounts._LATIN.match(text[start + length : start + length + 1]):
            continue
        return unit, start + length
    return None, pos


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_head_before_is_the_plain_one(text):
    assert amounts._head_before(text) == _plain_head_before(text)


@settings(max_examples=1500, deadline=None)
@given(TEXTS, st.data())
def test_unit_words_are_what_the_length_loop_finds(text, data):
    pos = data.draw(st.integers(0, len(text)))
    assert amounts._unit_at(text, pos) == _plain_unit_at(text, pos)
