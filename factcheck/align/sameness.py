"""What makes two claims one fact beyond a shared subject: an event's owner, a figure's counterparties
and named source, and whether a date is the story's or its background.

Align uses these to split a subject's claims into facts; where the evidence is thin a claim is
left out rather than guessed into a fact (precision first):
- owner: the organisations a claim's clause names, people standing for the organisation their
  titles name (Altman -> OpenAI). A claim naming two organisations has no clear owner and is left
  out; one naming none joins the fact of the one owner its subject has elsewhere, if only one.
- counterparties: the organisations named beside a figure's owner (NVIDIA investing in OpenAI is
  not OpenAI's own spending): part of the fact's identity.
- attribution: the agency or organisation a figure is credited to (據X / X表示 / X測定); two
  agencies' measurements are two facts. An unattributed figure joins the one agency named, if only one.
- background: a date of a recurring event (an election, an earthquake, a code red) more than
  `background_days` before its document's publication is another occurrence, not the story's.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Hashable, Mapping, Sequence

from ..config import Config
from ..model import Claim, DateValue, TitleValue
from ..normalise import normalise_text

# An agency by its suffix (气象署, 地震局, 台网, 统计局, 外交部; not a region's 中西部), or a Latin name.
_AGENCY = (r"(?:[\u4e00-\u9fff·]{1,12}?(?:署|局|台网|中心|(?<![东西南北中内外全])部|院|研究所|委员会|政府|协会)"
           r"|[A-Z][A-Za-z&.]{2,}(?: [A-Z][A-Za-z&.]*){0,3})")
_REPORTS = r"(?:正式|最新|今天|今日|稍早)?(?:表示|指出|称|测定|测得|公布|发布|通报|统计|报告|估计|数据|显示)"
_ATTRIBUTION = re.compile(
    rf"(?:据|根据|依据)\s*(?:研究机构|机构)?\s*(?P<by>{_AGENCY})\s*(?:的)?(?:数据|统计|报道|消息|测定|资料|通报|公布|发布|显示)"
    rf"|(?P<agency>{_AGENCY})\s*{_REPORTS}"
)


@dataclass(frozen=True)
class FactLexicon:
    """The folded organisation keys and aliases, and the rules of `[lexicon.metric_rules]`."""

    organisations: frozenset[str]
    org_of_alias: Mapping[str, str]
    events: frozenset[str]
    background_days: int

    @classmethod
    def of(cls, config: Config, fold: Callable[[str], str]) -> "FactLexicon":
        def build(config: Config) -> "FactLexicon":
            aliases: dict[str, str] = {}
            for key, words in config.lex("entities").items():
                folded_key = fold(normalise_text(key, config))
                for word in [key, *words]:
                    aliases.setdefault(fold(normalise_text(word, config)), folded_key)
            events = frozenset(fold(normalise_text(k, config)) for k in config.lex("events"))
            rules = config.lex("metric_rules")
            return cls(frozenset(aliases.values()), aliases, events, int(rules["background_days"]))

        return config.derived("sameness.lexicon", build)


def person_organisations(
    titles: Sequence[Claim], roots: Sequence[str], lexicon: FactLexicon, fold: Callable[[str], str],
) -> dict[str, str]:
    """person root -> the organisation most of its titles name (ties: none)."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for claim, root in zip(titles, roots):
        value = claim.value
        org = lexicon.org_of_alias.get(fold(value.org)) if isinstance(value, TitleValue) and value.org else None
        if org:
            seen[root][org] += 1
    out = {}
    for root, counts in seen.items():
        ranked = counts.most_common(2)
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            out[root] = ranked[0][0]
    return out


def split_by(claims: Sequence[Claim], known: Callable[[Claim], frozenset]) -> dict[Hashable, list[Claim]]:
    """Claims split by one distinguishing value: `known(claim)` is the set of values the claim's
    evidence names. Two or more: left out; exactly one: that fact; none: the fact of the one value
    the others name, if only one, else a fact of their own (""), unless other values exist."""
    named: dict[Hashable, list[Claim]] = defaultdict(list)
    unnamed: list[Claim] = []
    for claim in claims:
        values = known(claim)
        if len(values) == 1:
            named[next(iter(values))].append(claim)
        elif not values:
            unnamed.append(claim)
    if unnamed:
        if len(named) == 1:
            next(iter(named.values())).extend(unnamed)
        elif not named:
            named[""] = unnamed
    return named


@lru_cache(maxsize=65536)
def attribution(norm_sentence: str) -> frozenset[str]:
    """The sources a figure's sentence credits (agencies, organisations), folded."""
    found = set()
    for match in _ATTRIBUTION.finditer(norm_sentence):
        name = match.group("by") or match.group("agency") or ""
        name = re.sub(r"\s+", "", name).casefold()
        if len(name) >= 2:
            found.add(name)
    return frozenset(found)


def background(claim: Claim, published: dt.date | None, lexicon: FactLexicon, fold: Callable[[str], str]) -> bool:
    """A recurring event's date long before the document's own: an earlier occurrence."""
    value = claim.value
    if published is None or not isinstance(value, DateValue) or value.end is None:
        return False
    if fold(claim.subject) not in lexicon.events:
        return False
    return (published - value.end).days > lexicon.background_days


def page_timestamp(claim: Claim, published: dt.date | None) -> bool:
    """A date written as a page's own ISO timestamp on the publication day: metadata, not an event."""
    value = claim.value
    return (
        published is not None and isinstance(value, DateValue) and value.precision == "day"
        and value.start == published and bool(re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", claim.raw.strip()))
    )
