"""dispute_sides' fast path for large groups (`_Laid`, through a check's Layout) gives what the
plain pairwise code it stands in for gives: the same sides (`_sort_into_sides`), torn documents
(`_torn_documents`), sides in dispute (`_disputing`, `_sides_conflict`) and findings. Drawn: dates
of every precision, modalities and unresolved dates; amounts with slips, qualifiers, units,
periodicities and every kind of scope; and, for the engine itself, figures under any table
(asymmetric ones too) with spans in two spaces, unbounded or none."""
from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from typing import Hashable, Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checks import disputes
from factcheck.checks.amount_conflict import _Relation, amount_key, amount_width, scope_layout, scopes_overlap
from factcheck.checks.date_conflict import DATE_LAYOUT, date_key, date_relation, date_width
from factcheck.checks.disputes import dispute_sides
from factcheck.checks.relation import AGREE, CONFLICT, Layout
from factcheck.model import AmountValue, Claim, ClaimKind, DateValue

DOCS = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
BASE = dt.date(2025, 11, 1)


@contextlib.contextmanager
def laid_out_from(values: int) -> Iterator[None]:
    """Take the fast path for groups of more than `values` values (0: every group)."""
    kept = disputes.PAIRWISE_UP_TO
    disputes.PAIRWISE_UP_TO = values
    try:
        yield
    finally:
        disputes.PAIRWISE_UP_TO = kept


def plain_and_laid(claims, key, relation, width, layout) -> None:
    """Sides, torn documents, disputing sides and findings agree, with and without inconsistency."""
    first_use, sample, docs_of, order = disputes._distinct_values(claims, key, width)
    for inconsistent in (True, False):
        plain = disputes._sides_in_dispute(order, sample, docs_of, relation, inconsistent, None)
        with laid_out_from(0):
            laid = disputes._sides_in_dispute(order, sample, docs_of, relation, inconsistent, layout)
            found = dispute_sides(claims, key, relation, width, inconsistent, layout)
        assert laid == plain, (inconsistent, order)
        assert found == dispute_sides(claims, key, relation, width, inconsistent), inconsistent


def _claim(kind: ClaimKind, doc: str, line: int, value, attribute: str = "occur", scope: str = "", modality: str = "") -> Claim:
    return Claim(kind, doc, line, "s", str(line), 0, "subject", attribute, value, scope, (), modality)


# ------------------------------------------------------------------------------------ dates


@st.composite
def date_values(draw, inverted: bool) -> DateValue:
    shape = draw(st.sampled_from(["day", "day", "month", "year", "range", "unresolved"]))
    start = BASE + dt.timedelta(days=draw(st.integers(0, 90)))
    if shape == "day":
        return DateValue(start, start, "day")
    if shape == "month":
        first = start.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return DateValue(first, last, "month")
    if shape == "year":
        year = draw(st.sampled_from([2025, 2026]))
        return DateValue(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")
    if shape == "range":
        return DateValue(start, start + dt.timedelta(days=draw(st.integers(-10 if inverted else 0, 20))), "range")
    return DateValue(None, None, "day", relative=True, written=draw(st.sampled_from(["昨天", "上周", "去年"])))


@st.composite
def date_claims(draw) -> list[Claim]:
    inverted = draw(st.integers(0, 9)) == 0  # a range ending before it starts: the group is compared pairwise
    return [
        _claim(ClaimKind.DATE, draw(st.sampled_from(DOCS)), line, draw(date_values(inverted)),
               modality=draw(st.sampled_from(["", "", "", "plan", "estimate"])))
        for line in range(draw(st.integers(0, 40)))
    ]


@settings(max_examples=400, deadline=None)
@given(date_claims())
def test_dates_laid_out_as_plain(claims: list[Claim]) -> None:
    """Reference: the pairwise code (`plain_and_laid`: `_sides_in_dispute` and `dispute_sides` without a layout)."""
    plain_and_laid(claims, date_key, date_relation, date_width, DATE_LAYOUT)


@settings(max_examples=200, deadline=None)
@given(date_claims())
def test_date_layout_reads_as_date_relation(claims: list[Claim]) -> None:
    """Reference: `date_relation` asked of every pair of claims."""
    described = [DATE_LAYOUT.describe(c) for c in claims]
    for a, (fa, sa) in zip(claims, described):
        for b, (fb, sb) in zip(claims, described):
            assert DATE_LAYOUT.table(fa, fb, _overlap(sa, sb)) == date_relation(a, b), (a.value, b.value)


# ---------------------------------------------------------------------------------- amounts

FIGURES = [
    AmountValue(5e11, "USD", "currency"), AmountValue(5e10, "USD", "currency"), AmountValue(5e12, "USD", "currency"),
    AmountValue(3e11, "USD", "currency"), AmountValue(5e11, "USD", "currency", "approx"),
    AmountValue(4e11, "USD", "currency", "over", 4e11, None), AmountValue(6e11, "USD", "currency", "under", None, 6e11),
    AmountValue(4e10, "USD", "currency", "over", 4e10, None), AmountValue(1e11, "USD", "currency"),
    AmountValue(1e12, "USD", "currency"), AmountValue(4.5e11, "USD", "currency", "range", 4e11, 5e11),
    AmountValue(4.5e12, "USD", "currency", "range", 4e12, 5e12), AmountValue(5e11, "USD", "currency", "inverted", 6e11, 4e11),
    AmountValue(5e11, "CNY", "currency"), AmountValue(800, "个", "count"), AmountValue(8000, "颗", "count"),
    AmountValue(1.5, "GW", "power"), AmountValue(1500, "MW", "power"), AmountValue(15, "GW", "power"),
]
WINDOWS = [f"~{BASE + dt.timedelta(days=d)}..{BASE + dt.timedelta(days=d + 28)}" for d in range(0, 120, 9)]
SCOPES = [
    "", *WINDOWS, "2025", "2025-12", "2025-12-01", "2025-11-20..2025-12-10", "2024", "unresolved:去年", "某季度",
    "第三季度", "~unresolved:x", "~某季度",
]
ODD_SCOPES = ["~", "~~2025-12-01..2025-12-02", "2025-12-10..2025-12-01"]  # no span: the group is compared pairwise
METRICS = ["valuation", "valuation", "revenue", "weekly:users", "daily:users", "users", "headcount"]
FIXED = ["magnitude"]  # a group holds one metric: a fixed one is never mixed with others
HOURLY = ["trapped"]  # nor one counted hour by hour


@st.composite
def amount_claims(draw) -> list[Claim]:
    """A few figures, metrics and modalities per group, so that values clash and sides dispute."""
    figures = draw(st.lists(st.sampled_from(FIGURES), min_size=1, max_size=4))
    metrics = draw(st.sampled_from([FIXED, HOURLY, *[None] * 4])) or draw(st.lists(st.sampled_from(METRICS), min_size=1, max_size=2))
    scopes = draw(st.lists(st.sampled_from(SCOPES), min_size=1, max_size=8))
    odd = draw(st.sampled_from([[]] * 9 + [ODD_SCOPES]))
    return [
        _claim(ClaimKind.AMOUNT, draw(st.sampled_from(DOCS)), line, draw(st.sampled_from(figures)),
               attribute=draw(st.sampled_from(metrics)), scope=draw(st.sampled_from(scopes + odd)),
               modality=draw(st.sampled_from(["", "", "", "", "plan"])))
        for line in range(draw(st.integers(0, 40)))
    ]


@settings(max_examples=400, deadline=None)
@given(amount_claims(), st.sampled_from([0.0, 0.0, 0.1]))
def test_amounts_laid_out_as_plain(claims: list[Claim], tolerance: float) -> None:
    """Reference: the pairwise code (`plain_and_laid`: `_sides_in_dispute` and `dispute_sides` without a layout)."""
    relation = _Relation(tolerance, frozenset(["valuation", "users"]), frozenset(["magnitude"]), 14, frozenset(["trapped"]), 0.05)
    plain_and_laid(claims, amount_key, relation, amount_width, Layout(relation.describe, relation.table))


@settings(max_examples=200, deadline=None)
@given(amount_claims(), st.sampled_from([0.0, 0.1]))
def test_amount_layout_reads_as_the_relation(claims: list[Claim], tolerance: float) -> None:
    """Reference: the amount `_Relation` asked of every pair of claims."""
    relation = _Relation(tolerance, frozenset(["valuation", "users"]), frozenset(["magnitude"]), 14, frozenset(["trapped"]), 0.05)
    described = [relation.describe(c) for c in claims]
    for a, da in zip(claims, described):
        for b, db in zip(claims, described):
            if da is not None and db is not None:
                assert relation.table(da[0], db[0], _overlap(da[1], db[1])) == relation(a, b), (a, b)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SCOPES + ODD_SCOPES), st.sampled_from(SCOPES + ODD_SCOPES))
def test_scope_spans_overlap_as_scopes(a: str, b: str) -> None:
    """Reference: `scopes_overlap` of the two scopes as written."""
    laid_a, laid_b = scope_layout(a), scope_layout(b)
    if laid_a and laid_b and laid_a[0] and laid_b[0]:  # no scope is the table's to read
        assert _overlap(laid_a[1], laid_b[1]) == scopes_overlap(a, b), (a, b)


# ------------------------------------------------------------------- any table, any spans


@dataclass(frozen=True)
class Drawn:
    """A value the engine reads as it is: a figure and a span."""

    figure: int
    span: tuple[Hashable, float, float] | None

    def render(self) -> str:
        return repr((self.figure, self.span))


OUTCOMES = [AGREE, CONFLICT, None]


@st.composite
def drawn_group(draw) -> tuple[list[Claim], dict]:
    figures = draw(st.integers(1, 3))
    table = {(a, b, o): draw(st.sampled_from(OUTCOMES)) for a in range(figures) for b in range(figures) for o in (True, False)}
    claims = []
    for line in range(draw(st.integers(0, 40))):
        shape = draw(st.sampled_from(["short", "short", "short", "long", "none", "unbounded"]))
        space = draw(st.sampled_from(["x", "x", "y"]))
        low = draw(st.integers(0, 30))
        span = {
            "short": (space, low, low + draw(st.integers(0, 3))),
            "long": (space, low, low + draw(st.integers(0, 40))),
            "none": None,
            "unbounded": (space, draw(st.sampled_from([-float("inf"), low])), float("inf")),
        }[shape]
        value = Drawn(draw(st.integers(0, figures - 1)), span)
        claims.append(_claim(ClaimKind.DATE, draw(st.sampled_from(DOCS)), line, value))
    return claims, table


@settings(max_examples=400, deadline=None)
@given(drawn_group())
def test_any_table_laid_out_as_plain(group: tuple[list[Claim], dict]) -> None:
    """Reference: the pairwise code (`plain_and_laid`) under a drawn table."""
    claims, table = group

    def relation(a: Claim, b: Claim) -> str | None:
        return table[(a.value.figure, b.value.figure, _overlap(a.value.span, b.value.span))]

    layout = Layout(lambda c: (c.value.figure, c.value.span), lambda a, b, overlap: table[(a, b, overlap)])
    plain_and_laid(claims, lambda c: c.rendered, relation, lambda c: 0.0 if c.value.span is None else 1.0, layout)


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] == b[0] and a[1] <= b[2] and b[1] <= a[2]
