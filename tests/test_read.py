"""Stage 1: discovering input files, decoding them, reading metadata and publication dates."""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import random
import threading
import zipfile
from pathlib import Path

import pytest

from factcheck.read import InputError, discover, read
from factcheck.read.paths import display_path
from factcheck.model import RawDocument, Skipped

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TRAD = "OpenAI 的估值在最新一輪融資中達到5000億美元，週平均活躍用戶數超過8億。"
SIMP = "OpenAI 的估值在最新一轮融资中达到5000亿美元，周平均活跃用户数超过8亿。"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def load_bytes(tmp_path: Path, data: bytes, name: str = "doc.txt") -> RawDocument | Skipped:
    path = tmp_path / name
    path.write_bytes(data)
    return read(path, name)


# ----------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TRAD.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TRAD.encode("utf-8"), "utf-8-sig"),
        (b"\xff\xfe" + TRAD.encode("utf-16-le"), "utf-16-le"),
        (b"\xfe\xff" + TRAD.encode("utf-16-be"), "utf-16-be"),
        (TRAD.encode("gb18030"), "gb18030"),
        (SIMP.encode("gb18030"), "gb18030"),
        (TRAD.encode("big5"), "big5"),
    ],
)
def test_each_encoding_decodes_to_the_same_text(tmp_path, data, encoding):
    doc = load_bytes(tmp_path, data)
    assert isinstance(doc, RawDocument)
    assert doc.encoding == encoding
    assert doc.text == (SIMP if data == SIMP.encode("gb18030") else TRAD)
    assert doc.problems == ()
    assert doc.sha256 == hashlib.sha256(data).hexdigest()


UTF16_TEXT = "一家公司在2025年12月1日發布新模型。\n估值達到5000億美元，一時引發關注。\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read_in_its_byte_order(tmp_path, codec):
    # "一" is U+4E00: its NUL byte sits on the other side from the ASCII characters' NULs
    doc = load_bytes(tmp_path, UTF16_TEXT.encode(codec))
    assert (doc.encoding, doc.text, doc.problems) == (codec, UTF16_TEXT, ())


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_ascii_utf16_without_bom_is_read(tmp_path, codec):
    text = "date: 2025-12-10\n---\nPlain English text, no Chinese at all.\n"
    doc = load_bytes(tmp_path, text.encode(codec))
    assert (doc.encoding, doc.text, doc.meta.published) == (codec, text, dt.date(2025, 12, 10))


@pytest.mark.parametrize(
    "data",
    [
        b"".join(n.to_bytes(2, "little") for n in range(1, 400)),  # 16-bit numbers: NUL on one side
        UTF16_TEXT.encode("utf-16-le") + b"\x00",  # an odd length is no UTF-16
        UTF16_TEXT.encode("utf-8").replace("。".encode(), b"\x00"),  # NULs in UTF-8 Chinese
    ],
    ids=["int16-table", "odd-length", "utf8-with-nul"],
)
def test_nul_bytes_that_do_not_read_as_utf16_text_are_binary(tmp_path, data):
    assert load_bytes(tmp_path, data) == Skipped("doc.txt", "binary file (contains NUL bytes), not text", "undecodable")


def test_big5_prose_is_not_mistaken_for_gb18030(tmp_path):
    text = "這家人工智慧巨頭正飽受高層員工離職潮的困擾。\n衝突的核心在於計算資源與人力才華的分配。"
    doc = load_bytes(tmp_path, text.encode("big5"))
    assert (doc.encoding, doc.text) == ("big5", text)


def test_gb18030_prose_is_not_mistaken_for_big5(tmp_path):
    text = "在全球科技领域，一场深刻的变革正悄然发生。作为人工智能浪潮的引领者，公司正在转型。"
    doc = load_bytes(tmp_path, text.encode("gb18030"))
    assert (doc.encoding, doc.text) == ("gb18030", text)


def test_a_few_invalid_bytes_are_replaced_and_reported_with_their_line(tmp_path):
    good = ("第一行是正常的文字。\n" * 30).encode("utf-8")
    data = good + "第三十一行".encode("utf-8") + b"\xff\xfe" + "壞了。\n最後一行。\n".encode("utf-8")
    doc = load_bytes(tmp_path, data)
    assert doc.encoding == "utf-8"
    assert doc.text.split("\n")[30] == "第三十一行\ufffd\ufffd壞了。"
    assert len(doc.problems) == 1
    problem = doc.problems[0]
    assert (problem.rule, problem.line, problem.value) == ("decode-damage", 31, "2")
    assert problem.raw == "第三十一行\ufffd\ufffd壞了。"
    assert problem.detail == "2 invalid bytes replaced (first at line 31)"


def test_damage_on_a_long_line_is_quoted_around_the_replaced_byte(tmp_path):
    before, after = "甲" * 300, "乙" * 300
    data = "第一行。\n".encode("utf-8") + before.encode("utf-8") + b"\xff" + after.encode("utf-8")
    [problem] = load_bytes(tmp_path, data).problems
    assert (problem.line, problem.raw) == (2, "甲" * 40 + "\ufffd" + "乙" * 79)


def test_damage_at_the_end_of_a_long_line_is_quoted_with_what_precedes_it(tmp_path):
    data = codecs.BOM_UTF16_LE + ("丙" * 200).encode("utf-16-le") + b"\x00\xd8" + "。\n下一行".encode("utf-16-le")
    doc = load_bytes(tmp_path, data)
    assert doc.encoding == "utf-16-le"
    assert doc.problems[0].raw == "丙" * 118 + "\ufffd。"
    assert doc.problems[0].detail == "2 invalid bytes replaced (first at line 1)"


def test_gb18030_with_a_damaged_byte_is_read_with_a_problem(tmp_path):
    data = ("第一行是正常的文字。\n" * 20).encode("gb18030") + b"\x81 " + "壞了的一行。\n".encode("gb18030")
    doc = load_bytes(tmp_path, data)
    assert doc.encoding == "gb18030"
    assert doc.problems[0].line == 21
    assert doc.problems[0].detail == "1 invalid byte replaced (first at line 21)"
    assert doc.text.split("\n")[20] == "\ufffd 壞了的一行。"


def test_crlf_and_lone_cr_fold_to_newlines(tmp_path):
    doc = load_bytes(tmp_path, "一行。\r\n二行。\r三行。\n四行。".encode("utf-8"))
    assert doc.text == "一行。\n二行。\n三行。\n四行。"


def test_mostly_garbage_bytes_are_skipped_not_half_read(tmp_path):
    rng = random.Random(7)
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(6000))
    result = load_bytes(tmp_path, data)
    assert result == Skipped("doc.txt", "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text", "undecodable")


# -------------------------------------------------------------------------- binary


def test_png_is_skipped_with_its_kind(tmp_path):
    result = load_bytes(tmp_path, b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "picture.txt")
    assert result == Skipped("picture.txt", "binary file (PNG image), not text", "undecodable")


def test_zip_is_skipped_with_its_kind(tmp_path):
    archive = tmp_path / "bundle.txt"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("a.txt", "hello")
    assert read(archive, "bundle.txt") == Skipped("bundle.txt", "binary file (zip archive), not text", "undecodable")


def test_nul_bytes_outside_utf16_mean_binary(tmp_path):
    result = load_bytes(tmp_path, "文字".encode("utf-8") + b"\x00\x01\x02\x00\x00\xff" * 20)
    assert result == Skipped("doc.txt", "binary file (contains NUL bytes), not text", "undecodable")


def test_empty_and_whitespace_files_are_read_as_empty_text(tmp_path):
    empty = load_bytes(tmp_path, b"", "empty.txt")
    blank = load_bytes(tmp_path, b" \n\t\r\n  ", "blank.txt")
    assert (empty.text, empty.encoding, empty.problems) == ("", "utf-8", ())
    assert blank.text == " \n\t\n  "
    assert blank.meta.published is None


def test_unreadable_file_is_skipped(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("內容。", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading")
        assert read(path, "secret.txt") == Skipped("secret.txt", "cannot read: permission denied", "undecodable")
    finally:
        path.chmod(0o644)


def test_large_single_line_and_many_short_lines(tmp_path):
    big = load_bytes(tmp_path, ("字" * (20 * 1024 * 1024 // 3)).encode("utf-8"), "big.txt")
    assert big.text.count("\n") == 0
    assert len(big.text) == 20 * 1024 * 1024 // 3
    many = load_bytes(tmp_path, ("短行。\n" * 100_000).encode("utf-8"), "many.txt")
    assert len(many.text.split("\n")) == 100_001


# ------------------------------------------------------------------------- headers


def test_header_with_english_keys_and_closing_fence(tmp_path):
    text = "source: 新華社\nURL: https://example.com/a\nDate: 2025/12/10\n---\n正文第一行。\n"
    doc = load_bytes(tmp_path, text.encode("utf-8"))
    assert doc.body_start == 5
    assert (doc.meta.source, doc.meta.url) == ("新華社", "https://example.com/a")
    assert (doc.meta.published, doc.meta.published_from, doc.meta.published_line) == (dt.date(2025, 12, 10), "header", 3)


def test_front_matter_with_chinese_keys_and_full_width_colons(tmp_path):
    text = "---\n來源：聯合報\n網址：https://example.com/b\n日期：2025年10月29日\n作者：某人\n---\n\n正文。"
    doc = load_bytes(tmp_path, text.encode("utf-8"))
    assert doc.body_start == 7
    assert (doc.meta.source, doc.meta.url, doc.meta.published) == ("聯合報", "https://example.com/b", dt.date(2025, 10, 29))
    assert doc.meta.published_line == 4


def test_simplified_header_keys(tmp_path):
    doc = load_bytes(tmp_path, "来源: 新浪\n网址: http://x.cn\n日期: 2024-01-05\n---\n正文。".encode("utf-8"))
    assert (doc.meta.source, doc.meta.url, doc.meta.published, doc.body_start) == ("新浪", "http://x.cn", dt.date(2024, 1, 5), 5)


def test_not_a_header_when_a_line_before_the_fence_is_prose(tmp_path):
    doc = load_bytes(tmp_path, "date: 2025-01-01\n這是一段普通的文字而不是標頭\n---\n正文。".encode("utf-8"))
    assert (doc.body_start, doc.meta.published, doc.meta.source) == (1, dt.date(2025, 1, 1), "")
    assert doc.meta.published_from == "text"


def test_prose_event_dates_are_not_publication_dates(tmp_path):
    text = "OpenAI 在2025年12月1日正式進入紅色警報狀態，持續八周，直到2026年1月底結束。\n第二段。"
    doc = load_bytes(tmp_path, text.encode("utf-8"))
    assert doc.meta.published is None


def test_labelled_date_near_the_bottom(tmp_path):
    text = "正文第一段，很長的一句話在這裡結束。\n" * 20 + "发布于 2024-03-05\n"
    doc = load_bytes(tmp_path, text.encode("utf-8"))
    assert (doc.meta.published, doc.meta.published_line) == (dt.date(2024, 3, 5), 21)


# -------------------------------------------------------------- seeds: dates


@pytest.mark.parametrize(
    ("prefix", "published", "line"),
    [("000", None, 0), ("001", dt.date(2025, 12, 10), 9), ("002", None, 0), ("003", dt.date(2025, 10, 29), 7), ("004", None, 0)],
)
def test_seed_publication_dates(prefix, published, line):
    doc = read(seed(prefix), prefix)
    assert (doc.meta.published, doc.meta.published_line) == (published, line)
    assert doc.meta.published_from == ("text" if published else "")
    assert (doc.encoding, doc.body_start) == ("utf-8", 1)


# ----------------------------------------------------------------- file system


def test_missing_path_raises_input_error_with_its_name(tmp_path):
    with pytest.raises(InputError) as error:
        discover([tmp_path / "nope"])
    assert str(error.value) == f"{display_path(tmp_path / 'nope')}: no such file or directory"


def test_folders_are_walked_recursively_for_txt_and_md_sorted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news" / "deep").mkdir(parents=True)
    for name in ("news/b.txt", "news/a.md", "news/deep/c.TXT", "news/skip.html", "news/.hidden.txt", "other.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found, skipped = discover(["news", "other.json"])
    assert [display for _, display in found] == ["news/a.md", "news/b.txt", "news/deep/c.TXT", "other.json"]
    assert skipped == []


def test_path_given_twice_is_read_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x", encoding="utf-8")
    found, _ = discover(["d", "d/a.txt", str(tmp_path / "d" / "a.txt")])
    assert [display for _, display in found] == ["d/a.txt"]


def test_broken_symlink_and_loop_are_skipped_with_reasons(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "ok.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "d" / "gone.txt", tmp_path / "d" / "broken.txt")
    os.symlink(tmp_path / "d", tmp_path / "d" / "loop")
    found, skipped = discover(["d"])
    assert [display for _, display in found] == ["d/ok.txt"]
    assert skipped == [Skipped("d/broken.txt", "broken symbolic link"), Skipped("d/loop", "symbolic link loop")]


def test_unreadable_folder_is_skipped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    locked = tmp_path / "d" / "locked"
    locked.mkdir(parents=True)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: permissions do not stop reading")
        _, skipped = discover(["d"])
        assert skipped == [Skipped("d/locked", "cannot read folder: permission denied")]
    finally:
        locked.chmod(0o755)


def test_non_utf8_file_name_gets_a_printable_display(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    raw_name = b"bad\xff\xfename.txt"
    try:
        with open(os.path.join(os.fsencode(tmp_path), raw_name), "wb") as handle:
            handle.write("內容。".encode("utf-8"))
    except OSError:
        pytest.skip("file system refuses non-UTF-8 names")
    found, _ = discover(["."])
    assert [display for _, display in found] == ["bad\\xff\\xfename.txt"]
    path, display = found[0]
    assert read(path, display).text == "內容。"


NEWLINE_NAME = "a\nb.txt"  # a newline inside the name, shown escaped as a\x0ab.txt
BACKSLASH_NAME = "a\\x0ab.txt"  # a real backslash followed by x0ab


def test_a_name_with_an_escaped_character_and_one_that_spells_the_escape_stay_two(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    try:
        (tmp_path / "d").mkdir()
        (tmp_path / "d" / NEWLINE_NAME).write_text("甲", encoding="utf-8")
        (tmp_path / "d" / BACKSLASH_NAME).write_text("乙", encoding="utf-8")
    except OSError:
        pytest.skip("file system refuses newlines or backslashes in names")
    found, skipped = discover(["d"])
    assert skipped == []
    assert sorted((path.name, display) for path, display in found) == [
        (NEWLINE_NAME, "d/a\\x0ab.txt"),
        (BACKSLASH_NAME, "d/a\\\\x0ab.txt"),  # the backslash doubled: no escape reads like it
    ]
    assert display_path(tmp_path / "d" / BACKSLASH_NAME) == "d/a\\\\x0ab.txt"
    assert display_path("plain/名字.txt") == "plain/名字.txt"  # nothing to escape: shown as it is


def _cited_documents(finding) -> set[str]:
    """Every "doc" value anywhere inside a JSON finding."""
    if isinstance(finding, dict):
        return {v for k, v in finding.items() if k == "doc"} | {d for v in finding.values() for d in _cited_documents(v)}
    if isinstance(finding, list):
        return {d for v in finding for d in _cited_documents(v)}
    return set()


def test_two_files_whose_names_display_alike_before_escaping_are_reported_apart(tmp_path):
    import json
    import subprocess
    import sys

    header = "date: 2025-12-10\n---\n"
    docs = tmp_path / "docs"
    docs.mkdir()
    try:
        (docs / NEWLINE_NAME).write_text(header + "公司於2025年12月1日進入「紅色警報」狀態。\n", encoding="utf-8")
        (docs / BACKSLASH_NAME).write_text(header + "公司於2025年12月5日進入「紅色警報」狀態。\n", encoding="utf-8")
    except OSError:
        pytest.skip("file system refuses newlines or backslashes in names")
    rules = str(Path(__file__).resolve().parent.parent / "rules")
    command = [sys.executable, "-m", "factcheck", "check", "docs", "--no-cache", "--jobs", "1", "--rules", rules,
               "--format", "json"]
    done = subprocess.run(command, cwd=tmp_path, capture_output=True, check=False)
    assert (done.returncode, done.stderr) == (1, b"")
    report = json.loads(done.stdout)
    shown = ["docs/a\\\\x0ab.txt", "docs/a\\x0ab.txt"]
    assert [d["path"] for d in report["documents"]] == shown
    conflicts = [f for f in report["findings"] if f["rule"] == "date-conflict"]
    assert [_cited_documents(f) for f in conflicts] == [set(shown)]


def test_ten_thousand_files_are_discovered(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder in range(10):
        directory = tmp_path / "bulk" / f"f{folder}"
        directory.mkdir(parents=True)
        for index in range(1000):
            (directory / f"{index:04d}.txt").write_bytes(b"x")
    found, skipped = discover(["bulk"])
    assert len(found) == 10_000
    assert skipped == []
    assert found[0][1] == "bulk/f0/0000.txt" and found[-1][1] == "bulk/f9/0999.txt"


def test_a_second_name_for_a_file_is_skipped_naming_the_real_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "real.txt").write_text("內容。", encoding="utf-8")
    os.symlink("real.txt", tmp_path / "d" / "alias.txt")  # sorts first, yet is not the file
    os.link(tmp_path / "d" / "real.txt", tmp_path / "d" / "twin.txt")
    found, skipped = discover(["d"])
    assert [display for _, display in found] == ["d/real.txt"]
    assert skipped == [Skipped("d/alias.txt", "same file as d/real.txt"), Skipped("d/twin.txt", "same file as d/real.txt")]


def test_a_folder_reached_through_a_link_gives_aliases(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news" / "z").mkdir(parents=True)
    (tmp_path / "news" / "z" / "a.txt").write_text("內容。", encoding="utf-8")
    os.symlink("z", tmp_path / "news" / "link")
    found, skipped = discover(["news"])
    assert [display for _, display in found] == ["news/z/a.txt"]
    assert skipped == [Skipped("news/link/a.txt", "same file as news/z/a.txt")]


def test_one_path_spelt_two_ways_is_no_alias(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("內容。", encoding="utf-8")
    found, skipped = discover(["d/a.txt", "./d/../d/a.txt", str(tmp_path / "d" / "a.txt")])
    assert ([display for _, display in found], skipped) == (["d/a.txt"], [])


def _unblock(fifo: Path) -> threading.Thread:
    """A writer for the FIFO, so a reader that (wrongly) opens it gets EOF instead of hanging the test."""
    thread = threading.Thread(target=lambda: open(fifo, "wb").close(), daemon=True)
    thread.start()
    return thread


def _release(fifo: Path, writer: threading.Thread) -> None:
    if writer.is_alive():
        descriptor = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        writer.join(5)
        os.close(descriptor)


def test_fifos_and_devices_are_skipped_unopened(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("內容。", encoding="utf-8")
    os.mkfifo(tmp_path / "d" / "pipe.txt")
    os.mkfifo(tmp_path / "d" / "pipe.dat")  # not a document name: not listed, like any other
    writer = _unblock(tmp_path / "d" / "pipe.txt")
    try:
        assert discover(["d"]) == ([(Path("d/a.txt"), "d/a.txt")], [Skipped("d/pipe.txt", "not a regular file")])
        assert discover(["d/pipe.txt"]) == ([], [Skipped("d/pipe.txt", "not a regular file")])
        assert read(tmp_path / "d" / "pipe.txt", "pipe.txt") == Skipped("pipe.txt", "not a regular file")
        assert read(Path(os.devnull), "null") == Skipped("null", "not a regular file")
        assert writer.is_alive()  # nobody opened the FIFO
    finally:
        _release(tmp_path / "d" / "pipe.txt", writer)


def test_a_folder_with_nothing_to_check_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty" / "sub").mkdir(parents=True)
    (tmp_path / "empty" / "photo.png").write_bytes(b"x")
    (tmp_path / "empty" / ".hidden.txt").write_text("內容。", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("內容。", encoding="utf-8")
    with pytest.raises(InputError) as error:
        discover(["docs", "empty"])
    assert str(error.value) == "empty: no .txt or .md documents found"


def test_a_folder_whose_only_entry_is_unusable_lists_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "d").mkdir()
    os.symlink("gone.txt", tmp_path / "d" / "dead.txt")
    assert discover(["d"]) == ([], [Skipped("d/dead.txt", "broken symbolic link")])


def test_a_second_copy_of_the_decoder_in_one_process_keeps_its_own_damage_count():
    """Codec error handlers are registered by name for the whole process: a second copy of the
    module (an old install beside a checkout) must not take over the first one's handler."""
    import importlib.util

    from factcheck.read import decoding

    spec = importlib.util.spec_from_file_location("factcheck.read._decoding_copy", decoding.__file__)
    copy = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(copy)
    damaged = "新聞稿".encode("utf-8") + b"\xff\xfe" + "全文".encode("utf-8")
    assert decoding._decode_counting(damaged, "utf-8")[1] == (2, 9)
    assert copy._decode_counting(damaged, "utf-8")[1] == (2, 9)
    assert decoding._COUNTING != copy._COUNTING
