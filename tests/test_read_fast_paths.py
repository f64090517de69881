"""The ninth round of read and normalise shortcuts (plausibility by runs and scored once, the top and
bottom lines read lazily with a gloss pass only where a "(" is, binary signatures by one match,
newlines folded only when a "\\r" is there, 著 by one fixed replacement) give what the plain code gave."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import load, normalise

LINE_PIECES = [
    "", " ", "　", "2024-03-05", "2024年3月5日", "2024 / 3 / 5", "1999.12.31", "20240305", "10:30", "10：30:15",
    "发布时间：", "發布於", "Published: ", "date", "来源：新华社", "。", "！", "?", "(", ")", "(yè)", "(chuàng)",
    "(ab)", "(ǖ)", "(x", "记者", "北京电", "公司", "年", "月", "日", "号", "2025", "---", "source: 某报", "date: ",
]
LINES = st.lists(st.sampled_from(LINE_PIECES), max_size=6).map("".join)
DOCUMENTS = st.lists(LINES, max_size=30)

ZHU_PIECES = ["著", "着", "显", "卓", "名", "作", "书", "者", "原", "彰", "的", "看", "a", " ", "\n", "昭"]
ZHU_TEXTS = st.lists(st.sampled_from(ZHU_PIECES), max_size=20).map("".join)


def _plain_nonblank(lines: list[str], first: int, count: int) -> list[tuple[int, str]]:
    """_nonblank as it was: a list, every line passed through the gloss pattern."""
    out = []
    for number in range(first, len(lines) + 1):
        line = load._GLOSS.sub("", lines[number - 1])
        if line.strip():
            out.append((number, line))
            if len(out) == count:
                break
    return out


def _plain_infer_published(lines: list[str], body_start: int):
    """infer_published as it was: all top lines first, the bottom ones read from a reversed copy."""
    for number, line in _plain_nonblank(lines, body_start, load._TOP_LINES):
        found = load._labelled_date(line) or load._dateline_date(line)
        if found:
            return found, number
    for reversed_number, line in _plain_nonblank(lines[::-1], 1, load._BOTTOM_LINES):
        number = len(lines) + 1 - reversed_number
        if number >= body_start:
            found = load._labelled_date(line)
            if found:
                return found, number
    return None


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS, st.integers(min_value=1, max_value=8), st.integers(min_value=1, max_value=16))
def test_lazy_nonblank_lines_are_the_plain_ones(lines, first, count):
    forward = list(load._nonblank(lines, range(first, len(lines) + 1), count))
    assert forward == _plain_nonblank(lines, first, count)
    backward = list(load._nonblank(lines, range(len(lines), 0, -1), count))
    reversed_plain = _plain_nonblank(lines[::-1], 1, count)
    assert backward == [(len(lines) + 1 - number, line) for number, line in reversed_plain]


@settings(max_examples=400, deadline=None)
@given(DOCUMENTS, st.integers(min_value=1, max_value=8))
def test_published_date_is_the_plain_one(lines, body_start):
    assert load.infer_published(lines, body_start) == _plain_infer_published(lines, body_start)


def _plain_plausibility(text: str) -> float:
    """plausibility as it was: one substitution per frequent character."""
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return load._frequent_characters().subn("", text)[1] / non_ascii if non_ascii else 1.0


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("的一是在不了有和人这中大为上个国我以要他時間發佈著鑫龘齉囧ab1 \n，。「」éЖ"), max_size=60))
def test_plausibility_by_runs_is_the_plain_count(text):
    assert load.plausibility(text) == _plain_plausibility(text)


def _plain_decode(data: bytes):
    """decode's choice between GB18030 and Big5 as it was: each reading scored in max and again after."""
    strict = [(name, text) for name in ("gb18030", "big5") if (text := load._strict(data, name)) is not None]
    if not strict:
        return "lenient"
    name, text = max(strict, key=lambda pair: (load.plausibility(pair[1]), pair[0] == "gb18030"))
    return (text, name, None) if load.plausibility(text) >= load._MIN_PLAUSIBLE else None


CHINESE = st.text(alphabet=st.sampled_from("的一是在不了有和人这中大为時間發佈著鑫龘ab1 ，。「」"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(CHINESE, st.sampled_from(["gb18030", "big5"]), st.binary(max_size=3))
def test_decode_picks_the_reading_the_plain_code_picked(text, codec, tail):
    data = text.encode(codec, errors="ignore") + tail
    if load._strict(data, "utf-8") is not None or load._bom_encoding(data) or load._bomless_utf16(data):
        return
    plain = _plain_decode(data)
    if plain != "lenient":
        assert load.decode(data) == plain


def _plain_zhu(text: str) -> str:
    """_zhu as it was: the positions to keep found first, every 著 replaced by a Python call."""
    keep_pattern = re.compile(r"著(?<=[显卓土原名巨专论编合译遗拙昭彰]著)|著(?=[名作称述录书者])")
    keep = {m.start() for m in keep_pattern.finditer(text)}
    return re.sub("著", lambda m: "著" if m.start() in keep else "着", text)


@settings(max_examples=500, deadline=None)
@given(ZHU_TEXTS)
def test_zhu_by_one_replacement_is_the_plain_one(text):
    assert normalise._zhu(text) == _plain_zhu(text)


def _plain_binary_kind(data: bytes) -> str:
    """binary_kind as it was: every signature tried in turn."""
    for magic, name in load._MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "WebP image"
    if b"\x00" in data[:65536] and not load._bom_encoding(data) and not load._bomless_utf16(data):
        return "contains NUL bytes"
    return ""


SIGNATURE_PIECES = [magic for magic, _ in load._MAGIC] + [b"\x89PN", b"PK", b"GIF8", b"a", b"\x00", b"RIFF", b"WEBP", b"\xff"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SIGNATURE_PIECES), st.binary(max_size=3)), max_size=4).map(b"".join))
def test_one_signature_match_names_what_the_loop_named(data):
    assert load.binary_kind(data) == _plain_binary_kind(data)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab\r\n 中"), max_size=30))
def test_newlines_folded_as_before(text):
    assert load.fold_newlines(text) == text.replace("\r\n", "\n").replace("\r", "\n")
