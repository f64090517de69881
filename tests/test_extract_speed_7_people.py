"""The seventh round of people shortcuts reads exactly what the plain way reads."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import people
from factcheck.config import load_config

ROOT = Path(__file__).resolve().parent.parent
RULES = load_config(ROOT / "rules")
LEX = people._lexicon(RULES)

# Pieces of names, titles, organisations and past markers in both scripts, and what stands
# around them: dots of transliterations, parentheses of pairings, letters that lower-case
# to ASCII or by their context (K, İ, Σ), markers inside longer words (performer).
TOKENS = [
    "Sam", "Altman", "Walter", "Castillo", "Helen", "OpenAI", "McDonald", "O'Brien", "Jean-Luc", "José", "van",
    "J.", "Dr", " ", " ", "-", ".", "a", "·", "•", "・", "(", ")", "（", "）", "CEO", "ceo", "Chief", "Executive",
    "Officer", "President", "Director", "K", "İ", "Σ", "former", "Former", "FORMER", "ex-", "EX-", "then-",
    "performer", "首席执行官", "副总裁", "研究", "前", "原", "曾任", "曾经担任", "离任", "的", "，", "、", "和",
    "萨姆", "奥特曼", "沃尔特", "卡斯蒂略", "陈", "称", "担任", "华为", "三星", "三星电子", "微软", "公司", "集团",
    "实验室", "云业务", "Meta", "Google", "Google DeepMind",
]
texts = st.lists(st.sampled_from(TOKENS), max_size=18).map("".join)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_latin_candidates_left_out_are_those_a_named_name_overlaps(line):
    parsed = people._Line(line, LEX)
    every = people._latin_candidates(line, LEX, parsed, [])
    assert parsed.latin == [name for name in every if not people._overlaps(name, parsed.named)]


def _plain_ending_marker(norm, pos, floor):
    end = max(people._skip_back(norm, pos, " "), floor)
    for length, words in LEX.prefix_markers:
        lo = end - length
        if lo < floor or (marker := norm[lo:end].lower()) not in words:
            continue
        if marker.isascii() and lo > 0 and norm[lo - 1].isascii() and norm[lo - 1].isalpha():
            continue
        return norm[lo:pos]
    return ""


@settings(max_examples=500, deadline=None)
@given(texts, st.integers(0, 40), st.integers(0, 40))
def test_a_past_marker_ruled_out_by_its_last_character_is_none_the_plain_loop_finds(text, pos, floor):
    pos, floor = min(pos, len(text)), min(floor, pos, len(text))
    assert people._ending_marker(text, pos, floor, LEX) == _plain_ending_marker(text, pos, floor)


def _plain_split_org(run):
    for length in sorted({len(e) for e in LEX.entities}, reverse=True):
        if run[:length] in LEX.entities:
            return run[:length], run[length:]
    return None


@settings(max_examples=500, deadline=None)
@given(texts)
def test_the_alias_a_run_opens_with_is_the_one_tried_at_every_length(run):
    plain = _plain_split_org(run)
    if plain is not None:
        assert people._split_org(run, LEX) == plain
    else:
        assert not any(run.startswith(alias) for alias in LEX.entities)


def test_the_shortcuts_see_the_cases_they_skip():
    assert people._ending_marker("前首席执行官", 1, 0, LEX) == "前"
    assert people._ending_marker("performer CEO", 10, 0, LEX) == ""
    assert people._split_org("三星电子云业务", LEX) == ("三星电子", "云业务")
    parsed = people._Line("沃尔特·卡斯蒂略(Walter Castillo)称", LEX)
    assert parsed.named and not parsed.latin and people._latin_candidates(parsed.norm, LEX, parsed, [])
