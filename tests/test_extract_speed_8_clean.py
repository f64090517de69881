"""Round 8 shortcuts in clean compared with the plain paths they replace: the case-sensitive first
letter of a document pass, the one-scan test for invisible marks, the fold by str.replace."""
from __future__ import annotations

import random
import re

import pytest

from factcheck import clean

_CASED_PATTERNS = [
    r"(?i)\bICP\s*[备证]",
    r"(?i)ICP\s*\d",
    r"(?i)k\s*b",
    r"(?is)s.t",
    r"(?ai)Ik",
    r"(?i)i|备案",  # alternates at the top: kept as it is
    r"(?i)i*c",  # a repeated first letter: kept as it is
    r"(?i)(ic)p",
]


@pytest.mark.parametrize("seed", range(300))
def test_pass_with_cased_first_letter_finds_every_matching_line(seed: int) -> None:
    rng = random.Random(seed)
    pattern = re.compile(rng.choice(_CASED_PATTERNS))
    document_pass = clean._document_pass(pattern)
    assert document_pass is not None and not document_pass.anchored
    alphabet = [*"iIcCpPkKsStT备证案 .1\n", "ICP", "icp备", "\u0130", "\u0131", "\u212a", "\u017f", "\t"]
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))).replace("\n", "") for _ in range(rng.randint(1, 8))]
    lined = "\n" + "\n".join(lines)
    matching = [i for i, line in enumerate(lines) if line and pattern.search(line)]
    assert set(matching) <= set(clean._lines_found(document_pass, lined))
    assert clean._lines_matching((pattern,), (document_pass,), lined, lines, lines) == matching


def test_cased_first_letter_only_where_the_pattern_opens_with_one() -> None:
    assert clean._cased_start(r"(?i)ICP", re.IGNORECASE).pattern == "[Iiİı](?i:CP)"
    assert clean._cased_start(r"(?is)ICP", re.IGNORECASE | re.DOTALL).pattern == "(?s)[Iiİı](?i:CP)"
    assert clean._cased_start(r"(?i)I|x", re.IGNORECASE) is None
    assert clean._cased_start(r"(?i)I+", re.IGNORECASE) is None
    assert clean._cased_start(r"(?i)备I", re.IGNORECASE) is None
    assert clean._cased_start(r"ICP", 0) is None


def test_case_spellings_of_ascii_letters_lie_in_the_bmp() -> None:
    everything = "".join(map(chr, range(0x110000)))
    for letter in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ":
        assert clean._case_spellings(letter) == "".join(re.findall("(?i)" + letter, everything))


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
