"""Check kind `date-conflict`: incompatible dates for the same event in two documents.

Two resolved dates of one group conflict when their day intervals do not overlap (precision-aware:
2025-12 and 2025-12-01 agree, 2025-11 and 2025-12-01 do not). Unresolved dates never conflict;
dates of different modality (a plan and a reported fact) are not compared.

Values are sorted into sides of compatible dates (see `disputes`; a large group through
DATE_LAYOUT: the modality, the day interval): one finding per disputed event, whatever the
number of documents; e.g.
    "红色警报 (occur): 2025-12-01 in 001.txt, 003.txt (2 sources) vs 2026-12 in 002.txt (1 source)".
"""
from __future__ import annotations

from typing import Iterator

from ..config import RuleSettings, RuleSpec
from ..model import Claim, ClaimKind, Corpus, DateValue, Finding, Severity
from .disputes import dispute_finding, dispute_sides
from .relation import AGREE, CONFLICT, Layout, Span

RULES = (
    RuleSpec(
        "date-conflict", "date", Severity.ERROR, "incompatible dates for the same event in two documents",
        {"include_inconsistent": True},
    ),
)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield one Finding for every event whose documents give incompatible dates."""
    inconsistent = bool(rule.options.get("include_inconsistent", True))
    for group in corpus.groups:
        if group.kind is ClaimKind.DATE:
            sides = dispute_sides(group.claims, date_key, date_relation, date_width, inconsistent, DATE_LAYOUT)
            if sides:
                yield dispute_finding(rule, group, sides, corpus)


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


def date_layout(claim: Claim) -> tuple[tuple[str] | None, Span | None]:
    """date_relation's reading of a date: its modality and its days (none when unresolved)."""
    value = claim.value
    if isinstance(value, DateValue) and value.start and value.end:
        return (claim.modality,), ("day", value.start.toordinal(), value.end.toordinal())
    return None, None


def date_table(a: tuple[str] | None, b: tuple[str] | None, overlap: bool) -> str | None:
    """date_relation from two dates' modalities and whether their days overlap."""
    if a is None or b is None or a != b:
        return None
    return AGREE if overlap else CONFLICT


DATE_LAYOUT = Layout(date_layout, date_table)
