"""Tests for the shortcuts of the per-document stages: each must read exactly what the plain way reads."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import amounts, clean, dates, normalise, people, terms
from factcheck.config import load_config
from factcheck.context import Scanner, word_starts
from factcheck.terms import alias_pattern

# Characters the shortcuts could trip over: case folds beyond ASCII (the Kelvin sign, a long s, a
# dotless i, a dotted I), word edges, digits, CJK words and their neighbours.
ALPHABET = "aAkKsSoOpPeEnNiI \u212aſıİ0123-.·的红色警报年月日周二三十万"
WORDS = ["openai", "code red", "红色警报", "红色", "kelvin", "ski", "年", "10"]


@st.composite
def windows(draw):
    text = draw(st.text(ALPHABET, max_size=40))
    pos = draw(st.integers(0, len(text)))
    return text, pos, draw(st.integers(pos, len(text)))


def spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


@settings(max_examples=400, deadline=None)
@given(windows())
def test_a_scanner_finds_what_its_pattern_finds(window):
    text, pos, endpos = window
    pattern = re.compile(r"(?<![a-z])(?:open(?:ai)?|code red|kelvin)(?![a-z])|红色(?:警报)?|(?<=\d)年", re.IGNORECASE)
    scanner = Scanner(pattern, re.compile(r"[ock红年]", re.IGNORECASE))
    assert spans(scanner.finditer(text, pos, endpos)) == spans(pattern.finditer(text, pos, endpos))
    found, expected = scanner.search(text, pos, endpos), pattern.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=40))
def test_an_alias_pattern_reads_as_its_plain_regex(text):
    pattern = alias_pattern(WORDS)
    assert spans(pattern.finditer(text)) == spans(pattern.pattern.finditer(text))


def test_word_starts_cover_every_case_fold_of_a_first_character():
    starts = word_starts(["kelvin", "ski"], re.IGNORECASE)
    assert starts.match("\u212ael") and starts.match("ſki") and starts.match("Ski")
    assert not starts.match("kx")  # no word goes on with x
    assert word_starts(["k", "ski"], re.IGNORECASE).match("kx")  # a one-letter word goes on with anything
    assert word_starts([""]).search("anything") is None


def test_the_script_tables_agree_with_encoding_each_character():
    trad_only, simp_only = clean._one_script_characters()
    for code in range(0x4E00, 0xA000, 7):
        char = chr(code)
        in_gb, in_big5 = clean._encodable(char, "gb2312"), clean._encodable(char, "big5")
        assert bool(trad_only.match(char)) == (in_big5 and not in_gb)
        assert bool(simp_only.match(char)) == (in_gb and not in_big5)


def test_folding_runs_equals_translating_every_character():
    text = "".join(map(chr, range(0x3000, 0x3002))) + "".join(map(chr, range(0xFF00, 0xFF61))) + "中文，ＡＩ１２３％"
    assert clean._fold_ascii(text) == text.translate(clean._FULL_WIDTH_ASCII)
    assert normalise._FOLD_RUN.sub(normalise._fold_run, text) == text.translate(normalise._FOLD)


def _scanners():
    """Every scanner the extractors use with the shipped rules, and words that make them match."""
    config = load_config()
    lexicons = [amounts._lexicon(config), dates._lexicon(config), people._lexicon(config), terms._index(config)]
    found = [dates._HEAD, amounts._CANDIDATE, people._LATIN_RUN]
    for lexicon in lexicons:
        found += [value for value in vars(lexicon).values() if isinstance(value, Scanner)]
        found += [value for value in getattr(lexicon, "titles", ()) if isinstance(value, Scanner)]
    words = [*people._lexicon(config).title_roles, *terms._index(config).entity_canon, *terms._index(config).event_canon]
    words += [*amounts._lexicon(config).metric_key, *dates._CANONICAL_WORD, *dates.PUBLICATION_YEARS, *dates.SEASONS]
    return found, words


SCANNERS, LEXICON_WORDS = _scanners()
TOKENS = [*LEXICON_WORDS, *ALPHABET, "2025", "12", "-", "/", "Sam Altman", "CEO", "百分之", "上万", "前", "的"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=12).map("".join), st.integers(0, 3))
def test_the_extractors_scanners_find_what_their_patterns_find(text, pos):
    for scanner in SCANNERS:
        assert spans(scanner.finditer(text, pos)) == spans(scanner.pattern.finditer(text, pos))
        found, expected = scanner.search(text, pos), scanner.pattern.search(text, pos)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=12).map("".join))
def test_a_line_without_the_date_hint_holds_no_date(text):
    if dates._HEAD_PATTERN.search(text):
        assert dates._HEAD_HINT.search(text)
