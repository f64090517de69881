"""Issue 11: a header is read as written. A date that is not one, or a key given twice, is a
`bad-header` finding naming the file and line; a bad header date leaves the publication date
unknown rather than taking one from the text."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck import pipeline
from factcheck.settings import load_config
from factcheck.read.header import read_metadata
from factcheck.model import Metadata, Problem

ROOT = Path(__file__).resolve().parent.parent
BODY = "本報記者報導，這家公司在2025年3月1日發布了新的產品，去年的營收也創下新高。\n"  # a date the text states


def unknown(value: str, detail: str) -> tuple[Metadata, tuple[Problem, ...]]:
    return Metadata(), (Problem("bad-header", 1, f"date: {value}", f"header date {value!r} is {detail}: "
                                "publication date unknown (not taken from the text)", value),)


@pytest.mark.parametrize(
    ("value", "detail"),
    [
        ("-2025-01-01", "not a date (YYYY-MM-DD)"),  # was read as 2025-01-01
        ("0000-00-00", "not a date (YYYY-MM-DD)"),
        ("2025-01-01 yesterday", "not a date (YYYY-MM-DD)"),
        ("", "not a date (YYYY-MM-DD)"),
        ("2025-02-30", "not a valid date"),  # these three used to give way to the text's 2025-03-01
        ("2025-13-01", "not a valid date"),
        ("2025年2月30日", "not a valid date"),
    ],
)
def test_a_bad_header_date_leaves_the_publication_date_unknown(value, detail):
    body_start, meta, problems = read_metadata(f"date: {value}\n---\n{BODY}")
    assert body_start == 3
    assert (meta, problems) == unknown(value, detail)


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2025-12-10", dt.date(2025, 12, 10)),
        ("2025/12/10", dt.date(2025, 12, 10)),
        ("2025年12月10日", dt.date(2025, 12, 10)),
        ("2025-12-10 08:30", dt.date(2025, 12, 10)),
        ("2025-12-10T08:30:00+08:00", dt.date(2025, 12, 10)),
        ("2025-12-10T08:30:00.5Z", dt.date(2025, 12, 10)),
    ],
)
def test_a_good_header_date_is_read_without_a_note(value, date):
    _, meta, problems = read_metadata(f"date: {value}\n---\n{BODY}")
    assert (meta, problems) == (Metadata(published=date, published_from="header", published_line=1), ())


def test_a_date_key_given_twice_keeps_the_first_with_a_note():
    _, meta, problems = read_metadata(f"---\nsource: 甲報\ndate: 2025-12-10\n日期: 2025-12-11\n---\n{BODY}")
    assert meta == Metadata(source="甲報", published=dt.date(2025, 12, 10), published_from="header", published_line=3)
    assert problems == (Problem("bad-header", 4, "日期: 2025-12-11",
                                "header key '日期' given again (first on line 3): the first value is kept", "date"),)


def test_without_a_header_date_the_text_still_gives_it():
    _, meta, problems = read_metadata(f"source: 甲報\n---\n2025年3月1日 10:20\n{BODY}")
    assert (meta.published, meta.published_from, meta.published_line, problems) == (dt.date(2025, 3, 1), "text", 3, ())


def test_bad_headers_are_findings_naming_file_and_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "invalid.txt").write_text(f"source: 甲報\ndate: 2025-02-30\n---\n{BODY}", encoding="utf-8")
    (docs / "twice.txt").write_text(f"date: 2025-12-10\ndate: 2025-12-12\n---\n{BODY}", encoding="utf-8")
    result = pipeline.run(["docs"], load_config(ROOT / "rules"), pipeline.RunOptions(jobs=1))
    bad = sorted((f.rule, f.severity.value, f.message) for f in result.findings if f.rule == "bad-header")
    assert bad == [
        ("bad-header", "warning", "docs/invalid.txt:2: header date '2025-02-30' is not a valid date: "
                                  "publication date unknown (not taken from the text)"),
        ("bad-header", "warning", "docs/twice.txt:2: header key 'date' given again (first on line 1): "
                                  "the first value is kept"),
    ]
    published = {s.path: (s.published, s.published_from) for s in result.documents}
    # not the 2025-03-01 its text states: its relative dates (去年) stay unresolved
    assert published == {"docs/invalid.txt": ("", ""), "docs/twice.txt": ("2025-12-10", "header")}
