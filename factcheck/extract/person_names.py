"""Person names in one line: Latin names, CJK transliterations with a middle dot, and pairings of both.

A pairing names one person in both scripts, one of them in parentheses; a Latin name alone needs
evidence (people.py asks for it)."""
from __future__ import annotations

import bisect
import itertools
import re
from typing import NamedTuple

from .context import Scanner
from .person_lexicon import DOTS, _Lexicon, _is_cjk
from .person_titles import _DOMAIN_STOP, _TitleLine, _skip_back, _title_words

_DOT = re.compile(f"[{DOTS}]")
_ONE_DOT = str.maketrans(dict.fromkeys(DOTS, "·"))  # a CJK name is keyed with the middle dot
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# One capitalised name word: Sam, McDonald, Jean-Luc, O'Brien, José.
_TOKEN = rf"(?:[{_UPPER}]')?[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}]?[{_LOWER}]+)?"
_INITIAL = rf"[{_UPPER}]\."
_PARTICLES = ("van", "von", "de", "da", "di", "del", "der", "den", "du", "la", "le", "bin", "ibn", "al", "dos", "das")
_PARTICLE = f"(?:{'|'.join(_PARTICLES)})"
# The first token as _TOKEN reads it, its capital first and then the lookbehind (no capital inside
# a word): a pattern opening with a character class is scanned for by the engine itself.
_FIRST_TOKEN = rf"[{_UPPER}](?<![A-Za-z0-9\-'.].)(?:'[{_UPPER}])?[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:-[{_UPPER}]?[{_LOWER}]+)?"
_LATIN_RUN = Scanner(re.compile(rf"{_FIRST_TOKEN}(?: (?:{_PARTICLE} |{_INITIAL} )?{_TOKEN})+(?![A-Za-z0-9])"))
_LATIN_NAME_MAX_WORDS = 4
_PAIR_GAP_MAX = 3  # characters a paired dot name may run past the transliteration list
_PAREN = re.compile(r"[(（]\s*([^()（）\n]{2,60}?)\s*[)）]")


class _Marks:
    """The characters of a line that some names hold, to tell whether a name overlaps any of
    them by one search in C (`_overlaps` tests every name)."""

    def __init__(self, length: int, names: list = ()):
        self.names: list = []
        self.marks = bytearray(length)
        self.empty = False  # whether an empty name was added (none is read)
        for name in names:
            self.add(name)

    def add(self, name) -> None:
        self.names.append(name)
        if name.end > name.start:
            self.marks[name.start:name.end] = b"\x01" * (name.end - name.start)
        else:
            self.empty = True

    def overlaps(self, name) -> bool:
        if name.end > name.start and not self.empty:
            return self.marks.find(1, name.start, name.end) >= 0
        return _overlaps(name, self.names)  # an empty name overlaps a name it lies strictly inside


class _Name(NamedTuple):
    start: int
    end: int
    latin: str = ""
    cjk: str = ""


def _latin_name(text: str, lex: _Lexicon) -> str:
    """`text` if it reads as a person's name in Latin script (2-4 words, no stop words), else ""."""
    if not _LATIN_RUN.pattern.fullmatch(text):
        return ""
    words = text.split()
    capitalised = [w for w in words if w not in _PARTICLES]
    if not 2 <= len(capitalised) <= _LATIN_NAME_MAX_WORDS:
        return ""
    if any(w.lower().rstrip(".") in lex.not_names or w.lower() in lex.generic_terms for w in capitalised):
        return ""
    return " ".join(words)


def _latin_candidates(norm: str, lex: _Lexicon, line: _TitleLine, skip: list[_Name]) -> list[_Name]:
    """Capitalised runs; leading honorifics and titles (Dr, President, Chief X Officer) are not the name.

    A run whose last character lies in a name of `skip` is not read: its candidate ends there."""
    names = []
    skipped = _Marks(len(norm), skip).marks
    title_words, word_starts = line.words, line.word_starts
    for match in _LATIN_RUN.finditer(norm):
        last = match.end() - 1
        if skipped[last]:  # a character of a name of `skip`
            continue
        # the title words inside the run, found by bisection (the line's every word per run cost runs x words)
        inside = title_words[bisect.bisect_left(word_starts, match.start()):bisect.bisect_right(word_starts, match.end())]
        start = max([match.start(), *(w.end + 1 for w in inside if w.end < match.end())])
        words = norm[start : match.end()].split(" ")
        while words and (words[0].lower().rstrip(".") in lex.not_names or words[0].lower() in lex.title_roles):
            start += len(words[0]) + 1
            words = words[1:]
        latin = _latin_name(" ".join(words), lex)
        if latin:
            names.append(_Name(start, start + len(latin), latin=latin))
    return names


def _dot_names(norm: str, lex: _Lexicon, line: _TitleLine) -> list[_Name]:
    """Transliterations with a middle dot: 萨姆·奥特曼, 马克·陈, read as far as the name goes."""
    names: list[_Name] = []
    if _next_dot(norm, 0) < 0:
        return names
    cuts = [m.span() for m in lex.boundaries.finditer(norm)] if lex.boundaries else []
    glued = _Reach([*((w.start, w.end) for w in line.words), *cuts])  # built once per line, not per dot
    cut_starts = [lo for lo, _ in cuts]  # ascending: the matches of one pattern
    pos = 0
    while pos < len(norm):
        dot = _next_dot(norm, pos)
        if dot < 0:
            break
        start = _left_part_start(norm, dot, lex, glued)
        end = dot
        while end < len(norm) and norm[end] in DOTS and end > start:
            right = _right_part_end(norm, end + 1, lex, cut_starts)
            if right == end + 1:
                break
            end = right
        if start < dot and end > dot:
            cjk = norm[start:end].translate(_ONE_DOT)
            names.append(_Name(start, end, cjk=cjk))
            pos = end
        else:
            pos = dot + 1
    return names


def _next_dot(norm: str, pos: int) -> int:
    match = _DOT.search(norm, pos)
    return match.start() if match else -1


class _Reach:
    """Spans, for the furthest end of those starting before a position, by bisection.

    A title word or boundary word glued on the left of a dot name is not the name: the plain
    reading, one pass over the line's words per dot, moves the start to min(hi, dot) for each
    span (lo, hi) with lo < dot and hi past the start so far. The start only grows, and a span
    ending at or before it moves nothing: so the start is the larger of the first one and
    min(dot, the furthest hi of a span with lo < dot), whatever the order of the spans."""

    def __init__(self, spans: list[tuple[int, int]]):
        spans = sorted(spans)
        self.starts = [lo for lo, _ in spans]
        self.furthest = list(itertools.accumulate((hi for _, hi in spans), max))

    def before(self, pos: int) -> int | None:
        """The furthest end of a span starting before `pos`; None if none does."""
        count = bisect.bisect_left(self.starts, pos)
        return self.furthest[count - 1] if count else None


def _left_part_start(norm: str, dot: int, lex: _Lexicon, glued: _Reach) -> int:
    start = dot
    while start > 0 and dot - start < 6 and norm[start - 1] in lex.translit:
        start -= 1
    furthest = glued.before(dot)  # a title word or boundary word glued on the left is not the name
    return start if furthest is None else max(start, min(furthest, dot))


def _right_part_end(norm: str, pos: int, lex: _Lexicon, cut_starts: list[int]) -> int:
    end = pos
    while end < len(norm) and end - pos < 6 and norm[end] in lex.translit:
        end += 1
    if end == pos and pos < len(norm) and norm[pos] in lex.surnames:
        end = pos + 1  # a Chinese surname after a Western given name: 马克·陈, 珍妮·肖
    first = bisect.bisect_right(cut_starts, pos)  # the first cut starting after pos ends the name there
    if first < len(cut_starts) and cut_starts[first] < end:
        end = cut_starts[first]
    return end


def _pairs(norm: str, lex: _Lexicon, dot_names: list[_Name]) -> list[_Name]:
    """`中文名(Latin Name)` and `Latin Name（中文名）`: one person named in both scripts."""
    dot_exact = {(n.start, n.end): n for n in dot_names}
    dot_ends = [n.end for n in dot_names]  # ascending: each dot name ends past the one before
    latin_ending: dict[int, re.Match] | None = None
    pairs = []
    for paren in _PAREN.finditer(norm):
        inner, (lo, hi) = paren.group(1), paren.span(1)
        latin = _latin_name(inner, lex)
        if latin:
            before = _skip_back(norm, paren.start(), " ")
            cjk_name = _dot_name_reaching(norm, before, dot_names, dot_ends) or _plain_cjk_name(norm, before, latin, lex)
            if cjk_name:
                pairs.append(_Name(cjk_name.start, paren.end(), latin=latin, cjk=cjk_name.cjk))
            continue
        cjk_name = dot_exact.get((lo, hi)) or _whole_cjk_name(inner, lo, lex)
        if not cjk_name:
            continue
        if latin_ending is None:  # the line's Latin runs, read once a paren holds a CJK name
            latin_ending = {m.end(): m for m in _LATIN_RUN.finditer(norm)}
        run = latin_ending.get(_skip_back(norm, paren.start(), " "))
        latin = _latin_name(run.group(0), lex) if run else ""
        if latin:
            pairs.append(_Name(run.start(), paren.end(), latin=latin, cjk=cjk_name.cjk))
    return pairs


def _dot_name_reaching(norm: str, end: int, dot_names: list[_Name], dot_ends: list[int]) -> _Name | None:
    """The dot name ending at `end`, or stopping short of it by a few characters the
    transliteration list lacks (彼得罗夫 read as 彼): the pairing shows where the name ends.

    Only names ending from end - _PAIR_GAP_MAX to `end` can: found by bisecting their ends,
    ascending in the names' order (a scan of every dot name per parenthesis cost n^2)."""
    first = bisect.bisect_left(dot_ends, end - _PAIR_GAP_MAX)
    last = bisect.bisect_right(dot_ends, end)
    for name in dot_names[first:last]:
        gap = norm[name.end : end]
        if name.end <= end and len(gap) <= _PAIR_GAP_MAX and all(_is_cjk(c) and c not in _DOMAIN_STOP for c in gap):
            return _Name(name.start, end, cjk=norm[name.start : end].translate(_ONE_DOT))
    return None


def _plain_cjk_name(norm: str, end: int, latin: str, lex: _Lexicon) -> _Name | None:
    """A CJK name with no dot before a Latin name: a transliteration or surname + given name.

    A run of transliteration characters is cut where a title word ends (秘书长|古特雷斯); three
    or more of them before a Latin name are taken as its transliteration, two only when the
    Latin given name is a known one (else 雷斯 could be a Chinese surname and given name)."""
    start = end
    while start > 0 and end - start < 6 and norm[start - 1] in lex.translit:
        start -= 1
    if start > 0 and norm[start - 1] in DOTS:
        return None  # the tail of a dot name, not a name of its own
    for word in _title_words(norm[max(0, start - 8):end], lex):
        word_end = max(0, start - 8) + word.end
        if start < word_end < end:
            start = word_end
    if end - start >= 3 or (end - start >= 2 and latin.split()[0].lower() in lex.given):
        return _Name(start, end, cjk=norm[start:end])
    for length in (3, 2):
        head = end - length
        if head >= 0 and all(_is_cjk(c) for c in norm[head:end]) and norm[head] in lex.surnames:
            return _Name(head, end, cjk=norm[head:end])
    return None


def _whole_cjk_name(inner: str, offset: int, lex: _Lexicon) -> _Name | None:
    if not 2 <= len(inner) <= 4 or not all(_is_cjk(c) for c in inner):
        return None
    if all(c in lex.translit for c in inner) or (inner[0] in lex.surnames and len(inner) <= 3):
        return _Name(offset, offset + len(inner), cjk=inner)
    return None


def _overlaps(name: _Name, taken: list[_Name]) -> bool:
    return any(name.start < t.end and t.start < name.end for t in taken)
