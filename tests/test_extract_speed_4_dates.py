"""The fourth round of date and people shortcuts reads exactly what the plain way reads."""
from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import dates, people
from factcheck.config import load_config
from factcheck.context import Scanner
from factcheck.model import Document, Line, Metadata

ROOT = Path(__file__).resolve().parent.parent
RULES = load_config(ROOT / "rules")

# The Latin run as written before: its lookbehind first, so the engine tried it at every character.
_PLAIN_LATIN_RUN = re.compile(
    rf"(?<![A-Za-z0-9\-'.]){people._TOKEN}(?: (?:{people._PARTICLE} |{people._INITIAL} )?{people._TOKEN})+(?![A-Za-z0-9])"
)
# Pieces of names and of what stands around them: capitals inside and outside words, particles,
# initials, apostrophes, hyphens, dots of transliterations, parentheses, titles, CJK names.
NAME_TOKENS = [
    "Sam", "Altman", "OpenAI", "LP", "McDonald", "O'Brien", "Jean-Luc", "José", "É", "van", "de", "J.", "X.",
    " ", " ", "-", "'", ".", "a", "9", "·", "•", "(", ")", "（", "）", "首席执行官", "CEO", "前", "的", "，",
    "萨姆", "奥特曼", "马克", "陈", "黄仁勋", "Jensen", "Huang", "称", "担任", "、", "Meta", "Chief",
]
DATE_TOKENS = [
    "2025", "12", "1", "-", "/", ".", " ", "年", "月", "日", "号", "一", "二", "十", "〇", "两", "万", "周", "星期", "礼拜",
    "上", "下", "本", "这", "个", "今年", "去年", "同年", "当年", "次年", "昨天", "春季", "在", "第", "初", "底", "a", "٣",
]
names = st.lists(st.sampled_from(NAME_TOKENS), max_size=14).map("".join)
date_lines = st.lists(st.sampled_from(DATE_TOKENS), max_size=14).map("".join)


def spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


@settings(max_examples=400, deadline=None)
@given(names, st.integers(0, 3))
def test_the_latin_run_opening_with_its_capital_finds_what_the_plain_pattern_finds(text, pos):
    assert spans(people._LATIN_RUN.finditer(text, pos)) == spans(_PLAIN_LATIN_RUN.finditer(text, pos))
    assert bool(people._LATIN_RUN.pattern.fullmatch(text)) == bool(_PLAIN_LATIN_RUN.fullmatch(text))


@settings(max_examples=400, deadline=None)
@given(names)
def test_a_line_that_may_name_no_one_gives_what_the_full_reading_gives(line):
    full = people._Line(line, people._lexicon(RULES))
    assert people.find_people(line, RULES) == list(full.people)
    known = frozenset({"sam altman", "jensen huang", "jose de"})
    assert people.find_people(line, RULES, known) == people._find_people(full, known)
    if not people._may_name(line):
        assert not full.people and not full.latin


@settings(max_examples=200, deadline=None)
@given(st.lists(names, max_size=4))
def test_people_claims_skip_only_lines_that_name_no_one(lines):
    def claims():
        document = Document("d.txt", "", "utf-8", Metadata(), tuple(Line(i + 1, text, text) for i, text in enumerate(lines)))
        return people.extract_people(document, RULES)

    fast = claims()
    people._RECENT.clear()
    real = people._may_name
    try:
        people._may_name = lambda norm: True
        assert claims() == fast
    finally:
        people._may_name = real


@settings(max_examples=300, deadline=None)
@given(date_lines, st.integers(0, 3))
def test_the_date_heads_find_what_the_plain_pattern_finds(text, pos):
    plain = Scanner(dates._HEAD_PATTERN, re.compile(r"[\s\S]"))  # tried at every character
    assert spans(dates._HEAD.finditer(text, pos)) == spans(plain.finditer(text, pos))
    found, expected = dates._HEAD.search(text, pos), dates._HEAD_PATTERN.search(text, pos)
    assert (found and found.span()) == (expected and expected.span())
    if not dates._HEAD_HINT.search(text):
        assert dates.read_dates(text, None) == []


@settings(max_examples=300, deadline=None)
@given(st.text("没有尚未不无离职宣布，a", max_size=12), st.data())
def test_one_negation_test_answers_as_one_per_negation(text, data):
    lo = data.draw(st.integers(0, len(text)))
    at = data.draw(st.integers(lo, len(text)))
    plain = any(text.endswith(neg, max(lo, at - len(neg)), at) for neg in dates._NEGATIONS)
    assert text.endswith(dates._NEGATIONS, max(lo, at - dates._NEGATION_REACH), at) == plain


@settings(max_examples=300, deadline=None)
@given(names, st.data())
def test_a_scanner_without_starts_is_its_pattern(text, data):
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    pattern = people._LATIN_RUN.pattern
    scanner = Scanner(pattern)
    assert spans(scanner.finditer(text, pos, endpos)) == spans(pattern.finditer(text, pos, endpos))
    assert spans(scanner.finditer(text)) == spans(pattern.finditer(text))
    found, expected = scanner.search(text, pos, endpos), pattern.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())
