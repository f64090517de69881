"""The fifth round of people and date shortcuts reads exactly what the plain way reads."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import dates, people
from factcheck.config import load_config
from factcheck.context import Scanner

ROOT = Path(__file__).resolve().parent.parent
RULES = load_config(ROOT / "rules")
LEX = people._lexicon(RULES)

# Pieces of names and titles in both scripts, and what stands around them: spaces, dots of
# transliterations, capitals inside words, case variants, letters that fold to ASCII (ſ, K),
# past markers, final sigma.
TOKENS = [
    "Sam", "Altman", "OpenAI", "McDonald", "O'Brien", "Jean-Luc", "José", "van", "J.", " ", " ", "-", ".", "a",
    "·", "•", "・", "‧", "(", ")", "（", "）", "CEO", "ceo", "Ceo", "cEO", "CTO", "Chief", "chief", "Executive",
    "Officer", "Vice", "President", "president", "Co-Founder", "co-founder", "Head", "of", "Product", "Director",
    "ſ", "K", "İ", "Σ", "ΑΣ", "former", "Former", "ex-", "EX-", "then-", "performer", "首席执行官", "副总裁", "前",
    "原", "曾任", "时任", "曾经担任", "的", "，", "萨姆", "奥特曼", "称", "担任", "、", "Slack", "Meta", "研究",
]
texts = st.lists(st.sampled_from(TOKENS), max_size=16).map("".join)


def spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


@settings(max_examples=500, deadline=None)
@given(texts)
def test_the_name_test_without_a_regex_scan_answers_as_the_two_scans(line):
    plain = people._DOT.search(line) is not None or people._LATIN_RUN.search(line) is not None
    assert people._may_name(line) == plain


@settings(max_examples=500, deadline=None)
@given(texts, st.integers(0, 3))
def test_title_words_tried_at_word_starts_are_those_found_everywhere(text, pos):
    for regex in LEX.titles:
        pattern = regex.pattern if isinstance(regex, Scanner) else regex
        assert spans(regex.finditer(text, pos)) == spans(pattern.finditer(text, pos))


DATE_TOKENS = ["2025", "12", "1", "-", "年", "月", "日", "今年", "同年", "到", "、", "，", "a", "。"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_TOKENS), max_size=14).map("".join), st.sampled_from([None, dt.date(2025, 6, 1)]))
def test_dates_read_without_a_second_hint_test_are_those_read_with_it(line, published):
    exprs = dates._expressions(line) if dates._HEAD_HINT.search(line) else []
    assert dates._resolved(line, exprs, published, None) == dates.read_dates(line, published)
