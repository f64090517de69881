"""Clean stage fast paths of the mojibake repair, each compared with the plain code it stands in for:
a bare "?" weighed without building every candidate, two-byte spans and rereads by pattern, repair
without the glossary where no gloss is damaged, lines skipped whose "?" cannot begin a run, the
document's script and its Han pairs counted only as far as needed, the one-script tables."""
from __future__ import annotations

import random
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from factcheck.clean import characters, costs, mojibake, shift
ROOT = Path(__file__).resolve().parent.parent


def _plain_bare_run(line: str, position: int, context: costs.Context) -> mojibake.Run | None:
    """_bare_run as it was: every candidate built and weighed."""
    start = position + 1
    stop = shift._two_byte_span(line, start)
    if stop == start:
        return None
    candidates = [c for c in shift._candidates(line, start, 0xBF, context) if c.end > start]
    if not candidates:
        return None
    best, _ = mojibake._choose(candidates)
    if best.cost + mojibake._BARE_PRIOR >= costs._score(line[start:stop], context):
        return None
    return mojibake._run(line, position, characters.LOST, candidates)


def _plain_two_byte_span(line: str, start: int) -> int:
    end, limit = start, min(len(line), start + shift._MAX_SHIFT)
    while end < limit and shift._two_byte(line[end]):
        end += 1
    return end


@pytest.mark.parametrize("script", ["", "simp", "trad"])
def test_a_bare_question_mark_is_weighed_as_with_every_candidate_built(script, mixed_script_lines):
    """Reference: `_plain_bare_run`, the former `_bare_run` building and weighing every candidate."""
    context = costs.Context({}, script)
    for line in mixed_script_lines(400, seed=len(script)):
        for position, char in enumerate(line):
            if char == "?":
                assert mojibake._bare_run(line, position, context) == _plain_bare_run(line, position, context), line


def test_spans_and_rereads_match_the_per_character_reading(mixed_script_lines):
    """References: `_plain_two_byte_span` (a loop over `shift._two_byte`) and each character's
    byte pair reread by `characters._pair`."""
    for line in mixed_script_lines(300, seed=7) + ["鍾" * 200, "中文" * 100 + "x"]:
        for start in range(len(line) + 1):
            assert shift._two_byte_span(line, start) == _plain_two_byte_span(line, start)
        stop = shift._two_byte_span(line, 0)
        for lead in (None, 0xBF, 0xA3, 0x41):
            stretch = shift._Shift.of(line[:stop], lead)
            full = bytes((lead or 0,)) + stretch.data
            plain = tuple(
                characters.LOST if k == 0 and lead is None else (characters._pair(full[2 * k], full[2 * k + 1]) or shift._SYMBOL)
                for k in range(stop)
            )
            assert stretch.reread == plain


def test_the_two_byte_class_holds_exactly_the_characters_two_byte_accepts():
    """Reference: `shift._two_byte` asked of every character of the Basic Multilingual Plane."""
    # built by decoding every two-byte code at once; checked here character by character
    pattern = shift._two_byte_run()
    wrong = [code for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF
             and bool(pattern.fullmatch(chr(code))) != shift._two_byte(chr(code))]
    assert wrong == []


class _AlwaysDamaged:
    """_DAMAGED_GLOSS that claims a damaged gloss in every document: the glossary always built."""

    def __getattr__(self, name):
        return getattr(_DAMAGED, name)

    def search(self, *args, **kwargs):
        return True


_DAMAGED = shift._DAMAGED_GLOSS


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name[:3])
def test_repair_without_the_glossary_where_no_gloss_is_damaged(path, monkeypatch):
    """Reference: `mojibake.repair_document` with the glossary always built (`_AlwaysDamaged`)."""
    text = path.read_text(encoding="utf-8")
    extra = "\n".join(["為何是八周時間?這與模型發布節奏緊密掛鉤。", "這是否意味著警報將在明年一月結束?”他在會上問。", "銀行(yín)"])
    for document in (text, extra, text.replace("?", "？") + "\n" + extra):
        lines = document.split("\n")
        quick = mojibake.repair_document(lines, document)
        monkeypatch.setattr(mojibake, "_DAMAGED_GLOSS", _AlwaysDamaged())
        full = mojibake.repair_document(lines, document)
        monkeypatch.setattr(mojibake, "_DAMAGED_GLOSS", _DAMAGED)
        assert quick == full


_QUESTION_LINES = [
    "为什么?因为", "網址?id=3&x=y", "結束?”他問", "好?(hǎo)", "?yàn)樗", "问?", "??", "a?b", "吗?Sam", "吗?　好", "吗?\ufffd",
    "銀?¥5", "？?，", "吗?%", "吗?@", "吗?~", "吗?kW",
]


@pytest.mark.parametrize("script", ["", "simp", "trad"])
def test_a_question_mark_before_no_shifted_character_is_punctuation(script):
    """Reference: the full weighing of every candidate (`shift._candidates`, `mojibake._choose`)."""
    context = costs.Context({("yàn", 0xD1): frozenset({"验"})}, script)
    for line in _QUESTION_LINES:
        for position, char in enumerate(line):
            start = position + 1
            if char != "?" or shift._two_byte_span(line, start) > start:
                continue
            candidates = [c for c in shift._candidates(line, start, 0xBF, context) if c.end > start]
            if candidates:  # the full weighing, which the shortcut skips, refuses them all
                best = mojibake._choose(candidates)[0]
                assert best.cost + mojibake._BARE_PRIOR >= costs._score("", context), (line, position)
            assert mojibake._bare_run(line, position, context) is None


@pytest.mark.parametrize("path", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name[:3])
def test_lines_whose_question_marks_cannot_begin_a_run_are_not_repaired(path, monkeypatch):
    """Reference: `mojibake.repair_document` with every line taken as one that may hold a run."""
    text = path.read_text(encoding="utf-8") + "\n" + "\n".join(_QUESTION_LINES)
    lines = text.split("\n")
    quick = mojibake.repair_document(lines, text)
    monkeypatch.setattr(mojibake, "_may_hold_run", lambda line: True)
    assert quick == mojibake.repair_document(lines, text)


# ------------------------------------------------------------------ the document's script


def test_the_script_tables_agree_with_encoding_each_character():
    """Reference: `characters._encodable` in GB2312 and Big5, character by character."""
    trad_only, simp_only = characters._one_script_characters()
    for code in range(0x4E00, 0xA000, 7):
        char = chr(code)
        in_gb, in_big5 = characters._encodable(char, "gb2312"), characters._encodable(char, "big5")
        assert bool(trad_only.match(char)) == (in_big5 and not in_gb)
        assert bool(simp_only.match(char)) == (in_gb and not in_big5)


def _plain_document_script(text: str) -> str:
    """document_script as it was: both kinds of one-script character counted in full."""
    trad_only, simp_only = characters._one_script_characters()
    trad, simp = len(set(trad_only.findall(text))), len(set(simp_only.findall(text)))
    if trad >= 5 and trad > 2 * simp:
        return "trad"
    if simp >= 5 and simp > 2 * trad:
        return "simp"
    return ""


@lru_cache(maxsize=1)
def _one_script_pools() -> tuple[list[str], list[str]]:
    codes = range(0x4E00, 0xA000)
    trad_only, simp_only = characters._one_script_characters()
    return ([chr(c) for c in codes if trad_only.fullmatch(chr(c))], [chr(c) for c in codes if simp_only.fullmatch(chr(c))])


@pytest.mark.parametrize("seed", range(400))
def test_document_script_counts_each_kind_only_as_far_as_needed(seed: int) -> None:
    """Reference: `_plain_document_script`, both kinds of one-script character counted in full."""
    rng = random.Random(seed)
    trad_pool, simp_pool = _one_script_pools()
    # either kind few or many, around the thresholds (5, twice the other) and past them, mixed
    trad = rng.sample(trad_pool, rng.choice([rng.randint(0, 8), rng.randint(0, 60)]))
    simp = rng.sample(simp_pool, rng.choice([rng.randint(0, 8), rng.randint(0, 60)]))
    chars = [*trad * rng.randint(1, 3), *simp * rng.randint(1, 3), *"的一是在不了有和人中，。abc \n"]
    text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 600))) + "".join(rng.sample(chars, len(chars)))
    assert characters.document_script(text) == _plain_document_script(text)


def _plain_han_pairs(text: str) -> Counter:
    return Counter(a + b for a, b in zip(text, text[1:]) if characters._is_han(a) and characters._is_han(b))


@pytest.mark.parametrize("seed", range(200))
def test_han_pairs_read_within_runs_as_character_by_character(seed: int) -> None:
    """Reference: `_plain_han_pairs`, every neighbouring pair tested with `characters._is_han`."""
    rng = random.Random(seed)
    # Han of every range _is_han accepts and their edges, with what stands between them
    alphabet = [*"的一是中國国\u3400\u4dbf\u9fff\uf900\ufaff", "\u33ff", "\ua000", "\uf8ff", "\ufb00", *"，。?a 1\n", "\U00020000"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
    assert characters.han_pairs(text) == _plain_han_pairs(text)
