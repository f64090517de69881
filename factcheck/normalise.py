"""Stage 3, normalise: one common script (Simplified, via OpenCC) and ASCII digits/letters, for matching only.

The conversion is OpenCC's standard t2s chain with a phrase dictionary from `[lexicon.phrases]`
in front of it (Taiwan/Hong Kong vocabulary such as 影片→视频, 軟體→软件 that t2s keeps).
Plain `tw2sp` was rejected: it rewrites correct words (核心→内核, 資料→数据, 《連線》→《连接》).
Every normalised line has the same length as its source line, so offsets found in the
normalised text cut the original text at the same places.
"""
from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import tempfile
from dataclasses import replace
from functools import lru_cache
from operator import attrgetter

from .config import Config
from .model import Document, Line

# Full-width digits, Latin letters and the signs numbers are written with (％＄＋－．／) to
# ASCII, ideographic space to space: one character for one. Chinese punctuation (，：（）) is
# kept: clause and sentence splitting read it.
_FOLD = {code: code - 0xFEE0 for code in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_FOLD.update({ord(ch): ord(ch) - 0xFEE0 for ch in "％＄＋－．／"})
_FOLD[0x3000] = 0x20
# translate() looks every character up in the table: ~5x slower than finding the runs to fold.
# A run opens with one character of the class (not `[...]+`): the engine then scans for that
# class in C, twice as fast over text that has none (most of it).
_FOLD_CLASS = "[" + "".join(map(re.escape, map(chr, sorted(_FOLD)))) + "]"
_FOLD_RUN = re.compile(f"{_FOLD_CLASS}{_FOLD_CLASS}*")

# t2s keeps 著 because it is also Simplified (著名); as an aspect particle Simplified writes 着.
# 著 stays only where it means "notable/write/author" (the words below): a 著 neither after nor
# before one of their other characters is rewritten. The pattern opens with 著 (the lookbehind
# looks back from it): the regex engine jumps from one 著 to the next.
_ZHU_PARTICLE = re.compile(r"著(?<![显卓土原名巨专论编合译遗拙昭彰]著)(?![名作称述录书者])")


def normalise_text(text: str, config: Config) -> str:
    """Simplified script, full-width ASCII folded; same length as `text`."""
    return _normalise_line(text, _converter_of(config))


def normalise(doc: Document, config: Config) -> Document:
    """Fill `Line.norm` for every line (same length as `Line.text`)."""
    converter = _converter_of(config)
    texts = list(map(_TEXT, doc.lines))
    # One call for the whole document: OpenCC is ~3x slower called line by line.
    converted = _post(converter.convert("\n".join(texts))).split("\n")
    if len(converted) != len(texts):
        converted = [_normalise_line(text, converter) for text in texts]
    elif list(map(len, converted)) != list(map(len, texts)):  # compared in C: almost always equal
        converted = [norm if len(norm) == len(text) else _normalise_line(text, converter)
                     for norm, text in zip(converted, texts)]
    # Line(...) rather than dataclasses.replace (a tenth of this stage), fed by map: no Python
    # call per line besides the constructor
    lines = tuple(map(Line, map(_NUMBER, doc.lines), texts, map(_ORIGINAL, doc.lines), converted))
    return replace(doc, lines=lines)


_NUMBER, _TEXT, _ORIGINAL = attrgetter("number"), attrgetter("text"), attrgetter("original")


def _converter_of(config: Config):
    """The converter for `config`'s phrases; found once per rule set (sorting the phrases for the
    cache key cost as much as folding a whole document)."""
    return config.derived("normalise.converter", lambda cfg: _converter(cfg.digest, _phrase_items(cfg)))


def _normalise_line(text: str, converter) -> str:
    norm = _post(converter.convert(text))
    if len(norm) == len(text):
        return norm
    # A phrase mapped to a different length: fall back to one character at a time for this
    # line, which keeps offsets exact at the cost of phrase context.
    return "".join(_one_char(ch, converter) for ch in text)


def _one_char(ch: str, converter) -> str:
    out = _post(converter.convert(ch))
    return out if len(out) == 1 else ch


def _post(text: str) -> str:
    text = _FOLD_RUN.sub(_fold_run, text)
    return _zhu(text)


def _fold_run(run: re.Match) -> str:
    return run.group(0).translate(_FOLD)


def _zhu(text: str) -> str:
    # one pass with a fixed replacement: no Python call per 著
    return _ZHU_PARTICLE.sub("着", text)


def _phrase_items(config: Config) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(config.lex("phrases").items()))


@lru_cache(maxsize=8)
def _converter(digest: str, phrases: tuple[tuple[str, str], ...]):
    import opencc  # imported lazily: its C library loads in ~50 ms

    share = os.path.join(os.path.dirname(opencc.__file__), "clib", "share", "opencc")
    workdir = tempfile.mkdtemp(prefix="factcheck-opencc-")
    atexit.register(shutil.rmtree, workdir, ignore_errors=True)
    phrase_file = os.path.join(workdir, "phrases.txt")
    with open(phrase_file, "w", encoding="utf-8") as handle:
        for source, target in phrases:
            if source and "\t" not in source and "\n" not in source + target:
                handle.write(f"{source}\t{target}\n")
    chain = [{"type": "ocd2", "file": os.path.join(share, "TSPhrases.ocd2")},
             {"type": "ocd2", "file": os.path.join(share, "TSCharactersExt.ocd2"), "may_output_tofu": True},
             {"type": "ocd2", "file": os.path.join(share, "TSCharacters.ocd2")}]
    if phrases:
        chain.insert(0, {"type": "text", "file": phrase_file})
    config_json = {
        "name": "factcheck: phrases from rules/ before OpenCC t2s",
        "normalization": [{"dict": {"type": "ocd2", "file": os.path.join(share, "CJK_Compatibility_Ideographs.ocd2")}}],
        "conversion_chain": [{"dict": {"type": "group", "match_policy": "short_circuit", "dicts": chain}}],
    }
    config_file = os.path.join(workdir, "t2s-phrases.json")
    with open(config_file, "w", encoding="utf-8") as handle:
        json.dump(config_json, handle)
    return opencc.OpenCC(config_file)
