"""Tests for the clean stage's fifth speed pass: full-width folding by search; patterns with a broad
opening, searched over the whole document, find the lines they find one by one."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import clean


def _plain_fold(text: str) -> str:
    return text.translate(clean._FULL_WIDTH_ASCII)


@settings(max_examples=400, deadline=None)
@given(st.text("ａＡ：，（）！～\uff01\uff5e\uff5f\uff00a:,中 \n", max_size=40))
def test_folding_by_search_is_folding_each_character(text):
    assert clean._fold_ascii(text) == _plain_fold(text)


BROAD = clean._compile(
    ("^[^。！？]{1,6}\\s[>»]\\s[^。！？]{1,6}\\s[>»]\\s", "^分享", "^[xX×]$", "(?i)^icp\\s*\\d", "^\\S*?\\s+q"),
    ("^(责任编辑|編輯)\\s*[:：]", "^.{0,3}s\\s*$"),
    ("(?i)^\\S{0,8}\\.(jpe?g|png)$", "^(图|圖)\\s*[/:：]", "^\\W+w"),
)
PIECES = ["a", "b", " ", " > ", ">", "»", "\t", "。", "分享", "编辑:", "x", "X", "icp 1", "ICP", "q", "s", "w", "!",
          ".jpg", ".PNG", "图/", "中文", "\n", "\n"]
documents = st.lists(st.sampled_from(PIECES), max_size=24).map("".join).map(
    lambda text: [(n + 1, line) for n, line in enumerate(text.split("\n"))]
)


@settings(max_examples=500, deadline=None)
@given(documents)
def test_passes_after_a_broad_opening_find_every_line_it_matches(texts):
    folded = clean._fold_ascii("\n".join(text for _, text in texts))
    stripped = [line.strip() for line in folded.split("\n")]
    assert clean._debris_kinds(folded, stripped, BROAD) == clean._debris_kinds_by_line(texts, BROAD)
