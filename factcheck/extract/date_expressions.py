"""Date expressions as written: a head and its month, day, part-of-month and season tails, unresolved."""
from __future__ import annotations

import re
from typing import NamedTuple

from .date_forms import (
    _CANONICAL_WORD, _DAY_TAIL, _HEAD, _HEAD_HINT, _MONTH_TAIL, _PART_TAIL, _SEASON_TAIL, CONTEXT_YEARS, MAX_YEAR,
    MIN_YEAR, PUBLICATION_YEARS, RELATIVE_DAYS, RELATIVE_MONTHS, RELATIVE_WEEKS, SEASONS,
    STANDALONE_CONTEXT_YEARS, WEEKDAYS,
)
from .numerals import parse_cn_int


class _Expr(NamedTuple):
    """One date expression as written: where it is and its parts, before resolution (a named
    tuple: built and rebuilt for each tail read, at a third of a frozen dataclass's cost)."""

    start: int
    end: int
    anchor: str  # "abs" year written, "pub" relative to publication, "ctx" anaphoric, "" no year
    year: int | None = None  # the written year ("abs"), else the offset ("pub", "ctx")
    word: str = ""  # the relative word, canonical spelling
    unit: str = ""  # for publication-relative words: year, month, week, weekday, day
    month: int | None = None
    day: int | None = None
    part: str = ""  # key of MONTH_PARTS
    week: int | None = None  # week of the month
    season: tuple[int, int, str] | None = None
    weekday: int | None = None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_cn_int(text)


def _read_head(norm: str, match: re.Match) -> _Expr | None:
    """The expression starting at `match`, with its month/day/part/season tails read; None if invalid."""
    kind = next(name for name in _HEAD_READERS if match.group(name))
    return _HEAD_READERS[kind](norm, match)


def _read_iso(norm: str, match: re.Match) -> _Expr | None:
    if match.group("sep") == "." and len(match.group("im")) + len(match.group("id")) < 3:
        return None  # 2025.1.5 reads like a version number; dotted dates need two-digit parts
    year, month, day = (int(match.group(g)) for g in ("iy", "im", "id"))
    return _Expr(match.start(), match.end(), "abs", year, month=month, day=day)


def _read_year(norm: str, match: re.Match) -> _Expr | None:
    year = _number(match.group("year"))
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _read_tails(norm, _Expr(match.start(), match.end(), "abs", year), seasons=True)


def _read_publication_year(norm: str, match: re.Match) -> _Expr | None:
    word = match.group("pyear")
    expr = _Expr(match.start(), match.end(), "pub", PUBLICATION_YEARS[word], _canonical(word), "year")
    return _read_tails(norm, expr, seasons=True)


def _read_context_year(norm: str, match: re.Match) -> _Expr | None:
    word = match.group("cyear")
    expr = _read_tails(norm, _Expr(match.start(), match.end(), "ctx", CONTEXT_YEARS[word], _canonical(word)), True)
    if expr and expr.end == match.end() and word not in STANDALONE_CONTEXT_YEARS:
        return None  # 当年的Facebook: "back then", not a year
    return expr


def _read_relative_month(norm: str, match: re.Match) -> _Expr | None:
    word = match.group("rmonth")
    expr = _Expr(match.start(), match.end(), "pub", RELATIVE_MONTHS[word], _canonical(word), "month")
    return _read_day_or_part(norm, expr)


def _read_relative_week(norm: str, match: re.Match) -> _Expr:
    word = match.group("rweek")
    weekday = WEEKDAYS[match.group("rwd")] if match.group("rwd") else None
    unit = "week" if weekday is None else "weekday"
    return _Expr(match.start(), match.end(), "pub", RELATIVE_WEEKS[word], _canonical(word), unit, weekday=weekday)


def _read_weekday(norm: str, match: re.Match) -> _Expr:
    day = match.group("wd")[-1]
    return _Expr(match.start(), match.end(), "pub", 0, "周" + day, "weekday", weekday=WEEKDAYS[day])


def _read_relative_day(norm: str, match: re.Match) -> _Expr:
    word = match.group("rday")
    return _Expr(match.start(), match.end(), "pub", RELATIVE_DAYS[word], _canonical(word), "day")


def _read_month(norm: str, match: re.Match) -> _Expr | None:
    return _read_tails(norm, _Expr(match.start(), match.start(), ""), seasons=False, need_month=True)


def _read_bare_day(norm: str, match: re.Match) -> _Expr | None:
    """`1日`, `22日电`: a day of the month the publication date is in, or of the month before."""
    day_match = _DAY_TAIL.match(norm, match.start())
    if day_match is None:
        return None
    day = _number(day_match.group("d"))
    if day is None or not 1 <= day <= 31:
        return None
    return _Expr(match.start(), day_match.end(), "pub", 0, "", "mday", day=day)


def _read_bare_season(norm: str, match: re.Match) -> _Expr:
    return _Expr(match.start(), match.end(), "pub", 0, "", "year", season=SEASONS[match.group("bseason")])


_HEAD_READERS = {
    "iso": _read_iso, "year": _read_year, "pyear": _read_publication_year, "cyear": _read_context_year,
    "rmonth": _read_relative_month, "rweek": _read_relative_week, "wd": _read_weekday,
    "rday": _read_relative_day, "mhead": _read_month, "bseason": _read_bare_season, "bday": _read_bare_day,
}


def _canonical(word: str) -> str:
    return _CANONICAL_WORD.get(word, word)


def _read_tails(norm: str, expr: _Expr, seasons: bool, need_month: bool = False) -> _Expr | None:
    pos = expr.end
    skip = 1 if norm.startswith("的", pos) else 0
    month_match = _MONTH_TAIL.match(norm, pos + skip)
    if month_match:
        month = _number(month_match.group("m"))
        if month is None or not 1 <= month <= 12:
            return None
        return _read_day_or_part(norm, expr._replace(end=month_match.end(), month=month, unit=expr.unit or "month"))
    if need_month:
        return None
    if seasons:
        season_match = _SEASON_TAIL.match(norm, pos)
        if season_match:
            return expr._replace(end=season_match.end(), season=_season(season_match))
    return expr


def _season(match: re.Match) -> tuple[int, int, str]:
    if match.group("pair"):
        first, last = (SEASONS[ch] for ch in match.group("pair"))
        return first[0], last[1], f"{first[2]}-{last[2]}"
    name = match.group("season")
    return SEASONS["年" + name] if name in ("初", "中", "底", "末", "尾") else SEASONS[name]


def _read_day_or_part(norm: str, expr: _Expr) -> _Expr | None:
    day_match = _DAY_TAIL.match(norm, expr.end)
    if day_match:
        day = _number(day_match.group("d"))
        if day is None or not 1 <= day <= 31:
            return None
        return expr._replace(end=day_match.end(), day=day)
    part_match = _PART_TAIL.match(norm, expr.end)
    if part_match:
        if part_match.group("week"):
            return expr._replace(end=part_match.end(), week=_number(part_match.group("week")))
        return expr._replace(end=part_match.end(), part=part_match.group("part"))
    return expr


def find_expressions(norm: str) -> list[_Expr]:
    """Every date expression of one normalised line, in order, before resolution."""
    return _expressions(norm) if _HEAD_HINT.search(norm) else []


def _expressions(norm: str) -> list[_Expr]:
    """`find_expressions` for a line known to hold a date hint."""
    found, pos = [], 0
    while True:
        match = _HEAD.search(norm, pos)
        if not match:
            return found
        expr = _read_head(norm, match)
        if expr is None:
            pos = _skip_invalid(norm, match)
            continue
        if not _is_wire_dateline(norm, expr.end):
            found.append(expr)
        pos = max(expr.end, match.end())


def _is_wire_dateline(norm: str, end: int) -> bool:
    """`新华社仰光3月30日电`, `中新网5月2日讯`: when the wire filed the story, not an event date."""
    return norm[end:end + 1] in ("电", "讯")


def _skip_invalid(norm: str, match: re.Match) -> int:
    """Past an invalid expression and its tails, so `2025年13月40日` leaves no `40日` behind."""
    pos = match.end()
    tail = re.compile(r"[\s的]*(?:\d{1,2}|[十一二三四五六七八九]{1,3})\s*[月日号]")
    while (step := tail.match(norm, pos)) is not None:
        pos = step.end()
    return pos
