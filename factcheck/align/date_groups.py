"""Date claims into groups: by canonical subject and phase, then by owner; which dates are comparable.

Canonical subjects fold case, spaces and hyphens, map person names to their person, and merge
near-identical anchors (ratio >= 90, same digits) found through rare-bigram blocks. Dates anchored
on an organisation, or on a non-event anchor with the generic phase `occur`, are not grouped
(`datable`)."""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from .claim_context import ClaimContext
from .keys import claim_order, fold_subject
from ..model import Claim, ClaimGroup, ClaimKind
from .sameness import split_by

SUBJECT_MIN_RATIO = 90.0  # date anchors: only near-identical spellings merge
SUBJECT_PREFIX_GRAMS = 3  # rarest bigrams per anchor used as blocking keys
BLOCK_CAP = 256  # a blocking key shared by more anchors than this carries no information
_DIGITS = re.compile(r"\d+(?:\.\d+)*")


def datable(claim: Claim, organisations: frozenset[str], events: frozenset[str]) -> bool:
    """Whether a date claim names one happening precisely enough to be compared.

    An organisation is no event: a date anchored only on one (`openai`, the extractors' key for
    OpenAI, ChatGPT, Sora...) is about any of its many happenings. Likewise a person or product
    with no telling verb (phase `occur`): "Altman 2025年1月表示" and "Altman 今年夏天簽署" are two
    happenings. Such dates are listed but not grouped; a lexicon event, or an anchor with a
    specific phase (release, leave, join, end, announce), is.
    """
    subject = fold_subject(claim.subject)
    if not subject or subject in organisations:
        return False
    return claim.attribute != "occur" or subject in events


def date_groups(claims: Sequence[Claim], context: ClaimContext) -> list[ClaimGroup]:
    """By subject and phase, then by owner: Google's code red and OpenAI's are two events."""
    people = context.people
    keyed: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    display = people.display_names()
    shown: dict[str, str] = {}
    for claim in claims:
        if not claim.subject:
            continue
        person = people.person_of(claim.doc, claim.subject)
        key = f"P:{person}" if person else fold_subject(claim.subject)
        if key:
            keyed[(claim.attribute, key)].append(claim)
            if person:
                shown[key] = display.get(person, claim.subject)
    merged = _merge_similar_subjects(keyed)
    groups = []
    for (attribute, key), members in merged.items():
        subject = _display_subject(key, members, shown)
        for owner, facts in sorted(split_by(members, lambda c: context.organisations(c, key)).items()):
            reason = f"same event {subject}" + (f" of {owner}" if owner else "") + f", phase {attribute}"
            # the key leaves the owner out: removing the one document that names it must not move the id
            groups.append(ClaimGroup(ClaimKind.DATE, subject, attribute, tuple(sorted(facts, key=claim_order)), key, reason))
    return groups


def _display_subject(key: str, claims: Sequence[Claim], shown: dict[str, str]) -> str:
    """A person's display name, else the most frequent subject as written (ties alphabetical)."""
    if key in shown:
        return shown[key]
    counts = Counter(c.subject for c in claims)
    return min((-n, s) for s, n in counts.items())[1]


def _merge_similar_subjects(keyed: dict[tuple[str, str], list[Claim]]) -> dict[tuple[str, str], list[Claim]]:
    """Merge anchors of one phase whose folded spellings are near-identical (same digits)."""
    by_attribute: dict[str, list[str]] = defaultdict(list)
    for attribute, key in sorted(keyed):
        if not key.startswith("P:"):
            by_attribute[attribute].append(key)
    parent = {k: k for k in keyed}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for attribute, keys in by_attribute.items():
        for a, b in similar_pairs(keys, SUBJECT_MIN_RATIO, _same_digits):
            ra, rb = find((attribute, a)), find((attribute, b))
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    merged: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for key in sorted(keyed):
        merged[find(key)].extend(keyed[key])
    return merged


def _same_digits(a: str, b: str) -> bool:
    return _DIGITS.findall(a) == _DIGITS.findall(b)


def similar_pairs(keys: Sequence[str], min_ratio: float, guard: Callable[[str, str], bool]) -> list[tuple[str, str]]:
    """Pairs of distinct keys with fuzz.ratio >= min_ratio, found through rare-bigram blocks.

    Each key is indexed under its SUBJECT_PREFIX_GRAMS rarest bigrams (global frequency order),
    so near-identical keys meet in some block while common bigrams never make huge blocks.
    """
    grams = {k: _bigrams(k) for k in keys}
    frequency = Counter(g for k in keys for g in grams[k])
    blocks: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        rare = sorted(grams[key], key=lambda g: (frequency[g], g))[:SUBJECT_PREFIX_GRAMS]
        for gram in rare:
            blocks[gram].append(key)
    pairs: set[tuple[str, str]] = set()
    for gram in sorted(blocks):
        members = blocks[gram]
        if len(members) < 2 or len(members) > BLOCK_CAP:
            continue
        scores = process.cdist(members, members, scorer=fuzz.ratio, score_cutoff=min_ratio, dtype=np.uint8)
        for i, j in zip(*np.nonzero(np.triu(scores, k=1))):
            a, b = sorted((members[int(i)], members[int(j)]))
            if a != b and guard(a, b):
                pairs.add((a, b))
    return sorted(pairs)


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(max(1, len(text) - 1))}
