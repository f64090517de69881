"""Round 5 shortcuts in clean and load compared with the plain per-character paths they replace."""
from __future__ import annotations

import random

import pytest

from factcheck import clean, load

_ALPHABET = (
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"
    "這個們說來時會對發過於當與從還經進關後將應該實際無樣為點問題務麼導電話車門東華國開長見區網體兩給頭隊機"
    "鍾鎔綑叡鑫淼犇骉龘菓槓鬥粧秘钜鍊鏽峯"  # rarer and one-script characters
    "，。、：；！？“”（）《》—…％"
    "abcXYZ019 ?()@~\ufffd\u00e9\u00b7\u2014\u3000"
)


def _lines(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        line = "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60)))
        for _ in range(rng.randint(1, 3)):  # a "?" before a shifted-looking stretch, now and then a damaged gloss
            at = rng.randint(0, len(line))
            line = line[:at] + rng.choice(["?", "?", "?yàn)", "?ài)"]) + line[at:]
        lines.append(line)
    return lines


def _plain_bare_run(line: str, position: int, context: clean.Context) -> clean.Run | None:
    """_bare_run as it was: every candidate built and weighed."""
    start = position + 1
    stop = clean._two_byte_span(line, start)
    if stop == start:
        return None
    candidates = [c for c in clean._candidates(line, start, 0xBF, context) if c.end > start]
    if not candidates:
        return None
    best, _ = clean._choose(candidates)
    if best.cost + clean._BARE_PRIOR >= clean._score(line[start:stop], context):
        return None
    return clean._run(line, position, clean.LOST, candidates)


def _plain_two_byte_span(line: str, start: int) -> int:
    end, limit = start, min(len(line), start + clean._MAX_SHIFT)
    while end < limit and clean._two_byte(line[end]):
        end += 1
    return end


@pytest.mark.parametrize("script", ["", "simp", "trad"])
def test_a_bare_question_mark_is_weighed_as_with_every_candidate_built(script):
    context = clean.Context({}, script)
    for line in _lines(400, seed=len(script)):
        for position, char in enumerate(line):
            if char == "?":
                assert clean._bare_run(line, position, context) == _plain_bare_run(line, position, context), line


def test_spans_and_rereads_match_the_per_character_reading():
    for line in _lines(300, seed=7) + ["鍾" * 200, "中文" * 100 + "x"]:
        for start in range(len(line) + 1):
            assert clean._two_byte_span(line, start) == _plain_two_byte_span(line, start)
        stop = clean._two_byte_span(line, 0)
        for lead in (None, 0xBF, 0xA3, 0x41):
            shift = clean._Shift.of(line[:stop], lead)
            full = bytes((lead or 0,)) + shift.data
            plain = tuple(
                clean.LOST if k == 0 and lead is None else (clean._pair(full[2 * k], full[2 * k + 1]) or clean._SYMBOL)
                for k in range(stop)
            )
            assert shift.reread == plain


def test_plausibility_counts_as_character_by_character():
    rng = random.Random(3)
    texts = ["", "abc", *_lines(100, seed=5)]
    texts += ["".join(chr(rng.randint(0x80, 0xFFFF)) for _ in range(200)).encode("utf-8", "replace").decode("utf-8", "replace") for _ in range(20)]
    for text in texts:
        chars = [c for c in text if ord(c) >= 0x80]
        plain = sum(1 for c in chars if load.is_frequent(c)) / len(chars) if chars else 1.0
        assert load.plausibility(text) == plain


def test_the_frequent_character_pattern_holds_exactly_the_frequent_characters():
    every = "".join(chr(code) for code in range(0x80, 0x10000) if not 0xD800 <= code <= 0xDFFF)
    found = set(load._frequent_characters().findall(every))
    assert found == {char for char in every if load.is_frequent(char)}


def test_the_two_byte_class_holds_exactly_the_characters_two_byte_accepts():
    # built by decoding every two-byte code at once; checked here character by character
    pattern = clean._two_byte_run()
    wrong = [code for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF
             and bool(pattern.fullmatch(chr(code))) != clean._two_byte(chr(code))]
    assert wrong == []
