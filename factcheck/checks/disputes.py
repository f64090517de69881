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
passes a `Layout` (see relation); a group of more than PAIRWISE_UP_TO values is then sorted by
`_Laid` (dispute_layout), which gives the same sides and findings from per-side summaries and
interval indexes. The pairwise code here stays the reference.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Callable, Hashable, Sequence

from ..align.keys import claim_order
from ..config import RuleSettings
from .dispute_layout import _Laid
from ..model import Claim, ClaimGroup, Corpus, Evidence, Finding, Side
from .relation import AGREE, CONFLICT, Layout, Relation

MAX_NAMED_DOCS = 3  # documents named per side in a message; the rest are counted
PAIRWISE_UP_TO = 24  # distinct values a group may hold and still be compared pair by pair


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
