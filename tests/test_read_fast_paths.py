"""Read stage fast paths, each compared with the plain code it stands in for: the top and bottom
lines read lazily with a gloss pass only where a "(" is, plausibility by runs and scored once, the
frequent-character pattern, binary signatures by one match, newlines folded only where a "\\r" is."""
from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.read import dateline, decoding
LINE_PIECES = [
    "", " ", "　", "2024-03-05", "2024年3月5日", "2024 / 3 / 5", "1999.12.31", "20240305", "10:30", "10：30:15",
    "发布时间：", "發布於", "Published: ", "date", "来源：新华社", "。", "！", "?", "(", ")", "(yè)", "(chuàng)",
    "(ab)", "(ǖ)", "(x", "记者", "北京电", "公司", "年", "月", "日", "号", "2025", "---", "source: 某报", "date: ",
]
LINES = st.lists(st.sampled_from(LINE_PIECES), max_size=6).map("".join)
DOCUMENTS = st.lists(LINES, max_size=30)


def _plain_nonblank(lines: list[str], first: int, count: int) -> list[tuple[int, str]]:
    """_nonblank as it was: a list, every line passed through the gloss pattern."""
    out = []
    for number in range(first, len(lines) + 1):
        line = dateline._GLOSS.sub("", lines[number - 1])
        if line.strip():
            out.append((number, line))
            if len(out) == count:
                break
    return out


def _plain_infer_published(lines: list[str], body_start: int):
    """infer_published as it was: all top lines first, the bottom ones read from a reversed copy."""
    for number, line in _plain_nonblank(lines, body_start, dateline._TOP_LINES):
        found = dateline._labelled_date(line) or dateline._dateline_date(line)
        if found:
            return found, number
    for reversed_number, line in _plain_nonblank(lines[::-1], 1, dateline._BOTTOM_LINES):
        number = len(lines) + 1 - reversed_number
        if number >= body_start:
            found = dateline._labelled_date(line)
            if found:
                return found, number
    return None


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS, st.integers(min_value=1, max_value=8), st.integers(min_value=1, max_value=16))
def test_lazy_nonblank_lines_are_the_plain_ones(lines, first, count):
    """Reference: `_plain_nonblank`, the former `_nonblank`, forwards and on a reversed copy."""
    forward = list(dateline._nonblank(lines, range(first, len(lines) + 1), count))
    assert forward == _plain_nonblank(lines, first, count)
    backward = list(dateline._nonblank(lines, range(len(lines), 0, -1), count))
    reversed_plain = _plain_nonblank(lines[::-1], 1, count)
    assert backward == [(len(lines) + 1 - number, line) for number, line in reversed_plain]


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS, st.integers(min_value=1, max_value=8))
def test_published_date_is_the_plain_one(lines, body_start):
    """Reference: `_plain_infer_published`, the former `infer_published`."""
    assert dateline.infer_published(lines, body_start) == _plain_infer_published(lines, body_start)


def _plain_plausibility(text: str) -> float:
    """plausibility as it was: one substitution per frequent character."""
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return decoding._frequent_characters().subn("", text)[1] / non_ascii if non_ascii else 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("的一是在不了有和人这中大为上个国我以要他時間發佈著鑫龘齉囧ab1 \n，。「」éЖ"), max_size=60))
def test_plausibility_by_runs_is_the_plain_count(text):
    """Reference: `_plain_plausibility`, one substitution per frequent character."""
    assert decoding.plausibility(text) == _plain_plausibility(text)


def test_plausibility_counts_as_character_by_character(mixed_script_lines):
    """Reference: the share of non-ASCII characters `decoding.is_frequent` accepts, counted one by one."""
    rng = random.Random(3)
    texts = ["", "abc", *mixed_script_lines(100, seed=5)]
    texts += ["".join(chr(rng.randint(0x80, 0xFFFF)) for _ in range(200)).encode("utf-8", "replace").decode("utf-8", "replace") for _ in range(20)]
    for text in texts:
        chars = [c for c in text if ord(c) >= 0x80]
        plain = sum(1 for c in chars if decoding.is_frequent(c)) / len(chars) if chars else 1.0
        assert decoding.plausibility(text) == plain


def test_the_frequent_character_pattern_holds_exactly_the_frequent_characters():
    """Reference: `decoding.is_frequent` asked of every character from U+0080 to U+FFFF."""
    every = "".join(chr(code) for code in range(0x80, 0x10000) if not 0xD800 <= code <= 0xDFFF)
    found = set(decoding._frequent_characters().findall(every))
    assert found == {char for char in every if decoding.is_frequent(char)}


def _plain_decode(data: bytes):
    """decode's choice between GB18030 and Big5 as it was: each reading scored in max and again after."""
    strict = [(name, text) for name in ("gb18030", "big5") if (text := decoding._strict(data, name)) is not None]
    if not strict:
        return "lenient"
    name, text = max(strict, key=lambda pair: (decoding.plausibility(pair[1]), pair[0] == "gb18030"))
    return (text, name, None) if decoding.plausibility(text) >= decoding._MIN_PLAUSIBLE else None


CHINESE = st.text(alphabet=st.sampled_from("的一是在不了有和人这中大为時間發佈著鑫龘ab1 ，。「」"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(CHINESE, st.sampled_from(["gb18030", "big5"]), st.binary(max_size=3))
def test_decode_picks_the_reading_the_plain_code_picked(text, codec, tail):
    """Reference: `_plain_decode`, the former choice between the GB18030 and Big5 readings."""
    data = text.encode(codec, errors="ignore") + tail
    if decoding._strict(data, "utf-8") is not None or decoding._bom_encoding(data) or decoding._bomless_utf16(data):
        return
    plain = _plain_decode(data)
    if plain != "lenient":
        assert decoding.decode(data) == plain


def _plain_binary_kind(data: bytes) -> str:
    """binary_kind as it was: every signature tried in turn."""
    for magic, name in decoding._MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    if b"\x00" in data[:65536] and not decoding._bom_encoding(data) and not decoding._bomless_utf16(data):
        return "contains NUL bytes"
    return ""


SIGNATURE_PIECES = [magic for magic, _ in decoding._MAGIC] + [b"\x89PN", b"PK", b"GIF8", b"a", b"\x00", b"RIFF", b"WEBP", b"\xff"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SIGNATURE_PIECES), st.binary(max_size=3)), max_size=4).map(b"".join))
def test_one_signature_match_names_what_the_loop_named(data):
    """Reference: `_plain_binary_kind`, the former `binary_kind` trying every signature in turn."""
    assert decoding.binary_kind(data) == _plain_binary_kind(data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab\r\n 中"), max_size=30))
def test_newlines_fold_as_by_two_replacements(text):
    """Reference: `str.replace` of every "\\r\\n", then of every lone "\\r"."""
    assert decoding.fold_newlines(text) == text.replace("\r\n", "\n").replace("\r", "\n")
