"""Check kind `amount-conflict`: the same metric for the same time scope with values that cannot both hold.

Two amounts of one group (entity, metric, unit dimension) are compared only when they have the
same modality, the same time scope (both unstated, or both stated and overlapping as dates) and
units that are equal or convertible (W/kW/MW/GW/TW, Wh/.../TWh, minute/hour/day/week; currencies
are never converted). They conflict when their intervals [low, high] are disjoint; `超过8亿`
([8e8, inf)) and `8亿` agree. Option `tolerance` widens every interval by that relative amount.
As for dates, a document giving two conflicting values for one group still takes part unless
`include_inconsistent = false`. Stock figures (`[lexicon.metric_rules] time_varying`) are compared
only when both are dated; a slip by a power of ten (`slipped`) conflicts whatever the times; a
figure given with more than MAX_FIGURES distinct values is no single fact.

One finding per disputed figure (see `disputes`), each side named by a value as written:
    "openai (compute-commitment): 1.4万亿美元 in a.txt (1 source) vs 1.5万亿美元 in b.txt (1 source)".
"""
from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from functools import lru_cache
from typing import Hashable, Iterator, Sequence

from ..config import RuleSettings, RuleSpec
from ..model import AmountValue, Claim, ClaimKind, Corpus, Finding, Severity
from .disputes import dispute_finding, dispute_sides
from .relation import AGREE, CONFLICT, Layout, Span

RULES = (
    RuleSpec(
        "amount-conflict", "amount", Severity.ERROR,
        "the same metric for the same time scope with values that cannot both hold",
        {"tolerance": 0.0, "include_inconsistent": True},
    ),
)

# unit -> (base unit, factor): only units whose conversion is exact
_CONVERTIBLE = {
    "W": ("W", 1.0), "kW": ("W", 1e3), "MW": ("W", 1e6), "GW": ("W", 1e9), "TW": ("W", 1e12),
    "Wh": ("Wh", 1.0), "kWh": ("Wh", 1e3), "MWh": ("Wh", 1e6), "GWh": ("Wh", 1e9), "TWh": ("Wh", 1e12),
    "minute": ("minute", 1.0), "hour": ("minute", 60.0), "day": ("minute", 1440.0), "week": ("minute", 10080.0),
}
# Counting words of things: 300个 and 3百万颗 GPUs count the same things (people and times are not things).
_CLASSIFIERS = frozenset(["", "个", "颗", "枚", "块", "台", "部", "件", "套", "张", "座", "艘", "辆", "架", "款", "家", "所"])
_FLOAT_SLACK = 1e-9  # 0.1+0.2 style noise must not split equal values


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield one Finding for every figure whose documents give values that cannot both hold."""
    tolerance = float(rule.options.get("tolerance", 0.0))
    inconsistent = bool(rule.options.get("include_inconsistent", True))
    metric_rules = (corpus.lexicon or {}).get("metric_rules", {})
    moving = frozenset(metric_rules.get("time_varying", ()))
    fixed = frozenset(metric_rules.get("fixed_metrics", ()))
    hourly = frozenset(metric_rules.get("as_of_publication", ()))
    drift = float(metric_rules.get("same_day_drift", 0.0))

    relation = _Relation(tolerance, moving, fixed, int(metric_rules.get("publication_window_days", 14)), hourly, drift)
    layout = Layout(relation.describe, relation.table)

    for group in corpus.groups:
        if group.kind is ClaimKind.AMOUNT and one_fact(group.claims) and relation.may_clash(group.claims):
            sides = dispute_sides(group.claims, amount_key, relation, amount_width, inconsistent, layout)
            if sides:
                yield dispute_finding(rule, group, sides, corpus, describe=lambda c: c.raw)


class _Relation:
    """Two amounts' relation, as dispute_sides asks it hundreds of thousands of times on a large
    corpus: periodicities that differ are two metrics; then the figures' relation as written and
    whether one is the other's slip (worked out once per pair of figures, a group holding few),
    and the scopes' overlap (many publication windows; an undated stock figure meets any time).

    For a large group, the same relation as a Layout: `describe` a claim as its figure (with
    modality, periodicity, whether the metric moves, and its kind of scope) and its scope's days;
    `table` the relation of two figures whose scopes do or do not overlap."""

    def __init__(self, tolerance: float, moving: frozenset[str], fixed: frozenset[str] = frozenset(),
                 event_days: int = 14, hourly: frozenset[str] = frozenset(), drift: float = 0.0) -> None:
        self.tolerance, self.moving, self.fixed, self.event_days = tolerance, moving, fixed, event_days
        # a toll counted hour by hour (`as_of_publication`) drifts within a day: its figures are
        # widened by `drift` (`same_day_drift`), so 93 and 96 trapped are updates, 1938 and 1038 hurt are not
        self.hourly, self.drift = hourly, max(tolerance, drift)
        self.figure_ids: dict[AmountValue, int] = {}
        self.figure_values: list[AmountValue] = []
        self.of_claim: dict[int, tuple[int, AmountValue, str, str, str, bool, bool, bool]] = {}
        self.figures: dict[tuple[int, int, bool, bool], tuple[str | None, bool]] = {}
        self.overlaps: dict[tuple[str, str, bool], bool] = {}

    def _facts(self, claim: Claim) -> tuple[int, AmountValue, str, str, str, bool, bool, bool]:
        facts = self.of_claim.get(id(claim))
        if facts is None:
            value = claim.value
            assert isinstance(value, AmountValue)
            periodicity, _, metric = claim.attribute.rpartition(":")
            figure = self.figure_ids.setdefault(value, len(self.figure_ids))
            if figure == len(self.figure_values):
                self.figure_values.append(value)
            facts = self.of_claim[id(claim)] = (
                figure, value, claim.scope, claim.modality, periodicity, metric in self.moving, metric in self.fixed,
                metric in self.hourly)
        return facts

    def may_clash(self, claims: Sequence[Claim]) -> bool:
        """Whether any two figures of the group, as written and whatever their times, can clash:
        most groups hold one figure written by every document (a company's headcount), and then
        the many publication windows need no comparing."""
        figures = sorted({(c.value, c.modality) for c in claims if isinstance(c.value, AmountValue)}, key=repr)
        if len(figures) > PAIRWISE_FIGURES:
            return _intervals_apart([value for value, _ in figures], self.tolerance)
        return any(
            figures_relation(va, vb, ma == mb, self.tolerance) == CONFLICT or slipped(va, vb)
            for i, (va, ma) in enumerate(figures) for vb, mb in figures[i + 1 :]
        )

    def __call__(self, a: Claim, b: Claim) -> str | None:
        fig_a, value_a, scope_a, modality_a, period_a, moving, fixed, hourly = self._facts(a)
        fig_b, value_b, scope_b, modality_b, period_b, _, _, _ = self._facts(b)
        if period_a and period_b and period_a != period_b:
            return None  # weekly and daily users: two metrics
        figures, slip = self._figures(fig_a, fig_b, modality_a == modality_b, hourly)
        if moving and not (scope_a and scope_b):
            # an undated figure may be from any time: equal figures agree, only a slip conflicts
            return AGREE if figures == AGREE else CONFLICT if slip else None
        overlap = self.overlaps.get((scope_a, scope_b, fixed))
        if overlap is None:
            overlap = self.overlaps[(scope_a, scope_b, fixed)] = (
                event_scopes_overlap(scope_a, scope_b, self.event_days) if fixed else scopes_overlap(scope_a, scope_b))
        found = figures if overlap else None
        return CONFLICT if found is None and slip else found

    def _figures(self, fig_a: int, fig_b: int, same_modality: bool, hourly: bool) -> tuple[str | None, bool]:
        """The two figures' relation as written, and whether one is the other's slip."""
        key = (fig_a, fig_b, same_modality, hourly)
        known = self.figures.get(key)
        if known is None:
            value_a, value_b = self.figure_values[fig_a], self.figure_values[fig_b]
            tolerance = self.drift if hourly else self.tolerance
            known = self.figures[key] = (
                figures_relation(value_a, value_b, same_modality, tolerance), slipped(value_a, value_b))
        return known

    def describe(self, claim: Claim) -> tuple[Hashable, Span | None] | None:
        """The claim as the Layout reads it; None for a scope no span stands for (`~` alone)."""
        figure, _, scope, modality, periodicity, moving, fixed, hourly = self._facts(claim)
        laid = event_scope_layout(scope, self.event_days) if fixed else scope_layout(scope)
        return None if laid is None else ((figure, modality, periodicity, moving, fixed, hourly, laid[0]), laid[1])

    def table(self, a: Hashable, b: Hashable, overlap: bool) -> str | None:
        """__call__ on two described claims, given whether their spans overlap."""
        fig_a, modality_a, period_a, moving, fixed, hourly, kind_a = a  # type: ignore[misc]
        fig_b, modality_b, period_b, _, _, _, kind_b = b  # type: ignore[misc]
        if period_a and period_b and period_a != period_b:
            return None
        figures, slip = self._figures(fig_a, fig_b, modality_a == modality_b, hourly)
        if moving and not (kind_a and kind_b):
            return AGREE if figures == AGREE else CONFLICT if slip else None
        if not (kind_a and kind_b):
            # no scope meets no scope and an implicit one; an event's fixed figure meets every time
            overlap = fixed or STATED not in (kind_a, kind_b)
        found = figures if overlap else None
        return CONFLICT if found is None and slip else found


PAIRWISE_FIGURES = 32  # more distinct figures than this: may_clash asks _intervals_apart instead
MAX_FIGURES = 64  # more distinct figures than this for one owner's metric: not one fact


def one_fact(claims: Sequence[Claim]) -> bool:
    """A figure stated with more than MAX_FIGURES distinct values is no single fact (it mixes
    times or things: a price over years, a metric of many products); no dispute is read from it,
    and the work stays linear however many documents state it."""
    return len({claim.value for claim in claims}) <= MAX_FIGURES


def _intervals_apart(values: Sequence[AmountValue], tolerance: float) -> bool:
    """Whether two of the figures, in one family of units, have intervals that do not meet: what
    any clash or slip needs (an inverted range meets nothing). Plain reference: the pairwise test."""
    lows: dict[str, float] = {}
    highs: dict[str, float] = {}
    written: dict[tuple[str, str], set[float]] = defaultdict(set)  # (unit, digits) -> values: slips
    for value in values:
        family, factor = _unit_family(value.unit)
        low, high = interval(value, factor, tolerance)
        if low > high or value.qualifier in ("range", "inverted"):
            return True  # a range slips bound by bound: leave it to the pairwise test
        lows[family] = max(lows.get(family, low), low)
        highs[family] = min(highs.get(family, high), high)
        digits = written[(family, _digits(value.value))]
        digits.add(value.value)
        if len(digits) > 1:
            return True
    return any(lows[family] > highs[family] for family in lows)


def _digits(x: float) -> str:
    """The significant digits of a figure (8, 800万 and 8亿 all write 8)."""
    return f"{abs(x):.6e}".split("e")[0].rstrip("0").rstrip(".")


def _unit_family(unit: str) -> tuple[str, float]:
    """A unit's family (its base unit; every counting word of things is one) and factor to it."""
    if unit in _CLASSIFIERS:
        return "", 1.0
    base = _CONVERTIBLE.get(unit)
    return base if base else (unit, 1.0)


def amount_width(claim: Claim) -> float:
    """How wide the interval of compatible values is (unbounded: infinite)."""
    value = claim.value
    if isinstance(value, AmountValue) and value.low is not None and value.high is not None:
        return value.high - value.low
    return float("inf")


def amount_key(claim: Claim) -> tuple:
    value = claim.value
    assert isinstance(value, AmountValue)
    return (claim.modality, claim.scope, value.unit, value.qualifier, value.value, value.low, value.high)


def slipped(va: AmountValue, vb: AmountValue) -> bool:
    """Written with the same digits but a power of ten apart (800万 vs 8亿, 500 vs 500万): a slip of
    the magnitude word, not a change over time, so it conflicts whatever the figures' times and
    modalities. Ranges compare bound by bound; a bare power of ten (1, 10, 100) has no digits to
    tell a slip by, and a one-digit figure must be a hundredfold off (tenfold may be growth)."""
    factors = _common_factors(va.unit, vb.unit)
    if factors is None or factors[0] != factors[1]:
        return False  # written in units of one scale only: 1 GW and 1000 MW are no slip
    pairs = [(va.value, vb.value)]  # as written: a rounding interval's bounds are no written figure
    if {"range", "inverted"} & {va.qualifier, vb.qualifier}:
        if None in (va.low, vb.low, va.high, vb.high):
            return False
        pairs = [(va.low, vb.low), (va.high, vb.high)]
    apart = False
    for x, y in pairs:
        if x == y:
            continue
        if x <= 0 or y <= 0:
            return False
        ratio = math.log10(max(x, y) / min(x, y))
        if not math.isfinite(ratio):
            return False  # 十万八千亿兆亿 against 0.000…1亿: no figure a slip is read from
        if abs(ratio - round(ratio)) > 1e-9 or round(ratio) < 1 or _bare_power_of_ten(x):
            return False  # 1 vs 10 GW: a round figure's digits say nothing of a slip
        if round(ratio) < 2 and _significant_digits(x) < 2:
            return False  # 2000 then 20000 staff: one round digit tenfold may be growth; 1938 vs 19380 is not
        apart = True
    return apart


def _significant_digits(x: float) -> int:
    return len(_digits(x).replace(".", ""))


def _bare_power_of_ten(x: float) -> bool:
    return abs(math.log10(x) - round(math.log10(x))) < 1e-9


def figures_relation(va: AmountValue, vb: AmountValue, same_modality: bool, tolerance: float = 0.0) -> str | None:
    """Whether two figures as written can both hold (None: a plan and a fact, or units apart)."""
    if not same_modality:
        return None
    factors = _common_factors(va.unit, vb.unit)
    if factors is None:
        return None
    low_a, high_a = interval(va, factors[0], tolerance)
    low_b, high_b = interval(vb, factors[1], tolerance)
    return AGREE if low_a <= high_b and low_b <= high_a else CONFLICT


def _common_factors(unit_a: str, unit_b: str) -> tuple[float, float] | None:
    """Each unit's factor to their common base, None when they measure different things."""
    (family_a, factor_a), (family_b, factor_b) = _unit_family(unit_a), _unit_family(unit_b)
    return (factor_a, factor_b) if family_a == family_b else None


@lru_cache(maxsize=65536)
def interval(value: AmountValue, factor: float = 1.0, tolerance: float = 0.0) -> tuple[float, float]:
    """The values compatible with how the amount was written, in base units, widened slightly."""
    low, high = value.low, value.high
    if low is None and high is None:
        low, high = _qualifier_bounds(value)
    low = -math.inf if low is None else low * factor
    high = math.inf if high is None else high * factor
    slack = tolerance + _FLOAT_SLACK
    return low - abs(low) * slack if math.isfinite(low) else low, high + abs(high) * slack if math.isfinite(high) else high


def _qualifier_bounds(value: AmountValue) -> tuple[float | None, float | None]:
    """Bounds when the extractor left both open: read them off the qualifier."""
    if value.qualifier == "exact":
        return value.value, value.value
    if value.qualifier in ("over", "at-least"):
        return value.value, None
    if value.qualifier in ("under", "at-most", "nearly"):
        return None, value.value
    return None, None  # approx/range without bounds: nothing safe to compare


IMPLICIT = "~"  # prefix of a scope the extractor read off the publication date, not the text
STATED = "="  # scope_layout's kind of a scope the text states


@lru_cache(maxsize=262144)
def scopes_overlap(scope_a: str, scope_b: str) -> bool:
    """Whether two figures speak of the same time.

    Stated scopes compare only with stated scopes (overlapping as dates; equal strings if
    unreadable). An unstated scope in a dated document is implicit (`~` + a window around its
    publication date): two implicit windows must overlap, so an archive's figures from two
    different years are not one contradiction; an implicit window still meets a figure from an
    undated document (no scope at all), whose time nothing says."""
    implicit_a, implicit_b = scope_a.startswith(IMPLICIT), scope_b.startswith(IMPLICIT)
    if implicit_a and implicit_b:
        return scopes_overlap(scope_a[1:], scope_b[1:])
    if implicit_a or implicit_b:
        return not (scope_b if implicit_a else scope_a)
    if not scope_a or not scope_b:
        return scope_a == scope_b
    span_a, span_b = scope_span(scope_a), scope_span(scope_b)
    if span_a is None or span_b is None:
        return scope_a == scope_b and not scope_a.startswith("unresolved:")
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def event_scopes_overlap(scope_a: str, scope_b: str, days: int) -> bool:
    """Whether two scopes of a figure an event has once and for all (`fixed_metrics`) meet: a
    stated date dates the event and reports of one event date it within days of each other (one
    outlet's 10 April against another's 11 April is the same quake), so a stated date stands for
    `days` either side of it and is compared with publication windows too; no scope meets any."""
    span_a, span_b = _event_span(scope_a, days), _event_span(scope_b, days)
    if span_a is None or span_b is None:
        bare_a, bare_b = scope_a.removeprefix(IMPLICIT), scope_b.removeprefix(IMPLICIT)
        return not bare_a or not bare_b or (bare_a == bare_b and not bare_a.startswith("unresolved:"))
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def _event_span(scope: str, days: int) -> tuple[int, int] | None:
    """The days a scope of an event's fixed figure stands for: a window as it is, a stated date widened."""
    stated = not scope.startswith(IMPLICIT)
    span = scope_span(scope.removeprefix(IMPLICIT)) if scope.removeprefix(IMPLICIT) else None
    if span is None:
        return None
    margin = days if stated else 0
    return span[0].toordinal() - margin, span[1].toordinal() + margin


def event_scope_layout(scope: str, days: int) -> tuple[str, Span | None] | None:
    """scope_layout for an event's fixed figure: one kind, the spans `event_scopes_overlap` compares."""
    bare = scope.removeprefix(IMPLICIT)
    if not bare:
        return "", None
    span = _event_span(scope, days)
    if span is not None:
        return STATED, (STATED, span[0], span[1])
    return STATED, None if bare.startswith("unresolved:") else ((STATED, bare), 0, 0)


def scope_layout(scope: str) -> tuple[str, Span | None] | None:
    """A scope's kind ("" none, IMPLICIT, STATED) and a span that overlaps another scope's of
    the same kind as scopes_overlap says: its days, else the scope itself (unreadable: equal
    strings), else none (unresolved). None for an implicit scope of no time or of an implicit one."""
    if not scope:
        return "", None
    kind = STATED
    if scope.startswith(IMPLICIT):
        kind, scope = IMPLICIT, scope[len(IMPLICIT):]
        if not scope or scope.startswith(IMPLICIT):
            return None
    days = scope_span(scope)
    if days is not None:
        return kind, (kind, days[0].toordinal(), days[1].toordinal())
    return kind, None if scope.startswith("unresolved:") else ((kind, scope), 0, 0)


@lru_cache(maxsize=65536)
def scope_span(scope: str) -> tuple[dt.date, dt.date] | None:
    """Day interval of a rendered DateValue: `2025`, `2025-06`, `2025-06-01`, `a..b`."""
    try:
        if ".." in scope:
            first, last = scope.split("..", 1)
            return dt.date.fromisoformat(first), dt.date.fromisoformat(last)
        parts = scope.split("-")
        if len(parts) == 1:
            year = int(parts[0])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return dt.date(year, month, 1), following - dt.timedelta(days=1)
        day = dt.date.fromisoformat(scope)
        return day, day
    except ValueError:
        return None
