"""Round 7 shortcuts in clean compared with the plain paths they replace."""
from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache

import pytest

from factcheck import clean


def _plain_document_script(text: str) -> str:
    """document_script as it was: both kinds of one-script character counted in full."""
    trad_only, simp_only = clean._one_script_characters()
    trad, simp = len(set(trad_only.findall(text))), len(set(simp_only.findall(text)))
    if trad >= 5 and trad > 2 * simp:
        return "trad"
    if simp >= 5 and simp > 2 * trad:
        return "simp"
    return ""


@lru_cache(maxsize=1)
def _one_script_pools() -> tuple[list[str], list[str]]:
    codes = range(0x4E00, 0xA000)
    trad_only, simp_only = clean._one_script_characters()
    return ([chr(c) for c in codes if trad_only.fullmatch(chr(c))], [chr(c) for c in codes if simp_only.fullmatch(chr(c))])


@pytest.mark.parametrize("seed", range(400))
def test_document_script_counts_each_kind_only_as_far_as_needed(seed: int) -> None:
    rng = random.Random(seed)
    trad_pool, simp_pool = _one_script_pools()
    # either kind few or many, around the thresholds (5, twice the other) and past them, mixed
    trad = rng.sample(trad_pool, rng.choice([rng.randint(0, 8), rng.randint(0, 60)]))
    simp = rng.sample(simp_pool, rng.choice([rng.randint(0, 8), rng.randint(0, 60)]))
    chars = [*trad * rng.randint(1, 3), *simp * rng.randint(1, 3), *"的一是在不了有和人中，。abc \n"]
    text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 600))) + "".join(rng.sample(chars, len(chars)))
    assert clean.document_script(text) == _plain_document_script(text)


def _plain_han_pairs(text: str) -> Counter:
    return Counter(a + b for a, b in zip(text, text[1:]) if clean._is_han(a) and clean._is_han(b))


@pytest.mark.parametrize("seed", range(200))
def test_han_pairs_read_within_runs_as_character_by_character(seed: int) -> None:
    rng = random.Random(seed)
    # Han of every range _is_han accepts and their edges, with what stands between them
    alphabet = [*"的一是中國国\u3400\u4dbf\u9fff\uf900\ufaff", "\u33ff", "\ua000", "\uf8ff", "\ufb00", *"，。?a 1\n", "\U00020000"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
    assert clean.han_pairs(text) == _plain_han_pairs(text)
