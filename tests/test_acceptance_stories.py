"""End to end on small stories of our own (not the seeds), both scripts: exactly the real contradictions."""
from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.settings import load_config
from factcheck.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"


Side = tuple[str, int, bool, tuple[str, ...]]  # value, sources, majority, values as written


def conflicts(story: str, monkeypatch) -> list[tuple[str, str, str, tuple[Side, ...]]]:
    """(rule, subject, attribute, sides) of each disputed fact."""
    monkeypatch.chdir(STORIES)
    result = run([story], load_config(ROOT / "rules"))
    return [
        (f.rule, f.subject, f.attribute, tuple((s.value, s.sources, s.majority, tuple(e.raw for e in s.evidence)) for s in f.sides))
        for f in result.findings if f.kind in ("date", "amount", "name", "title")
    ]


def test_earthquake_reports(monkeypatch):
    # the wire dateline 3月30日电 is no quake date; death tolls of different days are no conflict;
    # the date is one disputed fact: two outlets say 28 March, one says 27 March
    assert conflicts("quake", monkeypatch) == [
        ("amount-conflict", "earthquake", "magnitude", (
            ("7.7 magnitude", 1, False, ("7.7级",)), ("7.9 magnitude", 1, False, ("7.9级",)),
        )),
        ("date-conflict", "earthquake", "occur", (
            ("2025-03-28", 2, True, ("2025年3月28日", "3月28日")), ("2025-03-27", 1, False, ("3月27日",)),
        )),
    ]


def test_earnings_reports(monkeypatch):
    # a share-price rise of 4% beside revenue growth of 62% is not a second growth figure to clash;
    # the revenue is one disputed figure: two outlets against one
    assert conflicts("earnings", monkeypatch) == [
        ("amount-conflict", "nvidia", "revenue", (
            ("5.7e+10 USD", 2, True, ("570億美元", "570亿美元")), ("5.8e+10 USD", 1, False, ("580亿美元",)),
        )),
    ]


@pytest.mark.parametrize("story", ["quake", "earnings"])
def test_every_story_document_is_checked_with_its_header_date(story, monkeypatch):
    monkeypatch.chdir(STORIES)
    result = run([story], load_config(ROOT / "rules"))
    assert all(d.status == "checked" and d.published_from == "header" for d in result.documents)
