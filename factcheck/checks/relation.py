"""How a check compares two values of one fact (`Relation`: AGREE, CONFLICT) and lays them out (`Layout`).

A Layout reads a value as a figure and a span, so that dispute_layout need not compare every pair
of a large group."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Hashable

from ..model import Claim

AGREE = "agree"
CONFLICT = "conflict"

Relation = Callable[[Claim, Claim], str | None]  # AGREE, CONFLICT or None (not comparable)

Span = tuple[Hashable, float, float]  # (space, low, high): a closed interval; two spaces never overlap


@dataclass(frozen=True)
class Layout:
    """How a check's relation reads a value, so that a large group need not compare every pair.

    `describe(claim)` gives the value's figure (what is compared as a whole: a group holds few)
    and its span, or None for a value it cannot describe (the group is then compared pair by
    pair). `table(figure_a, figure_b, overlap)` must equal relation(a, b) for every two claims
    of a group, overlap saying whether their spans overlap: both given, one space, intersecting.
    A span None overlaps nothing."""

    describe: Callable[[Claim], tuple[Hashable, Span | None] | None]
    table: Callable[[Hashable, Hashable, bool], str | None]
