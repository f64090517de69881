"""Clean stage fast paths for debris, invisible marks, glosses and full-width folding: each whole-
document pass must read exactly what the line-by-line way reads, each one-scan shortcut what the
plain code it replaced reads."""
from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.clean import body, debris, glosses, invisible, mojibake
from factcheck.config import PatternError
from factcheck.settings import load_config

CONFIG = load_config()
SHIPPED = debris._patterns(CONFIG)
# Patterns a whole-document search could read differently from one line alone: "$", "\s" and
# classes that can take a newline, "^" and "\b" at a line's edge. Each must still give the kinds
# the lines give one by one.
CROSSING = debris._compile(
    ("^分享", "(?i)^icp\\s*\\d", "f[^g]{0,9}h", "k\\s*$", "(?i)\\bp", "^[xX×]$", "^\\s*q|w"),
    ("^(责任编辑|編輯)\\s*[:：]", "(?s)^s.t", "u$"),
    ("^(图|圖)\\s*[/:：]", "^\\S{0,8}\\.jpg$", "v\\s"),
)
# What RE2 reads differently from one line alone, or Python differently from RE2: \Z, (?m), {,n}
TRICKY = debris._compile(
    ("^分享", "d\\Z", "(?m)^w", "f[^g]{0,9}h", "^k{,2}x$", "\\Ap"),
    ("^(责任编辑|編輯)\\s*[:：]", "(?s)t.*$"),
    ("^(图|圖)\\s*[/:：]", "v\\W*$"),
)
PIECES = [
    "分享", "责任编辑：", "編輯:", "京公网安备", "ICP备", "icp 1", " > ", "图/", "a.jpg", "（图片来源）", "标签:", "版权所有",
    "。", "，", ",", "！", "?", "|", "-", "_", "/", " ", "\u3000", "\t", "：", "Ｉ", "ＣＰ", "１", "a", "b", "c", "d", "e",
    "f", "g", "h", "k", "p", "q", "s", "t", "u", "v", "w", "x", "y", "z", "X", "×", "中文", "人工智能", "模型", "发布",
    "公司今年发布了新一代人工智能模型。", "\n",
]
# a few short pieces: matches that run on into the next line, and lines they could hide
SHORT = ["f", "h", "g", "k", "p", "q", "w", "s", "t", "u", "v", "x", " ", "\n", "\n", "分享", "图/", "a.jpg", "编辑:", "。"]
lines = st.sampled_from([PIECES, SHORT]).flatmap(lambda pieces: st.lists(st.sampled_from(pieces), max_size=8)).map("".join)
documents = st.lists(lines, max_size=12).map(lambda texts: [(n + 1, text) for n, text in enumerate("\n".join(texts).split("\n"))])


def _plain_body_lines(texts, patterns):
    """body_lines as it was: every line's kind by debris_kind, every line asked whether it is prose."""
    kinds = debris._debris_kinds_by_line(texts, patterns)
    prose = [i for i, (_, text) in enumerate(texts) if not kinds[i] and body.is_prose(text)]
    if prose:
        first = prose[0]
        stops = [i for i in range(first + 1, len(texts)) if kinds[i] == "stop"]
        limit = stops[0] if stops else len(texts)
        last = body._through_list(texts, kinds, max(i for i in prose if i < limit), limit)
        window = range(first, last + 1)
    else:
        window = range(len(texts))
    keep = [i for i in window if texts[i][1].strip() and not kinds[i]]
    return keep, sum(1 for _, text in texts if text.strip()) - len(keep)


@settings(max_examples=400, deadline=None)
@given(documents, st.sampled_from([SHIPPED, CROSSING, TRICKY]))
def test_debris_kinds_of_the_whole_document_are_those_of_each_line(texts, patterns):
    """References: `debris._debris_kinds_by_line` (each line's kind on its own) and `_plain_body_lines`."""
    folded = debris._fold_ascii("\n".join(text for _, text in texts))
    stripped = [line.strip() for line in folded.split("\n")]
    assert debris._debris_kinds(folded, stripped, patterns) == debris._debris_kinds_by_line(texts, patterns)
    assert body.body_lines(texts, patterns) == _plain_body_lines(texts, patterns)


# Patterns with a broad opening, searched over the whole document
BROAD = debris._compile(
    ("^[^。！？]{1,6}\\s[>»]\\s[^。！？]{1,6}\\s[>»]\\s", "^分享", "^[xX×]$", "(?i)^icp\\s*\\d", "^\\S*?\\s+q"),
    ("^(责任编辑|編輯)\\s*[:：]", "^.{0,3}s\\s*$"),
    ("(?i)^\\S{0,8}\\.(jpe?g|png)$", "^(图|圖)\\s*[/:：]", "^\\W+w"),
)
BROAD_PIECES = ["a", "b", " ", " > ", ">", "»", "\t", "。", "分享", "编辑:", "x", "X", "icp 1", "ICP", "q", "s", "w", "!",
                ".jpg", ".PNG", "图/", "中文", "\n", "\n"]
broad_documents = st.lists(st.sampled_from(BROAD_PIECES), max_size=24).map("".join).map(
    lambda text: [(n + 1, line) for n, line in enumerate(text.split("\n"))]
)


@settings(max_examples=500, deadline=None)
@given(broad_documents)
def test_passes_after_a_broad_opening_find_every_line_it_matches(texts):
    """Reference: `debris._debris_kinds_by_line`, each line searched on its own."""
    folded = debris._fold_ascii("\n".join(text for _, text in texts))
    stripped = [line.strip() for line in folded.split("\n")]
    assert debris._debris_kinds(folded, stripped, BROAD) == debris._debris_kinds_by_line(texts, BROAD)


def test_patterns_that_need_a_backtracking_engine_are_refused():
    for pattern in ("a(?=\\s*$)", "(?<=b)c", "(?<!x)y", "^(?>\\s*)e", "z++", "(a)\\1"):
        with pytest.raises(PatternError):
            debris._compile((pattern,), (), ())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("ab中\u200b\u00ad\u202e\x1b\x9b\x9d\x07\x00\x7f[]2J;31m\\ \t", max_size=12), max_size=6))
def test_invisible_marks_out_of_the_whole_document_are_those_out_of_each_line(lines):
    """Reference: `invisible.strip_invisible` on each line."""
    visible, text = invisible._visible_lines(lines)
    assert visible == [invisible.strip_invisible(line) for line in lines]
    assert text == "\n".join(visible)


@pytest.mark.parametrize("seed", range(200))
def test_invisible_marks_stripped_as_by_the_two_patterns(seed: int) -> None:
    """Reference: `_ESCAPE_SEQUENCE`, `_CONTROL` and `_INVISIBLE` substituted one after another."""
    rng = random.Random(seed)
    alphabet = [*"ab中文 \n\t", "\u200b", "\ufeff", "\u00ad", "\u202e", "\x1b[31m", "\x00", "\x9b2J", "\x85", "\u3000"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
    plain = invisible._INVISIBLE.sub("", invisible._CONTROL.sub("", invisible._ESCAPE_SEQUENCE.sub("", text)) if invisible._CONTROL.search(text) else text)
    assert invisible.strip_invisible(text) == plain


GLOSS_PIECES = ["中", "(", ")", "zhōng", "yè", "ab", "A", "?", "yè)", " ", "银行(yín)", "F(xiàn)idji", "(code red)", "\n"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(GLOSS_PIECES), max_size=14).map("".join), st.integers(1, 4), st.data())
def test_glosses_stripped_from_the_whole_document_are_those_stripped_from_each_line(text, first_number, data):
    """References: `glosses._without_glosses_by_line` and `glosses.strip_glosses` on each line."""
    lines = text.split("\n")
    numbers = range(first_number, first_number + len(lines))
    damaged_lines = data.draw(st.sets(st.sampled_from(list(numbers))))
    damaged = [(n, [mojibake.Run(0, 4, "?yè)", "业", True)] * (1 + n % 2)) for n in sorted(damaged_lines)]
    plain = glosses._without_glosses_by_line(lines, numbers, damaged)
    assert glosses._without_glosses(lines, text, numbers, damaged) == plain
    found = [glosses.strip_glosses(line) for line in lines]
    assert plain[0] == [line for line, _ in found]
    assert plain[2] == sum(len(glosses) for _, glosses in found) + sum(len(runs) for _, runs in damaged)


# ------------------------------------------------------------------ full-width folding
# Every test below compares `debris._fold_ascii` with the plain reference, `str.translate` with
# `debris._FULL_WIDTH_ASCII`, one character at a time.


def _plain_fold(text: str) -> str:
    return text.translate(debris._FULL_WIDTH_ASCII)


def test_folding_runs_of_every_full_width_form_is_translating_each_character():
    """Reference: `_plain_fold` (`str.translate`) on every full-width form and the ideographic space."""
    text = "".join(map(chr, range(0x3000, 0x3002))) + "".join(map(chr, range(0xFF00, 0xFF61))) + "中文，ＡＩ１２３％"
    assert debris._fold_ascii(text) == _plain_fold(text)


@settings(max_examples=400, deadline=None)
@given(st.text("ａＡ：，（）！～\uff01\uff5e\uff5f\uff00a:,中 \n", max_size=40))
def test_folding_by_search_is_folding_each_character(text):
    """Reference: `_plain_fold` (`str.translate`)."""
    assert debris._fold_ascii(text) == _plain_fold(text)


@pytest.mark.parametrize("seed", range(200))
def test_fold_by_replace_is_translate(seed: int) -> None:
    """Reference: `str.translate` with `debris._FULL_WIDTH_ASCII`."""
    rng = random.Random(seed)
    alphabet = [*"ab中：，（）ＩＣＰ０９\uff01\uff5e\uff5f\uff00\ufee0 \n"]
    text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
    assert debris._fold_ascii(text) == text.translate(debris._FULL_WIDTH_ASCII)
