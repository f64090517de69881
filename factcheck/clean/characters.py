"""What a single character tells the repair: Han or not, its GB18030 bytes, which script can
write it, whether it is frequent; the pinyin syllable glosses are written in, and LOST, the mark
for a character whose bytes are gone."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import chain
from operator import add

LOST = "\ufffd"  # marks a character whose bytes were destroyed

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[a-zü]{{0,5}}[{_TONED}][a-zü]{{0,4}}"  # a pinyin syllable with its tone mark
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


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


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


_HAN_RUN = re.compile("[\u3400-\u9fff\uf900-\ufaff]+")  # the characters _is_han accepts


def han_pairs(text: str) -> Counter:
    """Every two neighbouring Han characters: read within the Han runs the regex engine finds."""
    return Counter(chain.from_iterable(map(add, run, run[1:]) for run in _HAN_RUN.findall(text)))


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
