"""Check kind `title-conflict`: one person given incompatible titles for the same time.

Within one person's title group, two current (not past) titles from different documents conflict
when both roles are exclusive (one holder at a time: ceo, vp, ...), the roles differ, and their
organisations do not differ (an empty organisation matches any). Generic roles (head, founder, ...)
never conflict. Exclusive and generic roles come from the rule options `exclusive` / `generic`
when set, else from `[lexicon.title_rules]`, else every role outside a small built-in generic list
counts as exclusive. As for dates, a document giving one person two conflicting titles still
takes part unless `include_inconsistent = false`.

One finding per person whose titles are disputed (see `disputes`), sides by role:
    "Fidji Simo (title): 产品副总裁 (vp) in a.txt (1 source) vs 应用业务CEO (ceo) in b.txt (1 source)".
"""
from __future__ import annotations

from typing import Callable, Iterator, Mapping

from ..align.keys import fold_subject
from ..config import RuleSettings, RuleSpec
from ..model import Claim, ClaimKind, Corpus, Finding, Severity, TitleValue
from .disputes import dispute_finding, dispute_sides
from .relation import AGREE, CONFLICT

RULES = (
    RuleSpec(
        "title-conflict", "title", Severity.WARNING, "one person given incompatible titles for the same time",
        {"exclusive": [], "generic": [], "include_inconsistent": True},
    ),
)

# Used only when neither the rule nor the lexicon names the generic roles.
FALLBACK_GENERIC = (
    "head", "lead", "leader", "founder", "cofounder", "co-founder", "member", "employee", "staff",
    "researcher", "scientist", "engineer", "director", "manager", "partner", "advisor", "adviser",
    "board", "executive", "spokesperson",
)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield one Finding for every person given incompatible current titles."""
    is_exclusive = exclusive_roles(rule.options, corpus.lexicon)
    inconsistent = bool(rule.options.get("include_inconsistent", True))

    def relation(a: Claim, b: Claim) -> str | None:
        return title_relation(a, b, is_exclusive)

    for group in corpus.groups:
        if group.kind is ClaimKind.TITLE:
            sides = dispute_sides(group.claims, title_key, relation, include_inconsistent=inconsistent)
            if sides:
                yield dispute_finding(rule, group, sides, corpus, describe=_describe)


def exclusive_roles(options: Mapping, lexicon: Mapping) -> Callable[[str], bool]:
    """The test `role -> is it held by one person at a time`."""
    rules_lex = lexicon.get("title_rules", {}) if lexicon else {}
    exclusive = list(options.get("exclusive") or rules_lex.get("exclusive") or [])
    generic = list(options.get("generic") or rules_lex.get("generic") or FALLBACK_GENERIC)
    exclusive_set, generic_set = {r.casefold() for r in exclusive}, {r.casefold() for r in generic}
    if exclusive_set:
        return lambda role: role.casefold() in exclusive_set and role.casefold() not in generic_set
    return lambda role: bool(role) and role.casefold() not in generic_set


def title_key(claim: Claim) -> tuple:
    value = claim.value
    assert isinstance(value, TitleValue)
    return (value.title, value.role, fold_subject(value.org), value.past)


def title_relation(a: Claim, b: Claim, is_exclusive: Callable[[str], bool]) -> str | None:
    va, vb = a.value, b.value
    if not (isinstance(va, TitleValue) and isinstance(vb, TitleValue)):
        return None
    if va.past or vb.past or not (is_exclusive(va.role) and is_exclusive(vb.role)):
        return None
    org_a, org_b = fold_subject(va.org), fold_subject(vb.org)
    if org_a and org_b and org_a != org_b:
        return None  # titles at two organisations can both hold
    return AGREE if va.role.casefold() == vb.role.casefold() else CONFLICT


def _describe(claim: Claim) -> str:
    value = claim.value
    role = value.role if isinstance(value, TitleValue) else ""
    return f"{claim.raw} ({role})"
