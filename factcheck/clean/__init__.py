"""Stage 2, clean: drop web debris, strip pinyin glosses, repair mojibake; keep original line numbers.

Order per line: invisible characters out, mojibake repaired, pinyin glosses stripped. Then the
document is cut to its body: lines before the first and after the last prose line are web debris
(titles, bylines, datelines, share widgets, footers), and so are lines matching the
`[lexicon.boilerplate]` patterns anywhere. The dateline/byline is dropped with them: load has
already read the publication date from it, and it holds no claim. A footer (a stop pattern) ends
the body; what follows it is dropped, with a `dropped-text` problem when it holds running text,
unless the footer repeats: several articles concatenated in one file are then all read.

Mojibake model (see docs and the measured-facts note): a byte-level GBK converter that inserts
pinyin matched a two-byte code spanning two characters (or rewrote a spanning `？` A3 BF to ASCII
`?`). The decoder then read the byte before the inserted `(` as an invalid pair, shown as `?`,
and everything after it one byte off until a single-byte code put it back in step. A run is
repaired by re-encoding it with GB18030, putting the lost byte back in front and decoding again.
Characters whose bytes are gone are marked U+FFFD; nothing is guessed.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import add
from typing import Any

from ..config import Config, rule_regex
from ..model import Document, Line, Problem, RawDocument

LOST = "\ufffd"  # marks a character whose bytes were destroyed

# ------------------------------------------------------------------- invisible marks

_INVISIBLE_CHARS = "\u200b-\u200d\ufeff\u00ad\u2060\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL_CHARS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but tab and newline, DEL, C1
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Terminal escape sequences go whole: their parameters ("[2J", "[31m") are no text either.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: cursor, colour, clear screen
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"  # OSC: window title, hyperlink
    r"|\x1b[ -/]*[0-~]"  # any other escape
)
_CONTROL = re.compile(f"[{_CONTROL_CHARS}]")
_INVISIBLE_OR_CONTROL = re.compile(f"[{_INVISIBLE_CHARS}{_CONTROL_CHARS}]")


def strip_invisible(text: str) -> str:
    """Zero-width characters, soft hyphens, bidi marks (they split words for matching) and control
    characters with the terminal escape sequences they start (a report must never replay them)."""
    if not _INVISIBLE_OR_CONTROL.search(text):  # the common case: one scan instead of two
        return text
    if _CONTROL.search(text):  # rare: the escape-sequence pattern is only run where it can match
        text = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    return _INVISIBLE.sub("", text)


# ---------------------------------------------------------------------- pinyin glosses

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[a-zü]{{0,5}}[{_TONED}][a-zü]{{0,4}}"
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A tone mark is required: it keeps "(code red)" and "(GW)" apart from glosses. The patterns open
# with "(" and look behind it from there: the regex engine then jumps from one "(" to the next
# instead of trying a lookbehind at every character.
_GLOSS = re.compile(rf"\((?<=[{_HAN}]\()({_SYLLABLE})\)|\((?<=[A-Za-z]\()({_SYLLABLE})\)(?=[A-Za-z])")
_GLOSSED = re.compile(rf"\((?<=([{_HAN}])\()({_SYLLABLE})\)")  # group 1: the glossed character
_DAMAGED_GLOSS = re.compile(rf"\?({_SYLLABLE})\)")  # its "(" was eaten with a byte


def strip_glosses(text: str) -> tuple[str, list[str]]:
    """Text without pinyin glosses, and the glosses removed (in order)."""
    found = [m.group(0) for m in _GLOSS.finditer(text)]
    return (_GLOSS.sub("", text), found) if found else (text, [])


# --------------------------------------------------------------------------- mojibake


@dataclass(frozen=True)
class Run:
    """One damaged stretch of a line: where it was, what was there, what replaces it."""

    start: int
    end: int
    raw: str
    text: str  # replacement for raw: repaired (U+FFFD for lost characters), or all U+FFFD
    repaired: bool


@dataclass(frozen=True)
class Context:
    """What the whole document tells about its own text: its glosses, script, familiar pairs."""

    glossary: dict[tuple[str, int], frozenset[str]]
    script: str
    pairs: Counter = field(default_factory=Counter)  # Han pairs of the document (after a first pass)
    own: Counter = field(default_factory=Counter)  # the current line's own pairs, not evidence


_BARE_PRIOR = 0.5  # evidence a bare "?" needs before it is read as damage, not punctuation
_PAIR_BONUS = 0.3  # per character pair the document uses elsewhere
_GUESSED_BYTE = 0.25  # a resync by a vanished 0x80 byte is a hypothesis, not evidence
_UNKNOWN_END = 0.5  # the shift ended and took a byte we cannot name
_UNEXPLAINED_END = 1.5  # ... and not by a vanished 0x80, the only silent end we know
_PUNCT_BONUS = 0.2
_TIE = 1e-6
_MAX_SHIFT = 160  # characters weighed after a damage mark; longer shifts end up masked
_MAX_RUN_COST = 1.5  # a repaired run may hold one odd character ...
_MAX_CHAR_COST = 0.5  # ... or a few in a long run, but no more
_SYMBOL = "\u25a1"  # an invalid pair while re-decoding: costs like any symbol


@lru_cache(maxsize=65536)
def _gb(char: str) -> bytes:
    try:
        return char.encode("gb18030")
    except UnicodeEncodeError:
        return b""


@lru_cache(maxsize=131072)
def _pair(lead: int | None, trail: int, codec: str = "gb18030") -> str | None:
    if lead is None:
        return None
    try:
        text = bytes((lead, trail)).decode(codec)
    except UnicodeDecodeError:
        return None
    return text if len(text) == 1 else None


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


def document_script(text: str) -> str:
    """"trad", "simp" or "" from the characters only one of Big5 and GB2312 can write."""
    trad_only, simp_only = _one_script_characters()
    # The regex engine finds such characters; set(text) would make one string per character. A
    # document holds hundreds of its own script's and a few of the other's: each kind is counted
    # only up to where more can change no answer below (at least 5, and more than twice the
    # other), so only the rare kind is counted in full.
    trad = _distinct_up_to(trad_only, text, 5)
    if trad < 5:  # exact: "trad" is out
        simp = _distinct_up_to(simp_only, text, max(5, 2 * trad + 1))
        return "simp" if simp >= 5 and simp > 2 * trad else ""
    simp = _distinct_up_to(simp_only, text, 5)
    if simp < 5:  # exact: "simp" is out
        trad = _distinct_up_to(trad_only, text, max(5, 2 * simp + 1))
        return "trad" if trad >= 5 and trad > 2 * simp else ""
    return _script_of_mixed(text, trad_only, simp_only)


def _script_of_mixed(text: str, trad_only: re.Pattern, simp_only: re.Pattern) -> str:
    """document_script where both kinds number 5 or more: Traditional counted in full."""
    trad = len(set(trad_only.findall(text)))
    simp = _distinct_up_to(simp_only, text, 2 * trad + 1)
    if trad > 2 * simp:
        return "trad"
    return "simp" if simp > 2 * trad else ""


def _distinct_up_to(pattern: re.Pattern, text: str, cap: int) -> int:
    """How many different characters `pattern` finds in `text`, counting stops at `cap`."""
    seen: set[str] = set()
    for match in pattern.finditer(text):
        seen.add(match.group())
        if len(seen) >= cap:
            break
    return len(seen)


_IDEOGRAPHS = range(0x4E00, 0xA000)  # the CJK unified ideographs document_script counts


@lru_cache(maxsize=1)
def _one_script_characters() -> tuple[re.Pattern, re.Pattern]:
    """Patterns for a CJK unified ideograph only Big5 can write, and for one only GB2312 can
    (built once, ~10 ms)."""
    in_gb, in_big5 = _writable(_IDEOGRAPHS, "gb2312"), _writable(_IDEOGRAPHS, "big5")
    trad = [code for code, gb, big5 in zip(_IDEOGRAPHS, in_gb, in_big5) if big5 and not gb]
    simp = [code for code, gb, big5 in zip(_IDEOGRAPHS, in_gb, in_big5) if gb and not big5]
    return _char_class(trad), _char_class(simp)


def _writable(codes: range, codec: str) -> list[bool]:
    """Whether a double-byte `codec` can write each non-ASCII character of `codes`: one encoding
    of them all, where a single "?" stands for each character it cannot write."""
    data = "".join(map(chr, codes)).encode(codec, errors="replace")
    flags, at = [], 0
    for _ in codes:
        flags.append(data[at : at + 1] != b"?")
        at += 2 if flags[-1] else 1
    if at != len(data):  # not double-byte after all: ask character by character
        return [_encodable(chr(code), codec) for code in codes]
    return flags


def _char_class(codes: list[int]) -> re.Pattern:
    """A pattern for one of the characters `codes` (ascending), written as ranges."""
    return re.compile(_class_source(codes))


def _class_source(codes: list[int]) -> str:
    ranges: list[list[int]] = []
    for code in codes:
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges) + "]"


@lru_cache(maxsize=65536)
def _encodable(char: str, codec: str) -> bool:
    try:
        char.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc  # imported on first use: importing factcheck stays cheap

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def frequent(char: str) -> bool:
    """In Simplified form, one of GB2312's 3755 frequency-ordered level-1 characters."""
    simple = _to_simplified().convert(char)
    try:
        data = simple.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return len(data) == 2 and 0xB0 <= data[0] <= 0xD7


_PUNCT = frozenset("，。、：；！？“”‘’（）《》〈〉「」『』【】—…·－～　％")


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


_HAN_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")  # the characters _is_han accepts


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


def han_pairs(text: str) -> Counter:
    """Every two neighbouring Han characters: read within the Han runs the regex engine finds."""
    return Counter(chain.from_iterable(map(add, run, run[1:]) for run in _HAN_RUN.findall(text)))


def _two_byte_span(line: str, start: int) -> int:
    """End of the stretch of non-ASCII characters GB18030 writes in two bytes."""
    return _two_byte_run().match(line, start, min(len(line), start + _MAX_SHIFT)).end()


@lru_cache(maxsize=1)
def _two_byte_run() -> re.Pattern:
    """A pattern for a run of characters _two_byte accepts: one C call per span instead of one
    Python call per character. Built from every two-byte code of GB18030 decoded in one call
    (4 ms, where encoding each character of the BMP took 16; a test checks both agree)."""
    trails = bytes([*range(0x40, 0x7F), *range(0x80, 0xFF)])
    codes = b"".join(bytes(chain.from_iterable(zip(repeat(lead), trails))) for lead in range(0x81, 0xFF))
    two_byte = sorted({ord(char) for char in codes.decode("gb18030")} - {ord(LOST)})
    return re.compile(_class_source(two_byte) + "*")


def _two_byte(char: str) -> bool:
    return char != LOST and ord(char) >= 0x80 and len(_gb(char)) == 2


@dataclass(frozen=True)
class _Shift:
    """A stretch read one byte off: as displayed, and re-read with the lost lead byte in front."""

    displayed: str
    data: bytes  # the displayed characters' GB18030 bytes
    reread: tuple[str, ...]  # reread[k]: k-th character re-read (LOST when the lead is unknown)
    lead: int | None

    @classmethod
    def of(cls, displayed: str, lead: int | None) -> "_Shift":
        data = displayed.encode("gb18030")  # two bytes a character: _two_byte_span made sure
        full = bytes((lead if lead is not None else 0,)) + data
        reread = _reread_whole(full, len(displayed), lead) or tuple(
            LOST if k == 0 and lead is None else (_pair(full[2 * k], full[2 * k + 1]) or _SYMBOL)
            for k in range(len(displayed))
        )
        return cls(displayed, data, reread, lead)

    def dangling(self, count: int) -> int | None:
        """The byte left over after re-reading `count` characters: it led the next one."""
        return self.data[2 * count - 1] if count else self.lead


def _reread_whole(full: bytes, count: int, lead: int | None) -> tuple[str, ...] | None:
    """The `count` pairs of `full` decoded in one call, or None where a pair may not read alone.

    With every lead byte 0x81 or above, each character the decoder reads takes two bytes or
    four; `count` characters out of 2 * `count` bytes then took two each, as _pair reads them."""
    pairs = full[: 2 * count]
    if lead is None or min(pairs[::2], default=0x81) < 0x81:
        return None
    try:
        text = pairs.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return tuple(text) if len(text) == count else None


@dataclass(frozen=True)
class _Candidate:
    end: int  # the run ends here in the line
    cost: float  # of the repaired text plus the unshifted characters up to the span's end
    shift: _Shift
    count: int  # characters re-read
    last: str  # the character completing the dangling byte (or LOST)

    @property
    def text(self) -> str:
        """Replacement for the run."""
        return "".join(self.shift.reread[: self.count]) + self.last


def _candidates(line: str, start: int, lead: int | None, context: Context) -> list[_Candidate]:
    """Every way the shift that starts at `start` can end, each with its repaired text."""
    stop = _two_byte_span(line, start)
    shift = _Shift.of(line[start:stop], lead)
    costs = _Costs(shift, context)
    out = []
    for count in range(len(shift.displayed) + 1):
        last, extra = _shift_end(shift.dangling(count), context.script)
        out.append(_Candidate(start + count, costs.of(count, last) + extra, shift, count, last))
    out.extend(_visible_ends(line, stop, shift, costs, context))
    return out


@lru_cache(maxsize=1024)
def _shift_end(dangling: int | None, script: str) -> tuple[str, float]:
    """The character completing the dangling byte where the shift ends unseen, and what that
    guess costs on top of the character."""
    completed = _pair(dangling, 0x80, "gbk")  # a lone 0x80 ends a shift without a trace
    if dangling is not None and dangling < 0x80:  # an ASCII byte read as a trail: back in step
        return chr(dangling), 0.0
    if completed and _cost(completed, script) == 0:
        return completed, _GUESSED_BYTE
    # the byte that ended the shift is gone; without 0x80 we know no way it could go
    return LOST, _UNKNOWN_END if completed else _UNEXPLAINED_END


@lru_cache(maxsize=8)
def _shift_end_costs(script: str) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per dangling byte: the cost of the character _shift_end completes, and its extra cost."""
    ends = [_shift_end(byte, script) for byte in range(256)]
    return tuple(_cost(last, script) for last, _ in ends), tuple(extra for _, extra in ends)


def _cheapest_unfamiliar(line: str, start: int, stop: int, context: Context) -> float:
    """The cost of the cheapest candidate _candidates(line, start, 0xBF, context) that ends
    after `start`, where no pair is familiar: the same sums, no candidate built."""
    shift = _Shift.of(line[start:stop], 0xBF)
    head, rest = _plain_sums(shift, context.script)
    last_costs, extras = _shift_end_costs(context.script)
    trails = shift.data[1::2]  # the byte dangling after 1, 2, ... characters re-read
    cheapest = min(map(add, map(add, map(add, head[1:], map(last_costs.__getitem__, trails)), rest[1:]), map(extras.__getitem__, trails)))
    shown = _visible_end(line, stop, shift.dangling(len(shift.displayed)), context)
    if shown:
        cheapest = min(cheapest, head[-1] + _cost(shown[1], context.script))
    return cheapest


class _Costs:
    """Scores of every split "re-read head + last + displayed rest" in linear time."""

    def __init__(self, shift: _Shift, context: Context):
        self.shift, self.context = shift, context
        if not context.pairs:  # no pair is familiar: the sums of the character costs alone
            self.head, self.rest = _plain_sums(shift, context.script)
            return
        reread, shown = shift.reread, shift.displayed
        self.head = [0.0]
        for k, char in enumerate(reread):
            bonus = _PAIR_BONUS * _familiar(reread[k - 1], char, context) if k else 0.0
            self.head.append(self.head[-1] + _cost(char, context.script) - bonus)
        self.rest = [0.0] * (len(shown) + 1)
        for k in range(len(shown) - 1, -1, -1):
            bonus = _PAIR_BONUS * _familiar(shown[k], shown[k + 1], context) if k + 1 < len(shown) else 0.0
            self.rest[k] = self.rest[k + 1] + _cost(shown[k], context.script) - bonus

    def of(self, count: int, last: str, with_rest: bool = True) -> float:
        reread, shown, context = self.shift.reread, self.shift.displayed, self.context
        cost = self.head[count] + _cost(last, context.script)
        if count:
            cost -= _PAIR_BONUS * _familiar(reread[count - 1], last, context)
        if with_rest and count < len(shown):
            cost += self.rest[count] - _PAIR_BONUS * _familiar(last, shown[count], context)
        return cost


def _plain_sums(shift: _Shift, script: str) -> tuple[list[float], list[float]]:
    """_Costs' head and rest where no pair is familiar, added in the same order as its loops."""
    cost = _cost_table(script).__getitem__
    head = list(accumulate(map(cost, shift.reread), initial=0.0))
    rest = list(accumulate(map(cost, reversed(shift.displayed)), initial=0.0))
    rest.reverse()
    return head, rest


def _familiar(a: str, b: str, context: Context) -> bool:
    if not context.pairs:
        return False
    pair = a + b
    return context.pairs.get(pair, 0) > context.own.get(pair, 0) and _is_han(a) and _is_han(b)


def _visible_ends(line: str, stop: int, shift: _Shift, costs: _Costs, context: Context) -> list[_Candidate]:
    """Ends shown in the text: an ASCII trail byte, or an invalid pair displayed as "?"."""
    count = len(shift.displayed)
    shown = _visible_end(line, stop, shift.dangling(count), context)
    if not shown:
        return []
    end, last = shown
    return [_Candidate(end, costs.of(count, last, with_rest=False), shift, count, last)]


def _visible_end(line: str, stop: int, dangling: int | None, context: Context) -> tuple[int, str] | None:
    """(end, last character) of the end shown at `stop`, if there is one."""
    if stop >= len(line):
        return None
    damaged = _DAMAGED_GLOSS.match(line, stop)
    if damaged:  # the dangling byte led the glossed character: the glossary may name it
        last, end = _glossed(context, damaged.group(1), dangling) or LOST, damaged.end()
    elif line[stop] == "?":
        last, end = LOST, stop + 1
    elif 0x40 <= ord(line[stop]) <= 0x7E and dangling is not None and dangling >= 0x80:
        last, end = _pair(dangling, ord(line[stop])), stop + 1
    elif 0x40 <= ord(line[stop]) <= 0x7E and dangling is None:
        last, end = LOST, stop + 1
    else:
        return None
    return (end, last) if last else None


def _choose(candidates: list[_Candidate]) -> tuple[_Candidate, list[_Candidate]]:
    """The cheapest candidate and its rivals (other texts at the same cost)."""
    ranked = sorted(candidates, key=lambda c: (c.cost, -c.end, c.count, c.last))
    best = ranked[0]
    return best, [c for c in ranked[1:] if c.cost - best.cost < _TIE and c.text != best.text]


def _lead_after(line: str, position: int, pinyin: str, context: Context) -> int | None:
    """The byte eaten with "(": the second byte of the glossed code begun by the char before."""
    before = _gb(line[position - 1]) if position else b""
    glossed = _glossed(context, pinyin, before[1]) if len(before) == 2 else None
    return _gb(glossed)[1] if glossed else None


def find_runs(line: str, context: Context) -> list[Run]:
    """The mojibake runs of one line, left to right, each repaired or masked."""
    runs: list[Run] = []
    position = line.find("?")
    while position >= 0:
        run = _run_at(line, position, context)
        if run:
            runs.append(run)
        position = line.find("?", run.end if run else position + 1)
    return runs


def _run_at(line: str, position: int, context: Context) -> Run | None:
    """The run starting at this "?": always one after a damaged gloss, after a bare one if shown."""
    damaged = _DAMAGED_GLOSS.match(line, position)
    if damaged:
        lead = _lead_after(line, position, damaged.group(1), context)
        candidates = _candidates(line, damaged.end(), lead, context)
        return _run(line, position, "", candidates)
    return _bare_run(line, position, context)


def _bare_run(line: str, position: int, context: Context) -> Run | None:
    """A "?" for a spanning "？": one character lost before it, BF lost after; or plain punctuation."""
    start = position + 1
    stop = _two_byte_span(line, start)
    if stop == start:  # nothing shifted: the only ends are shown in the text, and a shown end
        return None  # costs at least -_PUNCT_BONUS, never the _BARE_PRIOR below _score("") = 0
    # Nearly every such "?" is punctuation: its cheapest reading, summed without building the
    # candidates, settles that; only a "?" that may be damage has them built and weighed.
    if not context.pairs and _cheapest_unfamiliar(line, start, stop, context) + _BARE_PRIOR >= _score(line[start:stop], context):
        return None
    candidates = [c for c in _candidates(line, start, 0xBF, context) if c.end > start]
    if not candidates:
        return None
    best, _ = _choose(candidates)
    if best.cost + _BARE_PRIOR >= _score(line[start:stop], context):
        return None
    return _run(line, position, LOST, candidates)


def _run(line: str, position: int, lost: str, candidates: list[_Candidate]) -> Run:
    """The cheapest reading if it is the only one and ordinary text; otherwise the span masked."""
    best, rivals = _choose(candidates)
    end = best.end
    if not rivals and not _implausible(best):
        return Run(position, end, line[position:end], lost + best.text, True)
    end = max(c.end for c in [best, *rivals])
    return Run(position, end, line[position:end], LOST * (end - position), False)


def _implausible(best: _Candidate) -> bool:
    """Even the best reading is not ordinary text: the damage is not the kind modelled here."""
    return best.cost > max(_MAX_RUN_COST, _MAX_CHAR_COST * len(best.text))


def repair_line(line: str, context: Context) -> tuple[str, list[Run]]:
    """The line with every run replaced, and the runs."""
    if "?" not in line:
        return line, []
    runs = find_runs(line, context)
    out, last = [], 0
    for run in runs:
        out.append(line[last:run.start])
        out.append(run.text)
        last = run.end
    out.append(line[last:])
    return "".join(out), runs


def _may_hold_run(line: str) -> bool:
    """Whether a "?" of the line can begin a run: one opening a damaged gloss, or one before a
    character a shift could have made (any other is punctuation, see _bare_run)."""
    position = line.find("?")
    while position >= 0:
        after = line[position + 1 : position + 2]
        if (after and _two_byte(after)) or _DAMAGED_GLOSS.match(line, position):
            return True
        position = line.find("?", position + 1)
    return False


def repair_document(lines: list[str], text: str) -> list[tuple[str, list[Run]]]:
    """Repair every line; a second pass lets the document's own repaired wording break ties."""
    # the glossary and the script guess are built only for a document that may hold damage
    suspects = [i for i, line in enumerate(lines) if "?" in line and _may_hold_run(line)]
    results: list[tuple[str, list[Run]]] = [(line, []) for line in lines]
    if not suspects:
        return results
    # the glossary is read only behind a damaged gloss: a document without one needs none
    first = Context(glossary(text) if _DAMAGED_GLOSS.search(text) else {}, document_script(text))
    for index in suspects:
        results[index] = repair_line(lines[index], first)
    if not any(results[index][1] for index in suspects):
        return results  # question marks, no damage: nothing for a second pass to settle
    pairs = han_pairs("\n".join(line for line, _ in results))
    for index in suspects:
        own = han_pairs(results[index][0])
        results[index] = repair_line(lines[index], replace(first, pairs=pairs, own=own))
    return results


# --------------------------------------------------------------------------- debris

_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』)）】》\"' "
_MIN_PROSE_HAN = 12
_LONG_PROSE_HAN = 40


def is_prose(text: str) -> bool:
    """Running text: many Han characters closing a sentence, or a long paragraph with a sentence
    mark or, cut off mid-sentence as excerpts often are, clauses (，)."""
    han = sum(map(len, _HAN_RUN.findall(text)))
    if han >= _MIN_PROSE_HAN and text.rstrip(_CLOSERS)[-1:] in _SENTENCE_END:
        return True
    return han >= _LONG_PROSE_HAN and any(mark in text for mark in "。！？，")


_SPAM_SEPARATORS = re.compile(r"[-_|｜/]")


_SENTENCE_MARKS = "。，,！？"


def is_keyword_spam(text: str) -> bool:
    """Search-bait lines: several short segments, no sentence, the same words repeated."""
    if any(mark in text for mark in _SENTENCE_MARKS):
        return False
    segments = [s for s in _SPAM_SEPARATORS.split(text) if s.strip()]
    if len(segments) < 3:
        return False
    bigrams = Counter(s[i:i + 2] for s in segments for i in range(len(s) - 1) if _is_han(s[i]) and _is_han(s[i + 1]))
    return bool(bigrams) and bigrams.most_common(1)[0][1] >= 3


@dataclass(frozen=True)
class _DocumentPass:
    """A debris pattern searched once over a whole document ("\n" before each line)."""

    pattern: re.Pattern
    anchored: bool  # the pattern matches the "\n" before the line it found, not a character of it


@dataclass(frozen=True)
class _Patterns:
    """Each kind's rule patterns as one RE2 pattern (config.rule_regex), or none."""

    line: tuple[Any, ...]
    stop: tuple[Any, ...]
    caption: tuple[Any, ...]


def _patterns(config: Config) -> _Patterns:
    lexicon = config.lex("boilerplate")
    return _compile(
        tuple(lexicon.get("line_patterns", [])),
        tuple(lexicon.get("stop_patterns", [])),
        tuple(lexicon.get("caption_patterns", [])),
    )


@lru_cache(maxsize=32)
def _compile(line: tuple[str, ...], stop: tuple[str, ...], caption: tuple[str, ...]) -> _Patterns:
    def simplified(patterns: tuple[str, ...]) -> tuple[Any, ...]:
        # Patterns and lines both in Simplified: one search matches a pattern written in either
        # script against a line in either script. One RE2 pattern for them all: it tries every
        # one in a single pass, in time linear in the text however they are written.
        joined = rule_regex(tuple(dict.fromkeys(_simplified(pattern) for pattern in patterns)))
        return () if joined is None else (joined,)

    return _Patterns(simplified(line), simplified(stop), simplified(caption))


def _simplified(text: str) -> str:
    """Simplified script for matching; regex syntax is ASCII and passes through unchanged."""
    return _to_simplified().convert(text)


def _matches(patterns: tuple[Any, ...], simple: str) -> bool:
    return any(p.search(simple) for p in patterns)


def debris_kind(text: str, patterns: _Patterns, simple: str | None = None, folded: str | None = None) -> str:
    """"line", "caption" or "stop" when the line is web debris by pattern; "" otherwise.

    `simple` is the folded line in Simplified script, when the caller converted many at once,
    and `folded` the stripped line folded to ASCII, when it has it already."""
    folded = _fold_ascii(text.strip()) if folded is None else folded
    simple = _simplified(folded) if simple is None else simple
    if _matches(patterns.stop, simple):
        return "stop"
    if _matches(patterns.caption, simple):
        return "caption"
    if _matches(patterns.line, simple) or is_keyword_spam(folded):
        return "line"
    return ""


_FULL_WIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


def _fold_ascii(text: str) -> str:
    """Full-width ASCII to ASCII so patterns need one spelling of ':' or 'ICP'."""
    # A document holds a few different full-width characters (mostly "，" and "："), in many
    # places: one str.replace per character is half the cost of a Python call per run, and
    # translate() looks every character up in the table (~5x slower still). Each search finds
    # the next character not replaced yet (all before it are ASCII now): one search per
    # distinct character, no string made per run of them.
    found = _FULL_WIDTH.search(text)
    while found:
        char = found.group()
        text = text.replace(char, chr(_FULL_WIDTH_ASCII[ord(char)]))
        found = _FULL_WIDTH.search(text, found.start() + 1)
    return text


def body_lines(texts: list[tuple[int, str]], patterns: _Patterns) -> tuple[list[int], int]:
    """Indexes (into texts) of the lines to keep, and the count of non-blank lines dropped, when
    the first article is the whole body (read_body may read later ones too)."""
    body = read_body(texts, patterns, later_articles=False)
    return body.keep, body.dropped


# A footer followed by running text: this much of it dropped is no ordinary web debris (a
# disclaimer's second line is), and the cut is reported (rule `dropped-text`).
_NOTED_PROSE_LINES = 2
_NOTED_PROSE_CHARS = 200


@dataclass(frozen=True)
class Cut:
    """Text dropped from a footer line on, though it holds running text."""

    stop: int  # index (into texts) of the footer line that ended the article
    lines: int  # non-blank lines dropped from it on, itself included
    chars: int  # their characters (stripped)
    prose: int  # lines of running text among them


@dataclass(frozen=True)
class Body:
    keep: list[int]  # indexes (into texts) of the lines kept
    dropped: int  # non-blank lines dropped
    cuts: tuple[Cut, ...] = ()  # drops of running text, to be reported
    articles: int = 1  # articles read (more than one: several articles concatenated, each footer repeated)


def read_body(texts: list[tuple[int, str]], patterns: _Patterns, later_articles: bool = True) -> Body:
    """The body of a document: from its first to its last prose line, up to the first footer
    (stop pattern) after the first prose line.

    With `later_articles`, what follows that footer is looked at too. A document of several
    articles, each closed by a footer, repeats a footer (its label, `責任編輯`, `原文標題`, in two
    footers with running text between them): every article is then read, each from its first to
    its last prose line. Otherwise the text after the footer is dropped, and when it holds running
    text (_NOTED_PROSE_LINES lines or _NOTED_PROSE_CHARS characters) the cut is returned, to be
    reported."""
    kinds = _line_kinds(texts, patterns)
    first = _first_prose(texts, kinds, range(len(texts)))
    cuts: tuple[Cut, ...] = ()
    if first is None:  # no running text at all: keep whatever is not debris by pattern
        windows = [range(len(texts))]
    else:
        limit = _next_stop(kinds, first + 1)
        windows = [_article(texts, kinds, first, limit)]
        if later_articles and limit < len(texts):
            later = _later_articles(texts, kinds, limit)
            if later:
                windows += later
            else:
                cuts = _noted_cut(texts, kinds, limit)
    keep = [i for window in windows for i in window if texts[i][1].strip() and not kinds[i]]
    dropped = sum(1 for _, text in texts if text.strip()) - len(keep)
    return Body(keep, dropped, cuts, len(windows))


def _line_kinds(texts: list[tuple[int, str]], patterns: _Patterns) -> list[str]:
    """debris_kind of every line ("" for a blank line or one that is no debris by pattern)."""
    folded = _fold_ascii("\n".join(text for _, text in texts))
    stripped = [line.strip() for line in folded.split("\n")]
    if len(stripped) == len(texts):
        return _debris_kinds(folded, stripped, patterns)
    return _debris_kinds_by_line(texts, patterns)  # a line holding a newline itself, or no line at all


def _next_stop(kinds: list[str], start: int) -> int:
    """The first footer line (stop pattern) from `start` on, or len(kinds)."""
    return next((i for i in range(start, len(kinds)) if kinds[i] == "stop"), len(kinds))


def _article(texts: list[tuple[int, str]], kinds: list[str], first: int, limit: int) -> range:
    """The lines of an article whose first prose line is `first` and whose footer is at `limit`."""
    last = _through_list(texts, kinds, _first_prose(texts, kinds, range(limit - 1, first - 1, -1)), limit)
    return range(first, last + 1)


def _later_articles(texts: list[tuple[int, str]], kinds: list[str], limit: int) -> list[range]:
    """After the first article's footer at `limit`: the later articles when a footer repeats, else none.

    The lines from `limit` on alternate between footers (a stop line and the lines after it up to
    the next prose line) and articles (from a prose line to the next stop line)."""
    footers: list[set[str]] = []
    articles: list[tuple[int, int]] = []
    at = limit
    while at < len(texts):
        labels = set()
        while at < len(texts) and (kinds[at] or not is_prose(texts[at][1])):
            if kinds[at] == "stop":
                labels.add(footer_label(texts[at][1]))
            at += 1
        footers.append(labels)
        if at == len(texts):
            break
        end = _next_stop(kinds, at + 1)
        articles.append((at, end))
        at = end
    repeated = Counter(label for labels in footers for label in labels)
    if not articles or not repeated or repeated.most_common(1)[0][1] < 2:
        return []
    return [_article(texts, kinds, start, end) for start, end in articles]


_LABEL = re.compile(r"([^:]{1,12}?)\s*:")
_SPACES = re.compile(r"\s+")


def footer_label(text: str) -> str:
    """What two footers of one site share: the label before a colon (`責任編輯：王小明` ->
    `责任编辑`), else the line's first 12 characters; in Simplified, without spaces."""
    simple = _simplified(_fold_ascii(text.strip()))
    match = _LABEL.match(simple)
    return _SPACES.sub("", match.group(1) if match else simple[:12])


def _noted_cut(texts: list[tuple[int, str]], kinds: list[str], limit: int) -> tuple[Cut, ...]:
    """The cut at the footer `limit`, when the text it drops holds running text worth a note."""
    region = [text.strip() for _, text in texts[limit:]]
    prose = [text for index, text in enumerate(region, limit) if text and not kinds[index] and is_prose(text)]
    if len(prose) < _NOTED_PROSE_LINES and sum(map(len, prose)) < _NOTED_PROSE_CHARS:
        return ()
    return (Cut(limit, sum(1 for text in region if text), sum(map(len, region)), len(prose)),)


def _first_prose(texts: list[tuple[int, str]], kinds: list[str], indexes: range) -> int | None:
    """The first of `indexes` holding prose: only the first and the last prose line bound the body."""
    return next((i for i in indexes if not kinds[i] and is_prose(texts[i][1])), None)


def _debris_kinds_by_line(texts: list[tuple[int, str]], patterns: _Patterns) -> list[str]:
    """debris_kind of every line, one line at a time ("" for a blank line)."""
    stripped = [_fold_ascii(text.strip()) for _, text in texts]
    folded = [line.replace("\n", " ") for line in stripped]
    # one OpenCC call for the whole document: called line by line it is ~3x slower
    simple = _simplified("\n".join(folded)).split("\n")
    if len(simple) != len(folded):
        simple = [_simplified(line) for line in folded]
    return [debris_kind(text, patterns, simple[i], stripped[i]) if text.strip() else "" for i, (_, text) in enumerate(texts)]


_UNMARKED_LINE = re.compile(f"\n[^{_SENTENCE_MARKS}\n]*(?![^\n])")  # a line is_keyword_spam may call spam


def _debris_kinds(folded: str, stripped: list[str], patterns: _Patterns) -> list[str]:
    """debris_kind of every line, each pattern searched once over the whole document.

    `folded` is the document folded to ASCII, `stripped` its lines stripped."""
    simple_text = _simplified("\n".join(stripped))  # one OpenCC call: line by line it is ~3x slower
    simple = simple_text.split("\n")
    if len(simple) != len(stripped):
        return [debris_kind(line, patterns, _simplified(line), line) if line else "" for line in stripped]
    encoded = simple_text.encode("utf-8")  # what RE2 reads: encoded once, its offsets are bytes
    kinds = [""] * len(stripped)
    # the later kind wins where a line is both
    for kind, kind_patterns in (("line", patterns.line), ("caption", patterns.caption), ("stop", patterns.stop)):
        for pattern in kind_patterns:
            for index in _lines_with_match(pattern, encoded):
                if stripped[index]:
                    kinds[index] = kind
    for index in _lines_found(_DocumentPass(_UNMARKED_LINE, True), "\n" + folded):
        if not kinds[index] and stripped[index] and is_keyword_spam(stripped[index]):
            kinds[index] = "line"
    return kinds


def _lines_with_match(pattern: Any, encoded: bytes) -> list[int]:
    """Lines (from 0) of the UTF-8 text `encoded` in which the RE2 `pattern` matches: one search
    from each line on, the next from the line after the one it found (no match spans lines)."""
    found, position, newlines, counted = [], 0, 0, 0
    while (match := pattern.search(encoded, position)) is not None:
        start = match.start()
        newlines += encoded.count(b"\n", counted, start)
        counted = start
        found.append(newlines)
        end = encoded.find(b"\n", start)
        if end < 0:
            break
        position = end + 1
    return found


def _lines_found(document_pass: _DocumentPass, lined: str) -> list[int]:
    """Lines (from 0) of "\n" + lines where the pass matches, searched anew from each next line:
    a match that runs on into the next line must not hide one that starts there."""
    pattern, anchored = document_pass.pattern, document_pass.anchored
    found, position, newlines, counted = [], 0 if anchored else 1, 0, 0
    while (match := pattern.search(lined, position)) is not None:
        start = match.start() + anchored  # a "\n" that ends a line belongs to that line
        newlines += lined.count("\n", counted, start)
        counted = start
        found.append(newlines - 1)
        end = lined.find("\n", start)
        if end < 0:
            break
        position = end if anchored else end + 1
    return found


_LIST_ITEM = re.compile(r"^\s*(?:[·•●▪\-*|]|\d{1,2}\s*[.、)）]|[一二三四五六七八九十]{1,3}、)")


def _through_list(texts: list[tuple[int, str]], kinds: list[str], last: int, limit: int) -> int:
    """A list or table that closes the article belongs to it, though its items are not sentences."""
    end = last
    for index in range(last + 1, limit):
        text = texts[index][1]
        if not text.strip():
            continue
        if kinds[index]:
            break
        if _LIST_ITEM.match(text):
            end = index
        elif not text.rstrip().endswith((":", "：")):  # "...包括：" may introduce the list
            break
    return end


# ---------------------------------------------------------------------------- clean


def clean(raw: RawDocument, config: Config) -> Document:
    """Return the kept lines with their original numbers and the problems met on the way."""
    originals = raw.text.split("\n")
    numbers = range(raw.body_start, len(originals) + 1)
    visible, visible_text = _visible_lines(originals[raw.body_start - 1 :])
    repaired = repair_document(visible, visible_text)
    damaged = [(number, runs) for number, (_, runs) in zip(numbers, repaired) if runs]
    if damaged:
        visible = [text for text, _ in repaired]
        visible_text = "\n".join(visible)
    stripped, first_gloss, gloss_count = _without_glosses(visible, visible_text, numbers, damaged)
    texts = list(zip(numbers, stripped))
    body = read_body(texts, _patterns(config))
    keep, dropped = body.keep, body.dropped
    lines = tuple(Line(texts[i][0], texts[i][1], originals[texts[i][0] - 1]) for i in keep)
    problems = [*raw.problems, *_gloss_problem(first_gloss, gloss_count)]
    if damaged:
        kept = {line.number for line in lines}
        problems += [_run_problem(n, run) for n, runs in damaged if n in kept for run in runs]
    problems += [_cut_problem(texts, cut, config) for cut in body.cuts]
    if not lines:  # an empty document's missing date is no news: one finding says it all
        problems.append(Problem("empty-document", 0, "", "no text left after cleaning"))
    elif raw.meta.published is None:
        problems.append(Problem("missing-date", 0, "", "no publication date (no header, none stated in the text)"))
    return Document(raw.path, raw.sha256, raw.encoding, raw.meta, lines, tuple(problems), dropped)


def _visible_lines(lines: list[str]) -> tuple[list[str], str]:
    """strip_invisible of every line, and the lines joined: one pass over the document, since what
    it removes never holds or meets a newline (the lines come back one for one)."""
    text = strip_invisible("\n".join(lines))
    visible = text.split("\n")
    if len(visible) != len(lines):
        visible = [strip_invisible(line) for line in lines]
        text = "\n".join(visible)
    return visible, text


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


def _cut_problem(texts: list[tuple[int, str]], cut: Cut, config: Config) -> Problem:
    """dropped-text: how much went from the footer line on, and which stop pattern that line matched."""
    number, text = texts[cut.stop][0], texts[cut.stop][1].strip()
    which = _stop_pattern(text, config)
    rule = f"[lexicon.boilerplate] stop_patterns[{which}]" if which is not None else "a stop pattern"
    shown = text if len(text) <= 30 else text[:30] + "…"
    noun = "line" if cut.prose == 1 else "lines"
    detail = (f"{cut.lines} lines ({cut.chars} characters, {cut.prose} {noun} of running text) dropped from line {number} "
              f"on: '{shown}' matches {rule}, which ends an article")
    return Problem("dropped-text", number, text, detail, str(cut.lines))


def _stop_pattern(text: str, config: Config) -> int | None:
    """Which of the configured stop patterns (0-based) a footer line matches."""
    simple = _simplified(_fold_ascii(text.strip()))
    for index, pattern in enumerate(config.lex("boilerplate").get("stop_patterns", [])):
        if _matches(_compile((), (pattern,), ()).stop, simple):
            return index
    return None


def _run_problem(number: int, run: Run) -> Problem:
    if run.repaired:
        return Problem("mojibake", number, run.raw, f"mojibake repaired: '{run.text}'", run.text)
    return Problem(
        "mojibake-unrepaired", number, run.raw,
        f"mojibake could not be repaired ({len(run.raw)} characters masked)", run.raw,
    )
