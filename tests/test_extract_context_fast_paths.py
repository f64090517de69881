"""Tests for the sixth round's shortcuts: guarded scanners and clause ends found by the regex engine
must give exactly what the plain ways give."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import amounts, context, dates, people, terms
from factcheck.config import load_config

# Dates, numbers, alias words in both cases, case folds beyond ASCII, breaks, quotes, spaces.
ALPHABET = "0123456789-/.年月日号今去明同当次上下本周星期礼拜一二三四五六十百千万亿两零数几" \
           "春夏秋冬在于aAkKsSoOpPeEnNiIxX \u212aſıİ，,、：:；;。！？!?“”\"的红色警报芯片"
WORDS = ["openai", "code red", "gpt-4", "4o", "x", "kelvin", "ski", "红色警报", "红色", "年", "ai芯片", "芯片ai"]


def _scanners():
    config = load_config(None)
    index = terms._index(config)
    found = [dates._HEAD, amounts._CANDIDATE, index.events, index.entities, dates._lexicon(config).phase_regex]
    found += [regex for regex in people._lexicon(config).titles if isinstance(regex, context.Scanner)]
    return [scanner for scanner in found if scanner is not None and scanner.starts is not None]


SCANNERS = _scanners()


def _plain_finditer(scanner, text, pos, end):
    """The pattern tried at each start in a Python loop, as the scanners did before."""
    for start in scanner.starts.finditer(text, pos, end):
        at = start.start()
        if at >= pos and (found := scanner.pattern.match(text, at, end)):
            pos = found.end()
            yield found


def _found(matches):
    return [(m.span(), m.group(0), m.lastgroup, m.groups()) for m in matches]


@st.composite
def windows(draw):
    text = draw(st.text(ALPHABET, max_size=40))
    pos = draw(st.integers(0, len(text)))
    return text, pos, draw(st.integers(pos, len(text)))


@pytest.mark.parametrize("scanner", SCANNERS, ids=range(len(SCANNERS)))
@settings(max_examples=200, deadline=None)
@given(window=windows())
def test_a_guarded_scanner_finds_what_trying_its_pattern_at_each_start_finds(scanner, window):
    text, pos, end = window
    plain = _found(_plain_finditer(scanner, text, pos, end))
    assert _found(scanner.finditer(text, pos, end)) == plain
    assert _found(scanner.pattern.finditer(text, pos, end)) == plain
    first = scanner.search(text, pos, end)
    assert (first and first.span()) == (plain[0][0] if plain else None)


@settings(max_examples=300, deadline=None)
@given(windows(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
def test_an_alias_scanner_finds_what_its_starts_and_pattern_find(window, words):
    text, pos, end = window
    scanner = terms.alias_pattern(words)
    assert _found(scanner.finditer(text, pos, end)) == _found(_plain_finditer(scanner, text, pos, end))


def test_every_start_pattern_matches_one_character():
    # non-overlapping starts one character wide are tried at every position, as a lookahead is
    for scanner in SCANNERS:
        assert re._parser.parse(scanner.starts.pattern, scanner.starts.flags).getwidth() == (1, 1)


def _plain_clause_at(text, pos, lo=0, hi=None):
    hi = len(text) if hi is None else hi
    start = pos
    while start > lo and text[start - 1] not in context.CLAUSE_BREAK:
        start -= 1
    end = pos
    while end < hi and text[end] not in context.CLAUSE_BREAK:
        end += 1
    return start, end


@settings(max_examples=500, deadline=None)
@given(st.text("ab，,、：:；;。！？!?\n 的", max_size=30), st.data())
def test_clause_ends_found_by_the_engine_are_the_plain_walks(text, data):
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    pos = data.draw(st.integers(0, len(text)))
    assert context.clause_at(text, pos, lo, hi) == _plain_clause_at(text, pos, lo, hi)
    assert context.clause_at(text, pos) == _plain_clause_at(text, pos)
