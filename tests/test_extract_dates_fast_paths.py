"""Date extraction fast paths, each compared with the plain code it stands in for: the date hint
that skips lines holding no date head (a week word's 期, 拜 and 周 only at its end or before a
weekday), the heads found by a guarded scanner, one negation test, plan markers by one regex,
phases ordered from a set, a line's dates read through `_LineDates`, the news peg read once per
sentence."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract import (
    context, date_expressions, date_forms, date_peg, date_resolution, date_subjects, date_window, dates,
)
from factcheck.settings import load_config
from factcheck.extract.context import Scanner
from factcheck.model import Claim, ClaimKind, DateValue, Line
from factcheck.normalise import normalise_text

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "rules")
LEXICON = date_subjects._lexicon(CONFIG)


def spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


# ------------------------------------------------------------------ the date hint and heads

# The hint before week words were told apart: any final character of a head word, 年, 月, or a
# year and separator.
_PLAIN_HINT = re.compile(
    rf"[{''.join(sorted({'年', '月', *(w[-1] for w in date_forms._HEAD_WORDS)}))}\d](?:(?<=\d)\d{{3}}[-/.]|(?<!\d))"
)

# Week words and their look-alikes (时期, 周围, 拜访, 礼拜堂), weekdays, relative words, numbers and
# the rest of a date, so lines with and without dates are both drawn.
WEEK_TOKENS = [
    "星期", "礼拜", "周", "期", "拜", "星", "礼", "上", "下", "本", "这", "个", "时期", "周围", "拜访", "周年",
    "一", "二", "三", "日", "天", "六", "上周", "本周", "下个星期", "这个礼拜", "上星期二", "周日", "每周",
    "2025", "年", "月", "12", "1", "-", "/", ".", " ", "，", "今天", "去年", "春季", "在", "第二", "期间",
]
WEEK_LINES = st.lists(st.sampled_from(WEEK_TOKENS), max_size=14).map("".join)


@settings(max_examples=500, deadline=None)
@given(WEEK_LINES)
def test_a_line_without_the_hint_holds_no_date_head(text):
    """Reference: `_PLAIN_HINT`, the hint taking every final character of a head word."""
    if date_forms._HEAD.search(text):
        assert date_forms._HEAD_HINT.search(text), text
    if date_forms._HEAD_HINT.search(text):
        assert _PLAIN_HINT.search(text), text  # the new hint only narrows the plain one


@settings(max_examples=300, deadline=None)
@given(WEEK_LINES)
def test_dates_read_as_with_the_plain_hint(text):
    """Reference: `date_resolution._resolved` of the expressions on lines `_PLAIN_HINT` lets through."""
    published = dt.date(2025, 12, 10)
    plain = date_resolution._resolved(text, date_expressions._expressions(text) if _PLAIN_HINT.search(text) else [], published, None)
    assert date_resolution.read_dates(text, published) == plain


def test_week_words_are_hinted_and_their_look_alikes_are_not():
    for text in ("星期三", "上周", "这个礼拜", "周一开会", "下星期"):
        assert date_forms._HEAD_HINT.search(text), text
    for text in ("这一时期", "周围的人", "拜访客户", "周期性"):
        assert not date_forms._HEAD_HINT.search(text), text


def test_date_hint_matches_where_the_alternation_did(numeral_lines):
    """Reference: the hint as an alternation of head-word endings, 年, 月 and a year with its separator."""
    words = "".join(sorted({"年", "月", *(w[-1] for w in date_forms._HEAD_WORDS)}))
    plain = re.compile(rf"[{words}]|\d{{4}}[-/.]")
    for line in [*numeral_lines, "٣٤٥٦-", "123-", "9999.9", "abc 2025/"]:
        assert bool(plain.search(line)) == bool(date_forms._HEAD_HINT.search(line)), line


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_line_without_the_date_hint_holds_no_date(lexicon_lines, data):
    """Reference: `date_forms._HEAD_PATTERN`, the heads' pattern searched over the whole line."""
    text = data.draw(lexicon_lines)
    if date_forms._HEAD_PATTERN.search(text):
        assert date_forms._HEAD_HINT.search(text)


HEAD_TOKENS = [
    "2025", "12", "1", "-", "/", ".", " ", "年", "月", "日", "号", "一", "二", "十", "〇", "两", "万", "周", "星期", "礼拜",
    "上", "下", "本", "这", "个", "今年", "去年", "同年", "当年", "次年", "昨天", "春季", "在", "第", "初", "底", "a", "٣",
]
head_lines = st.lists(st.sampled_from(HEAD_TOKENS), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(head_lines, st.integers(0, 3))
def test_the_date_heads_find_what_the_plain_pattern_finds(text, pos):
    """Reference: `date_forms._HEAD_PATTERN` tried at every character (a Scanner whose starts match anything)."""
    plain = Scanner(date_forms._HEAD_PATTERN, re.compile(r"[\s\S]"))  # tried at every character
    assert spans(date_forms._HEAD.finditer(text, pos)) == spans(plain.finditer(text, pos))
    found, expected = date_forms._HEAD.search(text, pos), date_forms._HEAD_PATTERN.search(text, pos)
    assert (found and found.span()) == (expected and expected.span())
    if not date_forms._HEAD_HINT.search(text):
        assert date_resolution.read_dates(text, None) == []


HINT_TOKENS = ["2025", "12", "1", "-", "年", "月", "日", "今年", "同年", "到", "、", "，", "a", "。"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HINT_TOKENS), max_size=14).map("".join), st.sampled_from([None, dt.date(2025, 6, 1)]))
def test_dates_read_without_a_second_hint_test_are_those_read_with_it(line, published):
    """Reference: `date_resolution._resolved` of `date_expressions._expressions`, asked only where `_HEAD_HINT` is found."""
    exprs = date_expressions._expressions(line) if date_forms._HEAD_HINT.search(line) else []
    assert date_resolution._resolved(line, exprs, published, None) == date_resolution.read_dates(line, published)


@settings(max_examples=300, deadline=None)
@given(st.text("没有尚未不无离职宣布，a", max_size=12), st.data())
def test_one_negation_test_answers_as_one_per_negation(text, data):
    """Reference: one `str.endswith` per word of `date_subjects._NEGATIONS`."""
    lo = data.draw(st.integers(0, len(text)))
    at = data.draw(st.integers(lo, len(text)))
    plain = any(text.endswith(neg, max(lo, at - len(neg)), at) for neg in date_subjects._NEGATIONS)
    assert text.endswith(date_subjects._NEGATIONS, max(lo, at - date_subjects._NEGATION_REACH), at) == plain


# ------------------------------------------------------------------ plan markers and phases


def _plain_modality(norm: str, window: list[tuple[int, int]]) -> str:
    """Every marker looked for on its own in every clause, as _modality did before."""
    for lo, hi in window:
        text = norm[lo:hi]
        for marker in LEXICON.plan:
            at = text.find(marker)
            while at >= 0:
                if not date_subjects._is_disposal_jiang(text, at, marker):
                    return "plan"
                at = text.find(marker, at + 1)
    return ""


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=3), st.data())
def test_plan_regex_finds_what_every_marker_finds(marker_and_fold_texts, cuts, data):
    """Reference: `_plain_modality`, every plan marker looked for on its own in every clause."""
    norm = data.draw(marker_and_fold_texts)
    window = [(min(a, b), max(a, b)) for a, b in cuts]
    assert date_subjects._modality(norm, window, LEXICON) == _plain_modality(norm, window)


@settings(deadline=None)
@given(st.lists(st.sampled_from(["end", "leave", "join", "release", "announce", "start", "occur", "zz"]), max_size=6))
def test_phase_order_is_the_plain_order(phases):
    """Reference: the phases found, in the order end, leave, join, release, announce, then the rest sorted."""
    verbs = [date_subjects._Verb(phase, 0, 1) for phase in phases]
    seen: list[str] = []
    for phase in ("end", "leave", "join", "release", "announce"):
        if any(v.phase == phase for v in verbs):
            seen.append(phase)
    seen += sorted({v.phase for v in verbs} - set(seen))
    assert date_subjects._phase_order(verbs) == seen


# ------------------------------------------------------------------ a line's dates and the news peg

# Dates (alone, in lists and ranges), clause and sentence breaks, events, quoted and Latin
# terms, people, phase and speech verbs, plan and as-of markers.
ABOUT_TOKENS = [
    "2025年12月1日", "12月3日", "5日", "12月", "2024年", "去年", "周一", "上周", "至", "到", "、", "和", "以及",
    "，", "。", "；", "：", " ", "OpenAI", "谷歌", "红色警报", "开发者大会", "裁员", "“Sora计划”", "Sam Altman",
    "萨姆·奥特曼", "奥特曼", "宣布", "启动", "发布", "离开", "加入", "表示", "结束", "将于", "计划", "截至", "届时",
    "后", "前", "的", "公司", "华为科技", "ChatGPT",
]
about_lines = st.lists(st.sampled_from(ABOUT_TOKENS), max_size=28).map("".join)


def _plain_line_claims(path, line, norm, mentions, config):
    """The former `_line_claims`: `date_subjects.about` per date, with every other date's span."""
    terms_ = dates._line_terms(norm, config)
    heads = date_resolution.list_siblings(norm, mentions)
    sentences = context.sentence_spans(norm)
    sentence_starts = [start for start, _ in sentences]
    spans = [(m.start, m.end) for m in mentions]
    list_span = {head: (spans[head][0], spans[index][1]) for index, head in enumerate(heads)}
    claims = []
    for index, mention in enumerate(mentions):
        head = heads[index]
        others = [span for span, other in zip(spans, heads) if other != head]
        sentence = sentences[bisect.bisect_right(sentence_starts, mention.start) - 1]
        info = date_subjects.about(norm, list_span[head], sentence, others, terms_, config)
        claims.append(Claim(
            kind=ClaimKind.DATE, doc=path, line=line.number,
            sentence=line.text[sentence[0]:sentence[1]], raw=line.text[mention.start:mention.end],
            start=mention.start - sentence[0], subject=info.subject, attribute=info.attribute,
            value=mention.value, terms=info.terms, modality=info.modality,
        ))
    return claims


@settings(max_examples=600, deadline=None)
@given(about_lines)
def test_a_lines_dates_read_through_line_dates_are_read_as_about_reads_them(text):
    """Reference: `_plain_line_claims`, the former `_line_claims` (`date_subjects.about` per date)."""
    norm = normalise_text(text, CONFIG)
    mentions = date_resolution.read_dates(norm, dt.date(2025, 12, 5))
    line = Line(number=1, text=norm, original=norm, norm=norm)
    assert dates._line_claims("a.txt", line, norm, mentions, CONFIG) == _plain_line_claims("a.txt", line, norm, mentions, CONFIG)


def _plain_peg_date(claim, published, config, actors):
    """The former `_peg_date`: the sentence normalised and searched for each date."""
    norm = normalise_text(claim.sentence, config)
    if not any(actor in norm.casefold() for actor in actors):
        return False
    clause_end = next((i for i in range(claim.start, len(norm)) if norm[i] in "，,。；;：:"), len(norm))
    if date_window._SPEECH.search(norm, claim.start, clause_end):
        return False
    value = claim.value
    if claim.attribute != "occur" or claim.modality or not isinstance(value, DateValue) or value.start is None:
        return False
    if not (published - dt.timedelta(days=date_peg.PEG_DAYS) <= value.start and value.end <= published):
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
    """Reference: `_plain_peg_date`, the former `_peg_date` (the sentence normalised per date)."""
    published = dt.date(2025, 12, 5)
    actors = {"奥特曼", "altman"}
    claims = []
    for text in sentences:
        norm = normalise_text(text, CONFIG)
        for mention in date_resolution.read_dates(norm, published):
            claims.append(Claim(kind=ClaimKind.DATE, doc="a.txt", line=1, sentence=text, raw=text[mention.start:mention.end],
                                start=mention.start, subject=subject, attribute="occur", value=mention.value))
    claims += [replace(c, start=c.start + 1) for c in claims]  # a start inside the date too
    read: dict = {}
    for claim in claims:
        assert date_peg._peg_date(claim, published, CONFIG, actors, read) == _plain_peg_date(claim, published, CONFIG, actors)
