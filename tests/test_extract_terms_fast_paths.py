"""Tests for the shortcuts of the key terms: each must find exactly what the plain way finds."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import terms
from factcheck.config import load_config

# Suffixes and their overlaps (智能源), function words that stop a name, Latin and digits, line edges.
ORG_TOKENS = ["集团", "银行", "大学", "研究院", "研究所", "科技", "智能", "能源", "电子", "航空", "智能源", "大",
              "的", "和", "、", "这", "华", "为", "腾", "讯", "新", "初创", "A", "1", " ", "，", "研究"]
# Words opening and closing with letters, digits or CJK, one-character words, case folds beyond ASCII.
WORDS = ["openai", "code red", "gpt-4", "4o", "x", "kelvin", "ski", "红色警报", "红色", "年", "ai芯片", "芯片ai"]
ALPHABET = "aAkKsSoOpPeEnNiIxXgtc4r \u212aſıİ0123-.·的红色警报年芯片"


def spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ORG_TOKENS), max_size=14).map("".join))
def test_organisations_are_what_the_pattern_finds_at_every_character(text):
    assert spans(terms._organisations(text)) == spans(terms._ORG_SUFFIX.finditer(text))


@st.composite
def windows(draw):
    text = draw(st.text(ALPHABET, max_size=40))
    pos = draw(st.integers(0, len(text)))
    return text, pos, draw(st.integers(pos, len(text)))


@settings(max_examples=400, deadline=None)
@given(windows(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
def test_an_alias_scanner_tried_at_word_starts_finds_what_its_pattern_finds(window, words):
    text, pos, endpos = window
    scanner = terms.alias_pattern(words)
    assert spans(scanner.finditer(text, pos, endpos)) == spans(scanner.pattern.finditer(text, pos, endpos))
    found, expected = scanner.search(text, pos, endpos), scanner.pattern.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())


def _split_word_by_word(text, start, end, generic):
    spans, run_start, previous_end = [], None, start
    for word in re.finditer(r"\S+", text[start:end]):
        if word.group(0).lower() in generic:
            if run_start is not None:
                spans.append((run_start, previous_end))
            run_start = None
        else:
            run_start = start + word.start() if run_start is None else run_start
            previous_end = start + word.end()
    if run_start is not None:
        spans.append((run_start, previous_end))
    return spans


GENERIC = terms._index(load_config()).generic


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["OpenAI", "CEO", "ceo", "Sam", "Altman", "AI", "of", "Q1", "GPT-4", " ", "的", "3"]), max_size=8).map("".join))
def test_latin_runs_cut_at_generic_words_as_word_by_word(text):
    for match in terms._LATIN.finditer(text):
        expected = _split_word_by_word(text, match.start(), match.end(), GENERIC)
        assert terms._split_at_generic(text, match.start(), match.end(), GENERIC) == expected
