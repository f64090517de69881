"""Pinyin glosses: `字(zì)` stripped to `字`, the whole document in one pass, and counted, the
damaged ones mojibake repair consumed included, for one `pinyin-gloss` problem."""
from __future__ import annotations

import re

from ..model import Problem
from .characters import _HAN, _SYLLABLE
from .mojibake import Run
from .shift import _DAMAGED_GLOSS


# A tone mark is required: it keeps "(code red)" and "(GW)" apart from glosses. The patterns open
# with "(" and look behind it from there: the regex engine then jumps from one "(" to the next
# instead of trying a lookbehind at every character.
_GLOSS = re.compile(rf"\((?<=[{_HAN}]\()({_SYLLABLE})\)|\((?<=[A-Za-z]\()({_SYLLABLE})\)(?=[A-Za-z])")


def strip_glosses(text: str) -> tuple[str, list[str]]:
    """Text without pinyin glosses, and the glosses removed (in order)."""
    found = [m.group(0) for m in _GLOSS.finditer(text)]
    return (_GLOSS.sub("", text), found) if found else (text, [])


Gloss = tuple[int, str]  # (line number, gloss as written)


def _without_glosses(
    lines: list[str], text: str, numbers: range, damaged: list[tuple[int, list[Run]]]
) -> tuple[list[str], Gloss | None, int]:
    """strip_glosses of every line in one pass over the document (a gloss never meets a newline,
    nor does what _GLOSS looks at around it); the first gloss stripped in line order (a line's
    damaged glosses before its intact ones) and how many, damaged ones included. `text` is the
    lines joined with "\n"."""
    stripped, count = _GLOSS.subn("", text)
    stripped_lines = stripped.split("\n")
    if len(stripped_lines) != len(lines):
        return _without_glosses_by_line(lines, numbers, damaged)
    broken = _damaged_glosses(damaged)
    first = broken[0] if broken else None
    if count:
        match = _GLOSS.search(text)
        number = numbers[text.count("\n", 0, match.start())]
        if first is None or number < first[0]:
            first = (number, match.group(0))
    return stripped_lines, first, count + len(broken)


def _damaged_glosses(damaged: list[tuple[int, list[Run]]]) -> list[Gloss]:
    return [(number, m.group(0)) for number, runs in damaged for run in runs for m in _DAMAGED_GLOSS.finditer(run.raw)]


def _without_glosses_by_line(
    lines: list[str], numbers: range, damaged: list[tuple[int, list[Run]]]
) -> tuple[list[str], Gloss | None, int]:
    runs_of = dict(damaged)
    texts, glosses = [], []
    for number, line in zip(numbers, lines):
        text, found = strip_glosses(line)
        glosses.extend(_damaged_glosses([(number, runs_of[number])]) if number in runs_of else [])
        glosses.extend((number, gloss) for gloss in found)
        texts.append(text)
    return texts, (glosses[0] if glosses else None), len(glosses)


def _gloss_problem(first: Gloss | None, count: int) -> list[Problem]:
    if first is None:
        return []
    line, raw = first
    noun = "gloss" if count == 1 else "glosses"
    return [Problem("pinyin-gloss", line, raw, f"{count} pinyin {noun} stripped", str(count))]
