"""The second round of extraction shortcuts gives what the plain patterns gave."""
from __future__ import annotations

import re

from factcheck import amounts, context, dates

_LINES = [
    "一些人说，这是之一。", "一万人参加", "百分之一的用户", "百分之一十", "一点五亿元", "十一万元", "零售额增长",
    "〇〇七", "一一", "第一季度营收一百亿元", "2025-12-01发布", "x2025.1", "12345/", "1234年", "月活", "",
    "他在2025年3月1日宣布", "约一千二百万美元", "上万人", "数十亿", "1-2万元", "一至二万人",
]


def test_amounts_read_as_with_the_plain_candidate_pattern(monkeypatch):
    cn = amounts._CN_CHARS
    plain = context.Scanner(
        re.compile(rf"(?P<pct>百分之)|(?P<vague>[数几上])(?=[{amounts._CN_UNIT_CHARS}])|(?P<arabic>\d+(?:[.,]\d+)*)|(?P<cn>[{cn}]+)"),
        re.compile(rf"[百数几上\d{cn}]"),
    )
    fast = [amounts.read_amounts(line) for line in _LINES]
    monkeypatch.setattr(amounts, "_CANDIDATE", plain)
    assert fast == [amounts.read_amounts(line) for line in _LINES]


def test_lone_one_is_no_amount_and_longer_runs_still_are():
    assert amounts.read_amounts("一些人说，这是之一。") == []
    assert [line[r.start : r.end] for line in ["一万人参加"] for r in amounts.read_amounts(line)] == ["一万人"]
    assert amounts.read_amounts("十一万元")[0].value.value == 110000


def test_date_hint_matches_where_the_alternation_did():
    words = "".join(sorted({"年", "月", *(w[-1] for w in dates._HEAD_WORDS)}))
    plain = re.compile(rf"[{words}]|\d{{4}}[-/.]")
    for line in [*_LINES, "٣٤٥٦-", "123-", "9999.9", "abc 2025/"]:
        assert bool(plain.search(line)) == bool(dates._HEAD_HINT.search(line)), line
