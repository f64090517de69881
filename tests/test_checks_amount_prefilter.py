"""Amount check: the prefilter for groups of many figures (_intervals_apart) never misses a clash
or a slip that the plain reference, the pairwise test of may_clash, finds."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.checks.amount_conflict import CONFLICT, _intervals_apart, figures_relation, slipped
from factcheck.model import AmountValue

UNITS = ["USD", "person", "个", "颗", "GW", "MW", "%"]


@st.composite
def figures(draw):
    value = draw(st.sampled_from([1, 2, 5, 8, 10, 80, 800, 1200, 1210, 8e6, 8e8, 1.4e12, 1.5e12]))
    qualifier = draw(st.sampled_from(["exact", "approx", "over", "range"]))
    low, high = (value * 0.95, value * 1.05) if qualifier != "over" else (value, None)
    if qualifier == "range":
        high = value * draw(st.sampled_from([0.5, 2.0]))  # some inverted
    return AmountValue(float(value), draw(st.sampled_from(UNITS)), "count", qualifier, low, high)


@settings(max_examples=300, deadline=None)
@given(st.lists(figures(), min_size=2, max_size=8))
def test_intervals_apart_whenever_the_pairwise_reference_finds_a_clash(values):
    """Reference: every pair of figures through `figures_relation` and `slipped`."""
    pairwise = any(figures_relation(a, b, True) == CONFLICT or slipped(a, b)
                   for i, a in enumerate(values) for b in values[i + 1:])
    if pairwise:
        assert _intervals_apart(values, 0.0)
