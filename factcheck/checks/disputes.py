"""One finding per disputed fact: a group's values sorted into sides of compatible values.

Shared by the date, amount and title checks. Within one aligned group (one fact), distinct values
are taken most precise first; a value joins the one side all of whose members it is compatible
with (agreeing with at least one), starts a new side when it agrees with none, and is left out
when it agrees with several (a coarse `2025` beside `2025-11` and `2025-12-01` takes no side).
Two sides are in dispute when some pair of their values conflicts and each side has a document
that does not also state the other side: a document holding both positions disputes nothing.
A document stating two disputing sides takes part unless `include_inconsistent = false`.

The finding lists every side in dispute, each with every document's first statement of each of
its values, the number of independent sources (distinct outlets, else documents) behind it, and
which side most of them support. Message, the best-supported side first:
    "<subject> (<attribute>): <value> in <doc>[, ...] (<n> sources) vs <value> in <doc> (1 source)"

Comparing every value with every other is quadratic in a group's distinct values (16,000 dated
lines about one event: two minutes). A check whose relation reads a value as a figure and a span
(dates: the modality and the day interval; amounts: the figure as written and its time scope)
passes a `Layout`; large groups are then sorted by `_Laid`, which gives the same sides and
findings from per-side summaries and interval indexes. The pairwise code stays the reference.
"""
from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Callable, Hashable, Iterator, Sequence

from ..align import claim_order
from ..config import RuleSettings
from ..model import Claim, ClaimGroup, Corpus, Evidence, Finding, Side

AGREE = "agree"
CONFLICT = "conflict"

Relation = Callable[[Claim, Claim], str | None]  # AGREE, CONFLICT or None (not comparable)
MAX_NAMED_DOCS = 3  # documents named per side in a message; the rest are counted
PAIRWISE_UP_TO = 24  # distinct values a group may hold and still be compared pair by pair

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


def dispute_sides(
    claims: Sequence[Claim],
    value_key: Callable[[Claim], Hashable],
    relation: Relation,
    width: Callable[[Claim], float] = lambda claim: 0.0,
    include_inconsistent: bool = True,
    layout: Layout | None = None,
) -> list[tuple[Claim, list[Claim]]]:
    """The sides in dispute: each its most precise value's claim and its members (every document's
    first statement of each of the side's values), in claim order.

    `value_key` must capture everything `relation` reads; `width` says how precisely a value was
    written (smaller: more precise); `layout`, if given, must agree with `relation` (it is used
    for groups of more than PAIRWISE_UP_TO values). Empty when nothing is disputed."""
    first_use, sample, docs_of, order = _distinct_values(claims, value_key, width)
    sides, torn, disputing = _sides_in_dispute(order, sample, docs_of, relation, include_inconsistent, layout)
    side_of = {key: index for index in disputing for key in sides[index]}
    members: dict[int, list[Claim]] = defaultdict(list)
    for (doc, key), claim in first_use.items():
        if key in side_of and doc not in torn:
            members[side_of[key]].append(claim)
    return [(sample[sides[index][0]], sorted(members[index], key=claim_order)) for index in sorted(disputing)]


def _distinct_values(
    claims: Sequence[Claim], value_key: Callable[[Claim], Hashable], width: Callable[[Claim], float],
) -> tuple[dict[tuple[str, Hashable], Claim], dict[Hashable, Claim], dict[Hashable, set[str]], list[Hashable]]:
    """Every document's first statement of each value, each value's first statement and its
    documents, and the values most precise first."""
    first_use: dict[tuple[str, Hashable], Claim] = {}
    for claim in sorted(claims, key=claim_order):
        first_use.setdefault((claim.doc, value_key(claim)), claim)
    sample: dict[Hashable, Claim] = {}
    docs_of: dict[Hashable, set[str]] = defaultdict(set)
    for (doc, key), claim in first_use.items():
        sample.setdefault(key, claim)
        docs_of[key].add(doc)
    order = sorted(sample, key=lambda k: (width(sample[k]), -len(docs_of[k]), claim_order(sample[k])))
    return first_use, sample, docs_of, order


def _sides_in_dispute(
    order: list[Hashable], sample: dict[Hashable, Claim], docs_of: dict[Hashable, set[str]], relation: Relation,
    include_inconsistent: bool, layout: Layout | None,
) -> tuple[list[list[Hashable]], set[str], set[int]]:
    """The sides, the torn documents (left out) and the indices of the sides in dispute."""
    laid = _Laid.of(order, sample, layout) if layout is not None and len(order) > PAIRWISE_UP_TO else None
    sides = laid.sort() if laid else _sort_into_sides(order, sample, relation)
    side_docs = [set().union(*(docs_of[k] for k in side)) for side in sides]
    if laid:
        torn, disputing = laid.disputes(side_docs, include_inconsistent)
    else:
        torn = _torn_documents(sides, side_docs, sample, relation) if not include_inconsistent else set()
        disputing = _disputing(sides, side_docs, torn, sample, relation)
    return sides, torn, disputing


def _sort_into_sides(order: list[Hashable], sample: dict[Hashable, Claim], relation: Relation) -> list[list[Hashable]]:
    sides: list[list[Hashable]] = []
    for key in order:
        claim = sample[key]
        fits = []
        for index, side in enumerate(sides):
            agrees = False
            for member in side:
                found = relation(claim, sample[member])
                if found == CONFLICT:
                    break
                agrees = agrees or found == AGREE
            else:
                if agrees:
                    fits.append(index)
        if not fits:
            sides.append([key])
        elif len(fits) == 1:
            sides[fits[0]].append(key)
        # agreeing with several sides: a coarse value that takes no side
    return sides


def _disputing(
    sides: list[list[Hashable]], side_docs: list[set[str]], torn: set[str], sample: dict[Hashable, Claim],
    relation: Relation,
) -> set[int]:
    """The sides in dispute: conflicting with another, each with a document the other lacks."""
    disputing: set[int] = set()
    for i in range(len(sides)):
        for j in range(i + 1, len(sides)):
            only_i, only_j = side_docs[i] - side_docs[j] - torn, side_docs[j] - side_docs[i] - torn
            if only_i and only_j and _sides_conflict(sides[i], sides[j], sample, relation):
                disputing.update((i, j))
    return disputing


def _sides_conflict(a: list[Hashable], b: list[Hashable], sample: dict[Hashable, Claim], relation: Relation) -> bool:
    return any(relation(sample[u], sample[v]) == CONFLICT for u in a for v in b)


def _torn_documents(
    sides: list[list[Hashable]], side_docs: list[set[str]], sample: dict[Hashable, Claim], relation: Relation,
) -> set[str]:
    """Documents stating two conflicting sides (left out with include_inconsistent = false)."""
    torn: set[str] = set()
    for i in range(len(sides)):
        for j in range(i + 1, len(sides)):
            both = side_docs[i] & side_docs[j]
            if both and _sides_conflict(sides[i], sides[j], sample, relation):
                torn |= both
    return torn


# ------------------------------------------------------------------ large groups, by layout


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


def dispute_finding(
    rule: RuleSettings,
    group: ClaimGroup,
    sides: Sequence[tuple[Claim, Sequence[Claim]]],
    corpus: Corpus,
    describe: Callable[[Claim], str] = lambda c: c.rendered,
) -> Finding:
    """The finding for one disputed fact: its sides, their support, the majority, the reason."""
    shown = {lead.rendered: describe(lead) for lead, _ in sides}
    built = with_majority([side_of(lead.rendered, claims, corpus) for lead, claims in sides])
    parts = [f"{shown[side.value]} in {_named(side.docs)} ({_sources(side.sources)})" for side in built]
    message = f"{group.subject} ({group.attribute}): " + " vs ".join(parts)
    reason = group.reason or f"same {group.kind.value} subject {group.subject}, {group.attribute}"
    return Finding(rule.id, rule.kind, rule.severity, group.subject, group.attribute, message,
                   tuple(built), reason, group.key)


def side_of(value: str, claims: Sequence[Claim], corpus: Corpus) -> Side:
    """A side named by `value` (its most precise statement), which every statement on it supports."""
    evidence = tuple(Evidence.of(c, value, corpus.outlet(c.doc)) for c in claims)
    return Side(value, evidence, len({e.outlet or e.doc for e in evidence}))


def with_majority(sides: Sequence[Side]) -> list[Side]:
    """The sides, most sources first, the one more sources state than any other marked majority."""
    best = max(side.sources for side in sides)
    lead = [side for side in sides if side.sources == best]
    marked = [replace(side, majority=len(lead) == 1 and side is lead[0]) for side in sides]
    return sorted(marked, key=lambda side: (-side.sources, side.value))


def _named(docs: Sequence[str]) -> str:
    shown = ", ".join(docs[:MAX_NAMED_DOCS])
    return shown if len(docs) <= MAX_NAMED_DOCS else f"{shown} and {len(docs) - MAX_NAMED_DOCS} more"


def _sources(count: int) -> str:
    return f"{count} source" if count == 1 else f"{count} sources"
