"""The third round of extraction shortcuts gives what the full work gave."""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import amounts, clean, people
from factcheck.config import load_config

ROOT = Path(__file__).resolve().parent.parent
RULES = load_config(ROOT / "rules")


@pytest.mark.parametrize(("line", "raws"), [
    ("2025年营收增长", []),  # a year, refused before any value is built
    ("他在2025年3月1日宣布", []),
    ("12月1日", []),
    ("工作了3年", ["3年"]),
    ("2020-2025年", []),
    ("5.2个版本", []),  # a decimal of a counter
    ("1.5万个岗位", ["1.5万个"]),
    ("第3名", []),
    ("列表3，", []),  # bare
    ("$5的门票", ["$5"]),  # bare but for the currency sign before it
    ("US$20 billion", ["US$20 billion"]),
    ("超过8亿", ["超过8亿"]),  # a magnitude: kept for a metric word to claim
    ("约3到5万元", ["3到5万元"]),  # a range keeps no qualifier
    ("3-5人", ["3-5人"]),
    ("GPT-4o", []),
    ("百分之五", ["百分之五"]),
])
def test_refused_numbers_stay_refused_and_amounts_stay_read(line, raws):
    assert [line[r.start : r.end] for r in amounts.read_amounts(line)] == raws


@pytest.mark.parametrize("line", [
    "没有人名的句子，只有中文。", "他说：萨姆·奥特曼（Sam Altman）表示", "Sam Altman said", "奥特曼(Sam Altman)称",
    "首席执行官黄仁勋（Jensen Huang）", "马克·陈", "", "2025年3月", "（附图）", "É Macron",
])
def test_people_shortcut_gives_what_the_full_reading_gives(line):
    full = list(people._Line(line, people._lexicon(RULES)).people)
    assert people.find_people(line, RULES) == full
    known = frozenset({"sam altman"})
    assert people.find_people(line, RULES, known) == people._find_people(people._Line(line, people._lexicon(RULES)), known)


class _AlwaysDamaged:
    """_DAMAGED_GLOSS that claims a damaged gloss in every document: the glossary always built."""

    def __getattr__(self, name):
        return getattr(_DAMAGED, name)

    def search(self, *args, **kwargs):
        return True


_DAMAGED = clean._DAMAGED_GLOSS


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name[:3])
def test_repair_without_the_glossary_where_no_gloss_is_damaged(path, monkeypatch):
    text = path.read_text(encoding="utf-8")
    extra = "\n".join(["為何是八周時間?這與模型發布節奏緊密掛鉤。", "這是否意味著警報將在明年一月結束?”他在會上問。", "銀行(yín)"])
    for document in (text, extra, text.replace("?", "？") + "\n" + extra):
        lines = document.split("\n")
        quick = clean.repair_document(lines, document)
        monkeypatch.setattr(clean, "_DAMAGED_GLOSS", _AlwaysDamaged())
        full = clean.repair_document(lines, document)
        monkeypatch.setattr(clean, "_DAMAGED_GLOSS", _DAMAGED)
        assert quick == full


_QUESTION_LINES = [
    "为什么?因为", "網址?id=3&x=y", "結束?”他問", "好?(hǎo)", "?yàn)樗", "问?", "??", "a?b", "吗?Sam", "吗?　好", "吗?\ufffd",
    "銀?¥5", "？?，", "吗?%", "吗?@", "吗?~", "吗?kW",
]


@pytest.mark.parametrize("script", ["", "simp", "trad"])
def test_a_question_mark_before_no_shifted_character_is_punctuation(script):
    context = clean.Context({("yàn", 0xD1): frozenset({"验"})}, script)
    for line in _QUESTION_LINES:
        for position, char in enumerate(line):
            start = position + 1
            if char != "?" or clean._two_byte_span(line, start) > start:
                continue
            candidates = [c for c in clean._candidates(line, start, 0xBF, context) if c.end > start]
            if candidates:  # the full weighing, which the shortcut skips, refuses them all
                best = clean._choose(candidates)[0]
                assert best.cost + clean._BARE_PRIOR >= clean._score("", context), (line, position)
            assert clean._bare_run(line, position, context) is None


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name[:3])
def test_lines_whose_question_marks_cannot_begin_a_run_are_not_repaired(path, monkeypatch):
    text = path.read_text(encoding="utf-8") + "\n" + "\n".join(_QUESTION_LINES)
    lines = text.split("\n")
    quick = clean.repair_document(lines, text)
    monkeypatch.setattr(clean, "_may_hold_run", lambda line: True)
    assert quick == clean.repair_document(lines, text)
