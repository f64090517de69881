"""Issue 11: sorting a group's values into sides must not compare every pair of values. Counted,
not timed: the relation calls, table look-ups, side fits and spans visited while the date and
amount checks run on a group, at two sizes. Doubling the distinct values must at most about
double the work (the pairwise code quadruples it, which the last test checks the count sees)."""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Callable

import pytest

from factcheck.checks import amount_conflict, date_conflict, dispute_layout, disputes
from factcheck.config import RuleSettings
from factcheck.model import AmountValue, Claim, ClaimGroup, ClaimKind, Corpus, DateValue, Severity

SIZES = (400, 800)
MAX_RATIO = 2.5
START = dt.date(2020, 1, 1)


def _claim(kind: ClaimKind, doc: str, line: int, value, attribute: str, scope: str = "") -> Claim:
    return Claim(kind, doc, line, "s", str(line), 0, "openai", attribute, value, scope)


def _date(rng: random.Random, days: int) -> DateValue:
    day = START + dt.timedelta(days=rng.randrange(days))
    shape = rng.random()
    if shape < 0.85:
        return DateValue(day, day, "day")
    if shape < 0.97:
        first = day.replace(day=1)
        return DateValue(first, (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), "month")
    return DateValue(dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year")


def dates_one_line_each(n: int) -> list[Claim]:
    """n documents, one dated line each, over n * 4 days: most dates distinct."""
    rng = random.Random(n)
    return [_claim(ClaimKind.DATE, f"d{i:05d}.txt", 1, _date(rng, n * 4), "occur") for i in range(n)]


def dates_in_one_document(n: int) -> list[Claim]:
    """One document with n dated lines about the event, among n // 4 others (half repeating one of its dates)."""
    rng = random.Random(n)
    mine = [_date(rng, n * 4) for _ in range(n)]
    claims = [_claim(ClaimKind.DATE, "big.txt", line, value, "occur") for line, value in enumerate(mine)]
    for i in range(n // 4):
        value = rng.choice(mine) if i % 2 else _date(rng, n * 4)
        claims.append(_claim(ClaimKind.DATE, f"o{i:05d}.txt", 1, value, "occur"))
    return claims


FIGURES = [AmountValue(5e11, "USD", "currency")] * 5 + [
    AmountValue(3e11, "USD", "currency"), AmountValue(8e11, "USD", "currency"), AmountValue(5e10, "USD", "currency"),
]


def amounts_one_line_each(n: int, days: int) -> list[Claim]:
    """n documents stating one valuation of one owner, a few figures (one a slip), each with the
    implicit scope of its publication date, drawn from `days` days."""
    rng = random.Random(n)
    claims = []
    for i in range(n):
        published = START + dt.timedelta(days=rng.randrange(days))
        window = f"~{published - dt.timedelta(days=14)}..{published + dt.timedelta(days=14)}"
        claims.append(_claim(ClaimKind.AMOUNT, f"a{i:05d}.txt", 1, rng.choice(FIGURES), "valuation", window))
    return claims


def _run(check: Callable, claims: list[Claim], inconsistent: bool) -> None:
    kind = claims[0].kind
    group = ClaimGroup(kind, "openai", claims[0].attribute, tuple(claims))
    corpus = Corpus((), (), tuple(claims), (group,), lexicon={"metric_rules": {"time_varying": ["valuation"]}})
    rule = RuleSettings(kind.value, kind.value, True, Severity.ERROR, {"include_inconsistent": inconsistent})
    assert list(check(corpus, rule)), "the group is disputed"


@pytest.fixture
def work(monkeypatch) -> Counter:
    """Counts what the comparison does: relation calls, table look-ups, side fits, spans visited."""
    counts: Counter = Counter()

    def counting(name: str, function: Callable) -> Callable:
        def counted(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)
        return counted

    def visiting(function: Callable) -> Callable:
        def visited(*args):
            for side in function(*args):
                counts["span visited"] += 1
                yield side
        return visited

    monkeypatch.setattr(date_conflict, "date_relation", counting("relation", date_conflict.date_relation))
    monkeypatch.setattr(amount_conflict._Relation, "__call__", counting("relation", amount_conflict._Relation.__call__))
    monkeypatch.setattr(dispute_layout._Laid, "table", counting("table", dispute_layout._Laid.table))
    monkeypatch.setattr(dispute_layout._Laid, "_fits", counting("fit", dispute_layout._Laid._fits))
    monkeypatch.setattr(dispute_layout._SpanIndex, "overlapping", visiting(dispute_layout._SpanIndex.overlapping))
    return counts


def _growth(work: Counter, check: Callable, make: Callable[[int], list[Claim]], inconsistent: bool = True) -> float:
    done, distinct = [], []
    for n in SIZES:
        claims = make(n)
        work.clear()
        _run(check, claims, inconsistent)
        done.append(sum(work.values()))
        distinct.append(len({(c.value, c.scope) for c in claims}))
    assert distinct[1] >= 1.8 * distinct[0], distinct  # the distinct values about double
    return done[1] / done[0]


@pytest.mark.parametrize("inconsistent", [True, False])
def test_dates_one_line_each_grow_linearly(work: Counter, inconsistent: bool) -> None:
    assert _growth(work, date_conflict.check, dates_one_line_each, inconsistent) <= MAX_RATIO


@pytest.mark.parametrize("inconsistent", [True, False])
def test_dates_in_one_document_grow_linearly(work: Counter, inconsistent: bool) -> None:
    assert _growth(work, date_conflict.check, dates_in_one_document, inconsistent) <= MAX_RATIO


def test_amounts_over_ever_more_days_grow_linearly(work: Counter) -> None:
    assert _growth(work, amount_conflict.check, lambda n: amounts_one_line_each(n, n * 2)) <= MAX_RATIO


def test_amounts_over_many_windows_grow_linearly(work: Counter) -> None:
    assert _growth(work, amount_conflict.check, lambda n: amounts_one_line_each(n, n * 8)) <= MAX_RATIO


def test_the_count_sees_pairwise_growth(work: Counter, monkeypatch) -> None:
    monkeypatch.setattr(disputes, "PAIRWISE_UP_TO", 10**9)
    assert _growth(work, date_conflict.check, dates_one_line_each) > 3
    assert _growth(work, amount_conflict.check, lambda n: amounts_one_line_each(n, n * 8)) > 3
