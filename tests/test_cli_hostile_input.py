"""Hostile and broken input end to end (issue 5): every file accounted for, one clear line, no traceback."""
from __future__ import annotations

import builtins
import codecs
import io
import json
import os
import threading
import traceback
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import pipeline
from factcheck import report as report_package
from factcheck.cli import cli
from factcheck.settings import load_config
from factcheck.model import ClaimKind

ROOT = Path(__file__).resolve().parent.parent
RULES = str(ROOT / "rules")

HEADER = "date: 2025-12-10\n---\n"  # a publication date, so no missing-date finding muddles the outcome
SENTENCE = "谷歌於2025年12月1日發布新模型，引發業界關注。"  # one day-precise date, nothing else to read
ARTICLE = HEADER + SENTENCE + "\n"
DATE_LINE = 3  # the sentence's line in ARTICLE


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def work(tmp_path, monkeypatch) -> Path:
    """An empty working folder with a docs/ folder, as the current directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    monkeypatch.delenv("CI", raising=False)
    (tmp_path / "docs").mkdir()
    return tmp_path


def write(path: str | Path, content: str | bytes, encoding: str = "utf-8") -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return target


def invoke(*args: str):
    """Run the CLI in-process; an escaped exception (what a user would see as a traceback) fails."""
    result = CliRunner().invoke(cli, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        shown = "".join(traceback.format_exception(*result.exc_info))
        raise AssertionError(f"the CLI raised instead of reporting one line:\n{shown}")
    assert "Traceback" not in result.output
    assert "Traceback" not in result.stderr
    return result


def check(*args: str, rules: str = RULES):
    return invoke("check", "--no-cache", "--jobs", "1", "--rules", rules, "--format", "json", *args)


def check_json(*args: str, exit_code: int | None = None) -> dict:
    """`check --format json`: the parsed report (stderr must be empty)."""
    result = check(*args)
    assert result.stderr == ""
    if exit_code is not None:
        assert result.exit_code == exit_code, result.output
    else:
        assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def accounts(report: dict) -> dict[str, tuple[str, str]]:
    """path -> (status, reason); fails if any path is listed twice."""
    paths = [d["path"] for d in report["documents"]]
    assert len(paths) == len(set(paths)), f"a path is listed twice: {paths}"
    assert paths == sorted(paths)
    return {d["path"]: (d["status"], d["reason"]) for d in report["documents"]}


def document(report: dict, path: str) -> dict:
    return next(d for d in report["documents"] if d["path"] == path)


def findings_for(report: dict, path: str) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of every finding with a statement in `path`."""
    return [
        (f["rule"], f["severity"], f["message"])
        for f in report["findings"]
        if any(claim["doc"] == path for side in f["sides"] for claim in side["claims"])
    ]


def run_on(*texts: str | bytes, names: tuple[str, ...] = ()) -> pipeline.RunResult:
    """pipeline.run over docs/ holding the given documents (one process, repo rules)."""
    for index, text in enumerate(texts):
        write(Path("docs") / (names[index] if names else f"doc{index}.txt"), text)
    return pipeline.run(["docs"], load_config(RULES), pipeline.RunOptions(jobs=1))


def dates(result: pipeline.RunResult, doc: str | None = None) -> list[tuple[int, str, str]]:
    """(line, raw, rendered) of the date claims, in document order."""
    return [
        (c.line, c.raw, c.rendered)
        for c in result.claims
        if c.kind is ClaimKind.DATE and (doc is None or c.doc == doc)
    ]


def claim_values(result: pipeline.RunResult) -> list[tuple[str, str, str, int]]:
    return sorted((c.kind.value, c.attribute, c.rendered, c.line) for c in result.claims)


# ------------------------------------------------------------ empty and degenerate files


EMPTY_DETAIL = "no text left after cleaning"


HOLLOW = {
    "empty": b"",
    "whitespace-only": b"   \n\t\n\xe3\x80\x80\n\r\n",
    "boilerplate-only": "訂閱\n糾錯\n加入自媒體\n評論\n相關推薦\n京公網安備 11011402013531號\n".encode(),
}


@pytest.mark.parametrize("content", HOLLOW.values(), ids=HOLLOW.keys())
def test_a_document_without_text_is_checked_and_reported_empty_once(work, content):
    write("docs/article.txt", ARTICLE)
    write("docs/hollow.txt", content)
    report = check_json("docs", exit_code=1)  # empty-document is an error by default
    assert accounts(report) == {"docs/article.txt": ("checked", ""), "docs/hollow.txt": ("checked", "")}
    assert document(report, "docs/hollow.txt")["claims"] == 0
    assert findings_for(report, "docs/hollow.txt") == [
        ("empty-document", "error", f"docs/hollow.txt: {EMPTY_DETAIL}")
    ]
    assert findings_for(report, "docs/article.txt") == []


@pytest.mark.parametrize("content", HOLLOW.values(), ids=HOLLOW.keys())
def test_a_dated_document_without_text_is_reported_empty(work, content):
    write("docs/article.txt", ARTICLE)
    write("docs/hollow.txt", HEADER.encode() + content)
    report = check_json("docs", exit_code=1)  # empty-document is an error by default
    assert accounts(report) == {"docs/article.txt": ("checked", ""), "docs/hollow.txt": ("checked", "")}
    assert document(report, "docs/hollow.txt")["claims"] == 0
    assert findings_for(report, "docs/hollow.txt") == [
        ("empty-document", "error", f"docs/hollow.txt: {EMPTY_DETAIL}")
    ]


FILLER = "這是一段沒有任何數字的很長的正文，"  # 17 characters, 51 bytes, nothing to read


def test_a_20_mb_single_line_is_read_to_its_end(work):
    data = (HEADER + FILLER * 400_000).encode("utf-8") + b"\xff"  # one invalid byte at the very end
    assert len(data) > 20_000_000
    result = run_on(data)
    assert [(d.status, d.claims) for d in result.documents] == [("checked", 0)]
    assert [(f.rule, f.message) for f in result.findings] == [
        ("decode-damage", "docs/doc0.txt:3: 1 invalid byte replaced (first at line 3)")
    ]


def test_a_long_single_line_gives_the_date_at_its_end(work):
    # 1 MB, not 20: a line holding a date is read for key terms as a whole (see the report)
    result = run_on(HEADER + FILLER * 20_000 + SENTENCE)
    assert dates(result) == [(DATE_LINE, "2025年12月1日", "2025-12-01")]


def test_decode_damage_on_a_long_line_quotes_the_damaged_text(work):
    data = (HEADER + FILLER * 20).encode("utf-8") + b"\xff" + "之後的正文。".encode("utf-8")
    result = run_on(data)
    [finding] = [f for f in result.findings if f.rule == "decode-damage"]
    assert "\ufffd" in finding.evidence[0].raw


def test_100000_short_lines_keep_their_line_numbers(work):
    lines = ["這是一行很短的正文。"] * 100_000
    lines[60_000] = SENTENCE
    result = run_on(HEADER + "\n".join(lines) + "\n")
    assert [d.status for d in result.documents] == ["checked"]
    assert dates(result) == [(60_001 + 2, "2025年12月1日", "2025-12-01")]


# ---------------------------------------------------------------------- binary files


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
ZIP = b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256))
NUL = "谷歌發布新模型。".encode("utf-8") + b"\x00\x00\x01\x02" + "估值上升。".encode("utf-8")


def test_binary_files_among_documents_are_skipped_with_the_reason(work):
    write("docs/article.txt", ARTICLE)
    write("docs/photo.txt", PNG)  # scrapers save images under the article's name
    write("docs/bundle.txt", ZIP)
    write("docs/nul.txt", NUL)
    write("docs/photo.png", PNG)  # not a document suffix: not walked into
    report = check_json("docs", exit_code=1)
    assert accounts(report) == {
        "docs/article.txt": ("checked", ""),
        "docs/bundle.txt": ("skipped", "binary file (zip archive), not text"),
        "docs/nul.txt": ("skipped", "binary file (contains NUL bytes), not text"),
        "docs/photo.txt": ("skipped", "binary file (PNG image), not text"),
    }
    assert findings_for(report, "docs/photo.txt") == [
        ("undecodable", "error", "docs/photo.txt: binary file (PNG image), not text")
    ]
    assert findings_for(report, "docs/nul.txt") == [
        ("undecodable", "error", "docs/nul.txt: binary file (contains NUL bytes), not text")
    ]


def test_a_binary_file_named_on_the_command_line_is_skipped_whatever_its_suffix(work):
    write("docs/photo.png", PNG)
    write("docs/article.txt", ARTICLE)
    report = check_json("docs/photo.png", "docs/article.txt", exit_code=1)
    assert accounts(report) == {
        "docs/article.txt": ("checked", ""),
        "docs/photo.png": ("skipped", "binary file (PNG image), not text"),
    }


# ------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "data", "reported"),
    [
        ("utf-8", ARTICLE.encode("utf-8"), "utf-8"),
        ("utf-8-bom", codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be"),
        ("big5", ARTICLE.encode("big5"), "big5"),
        ("gb18030", (HEADER + "谷歌于2025年12月1日发布新模型，引发业界关注。\n").encode("gb18030"), "gb18030"),
        ("crlf", ARTICLE.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("lone-cr", ARTICLE.replace("\n", "\r").encode("utf-8"), "utf-8"),
    ],
    ids=lambda value: value if isinstance(value, str) else "bytes",
)
def test_every_supported_encoding_reads_the_same_claim_on_the_same_line(work, encoding, data, reported):
    write("docs/article.txt", data)
    report = check_json("docs", exit_code=0)
    assert accounts(report) == {"docs/article.txt": ("checked", "")}
    entry = document(report, "docs/article.txt")
    assert (entry["encoding"], entry["published"], entry["published_from"]) == (reported, "2025-12-10", "header")
    claims = json.loads(invoke("claims", "--no-cache", "--jobs", "1", "--rules", RULES, "--format", "json", "docs").stdout)
    assert [(c["line"], c["kind"], c["value"]) for c in claims] == [(DATE_LINE, "date", "2025-12-01")]


def test_invalid_bytes_in_utf8_are_replaced_and_reported_with_their_line(work):
    body = [SENTENCE, "據悉，這次調整牽涉多個團隊與大量資源的重新分配。", "這一段文字在抓取時損壞了。", "公司表示將於2026年1月15日公布結果。"]
    data = HEADER.encode() + "\n".join(body[:2]).encode() + b"\n"
    data += "這一段文字".encode() + b"\x80\xfe" + "在抓取時損壞了。".encode() + b"\n" + body[3].encode() + b"\n"
    write("docs/damaged.txt", data)
    report = check_json("docs", exit_code=0)  # decode-damage is a warning
    assert accounts(report) == {"docs/damaged.txt": ("checked", "")}
    assert document(report, "docs/damaged.txt")["encoding"] == "utf-8"
    assert findings_for(report, "docs/damaged.txt") == [
        ("decode-damage", "warning", "docs/damaged.txt:5: 2 invalid bytes replaced (first at line 5)")
    ]
    claims = json.loads(invoke("claims", "--no-cache", "--jobs", "1", "--rules", RULES, "--format", "json", "docs").stdout)
    # nothing around the damage is dropped: both dates, on their own lines
    assert [(c["line"], c["value"]) for c in claims if c["kind"] == "date"] == [(3, "2025-12-01"), (6, "2026-01-15")]


@pytest.mark.parametrize(
    "data",
    [
        "Le café coûte 3 € à Zürich, déjà très cher — naïve façade.\n".encode("cp1252") * 3,
        "東京で2025年12月1日に新モデルが発表された。ソフトバンクは出資を決めた。\n".encode("shift_jis") * 3,
    ],
    ids=["windows-1252", "shift-jis"],
)
def test_text_in_an_unsupported_encoding_is_skipped_as_undecodable(work, data):
    write("docs/article.txt", ARTICLE)
    write("docs/foreign.txt", data)
    report = check_json("docs", exit_code=1)
    reason = "cannot decode: not UTF-8, UTF-16, GB18030 or Big5 text"
    assert accounts(report) == {"docs/article.txt": ("checked", ""), "docs/foreign.txt": ("skipped", reason)}
    assert findings_for(report, "docs/foreign.txt") == [("undecodable", "error", f"docs/foreign.txt: {reason}")]


# --------------------------------------------------------------------- text oddities


@pytest.mark.parametrize(
    ("name", "line", "raw"),
    [
        ("full-width digits", "谷歌於２０２５年１２月１日發布新模型，引發業界關注。", "２０２５年１２月１日"),
        ("zero-width in the number", "谷歌於20\u200b25年12\u200c月1\u200d日發布新模型，引發業界關注。", "2025年12月1日"),
        ("soft hyphen in the number", "谷歌於2025\u00ad年12月\u00ad1日發布新模型，引發業界關注。", "2025年12月1日"),
        ("word joiner and BOM inside", "谷歌於2025\u2060年12\ufeff月1日發布新模型，引發業界關注。", "2025年12月1日"),
        ("right-to-left mark in the number", "谷歌於2025\u200f年12月1日發布新模型，引發業界關注。", "2025年12月1日"),
        ("right-to-left override around", "\u202e谷歌於2025年12月1日發布新模型，引發業界關注。\u202c", "2025年12月1日"),
        ("ideographic spaces", "\u3000\u3000谷歌於2025年12月1日\u3000發布新模型，引發業界關注。", "2025年12月1日"),
        ("combining marks", "Zoe\u0308 Garci\u0301a說，谷歌於2025年12月1日發布新模型，引發業界關注。", "2025年12月1日"),
        ("emoji", "🔥谷歌於2025年12月1日發布新模型👩\u200d💻，引發業界關注🚀。", "2025年12月1日"),
    ],
)
def test_text_oddities_still_give_the_date(work, name, line, raw):
    result = run_on(HEADER + line + "\n")
    assert [d.status for d in result.documents] == ["checked"]
    assert dates(result) == [(DATE_LINE, raw, "2025-12-01")]


def test_zero_width_and_soft_hyphens_inside_a_name_do_not_change_the_claims(work):
    clean = HEADER + "首席科學家雅庫布·帕喬基(Jakub Pachocki)於2025年12月1日表示，公司估值達到5000億美元。\n"
    dirty = HEADER + "首席科學家雅庫\u200b布·帕\u00ad喬基(Ja\u200dkub Pa\u00adchocki)於2025年12月1日表示，公司估值達到5000億美元。\n"
    expected = claim_values(run_on(clean, names=("clean.txt",)))
    assert ("name", "name", "Jakub Pachocki", DATE_LINE) in expected
    os.remove("docs/clean.txt")
    assert claim_values(run_on(dirty, names=("dirty.txt",))) == expected


def test_extremely_long_numbers_give_no_infinite_amount(work):
    text = HEADER + SENTENCE + "\n" + "公司估值達到" + "9" * 5000 + "億美元。\n" + "損失約1" + "0" * 400 + "元。\n"
    result = run_on(text)
    assert [d.status for d in result.documents] == ["checked"]
    assert dates(result) == [(DATE_LINE, "2025年12月1日", "2025-12-01")]
    rendered = [c.rendered for c in result.claims if c.kind is ClaimKind.AMOUNT]
    assert [v for v in rendered if "inf" in v or "nan" in v] == []


@pytest.mark.parametrize("impossible", ["2025年13月40日", "2025年2月30日", "2025年0月0日", "2025-13-40"])
def test_an_impossible_date_is_rejected_not_crashed_on(work, impossible):
    text = HEADER + f"公司聲稱於{impossible}完成交易。\n" + SENTENCE + "\n"
    result = run_on(text)
    assert [d.status for d in result.documents] == ["checked"]
    assert dates(result) == [(4, "2025年12月1日", "2025-12-01")]


def test_a_malformed_number_is_not_read_as_an_amount(work):
    text = HEADER + "公司營收達到1.2.3億美元。\n" + "公司營收達到1.2億美元。\n"
    result = run_on(text)
    amounts = [(c.line, c.raw, c.rendered) for c in result.claims if c.kind is ClaimKind.AMOUNT]
    assert [line for line, _, _ in amounts] == [4]
    assert amounts[0][2].endswith("1.2e+08 USD")


# -------------------------------------------------------------------------- file system


class _Refused:
    """Open() that refuses the given file name as a permission error (tests run as root here,
    where chmod 000 does not stop reading, so the refusal is simulated)."""

    def __init__(self, name: str, real):
        self.name, self.real = name, real

    def __call__(self, file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)) and os.path.basename(os.fsdecode(file)) == self.name:
            raise PermissionError(13, "Permission denied", os.fsdecode(file))
        return self.real(file, *args, **kwargs)


def test_an_unreadable_file_is_skipped_with_permission_denied(work, monkeypatch):
    write("docs/article.txt", ARTICLE)
    write("docs/secret.txt", ARTICLE)
    monkeypatch.setattr(io, "open", _Refused("secret.txt", io.open))
    monkeypatch.setattr(builtins, "open", _Refused("secret.txt", builtins.open))
    report = check_json("docs", exit_code=1)
    assert accounts(report) == {
        "docs/article.txt": ("checked", ""),
        "docs/secret.txt": ("skipped", "cannot read: permission denied"),
    }
    assert findings_for(report, "docs/secret.txt") == [
        ("undecodable", "error", "docs/secret.txt: cannot read: permission denied")
    ]


def test_broken_symlinks_and_symlink_loops_are_skipped(work):
    write("docs/article.txt", ARTICLE)
    os.symlink("gone.txt", "docs/dead.txt")
    os.symlink("self.txt", "docs/self.txt")
    os.mkdir("docs/sub")
    os.symlink("..", "docs/sub/up")  # a folder loop: docs/sub/up is docs
    report = check_json("docs", exit_code=0)
    assert accounts(report) == {
        "docs/article.txt": ("checked", ""),
        "docs/dead.txt": ("skipped", "broken symbolic link"),
        "docs/self.txt": ("skipped", "symbolic link loop"),
        "docs/sub/up": ("skipped", "symbolic link loop"),
    }


def test_a_broken_symlink_named_on_the_command_line_is_skipped(work):
    write("docs/article.txt", ARTICLE)
    os.symlink("gone.txt", "docs/dead.txt")
    report = check_json("docs/dead.txt", "docs/article.txt", exit_code=0)
    assert accounts(report) == {"docs/article.txt": ("checked", ""), "docs/dead.txt": ("skipped", "broken symbolic link")}


def test_a_folder_of_10000_files_lists_each_once(work):
    for index in range(10_000):
        write(f"docs/{index:05d}.txt", HEADER + f"這是第{index}篇沒有日期的短文。\n")
    result = invoke("check", "--no-cache", "--jobs", "2", "--rules", RULES, "--format", "json", "docs")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert accounts(report) == {f"docs/{index:05d}.txt": ("checked", "") for index in range(10_000)}


@pytest.mark.parametrize(
    "paths",
    [("docs/article.txt", "docs/article.txt"), ("docs", "docs/article.txt"), ("docs", "./docs/"), ("docs", "docs/../docs")],
    ids=["file-twice", "folder-and-file", "dot-slash", "dot-dot"],
)
def test_a_path_given_twice_is_checked_once(work, paths):
    write("docs/article.txt", ARTICLE)
    report = check_json(*paths, exit_code=0)
    assert accounts(report) == {"docs/article.txt": ("checked", "")}


def test_a_second_name_for_the_same_file_is_read_once_and_listed_as_skipped(work):
    write("docs/article.txt", ARTICLE)
    os.symlink("article.txt", "docs/alias.txt")
    os.link("docs/article.txt", "docs/copy.txt")
    report = check_json("docs", exit_code=0)
    assert accounts(report) == {
        "docs/alias.txt": ("skipped", "same file as docs/article.txt"),
        "docs/article.txt": ("checked", ""),
        "docs/copy.txt": ("skipped", "same file as docs/article.txt"),
    }


def _fifo_guard(path: str) -> threading.Thread:
    """Open the FIFO's write end in the background, so a reader blocked on it gets EOF, not a hang."""
    thread = threading.Thread(target=lambda: open(path, "wb").close(), daemon=True)
    thread.start()
    return thread


def _release(path: str, thread: threading.Thread) -> None:
    if thread.is_alive():  # the tool never opened the FIFO: open the read end so the writer returns
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        thread.join(5)
        os.close(descriptor)


def test_a_fifo_named_on_the_command_line_is_skipped_not_waited_on(work):
    write("docs/article.txt", ARTICLE)
    os.mkfifo("docs/pipe.txt")
    guard = _fifo_guard("docs/pipe.txt")
    try:
        report = check_json("docs/pipe.txt", "docs/article.txt", exit_code=0)
    finally:
        _release("docs/pipe.txt", guard)
    assert accounts(report) == {"docs/article.txt": ("checked", ""), "docs/pipe.txt": ("skipped", "not a regular file")}


def test_a_fifo_in_a_folder_is_listed_as_skipped(work):
    write("docs/article.txt", ARTICLE)
    os.mkfifo("docs/pipe.txt")
    report = check_json("docs", exit_code=0)
    assert accounts(report) == {"docs/article.txt": ("checked", ""), "docs/pipe.txt": ("skipped", "not a regular file")}


def test_a_folder_without_documents_exits_2_naming_it(work):
    write("docs/photo.png", PNG)
    result = check("docs")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("factcheck: error: docs: ") and result.stderr.count("\n") == 1


def test_a_crash_on_one_document_skips_it_and_checks_the_rest(work, monkeypatch):
    from factcheck import extract as extract_stage
    real = extract_stage.extract_dates

    def crash_on_bad(doc, config):
        if doc.path.endswith("bad.txt"):
            raise RuntimeError("boom")
        return real(doc, config)

    monkeypatch.setattr(extract_stage, "extract_dates", crash_on_bad)
    write("docs/bad.txt", ARTICLE)
    write("docs/good.txt", ARTICLE)
    report = check_json("docs")
    statuses = accounts(report)
    assert statuses["docs/good.txt"] == ("checked", "")
    assert statuses["docs/bad.txt"] == ("skipped", "internal error, please report: RuntimeError: boom")
    assert [(f["rule"], f["severity"]) for f in report["findings"] if f["subject"] == "docs/bad.txt"] == [
        ("internal-error", "error")
    ]


def test_a_missing_path_exits_2_with_its_name(work, monkeypatch):
    write("docs/article.txt", ARTICLE)
    monkeypatch.setattr(pipeline, "run", _must_not_run)
    result = check("docs", "docs/nowhere.txt")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "factcheck: error: docs/nowhere.txt: no such file or directory\n"


def test_non_utf8_file_names_are_shown_escaped(work):
    write("docs/article.txt", ARTICLE)
    write(os.fsdecode(b"docs/\xff\xfe.txt"), ARTICLE.replace("2025年12月1日", "2025年12月2日"))
    write(os.fsdecode("docs/新闻.txt".encode("gbk")), ARTICLE)  # b"\xd0\xc2\xce\xc5"
    write("docs/line\nbreak.txt", ARTICLE)
    report = check_json("docs")
    assert accounts(report) == {
        "docs/\\xd0\\xc2\\xce\\xc5.txt": ("checked", ""),
        "docs/\\xff\\xfe.txt": ("checked", ""),
        "docs/article.txt": ("checked", ""),
        "docs/line\\x0abreak.txt": ("checked", ""),
    }
    for finding in report["findings"]:
        assert "\n" not in finding["message"]


def _must_not_run(*args, **kwargs):
    raise AssertionError("the pipeline ran although the command should have stopped first")


# ---------------------------------------------------------------------- configuration


def rules_with(work: Path, name: str, text: str) -> str:
    folder = work / "bad-rules"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return "bad-rules"


KNOWN_RULES = (
    "amount-conflict, anachronism, bad-header, date-conflict, decode-damage, dropped-text, empty-document, internal-error, "
    "missing-date, mojibake, mojibake-unrepaired, name-variant, pinyin-gloss, title-conflict, undecodable"
)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("syntax.toml", '[rules.date-conflict\nseverity = "error"\n',
         "bad-rules/syntax.toml: TOML syntax error: Expected ']' at the end of a table declaration (at line 1, column 21)"),
        ("string.toml", '[rules.date-conflict]\nseverity = "error\n',
         "bad-rules/string.toml: TOML syntax error: Illegal character '\\n' (at line 2, column 18)"),
        ("unknown-rule.toml", "[rules.no-such-rule]\nenabled = false\n",
         f"bad-rules/unknown-rule.toml: [rules.no-such-rule] unknown rule (known: {KNOWN_RULES})"),
        ("unknown-key.toml", '[rules.date-conflict]\ncolour = "red"\n',
         "bad-rules/unknown-key.toml: [rules.date-conflict] unknown key 'colour' (allowed: enabled, severity"),
        ("wrong-type.toml", '[rules.date-conflict]\nenabled = "yes"\n',
         "bad-rules/wrong-type.toml: [rules.date-conflict] enabled must be true or false"),
        ("wrong-severity.toml", "[rules.date-conflict]\nseverity = 3\n",
         "bad-rules/wrong-severity.toml: [rules.date-conflict] severity must be error, warning or info, got 3"),
        ("bad-regex.toml", '[lexicon.boilerplate]\nline_patterns = ["(unclosed"]\n',
         "bad-rules/bad-regex.toml: [lexicon.boilerplate] line_patterns: invalid regular expression '(unclosed':"
         " missing ), unterminated subpattern at position 0"),
        ("lexicon-type.toml", '[lexicon.events]\nlaunch = "not a list"\n',
         "bad-rules/lexicon-type.toml: [lexicon.events] launch must be a list of strings"),
        ("unknown-lexicon.toml", "[lexicon.colours]\nred = []\n",
         "bad-rules/unknown-lexicon.toml: [lexicon.colours] unknown lexicon (known: "),
        ("top-level.toml", "threshold = 3\n",
         "bad-rules/top-level.toml: unknown top-level key 'threshold' (expected rules, lexicon or suppress)"),
    ],
)
def test_a_broken_rule_file_exits_2_with_one_line_naming_file_and_key(work, monkeypatch, name, text, message):
    write("docs/article.txt", ARTICLE)
    monkeypatch.setattr(pipeline, "run", _must_not_run)
    result = check("docs", rules=rules_with(work, name, text))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"factcheck: error: {message}")
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1


def test_a_rule_file_that_is_not_utf8_exits_2(work, monkeypatch):
    write("docs/article.txt", ARTICLE)
    write("bad-rules/big5.toml", '[rules.date-conflict]\nseverity = "錯誤"\n'.encode("big5"))
    monkeypatch.setattr(pipeline, "run", _must_not_run)
    result = check("docs", rules="bad-rules")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: bad-rules/big5.toml: not UTF-8 (invalid start byte at byte 34)\n"


def test_an_unreadable_rule_file_exits_2(work, monkeypatch):
    write("docs/article.txt", ARTICLE)
    rules = rules_with(work, "locked.toml", '[rules.date-conflict]\nseverity = "error"\n')
    # tests run as root, where chmod 000 does not stop reading: the refusal is simulated
    monkeypatch.setattr(io, "open", _Refused("locked.toml", io.open))
    monkeypatch.setattr(builtins, "open", _Refused("locked.toml", builtins.open))
    result = check("docs", rules=rules)
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: bad-rules/locked.toml: cannot read: permission denied\n"


@pytest.mark.parametrize("value", ["nan", "-0.5", "inf"])
def test_an_out_of_range_option_exits_2(work, monkeypatch, value):
    write("docs/article.txt", ARTICLE)
    monkeypatch.setattr(pipeline, "run", _must_not_run)
    result = check("docs", rules=rules_with(work, "range.toml", f"[rules.amount-conflict]\ntolerance = {value}\n"))
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: bad-rules/range.toml: [rules.amount-conflict] tolerance ")


def test_a_missing_rules_folder_exits_2(work, monkeypatch):
    write("docs/article.txt", ARTICLE)
    monkeypatch.setattr(pipeline, "run", _must_not_run)
    result = check("docs", rules="no-rules")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: no-rules: rules directory not found\n"


# ---------------------------------------------------------------------------- output


@pytest.mark.parametrize(
    ("option", "target", "message"),
    [
        ("--output", "missing/report.json", "cannot write --output missing/report.json: folder missing does not exist"),
        ("--csv", "missing/report.csv", "cannot write --csv missing/report.csv: folder missing does not exist"),
        ("--output", "docs", "cannot write --output docs: it is a folder"),
        ("--csv", "docs", "cannot write --csv docs: it is a folder"),
    ],
)
def test_an_unwritable_report_path_fails_before_any_work(work, monkeypatch, option, target, message):
    write("docs/article.txt", ARTICLE)
    monkeypatch.setattr(pipeline, "run", _must_not_run)
    result = check("docs", option, target)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"factcheck: error: {message}\n"


def test_a_read_only_report_folder_fails_before_any_work(work, monkeypatch):
    write("docs/article.txt", ARTICLE)
    os.mkdir("locked")
    os.chmod("locked", 0o555)
    real_access = os.access
    # root may write anywhere, so the refusal a normal user gets is simulated
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if os.fspath(path) == "locked" else real_access(path, mode, **kw))
    monkeypatch.setattr(pipeline, "run", _must_not_run)
    result = check("docs", "--csv", "locked/report.csv")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: cannot write --csv locked/report.csv: folder locked is not writable\n"


class _HalfWriter:
    """A file object that writes half of what it is given, then is interrupted (Ctrl-C)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, data):
        self.stream.write(data[: len(data) // 2])
        self.stream.flush()
        raise KeyboardInterrupt

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stream.close()
        return False


def _interrupt(*args, **kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["render", "write", "rename"])
@pytest.mark.parametrize("option", ["--output", "--csv"])
def test_an_interrupted_run_leaves_no_half_written_report(work, monkeypatch, where, option):
    write("docs/a.txt", ARTICLE)
    write("docs/b.txt", ARTICLE.replace("2025年12月1日", "2025年12月3日"))
    write("out/report", "previous report\n")
    if where == "render":
        from factcheck.report import csv_report, json_report

        monkeypatch.setattr(json_report if option == "--output" else csv_report,
                            "render_bytes" if option == "--output" else "findings_csv", _interrupt)
    elif where == "write":
        real_fdopen = os.fdopen
        monkeypatch.setattr(report_package.os, "fdopen", lambda *a, **k: _HalfWriter(real_fdopen(*a, **k)))
    else:
        monkeypatch.setattr(report_package.os, "replace", _interrupt)
    result = check("docs", option, "out/report")
    assert result.exit_code == 130
    assert result.stderr == "factcheck: interrupted\n"
    assert sorted(os.listdir("out")) == ["report"]  # no temporary file left behind
    assert Path("out/report").read_text(encoding="utf-8") == "previous report\n"


def test_ctrl_c_while_reading_documents_leaves_the_old_report(work, monkeypatch):
    from factcheck import extract as extract_stage
    write("docs/a.txt", ARTICLE)
    write("out/report.json", "previous report\n")
    monkeypatch.setattr(extract_stage, "extract_dates", _interrupt)
    result = check("docs", "--output", "out/report.json")
    assert result.exit_code == 130
    assert result.stderr == "factcheck: interrupted\n"
    assert sorted(os.listdir("out")) == ["report.json"]
    assert Path("out/report.json").read_text(encoding="utf-8") == "previous report\n"


# ------------------------------------------------------------- what documents can smuggle


CONFLICT_A = HEADER + "公司於2025年12月1日進入「紅色警報」狀態。\n"
CONFLICT_B = HEADER + "公司於2025年12月5日進入「紅色警報」狀態\x1b[2J\x1b[31m\x07\x08\x7f\x9b31m。\n"


def test_the_conflict_behind_control_characters_is_still_found(work):
    write("docs/a.txt", CONFLICT_A)
    write("docs/b.txt", CONFLICT_B)
    report = check_json("docs", exit_code=1)
    assert [(f["rule"], f["message"]) for f in report["findings"]] == [
        ("date-conflict", "code-red (occur): 2025-12-01 in docs/a.txt (1 source) vs 2025-12-05 in docs/b.txt (1 source)")
    ]


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_control_characters_from_documents_never_reach_a_report(work, fmt):
    write("docs/a.txt", CONFLICT_A)
    write("docs/b.txt", CONFLICT_B)
    result = invoke("check", "--no-cache", "--jobs", "1", "--rules", RULES, "--format", fmt, "docs")
    assert result.exit_code == 1
    assert "2025-12-05" in result.stdout
    text = json.loads(result.stdout)["findings"][0]["sides"][1]["claims"][0]["text"] if fmt == "json" else result.stdout
    leaked = sorted({hex(ord(c)) for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F})
    assert leaked == []


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_ENCODINGS = [
    (seed, codec, reported)
    for seed in SEEDS
    for codec, reported in (("big5", "big5"), ("gb18030", "gb18030"), ("utf-16", "utf-16-le"))
    if _encodes(seed.read_text(encoding="utf-8"), codec)
]


@pytest.mark.parametrize(
    ("seed", "codec", "reported"), SEED_ENCODINGS, ids=[f"{s.name[:3]}-{c}" for s, c, _ in SEED_ENCODINGS]
)
def test_a_real_article_in_another_encoding_gives_the_same_claims(work, seed, codec, reported):
    text = seed.read_text(encoding="utf-8")
    expected = run_on(text.encode("utf-8"), names=("article.txt",))
    os.remove("docs/article.txt")
    got = run_on(text.replace("\n", "\r\n").encode(codec), names=("article.txt",))
    assert [d.encoding for d in got.documents] == [reported]
    assert claim_values(got) == claim_values(expected) != []
    assert [(f.rule, f.message) for f in got.findings] == [(f.rule, f.message) for f in expected.findings]
