"""People extraction fast paths, each compared with the plain code it stands in for: the name test
without a regex scan, the Latin run opened by its capital, lines that may name no one skipped,
title words tried at word starts and kept in order, past markers ruled out by their last character,
organisation aliases by their first match, titles, clause starts and name parts looked up on a long
line by bisection, taken names marked once."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import people, person_lexicon, person_names, person_titles
from factcheck.settings import load_config
from factcheck.extract.context import Scanner
from factcheck.model import Document, Line, Metadata

ROOT = Path(__file__).resolve().parent.parent
RULES = load_config(ROOT / "rules")
LEX = person_lexicon._lexicon(RULES)


def spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


# ------------------------------------------------------------------ finding names on a line

# The Latin run as written before: its lookbehind first, so the engine tried it at every character.
_PLAIN_LATIN_RUN = re.compile(
    rf"(?<![A-Za-z0-9\-'.]){person_names._TOKEN}"
    rf"(?: (?:{person_names._PARTICLE} |{person_names._INITIAL} )?{person_names._TOKEN})+(?![A-Za-z0-9])"
)
# Pieces of names and of what stands around them: capitals inside and outside words, particles,
# initials, apostrophes, hyphens, dots of transliterations, parentheses, titles, CJK names.
NAME_TOKENS = [
    "Sam", "Altman", "OpenAI", "LP", "McDonald", "O'Brien", "Jean-Luc", "José", "É", "van", "de", "J.", "X.",
    " ", " ", "-", "'", ".", "a", "9", "·", "•", "(", ")", "（", "）", "首席执行官", "CEO", "前", "的", "，",
    "萨姆", "奥特曼", "马克", "陈", "黄仁勋", "Jensen", "Huang", "称", "担任", "、", "Meta", "Chief",
]
names = st.lists(st.sampled_from(NAME_TOKENS), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(names, st.integers(0, 3))
def test_the_latin_run_opening_with_its_capital_finds_what_the_plain_pattern_finds(text, pos):
    """Reference: `_PLAIN_LATIN_RUN`, the Latin run with its lookbehind first."""
    assert spans(person_names._LATIN_RUN.finditer(text, pos)) == spans(_PLAIN_LATIN_RUN.finditer(text, pos))
    assert bool(person_names._LATIN_RUN.pattern.fullmatch(text)) == bool(_PLAIN_LATIN_RUN.fullmatch(text))


@settings(max_examples=300, deadline=None)
@given(names, st.data())
def test_a_scanner_without_starts_is_its_pattern(text, data):
    """Reference: the Latin run's own pattern, `finditer` and `search`."""
    pos = data.draw(st.integers(0, len(text)))
    endpos = data.draw(st.integers(pos, len(text)))
    pattern = person_names._LATIN_RUN.pattern
    scanner = Scanner(pattern)
    assert spans(scanner.finditer(text, pos, endpos)) == spans(pattern.finditer(text, pos, endpos))
    assert spans(scanner.finditer(text)) == spans(pattern.finditer(text))
    found, expected = scanner.search(text, pos, endpos), pattern.search(text, pos, endpos)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=400, deadline=None)
@given(names)
def test_a_line_that_may_name_no_one_gives_what_the_full_reading_gives(line):
    """Reference: the full reading of the line, `people._Line(...).people` and `people._find_people`."""
    full = people._Line(line, person_lexicon._lexicon(RULES))
    assert people.find_people(line, RULES) == list(full.people)
    known = frozenset({"sam altman", "jensen huang", "jose de"})
    assert people.find_people(line, RULES, known) == people._find_people(full, known)
    if not people._may_name(line):
        assert not full.people and not full.latin


@pytest.mark.parametrize("line", [
    "没有人名的句子，只有中文。", "他说：萨姆·奥特曼（Sam Altman）表示", "Sam Altman said", "奥特曼(Sam Altman)称",
    "首席执行官黄仁勋（Jensen Huang）", "马克·陈", "", "2025年3月", "（附图）", "É Macron",
])
def test_people_shortcut_gives_what_the_full_reading_gives(line):
    """Reference: the full reading of the line, `people._Line(...).people` and `people._find_people`."""
    full = list(people._Line(line, person_lexicon._lexicon(RULES)).people)
    assert people.find_people(line, RULES) == full
    known = frozenset({"sam altman"})
    assert people.find_people(line, RULES, known) == people._find_people(people._Line(line, person_lexicon._lexicon(RULES)), known)


@settings(max_examples=200, deadline=None)
@given(st.lists(names, max_size=4))
def test_people_claims_skip_only_lines_that_name_no_one(lines):
    """Reference: `people.extract_people` with every line taken as one that may name someone."""
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


# Pieces of names and titles in both scripts, and what stands around them: spaces, dots of
# transliterations, capitals inside words, case variants, letters that fold to ASCII (ſ, K),
# past markers, final sigma.
TITLE_TOKENS = [
    "Sam", "Altman", "OpenAI", "McDonald", "O'Brien", "Jean-Luc", "José", "van", "J.", " ", " ", "-", ".", "a",
    "·", "•", "・", "‧", "(", ")", "（", "）", "CEO", "ceo", "Ceo", "cEO", "CTO", "Chief", "chief", "Executive",
    "Officer", "Vice", "President", "president", "Co-Founder", "co-founder", "Head", "of", "Product", "Director",
    "ſ", "K", "İ", "Σ", "ΑΣ", "former", "Former", "ex-", "EX-", "then-", "performer", "首席执行官", "副总裁", "前",
    "原", "曾任", "时任", "曾经担任", "的", "，", "萨姆", "奥特曼", "称", "担任", "、", "Slack", "Meta", "研究",
]
title_texts = st.lists(st.sampled_from(TITLE_TOKENS), max_size=16).map("".join)


@settings(max_examples=500, deadline=None)
@given(title_texts)
def test_the_name_test_without_a_regex_scan_answers_as_the_two_scans(line):
    """Reference: `person_names._DOT.search` or `person_names._LATIN_RUN.search` over the line."""
    plain = person_names._DOT.search(line) is not None or person_names._LATIN_RUN.search(line) is not None
    assert people._may_name(line) == plain


# ------------------------------------------------------------------ title words


@settings(max_examples=500, deadline=None)
@given(title_texts, st.integers(0, 3))
def test_title_words_tried_at_word_starts_are_those_found_everywhere(text, pos):
    """Reference: each title word's own pattern, `finditer` from `pos`."""
    for regex in LEX.titles:
        pattern = regex.pattern if isinstance(regex, Scanner) else regex
        assert spans(regex.finditer(text, pos)) == spans(pattern.finditer(text, pos))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_title_words_come_in_start_then_end_order(sentence_and_title_lines, data):
    """Reference: the title words sorted by (start, end)."""
    text = data.draw(sentence_and_title_lines)
    lex = person_lexicon._lexicon(RULES)
    words = person_titles._title_words(text, lex)
    assert words == sorted(words, key=lambda w: (w.start, w.end))
    assert len({(w.start, w.end) for w in words}) == len(words)  # no tie for the tuples' order to break


# ------------------------------------------------------------------ past markers and organisations

# Pieces of names, titles, organisations and past markers in both scripts, and what stands
# around them: dots of transliterations, parentheses of pairings, letters that lower-case
# to ASCII or by their context (K, İ, Σ), markers inside longer words (performer).
MARKER_TOKENS = [
    "Sam", "Altman", "Walter", "Castillo", "Helen", "OpenAI", "McDonald", "O'Brien", "Jean-Luc", "José", "van",
    "J.", "Dr", " ", " ", "-", ".", "a", "·", "•", "・", "(", ")", "（", "）", "CEO", "ceo", "Chief", "Executive",
    "Officer", "President", "Director", "K", "İ", "Σ", "former", "Former", "FORMER", "ex-", "EX-", "then-",
    "performer", "首席执行官", "副总裁", "研究", "前", "原", "曾任", "曾经担任", "离任", "的", "，", "、", "和",
    "萨姆", "奥特曼", "沃尔特", "卡斯蒂略", "陈", "称", "担任", "华为", "三星", "三星电子", "微软", "公司", "集团",
    "实验室", "云业务", "Meta", "Google", "Google DeepMind",
]
marker_texts = st.lists(st.sampled_from(MARKER_TOKENS), max_size=18).map("".join)


@settings(max_examples=500, deadline=None)
@given(marker_texts)
def test_latin_candidates_left_out_are_those_a_named_name_overlaps(line):
    """Reference: every Latin candidate (`person_names._latin_candidates` with nothing to skip) less
    those `person_names._overlaps` finds under a named name."""
    parsed = people._Line(line, LEX)
    every = person_names._latin_candidates(line, LEX, parsed, [])
    assert parsed.latin == [name for name in every if not person_names._overlaps(name, parsed.named)]


def _plain_ending_marker(norm, pos, floor):
    end = max(person_titles._skip_back(norm, pos, " "), floor)
    for length, words in LEX.prefix_markers:
        lo = end - length
        if lo < floor or (marker := norm[lo:end].lower()) not in words:
            continue
        if marker.isascii() and lo > 0 and norm[lo - 1].isascii() and norm[lo - 1].isalpha():
            continue
        return norm[lo:pos]
    return ""


@settings(max_examples=500, deadline=None)
@given(marker_texts, st.integers(0, 40), st.integers(0, 40))
def test_a_past_marker_ruled_out_by_its_last_character_is_none_the_plain_loop_finds(text, pos, floor):
    """Reference: `_plain_ending_marker`, every marker length tried."""
    pos, floor = min(pos, len(text)), min(floor, pos, len(text))
    assert person_titles._ending_marker(text, pos, floor, LEX) == _plain_ending_marker(text, pos, floor)


def _plain_split_org(run):
    for length in sorted({len(e) for e in LEX.entities}, reverse=True):
        if run[:length] in LEX.entities:
            return run[:length], run[length:]
    return None


@settings(max_examples=500, deadline=None)
@given(marker_texts)
def test_the_alias_a_run_opens_with_is_the_one_tried_at_every_length(run):
    """Reference: `_plain_split_org`, every alias length tried, longest first."""
    plain = _plain_split_org(run)
    if plain is not None:
        assert person_titles._split_org(run, LEX) == plain
    else:
        assert not any(run.startswith(alias) for alias in LEX.entities)


def test_the_shortcuts_see_the_cases_they_skip():
    assert person_titles._ending_marker("前首席执行官", 1, 0, LEX) == "前"
    assert person_titles._ending_marker("performer CEO", 10, 0, LEX) == ""
    assert person_titles._split_org("三星电子云业务", LEX) == ("三星电子", "云业务")
    parsed = people._Line("沃尔特·卡斯蒂略(Walter Castillo)称", LEX)
    assert parsed.named and not parsed.latin and person_names._latin_candidates(parsed.norm, LEX, parsed, [])


# ------------------------------------------------------------------ titles, clauses and lookups on a long line

PEOPLE_TOKENS = [
    "Sam", "Altman", "Walter", "Castillo", "Anna", "OpenAI", "O'Brien", "J.", " ", " ", "  ", "\u3000", "·", "•",
    "(", ")", "（", "）", "CEO", "Chief", "Executive", "Officer", "K", "İ", "Σ", "former", "FORMER", "ex-", "then-",
    "performer", "首席执行官", "副总裁", "前", "原", "曾任", "曾经担任", "离任", "此前", "的", "，", "、", "和", "及",
    "以及", "同时", "也是", "兼", "萨姆", "奥特曼", "沃尔特", "卡斯蒂略", "陈", "担任", "华为", "公司", "集团", "研究员",
    "Meta", "\n", "称", "Sam Altman", " Chief Executive Officer Anna Walker", "CEO Tom Steyer", " President Walter ",
]
people_texts = st.lists(st.sampled_from(PEOPLE_TOKENS), max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(people_texts, st.data())
def test_a_title_joiner_searched_near_the_end_is_the_one_searched_from_the_start(text, data):
    """Reference: `person_titles._TITLE_JOINER.search` from the line's start."""
    end = data.draw(st.integers(0, len(text)))
    found, plain = person_titles._title_joiner(text, end), person_titles._TITLE_JOINER.search(text, 0, end)
    assert (found and found.span()) == (plain and plain.span())


@settings(max_examples=500, deadline=None)
@given(people_texts, st.data())
def test_a_clause_start_and_its_loose_markers_read_off_the_line_are_the_plain_ones(text, data):
    """References: `person_titles._clause_start` and `person_titles._has_loose_marker` on the text itself."""
    line = people._Line(text, LEX)
    floor = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    saved = person_titles._SHORT_REACH
    person_titles._SHORT_REACH = -1  # the indexes, whatever the distance
    try:
        assert line.clause_start(pos, floor) == person_titles._clause_start(text, pos, floor)
        assert line.has_loose_marker(lo, hi) == person_titles._has_loose_marker(text[lo:hi], LEX.loose_markers)
    finally:
        person_titles._SHORT_REACH = saved


def _plain_title_after(line, pos):
    """The former `_Line.title_after`: every title word tried in order."""
    if line.lex.connectors is None:
        return None
    at = person_titles._skip(line.norm, pos, " ")
    if at < len(line.norm) and line.norm[at] in "，,":
        at = person_titles._skip(line.norm, at + 1, " ")
    connector = line.lex.connectors.match(line.norm, at)
    if connector is None:
        return None
    floor = person_titles._skip(line.norm, connector.end(), " ")
    filler = person_titles._FILLERS.match(line.norm, floor)
    if filler:
        floor = person_titles._skip(line.norm, filler.end(), " ")
    for word in line.words:
        if floor <= word.start <= floor + person_titles._CONNECTOR_REACH:
            title = line._phrase(word, floor, clause_start=pos)
            return title if title.start == floor else None
    return None


def _plain_left_part_start(norm, dot, lex, spans):
    start = dot
    while start > 0 and dot - start < 6 and norm[start - 1] in lex.translit:
        start -= 1
    for lo, hi in spans:
        if lo < dot and hi > start:
            start = max(start, min(hi, dot))
    return start


def _plain_right_part_end(norm, pos, lex, cuts):
    end = pos
    while end < len(norm) and end - pos < 6 and norm[end] in lex.translit:
        end += 1
    if end == pos and pos < len(norm) and norm[pos] in lex.surnames:
        end = pos + 1
    for lo, hi in cuts:
        if pos < lo < end:
            end = lo
    return end


def _plain_dot_name_reaching(norm, end, dot_names):
    for name in dot_names:
        gap = norm[name.end:end]
        plain_cjk = all(person_lexicon._is_cjk(c) and c not in person_titles._DOMAIN_STOP for c in gap)
        if name.end <= end and len(gap) <= person_names._PAIR_GAP_MAX and plain_cjk:
            return person_names._Name(name.start, end, cjk=norm[name.start:end].translate(person_names._ONE_DOT))
    return None


def _plain_latin_candidates(norm, lex, line, skip):
    """The former `_latin_candidates`: every name of `skip` and every title word tried per run."""
    names = []
    for match in person_names._LATIN_RUN.finditer(norm):
        last = match.end() - 1
        if any(name.start <= last < name.end for name in skip):
            continue
        start = max([match.start(), *(w.end + 1 for w in line.words if match.start() <= w.start and w.end < match.end())])
        words = norm[start:match.end()].split(" ")
        while words and (words[0].lower().rstrip(".") in lex.not_names or words[0].lower() in lex.title_roles):
            start += len(words[0]) + 1
            words = words[1:]
        latin = person_names._latin_name(" ".join(words), lex)
        if latin:
            names.append(person_names._Name(start, start + len(latin), latin=latin))
    return names


@settings(max_examples=500, deadline=None)
@given(people_texts, st.data())
def test_the_people_lookups_by_bisection_are_the_plain_loops(text, data):
    """References: `_plain_title_after`, `_plain_left_part_start`, `_plain_right_part_end`,
    `_plain_dot_name_reaching` and `_plain_latin_candidates`, the former loops."""
    line = people._Line(text, LEX)
    for pos in range(len(text) + 1):
        assert line.title_after(pos) == _plain_title_after(line, pos)
    cuts = [m.span() for m in LEX.boundaries.finditer(text)] if LEX.boundaries else []
    glued = [*((w.start, w.end) for w in line.words), *cuts]
    reach = person_names._Reach(glued)
    for dot in range(len(text) + 1):
        assert person_names._left_part_start(text, dot, LEX, reach) == _plain_left_part_start(text, dot, LEX, glued)
        assert person_names._right_part_end(text, dot, LEX, [lo for lo, _ in cuts]) == _plain_right_part_end(text, dot, LEX, cuts)
    dots = person_names._dot_names(text, LEX, line)
    ends = [n.end for n in dots]
    assert ends == sorted(set(ends))
    for end in range(len(text) + 1):
        assert person_names._dot_name_reaching(text, end, dots, ends) == _plain_dot_name_reaching(text, end, dots)
    for skip in ([], line.named, dots, [person_names._Name(3, 3), person_names._Name(0, 9)]):
        assert person_names._latin_candidates(text, LEX, line, skip) == _plain_latin_candidates(text, LEX, line, skip)


name_spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=8).map(
    lambda spans: [person_names._Name(lo, lo + width) for lo, width in spans])


@settings(max_examples=500, deadline=None)
@given(name_spans, name_spans)
def test_marks_tell_overlaps_as_overlaps_does(taken, asked):
    """Reference: `person_names._overlaps`, each taken name tested in turn."""
    marks = person_names._Marks(40, taken)
    for name in asked:
        assert marks.overlaps(name) == person_names._overlaps(name, taken)
    for name in asked:  # added one at a time, as _find_people adds the names it takes
        marks.add(name)
        taken = [*taken, name]
        assert all(marks.overlaps(other) == person_names._overlaps(other, taken) for other in asked)
