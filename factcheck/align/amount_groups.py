"""Amount claims into groups: by owner, metric, unit dimension and counterparties, then by source."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Sequence

from .claim_context import ClaimContext
from .keys import fold_subject
from ..model import AmountValue, Claim, ClaimGroup, ClaimKind
from .sameness import split_by


def amount_groups(claims: Sequence[Claim], context: ClaimContext) -> list[ClaimGroup]:
    """By owner, metric (a lexicon metric, periodicity aside), unit dimension and counterparties,
    then by the source the figure is credited to. Vague figures (数十亿), figures with no owner or
    no lexicon metric (a bare duration, a head noun) are no fact and stay out."""
    metrics = frozenset(context.config.lex("metrics")) - {"total"}
    deals = frozenset(context.config.lex("metric_rules")["deal_metrics"])
    keyed: dict[tuple, list[Claim]] = defaultdict(list)
    for claim in claims:
        metric = claim.attribute.rsplit(":", 1)[-1]
        value = claim.value
        if not claim.subject or metric not in metrics or not isinstance(value, AmountValue) or value.qualifier == "vague":
            continue
        person = context.people.person_of(claim.doc, claim.subject)
        entity = f"P:{person}" if person else fold_subject(claim.subject)
        others = (context.sentence_organisations if metric in deals else context.organisations)(claim, entity)
        keyed[(entity, metric, value.dimension, tuple(sorted(others)))].append(claim)
    groups = []
    for (entity, metric, dimension, others), members in sorted(keyed.items()):
        counts = Counter(c.subject for c in members)
        subject = min((-n, s) for s, n in counts.items())[1]
        for source, facts in sorted(split_by(members, context.sources).items()):
            reason = f"same {metric} of {subject}" + (f" with {', '.join(others)}" if others else "")
            reason += f", in {dimension}" + (f", as reported by {source}" if source else "")
            key = "|".join([entity, metric, dimension, *others])  # not the source unnamed figures join
            groups.append(ClaimGroup(ClaimKind.AMOUNT, subject, metric, tuple(facts), key, reason))
    return groups
