"""A document's metadata header: `key: value` lines (source, url, date) ended by `---`, its
problems (a date that is none, a key given twice), else the date the text states (dateline.py)."""
from __future__ import annotations

import datetime as dt
import re

from ..model import Metadata, Problem
from .dateline import _DATE, _TIME, _date_of, infer_published


_HEADER_KEYS = {
    "source": "source", "來源": "source", "来源": "source",
    "url": "url", "網址": "url", "网址": "url",
    "date": "date", "日期": "date",
}
_KEY_VALUE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9_ -]{0,30}|[\u4e00-\u9fff]{1,8})\s*[:：]\s*(.*?)\s*$")
_FENCE = re.compile(r"^\s*---+\s*$")
_MAX_HEADER_LINES = 40
# a header's date is a date and nothing else, save a time and a zone (2025-12-10T08:30:00+08:00)
_HEADER_DATE = re.compile(rf"(?:{_DATE})(?:\s*T?\s*{_TIME}(?:\.\d+)?\s*(?:Z|[+-]\d{{2}}:?\d{{2}})?)?")


def parse_metadata(text: str) -> tuple[int, Metadata]:
    """(body_start, metadata): a `key: value` header ended by `---`, else a date read from the text."""
    body_start, meta, _ = read_metadata(text)
    return body_start, meta


def read_metadata(text: str) -> tuple[int, Metadata, tuple[Problem, ...]]:
    """(body_start, metadata, the header's problems); see parse_metadata.

    A header date that is not a valid date (`-2025-01-01`, `2025-02-30`) leaves the publication
    date unknown, with a `bad-header` problem saying so: it is not replaced by a date from the
    text, which could be any date the story mentions, and relative dates stay unresolved. A key
    given twice is a problem too (the first value is kept)."""
    lines = text.split("\n")
    body_start, fields, problems = _header(lines)
    source, url = fields.get("source", ("", 0))[0], fields.get("url", ("", 0))[0]
    if "date" in fields:
        value, number = fields["date"]
        published = header_date(value)
        if published:
            return body_start, Metadata(source, url, published, "header", number), problems
        problem = Problem("bad-header", number, lines[number - 1], _bad_date(value), value)
        return body_start, Metadata(source, url), (*problems, problem)
    found = infer_published(lines, body_start)
    if found:
        return body_start, Metadata(source, url, found[0], "text", found[1]), problems
    return body_start, Metadata(source, url), problems


def _bad_date(value: str) -> str:
    match = _HEADER_DATE.fullmatch(value)
    what = "not a valid date" if match else "not a date (YYYY-MM-DD)"
    return f"header date {value!r} is {what}: publication date unknown (not taken from the text)"


def _header(lines: list[str]) -> tuple[int, dict[str, tuple[str, int]], tuple[Problem, ...]]:
    """First body line (1-based), known header fields (value, line) and the header's problems."""
    start = 1 if lines and _FENCE.match(lines[0]) else 0
    fields: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    for index in range(start, min(len(lines), start + _MAX_HEADER_LINES + 1)):
        line = lines[index]
        if _FENCE.match(line):
            if index == start:
                return 1, {}, ()
            return index + 2, fields, tuple(problems)
        match = _KEY_VALUE.match(line)
        if not match:
            return 1, {}, ()
        name = match.group(1).strip()
        key = _HEADER_KEYS.get(name.lower())
        if key in fields:
            first = fields[key][1]
            detail = f"header key {name!r} given again (first on line {first}): the first value is kept"
            problems.append(Problem("bad-header", index + 1, line, detail, key))
        elif key:
            fields[key] = (match.group(2), index + 1)
    return 1, {}, ()


def header_date(value: str) -> dt.date | None:
    """The date a header's `date:` value is, or None when it is not exactly a valid date."""
    match = _HEADER_DATE.fullmatch(value)
    return _date_of(match) if match else None
