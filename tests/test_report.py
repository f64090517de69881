"""Reporters: golden outputs for a fixed RunResult, CSV/JSON shape, highlighting and atomic writes."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from factcheck.settings import load_config
from factcheck.model import (
    Claim, ClaimKind, DateValue, DocumentStatus, Evidence, Finding, RunResult, Severity, Side, single_side,
)
from factcheck.report import FORMATS, finding_status, rule_rows, write_atomic, write_csv
from factcheck.report import csv_report, json_report, terminal

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1"  # set to rewrite the golden files

TW_DATE = "奧特曼表示，「紅色警報」將於2026年1月底結束，屆時新模型發布。"
CN_DATE = "据报道，红色警报将在2026年1月中下旬结束。"
TW_AMOUNT = "ChatGPT每週活躍用戶已達8億人，較年初翻倍。"
CN_AMOUNT = "目前ChatGPT周活跃用户约9亿，仍居行业首位。"


HK_DATE = "消息指，「紅色警報」預計於2026年1月下旬解除。"


def date_conflict() -> Finding:
    """Three outlets on one date: two agree (the majority side), one differs."""
    return Finding(
        "date-conflict", "date", Severity.ERROR, "红色警报", "end",
        "红色警报 (end): 2026-01-21..2026-01-31 in a_tw.txt, c_hk.txt (2 sources)"
        " vs 2026-01-11..2026-01-31 in b_cn.txt (1 source)",
        (
            Side("2026-01-21..2026-01-31", (
                Evidence("a_tw.txt", 12, "2026年1月底", "2026-01-21..2026-01-31", TW_DATE, 10, "中央社"),
                Evidence("c_hk.txt", 5, "2026年1月下旬", "2026-01-21..2026-01-31", HK_DATE, 15, "明報"),
            ), sources=2, majority=True),
            Side("2026-01-11..2026-01-31", (
                Evidence("b_cn.txt", 8, "2026年1月中下旬", "2026-01-11..2026-01-31", CN_DATE, 10, "新华网"),
            )),
        ),
        reason="same event 红色警报 (紅色警報, code red), end",
        key="红色警报",
    )


def amount_conflict() -> Finding:
    # one source each: no side leads. The second statement's offset is unknown (-1): the
    # reporter must find the value by searching
    return Finding(
        "amount-conflict", "amount", Severity.ERROR, "chatgpt", "weekly:active-users",
        "chatgpt (weekly:active-users): 8億人 in a_tw.txt (1 source) vs 约9亿 in b_cn.txt (1 source)",
        (
            Side("8e+08 person", (Evidence("a_tw.txt", 20, "8億人", "8e+08 person", TW_AMOUNT, 13, "中央社"),)),
            Side("approx 9e+08 person", (Evidence("b_cn.txt", 15, "约9亿", "approx 9e+08 person", CN_AMOUNT, -1, "新华网"),)),
        ),
        reason="same amount subject chatgpt, weekly:active-users",
    )


def quality_finding() -> Finding:
    return Finding(
        "pinyin-gloss", "quality", Severity.INFO, "a_tw.txt", "",
        "3 pinyin glosses stripped",
        single_side(Evidence("a_tw.txt", 3, "計(jì)", "3", "智能計(jì)算 > 業(yè)界動態(tài)", 2)),
    )


def name_variant() -> Finding:
    # each statement supports its side's spelling; its own value (the name as rendered) differs
    return Finding(
        "name-variant", "name", Severity.WARNING, "jakub pachocki", "name",
        "雅各布·帕乔基 in a_tw.txt vs 雅库布·帕乔基 in b_cn.txt",
        (
            Side("雅各布·帕乔基", (Evidence("a_tw.txt", 30, "雅各布·帕喬基", "雅各布·帕乔基",
                                          "首席科學家雅各布·帕喬基(Jakub Pachocki)說。", 5, "中央社", "Jakub Pachocki"),)),
            Side("雅库布·帕乔基", (Evidence("b_cn.txt", 22, "雅库布·帕乔基", "雅库布·帕乔基", "首席科学家雅库布·帕乔基表示。", 5, "新华网"),)),
        ),
        reason="same person jakub pachocki",
    )


def sample_result() -> RunResult:
    """Both scripts, a date conflict with a majority and an amount conflict (new), a known name
    variant, a suppressed quality finding."""
    findings = (date_conflict(), amount_conflict(), name_variant(), quality_finding())
    return RunResult(
        documents=(
            DocumentStatus("a_tw.txt", "checked", encoding="utf-8", published="2025-12-10",
                           published_from="header", claims=14),
            DocumentStatus("b_cn.txt", "checked", encoding="gb18030", claims=9),
            DocumentStatus("c_bad.txt", "skipped", reason="not text: could not decode as UTF-8, GB18030 or Big5"),
            DocumentStatus("c_hk.txt", "checked", encoding="big5", published="2025-12-11",
                           published_from="header", claims=6),
        ),
        findings=findings,
        known=frozenset({name_variant().id}),
        suppressed=((quality_finding().id, "this outlet always glosses; text is cleaned"),),
        notes=("baseline entry 0123456789abcdef no longer occurs",),
    )


def check_golden(name: str, content: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(content)
    assert content == path.read_bytes(), f"{name} differs from the golden file"


# ------------------------------------------------------------------------ golden


def test_terminal_matches_golden():
    check_golden("report.txt", FORMATS["terminal"](sample_result()))


def test_json_matches_golden():
    check_golden("report.json", FORMATS["json"](sample_result()))


def test_csv_matches_golden(tmp_path):
    target = tmp_path / "findings.csv"
    write_csv(sample_result(), target)
    check_golden("report.csv", target.read_bytes())


def test_every_format_is_byte_identical_across_runs():
    for name in ("terminal", "json"):
        assert FORMATS[name](sample_result()) == FORMATS[name](sample_result())
    assert csv_report.findings_csv(sample_result()) == csv_report.findings_csv(sample_result())


# -------------------------------------------------------------------------- json


def test_json_statuses_and_reasons():
    report = json.loads(json_report.render(sample_result()))
    assert report["version"] == 2
    assert [(f["rule"], f["status"], f["reason"]) for f in report["findings"]] == [
        ("date-conflict", "new", ""),
        ("amount-conflict", "new", ""),
        ("name-variant", "known", ""),
        ("pinyin-gloss", "suppressed", "this outlet always glosses; text is cleaned"),
    ]
    assert report["findings"][0]["id"] == date_conflict().id
    assert report["findings"][0]["sides"][0]["claims"][0] == {
        "doc": "a_tw.txt", "outlet": "中央社", "line": 12, "raw": "2026年1月底", "value": "2026-01-21..2026-01-31",
        "normalised": "2026-01-21..2026-01-31", "text": TW_DATE,
    }
    assert report["documents"][2] == {
        "path": "c_bad.txt", "status": "skipped", "reason": "not text: could not decode as UTF-8, GB18030 or Big5",
        "encoding": "", "published": "", "published_from": "", "claims": 0,
    }
    assert report["notes"] == ["baseline entry 0123456789abcdef no longer occurs"]


def test_json_finding_is_one_fact_with_its_sides():
    report = json.loads(json_report.render(sample_result()))
    date = report["findings"][0]
    assert "claims" not in date
    assert date["why_one_fact"] == "same event 红色警报 (紅色警報, code red), end"
    assert [(s["value"], s["sources"], s["majority"], [(c["doc"], c["line"]) for c in s["claims"]])
            for s in date["sides"]] == [
        ("2026-01-21..2026-01-31", 2, True, [("a_tw.txt", 12), ("c_hk.txt", 5)]),
        ("2026-01-11..2026-01-31", 1, False, [("b_cn.txt", 8)]),
    ]
    amount = report["findings"][1]
    assert [(s["value"], s["sources"], s["majority"]) for s in amount["sides"]] == [
        ("800000000 person", 1, False), ("approx 900000000 person", 1, False),  # one source each: no side leads
    ]
    # a statement supports its side's value; its own normalised value is kept beside it
    name = report["findings"][2]["sides"][0]["claims"][0]
    assert (name["value"], name["normalised"]) == ("雅各布·帕乔基", "Jakub Pachocki")
    quality = report["findings"][3]
    assert quality["why_one_fact"] == ""
    assert [(s["value"], s["sources"], s["majority"], len(s["claims"])) for s in quality["sides"]] == [("3", 1, False, 1)]


def test_json_keeps_chinese_unescaped_and_ends_with_newline():
    text = json_report.render(sample_result())
    assert "紅色警報" in text and "\\u" not in text
    assert text.endswith("}\n")


def test_json_of_empty_run():
    assert json_report.render(RunResult((), ())) == (
        '{\n  "version": 2,\n  "documents": [],\n  "findings": [],\n  "notes": []\n}\n'
    )


def test_claims_json():
    claim = Claim(
        ClaimKind.DATE, "a_tw.txt", 12, TW_DATE, "2026年1月底", 10, "红色警报", "end",
        DateValue(dt.date(2026, 1, 21), dt.date(2026, 1, 31), "part-of-month"), modality="plan",
    )
    assert json.loads(json_report.render_claims([claim])) == [{
        "doc": "a_tw.txt", "line": 12, "kind": "date", "subject": "红色警报", "attribute": "end",
        "raw": "2026年1月底", "value": "2026-01-21..2026-01-31", "scope": "", "modality": "plan", "sentence": TW_DATE,
    }]


# --------------------------------------------------------------------------- csv


def test_csv_has_bom_one_row_per_statement_and_integer_lines(tmp_path):
    target = tmp_path / "findings.csv"
    write_csv(sample_result(), target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(target, encoding="utf-8-sig", dtype={"finding_id": str}, keep_default_na=False)
    assert list(frame.columns) == list(csv_report.FINDING_COLUMNS)
    assert len(frame) == 8  # 3 + 2 + 2 + 1 statements
    assert frame["line"].tolist() == [12, 5, 8, 20, 15, 30, 22, 3]
    assert str(frame["line"].dtype) == "int64"
    assert frame["status"].tolist() == ["new"] * 5 + ["known"] * 2 + ["suppressed"]
    assert frame.loc[0, "text"] == TW_DATE
    # every row names its side, the side's support and the other sides
    assert frame["finding_id"].tolist()[:3] == [f"F-{date_conflict().id}"] * 3
    assert frame["side"].tolist() == [1, 1, 2, 1, 2, 1, 2, 1]
    assert frame["side_sources"].tolist() == [2, 2, 1, 1, 1, 1, 1, 1]
    assert frame["majority"].tolist() == ["yes", "yes", "", "", "", "", "", ""]
    assert frame["side_value"].tolist()[:3] == ["2026-01-21..2026-01-31"] * 2 + ["2026-01-11..2026-01-31"]
    assert frame["other_sides"].tolist()[:3] == ["2026-01-11..2026-01-31"] * 2 + ["2026-01-21..2026-01-31"]
    assert frame["outlet"].tolist() == ["中央社", "明報", "新华网", "中央社", "新华网", "中央社", "新华网", ""]
    assert frame["why_one_fact"].tolist()[0] == "same event 红色警报 (紅色警報, code red), end"
    assert frame["why_one_fact"].tolist()[-1] == ""
    # `value` is the statement's own normalised value, `side_value` the side it supports
    assert (frame.loc[5, "side_value"], frame.loc[5, "value"]) == ("雅各布·帕乔基", "Jakub Pachocki")


def test_csv_of_empty_run_has_header_only():
    assert csv_report.findings_csv(RunResult((), ())) == (
        "\ufefffinding_id,rule,kind,severity,status,subject,attribute,message,why_one_fact,"
        "side,side_value,side_sources,majority,other_sides,doc,outlet,line,raw,value,text\n"
    ).encode("utf-8")


def test_claims_csv_columns():
    claim = Claim(
        ClaimKind.DATE, "b_cn.txt", 8, CN_DATE, "2026年1月中下旬", 10, "红色警报", "end",
        DateValue(dt.date(2026, 1, 11), dt.date(2026, 1, 31), "part-of-month"),
    )
    text = csv_report.claims_csv([claim]).decode("utf-8-sig")
    assert text == (
        "doc,line,kind,subject,attribute,raw,value,scope,modality,sentence\n"
        f"b_cn.txt,8,date,红色警报,end,2026年1月中下旬,2026-01-11..2026-01-31,,,{CN_DATE}\n"
    )


# ---------------------------------------------------------------------- terminal


def test_terminal_marks_value_at_offset_or_by_search():
    text = terminal.render(sample_result())
    assert "奧特曼表示，「紅色警報」將於**2026年1月底**結束" in text
    assert "目前ChatGPT周活跃用户**约9亿**，仍居行业首位。" in text  # start=-1: found by search


def test_highlight_falls_back_when_offset_is_wrong():
    side = Evidence("a.txt", 1, "8億", "8e+08", "用戶8億，不是8億", start=0)
    assert str(terminal.highlighted_sentence(side, plain=True)) == "用戶**8億**，不是8億"
    missing = Evidence("a.txt", 1, "9億", "9e+08", "用戶8億", start=2)
    assert str(terminal.highlighted_sentence(missing, plain=True)) == "用戶8億"


def test_terminal_shows_each_side_as_written_majority_first_with_outlet_and_place():
    lines = terminal.render(sample_result()).splitlines()
    start = lines.index(f"ERROR  date-conflict  紅色警報 · end  [{date_conflict().id}]")
    assert lines[start + 1 : start + 9] == [
        "  one fact: same event 红色警报 (紅色警報, code red), end",
        "  2026年1月底 / 2026年1月下旬  (2026-01-21..2026-01-31)  2 sources, most sources",
        "    中央社  a_tw.txt:12  2026年1月底",
        "      奧特曼表示，「紅色警報」將於**2026年1月底**結束，屆時新模型發布。",
        "    明報  c_hk.txt:5  2026年1月下旬",
        "      消息指，「紅色警報」預計於**2026年1月下旬**解除。",
        "  2026年1月中下旬  (2026-01-11..2026-01-31)  1 source",
        "    新华网  b_cn.txt:8  2026年1月中下旬",
    ]
    # amounts as the documents write them; the subject in the sentences' own case
    start = lines.index(f"ERROR  amount-conflict  ChatGPT · weekly:active-users  [{amount_conflict().id}]")
    assert [line for line in lines[start:start + 8] if "source" in line] == [
        "  8億人  1 source", "  约9亿  1 source",  # no side leads: none marked
    ]


def test_terminal_puts_the_majority_side_first_whatever_the_sides_order():
    flipped = date_conflict()
    flipped = Finding(flipped.rule, flipped.kind, flipped.severity, flipped.subject, flipped.attribute,
                      flipped.message, flipped.sides[::-1], flipped.reason, flipped.key)
    lines = terminal.render(RunResult((), (flipped,))).splitlines()
    sides = [line for line in lines if line.startswith("  ") and "source" in line]
    assert sides[0].endswith("2 sources, most sources") and sides[1].endswith("1 source")


def test_terminal_lists_disputes_first_most_severe_first_then_text_quality():
    gloss = Finding("pinyin-gloss", "quality", Severity.ERROR, "a_tw.txt", "", "3 pinyin glosses stripped",
                    single_side(Evidence("a_tw.txt", 3, "計(jì)", "3", "智能計(jì)算", 2)))
    # the run's own order puts the error-level text-quality note before the warning-level dispute
    result = RunResult((), (gloss, name_variant(), date_conflict()))
    heads = [line.split("  [")[0].strip("─ ") for line in terminal.render(result).splitlines()
             if line.startswith(("ERROR", "WARNING", "INFO", "─"))]
    assert heads == [
        "Disputes: 2 (1 error, 1 warning)",
        "ERROR  date-conflict  紅色警報 · end",
        "WARNING  name-variant  Jakub Pachocki · name",
        "Text quality: 1 (1 error)",
        "ERROR  pinyin-gloss",
    ]


def test_terminal_shows_names_in_their_own_case_and_script():
    text = terminal.render(RunResult((), (name_variant(),)))
    assert "WARNING  name-variant  Jakub Pachocki · name" in text
    assert "  雅各布·帕喬基  1 source" in text  # the Traditional document's spelling, not the Simplified key
    # only the check's own reason names the person by the key
    assert [line for line in text.splitlines() if "jakub pachocki" in line] == ["  one fact: same person jakub pachocki"]


def test_terminal_prints_no_figure_in_exponent_form():
    text = terminal.render(sample_result())
    assert "e+" not in text and "8億人" in text and "约9亿" in text


def test_terminal_on_colour_terminal_styles_instead_of_marking():
    output = terminal.report_text(sample_result(), colour=True)
    assert "**2026年1月底**" not in output
    assert "\x1b[1;7m2026年1月底\x1b[0m" in output
    # without its codes the colour form is the plain one (apart from the marks)
    plain = re.sub("\x1b\\[[0-9;]*m", "", output)
    assert plain == terminal.render(sample_result()).replace("**", "")


def test_terminal_ends_with_a_one_line_summary():
    lines = terminal.render(sample_result()).splitlines()
    assert lines[-3:] == [
        "  c_bad.txt: not text: could not decode as UTF-8, GB18030 or Big5",
        "note: baseline entry 0123456789abcdef no longer occurs",
        "Summary: 3 documents checked, 1 skipped; new findings: 2 error (2 disputes, 0 other, 0 text quality);"
        " known 1, suppressed 1",
    ]


def test_terminal_of_clean_run_says_so():
    result = RunResult((DocumentStatus("a.txt", "checked", claims=3),), ())
    assert terminal.render(result) == "Summary: 1 document checked, 0 skipped; no new findings; known 0, suppressed 0\n"


def test_finding_status():
    result = sample_result()
    assert finding_status(result, date_conflict().id) == ("new", "")
    assert finding_status(result, name_variant().id) == ("known", "")
    assert finding_status(result, quality_finding().id)[0] == "suppressed"


# ------------------------------------------------------------------- rules, files


def test_rule_rows_show_configured_severity(tmp_path):
    (tmp_path / "r.toml").write_text('[rules.name-variant]\nseverity = "error"\nenabled = false\n', encoding="utf-8")
    rows = {row["id"]: row for row in rule_rows(load_config(tmp_path))}
    assert (rows["name-variant"]["default"], rows["name-variant"]["severity"], rows["name-variant"]["enabled"]) == (
        "warning", "error", False,
    )
    assert rows["date-conflict"]["enabled"] is True


def test_write_atomic_replaces_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, "新內容\n")
    assert target.read_text(encoding="utf-8") == "新內容\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_write_atomic_failure_keeps_old_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(target, 42)  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_terminal_shows_a_quality_finding_with_the_damage_as_found():
    side = Evidence("news/c.txt", 71, "?涨暗拇笏懔", "空前的大算力", "mojibake repaired: '�空前的大算力'")
    finding = Finding("mojibake", "quality", Severity.WARNING, "news/c.txt", "mojibake",
                      "news/c.txt:71: mojibake repaired: '�空前的大算力'", single_side(side))
    status = DocumentStatus("news/c.txt", "checked", encoding="utf-8")
    text = terminal.render(RunResult((status,), (finding,)))
    lines = text.splitlines()
    start = lines.index(f"WARNING  mojibake  [{finding.id}]")
    assert lines[start + 1 : start + 3] == [
        "  news/c.txt:71: mojibake repaired: '�空前的大算力'",
        "  as found: ?涨暗拇笏懔",
    ]


def test_a_report_written_to_a_device_or_a_fifo_leaves_it_one(tmp_path):
    import os
    import stat
    import threading

    from factcheck.report import write_atomic

    write_atomic(os.devnull, "report\n")
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "报告\n")
    reader.join(timeout=10)
    assert received == ["报告\n".encode("utf-8")] and stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_an_outlet_never_carries_control_characters():
    from factcheck.model import Metadata, outlet_of

    assert outlet_of(Metadata(source="新\x9b报\x7f社\x1b[31m")) == "新报社[31m"


@pytest.mark.parametrize("subject, sentence, lexicon, shown", [
    ("openai", "OpenAI於週一宣布此事。", {}, "OpenAI"),  # a Latin key in the documents' case
    ("北辰机器人", "北辰機器人公司表示營收成長。", {}, "北辰機器人"),  # a Simplified key in the document's script
    ("code-red", "公司內部進入「紅色警報」狀態。", {"events": {"code-red": ["code red", "红色警报"]}}, "紅色警報"),  # an alias
    ("code-red", "公司內部進入緊急狀態。", {"events": {"code-red": ["红色警报"]}}, "code-red"),  # written nowhere: the key
])
def test_a_subject_is_shown_as_the_cited_sentences_write_it(subject, sentence, lexicon, shown):
    from factcheck.report.display import shown_subject

    evidence = Evidence("a.txt", 1, "x", "x", sentence)
    finding = Finding("date-conflict", "date", Severity.ERROR, subject, "occur", "m", (Side("x", (evidence,)),))
    assert shown_subject(finding, lexicon) == shown
