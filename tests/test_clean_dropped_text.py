"""Text dropped by the cleaner is reported (rule `dropped-text`), and several articles concatenated,
each closed by the same footer, are all read (issue 11)."""
from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.clean import clean
from factcheck.clean.body import footer_label
from factcheck.cli import cli
from factcheck.settings import load_config
from factcheck.extract import extract
from factcheck.model import Metadata, Problem, RawDocument
from factcheck.normalise import normalise

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
DATED = Metadata(published=dt.date(2025, 12, 10), published_from="header", published_line=1)

# Three short articles, each a title, two paragraphs (the first with one dated event), a footer.
TRADITIONAL = [
    ("谷歌推出新模型", "谷歌於2025年12月1日發布新模型Gemini 3，引發業界關注。", "這是第一篇文章的第二段，內容足夠長以便被視為正文。"),
    ("OpenAI拉響警報", "OpenAI於2025年12月2日宣布進入紅色警報狀態，全力改進ChatGPT。", "第二篇文章同樣有兩段文字，這一段也足夠長。"),
    ("英偉達公布營收", "英偉達於2025年12月3日公布季度營收，增長超出市場預期。", "第三篇文章也有兩段文字，這是它的第二段。"),
]
SIMPLIFIED = [
    ("谷歌推出新模型", "谷歌于2025年12月1日发布新模型Gemini 3，引发业界关注。", "这是第一篇文章的第二段，内容足够长以便被视为正文。"),
    ("OpenAI拉响警报", "OpenAI于2025年12月2日宣布进入红色警报状态，全力改进ChatGPT。", "第二篇文章同样有两段文字，这一段也足够长。"),
    ("英伟达公布营收", "英伟达于2025年12月3日公布季度营收，增长超出市场预期。", "第三篇文章也有两段文字，这是它的第二段。"),
]
FOOTER = {"trad": "責任編輯：王小明", "simp": "责任编辑：王小明"}
SOURCE = {"trad": "本文來源：新華社", "simp": "本文来源：新华社"}
ARTICLES = {"trad": TRADITIONAL, "simp": SIMPLIFIED}
EVENTS = [("google", "2025-12-01"), ("code-red", "2025-12-02"), ("nvidia", "2025-12-03")]


@lru_cache(maxsize=1)
def rules():
    return load_config(RULES)


def cleaned(text: str):
    return clean(RawDocument("doc.txt", text, "utf-8", "0" * 64, meta=DATED), rules())


def dates(doc) -> list[tuple[str, str]]:
    return [(c.subject, c.rendered) for c in extract(normalise(doc, rules()), rules()) if c.kind.value == "date"]


def article(script: str, number: int, footer: str | None = None) -> list[str]:
    title, first, second = ARTICLES[script][number]
    return [title, first, second, footer if footer is not None else FOOTER[script], ""]


def dropped_text(doc) -> list[Problem]:
    return [p for p in doc.problems if p.rule == "dropped-text"]


# ------------------------------------------------------------------ several articles in one file


@pytest.mark.parametrize("script", ["trad", "simp"])
def test_three_articles_with_a_footer_between_them_are_all_read(script):
    lines = article(script, 0) + article(script, 1) + article(script, 2)
    doc = cleaned("\n".join(lines))
    # titles, footers and blank lines dropped; both paragraphs of every article kept
    assert [(l.number, l.text) for l in doc.lines] == [(n, lines[n - 1]) for n in (2, 3, 7, 8, 12, 13)]
    assert doc.dropped == 6  # the second and third titles and the three footers, the first title
    assert doc.problems == ()
    assert dates(doc) == EVENTS


@pytest.mark.parametrize("script", ["trad", "simp"])
def test_the_last_article_needs_no_footer_of_its_own(script):
    lines = article(script, 0) + article(script, 1) + list(ARTICLES[script][2])
    doc = cleaned("\n".join(lines))
    assert [l.number for l in doc.lines] == [2, 3, 7, 8, 12, 13]
    assert doc.problems == ()
    assert dates(doc) == EVENTS


def test_a_footer_block_of_several_lines_repeated_counts_as_repeated():
    lines = ["谷歌推出新模型", *TRADITIONAL[0][1:], FOOTER["trad"], SOURCE["trad"], "",
             "OpenAI拉響警報", *TRADITIONAL[1][1:], "本文來源：中央社"]
    doc = cleaned("\n".join(lines))
    assert [l.number for l in doc.lines] == [2, 3, 8, 9]
    assert doc.problems == ()


# --------------------------------------------------------------------- one article and its footer


@pytest.mark.parametrize("script", ["trad", "simp"])
def test_a_normal_document_with_a_footer_has_no_note(script):
    lines = article(script, 0)[:-1] + [SOURCE[script], "分享到：", "粵ICP備12345678號"]
    doc = cleaned("\n".join(lines))
    assert [l.number for l in doc.lines] == [2, 3]
    assert doc.dropped == 5
    assert doc.problems == ()


def test_one_line_of_running_text_after_a_footer_is_debris_without_a_note():
    # a disclaimer's second sentence: prose, but a single short line
    lines = [*TRADITIONAL[0][1:], "聲明：本文僅代表作者觀點。", "如有侵權或其他問題，請聯繫本網站刪除相關內容。"]
    doc = cleaned("\n".join(lines))
    assert [l.number for l in doc.lines] == [1, 2]
    assert doc.problems == ()


@pytest.mark.parametrize("script", ["trad", "simp"])
def test_running_text_after_a_single_footer_is_dropped_with_a_note(script):
    # the later articles have no footer of their own: nothing repeats, so they are not read,
    # but their dropping is reported: how much, from which line, and which stop pattern
    lines = article(script, 0)[:-1] + list(ARTICLES[script][1]) + list(ARTICLES[script][2])
    doc = cleaned("\n".join(lines))
    assert [l.number for l in doc.lines] == [2, 3]
    footer = FOOTER[script]
    chars = sum(len(text) for text in lines[3:])
    assert dropped_text(doc) == [Problem(
        "dropped-text", 4, footer,
        f"7 lines ({chars} characters, 4 lines of running text) dropped from line 4 on: "
        f"'{footer}' matches [lexicon.boilerplate] stop_patterns[3], which ends an article",
        "7",
    )]
    assert dates(doc) == EVENTS[:1]


def test_footers_that_differ_are_no_repeated_footer():
    lines = article("trad", 0) + article("trad", 1, footer="相關閱讀") + list(TRADITIONAL[2])
    doc = cleaned("\n".join(lines))
    assert [l.number for l in doc.lines] == [2, 3]
    [note] = dropped_text(doc)
    assert (note.line, note.value) == (4, "8")  # the footer, a title, 4 paragraphs, 相關閱讀, a title
    assert note.detail.startswith("8 lines (") and "4 lines of running text" in note.detail


def test_footer_labels():
    assert footer_label("責任編輯：王小明") == footer_label("责任编辑: 李四") == "责任编辑"
    assert footer_label("\xa0\xa0原文標題\xa0:\xa0OpenAI的新模型") == "原文标题"
    assert footer_label("相關閱讀") == "相关阅读"


# ------------------------------------------------------------------------------ end to end


def test_the_note_is_a_warning_finding_and_the_articles_are_all_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    header = "date: 2025-12-10\n---\n"
    concatenated = article("trad", 0) + article("trad", 1) + article("trad", 2)
    cut = article("simp", 0)[:-1] + list(SIMPLIFIED[1])
    (tmp_path / "docs" / "concatenated.txt").write_text(header + "\n".join(concatenated), encoding="utf-8")
    (tmp_path / "docs" / "cut.txt").write_text(header + "\n".join(cut), encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", "docs", "--no-cache", "--jobs", "1", "--rules", str(RULES), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [(d["path"], d["claims"]) for d in report["documents"]] == [("docs/concatenated.txt", 3), ("docs/cut.txt", 1)]
    assert [(f["rule"], f["severity"], f["message"]) for f in report["findings"]] == [(
        "dropped-text", "warning",
        "docs/cut.txt:6: 4 lines (79 characters, 2 lines of running text) dropped from line 6 on: "
        "'责任编辑：王小明' matches [lexicon.boilerplate] stop_patterns[3], which ends an article",
    )]


def test_hundreds_of_concatenated_articles_give_every_article_s_claims():
    lines = []
    for number in range(300):
        lines += [f"第{number}篇", "OpenAI於2025年12月2日宣布進入紅色警報狀態，全力改進ChatGPT。",
                  "這是一段足夠長的正文，用來讓清理器認出文章的開始與結束。", f"責任編輯：編輯{number}", "本文來源：某網站", ""]
    doc = cleaned("\n".join(lines))
    assert len(doc.lines) == 600
    assert doc.problems == ()
    assert dates(doc) == [("code-red", "2025-12-02")] * 300
