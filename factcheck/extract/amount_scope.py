"""The time an amount holds for (its claim's scope): a date written before it, else the publication's.

scope = an explicit day/year/month/half/quarter in the clause before the number, or in an earlier
clause of the sentence that opens with 截至/到/在... or is only a date; a small reader of its
own (dates.py exposes no parser), dates introduced by 自/从 or followed by 以来 are not scopes.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from . import context
from ..model import AmountValue, DateValue
from .amount_context import _Lexicon, _UNSCOPED, _Window

_SCOPE_LEADS = ("截至", "截止到", "截止", "直到", "到", "至", "在", "于")

_SCOPE_DATE = re.compile(
    # a day first (截至6月1日, 2024年6月1日): a toll as of one day is not one as of another
    r"(?:(?P<dyear>(?:19|20)\d{2})年)?(?P<dmonth>\d{1,2})月(?P<dday>\d{1,2})[日号]"
    r"|(?P<year>(?:19|20)\d{2})年(?:(?P<month>\d{1,2})月|(?P<half>上|下)半年|第?(?P<quarter>[一二三四1-4])季度)?"
    r"|(?P<rel>今年|去年|明年|前年)(?:(?P<rmonth>\d{1,2})月|(?P<rhalf>上|下)半年)?"
)

_SINCE_BEFORE = ("自从", "自", "从")
_SINCE_AFTER = ("以来", "起", "开始")




def _scope(window: _Window, published: dt.date | None) -> str:
    """An explicit date for the metric: in its clause before it, else an earlier lead clause."""
    clause_dates = _dates_in(window.norm, window.clause[0], window.start, published)
    if clause_dates:
        return clause_dates[-1]
    lo = window.sentence[0]
    while lo < window.clause[0]:
        hi = context.clause_at(window.norm, lo, lo, window.clause[0])[1]
        clause = window.norm[lo:hi].strip(" ·•")
        if clause.startswith(_SCOPE_LEADS) or _only_date(clause):
            dates = _dates_in(window.norm, lo, hi, published)
            if dates:
                return dates[-1]
        lo = hi + 1
    return ""


def _scope_of(window: _Window, value: AmountValue, metric: str, published: dt.date | None, lex: _Lexicon) -> str:
    """The explicit scope; else, in a dated document, an implicit one read off the publication
    date: the day itself for a fast-moving metric (two days' death tolls are two figures, not a
    contradiction), else `~` + a window around it (a valuation two years apart is another one)."""
    if value.dimension in _UNSCOPED:
        return ""
    scope = _scope(window, published)
    if scope or published is None:
        return scope
    day, around = _implicit_scopes(published, lex.window_days)
    return day if metric in lex.as_of_publication else around


@lru_cache(maxsize=64)
def _implicit_scopes(published: dt.date, window_days: int) -> tuple[str, str]:
    """The publication day and the window around it, rendered: the same for every amount of a
    document, so rendered once per document, not once per claim."""
    margin = dt.timedelta(days=window_days)
    around = DateValue(published - margin, published + margin, "range").render()
    return DateValue(published, published, "day").render(), "~" + around


def _only_date(clause: str) -> bool:
    match = _SCOPE_DATE.match(clause)
    return bool(match) and len(clause) - match.end() <= 2


def _dates_in(norm: str, lo: int, hi: int, published: dt.date | None) -> list[str]:
    out = []
    for match in _SCOPE_DATE.finditer(norm, lo, hi):
        if norm.startswith(_SINCE_AFTER, match.end()) or any(w in norm[lo : match.start()] for w in _SINCE_BEFORE):
            continue  # 自2022年以来, 从12月1日到2026年1月: a starting point or a span, not a scope
        if "以来" in norm[match.end() : hi]:
            continue
        rendered = _render_scope(match, published)
        if rendered:
            out.append(rendered)
    return out


def _render_scope(match: re.Match, published: dt.date | None) -> str:
    if match.group("dmonth"):
        return _day(match.group("dyear"), match.group("dmonth"), match.group("dday"), published)
    if match.group("rel"):
        if published is None:
            return DateValue(None, None, "year", relative=True, written=match.group(0)).render()
        year = published.year + {"今年": 0, "去年": -1, "明年": 1, "前年": -2}[match.group("rel")]
        month, half, quarter = match.group("rmonth"), match.group("rhalf"), None
    else:
        year = int(match.group("year"))
        month, half, quarter = match.group("month"), match.group("half"), match.group("quarter")
    return _period(year, month, half, quarter)


def _day(year: str | None, month: str, day: str, published: dt.date | None) -> str:
    """A day; one written without its year is in the publication's year (none: no scope)."""
    if year is None and published is None:
        return ""
    try:
        date = dt.date(int(year) if year else published.year, int(month), int(day))  # type: ignore[union-attr]
        if year is None and published is not None and date > published + dt.timedelta(days=31):
            date = date.replace(year=date.year - 1)  # 12月30日 in a piece of 5 January: last December
    except ValueError:
        return ""
    return DateValue(date, date, "day").render()


def _period(year: int, month: str | None, half: str | None, quarter: str | None) -> str:
    if month:
        number = int(month)
        if not 1 <= number <= 12:
            return ""
        return DateValue(dt.date(year, number, 1), dt.date(year, number, 1), "month").render()
    if half or quarter:
        first = 1 if half == "上" else 7 if half else 1 + 3 * ("一二三四1234".index(quarter) % 4)
        last = first + (5 if half else 2)
        end = dt.date(year + last // 12, last % 12 + 1, 1) - dt.timedelta(days=1)
        return DateValue(dt.date(year, first, 1), end, "range").render()
    return DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), "year").render()
