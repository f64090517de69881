"""How dates are written: the words and tables of date expressions, and the patterns that find them in a line."""
from __future__ import annotations

import re

from .context import Scanner

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
