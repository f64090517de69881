"""Stage 5, align: group claims about the same subject and attribute across documents and scripts.

`align` sorts the claims by kind and returns the groups holding claims from two or more documents,
in stable order. Its modules, each a part of the question "are these claims about one fact?":
- keys: the claims' total order and the folded keys claims are compared by (names, subjects);
- spelling: whether two Latin spellings may name one person;
- person_groups: people across documents and scripts (guarded union-find), name and title groups;
- claim_context: what a claim names besides its subject (owners, a deal's parties, sources);
- date_groups: dates by (canonical subject, phase), then owner; which dates are comparable;
- amount_groups: amounts by (entity, metric, unit dimension, counterparties), then source;
- sameness: background dates, page timestamps, attribution and people's organisations.
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping, Sequence

from .amount_groups import amount_groups
from .claim_context import ClaimContext
from ..config import Config
from .date_groups import datable, date_groups
from .keys import claim_order, fold_subject, lexicon_keys
from ..model import Claim, ClaimGroup, ClaimKind
from .person_groups import People
from .sameness import FactLexicon, background, page_timestamp

_KIND_ORDER = {ClaimKind.NAME: 0, ClaimKind.TITLE: 1, ClaimKind.DATE: 2, ClaimKind.AMOUNT: 3}


def align(
    claims: Sequence[Claim], config: Config, published: Mapping[str, dt.date | None] | None = None,
) -> tuple[ClaimGroup, ...]:
    """Groups of claims judged to be about one fact, in stable order. `published` gives each
    document's publication date (a recurring event's old dates are background there)."""
    published = published or {}
    of_kind: dict[ClaimKind, list[Claim]] = {kind: [] for kind in ClaimKind}
    for claim in sorted(claims, key=claim_order):
        of_kind[claim.kind].append(claim)
    exclusive = frozenset(r.casefold() for r in config.lex("title_rules")["exclusive"])
    people = People.build(of_kind[ClaimKind.NAME], of_kind[ClaimKind.TITLE], exclusive)
    organisations, events = lexicon_keys(config, "entities"), lexicon_keys(config, "events")
    facts = FactLexicon.of(config, fold_subject)
    dates = [
        c for c in of_kind[ClaimKind.DATE]
        if datable(c, organisations, events)
        and not background(c, published.get(c.doc), facts, fold_subject)
        and not page_timestamp(c, published.get(c.doc))
    ]
    context = ClaimContext(people, facts, config)
    groups = [
        *people.groups(),
        *date_groups(dates, context),
        *amount_groups(of_kind[ClaimKind.AMOUNT], context),
    ]
    kept = [g for g in groups if _spans_documents(g.claims)]
    kept.sort(key=lambda g: (_KIND_ORDER[g.kind], g.subject, g.attribute, claim_order(g.claims[0])))
    return tuple(kept)


def _spans_documents(claims: Sequence[Claim]) -> bool:
    """Whether the claims come from two or more documents (stops at the first other one)."""
    first = claims[0].doc if claims else ""
    return any(c.doc != first for c in claims)
