"""How ordinary a reading of damaged text is in its document: what the document tells about its
own text (`Context`: the characters it glosses, its script, the Han pairs it uses) and the cost of
each character and pair under it (0 = ordinary)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .characters import LOST, _HAN, _SYLLABLE, _encodable, _gb, _is_han, frequent


@dataclass(frozen=True)
class Context:
    """What the whole document tells about its own text: its glosses, script, familiar pairs."""

    glossary: dict[tuple[str, int], frozenset[str]]
    script: str
    pairs: Counter = field(default_factory=Counter)  # Han pairs of the document (after a first pass)
    own: Counter = field(default_factory=Counter)  # the current line's own pairs, not evidence


_PAIR_BONUS = 0.3  # per character pair the document uses elsewhere
_PUNCT_BONUS = 0.2
_GLOSSED = re.compile(rf"\((?<=([{_HAN}])\()({_SYLLABLE})\)")  # group 1: the glossed character


def glossary(text: str) -> dict[tuple[str, int], frozenset[str]]:
    """(pinyin, first GB18030 byte) -> characters the document glosses with it, intact."""
    table: dict[tuple[str, int], set[str]] = {}
    for char, pinyin in _GLOSSED.findall(text):
        data = _gb(char)
        if len(data) == 2:
            table.setdefault((pinyin, data[0]), set()).add(char)
    return {key: frozenset(chars) for key, chars in table.items()}


def _glossed(context: Context, pinyin: str, lead: int | None) -> str | None:
    chars = context.glossary.get((pinyin, lead), frozenset()) if lead is not None else frozenset()
    return min(chars) if len(chars) == 1 else None


_PUNCT = frozenset("，。、：；！？“”‘’（）《》〈〉「」『』【】—…·－～　％")


@lru_cache(maxsize=131072)
def _cost(char: str, script: str) -> float:
    """How unlikely a character is in running text of this script (0 = ordinary)."""
    if char in _PUNCT:  # a shift turns punctuation into ideographs: kept punctuation is evidence
        return -_PUNCT_BONUS
    if char == LOST or ord(char) < 0x80:
        return 0.0
    if _is_han(char):
        cost = 0.0 if frequent(char) else 1.0
        if script == "trad" and _encodable(char, "gb2312") and not _encodable(char, "big5"):
            cost += 1.0
        elif script == "simp" and _encodable(char, "big5") and not _encodable(char, "gb2312"):
            cost += 1.0
        return cost
    return 3.0


class _CostTable(dict):
    """_cost of each character met, for one script: looked up in C by map() over a whole span."""

    def __init__(self, script: str):
        super().__init__()
        self.script = script

    def __missing__(self, char: str) -> float:
        cost = self[char] = _cost(char, self.script)
        return cost


@lru_cache(maxsize=8)
def _cost_table(script: str) -> _CostTable:
    return _CostTable(script)


def _score(text: str, context: Context) -> float:
    familiar = sum(1 for a, b in zip(text, text[1:]) if _familiar(a, b, context)) if context.pairs else 0
    return sum(map(_cost_table(context.script).__getitem__, text)) - _PAIR_BONUS * familiar


def _familiar(a: str, b: str, context: Context) -> bool:
    if not context.pairs:
        return False
    pair = a + b
    return context.pairs.get(pair, 0) > context.own.get(pair, 0) and _is_han(a) and _is_han(b)
