"""What an amount measures (its claim's attribute): the nearest metric word, else a head noun phrase.

attribute = the metric word of `[lexicon.metrics]` nearest the number in its clause (a counted
noun right after the number first, then words before it, then after it; words used as
adverbials, `在融资中`, last), prefixed with a periodicity from `[lexicon.metric_scopes]`
(`weekly:active-users`); the generic key `total` (总额, 规模) gives way to a specific metric
elsewhere in the sentence. Without a lexicon word, a short head noun phrase before the number
(or after it, for counters), else the dimension.
"""
from __future__ import annotations

import re

from ..model import AmountValue
from .amount_context import _Lexicon, _UNSCOPED, _Window

# Generic metric key: a total (总额, 规模) whose meaning comes from elsewhere in the sentence.
GENERIC_METRIC = "total"
# A toll written in short, its counter naming what it counts: 3死、120伤、2亡.
TOLL_WORDS = {"死": "deaths", "亡": "deaths", "伤": "injuries"}
# Metrics counted in people: a bare count for them (周活跃用户超过8亿) gets unit "person".
PEOPLE_METRICS = frozenset({
    "users", "active-users", "paying-users", "employees", "layoffs", "population", "deaths",
    "injuries", "missing", "trapped", "votes", "cases", "visitors", "students",
})
# Metrics a dimension implies when no word names one (4.5千兆瓦 of data centres: capacity).
DIMENSION_METRICS = {"power": "capacity", "magnitude": "magnitude"}
# A metric word right before one of these is a verb of change (增长至) or an adverbial (在融资中).
_CHANGE_AFTER = ("至", "到")
_ADVERBIAL_AFTER = ("中", "里", "时", "后", "期间", "之际")

# ------------------------------------------------------------------ metric words


def _metric_hits(lex: _Lexicon, window: _Window, value: AmountValue, lo: int, hi: int) -> list[tuple[int, int, str]]:
    if lex.metrics is None or value.dimension in _UNSCOPED:
        return []  # a tenure or an age fits no metric (_fits): the clause is not scanned
    hits = []
    for match in lex.metrics.finditer(window.norm, lo, hi):
        if match.start() < window.end and match.end() > window.start:
            continue
        if match.end() <= window.start and window.norm.startswith(_CHANGE_AFTER, match.end()):
            continue
        key = lex.metric_key[match.group(0).lower()]
        if _fits(key, value):
            hits.append((match.start(), match.end(), key))
    return hits


def _fits(metric: str, value: AmountValue) -> bool:
    """People metrics count people (or share of them): not minutes, dollars or 次; a tenure
    or an age is named by the text around it, never by a money or count metric."""
    if value.dimension in _UNSCOPED:
        return False
    if metric not in PEOPLE_METRICS:
        return True
    return value.unit in ("person", "") or value.dimension in ("percent", "percentage-points")


def _nearest_metric(window: _Window, hits: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """A counted noun right after the number, then the nearest word before, then after it."""
    if not hits:
        return None
    after = min((h for h in hits if h[0] >= window.end), key=_after_order, default=None)
    if after is not None and after[0] - window.end <= 1:
        return after  # the nearest word after is the only one that can be adjacent
    before = [h for h in hits if h[1] <= window.start]
    plain = [h for h in before if not window.norm.startswith(_ADVERBIAL_AFTER, h[1])]
    if plain:
        return min(plain, key=_before_order)
    # no plain word before: the nearest word after, else the nearest adverbial one before
    return after or min(before, key=_before_order, default=None)


def _after_order(hit: tuple[int, int, str]) -> tuple[int, int]:
    return hit[0], -hit[1]


def _before_order(hit: tuple[int, int, str]) -> tuple[int, int]:
    return -hit[1], hit[0]


def _metric(lex: _Lexicon, window: _Window, value: AmountValue) -> tuple[str, tuple[int, int] | None]:
    """The canonical metric key and the span of the word it was read from."""
    hit = _nearest_metric(window, _metric_hits(lex, window, value, *window.clause))
    implied = DIMENSION_METRICS.get(value.dimension, "")
    if implied and (hit is None or hit[2] == GENERIC_METRIC):
        return implied, None
    if hit is not None and hit[2] == GENERIC_METRIC:
        specific = [h for h in _metric_hits(lex, window, value, *window.sentence) if h[2] != GENERIC_METRIC]
        if specific:
            centre = window.start
            hit = min(specific, key=lambda h: (min(abs(h[0] - centre), abs(h[1] - centre)), h[0]))
    if hit is None:
        return "", None
    return hit[2], (hit[0], hit[1])


def _periodicity(lex: _Lexicon, window: _Window, metric: str, span: tuple[int, int] | None) -> str:
    """daily/weekly/monthly/annual said next to the metric word or right before the number."""
    if lex.scopes is None:
        return ""
    for match in lex.scopes.finditer(window.norm, *window.clause):
        scope = lex.scope_key[match.group(0).lower()]
        if scope in metric:
            continue
        near_metric = span is not None and span[0] - 3 <= match.end() and match.start() < span[1]
        between = span is not None and span[1] <= match.start() and match.end() <= window.start
        near_number = match.end() <= window.start and window.start - match.end() <= 3
        if near_metric or between or near_number:
            return scope
    return ""


# ------------------------------------------------------------------ without a metric word

_STOP_CHARS = "的了是为在把被将和与及或等有从向对给让使已也都就还仍而并且、 "
_LEADING_VERBS = ("达到", "高达", "多达", "长达", "已达", "升至", "增至", "降至", "达", "约", "为", "是", "有", "共", "仅")
_SPEECH_VERBS = re.compile("透露|表示|认为|指出|称|说")
_THROUGH_LAST_STOP = re.compile(f"(?:[^{re.escape(_STOP_CHARS)}]*[{re.escape(_STOP_CHARS)}])*")


def _fallback_attribute(window: _Window, value: AmountValue) -> str:
    """A short head noun phrase before the number, or after it for counters, else the dimension."""
    before = _head_before(window.norm[window.clause[0] : window.start])
    if value.dimension != "count":
        return before or value.dimension
    after = _head_after(window.norm[max(window.end, window.noun_end) : window.clause[1]])
    return after or before or value.dimension


def _head_before(text: str) -> str:
    text = text.rstrip()
    while text.endswith(_LEADING_VERBS):  # each pass strips at least the verb the text ends with
        for verb in _LEADING_VERBS:
            if text.endswith(verb):
                text = text[: -len(verb)].rstrip()
    head = text[_THROUGH_LAST_STOP.match(text).end() :]  # after the last stop character
    if len(head) > 6:
        head = re.sub(r"^[A-Za-z0-9]+", "", head[-6:])  # never half a Latin word
    return head.lower() if len(head) >= 2 else ""


def _head_after(text: str) -> str:
    phrase = _SPEECH_VERBS.split(text.strip(), maxsplit=1)[0]
    if "的" in phrase:  # 自下而上的项目: the noun after the last 的
        phrase = phrase.rsplit("的", 1)[1]
    head = re.split(f"[{_STOP_CHARS}]", phrase, maxsplit=1)[0][:4]
    return head.lower() if len(head) >= 2 else ""
