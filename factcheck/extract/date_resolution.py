"""Date expressions resolved to day intervals (`DateValue`), ranges merged and lists of dates found.

A year comes from the expression, the other end of its range, the text before or the publication date."""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from ..model import DateValue
from .date_expressions import _Expr, find_expressions
from .date_forms import _LIST_JOIN, _RANGE_JOIN, MONTH_PARTS


class _Context(NamedTuple):
    """What resolving a date may lean on: the publication date and years written earlier."""

    published: dt.date | None
    document_year: int | None = None  # last year written in figures earlier in the document
    line_year: tuple[int, bool] | None = None  # last resolved year earlier in the line, relative?


def _month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _span_in_month(year: int, month: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, first), dt.date(year, month, min(last, _month_end(year, month)))


def _year_of(expr: _Expr, context: _Context) -> tuple[int | None, bool]:
    """The year the expression is in, and whether it was read relative to the publication date."""
    if expr.anchor == "abs":
        return expr.year, False
    if expr.anchor == "pub":
        if context.published is None:
            return None, True
        return context.published.year + (expr.year if expr.unit == "year" else 0), True
    if expr.anchor == "ctx":
        if context.document_year is None:
            return None, False
        return context.document_year + (expr.year or 0), False
    if context.line_year is not None:
        return context.line_year
    if context.published is not None:
        return context.published.year, True
    return None, True


def resolve(expr: _Expr, context: _Context) -> DateValue | None:
    """The DateValue of an expression; None when the date does not exist (2月30日)."""
    if expr.anchor == "pub" and expr.unit in ("month", "week", "weekday", "day", "mday"):
        return _resolve_publication_relative(expr, context.published)
    year, relative = _year_of(expr, context)
    written = _written(expr, year)
    try:
        start, end, precision = _interval(expr, year)
    except ValueError:
        return None
    if _is_invalid_without_year(expr):
        return None
    return DateValue(start, end, precision, relative, written)


def _is_invalid_without_year(expr: _Expr) -> bool:
    """A month-day that exists in no year (2月30日, 4月31日) is invalid even when unresolved."""
    if expr.month is None or expr.day is None:
        return False
    return expr.day > _month_end(2024, expr.month)  # 2024 is a leap year: 2月29日 may exist


def _month_precision(expr: _Expr) -> str:
    return "day" if expr.day else "week" if expr.week else "part-of-month" if expr.part else "month"


def _interval(expr: _Expr, year: int | None) -> tuple[dt.date | None, dt.date | None, str]:
    """(start, end, precision) of an expression whose year is known, or None (unresolved)."""
    if expr.month is not None:
        if year is None:
            return None, None, _month_precision(expr)
        return (*_month_interval(expr, year, expr.month), _month_precision(expr))
    if expr.season is not None:
        if year is None:
            return None, None, "season"
        first, last, _ = expr.season
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        return dt.date(year, first, 1), dt.date(end_year, end_month, _month_end(end_year, end_month)), "season"
    if year is None:
        return None, None, "year"
    return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"


def _month_interval(expr: _Expr, year: int, month: int) -> tuple[dt.date, dt.date]:
    """The days of a month, or of its day, week or part; ValueError when they do not exist."""
    if expr.day:
        day = dt.date(year, month, expr.day)
        return day, day
    if expr.week:
        first = 7 * expr.week - 6
        if first > _month_end(year, month):
            raise ValueError(f"no week {expr.week} in {year}-{month}")
        return _span_in_month(year, month, first, first + 6)
    first, last = MONTH_PARTS[expr.part][:2] if expr.part else (1, 31)
    return _span_in_month(year, month, first, last)


def _resolve_publication_relative(expr: _Expr, published: dt.date | None) -> DateValue:
    """上个月, 本月初, 上周, 上周一, 周一, 昨天: intervals counted from the publication date."""
    written = expr.word + _month_tail_text(expr)
    precision = _month_precision(expr) if expr.unit == "month" else "week" if expr.unit == "week" else "day"
    if published is None:
        return DateValue(None, None, precision, True, written)
    if expr.unit == "day":
        day = published + dt.timedelta(days=expr.year or 0)
        return DateValue(day, day, precision, True, written)
    if expr.unit == "mday":
        day = _latest_with_day(published, expr.day or 0)
        return DateValue(day, day, precision, True, written) if day else DateValue(None, None, precision, True, written)
    if expr.unit in ("week", "weekday"):
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=expr.year or 0)
        if expr.weekday is None:
            return DateValue(monday, monday + dt.timedelta(days=6), precision, True, written)
        day = monday + dt.timedelta(days=expr.weekday)
        return DateValue(day, day, precision, True, written)
    year, month = divmod(published.year * 12 + published.month - 1 + (expr.year or 0), 12)
    try:
        start, end = _month_interval(expr, year, month + 1)
    except ValueError:
        return DateValue(None, None, precision, True, written)
    return DateValue(start, end, precision, True, written)


def _latest_with_day(published: dt.date, day: int) -> dt.date | None:
    """The last date on or before `published` falling on that day of a month (news tells the past)."""
    year, month = published.year, published.month
    if day > published.day:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return dt.date(year, month, day) if day <= _month_end(year, month) else None


def _month_tail_text(expr: _Expr) -> str:
    text = f"{expr.month}月" if expr.month else ""
    if expr.day:
        text += f"{expr.day}日"
    if expr.week:
        text += f"第{expr.week}周"
    return text + expr.part


def _written(expr: _Expr, year: int | None) -> str:
    """Canonical text: ISO-like when the year is known and written (or anaphoric), else the words."""
    if year is not None and expr.anchor in ("abs", "ctx"):
        text = str(year)
        if expr.month:
            text += f"-{expr.month:02d}"
            if expr.day:
                text += f"-{expr.day:02d}"
            elif expr.week:
                text += f":W{expr.week}"
            elif expr.part:
                text += f":{MONTH_PARTS[expr.part][2]}"
        elif expr.season:
            text += f":{expr.season[2]}"
        return text
    prefix = expr.word
    if expr.season:
        return f"{prefix}:{expr.season[2]}" if prefix else expr.season[2]
    return prefix + _month_tail_text(expr)


# --------------------------------------------------------------------------- ranges and lists


@dataclass(frozen=True)
class DateMention:
    """A resolved date expression (or range) in one normalised line: span, value, explicit year."""

    start: int
    end: int
    value: DateValue
    year_written: int | None = None  # a year written in figures in it, for later anaphora


def read_dates(norm: str, published: dt.date | None, document_year: int | None = None) -> list[DateMention]:
    """The dates of one normalised line, resolved; ranges merged into one mention each."""
    return _resolved(norm, find_expressions(norm), published, document_year)


def _resolved(norm: str, exprs: list[_Expr], published: dt.date | None, document_year: int | None) -> list[DateMention]:
    mentions: list[DateMention] = []
    line_year: tuple[int, bool] | None = None
    index = 0
    while index < len(exprs):
        expr = exprs[index]
        partner = exprs[index + 1] if index + 1 < len(exprs) else None
        context = _Context(published, document_year, line_year)
        merged = _range(norm, expr, partner, context) if partner else None
        if merged is not None:
            mention, index = merged, index + 2
        else:
            value = resolve(expr, context)
            index += 1
            if value is None:
                continue
            mention = DateMention(expr.start, expr.end, value, expr.year if expr.anchor == "abs" else None)
        mentions.append(mention)
        if _sets_document_year(mention, published):
            document_year = mention.year_written
        if mention.value.resolved and mention.value.end is not None:
            line_year = (mention.value.end.year, mention.value.relative)
    return mentions


def _sets_document_year(mention: DateMention, published: dt.date | None) -> bool:
    """Years after the publication year are projections (将于2026年启动), not the story's timeline,
    so they do not become the year that 同年/当年 refer to."""
    if mention.year_written is None:
        return False
    return published is None or mention.year_written <= published.year


def _range(norm: str, first: _Expr, second: _Expr, context: _Context) -> DateMention | None:
    """`A到B`, `A至B`, `A-B` as one range, when both ends are dates and A is not after B."""
    join = _RANGE_JOIN.fullmatch(norm, first.end, second.start)
    if not join or second.anchor == "pub" and second.unit != "year":
        return None
    first, second = _lend_years(first, second)
    start_value = resolve(first, context)
    if start_value is None:
        return None
    end_context = context._replace(line_year=(start_value.start.year, start_value.relative)) if start_value.resolved else context
    end_value = resolve(second, end_context)
    if end_value is None:
        return None
    written = f"{start_value.written}..{end_value.written}"
    relative = start_value.relative or end_value.relative
    if not (start_value.resolved and end_value.resolved):
        value = DateValue(None, None, "range", relative, written)
    elif start_value.start > end_value.end:
        return None
    else:
        value = DateValue(start_value.start, end_value.end, "range", relative, written)
    years = [e.year for e in (first, second) if e.anchor == "abs" and e.year]
    return DateMention(first.start, second.end, value, years[-1] if years else None)


def _lend_years(first: _Expr, second: _Expr) -> tuple[_Expr, _Expr]:
    """A year-less end of a range takes its year from the other end (12月1日到2026年1月 -> 2025)."""
    if first.anchor == "" and second.anchor == "abs" and first.month and second.month:
        return first._replace(anchor="abs", year=second.year - (first.month > second.month)), second
    if second.anchor == "" and first.anchor == "abs" and first.month and second.month:
        return first, second._replace(anchor="abs", year=first.year + (second.month < first.month))
    return first, second


def list_siblings(norm: str, mentions: list[DateMention]) -> list[int]:
    """For each mention, the index of the first mention of the list it belongs to (`4月2日、4月15日以及5月5日`)."""
    heads = []
    for index, mention in enumerate(mentions):
        previous = mentions[index - 1] if index else None
        if previous and _LIST_JOIN.fullmatch(norm, previous.end, mention.start):
            heads.append(heads[-1])
        else:
            heads.append(index)
    return heads
