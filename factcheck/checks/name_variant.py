"""Check kind `name-variant`: one person's name spelled two ways across documents.

Within one person group (see align), Latin spellings are compared after folding case, spaces,
hyphens and diacritics, so `Jean-Luc`/`jean luc` is one spelling. Two spellings with the same
number of words, used by different documents, give one finding per pair of spellings; a bare
surname next to a full name is a short form, not a variant. CJK transliterations that differ
between outlets (`雅库布·帕乔基` / `雅各布·帕乔基`) are normal and only flagged with option
`transliterations = true`.

Sides: every document's first use of a spelling (value = the folded spelling). Message, the
spelling used by more documents first (then alphabetical), documents in path order:
    "<spelling A> in <doc>[, <doc>...] vs <spelling B> in <doc>[, <doc>...]"
e.g. "Jakub Pachocki in 001.txt, 002.txt vs Jakub Patchocki in 000.txt".
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterator, Sequence

from ..align.keys import claim_order, fold_cjk, fold_latin
from ..config import RuleSettings, RuleSpec
from ..model import Claim, ClaimGroup, ClaimKind, Corpus, Finding, NameValue, Severity
from .disputes import side_of, with_majority

RULES = (
    RuleSpec(
        "name-variant", "name", Severity.WARNING, "one person's name spelled two ways across documents",
        {"transliterations": False},
    ),
)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield a Finding for every pair of spellings of one person used by different documents."""
    readers: list[tuple[Callable[[NameValue], str], Callable[[NameValue], str], Callable[[str], int]]] = [
        (lambda v: v.latin, fold_latin, lambda s: len(s.split())),
    ]
    if rule.options.get("transliterations", False):
        readers.append((lambda v: v.cjk, fold_cjk, lambda s: len(s.split("·"))))
    for group in corpus.groups:
        if group.kind is ClaimKind.NAME:
            for written, fold, parts in readers:
                yield from _variants(rule, group, corpus, written, fold, parts)


def _variants(
    rule: RuleSettings,
    group: ClaimGroup,
    corpus: Corpus,
    written: Callable[[NameValue], str],
    fold: Callable[[str], str],
    parts: Callable[[str], int],
) -> Iterator[Finding]:
    uses: dict[str, list[Claim]] = defaultdict(list)  # folded spelling -> claims
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for claim in sorted(group.claims, key=claim_order):
        value = claim.value
        if not isinstance(value, NameValue) or not written(value):
            continue
        spelling = fold(written(value))
        if spelling:
            uses[spelling].append(claim)
            forms[spelling][" ".join(written(value).split())] += 1
    docs = {s: sorted({c.doc for c in claims}) for s, claims in uses.items()}
    shown = {s: min((-n, f) for f, n in counter.items())[1] for s, counter in forms.items()}
    spellings = sorted(uses, key=lambda s: (-len(docs[s]), shown[s], s))
    disputed = [
        spelling for spelling in spellings
        if any(_comparable(spelling, other, parts) and _used_apart(docs[spelling], docs[other])
               for other in spellings if other != spelling)
    ]
    if disputed:
        yield _finding(rule, group, disputed, uses, corpus, shown)


def _comparable(a: str, b: str, parts: Callable[[str], int]) -> bool:
    """Same number of name parts, and not a short form of the other."""
    return parts(a) == parts(b) and not a.endswith(b) and not b.endswith(a)


def _used_apart(docs_a: Sequence[str], docs_b: Sequence[str]) -> bool:
    return any(a != b for a in docs_a for b in docs_b)


def _finding(
    rule: RuleSettings,
    group: ClaimGroup,
    spellings: Sequence[str],
    uses: dict[str, list[Claim]],
    corpus: Corpus,
    shown: dict[str, str],
) -> Finding:
    sides = []
    for spelling in spellings:
        first_in_doc: dict[str, Claim] = {}
        for claim in uses[spelling]:
            first_in_doc.setdefault(claim.doc, claim)
        sides.append(side_of(spelling, [first_in_doc[d] for d in sorted(first_in_doc)], corpus))
    sides = with_majority(sides)
    message = " vs ".join(f"{shown[s.value]} in {', '.join(s.docs)}" for s in sides)
    reason = group.reason or f"same person {group.subject}"
    return Finding(rule.id, rule.kind, rule.severity, group.subject, group.attribute, message, tuple(sides),
                   reason, group.key)
