"""The terminal report on a small corpus of our own and on the seeds: disputes first, values as written,
no exponents, a one-line summary; colour and the pager only on a terminal, never in CI or with --no-pager."""
from __future__ import annotations

import os
import re
import shutil

import pytest
from click.testing import CliRunner

from factcheck import cli as cli_module
from factcheck.report import FORMATS, terminal
from factcheck.report.csv_report import claims_csv, findings_csv
from factcheck.report.json_report import render_claims
from factcheck.report.xlsx_report import workbook_bytes

from report_corpus import GOLDEN, ROOT, run_report_corpus, run_seeds

UPDATE = os.environ.get("FACTCHECK_UPDATE_GOLDEN") == "1"  # set to rewrite the golden files
EXPONENT = re.compile(r"\d[eE][+-]\d")  # "%.6g" always signs its exponent; hex ids never hold a sign


@pytest.fixture(scope="module")
def corpus_result(tmp_path_factory):
    return run_report_corpus(tmp_path_factory.mktemp("terminal"))


@pytest.fixture(scope="module")
def seeds_result():
    return run_seeds()


def test_terminal_report_on_the_corpus_matches_golden(corpus_result):
    text = terminal.render(corpus_result)
    path = GOLDEN / "report_corpus.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), "the terminal report differs from the golden file"


def test_the_corpus_report_reads_in_the_documents_own_words(corpus_result):
    text = terminal.render(corpus_result)
    assert "  1.2萬億日圓  1 source" in text and "  1.5万亿日元  1 source" in text  # each in its own script
    assert "    港灣日報  corpus/a_tw.txt:8  1.2萬億日圓" in text
    assert "WARNING  name-variant  Marta Lindqvist · name" in text
    assert "  Marta Lindqvist  2 sources, most sources" in text
    assert not EXPONENT.search(text)


def sections(text: str) -> list[str]:
    return [line.strip("─ ") for line in text.splitlines() if line.startswith("─")]


def test_on_the_seeds_the_first_finding_is_a_dispute(seeds_result):
    lines = terminal.render(seeds_result).splitlines()
    assert lines[0].strip("─ ").startswith("Disputes: ")
    first = lines[1]
    finding = next(f for f in seeds_result.findings if f.id in first)
    assert len(finding.sides) > 1 and finding.severity.value == "error"
    assert sections("\n".join(lines))[-1].startswith("Text quality: ")
    assert lines[-1].startswith("Summary: 5 documents checked, 0 skipped; new findings: ")


def test_on_the_seeds_no_output_prints_a_value_in_exponent_form(seeds_result):
    outputs = {name: FORMATS[name](seeds_result).decode("utf-8") for name in ("terminal", "json", "sarif", "github", "jsonl")}
    outputs["csv"] = findings_csv(seeds_result).decode("utf-8-sig")
    outputs["claims csv"] = claims_csv(seeds_result.claims).decode("utf-8-sig")
    outputs["claims json"] = render_claims(seeds_result.claims)
    outputs["claims table"] = terminal.render_claims(seeds_result.claims)
    assert {name: EXPONENT.findall(text) for name, text in outputs.items()} == {name: [] for name in outputs}
    assert "1.4萬億美元" in outputs["terminal"] and "1400000000000 USD" in outputs["json"]
    assert b"1.4e+12" not in workbook_bytes(seeds_result)  # (compressed: the workbook's own test reads its cells)


# -------------------------------------------------------------------- the pager


class Pager:
    def __init__(self) -> None:
        self.pages: list[str] = []

    def __call__(self, text: str, color: bool | None = None) -> None:
        self.pages.append(text)


@pytest.fixture
def screen(monkeypatch):
    """A 100 x 10 terminal, no CI, colour allowed; the pager recorded instead of run."""
    pager = Pager()
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *args: os.terminal_size((100, 10)))
    monkeypatch.setattr("click.echo_via_pager", pager)
    for name in ("CI", "NO_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    return pager


def test_a_long_report_on_a_terminal_goes_through_the_pager_in_colour(screen, corpus_result, capsys):
    terminal.show(corpus_result)
    assert len(screen.pages) == 1 and "\x1b[1;7m1.2萬億日圓\x1b[0m" in screen.pages[0]
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("ci", ["true", "1"])
def test_never_a_pager_in_ci(screen, corpus_result, capsys, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    terminal.show(corpus_result)
    assert screen.pages == [] and "Summary: " in capsys.readouterr().out


def test_no_pager_when_asked_or_when_the_report_fits(screen, corpus_result, capsys, monkeypatch):
    terminal.show(corpus_result, pager=False)
    monkeypatch.setattr(shutil, "get_terminal_size", lambda *args: os.terminal_size((100, 500)))
    terminal.show(corpus_result)
    assert screen.pages == [] and capsys.readouterr().out.count("Summary: ") == 2


def test_no_colour_with_no_color_set(screen, corpus_result, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    terminal.show(corpus_result, pager=False)
    out = capsys.readouterr().out
    assert "\x1b[" not in out and "**1.2萬億日圓**" in out


def test_check_pages_only_when_stdout_is_a_terminal(screen, corpus_result, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "tests" / "fixtures" / "report_corpus", tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    args = ["check", "corpus", "--no-cache", "--jobs", "1"]
    piped = CliRunner().invoke(cli_module.cli, args, catch_exceptions=False)
    assert piped.exit_code == 1 and screen.pages == [] and "\x1b[" not in piped.stdout
    monkeypatch.setattr("factcheck.commands.stdout_is_terminal", lambda: True)
    paged = CliRunner().invoke(cli_module.cli, args, catch_exceptions=False)
    assert paged.exit_code == 1 and len(screen.pages) == 1
    unpaged = CliRunner().invoke(cli_module.cli, args + ["--no-pager"], catch_exceptions=False)
    assert unpaged.exit_code == 1 and len(screen.pages) == 1 and "Summary: " in unpaged.stdout
