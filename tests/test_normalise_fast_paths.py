"""Normalise stage fast paths, each compared with the plain code it stands in for: full-width runs
folded by a class-led pattern, converted lines checked for their length in bulk, 著 kept or made
着 by one fixed replacement."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck import normalise
from factcheck.settings import load_config
from factcheck.model import Document, Line, Metadata

CONFIG = load_config(None)


def test_fold_runs_of_every_full_width_form_are_translating_each_character():
    """Reference: `str.translate` with `normalise._FOLD`, character by character."""
    text = "".join(map(chr, range(0x3000, 0x3002))) + "".join(map(chr, range(0xFF00, 0xFF61))) + "中文，ＡＩ１２３％"
    assert normalise._FOLD_RUN.sub(normalise._fold_run, text) == text.translate(normalise._FOLD)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_fold_run_is_translate(marker_and_fold_texts, data):
    """Reference: `str.translate` with `normalise._FOLD`, character by character."""
    text = data.draw(marker_and_fold_texts)
    assert normalise._FOLD_RUN.sub(normalise._fold_run, text) == text.translate(normalise._FOLD)


def _plain_norms(doc: Document) -> list[str]:
    """Each converted line checked for its length in a Python loop, as normalise did before."""
    converter = normalise._converter(CONFIG.digest, normalise._phrase_items(CONFIG))
    converted = normalise._post(converter.convert("\n".join(line.text for line in doc.lines))).split("\n")
    if len(converted) != len(doc.lines):
        converted = [normalise._normalise_line(line.text, converter) for line in doc.lines]
    return [norm if len(norm) == len(line.text) else normalise._normalise_line(line.text, converter)
            for line, norm in zip(doc.lines, converted)]


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_normalise_is_the_plain_loop(marker_and_fold_texts, data):
    """Reference: `_plain_norms`, every converted line's length checked in a Python loop."""
    texts = data.draw(st.lists(marker_and_fold_texts, min_size=1, max_size=5))
    doc = Document("d.txt", "", "utf-8", Metadata(), tuple(Line(i + 1, t, t + " ") for i, t in enumerate(texts)))
    normalised = normalise.normalise(doc, CONFIG)
    assert [line.norm for line in normalised.lines] == _plain_norms(doc)
    assert [(line.number, line.text, line.original) for line in normalised.lines] == \
        [(line.number, line.text, line.original) for line in doc.lines]
    assert normalised == Document(doc.path, doc.sha256, doc.encoding, doc.meta, normalised.lines)


ZHU_PIECES = ["著", "着", "显", "卓", "名", "作", "书", "者", "原", "彰", "的", "看", "a", " ", "\n", "昭"]
ZHU_TEXTS = st.lists(st.sampled_from(ZHU_PIECES), max_size=20).map("".join)


def _plain_zhu(text: str) -> str:
    """_zhu as it was: the positions to keep found first, every 著 replaced by a Python call."""
    keep_pattern = re.compile(r"著(?<=[显卓土原名巨专论编合译遗拙昭彰]著)|著(?=[名作称述录书者])")
    keep = {m.start() for m in keep_pattern.finditer(text)}
    return re.sub("著", lambda m: "著" if m.start() in keep else "着", text)


@settings(max_examples=500, deadline=None)
@given(ZHU_TEXTS)
def test_zhu_by_one_replacement_is_the_plain_one(text):
    """Reference: `_plain_zhu`, the former `_zhu` (positions to keep first, a Python call per 著)."""
    assert normalise._zhu(text) == _plain_zhu(text)
