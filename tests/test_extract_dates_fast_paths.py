"""Tests for the ninth round's shortcut in dates: the date hint that takes 期, 拜 and 周 only as the
end of a week word (星期, 上周) or before a weekday (周一) skips no line the plain hint kept that
holds a date."""
from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import dates

# The hint of the eighth round: any final character of a head word, 年, 月, or a year and separator.
_PLAIN_HINT = re.compile(
    rf"[{''.join(sorted({'年', '月', *(w[-1] for w in dates._HEAD_WORDS)}))}\d](?:(?<=\d)\d{{3}}[-/.]|(?<!\d))"
)

# Week words and their look-alikes (时期, 周围, 拜访, 礼拜堂), weekdays, relative words, numbers and
# the rest of a date, so lines with and without dates are both drawn.
TOKENS = [
    "星期", "礼拜", "周", "期", "拜", "星", "礼", "上", "下", "本", "这", "个", "时期", "周围", "拜访", "周年",
    "一", "二", "三", "日", "天", "六", "上周", "本周", "下个星期", "这个礼拜", "上星期二", "周日", "每周",
    "2025", "年", "月", "12", "1", "-", "/", ".", " ", "，", "今天", "去年", "春季", "在", "第二", "期间",
]
LINES = st.lists(st.sampled_from(TOKENS), max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINES)
def test_a_line_without_the_hint_holds_no_date_head(text):
    if dates._HEAD.search(text):
        assert dates._HEAD_HINT.search(text), text
    if dates._HEAD_HINT.search(text):
        assert _PLAIN_HINT.search(text), text  # the new hint only narrows the plain one


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_dates_read_as_with_the_plain_hint(text):
    published = dt.date(2025, 12, 10)
    plain = dates._resolved(text, dates._expressions(text) if _PLAIN_HINT.search(text) else [], published, None)
    assert dates.read_dates(text, published) == plain


def test_week_words_are_hinted_and_their_look_alikes_are_not():
    for text in ("星期三", "上周", "这个礼拜", "周一开会", "下星期"):
        assert dates._HEAD_HINT.search(text), text
    for text in ("这一时期", "周围的人", "拜访客户", "周期性"):
        assert not dates._HEAD_HINT.search(text), text
