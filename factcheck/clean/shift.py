"""One damaged stretch of a line, read one byte off: the stretch re-read with its lost lead byte
in front, every way the shift can end (unseen, or shown in the text), and each reading's cost."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, chain, repeat
from operator import add

from .characters import LOST, _SYLLABLE, _class_source, _gb, _pair
from .costs import _PAIR_BONUS, Context, _cost, _cost_table, _familiar, _glossed

_DAMAGED_GLOSS = re.compile(rf"\?({_SYLLABLE})\)")  # a pinyin gloss whose "(" was eaten with a byte
_GUESSED_BYTE = 0.25  # a resync by a vanished 0x80 byte is a hypothesis, not evidence
_UNKNOWN_END = 0.5  # the shift ended and took a byte we cannot name
_UNEXPLAINED_END = 1.5  # ... and not by a vanished 0x80, the only silent end we know
_MAX_SHIFT = 160  # characters weighed after a damage mark; longer shifts end up masked
_SYMBOL = "\u25a1"  # an invalid pair while re-decoding: costs like any symbol


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
