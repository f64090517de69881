"""Round 8 shortcuts in clean compared with the plain paths they replace: the one-scan test for
invisible marks, the fold by str.replace. (The case-sensitive first letter of a document pass went
with the passes themselves: rule patterns run on RE2, issue 11.)"""
from __future__ import annotations

import random

import pytest

from factcheck import clean

@pytest.mark.parametrize("seed", range(200))
def test_invisible_marks_stripped_as_by_the_two_patterns(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = [*"ab中文 \n\t", "\u200b", "\ufeff", "\u00ad", "\u202e", "\x1b[31m", "\x00", "\x9b2J", "\x85", "\u3000"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
    plain = clean._INVISIBLE.sub("", clean._CONTROL.sub("", clean._ESCAPE_SEQUENCE.sub("", text)) if clean._CONTROL.search(text) else text)
    assert clean.strip_invisible(text) == plain


@pytest.mark.parametrize("seed", range(200))
def test_fold_by_replace_is_translate(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = [*"ab中：，（）ＩＣＰ０９\uff01\uff5e\uff5f\uff00\ufee0 \n"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
    assert clean._fold_ascii(text) == text.translate(clean._FULL_WIDTH_ASCII)
