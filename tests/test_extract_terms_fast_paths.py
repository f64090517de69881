"""Key-term fast paths, each compared with the plain code it stands in for: organisations found from
their suffixes, alias scanners tried at word starts, Latin runs cut at generic words in one pass,
Latin terms read against a mask of claimed characters, spans held by one lookup."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import terms
from factcheck.settings import load_config

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
    """Reference: `terms._ORG_SUFFIX.finditer`, the pattern tried at every character."""
    assert spans(terms._organisations(text)) == spans(terms._ORG_SUFFIX.finditer(text))


@st.composite
def windows(draw):
    """A text of ALPHABET and a window pos..endpos inside it."""
    text = draw(st.text(ALPHABET, max_size=40))
    pos = draw(st.integers(0, len(text)))
    return text, pos, draw(st.integers(pos, len(text)))


@settings(max_examples=400, deadline=None)
@given(windows(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=5))
def test_an_alias_scanner_tried_at_word_starts_finds_what_its_pattern_finds(window, words):
    """Reference: the alias scanner's own pattern, `finditer` and `search` over the window."""
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
    """Reference: `_split_word_by_word`, the run split word by word."""
    for match in terms._LATIN.finditer(text):
        expected = _split_word_by_word(text, match.start(), match.end(), GENERIC)
        assert terms._split_at_generic(text, match.start(), match.end(), GENERIC) == expected


# ------------------------------------------------------------------ Latin terms and claimed characters

def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """The overlap test as it was: one Python test per taken span."""
    return any(span[0] < hi and lo < span[1] for lo, hi in taken)


# Latin words generic or not, one-letter words, numbers, spaces, CJK, and joiners the Latin pattern reads.
LATIN_TOKENS = ["OpenAI", "CEO", "ceo", "Sam", "Altman", "AI", "X", "a", "GPT-4", "Q1", "2025", "3", " ", "的", "-", "."]


def _plain_latin_terms(norm, taken):
    """Every Latin run cut at generic words, each piece tested against each taken span (the old way)."""
    found = []
    for match in terms._LATIN.finditer(norm):
        for start, end in terms._split_at_generic(norm, match.start(), match.end(), GENERIC):
            if end - start >= 2 and not norm[start:end].isdigit() and not _overlaps((start, end), taken):
                found.append(terms.Term(norm[start:end].lower(), "latin", start, end))
    return found


@st.composite
def lines_and_taken(draw):
    norm = "".join(draw(st.lists(st.sampled_from(LATIN_TOKENS), max_size=10)))
    bounds = st.integers(0, len(norm))
    taken = [tuple(sorted(draw(st.tuples(bounds, bounds)))) for _ in range(draw(st.integers(0, 3)))]
    return norm, [(lo, hi) for lo, hi in taken if lo < hi]


@settings(max_examples=500, deadline=None)
@given(lines_and_taken())
def test_latin_terms_read_against_claimed_characters_are_those_tested_span_by_span(line):
    """Reference: `_plain_latin_terms`, each piece tested against each taken span by `_overlaps`."""
    norm, taken = line
    claimed = terms._claimed(len(norm), taken)
    assert list(terms._latin_terms(norm, claimed, GENERIC)) == _plain_latin_terms(norm, taken)


@settings(max_examples=300, deadline=None)
@given(lines_and_taken(), st.integers(0, 40), st.integers(0, 40))
def test_a_span_holds_a_claimed_character_exactly_when_it_overlaps_a_taken_span(line, start, end):
    """Reference: `_overlaps`, one Python test per taken span."""
    norm, taken = line
    start, end = sorted((min(start, len(norm)), min(end, len(norm))))
    end = max(end, start + 1)  # the pieces and organisations tested are never empty
    claimed = terms._claimed(len(norm), taken)
    assert (claimed.find(1, start, end) >= 0) == _overlaps((start, end), taken)


# ------------------------------------------------------------------ spans held

span_lists = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=10).map(
    lambda found: [(lo, lo + width) for lo, width in found])


@settings(max_examples=500, deadline=None)
@given(span_lists, span_lists)
def test_spans_hold_what_inside_finds_held(taken, asked):
    """Reference: `terms._inside`, each taken span tested in turn."""
    held = terms._Spans(taken)
    for span in asked:
        assert held.hold(span) == terms._inside(span, taken)
