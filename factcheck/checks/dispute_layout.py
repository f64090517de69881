"""dispute_sides for large groups: values laid out by a check's `Layout`, sorted without comparing every pair.

The same sides, torn documents and disputing sides as the pairwise code in disputes, found from
per-side summaries and interval indexes."""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Callable, Hashable, Iterator, Sequence

from ..model import Claim
from .relation import AGREE, CONFLICT, Layout, Span


class _Laid:
    """dispute_sides on a group's values read through a Layout: the same sides, torn documents
    and disputing sides as the pairwise code, found from summaries instead of every pair.

    A value can only join a side holding a member it agrees with: one its span overlaps (found
    in a per-figure index of spans) or, where the table agrees whatever the spans, any member of
    that figure. Whether it fits a side is read off the side's per-figure summary (does any
    member's span overlap it, do all). Which later sides a side conflicts with is a bitset: every
    side holding a figure it always conflicts with, those holding a span it overlaps, or all but
    those whose spans all overlap its own. Work grows with the values and the spans near each."""

    def __init__(self, order: list[Hashable], described: dict[Hashable, tuple[Hashable, Span | None]],
                 table: Callable[[Hashable, Hashable, bool], str | None]) -> None:
        self.order, self.described, self._table = order, described, table
        self.known: dict[tuple[Hashable, Hashable, bool], str | None] = {}
        self.sides: list[list[Hashable]] = []
        self.members: list[dict[Hashable, _Members]] = []  # per side: its members' spans by figure
        self.index: dict[Hashable, _SpanIndex] = {}  # per figure: every side's members' spans
        self.holding: dict[Hashable, list[int]] = {}  # per figure: the sides holding it

    @classmethod
    def of(cls, order: list[Hashable], sample: dict[Hashable, Claim], layout: Layout) -> "_Laid | None":
        """None when some value is not described, or has a span whose ends are out of order."""
        described = {}
        for key in order:
            found = layout.describe(sample[key])
            if found is None or (found[1] is not None and not found[1][1] <= found[1][2]):
                return None
            described[key] = found
        return cls(order, described, layout.table)

    def table(self, a: Hashable, b: Hashable, overlap: bool) -> str | None:
        key = (a, b, overlap)
        if key not in self.known:
            self.known[key] = self._table(a, b, overlap)
        return self.known[key]

    def sort(self) -> list[list[Hashable]]:
        """_sort_into_sides."""
        for key in self.order:
            figure, span = self.described[key]
            fits: list[int] = []
            for side in self._candidates(figure, span):
                if self._fits(side, figure, span):
                    fits.append(side)
                    if len(fits) > 1:
                        break  # agreeing with several sides: a coarse value that takes no side
            if not fits:
                self.sides.append([])
                self.members.append({})
                fits.append(len(self.sides) - 1)
            if len(fits) == 1:
                self._join(fits[0], key, figure, span)
        return self.sides

    def _join(self, side: int, key: Hashable, figure: Hashable, span: Span | None) -> None:
        self.sides[side].append(key)
        if figure not in self.members[side]:
            self.members[side][figure] = _Members()
            self.holding.setdefault(figure, []).append(side)
        self.members[side][figure].add(span)
        if span is not None:
            self.index.setdefault(figure, _SpanIndex()).add(span, side)

    def _candidates(self, figure: Hashable, span: Span | None) -> Iterator[int]:
        """Every side holding a member the value agrees with (and maybe others), once each."""
        seen: set[int] = set()
        for other, holding in self.holding.items():
            if self.table(figure, other, False) == AGREE:
                found: Iterator[int] | list[int] = holding
            elif span is not None and other in self.index and self.table(figure, other, True) == AGREE:
                found = self.index[other].overlapping(span)
            else:
                continue
            for side in found:
                if side not in seen:
                    seen.add(side)
                    yield side

    def _fits(self, side: int, figure: Hashable, span: Span | None) -> bool:
        """No member conflicts with the value and at least one agrees."""
        agrees = False
        for other, members in self.members[side].items():
            overlapping, apart = self.table(figure, other, True), self.table(figure, other, False)
            if overlapping == apart:  # whatever the spans
                if overlapping == CONFLICT:
                    return False
                agrees = agrees or overlapping == AGREE
                continue
            any_over, any_apart = members.any_overlap(span), not members.all_overlap(span)
            if (overlapping == CONFLICT and any_over) or (apart == CONFLICT and any_apart):
                return False
            agrees = agrees or (overlapping == AGREE and any_over) or (apart == AGREE and any_apart)
        return agrees

    def _later_conflicts(self) -> list[int]:
        """Per side, the bitset of later sides it conflicts with (some member pair conflicting,
        the earlier side's member first, as _sides_conflict asks)."""
        bits = {figure: _bits(sides) for figure, sides in self.holding.items()}
        found: list[int] = []
        for side, figures in enumerate(self.members):
            conflicts, near = 0, set()
            for figure, mine in figures.items():
                for other, holding in bits.items():
                    overlapping, apart = self.table(figure, other, True), self.table(figure, other, False)
                    if overlapping == apart == CONFLICT:
                        conflicts |= holding
                    elif overlapping == CONFLICT and other in self.index:
                        near.update(j for span in mine.spans for j in self.index[other].overlapping(span) if j > side)
                    elif apart == CONFLICT:
                        conflicts |= holding & ~self._all_overlapping(mine, other)
            found.append((conflicts | _bits(near)) & (-1 << (side + 1)))
        return found

    def _all_overlapping(self, mine: "_Members", other: Hashable) -> int:
        """The sides whose every member of figure `other` overlaps every span in `mine`."""
        if mine.blank or len(mine.spaces) != 1 or other not in self.index:
            return 0
        ((space, (max_low, min_high, _, _)),) = mine.spaces.items()
        found = set()
        for side in set(self.index[other].overlapping(mine.spans[0])):
            theirs = self.members[side][other]
            summary = theirs.spaces.get(space)
            if not theirs.blank and len(theirs.spaces) == 1 and summary and summary[0] <= min_high and max_low <= summary[1]:
                found.add(side)
        return _bits(found)

    def disputes(self, side_docs: list[set[str]], include_inconsistent: bool) -> tuple[set[str], set[int]]:
        """The torn documents (with include_inconsistent = false) and the disputing sides.

        Conflicting sides share only torn documents, so without them each side's documents are
        its own: two conflicting sides dispute when both keep one. With them, two conflicting
        sides dispute unless one's documents hold the other's."""
        later = self._later_conflicts()
        of_doc: dict[str, list[int]] = defaultdict(list)
        for side, docs in enumerate(side_docs):
            for doc in docs:
                of_doc[doc].append(side)
        disputing = 0
        if include_inconsistent:
            comparable = _comparable(side_docs, of_doc)
            for side, conflicts in enumerate(later):
                hit = conflicts & ~comparable[side]
                if hit:
                    disputing |= hit | 1 << side
            return set(), _indices(disputing)
        doc_bits = {doc: _bits(sides) for doc, sides in of_doc.items()}
        torn = {doc for side, docs in enumerate(side_docs) if later[side] for doc in docs if later[side] & doc_bits[doc]}
        kept = _bits(side for side, docs in enumerate(side_docs) if docs - torn)
        for side, conflicts in enumerate(later):
            hit = conflicts & kept
            if hit and kept >> side & 1:
                disputing |= hit | 1 << side
        return torn, _indices(disputing)


def _comparable(side_docs: list[set[str]], of_doc: dict[str, list[int]]) -> list[int]:
    """Per side, the bitset of sides whose documents hold its own or lie within them. Sides with
    the same documents are taken together, and a set's supersets found among those holding its
    least shared document."""
    class_of: dict[frozenset[str], int] = {}
    side_class = [class_of.setdefault(frozenset(docs), len(class_of)) for docs in side_docs]
    sets = list(class_of)
    class_bits = [0] * len(sets)
    for side, c in enumerate(side_class):
        class_bits[c] |= 1 << side
    classes_of_doc = {doc: sorted({side_class[s] for s in sides}) for doc, sides in of_doc.items()}
    related: list[list[int]] = [[] for _ in sets]
    for c, docs in enumerate(sets):
        pivot = min(docs, key=lambda doc: len(classes_of_doc[doc]))
        for wider in classes_of_doc[pivot]:
            if wider != c and docs <= sets[wider]:
                related[c].append(wider)
                related[wider].append(c)
    comparable = [class_bits[c] | _bits_of(class_bits, related[c]) for c in range(len(sets))]
    return [comparable[c] for c in side_class]


def _bits(indices: Iterator[int] | Sequence[int] | set[int]) -> int:
    found = 0
    for index in indices:
        found |= 1 << index
    return found


def _bits_of(bits: list[int], indices: list[int]) -> int:
    found = 0
    for index in indices:
        found |= bits[index]
    return found


def _indices(bits: int) -> set[int]:
    text = bin(bits)[:1:-1]
    return {index for index, digit in enumerate(text) if digit == "1"}


class _Members:
    """One side's members of one figure: their spans, how many have none, and per space the
    greatest low end, the least high end and the union of the spans (sorted, disjoint)."""

    __slots__ = ("spans", "blank", "spaces")

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self.blank = 0
        self.spaces: dict[Hashable, tuple[float, float, list[float], list[float]]] = {}

    def add(self, span: Span | None) -> None:
        if span is None:
            self.blank += 1
            return
        self.spans.append(span)
        space, low, high = span
        known = self.spaces.get(space)
        if known is None:
            self.spaces[space] = (low, high, [low], [high])
            return
        starts, ends = known[2], known[3]
        self.spaces[space] = (max(known[0], low), min(known[1], high), starts, ends)
        first, last = bisect_left(ends, low), bisect_right(starts, high)  # the union's pieces it meets
        if first < last:
            low, high = min(low, starts[first]), max(high, ends[last - 1])
        starts[first:last], ends[first:last] = [low], [high]

    def any_overlap(self, span: Span | None) -> bool:
        known = self.spaces.get(span[0]) if span is not None else None
        if known is None or span is None:
            return False
        ends = known[3]
        piece = bisect_left(ends, span[1])
        return piece < len(ends) and known[2][piece] <= span[2]

    def all_overlap(self, span: Span | None) -> bool:
        if span is None or self.blank or len(self.spaces) != 1 or span[0] not in self.spaces:
            return False
        max_low, min_high, _, _ = self.spaces[span[0]]
        return max_low <= span[2] and min_high >= span[1]


class _SpanIndex:
    """The spans of one figure's members, every side's: per space and class of length (powers
    of two), sorted by low end, so the spans overlapping a span lie in one stretch of each class."""

    def __init__(self) -> None:
        self.spaces: dict[Hashable, dict[int, tuple[list[float], list[tuple[float, int]], list[float]]]] = {}

    def add(self, span: Span, side: int) -> None:
        space, low, high = span
        length = high - low
        size = -1 if not length < math.inf else 0 if length == 0 else math.frexp(length)[1]
        lows, items, longest = self.spaces.setdefault(space, {}).setdefault(size, ([], [], [0.0]))
        at = bisect_right(lows, low)
        lows.insert(at, low)
        items.insert(at, (high, side))
        longest[0] = math.inf if size < 0 else max(longest[0], length)

    def overlapping(self, span: Span) -> Iterator[int]:
        """The sides of the spans overlapping `span` (a side once per span)."""
        space, low, high = span
        for lows, items, longest in self.spaces.get(space, {}).values():
            first = 0 if longest[0] == math.inf else bisect_left(lows, low - longest[0])
            for at in range(first, bisect_right(lows, high)):
                end, side = items[at]
                if end >= low:
                    yield side
