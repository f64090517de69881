"""The Excel workbook and the CSV's ids: golden cell values on a small corpus in both scripts, text-typed
ids and values, frozen header, filters, widths, safe hyperlinks, no formulas from documents."""
from __future__ import annotations

import io
import json
import os
import re

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from factcheck import cli as cli_module
from factcheck.model import DocumentStatus, Evidence, Finding, RunResult, Severity, single_side
from factcheck.report import csv_report, display, json_report, xlsx_report

from report_corpus import GOLDEN, run_report_corpus

UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1"  # set to rewrite the golden files
SHEETS = ["Disputes", "Other findings", "Claims", "Documents"]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xlsx")
    return folder, run_report_corpus(folder)


@pytest.fixture(scope="module")
def book(corpus_run):
    return openpyxl.load_workbook(io.BytesIO(xlsx_report.workbook_bytes(corpus_run[1])))


def cell_values(workbook) -> dict[str, list[list]]:
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook.worksheets}


def test_workbook_cell_values_match_golden(book):
    # one line per row, so a change reads as the rows it changed
    text = "".join(
        f"# {sheet}\n" + "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        for sheet, rows in cell_values(book).items()
    )
    path = GOLDEN / "report_corpus.xlsx.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), "the workbook's cells differ from the golden file"


def test_disputes_sheet_sets_the_sides_side_by_side(book):
    header = [cell.value for cell in book["Disputes"][1]]
    rows = [dict(zip(header, row)) for row in book["Disputes"].iter_rows(min_row=2, values_only=True)]
    date = next(row for row in rows if row["rule"] == "date-conflict")
    assert (date["majority value"], date["majority sources"], date["majority outlets"]) == (
        "2026年3月20日", 2, "港灣日報; 維港快訊")
    assert date["majority documents"] == "corpus/a_tw.txt:7\ncorpus/c_hk.txt:6"
    assert (date["minority value"], date["minority outlets"], date["minority documents"]) == (
        "2026年3月27日", "东岸新闻", "corpus/b_cn.txt:7")
    assert date["tie"] is None
    amount = next(row for row in rows if row["rule"] == "amount-conflict")
    # as written in each script, the normalised figure written out: never 1.2e+12
    assert (amount["majority value"], amount["minority value"]) == ("1.2萬億日圓", "1.5万亿日元")
    assert (amount["majority normalised"], amount["minority normalised"]) == ("1200000000000 JPY", "1500000000000 JPY")
    assert amount["tie"] == "yes"  # one source each
    name = next(row for row in rows if row["rule"] == "name-variant")
    assert (name["subject"], name["majority value"], name["minority value"]) == (
        "Marta Lindqvist", "Marta Lindqvist", "Marta Lindquist")


def test_documents_sheet_has_status_outlet_link_and_date_origin(book):
    sheet = book["Documents"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    first = rows["corpus/a_tw.txt"]
    assert [c.value for c in first][:7] == [
        "corpus/a_tw.txt", "checked", None, "港灣日報", "https://news.example.tw/beichen/101", "2026-03-02", "header"]
    assert first[4].hyperlink.target == "https://news.example.tw/beichen/101"
    assert rows["corpus/c_hk.txt"][4].value is None  # no URL in its header
    skipped = rows["corpus/e_image.txt"]
    assert (skipped[1].value, skipped[2].value) == ("skipped", "binary file (PNG image), not text")


def test_every_sheet_has_a_frozen_filtered_sized_header(book):
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        widths = [sheet.column_dimensions[sheet.cell(1, i).column_letter].width for i in range(1, sheet.max_column + 1)]
        assert all(xlsx_report.MIN_WIDTH <= w <= xlsx_report.MAX_WIDTH for w in widths), sheet.title
        assert all(cell.font.bold for cell in sheet[1])
    # a column of CJK sentences is wider than one of severities
    header = [cell.value for cell in book["Claims"][1]]
    width = {name: book["Claims"].column_dimensions[book["Claims"].cell(1, i + 1).column_letter].width
             for i, name in enumerate(header)}
    assert width["sentence"] == xlsx_report.MAX_WIDTH > width["kind"]


def test_ids_and_values_are_stored_as_text(book, corpus_run):
    ids = [row[0] for row in book["Disputes"].iter_rows(min_row=2)]
    report = json.loads(json_report.render(corpus_run[1]))
    assert [cell.value for cell in ids] == [f"F-{f['id']}" for f in report["findings"] if len(f["sides"]) > 1]
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in ids)
    header = [cell.value for cell in book["Claims"][1]]
    column = header.index("normalised")
    values = [row[column] for row in book["Claims"].iter_rows(min_row=2)]
    assert "2026-03-20" in [cell.value for cell in values]  # a date stays text, never an Excel date
    assert all(cell.data_type == "s" and cell.number_format == "@" for cell in values)


def test_no_value_in_the_workbook_is_in_exponent_form(book):
    cells = [str(v) for rows in cell_values(book).values() for row in rows for v in row if v is not None]
    assert not [v for v in cells if re.search(r"\de[+-]\d", v)]
    assert "1200000000000 JPY" in cells


def hostile_result() -> RunResult:
    """A document whose text would be a formula, an error value and a script link in a sheet."""
    side = Evidence("h.txt", 2, "=HYPERLINK(\"http://x\")", "=1+1", "=HYPERLINK(\"http://x\") 約\x1b[2J", 0, "=外洩")
    finding = Finding("mojibake", "quality", Severity.WARNING, "h.txt", "mojibake", "#N/A", single_side(side))
    documents = (
        DocumentStatus("h.txt", "checked", outlet="=外洩", url="javascript:alert(1)"),
        DocumentStatus("i.txt", "checked", url="HTTPS://example.org/新聞?a=1"),
    )
    return RunResult(documents, (finding,))


def test_document_text_never_becomes_a_formula_or_a_script_link():
    book = openpyxl.load_workbook(io.BytesIO(xlsx_report.workbook_bytes(hostile_result())))
    row = book["Other findings"][2]
    assert row[6].value == "#N/A" and row[6].data_type == "s"  # the message: text, not an error value
    assert row[8].value == "=外洩" and row[8].data_type == "s"  # the outlet
    assert row[10].value == '=HYPERLINK("http://x")' and row[10].data_type == "s"
    documents = book["Documents"]
    assert (documents["E2"].value, documents["E2"].hyperlink) == ("javascript:alert(1)", None)
    assert documents["E3"].hyperlink.target == "HTTPS://example.org/新聞?a=1"


def test_workbook_is_byte_identical_across_runs(corpus_run):
    assert xlsx_report.workbook_bytes(corpus_run[1]) == xlsx_report.workbook_bytes(corpus_run[1])


def test_check_writes_the_workbook_atomically(corpus_run, monkeypatch):
    folder, _ = corpus_run
    monkeypatch.chdir(folder)
    done = CliRunner().invoke(cli_module.cli, ["check", "corpus", "--no-cache", "--jobs", "1", "--format", "json",
                                               "--output", "out.json", "--xlsx", "out.xlsx"], catch_exceptions=False)
    assert done.exit_code == 1, done.output  # the corpus holds disputes
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith((".out", "out"))) == ["out.json", "out.xlsx"]
    assert openpyxl.load_workbook(folder / "out.xlsx").sheetnames == SHEETS


# ------------------------------------------------------------------------ csv ids


@pytest.mark.parametrize("finding_id", ["87818982007993e8", "1797e30812345678", "0000000000001234"])
def test_a_csv_id_never_reads_as_a_number(finding_id):
    shown = display.display_id(finding_id)
    frame = pd.read_csv(io.StringIO(f"finding_id\n{shown}\n"))  # pandas infers types as a spreadsheet would
    assert frame["finding_id"].tolist() == [f"F-{finding_id}"]


def test_csv_ids_are_prefixed_and_the_json_ids_are_not(corpus_run):
    result = corpus_run[1]
    frame = pd.read_csv(io.BytesIO(csv_report.findings_csv(result)), encoding="utf-8-sig", keep_default_na=False)
    ids = json.loads(json_report.render(result))["findings"]
    assert set(frame["finding_id"]) == {f"F-{f['id']}" for f in ids}
    assert all(re.fullmatch(r"[0-9a-f]{16}", f["id"]) for f in ids)
    # every statement's row names its outlet (the document without one has none)
    assert set(zip(frame["doc"], frame["outlet"])) >= {("corpus/a_tw.txt", "港灣日報"), ("corpus/b_cn.txt", "东岸新闻")}
    assert "1200000000000 JPY" in set(frame["value"])
