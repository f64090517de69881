"""The publication date a document states in its text when it has no header date: a dateline or
a labelled date near the top (`發布時間：2025年12月10日`), or a labelled one near the bottom."""
from __future__ import annotations

import datetime as dt
import re
from typing import Iterator


_DATE = (
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号號])"
)
_TIME = r"\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?"
_DATE_RE = re.compile(_DATE)
_LABEL = (
    r"(?:發布|发布|發佈|发表|發表|更新|出版|刊登|上傳|上传|編輯|编辑)?(?:時間|时间|日期)"
    r"|(?:發布|发布|發佈|發表|发表|刊登)(?:於|于)|published|posted|date|time"
)
_LABELLED = re.compile(rf"(?i)(?:{_LABEL})\s*[:：]?\s*(?:{_DATE})")
_DATELINE_REST = re.compile(rf"^\s*(?:{_TIME})?")
# a pinyin gloss: clean strips it later, so a line of glosses alone counts as blank here
_GLOSS = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_TOP_LINES = 15
_BOTTOM_LINES = 5


def _date_of(match: re.Match) -> dt.date | None:
    month = match.group("m") or match.group("m2")
    day = match.group("d") or match.group("d2")
    try:
        return dt.date(int(match.group("y")), int(month), int(day))
    except (TypeError, ValueError):
        return None


def infer_published(lines: list[str], body_start: int) -> tuple[dt.date, int] | None:
    """(date, line) stated as the publication date near the top (or labelled near the bottom)."""
    # lines are taken one at a time: the date is usually among the first, and the rest go unread
    for number, line in _nonblank(lines, range(body_start, len(lines) + 1), _TOP_LINES):
        found = _labelled_date(line) or _dateline_date(line)
        if found:
            return found, number
    for number, line in _nonblank(lines, range(len(lines), 0, -1), _BOTTOM_LINES):
        if number >= body_start:
            found = _labelled_date(line)
            if found:
                return found, number
    return None


def _nonblank(lines: list[str], numbers: range, count: int) -> Iterator[tuple[int, str]]:
    """(number, line) for the first `count` lines, in the order of `numbers` (1-based), that are not
    blank once their pinyin glosses are stripped; the lines given stripped."""
    for number in numbers:
        line = lines[number - 1]
        if "(" in line:  # a gloss opens with "(": most lines have none and need no pass
            line = _GLOSS.sub("", line)
        if line.strip():
            yield number, line
            count -= 1
            if not count:
                return


def _labelled_date(line: str) -> dt.date | None:
    match = _LABELLED.search(line)
    return _date_of(match) if match else None


def _dateline_date(line: str) -> dt.date | None:
    """A line that is (mostly) a date, or a short non-sentence line stamped with date and time."""
    match = _DATE_RE.search(line)
    if not match:
        return None
    before, after = line[: match.start()], line[match.end():]
    timed = _DATELINE_REST.match(after)
    has_time = bool(timed and timed.group(0).strip())
    rest = (before + after[timed.end():] if timed else before + after).strip()
    sentence = any(mark in line for mark in "。！？!?")
    if not rest or (has_time and not sentence and len(rest) <= 30) or (len(rest) <= 8 and not sentence):
        return _date_of(match)
    return None
