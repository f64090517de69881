"""Issue 11's growth shortcuts read exactly what the plain ways they replace read.

Each test names the plain reference: a line's sentences and clauses by bisection
(`context.plain_sentence_at`, `context.plain_clause_at`); a line's dates read through
`dates._LineDates` (`dates.about`, one pass over every other date and term per date); the news
peg read once per sentence (`_plain_peg_date`, the former `_peg_date`); the people shortcuts
(`_TITLE_JOINER.search` from 0, `_clause_start`, `_has_loose_marker`, `_overlaps`, and the
former loops of `_left_part_start`, `_right_part_end`, `_dot_name_reaching`, `title_after`,
`_latin_candidates`); and `terms._inside`."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import context, dates, people, terms
from factcheck.config import load_config
from factcheck.model import Claim, ClaimKind, DateValue, Line
from factcheck.normalise import normalise_text

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "rules")
LEX = people._lexicon(CONFIG)

# ------------------------------------------------------------------ context: sentences and clauses

BREAKS = st.text("ab的，,、：:；;。！？!?”」\"' \n", max_size=40)


@settings(max_examples=500, deadline=None)
@given(BREAKS, st.data())
def test_an_indexed_line_gives_the_plain_sentence_and_clause(text, data):
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
    pos = data.draw(st.integers(-2, len(text) + 2))
    lo = data.draw(st.integers(-2, len(text) + 2))
    hi = data.draw(st.integers(-2, len(text) + 2))
    assert context.sentence_at(text, pos) == context.plain_sentence_at(text, pos)
    assert context.clause_at(text, pos, lo, hi) == context.plain_clause_at(text, pos, lo, hi)
    assert context.clause_at(text, pos) == context.plain_clause_at(text, pos)


# ------------------------------------------------------------------ dates: a line's dates

# Dates (alone, in lists and ranges), clause and sentence breaks, events, quoted and Latin
# terms, people, phase and speech verbs, plan and as-of markers.
DATE_TOKENS = [
    "2025年12月1日", "12月3日", "5日", "12月", "2024年", "去年", "周一", "上周", "至", "到", "、", "和", "以及",
    "，", "。", "；", "：", " ", "OpenAI", "谷歌", "红色警报", "开发者大会", "裁员", "“Sora计划”", "Sam Altman",
    "萨姆·奥特曼", "奥特曼", "宣布", "启动", "发布", "离开", "加入", "表示", "结束", "将于", "计划", "截至", "届时",
    "后", "前", "的", "公司", "华为科技", "ChatGPT",
]
date_lines = st.lists(st.sampled_from(DATE_TOKENS), max_size=28).map("".join)


def _plain_line_claims(path, line, norm, mentions, config):
    """The former `_line_claims`: `dates.about` per date, with every other date's span."""
    terms_ = dates._line_terms(norm, config)
    heads = dates.list_siblings(norm, mentions)
    sentences = context.sentence_spans(norm)
    sentence_starts = [start for start, _ in sentences]
    spans = [(m.start, m.end) for m in mentions]
    list_span = {head: (spans[head][0], spans[index][1]) for index, head in enumerate(heads)}
    claims = []
    for index, mention in enumerate(mentions):
        head = heads[index]
        others = [span for span, other in zip(spans, heads) if other != head]
        sentence = sentences[bisect.bisect_right(sentence_starts, mention.start) - 1]
        info = dates.about(norm, list_span[head], sentence, others, terms_, config)
        claims.append(Claim(
            kind=ClaimKind.DATE, doc=path, line=line.number,
            sentence=line.text[sentence[0]:sentence[1]], raw=line.text[mention.start:mention.end],
            start=mention.start - sentence[0], subject=info.subject, attribute=info.attribute,
            value=mention.value, terms=info.terms, modality=info.modality,
        ))
    return claims


@settings(max_examples=600, deadline=None)
@given(date_lines)
def test_a_lines_dates_read_through_line_dates_are_read_as_about_reads_them(text):
    norm = normalise_text(text, CONFIG)
    mentions = dates.read_dates(norm, dt.date(2025, 12, 5))
    line = Line(number=1, text=norm, original=norm, norm=norm)
    assert dates._line_claims("a.txt", line, norm, mentions, CONFIG) == _plain_line_claims("a.txt", line, norm, mentions, CONFIG)


def _plain_peg_date(claim, published, config, actors):
    """The former `_peg_date`: the sentence normalised and searched for each date."""
    norm = normalise_text(claim.sentence, config)
    if not any(actor in norm.casefold() for actor in actors):
        return False
    clause_end = next((i for i in range(claim.start, len(norm)) if norm[i] in "，,。；;：:"), len(norm))
    if dates._SPEECH.search(norm, claim.start, clause_end):
        return False
    value = claim.value
    if claim.attribute != "occur" or claim.modality or not isinstance(value, DateValue) or value.start is None:
        return False
    if not (published - dt.timedelta(days=dates.PEG_DAYS) <= value.start and value.end <= published):
        return False
    subject = claim.subject
    if not subject or re.fullmatch(r"[a-z]+(?: [a-z]+)+", subject):
        return True
    quoted = re.escape(subject)
    return bool(re.search(f"[“「『\"]{quoted}[”」』\"]", norm))


PEG_TOKENS = ["奥特曼", "Altman", "周一", "12月1日", "12月3日", "11月1日", "呼吁", "表示", "，", "。", "：", "“",
              "”", "红色警报", "Sora", "计划", "全力冲刺", "OpenAI", " "]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PEG_TOKENS), max_size=16).map("".join), min_size=1, max_size=3),
       st.sampled_from(["", "code-red", "sora", "sam altman", "红色警报"]))
def test_the_news_peg_read_once_per_sentence_is_the_plain_peg(sentences, subject):
    published = dt.date(2025, 12, 5)
    actors = {"奥特曼", "altman"}
    claims = []
    for text in sentences:
        norm = normalise_text(text, CONFIG)
        for mention in dates.read_dates(norm, published):
            claims.append(Claim(kind=ClaimKind.DATE, doc="a.txt", line=1, sentence=text, raw=text[mention.start:mention.end],
                                start=mention.start, subject=subject, attribute="occur", value=mention.value))
    claims += [replace(c, start=c.start + 1) for c in claims]  # a start inside the date too
    read: dict = {}
    for claim in claims:
        assert dates._peg_date(claim, published, CONFIG, actors, read) == _plain_peg_date(claim, published, CONFIG, actors)


# ------------------------------------------------------------------ people

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
    end = data.draw(st.integers(0, len(text)))
    found, plain = people._title_joiner(text, end), people._TITLE_JOINER.search(text, 0, end)
    assert (found and found.span()) == (plain and plain.span())


@settings(max_examples=500, deadline=None)
@given(people_texts, st.data())
def test_a_clause_start_and_its_loose_markers_read_off_the_line_are_the_plain_ones(text, data):
    line = people._Line(text, LEX)
    floor = data.draw(st.integers(0, len(text)))
    pos = data.draw(st.integers(0, len(text)))
    lo = data.draw(st.integers(0, len(text)))
    hi = data.draw(st.integers(lo, len(text)))
    saved = people._SHORT_REACH
    people._SHORT_REACH = -1  # the indexes, whatever the distance
    try:
        assert line.clause_start(pos, floor) == people._clause_start(text, pos, floor)
        assert line.has_loose_marker(lo, hi) == people._has_loose_marker(text[lo:hi], LEX.loose_markers)
    finally:
        people._SHORT_REACH = saved


def _plain_title_after(line, pos):
    """The former `_Line.title_after`: every title word tried in order."""
    if line.lex.connectors is None:
        return None
    at = people._skip(line.norm, pos, " ")
    if at < len(line.norm) and line.norm[at] in "，,":
        at = people._skip(line.norm, at + 1, " ")
    connector = line.lex.connectors.match(line.norm, at)
    if connector is None:
        return None
    floor = people._skip(line.norm, connector.end(), " ")
    filler = people._FILLERS.match(line.norm, floor)
    if filler:
        floor = people._skip(line.norm, filler.end(), " ")
    for word in line.words:
        if floor <= word.start <= floor + people._CONNECTOR_REACH:
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
        if name.end <= end and len(gap) <= people._PAIR_GAP_MAX and all(people._is_cjk(c) and c not in people._DOMAIN_STOP for c in gap):
            return people._Name(name.start, end, cjk=norm[name.start:end].translate(people._ONE_DOT))
    return None


def _plain_latin_candidates(norm, lex, line, skip):
    """The former `_latin_candidates`: every name of `skip` and every title word tried per run."""
    names = []
    for match in people._LATIN_RUN.finditer(norm):
        last = match.end() - 1
        if any(name.start <= last < name.end for name in skip):
            continue
        start = max([match.start(), *(w.end + 1 for w in line.words if match.start() <= w.start and w.end < match.end())])
        words = norm[start:match.end()].split(" ")
        while words and (words[0].lower().rstrip(".") in lex.not_names or words[0].lower() in lex.title_roles):
            start += len(words[0]) + 1
            words = words[1:]
        latin = people._latin_name(" ".join(words), lex)
        if latin:
            names.append(people._Name(start, start + len(latin), latin=latin))
    return names


@settings(max_examples=500, deadline=None)
@given(people_texts, st.data())
def test_the_people_lookups_by_bisection_are_the_plain_loops(text, data):
    line = people._Line(text, LEX)
    for pos in range(len(text) + 1):
        assert line.title_after(pos) == _plain_title_after(line, pos)
    cuts = [m.span() for m in LEX.boundaries.finditer(text)] if LEX.boundaries else []
    glued = [*((w.start, w.end) for w in line.words), *cuts]
    reach = people._Reach(glued)
    for dot in range(len(text) + 1):
        assert people._left_part_start(text, dot, LEX, reach) == _plain_left_part_start(text, dot, LEX, glued)
        assert people._right_part_end(text, dot, LEX, [lo for lo, _ in cuts]) == _plain_right_part_end(text, dot, LEX, cuts)
    dots = people._dot_names(text, LEX, line)
    ends = [n.end for n in dots]
    assert ends == sorted(set(ends))
    for end in range(len(text) + 1):
        assert people._dot_name_reaching(text, end, dots, ends) == _plain_dot_name_reaching(text, end, dots)
    for skip in ([], line.named, dots, [people._Name(3, 3), people._Name(0, 9)]):
        assert people._latin_candidates(text, LEX, line, skip) == _plain_latin_candidates(text, LEX, line, skip)


names = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=8).map(
    lambda spans: [people._Name(lo, lo + width) for lo, width in spans])


@settings(max_examples=500, deadline=None)
@given(names, names)
def test_marks_tell_overlaps_as_overlaps_does(taken, asked):
    marks = people._Marks(40, taken)
    for name in asked:
        assert marks.overlaps(name) == people._overlaps(name, taken)
    for name in asked:  # added one at a time, as _find_people adds the names it takes
        marks.add(name)
        taken = [*taken, name]
        assert all(marks.overlaps(other) == people._overlaps(other, taken) for other in asked)


# ------------------------------------------------------------------ terms

spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=10).map(
    lambda found: [(lo, lo + width) for lo, width in found])


@settings(max_examples=500, deadline=None)
@given(spans, spans)
def test_spans_hold_what_inside_finds_held(taken, asked):
    held = terms._Spans(taken)
    for span in asked:
        assert held.hold(span) == terms._inside(span, taken)
