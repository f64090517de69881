"""Tests for the tenth round's shortcuts in dates and people: a date's sentence found by bisecting
the line's sentence spans, and title words ordered by their own tuples, agree with the plain
scans they replace."""
from __future__ import annotations

import bisect

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import people
from factcheck.config import load_config
from factcheck.context import sentence_at, sentence_spans

CONFIG = load_config(None)

# Sentence ends, closing quotes, clause breaks, title words in both scripts (CEO, 首席执行官,
# 前 CEO) and plain text, so lines with several sentences and title words are drawn.
TOKENS = [
    "。", "！", "？", "!", "?", "；", ";", "”", "」", "\"", "'", "，", "、", "：", " ",
    "CEO", "Chief Executive Officer", "首席执行官", "总裁", "前", "former", "OpenAI", "的", "副总裁",
    "Sam", "Altman", "萨姆·奥特曼", "负责人", "研究员", "2025年", "3月1日", "他", "说", "a", "公司",
]
LINES = st.lists(st.sampled_from(TOKENS), max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(LINES)
def test_the_sentence_by_bisection_is_the_scanned_one(text):
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    for pos in range(len(text)):
        assert spans[bisect.bisect_right(starts, pos) - 1] == sentence_at(text, pos), (text, pos)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_title_words_come_in_start_then_end_order(text):
    lex = people._lexicon(CONFIG)
    words = people._title_words(text, lex)
    assert words == sorted(words, key=lambda w: (w.start, w.end))
    assert len({(w.start, w.end) for w in words}) == len(words)  # no tie for the tuples' order to break
