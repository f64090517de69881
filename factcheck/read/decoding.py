"""Bytes to text: binary files told apart, the encoding chosen (UTF-8/BOM, UTF-16, GB18030, Big5)
by which reading is plausible Chinese, a few invalid bytes replaced and reported, newlines folded."""
from __future__ import annotations

import codecs
import re
import threading
import unicodedata
from functools import lru_cache

from ..model import Problem


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive"),
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Office document"),
)
# All the signatures in one match (a group each, in the order above): a third of a loop's cost
_MAGIC_START = re.compile(b"|".join(b"(" + re.escape(magic) + b")" for magic, _ in _MAGIC))

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Share of invalid bytes (among non-ASCII bytes) up to which a file is read with replacements.
_MAX_DAMAGE = 0.05
# Share of frequent characters a GB18030/Big5 reading needs: below it the bytes are some other
# encoding (Shift-JIS, EUC-KR) or binary, and reading them would feed garbage to the extractors.
_MIN_PLAUSIBLE = 0.6


def binary_kind(data: bytes) -> str:
    """A name for the binary format of `data`, or "" when it may be text."""
    magic = _MAGIC_START.match(data)
    if magic:
        return _MAGIC[magic.lastindex - 1][1]
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    if b"\x00" in data[:65536] and not _bom_encoding(data) and not _bomless_utf16(data):
        return "contains NUL bytes"
    return ""


def fold_newlines(text: str) -> str:
    if "\r" not in text:  # one scan instead of two: most files have Unix newlines
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _bom_encoding(data: bytes) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return ""


def _bomless_utf16(data: bytes) -> str:
    """UTF-16 without a BOM: NUL bytes (ASCII, U+xx00) and a clean decoding into ordinary text.

    Both byte orders are tried: the wrong one turns ASCII and Chinese alike into rare ideographs.
    """
    if len(data) % 2 or b"\x00" not in data[:65536]:
        return ""
    sample = data[:4096]
    readings = [(plausibility(text), codec) for codec in ("utf-16-le", "utf-16-be") if (text := _utf16_text(sample, codec))]
    if not readings:
        return ""
    score, codec = max(readings, key=lambda reading: (reading[0], reading[1] == "utf-16-le"))
    return codec if score >= _MIN_PLAUSIBLE else ""


def _utf16_text(sample: bytes, codec: str) -> str:
    """The sample decoded (a pair cut at its end is left out), or "" if invalid or control characters."""
    try:
        text = codecs.getincrementaldecoder(codec)().decode(sample, final=False)
    except UnicodeDecodeError:
        return ""
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r\f" for c in text):
        return ""
    return text


Damage = tuple[int, int]  # (invalid byte count, byte offset of the first invalid byte)


def decode(data: bytes) -> tuple[str, str, Damage | None] | None:
    """(text, encoding, damage) for the most plausible encoding, or None if undecodable."""
    declared = _bom_encoding(data) or _bomless_utf16(data)
    if declared:
        codec = {"utf-8-sig": "utf-8"}.get(declared, declared)
        bom = len(_bom_encoding(data) and next(b for b, name in _BOMS if name == declared))
        text, damage = _decode_counting(data[bom:], codec)
        return text, declared, (damage[0], damage[1] + bom) if damage else None
    utf8 = _strict(data, "utf-8")
    if utf8 is not None:  # the other codecs are not tried: UTF-8 wins whatever they read
        return utf8, "utf-8", None
    # each reading scored once: the score is a pass over the whole text
    strict = [(plausibility(text), name == "gb18030", name, text)
              for name in ("gb18030", "big5") if (text := _strict(data, name)) is not None]
    if strict:
        score, _, name, text = max(strict, key=lambda reading: reading[:2])
        return (text, name, None) if score >= _MIN_PLAUSIBLE else None
    return _lenient(data)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _lenient(data: bytes) -> tuple[str, str, Damage] | None:
    """The first of UTF-8, GB18030, Big5 whose invalid bytes are few, decoded with replacements."""
    non_ascii = sum(1 for b in data if b >= 0x80) or 1
    best = None
    for codec in ("utf-8", "gb18030", "big5"):
        text, damage = _decode_counting(data, codec)
        assert damage is not None
        if damage[0] > _MAX_DAMAGE * non_ascii:
            continue
        if codec == "utf-8":
            return text, codec, damage
        score = plausibility(text)
        if score >= _MIN_PLAUSIBLE:
            candidate = (damage[0], -score, codec, text, damage)
            best = min(best, candidate) if best else candidate
    if best is None:
        return None
    return best[3], best[2], best[4]


_counter = threading.local()


def _count_errors(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    _counter.errors.append((exc.start, exc.end))
    return "\ufffd", exc.end


# Error handlers are registered process-wide by name: the name carries this module's identity, so a
# second copy of the module in one process (an old install beside a checkout) keeps its own counter.
_COUNTING = f"factcheck-count-{id(_counter):x}"
codecs.register_error(_COUNTING, _count_errors)


def _decode_counting(data: bytes, codec: str) -> tuple[str, Damage | None]:
    _counter.errors = []
    text = data.decode(codec, errors=_COUNTING)
    errors, _counter.errors = _counter.errors, []
    if not errors:
        return text, None
    return text, (sum(end - start for start, end in errors), errors[0][0])


_SNIPPET = 120  # characters of a damaged line quoted in the problem
_SNIPPET_BEFORE = 40  # of which before the first replaced byte


def damage_problem(text: str, data: bytes, encoding: str, damage: Damage) -> Problem:
    """decode-damage: how many bytes were replaced, the line of the first and the text around it."""
    count, offset = damage
    bom = len(_bom_encoding(data) and next(b for b, name in _BOMS if name == encoding))
    codec = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    position = len(fold_newlines(data[bom:offset].decode(codec, errors="replace")))
    line_start = text.rfind("\n", 0, position) + 1
    line_end = text.find("\n", position)
    line_end = len(text) if line_end < 0 else line_end
    start = max(line_start, min(position - _SNIPPET_BEFORE, line_end - _SNIPPET))
    snippet = text[start : min(line_end, start + _SNIPPET)]
    line = text.count("\n", 0, position) + 1
    noun = "byte" if count == 1 else "bytes"
    return Problem("decode-damage", line, snippet, f"{count} invalid {noun} replaced (first at line {line})", str(count))


# Which decoding of non-UTF-8 bytes reads as ordinary Chinese: GB18030 decodes most Big5 bytes
# too, but into rare characters; Big5 decodes GB bytes into rare ones as well.
def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are frequent CJK characters or punctuation."""
    # counted by the regex engine: a Python call per character was most of reading a GB file
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if not non_ascii:
        return 1.0
    # removing runs rather than single characters: a Chinese text is mostly one long run
    return (len(text) - len(_frequent_runs().sub("", text))) / non_ascii


@lru_cache(maxsize=1)
def _frequent_runs() -> re.Pattern:
    """One or more characters is_frequent accepts; opens with a single one so the engine scans for it in C."""
    single = _frequent_characters().pattern
    return re.compile(f"{single}{single}*")


@lru_cache(maxsize=1)
def _frequent_characters() -> re.Pattern:
    """A pattern for one character is_frequent accepts (built once, ~10 ms): the level-1 codes
    of both codecs decoded, each kept only if is_frequent agrees (a test checks none is missed)."""
    gb = bytes(byte for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF) for byte in (lead, trail))
    big5 = b"".join(code.to_bytes(2, "big") for code in range(0xA440, 0xC67F))
    found = {*_COMMON_PUNCT, *gb.decode("gb2312", errors="ignore"), *big5.decode("big5", errors="ignore")}
    return re.compile("[" + "".join(sorted(re.escape(char) for char in found if is_frequent(char))) + "]")


@lru_cache(maxsize=65536)
def is_frequent(char: str) -> bool:
    """In the frequency-ordered first level of GB2312 or of Big5, or common CJK punctuation."""
    if char in _COMMON_PUNCT:
        return True
    try:
        gb = char.encode("gb2312")
        if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        big5 = char.encode("big5")
        if len(big5) == 2 and 0xA440 <= int.from_bytes(big5, "big") <= 0xC67E:
            return True
    except UnicodeEncodeError:
        pass
    return False


_COMMON_PUNCT = frozenset("，。、：；！？“”‘’（）《》〈〉「」『』【】—…·－～　％＋＝／")
