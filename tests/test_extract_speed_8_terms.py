"""Tests for the key-term shortcuts of the eighth round: each must find exactly what the plain way finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import terms
from factcheck.config import load_config


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    """The overlap test as it was: one Python test per taken span."""
    return any(span[0] < hi and lo < span[1] for lo, hi in taken)


GENERIC = terms._index(load_config()).generic
# Latin words generic or not, one-letter words, numbers, spaces, CJK, and joiners the Latin pattern reads.
TOKENS = ["OpenAI", "CEO", "ceo", "Sam", "Altman", "AI", "X", "a", "GPT-4", "Q1", "2025", "3", " ", "的", "-", "."]


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
    norm = "".join(draw(st.lists(st.sampled_from(TOKENS), max_size=10)))
    bounds = st.integers(0, len(norm))
    taken = [tuple(sorted(draw(st.tuples(bounds, bounds)))) for _ in range(draw(st.integers(0, 3)))]
    return norm, [(lo, hi) for lo, hi in taken if lo < hi]


@settings(max_examples=500, deadline=None)
@given(lines_and_taken())
def test_latin_terms_read_against_claimed_characters_are_those_tested_span_by_span(line):
    norm, taken = line
    claimed = terms._claimed(len(norm), taken)
    assert list(terms._latin_terms(norm, claimed, GENERIC)) == _plain_latin_terms(norm, taken)


@settings(max_examples=300, deadline=None)
@given(lines_and_taken(), st.integers(0, 40), st.integers(0, 40))
def test_a_span_holds_a_claimed_character_exactly_when_it_overlaps_a_taken_span(line, start, end):
    norm, taken = line
    start, end = sorted((min(start, len(norm)), min(end, len(norm))))
    end = max(end, start + 1)  # the pieces and organisations tested are never empty
    claimed = terms._claimed(len(norm), taken)
    assert (claimed.find(1, start, end) >= 0) == _overlaps((start, end), taken)
