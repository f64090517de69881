"""Round 6 shortcuts in clean compared with the plain paths they replace."""
from __future__ import annotations

import random
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
def test_document_script_counts_simplified_only_as_far_as_needed(seed: int) -> None:
    rng = random.Random(seed)
    trad_pool, simp_pool = _one_script_pools()
    # few distinct characters of each kind, around the thresholds (5, twice the other), repeated
    trad = rng.sample(trad_pool, rng.randint(0, 14))
    simp = rng.sample(simp_pool, rng.randint(0, 30))
    chars = [*trad * rng.randint(1, 3), *simp * rng.randint(1, 3), *"的一是在不了有和人中，。abc \n"]
    text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 400))) + "".join(rng.sample(chars, len(chars)))
    assert clean.document_script(text) == _plain_document_script(text)
