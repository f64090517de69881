"""Fast paths of the extractors' shared context (`factcheck/context.py`), each compared with the
plain code it stands in for: a Scanner tries its pattern only where one of its matches can begin
(guarded by the regex engine, or at word starts), and a line's sentences and clauses are found by
the engine, by bisection and through a line index."""
from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import amount_context, amount_numerals, context, date_forms, date_subjects, person_lexicon, person_names, terms
from factcheck.settings import load_config
from factcheck.extract.context import Scanner, sentence_at, sentence_spans, word_starts
from factcheck.extract.terms import alias_pattern

# Characters a scanner could trip over: case folds beyond ASCII (the Kelvin sign, a long s, a
# dotless i, a dotted I), word edges, digits, CJK words and their neighbours.
ALPHABET = "aAkKsSoOpPeEnNiI \u212aſıİ0123-.·的红色警报年月日周二三十万"
WORDS = ["openai", "code red", "红色警报", "红色", "kelvin", "ski", "年", "10"]
# Dates, numbers, alias words in both cases, case folds beyond ASCII, breaks, quotes, spaces.
GUARD_ALPHABET = "0123456789-/.年月日号今去明同当次上下本周星期礼拜一二三四五六十百千万亿两零数几" \
                 "春夏秋冬在于aAkKsSoOpPeEnNiIxX \u212aſıİ，,、：:；;。！？!?“”\"的红色警报芯片"
ALIAS_WORDS = ["openai", "code red", "gpt-4", "4o", "x", "kelvin", "ski", "红色警报", "红色", "年", "ai芯片", "芯片ai"]


def windows(alphabet: str):
    """A text of `alphabet` and a window pos..endpos inside it."""
    @st.composite
    def window(draw):
        text = draw(st.text(alphabet, max_size=40))
        pos = draw(st.integers(0, len(text)))
        return text, pos, draw(st.integers(pos, len(text)))

    return window()


def spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


# ------------------------------------------------------------------ scanners


@settings(max_examples=400, deadline=None)
@given(windows(ALPHABET))
def test_a_scanner_finds_what_its_pattern_finds(window):
    """Reference: the scanner's own pattern, `finditer` and `search` over the window."""
    text, pos, endpos = window
    pattern = re.compile(r"(?<![a-z])(?:open(?:ai)?|code red|kelvin)(?![a-z])|红色(?:警报)?|(?<=\d)年", re.IGNORECASE)
    scanner = Scanner(pattern, re.compile(r"[ock红年]", re.IGNORECASE))
    assert spans(scanner.finditer(text, pos, endpos)) == spans(pattern.finditer(text, pos, endpos))
    found, expected = scanner.search(text, pos, endpos), pattern.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_an_alias_pattern_reads_as_its_plain_regex(text):
    """Reference: the alias scanner's own pattern, `finditer` over the whole text."""
    pattern = alias_pattern(WORDS)
    assert spans(pattern.finditer(text)) == spans(pattern.pattern.finditer(text))


def test_word_starts_cover_every_case_fold_of_a_first_character():
    starts = word_starts(["kelvin", "ski"], re.IGNORECASE)
    assert starts.match("\u212ael") and starts.match("ſki") and starts.match("Ski")
    assert not starts.match("kx")  # no word goes on with x
    assert word_starts(["k", "ski"], re.IGNORECASE).match("kx")  # a one-letter word goes on with anything
    assert word_starts([""]).search("anything") is None


def _extractor_scanners():
    """Every scanner the extractors use with the shipped rules."""
    config = load_config()
    lexicons = [amount_context._lexicon(config), date_subjects._lexicon(config), person_lexicon._lexicon(config), terms._index(config)]
    found = [date_forms._HEAD, amount_numerals._CANDIDATE, person_names._LATIN_RUN]
    for lexicon in lexicons:
        found += [value for value in vars(lexicon).values() if isinstance(value, Scanner)]
        found += [value for value in getattr(lexicon, "titles", ()) if isinstance(value, Scanner)]
    return found


SCANNERS = _extractor_scanners()


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 3), st.data())
def test_the_extractors_scanners_find_what_their_patterns_find(lexicon_lines, pos, data):
    """Reference: each scanner's own pattern, `finditer` and `search` from `pos`."""
    text = data.draw(lexicon_lines)
    for scanner in SCANNERS:
        assert spans(scanner.finditer(text, pos)) == spans(scanner.pattern.finditer(text, pos))
        found, expected = scanner.search(text, pos), scanner.pattern.search(text, pos)
        assert (found and found.span()) == (expected and expected.span())


def _guarded_scanners():
    config = load_config(None)
    index = terms._index(config)
    found = [date_forms._HEAD, amount_numerals._CANDIDATE, index.events, index.entities, date_subjects._lexicon(config).phase_regex]
    found += [regex for regex in person_lexicon._lexicon(config).titles if isinstance(regex, context.Scanner)]
    return [scanner for scanner in found if scanner is not None and scanner.starts is not None]


GUARDED = _guarded_scanners()


def _plain_finditer(scanner, text, pos, end):
    """The pattern tried at each start in a Python loop, as the scanners did before."""
    for start in scanner.starts.finditer(text, pos, end):
        at = start.start()
        if at >= pos and (found := scanner.pattern.match(text, at, end)):
            pos = found.end()
            yield found


def _found(matches):
    return [(m.span(), m.group(0), m.lastgroup, m.groups()) for m in matches]


@pytest.mark.parametrize("scanner", GUARDED, ids=range(len(GUARDED)))
@settings(max_examples=200, deadline=None)
@given(window=windows(GUARD_ALPHABET))
def test_a_guarded_scanner_finds_what_trying_its_pattern_at_each_start_finds(scanner, window):
    """References: `_plain_finditer` (the pattern tried at each start in a Python loop) and the pattern alone."""
    text, pos, end = window
    plain = _found(_plain_finditer(scanner, text, pos, end))
    assert _found(scanner.finditer(text, pos, end)) == plain
    assert _found(scanner.pattern.finditer(text, pos, end)) == plain
    first = scanner.search(text, pos, end)
    assert (first and first.span()) == (plain[0][0] if plain else None)


@settings(max_examples=300, deadline=None)
@given(windows(GUARD_ALPHABET), st.lists(st.sampled_from(ALIAS_WORDS), min_size=1, max_size=5))
def test_an_alias_scanner_finds_what_its_starts_and_pattern_find(window, words):
    """Reference: `_plain_finditer`, the alias pattern tried at each of its starts in a Python loop."""
    text, pos, end = window
    scanner = terms.alias_pattern(words)
    assert _found(scanner.finditer(text, pos, end)) == _found(_plain_finditer(scanner, text, pos, end))


def test_every_start_pattern_matches_one_character():
    # non-overlapping starts one character wide are tried at every position, as a lookahead is
    for scanner in GUARDED:
        assert re._parser.parse(scanner.starts.pattern, scanner.starts.flags).getwidth() == (1, 1)


# ------------------------------------------------------------------ sentences and clauses


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
    """Reference: `_plain_clause_at`, a character-by-character walk to the nearest clause breaks."""
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    pos = data.draw(st.integers(0, len(text)))
    assert context.clause_at(text, pos, lo, hi) == _plain_clause_at(text, pos, lo, hi)
    assert context.clause_at(text, pos) == _plain_clause_at(text, pos)


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_the_sentence_by_bisection_is_the_scanned_one(sentence_and_title_lines, data):
    """Reference: `context.sentence_at`, the sentence scanned for from the position."""
    text = data.draw(sentence_and_title_lines)
    spans = sentence_spans(text)
    starts = [start for start, _ in spans]
    for pos in range(len(text)):
        assert spans[bisect.bisect_right(starts, pos) - 1] == sentence_at(text, pos), (text, pos)


BREAKS = st.text("ab的，,、：:；;。！？!?”」\"' \n", max_size=40)


@settings(max_examples=500, deadline=None)
@given(BREAKS, st.data())
def test_an_indexed_line_gives_the_plain_sentence_and_clause(text, data):
    """References: `context.plain_sentence_at` and `context.plain_clause_at`."""
    index = context.LineIndex(text)
    for pos in range(len(text)):
        assert index.sentence_at(pos) == context.plain_sentence_at(text, pos), (text, pos)
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(0, len(text)))
    assert index.clause_at(pos, lo, hi) == context.plain_clause_at(text, pos, lo, hi), (text, pos, lo, hi)


@settings(max_examples=100, deadline=None)
@given(st.text("a，。!", min_size=context.INDEXED_LENGTH, max_size=context.INDEXED_LENGTH + 40), st.data())
def test_a_long_line_is_read_through_its_index_as_plainly(text, data):
    """References: `context.plain_sentence_at` and `context.plain_clause_at`."""
    pos = data.draw(st.integers(-2, len(text) + 2))
    lo = data.draw(st.integers(-2, len(text) + 2))
    hi = data.draw(st.integers(-2, len(text) + 2))
    assert context.sentence_at(text, pos) == context.plain_sentence_at(text, pos)
    assert context.clause_at(text, pos, lo, hi) == context.plain_clause_at(text, pos, lo, hi)
    assert context.clause_at(text, pos) == context.plain_clause_at(text, pos)
