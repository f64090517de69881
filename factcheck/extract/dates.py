"""Date claims: date expressions in normalised lines, resolved to day intervals, and what each date is about.

Reading rules (the choices the task left open):

- Years must be 1900-2100. `2029年前` / `2029年以后` (a bound, "before/after 2029") is not a date.
- A weekday-less week of a month, `2025年12月第二周`, is days 8-14 (week N = days 7N-6..7N, cut at
  the month's end): articles count weeks from the 1st, not ISO weeks.
- Publication-relative words (今年, 去年, 上个月, 上周, 周一, 昨天) resolve against `meta.published`
  and are marked relative; without a publication date they are still emitted, unresolved, with
  their canonical text as `written` (`去年`, `明年1月`).
- A year-less date (`12月1日`, `8月`) takes its year from, in order: the other end of a range it
  belongs to; the last year written earlier in the same line; the publication date (relative).
- Anaphoric years (`同年`, `当年`, `这一年`, `该年`, `次年`) take the last year written in figures
  earlier in the document (+1 for 次年/翌年); unresolved if none was.
- Durations and vague words are not dates: `八周`, `8周内`, `10年零7个月`, `四年前` (counted from an
  unknown point as often as from the publication date), `近日`, `最近`.
- Part-of-month, season and part-of-year words map to the day ranges in the tables below; winter
  runs from December of the year written to February of the next.
"""
from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from ..config import Config
from .context import Scanner, clause_at, sentence_spans
from ..model import Claim, ClaimKind, DateValue, Document, Line
from .numerals import parse_cn_int
from ..normalise import normalise_text
from .terms import alias_pattern, find_terms, lead_terms, main_event

MIN_YEAR, MAX_YEAR = 1900, 2100

# --------------------------------------------------------------------------- tables

# Part of a month -> (first day, last day, canonical key); the last day is cut at the month's end.
MONTH_PARTS = {
    "初": (1, 10, "early"), "上旬": (1, 10, "early"),
    "中": (11, 20, "mid"), "中旬": (11, 20, "mid"),
    "底": (21, 31, "late"), "末": (21, 31, "late"), "下旬": (21, 31, "late"),
    "中下旬": (11, 31, "mid-late"), "上中旬": (1, 20, "early-mid"),
    "上半月": (1, 15, "first-half"), "前半月": (1, 15, "first-half"),
    "下半月": (16, 31, "second-half"), "后半月": (16, 31, "second-half"),
}

# Season or part of a year -> (first month, last month, canonical key); a last month above 12
# lies in the next year (winter).
SEASONS = {
    "春": (3, 5, "spring"), "春天": (3, 5, "spring"), "春季": (3, 5, "spring"),
    "初春": (3, 3, "early-spring"), "早春": (3, 3, "early-spring"),
    "暮春": (5, 5, "late-spring"), "晚春": (5, 5, "late-spring"),
    "夏": (6, 8, "summer"), "夏天": (6, 8, "summer"), "夏季": (6, 8, "summer"),
    "初夏": (6, 6, "early-summer"), "盛夏": (7, 8, "high-summer"), "仲夏": (7, 8, "high-summer"),
    "秋": (9, 11, "autumn"), "秋天": (9, 11, "autumn"), "秋季": (9, 11, "autumn"), "金秋": (9, 11, "autumn"),
    "初秋": (9, 9, "early-autumn"), "早秋": (9, 9, "early-autumn"),
    "深秋": (10, 11, "late-autumn"), "晚秋": (10, 11, "late-autumn"),
    "冬": (12, 14, "winter"), "冬天": (12, 14, "winter"), "冬季": (12, 14, "winter"),
    "初冬": (12, 12, "early-winter"), "深冬": (12, 14, "winter"), "隆冬": (12, 14, "winter"),
    "年初": (1, 3, "start"), "年中": (5, 8, "middle"),
    "年底": (10, 12, "end"), "年末": (10, 12, "end"), "年尾": (10, 12, "end"),
    "上半年": (1, 6, "H1"), "下半年": (7, 12, "H2"),
    "前三季度": (1, 9, "Q1-Q3"), "前两季度": (1, 6, "H1"), "前三季": (1, 9, "Q1-Q3"),
    **{f"{p}{n}季{d}": (3 * i + 1, 3 * i + 3, f"Q{i + 1}")
       for i, ns in enumerate(("一1", "二2", "三3", "四4")) for n in ns for p in ("第", "") for d in ("度", "")},
    **{f"{q}{i}": (3 * i - 2, 3 * i, f"Q{i}") for i in range(1, 5) for q in ("Q", "q")},
}

# Relative years: word -> offset from the publication year.
PUBLICATION_YEARS = {"今年": 0, "本年": 0, "去年": -1, "前年": -2, "明年": 1}
# Anaphoric years: word -> offset from the last year written in figures.
CONTEXT_YEARS = {"同年": 0, "当年": 0, "该年": 0, "这一年": 0, "这年": 0, "那一年": 0, "那年": 0,
                 "次年": 1, "翌年": 1, "第二年": 1}
# Anaphoric years that are dates on their own; the others (当年 "back then") need a month or season.
STANDALONE_CONTEXT_YEARS = ("同年", "次年", "翌年")
RELATIVE_MONTHS = {"上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "下个月": 1, "下月": 1}
RELATIVE_WEEKS = {
    "上周": -1, "上个星期": -1, "上星期": -1, "上个礼拜": -1, "上礼拜": -1,
    "本周": 0, "这周": 0, "这个星期": 0, "本星期": 0, "这星期": 0, "这个礼拜": 0,
    "下周": 1, "下个星期": 1, "下星期": 1, "下个礼拜": 1, "下礼拜": 1,
}
RELATIVE_DAYS = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "明天": 1}
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}

# Canonical spelling of relative words in `written`, so 上个月 and 上月 compare equal.
_CANONICAL_WORD = {"本年": "今年", "上个月": "上月", "这个月": "本月", "下个月": "下月", "昨日": "昨天",
                   "这一年": "同年", "这年": "同年", "该年": "同年", "那一年": "同年", "那年": "同年",
                   "当年": "同年", "翌年": "次年", "第二年": "次年",
                   **{w: {-1: "上周", 0: "本周", 1: "下周"}[o] for w, o in RELATIVE_WEEKS.items()}}

# --------------------------------------------------------------------------- patterns

_CN_DIGITS = "〇零一二三四五六七八九"
_CN_NUM = "〇零一二三四五六七八九十两百千万亿"


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


# A year in figures, unless it is a decade (年代) or a bound (2029年前, 2029年以后; but 2025年前三季度).
_YEAR_NUMBER = rf"(?<![\d.])\d{{4}}(?![\d.])|(?<![{_CN_NUM}])[{_CN_DIGITS}]{{4}}"
_YEAR_STOP = r"(?!代|纪|级|薪|(?:以|之)?前(?![一二三两]|半)|(?:以|之)?后(?!半|续))"
_WORD_STOP = "(?![龄级代纪轻薪均度])"  # 同年龄, 相当年轻, 之后年均: not years
_WEEK_WORDS = ("周", "星期", "礼拜")
_BARE_SEASONS = ("春季", "夏季", "秋季", "冬季", "春天", "夏天", "秋天", "冬天")
_HEAD_PATTERN = re.compile(
    "|".join([
        r"(?P<iso>(?<![A-Za-z0-9.\-/])(?P<iy>\d{4})(?P<sep>[-/.])(?P<im>\d{1,2})(?P=sep)(?P<id>\d{1,2})(?![\d]|[.\-/]\d))",
        rf"(?P<year>{_YEAR_NUMBER})\s*年{_YEAR_STOP}",
        rf"(?P<pyear>(?<![之以年\d{_CN_NUM}])(?:{_alternation(PUBLICATION_YEARS)}){_WORD_STOP})",
        rf"(?P<cyear>(?:{_alternation(CONTEXT_YEARS)}){_WORD_STOP})",
        rf"(?P<rmonth>{_alternation(RELATIVE_MONTHS)})",
        rf"(?P<rweek>{_alternation(RELATIVE_WEEKS)})(?P<rwd>(?<=周)[一二三四五六日天]|(?<=[星礼][期拜])[一二三四五六日天])?",
        rf"(?P<wd>(?<![每隔上下本这个前后几数\d{_CN_NUM}])(?:{'|'.join(_WEEK_WORDS)})[一二三四五六日天])",
        rf"(?P<rday>{_alternation(RELATIVE_DAYS)})",
        r"(?P<mhead>(?<![\d.])\d{1,2}(?=\s*月)|(?<![" + _CN_NUM + r"第每个几数前后上下本这当])[十一二三四五六七八九]{1,2}(?=月))",
        rf"(?P<bseason>(?<=[在于])(?:{'|'.join(_BARE_SEASONS)}))",
        rf"(?P<bday>(?<![\d.月/\-:第每前后近{_CN_NUM}])\d{{1,2}}(?=\s*[日号](?![本元币报期常内内间前后以起至])))",
    ])
)
# Every branch above opens (after its lookbehind) with a digit, a Chinese numeral or the first
# character of one of these words, and with one of _HEADS: _HEAD tries the pattern only there.
# Digits and numerals mostly count things (150亿, 一个): the heads leave them out unless 年 or 月
# follows. The class lets the engine skip in C; the lookbehind steps back over the character to
# test the heads from it.
_HEAD_WORDS = (*PUBLICATION_YEARS, *CONTEXT_YEARS, *RELATIVE_MONTHS, *RELATIVE_WEEKS, *_WEEK_WORDS,
               *RELATIVE_DAYS, *_BARE_SEASONS)
_HEADS = "|".join([
    r"\d{4}[-/.]", rf"\d{{4}}\s*年|[{_CN_DIGITS}]{{4}}\s*年", r"\d{1,2}\s*月|[十一二三四五六七八九]{1,2}月", r"\d{1,2}\s*[日号]",
    _alternation(set(_HEAD_WORDS) - set(_WEEK_WORDS)), rf"(?:{'|'.join(_WEEK_WORDS)})[一二三四五六日天]",
])
_HEAD = Scanner(_HEAD_PATTERN, re.compile(rf"[\d{_CN_NUM}{''.join(sorted({w[0] for w in _HEAD_WORDS}))}](?<=(?={_HEADS}).)"))
# Every match holds 年 or 月 (a year, a month's head looking ahead for it), the last character of
# one of those words, or a year in figures with its separator (2025-12-01): most lines have none.
# One class opens it, so the engine scans for it in C (an alternation is tried at every
# character): a digit there counts only when four of them and a separator follow from it.
# 期, 拜 and 周 (时期, 周围) are mostly no date's: they count only as the end of a word ending in
# them (星期, 上周) or as a week word before its weekday (周一).
_WEEK_ENDS = "期拜周"
_WEEK_ENDINGS = sorted({w[-2:] for w in _HEAD_WORDS if len(w) > 1 and w[-1] in _WEEK_ENDS})
_HEAD_HINT = re.compile(
    rf"[{''.join(sorted({'年', '月', '日', '号', *(w[-1] for w in _HEAD_WORDS)}))}\d]"
    rf"(?:(?<=\d)\d{{3}}[-/.]|(?<=\d[日号])|(?<![\d{_WEEK_ENDS}])|(?<={'|'.join(_WEEK_ENDINGS)})"
    rf"|(?<=[{''.join(w for w in _WEEK_WORDS if len(w) == 1)}])(?=[一二三四五六日天]))"
)
# `月` not followed by words where it means "monthly" (月活, 月薪, 月度).
_MONTH_TAIL = re.compile(
    r"\s*(?P<m>\d{1,2}|[十一二三四五六七八九]{1,3})\s*月(?:份)?(?![活薪费租供均度刊报票光球亮饼])"
)
_DAY_TAIL = re.compile(r"\s*(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*[日号](?![报元币])")
_PART_TAIL = re.compile(
    "(?P<part>中下旬|上中旬|上旬|中旬|下旬|上半月|下半月|前半月|后半月"
    "|初(?![步期始衷次级代创版稿心选])|底(?![线层部气价薪牌子色])|末(?![端期尾日])"
    "|中(?![国央方共文东美日欧华外心层间期]))"
    r"|第\s*(?P<week>[一二三四五1-5])\s*(?:周|个星期|星期)(?![一二三四五六日天])"
)
_SEASON_TAIL = re.compile(
    r"的?(?P<pair>[春夏秋冬]{2})两?季"
    rf"|的?(?P<season>{_alternation([s for s in SEASONS if len(s) > 1 and not s.startswith('年')])}"
    r"|[春夏秋冬](?![节运晚联奥令装招风雨光色])"
    r"|(?<=年)(?:初(?![步期始衷次级代创版稿心选])|中(?![国央方共文东美日欧华外心层间期])|底|末|尾))"
)
_RANGE_JOIN = re.compile(r"\s*(?:到|至|一直到|~|～|-|—|–)\s*")
_LIST_JOIN = re.compile(r"\s*(?:、|和|及|以及|与|或|,|，)\s*")


# --------------------------------------------------------------------------- parsing


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


# --------------------------------------------------------------------------- resolution


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


# --------------------------------------------------------------------------- what a date is about

# Phases that only persons (or organisations) do, and phases only things do: a verb describes an
# anchor only if their kinds fit (接任者 next to a quoted model name is not the model joining).
_PHASE_KINDS = {
    "leave": ("person", "latin", "entity"),
    "join": ("person", "latin", "entity"),
    "release": ("event", "quoted", "latin", "entity"),
}
# Words opening a clause that point back at the date (届时 "at that time"): the clause belongs to it.
_DATE_BACKREFS = ("届时", "当时", "彼时", "当天", "当日", "此时")
_NEGATIONS = ("没有", "尚未", "未", "没", "不", "无")
_NEGATION_REACH = max(map(len, _NEGATIONS))
_STRONG = ("event", "quoted", "latin", "person")


@dataclass(frozen=True)
class About:
    """What a date claim is about."""

    subject: str
    attribute: str
    terms: tuple[str, ...]
    modality: str


@dataclass(frozen=True)
class _Lexicon:
    phase_regex: Scanner | None
    phase_of: dict[str, str]
    plan: tuple[str, ...]
    plan_regex: re.Pattern | None  # the plan markers, longest first


def _lexicon(config: Config) -> _Lexicon:
    """Phase verbs and markers of `config`, normalised once per rule set."""
    return config.derived("dates.lexicon", _build_lexicon)


def _normalise_word(word: str, config: Config) -> str:
    return normalise_text(word, config).lower()


def _build_lexicon(config: Config) -> _Lexicon:
    phase_of: dict[str, str] = {}
    for phase, verbs in config.lex("event_phases").items():
        for verb in verbs:
            phase_of.setdefault(_normalise_word(verb, config), phase)
    regex = alias_pattern(phase_of)
    plan = tuple(sorted({_normalise_word(w, config) for w in config.lex("markers").get("plan", [])}))
    return _Lexicon(regex, phase_of, plan, re.compile(_alternation(plan)) if plan else None)


class _Verb(NamedTuple):
    phase: str
    start: int
    end: int


def _phase_verbs(norm: str, lo: int, hi: int, date: tuple[int, int], lexicon: _Lexicon) -> list[_Verb]:
    """Phase verbs in [lo, hi) that can describe the date: not negated, not `离职后` before the date."""
    if lexicon.phase_regex is None:
        return []
    verbs = []
    for match in lexicon.phase_regex.finditer(norm, lo, hi):
        if norm.endswith(_NEGATIONS, max(lo, match.start() - _NEGATION_REACH), match.start()):
            continue
        after = norm[match.end():match.end() + 2]
        if after[:1] in "者方":
            continue  # 接任者, 离职方: nouns naming who does it, not the act
        if match.end() <= date[0] and after[:1] in "后前" or after in ("之后", "以后", "之前", "以前"):
            continue  # 离职后的2024年 dates something after the leaving, not the leaving
        verbs.append(_Verb(lexicon.phase_of[match.group(0).lower()], match.start(), match.end()))
    return verbs


def _clauses_forward(norm: str, first: tuple[int, int], sentence: tuple[int, int], holds_date) -> list[tuple[int, int]]:
    """The clause `first` and the following clauses of the sentence, up to one holding another date."""
    clauses, pos = [first], first[1]
    while pos + 1 < sentence[1]:
        clause = clause_at(norm, pos + 1, *sentence)  # pos is the break ending the previous clause
        if holds_date(clause):
            break
        if clause[1] > clause[0]:
            clauses.append(clause)
        pos = max(clause[1], pos + 1)
    return clauses


def _clauses_backward(norm: str, first: tuple[int, int], sentence: tuple[int, int], holds_date) -> list[tuple[int, int]]:
    """The clauses before `first` in the sentence, nearest first, up to one holding another date."""
    clauses, pos = [], first[0]
    while pos - 1 > sentence[0]:
        clause = clause_at(norm, pos - 1, *sentence)  # the break before `pos` ends the previous clause
        if holds_date(clause):
            break
        if clause[1] > clause[0]:
            clauses.append(clause)
        pos = min(clause[0], pos - 1)
    return clauses


AS_OF = ("截至", "截止", "截止到", "截至到")


def about(norm: str, date: tuple[int, int], sentence: tuple[int, int], other_dates: list[tuple[int, int]],
          terms: list, config: Config) -> About:
    """Subject, phase, key terms and modality of the date at span `date` in a normalised line.

    The plain reading, one pass over every other date and every term per date: `_line_claims`
    reads a line's dates through `_LineDates`, which finds the same without those passes."""
    stops = [s for s, _ in other_dates]
    usable = terms  # the terms overlapping no date: filtered one date at a time
    for s, e in (date, *other_dates):
        usable = [t for t in usable if not (t.start < e and s < t.end)]

    def holds_date(clause: tuple[int, int]) -> bool:
        return any(clause[0] <= s < clause[1] for s in stops)

    def terms_in(span: tuple[int, int]) -> list:
        return [t for t in usable if span[0] <= t.start and t.end <= span[1]]

    return _about(norm, date, sentence, holds_date, terms_in, config)


def _about(norm: str, date: tuple[int, int], sentence: tuple[int, int], holds_date, terms_in, config: Config) -> About:
    """`about`, given which clauses hold another date and the terms inside a span that overlap no date."""
    lexicon = _lexicon(config)
    if norm[max(sentence[0], date[0] - 3):date[0]].rstrip().endswith(AS_OF):
        return About("", "occur", (), "")  # 截至6月30日: the time of a figure, no happening's date
    first = (clause_at(norm, date[0], *sentence)[0], clause_at(norm, max(date[0], date[1] - 1), *sentence)[1])

    # The window, anchor and verb choices ask for the same clauses' terms and verbs several times.
    inside_of: dict[tuple[int, int], list] = {}
    verbs_of: dict[tuple[int, int], list[_Verb]] = {}

    def inside(span):
        if span not in inside_of:
            inside_of[span] = terms_in(span)
        return inside_of[span]

    def verbs(span):
        if span not in verbs_of:
            verbs_of[span] = _phase_verbs(norm, span[0], span[1], date, lexicon)
        return verbs_of[span]

    window = _window(norm, first, sentence, holds_date, inside, verbs)
    window_terms = [t for span in window for t in inside(span)]
    anchor, verb = _anchor_and_verb(window, window_terms, inside, verbs, first, date[0])
    if anchor is None:
        subject, phase = "", verb.phase if verb else "occur"
    elif anchor.kind == "event":
        subject, phase = anchor.text, "end" if verb and verb.phase == "end" else "occur"
    else:
        subject, phase = anchor.text, verb.phase if verb else "occur"
    others = tuple(sorted({t.text for t in window_terms} - {subject}))
    marked = [first, *(span for span in window for item in (anchor, verb) if item and span[0] <= item.start < span[1])]
    return About(subject, phase, others, _modality(norm, sorted(set(marked)), lexicon))


def _window(norm, first, sentence, holds_date, inside, verbs) -> list[tuple[int, int]]:
    """The clauses a date is read with: its own, plus following ones when it stands alone, or
    preceding ones when its clause has a verb but no one doing it."""
    forward = _clauses_forward(norm, first, sentence, holds_date)
    own_terms, own_verbs = inside(first), verbs(first)
    window = [first]
    if any(t.kind == "event" for t in own_terms):
        return window
    if not any(t.kind in _STRONG for t in own_terms) and (not own_verbs or own_terms):
        extended = _extend_forward(forward, inside, verbs)
        if extended and _SPEECH.search(norm, *first) and not _sets_off(norm, extended[-1], verbs):
            return window  # 部门5日表示，台风已造成…: the day of a statement, not of the event it reports
        if extended or not own_terms:
            return [first, *(extended or forward[1:])]
    elif not own_terms:
        for clause in _clauses_backward(norm, first, sentence, holds_date):
            window.insert(0, clause)
            if inside(clause):
                break
        if not any(inside(span) for span in window):
            window = [first]
    for index, clause in enumerate(forward[1:], 1):
        if norm[clause[0]:clause[1]].lstrip().startswith(_DATE_BACKREFS):
            window.extend(forward[1:index + 1])
            break
    if len(forward) > 1 and forward[1] not in window and not any(t.kind == "event" for span in window for t in inside(span)):
        # 总裁1日向主管说明，集团宣布启动“红色警报”: what was told that day is the event the next clause
        # names with a verb of its own (not 5日表示，台风已造成…: a toll of an earlier event)
        if any(t.kind == "event" for t in inside(forward[1])) and _sets_off(norm, forward[1], verbs):
            window.append(forward[1])
    return window


# Verbs of saying: a date in their clause dates the saying; what is said has its own time.
_SPEECH = re.compile("表示|指出|称|说|透露|强调|告诉|告知|通报|证实|回应|介绍|宣称|声称")
# Verbs that set an event off (启动“红色警报”, 举行大选): a clause with one tells the event's own day.
_ONSET = re.compile("启动|开启|发出|发起|进入|拉响|按下|实施|发动|举行|召开|举办|爆发|发生")


def _sets_off(norm: str, clause: tuple[int, int], verbs) -> bool:
    """Whether a clause tells its event happening (a phase verb or an onset verb), not its toll."""
    return bool(verbs(clause)) or bool(_ONSET.search(norm, *clause))


def _extend_forward(forward, inside, verbs) -> list[tuple[int, int]]:
    """The following clauses up to the first naming an event, or an anchor with its verb; [] if none."""
    taken: list[tuple[int, int]] = []
    strong = False  # a strong anchor in some clause taken so far (the earlier ones hold no event)
    for clause in forward[1:]:
        taken.append(clause)
        found = inside(clause)
        if any(t.kind == "event" for t in found):
            return taken
        strong = strong or any(t.kind in _STRONG for t in found)
        if strong and any(verbs(span) for span in taken):
            return taken
    return []


def _anchor_and_verb(window, window_terms, inside, verbs, first, near):
    """The best anchor and the phase verb describing it: event > verb-backed anchor > by kind."""
    events = [t for t in window_terms if t.kind == "event"]
    if events:
        anchor = min(events, key=lambda t: (_distance(t, near), t.start))
        return anchor, _verb_for(anchor, window, verbs, first)
    window_verbs = [v for span in window for v in verbs(span)]
    for phase in (p for p in _phase_order(window_verbs) if p in _PHASE_KINDS):
        pairs = [(t, v) for v in window_verbs if v.phase == phase for t in inside(_clause_of(v, window)) if _fits(t, v)]
        if pairs:
            return min(pairs, key=lambda pair: _doer_rank(*pair))
    eligible = [t for t in window_terms if t.kind != "entity" or (first[0] <= t.start < first[1])] or window_terms
    if not eligible:
        own = verbs(first)
        return None, own[0] if own else None
    anchor = min(eligible, key=lambda t: (_KIND_RANK[t.kind], _distance(t, near), t.start))
    return anchor, _verb_for(anchor, window, verbs, first)


_KIND_RANK = {"event": 0, "quoted": 1, "latin": 2, "person": 3, "entity": 4}
# Who leaves or joins: a person before a Latin term before an organisation; then the one before
# the verb (X离开OpenAI), then the nearest (OpenAI任命X).
_DOER_RANK = {"person": 0, "latin": 1, "entity": 2}


def _fits(term, verb: _Verb) -> bool:
    """Whether the verb can describe the term: kinds fit, and who leaves or joins is a person or
    is written before the verb (in 入职OpenAI the organisation is what is joined)."""
    if term.kind not in _PHASE_KINDS.get(verb.phase, (term.kind,)):
        return False
    return verb.phase not in ("leave", "join") or term.kind == "person" or term.start < verb.start


def _doer_rank(term, verb: _Verb) -> tuple:
    if verb.phase not in ("leave", "join"):
        return (_KIND_RANK[term.kind], _distance(term, verb.start), term.start)
    return (_DOER_RANK.get(term.kind, 3), term.start >= verb.start, _distance(term, verb.start), term.start)


def _clause_of(verb: _Verb, window: list[tuple[int, int]]) -> tuple[int, int]:
    return next(span for span in window if span[0] <= verb.start < span[1])


_PHASE_PRIORITY = ("end", "leave", "join", "release", "announce")


def _phase_order(verbs: list[_Verb]) -> list[str]:
    phases = {v.phase for v in verbs}
    return [p for p in _PHASE_PRIORITY if p in phases] + sorted(phases.difference(_PHASE_PRIORITY))


def _verb_for(anchor, window, verbs, first) -> _Verb | None:
    """The phase verb in the anchor's clause (else the date's) that fits the anchor's kind."""
    clause = next((span for span in window if span[0] <= anchor.start < span[1]), first)
    for span in (clause, first) if clause != first else (first,):
        fitting = [v for v in verbs(span) if _fits(anchor, v)]
        if fitting:
            order = _phase_order(fitting)
            return min(fitting, key=lambda v: (order.index(v.phase), _distance(anchor, v.start)))
    return None


def _distance(term, pos: int) -> int:
    if term.start <= pos < term.end:
        return 0
    return term.start - pos if term.start > pos else pos - term.end + 1


def _modality(norm: str, window: list[tuple[int, int]], lexicon: _Lexicon) -> str:
    """"plan" when a plan marker (计划, 将于, 预计, 届时...) is in the window, else "".

    One pass of the markers' regex per clause: longest first, a marker found where a longer one
    starts is the longer one (将于, never a disposal 将), and the one-character 将 hides no other."""
    if lexicon.plan_regex is None:
        return ""
    for lo, hi in window:
        text = norm[lo:hi]
        for match in lexicon.plan_regex.finditer(text):
            if not _is_disposal_jiang(text, match.start(), match.group()):
                return "plan"
    return ""


def _is_disposal_jiang(text: str, at: int, marker: str) -> bool:
    """将 before a pronoun or 更/全 marks an object (将其塑造为), not the future."""
    return marker == "将" and text[at + 1:at + 2] in "其这该那之它他她此自我你更全所"


# --------------------------------------------------------------------------- claims


def extract_dates(doc: Document, config: Config) -> list[Claim]:
    """Every date claim of a normalised document, in document order."""
    claims: list[Claim] = []
    document_year: int | None = None
    for line in doc.lines:
        norm = line.norm or line.text
        if not _HEAD_HINT.search(norm):
            continue  # no date in it (most lines): read_dates would find none
        mentions = _resolved(norm, _expressions(norm), doc.meta.published, document_year)
        for mention in mentions:
            if _sets_document_year(mention, doc.meta.published):
                document_year = mention.year_written
        if not mentions or (doc.meta.published_line and line.number == doc.meta.published_line):
            continue
        claims.extend(_line_claims(doc.path, line, norm, mentions, config))
    return _pegged_to_the_story(claims, doc, config)


PEG_DAYS = 7  # a date this close before publication is the story's news peg


def _pegged_to_the_story(claims: list[Claim], doc: Document, config: Config) -> list[Claim]:
    """A story's peg: when the lead names exactly one lexicon event, a date of the last week of a
    person the lead names too, anchored on no event, product or organisation (韦德周一要求工程师
    “日夜轮班”), is that event's."""
    published = doc.meta.published
    if published is None or not claims:
        return claims
    lead = lead_terms(doc.lines, config)
    event = main_event(lead)
    if not event:
        return claims
    actors = {name for norm, term in lead if term.kind == "person" for name in _surnames(norm[term.start:term.end])}
    read: dict[int, _PegSentence] = {}  # the claims of one sentence share its text (_line_claims)
    return [replace(c, subject=event) if _peg_date(c, published, config, actors, read) else c for c in claims]


def _surnames(written: str) -> set[str]:
    """How a person named in full is named again: the surname in each script (萨姆·奥特曼(Sam
    Altman) -> 奥特曼, altman)."""
    found = set()
    cjk = re.findall(r"[\u4e00-\u9fff]+(?:·[\u4e00-\u9fff]+)*", written)
    found.update(run.rsplit("·", 1)[-1] for run in cjk if len(run.rsplit("·", 1)[-1]) >= 2)
    latin = re.findall(r"[A-Za-z][A-Za-z'\-]+", written)
    if latin:
        found.add(latin[-1].casefold())
    return found


class _PegSentence:
    """A claim's sentence as `_peg_date` reads it, read once for all the dates in it (each date
    normalising and searching its whole sentence cost a sentence of n dates n^2)."""

    def __init__(self, text: str, config: Config, actors: set[str]):
        self.text = text  # held, so the id it is found by is not reused while it is kept
        self.norm = norm = normalise_text(text, config)
        folded = norm.casefold()
        self.names_actor = any(actor in folded for actor in actors)
        self.breaks = [i for i, char in enumerate(norm) if char in _PEG_CLAUSE_BREAKS] if self.names_actor else []
        self.quoted: dict[str, bool] = {}

    def clause_end(self, start: int) -> int:
        """The first clause break at or after `start`, else the sentence's end."""
        if start < 0:
            return next((i for i in range(start, len(self.norm)) if self.norm[i] in _PEG_CLAUSE_BREAKS), len(self.norm))
        after = bisect.bisect_left(self.breaks, start)
        return self.breaks[after] if after < len(self.breaks) else len(self.norm)

    def is_quoted(self, subject: str) -> bool:
        if subject not in self.quoted:
            self.quoted[subject] = bool(re.search(f"[“「『\"]{re.escape(subject)}[”」』\"]", self.norm))
        return self.quoted[subject]


_PEG_CLAUSE_BREAKS = "，,。；;：:"


def _peg_date(claim: Claim, published: dt.date, config: Config, actors: set[str],
              read: dict[int, _PegSentence] | None = None) -> bool:
    """A recent date, of a person the lead names too, anchored on no event, product or organisation.

    `read` keeps the sentences read so far, by the id of their text."""
    sentence = read.get(id(claim.sentence)) if read is not None else None
    if sentence is None or sentence.text is not claim.sentence:
        sentence = _PegSentence(claim.sentence, config, actors)
        if read is not None:
            read[id(claim.sentence)] = sentence
    norm = sentence.norm
    if not sentence.names_actor:
        return False
    clause_end = sentence.clause_end(claim.start)
    if _SPEECH.search(norm, claim.start, clause_end):
        return False  # 发言人4月1日介绍: the day of a saying
    value = claim.value
    if claim.attribute != "occur" or claim.modality or not isinstance(value, DateValue) or value.start is None:
        return False
    if not (published - dt.timedelta(days=PEG_DAYS) <= value.start and value.end <= published):
        return False
    subject = claim.subject
    if not subject or re.fullmatch(r"[a-z]+(?: [a-z]+)+", subject):  # none, or a person's folded Latin name
        return True
    return sentence.is_quoted(subject)


def _line_terms(norm: str, config: Config) -> list:
    return find_terms(norm, config)


def _line_claims(path: str, line: Line, norm: str, mentions: list[DateMention], config: Config) -> list[Claim]:
    terms = _line_terms(norm, config)
    heads = list_siblings(norm, mentions)
    # the sentences cover the line end to end: the one holding a date is the last starting at
    # or before it, found by bisection instead of a scan of the line per date
    sentences = sentence_spans(norm)
    sentence_starts = [start for start, _ in sentences]
    spans = [(m.start, m.end) for m in mentions]
    list_span = {head: (spans[head][0], spans[index][1]) for index, head in enumerate(heads)}
    line_dates = _LineDates(norm, terms, spans, heads)
    read: dict[tuple[int, tuple[int, int]], About] = {}  # the dates of one list are read once
    texts: dict[tuple[int, int], str] = {}  # the claims of a sentence share its text (read once by _peg_date)
    claims = []
    for index, mention in enumerate(mentions):
        head = heads[index]
        sentence = sentences[bisect.bisect_right(sentence_starts, mention.start) - 1]
        info = read.get((head, sentence))
        if info is None:
            date = list_span[head]
            info = read[head, sentence] = _about(norm, date, sentence, line_dates.holds_date(head),
                                                 line_dates.terms_in(date), config)
        claims.append(Claim(
            kind=ClaimKind.DATE, doc=path, line=line.number,
            sentence=texts.get(sentence) or texts.setdefault(sentence, line.text[sentence[0]:sentence[1]]),
            raw=line.text[mention.start:mention.end],
            start=mention.start - sentence[0], subject=info.subject, attribute=info.attribute,
            value=mention.value, terms=info.terms, modality=info.modality,
        ))
    return claims


class _LineDates:
    """A line's dates and terms, for `_about` to read every date of the line with what `about`
    finds by passes over every other date and every term (each date's own passes made a line
    of n dates cost n^2 dates and n^2 terms; 30 KB of dates on one line took 6 s, 118 KB over 100).

    The dates of one list (`heads`, from `list_siblings`) are the indices from the head to the
    list's last, all inside the list's span: the terms overlapping no date of the line but a
    list's span are the terms overlapping no mention, less those overlapping that span, and the
    mentions found by bisection in a clause hold a date of another list unless they are all of
    the list's own."""

    def __init__(self, norm: str, terms: list, spans: list[tuple[int, int]], heads: list[int]):
        marks = bytearray(len(norm))  # 1 on every character of a mention
        for lo, hi in spans:
            marks[lo:hi] = b"\x01" * (hi - lo)
        # terms are sorted by start; an empty term (none is found) overlaps a span it lies strictly inside
        self.free = [t for t in terms if (marks.find(1, t.start, t.end) < 0 if t.start < t.end
                                          else not any(lo < t.start < hi for lo, hi in spans))]
        self.free_starts = [t.start for t in self.free]
        self.starts = [lo for lo, _ in spans]
        self.last = {head: index for index, head in enumerate(heads)}  # a list's last mention

    def holds_date(self, head: int):
        """Whether a clause holds the start of a mention of another list than `head`'s."""
        starts, last = self.starts, self.last[head]

        def holds(clause: tuple[int, int]) -> bool:
            lo, hi = bisect.bisect_left(starts, clause[0]), bisect.bisect_left(starts, clause[1])
            return hi > lo and not (head <= lo and hi - 1 <= last)
        return holds

    def terms_in(self, date: tuple[int, int]):
        """The terms inside a span that overlap no mention and not `date` (a list's span)."""
        free, free_starts = self.free, self.free_starts
        s, e = date

        def inside(span: tuple[int, int]) -> list:
            lo, hi = bisect.bisect_left(free_starts, span[0]), bisect.bisect_right(free_starts, span[1])
            return [t for t in free[lo:hi] if t.end <= span[1] and not (t.start < e and s < t.end)]
        return inside
