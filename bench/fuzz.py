"""Fuzz factcheck: the per-document stages in-process, or the whole command line on batches of files.

    python bench/fuzz.py --examples 20000                      # stages, in-process (hypothesis)
    python bench/fuzz.py --cli --documents 100000 --seed 0      # `factcheck check` on batches

Stage mode. Inputs: random bytes, random Unicode in every supported encoding, and slices of the
seed articles re-encoded and then damaged (bytes flipped, inserted, deleted, duplicated; NUL, CR,
BOMs, glosses). Every input goes through `load.read` on a temporary file, then `clean`,
`normalise` and `extract`; besides "never raises", each run checks the invariants later stages
rely on (norm as long as text, claim lines inside the file, `raw` found at `start` in
`sentence`). Failures are grouped by where they were raised and printed with the smallest input
that triggered each. Exit 1 if any failed.

CLI mode (`--cli`): folders of hostile files (see `make_batch`) are checked by
`python -m factcheck check <folder>` in a subprocess, in the formats and with the options of
`BATCH_MODES`; each run must exit 0 or 1 with no traceback, its report must parse, and every
file of the folder must appear in the report exactly once, checked or skipped with a one-line
reason (an `internal-error` skip is a crash). A few usage errors are run first and must exit 2
with one line (`USAGE_ERRORS`). Exit 1 if any batch failed; failing batches are kept.
"""
from __future__ import annotations

import argparse
import codecs
import csv
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from factcheck import clean, extract, normalise  # noqa: E402
from factcheck import read as load  # noqa: E402
from factcheck.config import Config  # noqa: E402
from factcheck.settings import load_config  # noqa: E402
from factcheck.model import RawDocument, Skipped  # noqa: E402

SEED_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "gb18030", "big5"]
BOMS = [codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE]
SPLICES = [b"\x00", b"\r", b"\r\n", b"\n\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x80", b"\xe3\x80", "(jì)".encode(),
           "\u200b".encode(), "２０２５年１３月４０日".encode(), "1.2.3億".encode(), b"9" * 64, "?yàn)".encode(),
           "date: 2025-12-10\n---\n".encode(), b"PK\x03\x04", b"\x89PNG\r\n\x1a\n"]


# ------------------------------------------------------------------------ inputs


@st.composite
def encoded_text(draw) -> bytes:
    text = draw(st.text(max_size=300))
    codec = draw(st.sampled_from(CODECS))
    return text.encode(codec, errors="replace")


@st.composite
def damaged_seed(draw) -> bytes:
    """A slice of a seed article, re-encoded, then damaged a few times."""
    seed = draw(st.sampled_from(SEED_TEXTS))
    start = draw(st.integers(0, max(0, len(seed) - 1)))
    text = seed[start : start + draw(st.integers(0, 1500))]
    data = bytearray(text.encode(draw(st.sampled_from(CODECS)), errors="replace"))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "splice"]))
        if action == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 16))]
        elif action == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
        else:
            data[at:at] = draw(st.sampled_from(SPLICES))
    if draw(st.booleans()):
        data[0:0] = draw(st.sampled_from(BOMS))
    return bytes(data)


INPUTS = st.one_of(st.binary(max_size=800), encoded_text(), damaged_seed(), damaged_seed())


# ------------------------------------------------------------------------ target


def run_stages(data: bytes, folder: Path, config: Config) -> int:
    """load -> clean -> normalise -> extract on one input: claims read (-1 if skipped); AssertionError when an invariant breaks."""
    path = folder / "input.txt"
    path.write_bytes(data)
    raw = load.read(path, "input.txt")
    if isinstance(raw, Skipped):
        assert raw.reason and "\n" not in raw.reason, f"bad skip reason {raw.reason!r}"
        return -1
    assert isinstance(raw, RawDocument)
    document = normalise.normalise(clean.clean(raw, config), config)
    line_count = raw.text.count("\n") + 1
    for line in document.lines:
        assert len(line.norm) == len(line.text), f"norm and text differ in length on line {line.number}"
        assert 1 <= line.number <= line_count, f"line number {line.number} outside 1..{line_count}"
    claims = extract.extract(document, config)
    for claim in claims:
        assert 1 <= claim.line <= line_count, f"claim line {claim.line} outside 1..{line_count}"
        assert claim.sentence[claim.start : claim.start + len(claim.raw)] == claim.raw, f"raw not at start: {claim!r}"
    return len(claims)


# ------------------------------------------------------------------------ driver


@dataclass
class Failure:
    where: str
    message: str
    example: bytes
    detail: str
    count: int = 0


@dataclass
class Tally:
    tried: int = 0
    skipped: int = 0  # inputs the loader refused (binary, undecodable)
    with_claims: int = 0  # inputs from which at least one claim was read
    claims: int = 0
    failures: dict[str, Failure] = field(default_factory=dict)

    def record(self, data: bytes, exc: BaseException) -> None:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/factcheck/" in f.filename] or traceback.extract_tb(exc.__traceback__)
        last = frames[-1]
        where = f"{type(exc).__name__} at {Path(last.filename).name}:{last.lineno} ({last.name})"
        message = str(exc).split("\n")[0][:200]
        known = self.failures.get(where)
        if known is None or len(data) < len(known.example):
            detail = "".join(traceback.format_exception(exc)[-6:])
            self.failures[where] = Failure(where, message, data, detail, known.count if known else 0)
        self.failures[where].count += 1


def fuzz(examples: int, seed: int) -> Tally:
    config = load_config(ROOT / "rules")
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="factcheck-fuzz-") as folder:

        @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                  suppress_health_check=list(HealthCheck), derandomize=False)
        @given(INPUTS)
        def target(data: bytes) -> None:
            tally.tried += 1
            try:
                found = run_stages(data, Path(folder), config)
                tally.skipped += found < 0
                tally.with_claims += found > 0
                tally.claims += max(found, 0)
            except Exception as exc:  # every failure is recorded; the run goes on
                tally.record(data, exc)

        # a fixed seed makes a run repeatable: the same inputs in the same order
        target._hypothesis_internal_use_seed = seed
        target()
    return tally


# ======================================================================== CLI mode
#
# A batch is a folder of hostile files (contents from DOCUMENT_KINDS, names from _file_name,
# file-system oddities from _add_specials) and a manifest of what the report must list: the
# display path of every entry factcheck is meant to account for, and for some the status or
# reason it must get. The folder is checked by `python -m factcheck check` in a subprocess.

FOOTERS = [
    "責任編輯：王小明", "声明：本文仅代表作者本人观点。", "原文標題：OpenAI的新模型", "相關閱讀", "本文來源：新華社",
    "粵公網安備 44030502002758號", "0條評論,0人參與", "分享到：", "版權所有 © 2025", "發表評論",
]
ODD_HEADERS = [
    "date: 2025-02-30\n---\n", "date: -2025-01-01\n---\n", "date: 0000-00-00\n---\n", "date: 99999-12-31\n---\n",
    "date: 2025-12-10T25:61+99:00\n---\n", "日期：2025年13月40日\n---\n", "date:\n---\n", "date: 2025-12-10\ndate: 2024-01-01\n---\n",
    "date: 2025-12-10\n", "---\n---\n", "---\ndate: 2025-12-10\n---\n", "source: 新華社\nurl: http://[::1\ndate: 1e9\n---\n",
    "date: 2025-12-10\n---\n" * 3, "網址: " + "a" * 3000 + "\n---\n", "date: ２０２５－１２－１０\n---\n",
    "date: 2025/12/10 08:30\n---\n", "Date: 1970-01-01\n---\n", "date: " + "9" * 400 + "\n---\n",
    "來源：\x1b[31m紅色\x1b[0m\ndate: 2025-12-10\n---\n", "date: 2025-12-10\x00\n---\n", "date: 2025-12-10\r\n---\r\n",
    "\ufeffdate: 2025-12-10\n---\n", "source: " + "（" * 200 + "\n---\n", "date: 2025-12-10 " + "+08:00" * 50 + "\n---\n",
]
HUGE_NUMBERS = [
    "9" * 400, "1" + "0" * 4000, "1e309", "-0", "0." + "0" * 300 + "1", "１２３４５６７８９０" * 30, "九" * 200 + "萬億億",
    "99999999999999999999%", "1,2,3,4,5,6,7,8,9" * 20, "1.2.3.4億", "十萬八千億兆", "0x" + "f" * 64, "∞", "NaN",
    "2025年" * 100, "3" * 30 + "年12月1日", "第" + "9" * 50 + "代", "¥" * 20 + "1", "+-+-1億",
]
CONTROLS = ["\x00", "\x1b[2J", "\x1b]0;title\x07", "\x07", "\x0c", "\x85", "\u2028", "\u2029", "\r", "\x7f", "\x9b31m",
            "\x1b[31m", "\u202e", "\u200b", "\ufeff", "\x08" * 5, "\t", "\x1b", "\x9d8;;http://x\x9c"]
OPENERS_CLOSERS = ["（）", "()", "[]", "【】", "「」", "『』", "“”", "《》", "{}", "〈〉"]
ORGS = ["OpenAI", "谷歌", "英偉達", "微軟", "Anthropic", "蘋果", "台積電"]
EVENTS = ["發布GPT-5.2", "宣布進入紅色警報", "啟動“紅色代碼”", "推出Gemini 3", "完成新一輪融資", "召開發布會"]
METRICS = ["估值", "融資", "營收", "虧損", "用戶數"]
PEOPLE = ["Sam Altman", "奧特曼", "Jakub Pachocki", "Jakub Patchocki", "Fidji Simo", "黃仁勳"]
OUTLETS = ["新華社", "聯合報", "36氪", "澎湃新聞", "BBC中文", "OFweek"]
CLI_CODECS = ["utf-8", "utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]
GLOSSES = ["(jì)", "(shí)", "(xīn)", "(yàn)", "(lián)", "(fā)", "(wǎng)", "(huán)"]


def _slice(rng, most: int = 3000) -> str:
    seed = rng.choice(SEED_TEXTS)
    start = rng.randrange(len(seed))
    return seed[start : start + rng.randrange(most)]


def _encode(rng, text: str, codec: str | None = None) -> bytes:
    codec = codec or rng.choice(CLI_CODECS)
    data = text.encode(codec, errors="replace")
    if codec in ("utf-16-le", "utf-16-be", "utf-8") and rng.random() < 0.3:  # a BOM added by hand, or two
        bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE, "utf-8": codecs.BOM_UTF8}[codec]
        data = bom * rng.randint(1, 2) + data
    return data


def _splice(rng, text: str, pieces: list[str], count: int) -> str:
    for _ in range(count):
        at = rng.randrange(len(text) + 1)
        text = text[:at] + rng.choice(pieces) + text[at:]
    return text


def _header(rng) -> str:
    return f"date: 2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}\nsource: {rng.choice(OUTLETS)}\n---\n" if rng.random() < 0.6 else ""


def doc_random_bytes(rng) -> bytes:
    return rng.randbytes(rng.randrange(0, 3000))


def doc_seed(rng) -> bytes:
    return _encode(rng, _header(rng) + _slice(rng, 8000))


def doc_damaged(rng) -> bytes:
    data = bytearray(_encode(rng, _slice(rng)))
    for _ in range(rng.randint(1, 12)):
        at = rng.randint(0, len(data))
        action = rng.choice(["flip", "insert", "delete", "duplicate", "splice"])
        if action == "flip" and at < len(data):
            data[at] = rng.randrange(256)
        elif action == "insert":
            data[at:at] = rng.randbytes(rng.randint(1, 8))
        elif action == "delete":
            del data[at : at + rng.randint(1, 16)]
        elif action == "duplicate":
            data[at:at] = data[at : at + rng.randint(1, 64)]
        else:
            data[at:at] = rng.choice(SPLICES)
    return bytes(data)


def doc_truncated(rng) -> bytes:
    """Multibyte text cut inside a character: at its end, and a few bytes lost here and there."""
    data = bytearray(_encode(rng, _header(rng) + _slice(rng), rng.choice(["utf-8", "gb18030", "big5", "utf-16-le", "utf-16"])))
    for _ in range(rng.randint(0, 5)):
        if data:
            del data[rng.randrange(len(data))]
    if len(data) > 1:
        cut = rng.randrange(1, len(data))
        data = data[: cut | 1]  # an odd length: half a UTF-16 unit or half a GB18030 pair
    return bytes(data)


def doc_mixed_encodings(rng) -> bytes:
    """Paragraphs of one file written in different encodings, BOMs in the middle."""
    parts = [_encode(rng, _slice(rng, 800) + "\n") for _ in range(rng.randint(2, 6))]
    return (_header(rng).encode() if rng.random() < 0.5 else b"") + b"".join(parts)


def doc_long_line(rng) -> bytes:
    text = "".join(SEED_TEXTS).replace("\n", "")
    size = rng.choice([20_000, 60_000, 150_000, 400_000])
    line = (text * (size // len(text) + 1))[:size]
    if rng.random() < 0.5:  # a date and an amount at the very end of the line
        line += "OpenAI於2025年12月1日宣布估值達5000億美元。"
    return _encode(rng, _header(rng) + line, rng.choice(["utf-8", "gb18030", "utf-16"]))


def doc_control(rng) -> bytes:
    return _encode(rng, _splice(rng, _header(rng) + _slice(rng), CONTROLS, rng.randint(1, 40)))


def doc_huge_numbers(rng) -> bytes:
    lines = [f"{rng.choice(ORGS)}{rng.choice(METRICS)}達{rng.choice(HUGE_NUMBERS)}{rng.choice(['億美元', '元', '%', '人', '萬', ''])}。"
             for _ in range(rng.randint(1, 30))]
    return _encode(rng, _header(rng) + "\n".join(lines) + "\n")


def doc_brackets(rng) -> bytes:
    pair = rng.choice(OPENERS_CLOSERS)
    depth = rng.choice([10, 100, 1000, 5000])
    inner = f"{rng.choice(ORGS)}於2025年12月{rng.randint(1, 28)}日{rng.choice(EVENTS)}。"
    balanced = rng.random() < 0.5
    text = pair[0] * depth + inner + (pair[1] * depth if balanced else pair[1] * rng.randrange(depth))
    if rng.random() < 0.3:
        text = "".join(rng.choice(pair) for _ in range(depth)) + inner
    return _encode(rng, _header(rng) + text + "\n" + _slice(rng, 1000))


def doc_mojibake(rng) -> bytes:
    """The damage clean.py repairs: a byte-level converter put a pinyin gloss inside a two-byte
    GBK character; the bytes were then read as GB18030, one byte off until resynchronised."""
    data = bytearray(_slice(rng).encode("gb18030", errors="replace"))
    for _ in range(rng.randint(1, 6)):
        if len(data) < 4:
            break
        at = rng.randrange(1, len(data))
        data[at:at] = rng.choice(GLOSSES).encode("gb18030")
    text = _header(rng) + bytes(data).decode("gb18030", errors="replace")
    return _encode(rng, text, rng.choice(["utf-8", "gb18030", "utf-16"]))


def doc_glosses(rng) -> bytes:
    text = _slice(rng)
    out = []
    for char in text:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff" and rng.random() < 0.3:
            out.append(rng.choice(GLOSSES))
    return _encode(rng, _header(rng) + "".join(out))


def doc_odd_header(rng) -> bytes:
    return _encode(rng, rng.choice(ODD_HEADERS) + _slice(rng, 2000))


def doc_empty(rng) -> bytes:
    return rng.choice([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b" ", b"\n" * 1000, b"\r\n" * 50, b"\x00" * 100,
                       b"date: 2025-12-10\n---\n", b"---\n", b"\t\t\n  \n", "\u3000\n".encode() * 20, b"\x1a"])


def doc_concatenated(rng) -> bytes:
    """Several articles in one file, each closed by a footer (stop patterns, ICP lines)."""
    parts = []
    for _ in range(rng.randint(2, 8)):
        parts.append(_header(rng) if rng.random() < 0.3 else "")
        parts.append(rng.choice(SEED_TEXTS)[: rng.randrange(500, 6000)])
        parts.append("\n" + "\n".join(rng.sample(FOOTERS, rng.randint(1, 4))) + "\n")
    return _encode(rng, _header(rng) + "".join(parts), rng.choice(["utf-8", "gb18030", "utf-16"]))


def doc_conflicts(rng) -> bytes:
    """A short made-up report of dates, amounts, names and titles: batches of them disagree."""
    sentences = []
    for _ in range(rng.randint(2, 10)):
        org = rng.choice(ORGS)
        sentences.append(rng.choice([
            f"{org}於2025年{rng.randint(11, 12)}月{rng.randint(1, 3)}日{rng.choice(EVENTS)}。",
            f"據{rng.choice(OUTLETS)}報道，{org}{rng.choice(METRICS)}達{rng.choice([5000, 5001, 8000, 1.4, 300])}億美元。",
            f"{rng.choice(PEOPLE)}表示，{org}將在明年1月{rng.choice(EVENTS)}。",
            f"{org}產品副總裁{rng.choice(PEOPLE)}於上週{rng.choice(EVENTS)}，引發業界關注。",
            f"{rng.choice(PEOPLE)}（{org}首席執行官）在{rng.randint(1990, 2030)}年加入{org}。",
        ]))
    return _encode(rng, _header(rng) + "\n".join(sentences) + "\n")


def doc_many_lines(rng) -> bytes:
    lines = rng.randint(2_000, 30_000)
    text = "\n".join(rng.choice(["", "短行。", "OpenAI於2025年12月1日發布新模型。", "x", "分享到：", "。"]) for _ in range(lines))
    return _encode(rng, _header(rng) + text, "utf-8")


def doc_binary_magic(rng) -> bytes:
    magic = rng.choice([b"\x89PNG\r\n\x1a\n", b"%PDF-1.7\n", b"PK\x03\x04", b"\x1f\x8b\x08", b"\x7fELF", b"GIF89a", b"BZh9"])
    return magic + (_slice(rng, 500).encode() if rng.random() < 0.5 else rng.randbytes(200))


def doc_line_endings(rng) -> bytes:
    text = _header(rng) + _slice(rng)
    ending = rng.choice(["\r\n", "\r", "\u2028", "\x85", "\n\r", "\r\r\n", "\x0b", "\x0c"])
    return _encode(rng, text.replace("\n", ending))


def doc_markdown(rng) -> bytes:
    body = _slice(rng, 1500)
    table = "| 公司 | 日期 |\n|---|---|\n" + "".join(f"| {rng.choice(ORGS)} | 2025年12月{rng.randint(1, 28)}日 |\n" for _ in range(5))
    return _encode(rng, _header(rng) + f"# {rng.choice(EVENTS)}\n\n> {body[:200]}\n\n```\n{body[200:400]}\n```\n\n{table}\n{body[400:]}")


DOCUMENT_KINDS = [  # (generator, weight)
    (doc_random_bytes, 6), (doc_seed, 10), (doc_damaged, 12), (doc_truncated, 8), (doc_mixed_encodings, 6),
    (doc_long_line, 1), (doc_control, 8), (doc_huge_numbers, 6), (doc_brackets, 5), (doc_mojibake, 8),
    (doc_glosses, 5), (doc_odd_header, 6), (doc_empty, 4), (doc_concatenated, 3), (doc_conflicts, 14),
    (doc_many_lines, 1), (doc_binary_magic, 2), (doc_line_endings, 4), (doc_markdown, 3),
]

NAME_PIECES = [
    "", "", "", " with spaces ", "line\nbreak", "\n", "back\\slash", "\\n", "\\x0a", "\t", "中文檔名", "新聞 稿", "日本語",
    "😀", "\u200b", "\u202e", "\x1b[31m", "'\"", "-dash", "#%&*?", "..", "  ", "\r", "\x7f", "a" * 150, "~$", "=",
]
SUFFIXES_CLI = [".txt"] * 12 + [".md", ".TXT", ".Md", ".tXt"]
FOLDERS = ["sub", "a b", "新聞", "x.txt", "dir.md", "nested/deeper/deepest", "with\nnewline", "back\\slash", "\x1b[1m"]
BYTE_FOLDER = b"bytes-\xff\xfe"  # not UTF-8: shown with \xNN escapes


def _file_name(rng, index: int) -> str:
    piece = rng.choice(NAME_PIECES)
    if rng.random() < 0.03:
        piece += os.fsdecode(b"\xff\xc0-not-utf8")  # surrogate-escaped bytes in the name
    name = f"{index:05d}{piece}" if rng.random() < 0.5 else f"{piece}{index:05d}"
    return name + rng.choice(SUFFIXES_CLI)


def shown(relative: str) -> str:
    """The display path the report must use for `relative` (written independently of
    factcheck.read: backslash doubled, then control, format and separator characters and
    undecodable bytes escaped)."""
    out = []
    for char in relative.replace("\\", "\\\\"):
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in ("Cc", "Cs", "Cf", "Zl", "Zp"):
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


@dataclass
class Batch:
    """A folder to check and what its report must hold."""

    folder: Path  # relative to the run's root, which is the current directory of the check
    expected: dict[str, str] = field(default_factory=dict)  # display path -> "" or a required reason fragment
    aliases: list[set[str]] = field(default_factory=list)  # names of one file: one read, the rest "same file as"
    files: list[str] = field(default_factory=list)  # relative paths of the generated documents (rewritable)


def make_batch(root: Path, name: str, rng, count: int) -> Batch:
    """`count` hostile documents in root/name, with decoys that must not be listed and
    file-system oddities that must be (see _add_specials)."""
    batch = Batch(Path(name))
    folder = root / name
    folder.mkdir()
    kinds, weights = zip(*DOCUMENT_KINDS)
    for index in range(count):
        relative = _file_name(rng, index)
        if rng.random() < 0.25:
            relative = rng.choice(FOLDERS) + "/" + relative
        elif rng.random() < 0.01:
            relative = os.fsdecode(BYTE_FOLDER) + "/" + relative
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.choices(kinds, weights)[0](rng))
        batch.files.append(relative)
        _expect(batch, relative)
    _add_decoys(folder, rng)
    _add_specials(root, batch, rng)
    return batch


def listed(relative: str) -> bool:
    """Whether factcheck walks to this path: hidden names (".x") are not walked into or read."""
    return not any(part.startswith(".") for part in relative.split("/"))


def _expect(batch: Batch, relative: str, fragment: str = "") -> None:
    if listed(relative):
        batch.expected[f"{batch.folder.as_posix()}/{shown(relative)}"] = fragment


def _alias(batch: Batch, *names: str) -> None:
    """Names of one file (groups sharing a name are one group: a hard link to a file in `sub`)."""
    group = {f"{batch.folder.as_posix()}/{shown(n)}" for n in names if listed(n)}
    for other in [g for g in batch.aliases if g & group]:
        batch.aliases.remove(other)
        group |= other
    if len(group) > 1:
        batch.aliases.append(group)


def _add_decoys(folder: Path, rng) -> None:
    """Entries factcheck must not list: hidden files and folders, other suffixes, empty folders."""
    (folder / ".hidden").mkdir(exist_ok=True)
    (folder / ".hidden" / "inside.txt").write_bytes(doc_conflicts(rng))
    (folder / ".dotfile.txt").write_bytes(doc_seed(rng))
    (folder / "notes.bin").write_bytes(rng.randbytes(64))
    (folder / "README").write_bytes(b"not a document")
    (folder / "draft.txt~").write_bytes(doc_seed(rng))
    (folder / "old.txt.bak").write_bytes(doc_seed(rng))
    (folder / "empty.txt").mkdir(exist_ok=True)  # a folder named like a document, holding nothing
    (folder / "photo.png.txt.d").mkdir(exist_ok=True)


def _add_specials(root: Path, batch: Batch, rng) -> None:
    """Symbolic links (to a document, to one outside, broken, looping, to a folder), a hard link and a FIFO."""
    folder = root / batch.folder
    target = rng.choice(batch.files)
    os.symlink(os.path.relpath(folder / target, folder), folder / "link to doc.txt")
    _expect(batch, "link to doc.txt")
    _alias(batch, target, "link to doc.txt")
    hard = rng.choice(batch.files)
    os.link(folder / hard, folder / "hard link.txt")
    _expect(batch, "hard link.txt")
    _alias(batch, hard, "hard link.txt")
    outside = root / "outside" / "article.txt"
    os.symlink(os.path.relpath(outside, folder), folder / "outside.txt")
    _expect(batch, "outside.txt")
    os.symlink("missing-target.txt", folder / "dead.txt")
    _expect(batch, "dead.txt", "broken symbolic link")
    os.symlink("self loop.txt", folder / "self loop.txt")
    _expect(batch, "self loop.txt", "symbolic link loop")
    (folder / "sub").mkdir(exist_ok=True)
    os.symlink("..", folder / "sub" / "up")
    _expect(batch, "sub/up", "symbolic link loop")
    os.mkfifo(folder / "pipe.txt")
    _expect(batch, "pipe.txt", "not a regular file")
    # a second name for a whole folder: its documents are listed again, as aliases
    os.symlink("sub", folder / "sub alias")
    for relative in [r for r in batch.files if r.startswith("sub/")]:
        _expect(batch, "sub alias/" + relative[len("sub/"):])
        _alias(batch, relative, "sub alias/" + relative[len("sub/"):])
    _expect(batch, "sub alias/up", "symbolic link loop")


def _rewrite_some(root: Path, batch: Batch, rng) -> None:
    """Between a cold and a warm run: some documents change, one goes, one comes."""
    folder, name = root / batch.folder, batch.folder.as_posix()
    kinds, weights = zip(*DOCUMENT_KINDS)
    for relative in rng.sample(batch.files, max(1, len(batch.files) // 20)):
        (folder / relative).write_bytes(rng.choices(kinds, weights)[0](rng))
    aliased = set().union(*batch.aliases)
    gone = next((r for r in batch.files if listed(r) and "/" not in r and f"{name}/{shown(r)}" not in aliased), None)
    if gone is not None:
        (folder / gone).unlink()
        del batch.expected[f"{name}/{shown(gone)}"]
        batch.files.remove(gone)
    (folder / "added later.txt").write_bytes(doc_conflicts(rng))
    _expect(batch, "added later.txt")


# ------------------------------------------------------------------------ runs and checks

# (name, [(options of one run, format)], whether files change between the runs). The last run of
# each mode is JSON: it gives the documents[] list every mode is checked against.
BATCH_MODES = [
    ("json", [["--format", "json", "--no-cache"]], False),
    ("json --jobs 2", [["--format", "json", "--no-cache", "--jobs", "2"]], False),
    ("sarif, cached; json warm", [["--format", "sarif", "--cache", "{cache}"], ["--format", "json", "--cache", "{cache}"]], False),
    ("json --jobs 1", [["--format", "json", "--no-cache", "--jobs", "1"]], False),
    ("jsonl + csv, cached; files changed; json --jobs 2", [["--format", "jsonl", "--csv", "{csv}", "--cache", "{cache}"],
                                                           ["--format", "json", "--cache", "{cache}", "--jobs", "2"]], True),
    ("github --jobs 2, cached; json warm", [["--format", "github", "--jobs", "2", "--cache", "{cache}"], ["--format", "json", "--cache", "{cache}"]], False),
    ("terminal, no cache; json --fail-on info", [["--format", "terminal", "--no-cache"], ["--format", "json", "--no-cache", "--fail-on", "info"]], False),
]

# Runs that must exit 2 with one line on stderr and nothing on stdout: usage and input errors by design.
USAGE_ERRORS = [
    ("a folder holding no .txt or .md document", ["check", "{decoys}", "--no-cache"], "no .txt or .md documents found"),
    ("a path that does not exist", ["check", "no such folder", "--no-cache"], "no such file or directory"),
    ("--output into a missing folder", ["check", "{outside}", "--no-cache", "--format", "json", "--output", "missing/report.json"], "does not exist"),
    ("--output naming a folder", ["check", "{outside}", "--no-cache", "--format", "json", "--output", "{outside}"], "it is a folder"),
    ("--jobs -1", ["check", "{outside}", "--no-cache", "--jobs", "-1"], "--jobs"),
    ("an unknown format", ["check", "{outside}", "--no-cache", "--format", "xml"], "--format"),
    ("a rules folder with a broken rules.toml", ["check", "{outside}", "--no-cache", "--rules", "{bad_rules}"], "rules.toml"),
    ("a baseline that is not JSON", ["check", "{outside}", "--no-cache", "--baseline", "{bad_baseline}"], "baseline"),
]


@dataclass
class CliTally:
    made: int = 0  # entries the batches' reports should list (documents and file-system oddities)
    documents: int = 0  # entries of documents[] in the batches' final JSON reports
    batches: int = 0
    runs: int = 0
    checked: int = 0
    skipped: int = 0
    findings: int = 0
    crashes: list[str] = field(default_factory=list)  # exit code not 0/1, traceback, internal-error skip, timeout, bad report
    missing: list[str] = field(default_factory=list)  # expected entries absent from (or duplicated in) a report
    other: list[str] = field(default_factory=list)  # any other broken invariant
    exit_codes: Counter = field(default_factory=Counter)
    crash_details: dict[str, str] = field(default_factory=dict)  # signature -> first traceback, smallest input
    leaks: dict[str, str] = field(default_factory=dict)  # format and JSON key -> first example (see _json_leaks)
    leak_counts: Counter = field(default_factory=Counter)
    usage_errors: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.crashes or self.missing or self.other)


def _factcheck(arguments: list[str], cwd: Path, timeout: float, source: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m factcheck ARGUMENTS` from the tree `source` (its rules/ too), in `cwd`."""
    env = {**os.environ, "PYTHONPATH": str(source), "PYTHONIOENCODING": "utf-8"}
    env.pop("FACTCHECK_RULES", None)
    env.pop("CI", None)
    return subprocess.run([sys.executable, "-m", "factcheck", *arguments], cwd=cwd, env=env, capture_output=True, timeout=timeout)


def check_usage_errors(root: Path, tally: CliTally, timeout: float = 120, source: Path = ROOT) -> None:
    decoys = root / "decoys"
    decoys.mkdir()
    _add_decoys(decoys, random.Random(0))
    (root / "bad-rules").mkdir()
    (root / "bad-rules" / "rules.toml").write_text("[rules.date-conflict\nseverity = ", encoding="utf-8")
    (root / "bad-baseline.json").write_bytes(b"\x00{not json")
    fill = {"{decoys}": "decoys", "{outside}": "outside", "{bad_rules}": "bad-rules", "{bad_baseline}": "bad-baseline.json"}
    for what, arguments, says in USAGE_ERRORS:
        done = _factcheck([fill.get(a, a) for a in arguments], root, timeout, source)
        stderr = done.stderr.decode("utf-8", errors="replace")
        tally.usage_errors += 1
        if done.returncode != 2 or "Traceback" in stderr or stderr.count("\n") != 1 or says not in stderr or done.stdout:
            tally.crashes.append(f"usage error '{what}': exit {done.returncode}, stderr {stderr[-2000:]!r}, stdout {done.stdout[:200]!r}")


def run_batch(root: Path, batch: Batch, index: int, rng, tally: CliTally, timeout: float = 900, source: Path = ROOT,
              mode_number: int | None = None) -> None:
    """Check the batch in mode BATCH_MODES[mode_number] (by default the batch's number decides)."""
    mode, runs, changes = BATCH_MODES[(index if mode_number is None else mode_number) % len(BATCH_MODES)]
    name = batch.folder.as_posix()
    fill = {"{cache}": f"{name}.cache.sqlite", "{csv}": f"{name}.csv"}
    for number, options in enumerate(runs):
        last = number == len(runs) - 1
        if changes and last:
            _rewrite_some(root, batch, rng)
        fmt = options[options.index("--format") + 1]
        report = root / f"{name}.{fmt}"
        arguments = ["check", name, *(fill.get(o, o) for o in options), "--output", report.name]
        where = f"batch {index} ({mode}), run `factcheck {' '.join(arguments)}`"
        tally.runs += 1
        try:
            done = _factcheck(arguments, root, timeout, source)
        except subprocess.TimeoutExpired:
            tally.crashes.append(f"{where}: no answer within {timeout:.0f} s")
            return
        tally.exit_codes[done.returncode] += 1
        stderr = done.stderr.decode("utf-8", errors="replace")
        if done.returncode not in (0, 1) or "Traceback" in stderr:
            signature = crash_signature(stderr) or f"exit {done.returncode}"
            tally.crashes.append(f"{where}: {signature}")
            if signature not in tally.crash_details:
                smallest = reduce_crash(root, name, signature) if source == ROOT else "\n(run without --source to reduce it)"
                tally.crash_details[signature] = f"{where}\n{stderr[-3000:]}" + smallest
            return
        if stderr.strip() or done.stdout:
            tally.other.append(f"{where}: unexpected output: stderr {stderr[-1000:]!r}, stdout {done.stdout[:300]!r}")
        try:
            data = report.read_bytes()
            _check_other_format(fmt, data, batch, tally, where) if not last else None
            if fmt == "jsonl" or "--csv" in options:
                _check_csv(root / fill["{csv}"], batch, tally, where) if "--csv" in options else None
            if last:
                _check_json(json.loads(data), batch, tally, where, done.returncode)
        except (ValueError, OSError, KeyError, TypeError, IndexError) as exc:
            tally.crashes.append(f"{where}: unreadable report: {type(exc).__name__}: {exc}")
            return
        finally:
            report.unlink(missing_ok=True)
    for leftover in (fill["{cache}"], fill["{csv}"]):
        (root / leftover).unlink(missing_ok=True)


def _check_json(report: dict, batch: Batch, tally: CliTally, where: str, code: int) -> None:
    documents = report["documents"]
    _json_leaks(report, tally, "json", where)
    seen = Counter(d["path"] for d in documents)
    tally.documents += len(documents)
    tally.batches += 1
    for path in sorted(set(batch.expected) - set(seen)):
        tally.missing.append(f"{where}: {path!r} is not in documents[]")
    for path, times in sorted(seen.items()):
        if times > 1:
            tally.missing.append(f"{where}: {path!r} is listed {times} times")
        if path not in batch.expected:
            tally.other.append(f"{where}: {path!r} is listed but is no document of the batch")
    status = {}
    for document in documents:
        path, reason = document["path"], document["reason"] or ""
        status[path] = (document["status"], reason)
        if document["status"] == "checked":
            tally.checked += 1
        elif document["status"] == "skipped":
            tally.skipped += 1
            if not reason.strip() or "\n" in reason:
                tally.other.append(f"{where}: {path!r} skipped without a one-line reason: {reason!r}")
            if reason.startswith("internal error"):
                tally.crashes.append(f"{where}: {path!r} {reason}")
        else:
            tally.other.append(f"{where}: {path!r} has status {document['status']!r}")
    for path, fragment in batch.expected.items():
        if fragment and path in status and fragment not in status[path][1]:
            tally.other.append(f"{where}: {path!r} should be skipped with '{fragment}', got {status[path]!r}")
    for group in batch.aliases:
        read = [p for p in group if p in status and not status[p][1].startswith("same file as")]
        if len(read) != 1:
            tally.other.append(f"{where}: names {sorted(group)!r} of one file: {len(read)} read, expected 1")
    tally.findings += len(report["findings"])
    cited = {claim["doc"] for finding in report["findings"] for side in finding["sides"] for claim in side["claims"]}
    for doc in sorted(cited - set(seen)):
        tally.other.append(f"{where}: a finding cites {doc!r}, which documents[] does not list")
    if code == 0 and any(f["severity"] == "error" and f["status"] == "new" for f in report["findings"]):
        tally.other.append(f"{where}: exit 0 with new error findings")


_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 but tab and newline, DEL, C1
_JSON_CONTROL = re.compile("[\x7f-\x9f]")  # what a JSON encoder leaves unescaped (legal JSON)


def _json_leaks(value, tally: CliTally, fmt: str, where: str, key: str = "") -> None:
    """DEL and C1 control characters left in a JSON report's strings: tallied by format and key,
    with the first example (they are legal JSON, but replayed by a terminal that prints the file)."""
    if isinstance(value, dict):
        rule = value.get("rule", "")
        for name, inner in value.items():
            _json_leaks(inner, tally, fmt, where, f"{key}.{name}" + (f"[{rule}]" if rule and name == "sides" else ""))
    elif isinstance(value, list):
        for inner in value:
            _json_leaks(inner, tally, fmt, where, key + "[]")
    elif isinstance(value, str) and _JSON_CONTROL.search(value):
        label = f"{fmt} {re.sub(r'[.]sides.rule_[^.]*', '', key)}"
        if label not in tally.leaks:
            tally.leaks[label] = f"{where}: {value[:300]!r}"
        tally.leak_counts[label] += 1


def _check_other_format(fmt: str, data: bytes, batch: Batch, tally: CliTally, where: str) -> None:
    """The first run's report: well formed, the right document count; no raw control character
    in a text report (terminal, github), DEL or C1 in a JSON one tallied as a leak."""
    text = data.decode("utf-8")
    if fmt in ("terminal", "github") and _RAW_CONTROL.search(text):
        tally.other.append(f"{where}: raw control character in the {fmt} report: {_RAW_CONTROL.search(text).group()!r}")
    total = len(batch.expected)
    if fmt == "sarif":
        sarif = json.loads(text)
        _json_leaks(sarif, tally, fmt, where)
        if sarif.get("version") != "2.1.0" or not isinstance(sarif["runs"][0]["results"], list):
            tally.other.append(f"{where}: not a SARIF 2.1.0 log")
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in text.rstrip("\n").split("\n")]  # not splitlines(): U+2028 is no line end here
        _json_leaks(rows, tally, fmt, where)
        if rows[-1]["summary"]["documents"] != total:
            tally.missing.append(f"{where}: jsonl summary counts {rows[-1]['summary']['documents']} documents, not {total}")
    elif fmt == "github":
        lines = text.rstrip("\n").split("\n")
        if not all(line.startswith(("::error ", "::warning ", "::notice ", "factcheck: ")) for line in lines):
            tally.other.append(f"{where}: a github line is no workflow command")
        if not lines[-1].endswith(f" {total} documents"):
            tally.missing.append(f"{where}: github summary {lines[-1]!r} does not count {total} documents")
    elif fmt == "terminal" and f"documents checked" not in text:
        tally.other.append(f"{where}: terminal report has no summary")


def _check_csv(path: Path, batch: Batch, tally: CliTally, where: str) -> None:
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
    if not rows or rows[0][:2] != ["finding_id", "rule"]:
        tally.other.append(f"{where}: CSV has no header")
        return
    doc = rows[0].index("doc")
    for row in rows[1:]:
        if row[doc] not in batch.expected:
            tally.other.append(f"{where}: CSV cites {row[doc]!r}, no document of the batch")


def crash_signature(stderr: str) -> str:
    """"<Exception> at <file>:<line> (<function>)" from a traceback's last frame and last line."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\S+)', stderr)
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    if not frames or not lines:
        return ""
    path, number, function = frames[-1]
    return f"{lines[-1].split(':')[0]} at {Path(path).name}:{number} ({function})"


def reduce_crash(root: Path, name: str, signature: str) -> str:
    """The fewest documents of a crashed batch that still crash the same way after the
    per-document stages (align, checks, reports), found in-process by delta debugging."""
    from factcheck import pipeline
    from factcheck.gate import apply_gate
    from factcheck.report import FORMATS

    config = load_config(ROOT / "rules")
    here = os.getcwd()
    os.chdir(root)  # the display paths of the subprocess run
    try:
        found, _ = load.discover([name])
        outcomes = pipeline.process_all(found, config, pipeline.RunOptions(jobs=1))

        def crashes(indexes: list[int]) -> bool:
            try:
                result = apply_gate(pipeline.assemble([outcomes[i] for i in indexes], [], config), config)
                for render in FORMATS.values():
                    render(result)
            except Exception as exc:  # noqa: BLE001 - the failure looked for
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                return signature == f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno} ({frame.name})"
            return False

        kept = list(range(len(found)))
        if not crashes(kept):
            return "\n(not reproduced in-process)"
        chunks = 2
        while len(kept) > 1:  # ddmin: a chunk alone, else all but a chunk, else finer chunks
            size = -(-len(kept) // chunks)
            parts = [kept[i : i + size] for i in range(0, len(kept), size)]
            smaller = next((part for part in parts if crashes(part)), None)
            if smaller is None:
                smaller = next((rest for part in parts if crashes(rest := [i for i in kept if i not in part])), None)
                if smaller is not None:
                    chunks = max(chunks - 1, 2)
            else:
                chunks = 2
            if smaller is None:
                if chunks >= len(kept):
                    break
                chunks = min(len(kept), chunks * 2)
            else:
                kept = smaller
        shown_docs = [f"{found[i][1]!r} ({found[i][0].stat().st_size} bytes), as read: {_as_read(found[i])[:800]!r}" for i in kept]
        return f"\nsmallest set of documents crashing alike ({len(kept)}):\n" + "\n".join(shown_docs)
    finally:
        os.chdir(here)


def _as_read(found: tuple[Path, str]) -> str:
    raw = load.read(*found)
    return raw.reason if isinstance(raw, Skipped) else raw.text


def fuzz_cli(documents: int, batch_size: int, seed: int, root: Path, timeout: float = 900,
             progress: bool = True, first: int = 0, source: Path = ROOT, modes: Sequence[int] = ()) -> CliTally:
    """Batches of `batch_size` hostile documents until the batches hold `documents` entries to list;
    the n-th batch is checked in mode BATCH_MODES[modes[n]] when `modes` is given."""
    tally = CliTally()
    (root / "outside").mkdir()
    (root / "outside" / "article.txt").write_text(ARTICLE_OUTSIDE, encoding="utf-8")
    check_usage_errors(root, tally, source=source)
    index = first
    began = time.perf_counter()
    while tally.made < documents:
        rng = random.Random(f"{seed}/{index}")  # one batch can be made again alone (--first)
        name = f"b{index:05d}"
        batch = make_batch(root, name, rng, batch_size)
        tally.made += len(batch.expected)
        failures = len(tally.crashes) + len(tally.missing) + len(tally.other)
        mode_number = modes[(index - first) % len(modes)] if modes else None
        run_batch(root, batch, index, rng, tally, timeout, source, mode_number)
        if len(tally.crashes) + len(tally.missing) + len(tally.other) == failures:
            shutil.rmtree(root / name)  # a failing batch stays, to be looked at
        elif progress:
            print(f"fuzz --cli: batch {index} failed; kept in {root / name}", flush=True)
        if progress and (index - first) % 10 == 0:
            print(f"fuzz --cli: batch {index}: {tally.documents} of {tally.made} documents listed, "
                  f"{time.perf_counter() - began:.0f} s", flush=True)
        index += 1
    return tally


ARTICLE_OUTSIDE = "date: 2025-12-10\n---\n谷歌於2025年12月1日發布新模型，引發業界關注。\n"


def main_cli(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    keep = args.workdir is not None
    root = Path(args.workdir or tempfile.mkdtemp(prefix="factcheck-fuzz-cli-"))
    root.mkdir(parents=True, exist_ok=True)
    if any(root.iterdir()):
        print(f"fuzz --cli: {root} is not empty", file=sys.stderr)
        return 2
    source = Path(args.source).resolve() if args.source else ROOT
    tally = fuzz_cli(args.documents, args.batch_size, args.seed, root, first=args.first, source=source)
    seconds = time.perf_counter() - began
    print(f"fuzz --cli: seed {args.seed}, batch size {args.batch_size}, factcheck from {source}: "
          f"{tally.documents} of {tally.made} documents listed in the reports of {tally.batches} batches "
          f"({tally.runs} runs of factcheck check) in {seconds:.0f} s")
    print(f"fuzz --cli: {tally.checked} checked, {tally.skipped} skipped, {tally.findings} findings; "
          f"exit codes {dict(sorted(tally.exit_codes.items()))}; {tally.usage_errors} usage errors exited 2")
    print(f"fuzz --cli: crashes {len(tally.crashes)}, missing {len(tally.missing)}, other failures {len(tally.other)}")
    for line in tally.crashes + tally.missing + tally.other:
        print("FAIL " + line)
    for signature, detail in tally.crash_details.items():
        count = sum(line.endswith(signature) for line in tally.crashes)
        print(f"\nCRASH {signature} ({count} runs); the first:\n  " + detail.rstrip().replace("\n", "\n  "))
    for label, example in sorted(tally.leaks.items()):
        print(f"LEAK DEL/C1 control characters in {label} ({tally.leak_counts[label]} strings), first: {example}")
    if not tally.failed and not keep:
        shutil.rmtree(root)
    elif tally.failed:
        print(f"fuzz --cli: failing batches kept in {root}")
    return 1 if tally.failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs to try (default 2000)")
    parser.add_argument("--seed", type=int, default=0, help="random seed, for a repeatable run")
    parser.add_argument("--cli", action="store_true", help="fuzz `factcheck check` on batches of files instead")
    parser.add_argument("--documents", type=int, default=5000, help="--cli: documents to list in reports (default 5000)")
    parser.add_argument("--batch-size", type=int, default=1000, help="--cli: documents per batch (default 1000)")
    parser.add_argument("--first", type=int, default=0, help="--cli: number of the first batch (to make one again)")
    parser.add_argument("--workdir", default=None, help="--cli: an empty folder for the batches (kept)")
    parser.add_argument("--source", default=None, help="--cli: run factcheck from this source tree (default: this one)")
    args = parser.parse_args(argv)
    if args.cli:
        return main_cli(args)
    began = time.perf_counter()
    tally = fuzz(args.examples, args.seed)
    seconds = time.perf_counter() - began
    print(f"fuzz: tried {tally.tried} inputs in {seconds:.0f} s (seed {args.seed}); "
          f"{len(tally.failures)} distinct failure(s)")
    print(f"fuzz: {tally.skipped} skipped by the loader, {tally.with_claims} gave claims ({tally.claims} claims in all)")
    for failure in sorted(tally.failures.values(), key=lambda f: f.where):
        print(f"\nFAIL {failure.where}: {failure.message} ({failure.count} inputs)")
        print(f"  smallest input ({len(failure.example)} bytes): {failure.example[:300]!r}")
        print("  " + failure.detail.rstrip().replace("\n", "\n  "))
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
