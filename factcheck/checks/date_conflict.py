"""Check kind `date-conflict`: incompatible dates for the same event in two documents.

Two resolved dates of one group conflict when their day intervals do not overlap (precision-aware:
2025-12 and 2025-12-01 agree, 2025-11 and 2025-12-01 do not). Unresolved dates never conflict;
dates of different modality (a plan and a reported fact) are not compared.

A document may give several values for one group (a second event, a stray date). Between two
documents A and B, a value of A is *explained* when B holds a compatible value at least as precise
(2025-12-01 explains 2025-12-01 and 2025-12, not the other way round); only unexplained values of
A that are incompatible with unexplained values of B make a conflict. So a document quoting both
a share-price rise of 4% and a revenue growth of 62% does not clash with one quoting the 62%,
while a coarse "2025" never excuses a conflicting 2025-11 against 2025-12-01. Option
`include_inconsistent = false` instead leaves any document that contradicts itself out of the
group. Comparing within one document is never a finding here.

One finding per pair of documents per group; the sides are each document's dates taking part in a
conflict (first line per value). Message, documents in path order, values in line order:
    "<subject> (<attribute>): <value>[, <value>...] in <doc A> vs <value>[, ...] in <doc B>"
e.g. "红色警报 (occur): 2025-12-01 in 001.txt vs 2026-12 in 002.txt".

This module also holds `document_pair_conflicts`, the pairing logic shared by the amount and
title checks.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Hashable, Iterator, Sequence

from ..align import claim_order
from ..config import RuleSettings, RuleSpec
from ..model import Claim, ClaimGroup, ClaimKind, Corpus, DateValue, Finding, Severity, Side

RULES = (
    RuleSpec(
        "date-conflict", "date", Severity.ERROR, "incompatible dates for the same event in two documents",
        {"include_inconsistent": True},
    ),
)

AGREE = "agree"
CONFLICT = "conflict"

Relation = Callable[[Claim, Claim], str | None]  # AGREE, CONFLICT or None (not comparable)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield a Finding for every date contradiction between two documents."""
    inconsistent = bool(rule.options.get("include_inconsistent", True))
    for group in corpus.groups:
        if group.kind is ClaimKind.DATE:
            pairs = document_pair_conflicts(group.claims, date_key, date_relation, inconsistent, width=date_width)
            for doc_a, sides_a, doc_b, sides_b in pairs:
                yield conflict_finding(rule, group, doc_a, sides_a, doc_b, sides_b)


def date_width(claim: Claim) -> float:
    """Days the date spans: how precisely it was written (0 for a day)."""
    value = claim.value
    if isinstance(value, DateValue) and value.start and value.end:
        return float((value.end - value.start).days)
    return float("inf")


def date_key(claim: Claim) -> tuple[str, str]:
    return (claim.modality, claim.rendered)


def date_relation(a: Claim, b: Claim) -> str | None:
    va, vb = a.value, b.value
    if not (isinstance(va, DateValue) and isinstance(vb, DateValue)):
        return None
    if not (va.resolved and vb.resolved) or a.modality != b.modality:
        return None
    assert va.start and va.end and vb.start and vb.end
    return AGREE if va.start <= vb.end and vb.start <= va.end else CONFLICT


# ------------------------------------------------------------- shared pair logic


def document_pair_conflicts(
    claims: Sequence[Claim],
    value_key: Callable[[Claim], Hashable],
    relation: Relation,
    include_inconsistent: bool = True,
    width: Callable[[Claim], float] = lambda claim: 0.0,
    clash_class: Callable[[Claim], Hashable] | None = None,
    class_relation: Relation | None = None,
) -> list[tuple[str, tuple[Claim, ...], str, tuple[Claim, ...]]]:
    """(doc A, A's claims, doc B, B's claims) for every pair of documents holding a conflict.

    Works on distinct values (`value_key` must capture everything `relation` reads), so a value
    repeated by many documents is compared once. A value is left out of a pair when the other
    document explains it (a compatible value no wider, by `width`). Doc pairs come in path order,
    claims in line order. `clash_class` and `class_relation`, when given, split the test: the
    class is what decides a clash (an amount's figure, without its time scope), compared once per
    pair of classes; only members of clashing classes are then compared in full.
    """
    first_use: dict[tuple[str, Hashable], Claim] = {}
    for claim in sorted(claims, key=claim_order):
        first_use.setdefault((claim.doc, value_key(claim)), claim)
    sample: dict[Hashable, Claim] = {}
    docs_of: dict[Hashable, list[str]] = defaultdict(list)
    for (doc, key), claim in first_use.items():
        sample.setdefault(key, claim)
        docs_of[key].append(doc)
    keys = sorted(sample, key=lambda k: claim_order(sample[k]))
    values_of: dict[str, list[Hashable]] = defaultdict(list)
    for key in keys:
        for doc in docs_of[key]:
            values_of[doc].append(key)

    known: dict[tuple[Hashable, str], bool] = {}  # asked again for every document holding the other value

    def explained(key: Hashable, doc: str) -> bool:
        answer = known.get((key, doc))
        if answer is None:
            claim = sample[key]
            answer = known[(key, doc)] = any(
                relation(claim, sample[other]) == AGREE and width(sample[other]) <= width(claim)
                for other in values_of[doc]
            )
        return answer

    conflicts = _conflicting_values(keys, sample, relation, clash_class, class_relation)
    excluded: set[str] = set()
    if not include_inconsistent:
        for u, v in conflicts:
            excluded.update(set(docs_of[u]) & set(docs_of[v]))
    involved: dict[tuple[str, str], set[tuple[str, Hashable]]] = defaultdict(set)
    for u, v in conflicts:
        for doc_u in docs_of[u]:
            for doc_v in docs_of[v]:
                if doc_u == doc_v or doc_u in excluded or doc_v in excluded:
                    continue  # one document disagreeing with itself is not this check's business
                if explained(u, doc_v) or explained(v, doc_u):
                    continue
                involved[(min(doc_u, doc_v), max(doc_u, doc_v))].update({(doc_u, u), (doc_v, v)})
    out = []
    for doc_a, doc_b in sorted(involved):
        members = involved[(doc_a, doc_b)]
        side_a = tuple(sorted((first_use[m] for m in members if m[0] == doc_a), key=claim_order))
        side_b = tuple(sorted((first_use[m] for m in members if m[0] == doc_b), key=claim_order))
        out.append((doc_a, side_a, doc_b, side_b))
    return out


def _conflicting_values(
    keys: list[Hashable], sample: dict[Hashable, Claim], relation: Relation,
    clash_class: Callable[[Claim], Hashable] | None, class_relation: Relation | None,
) -> list[tuple[Hashable, Hashable]]:
    """The pairs of distinct values that conflict, in key order."""
    if clash_class is None or class_relation is None:
        return [(u, v) for i, u in enumerate(keys) for v in keys[i + 1 :] if relation(sample[u], sample[v]) == CONFLICT]
    members: dict[Hashable, list[Hashable]] = defaultdict(list)
    for key in keys:
        members[clash_class(sample[key])].append(key)
    classes = list(members)
    rank = {key: index for index, key in enumerate(keys)}
    pairs = []
    for i, first in enumerate(classes):
        for second in classes[i + 1 :]:
            if class_relation(sample[members[first][0]], sample[members[second][0]]) != CONFLICT:
                continue  # the figures agree (or never compare): no member pair can clash
            for u in members[first]:
                for v in members[second]:
                    if relation(sample[u], sample[v]) == CONFLICT:
                        pairs.append((u, v) if rank[u] < rank[v] else (v, u))
    return sorted(pairs, key=lambda pair: (rank[pair[0]], rank[pair[1]]))


def conflict_finding(
    rule: RuleSettings,
    group: ClaimGroup,
    doc_a: str,
    claims_a: Sequence[Claim],
    doc_b: str,
    claims_b: Sequence[Claim],
    describe: Callable[[Claim], str] = lambda c: c.rendered,
) -> Finding:
    """The finding for one conflicting pair of documents, message as in the module docstrings."""
    values_a = ", ".join(describe(c) for c in claims_a)
    values_b = ", ".join(describe(c) for c in claims_b)
    message = f"{group.subject} ({group.attribute}): {values_a} in {doc_a} vs {values_b} in {doc_b}"
    sides = tuple(Side.of(c) for c in (*claims_a, *claims_b))
    return Finding(rule.id, rule.kind, rule.severity, group.subject, group.attribute, message, sides)
