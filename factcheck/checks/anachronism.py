"""Check kind `anachronism`: an event reported as having happened, dated after the document's publication date.

Per date claim of one document: a resolved date whose first day is after the document's
publication date is an anachronism unless it is not reported as past:
- the claim has a modality (plan, target, estimate);
- it is written relative to the publication date (`下个月` resolves after it by construction);
- its sentence holds a future marker (option `future_markers`, plus the words of
  `[lexicon.markers] plan/target/estimate`): `将`, `可能`, `或许`, ... (`警报将贯穿整个12月,
  直至2026年1月底` is a forecast, not a report), or the date follows `到`/`至` (`到2030年`: a deadline).
Documents without a publication date never produce it. One side (the claim). Message:
    "<raw> (<value>) is reported as past but is after the publication date <YYYY-MM-DD>"
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Iterable, Iterator, Mapping

from ..align.keys import claim_order
from ..config import RuleSettings, RuleSpec
from ..model import Claim, ClaimKind, Corpus, DateValue, Evidence, Finding, Severity, single_side

FUTURE_MARKERS = [
    "将", "將", "将会", "將會", "或将", "或將", "可能", "或许", "或許", "也许", "也許", "预计", "預計",
    "计划", "計劃", "计画", "計畫", "有望", "即将", "即將", "届时", "屆時", "直至", "未来", "未來",
    "预期", "預期", "打算", "准备", "準備", "目标", "目標", "will", "would", "plans to", "expected",
]
DEADLINE_BEFORE = "到至"  # 到2030年 / 至2026年: "by" a date, a deadline rather than an event

RULES = (
    RuleSpec(
        "anachronism", "anachronism", Severity.WARNING,
        "an event reported as having happened, dated after the document's publication date",
        {"future_markers": FUTURE_MARKERS},
    ),
)


def check(corpus: Corpus, rule: RuleSettings) -> Iterator[Finding]:
    """Yield a Finding for every date reported as past but after its document's publication date."""
    published = {d.path: d.meta.published for d in corpus.documents if d.meta.published}
    markers = future_markers(rule.options.get("future_markers", FUTURE_MARKERS), corpus.lexicon)
    for claim in sorted((c for c in corpus.claims if c.kind is ClaimKind.DATE), key=claim_order):
        date = published.get(claim.doc)
        if date and is_anachronism(claim, date, markers):
            message = f"{claim.raw} ({claim.rendered}) is reported as past but is after the publication date {date.isoformat()}"
            evidence = Evidence.of(claim, outlet=corpus.outlet(claim.doc))
            yield Finding(rule.id, rule.kind, rule.severity, claim.subject, claim.attribute, message, single_side(evidence))


def future_markers(option: Iterable[str], lexicon: Mapping) -> tuple[str, ...]:
    lexicon_markers = (lexicon or {}).get("markers", {})
    words = [*option, *(w for kind in ("plan", "target", "estimate") for w in lexicon_markers.get(kind, []))]
    return tuple(sorted({w.casefold() for w in words if w.strip()}))


def is_anachronism(claim: Claim, published: dt.date, markers: tuple[str, ...] = ()) -> bool:
    value = claim.value
    if not isinstance(value, DateValue) or not value.resolved or value.relative or claim.modality:
        return False
    assert value.start
    return value.start > published and not _told_as_future(claim, markers)


@functools.lru_cache(maxsize=8)
def _marker_pattern(markers: tuple[str, ...]) -> re.Pattern[str]:
    """Latin markers match whole words only (`will` is not in `William`)."""
    parts = [rf"\b{re.escape(m)}\b" if m.isascii() else re.escape(m) for m in sorted(markers, key=lambda m: (-len(m), m))]
    return re.compile("|".join(parts))


def _told_as_future(claim: Claim, markers: tuple[str, ...]) -> bool:
    if markers and _marker_pattern(markers).search(claim.sentence.casefold()):
        return True
    before = claim.sentence[: claim.start].rstrip() if claim.start >= 0 else ""
    return before[-1:] in tuple(DEADLINE_BEFORE)
