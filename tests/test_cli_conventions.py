"""The options users expect from ruff, flake8 and Vale: --select/--ignore, --min-severity, --quiet,
--statistics, `factcheck rule ID`, '-' for standard input, --format concise. Exact output, exit code."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import cli as cli_module
from factcheck import pipeline
from factcheck.explain import EXAMPLES
from test_report import sample_result

DATE = ("b_cn.txt:8: date-conflict 红色警报 (end): 2026-01-21..2026-01-31 in a_tw.txt, c_hk.txt (2 sources) "
        "vs 2026-01-11..2026-01-31 in b_cn.txt (1 source)\n")
AMOUNT = "a_tw.txt:20: amount-conflict chatgpt (weekly:active-users): 8億人 in a_tw.txt (1 source) vs 约9亿 in b_cn.txt (1 source)\n"
NAME = "a_tw.txt:30: name-variant 雅各布·帕乔基 in a_tw.txt vs 雅库布·帕乔基 in b_cn.txt\n"
GLOSS = "a_tw.txt:3: pinyin-gloss 3 pinyin glosses stripped\n"


def summary(new: int, error: int, warning: int, info: int, known: int = 0) -> str:
    return (f"factcheck: {new} new findings ({error} error, {warning} warning, {info} info), "
            f"{known} in baseline, 0 suppressed, 4 documents\n")


def invoke(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli_module.cli, list(args), input=stdin, catch_exceptions=False)


@pytest.fixture
def faked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one document; the pipeline returns the report tests' sample (both scripts:
    two errors, a warning, an info finding), all new."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a_tw.txt").write_text("新聞\n", encoding="utf-8")
    result = replace(sample_result(), known=frozenset(), suppressed=(), notes=())
    monkeypatch.setattr(pipeline, "run", lambda paths, config, options: result)
    return tmp_path


def check(*args: str):
    return invoke("check", "docs", "--no-cache", *args)


def test_format_concise_is_one_line_per_new_finding(faked):
    result = check("--format", "concise")
    assert (result.exit_code, result.stdout) == (1, DATE + AMOUNT + NAME + GLOSS + summary(4, 2, 1, 1))


def test_select_reports_and_fails_on_the_selected_rules_only(faked):
    result = check("--format", "concise", "--select", "date-conflict")
    assert (result.exit_code, result.stdout) == (1, DATE + summary(1, 1, 0, 0))
    both = check("--format", "concise", "--select", "name-variant,pinyin-gloss")
    assert (both.exit_code, both.stdout) == (0, NAME + GLOSS + summary(2, 0, 1, 1))  # no error selected: exit 0


def test_ignore_leaves_the_named_rules_out(faked):
    result = check("--format", "concise", "--ignore", "date-conflict", "--ignore", "amount-conflict")
    assert (result.exit_code, result.stdout) == (0, NAME + GLOSS + summary(2, 0, 1, 1))


def test_unknown_rule_ids_are_a_one_line_error_before_any_work(faked, monkeypatch):
    monkeypatch.setattr(pipeline, "run", lambda *a: pytest.fail("the pipeline ran"))
    result = check("--select", "date-conflict,nope")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: --select: unknown rule 'nope' (see 'factcheck rules')\n")
    result = check("--ignore", "Date-Conflict")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: --ignore: unknown rule 'Date-Conflict' (see 'factcheck rules')\n")


def test_min_severity_hides_findings_and_they_do_not_fail(faked):
    result = check("--format", "concise", "--min-severity", "warning")
    assert (result.exit_code, result.stdout) == (1, DATE + AMOUNT + NAME + summary(3, 2, 1, 0))
    hidden = check("--format", "concise", "--select", "pinyin-gloss", "--min-severity", "warning", "--fail-on", "info")
    assert (hidden.exit_code, hidden.stdout) == (0, summary(0, 0, 0, 0))


def test_quiet_prints_the_findings_only_and_nothing_when_none_is_new(faked):
    result = check("--format", "concise", "--quiet")
    assert (result.exit_code, result.stdout, result.stderr) == (1, DATE + AMOUNT + NAME + GLOSS, "")
    silent = check("-q", "--select", "mojibake")
    assert (silent.exit_code, silent.stdout, silent.stderr) == (0, "", "")
    known = invoke("baseline", "docs", "--no-cache")
    assert known.exit_code == 0
    all_known = check("-q", "--baseline", "reports/baseline.json", "--format", "github")
    assert (all_known.exit_code, all_known.stdout) == (0, "")


def test_statistics_counts_per_rule(faked):
    table = (
        "rule             severity  new  known  suppressed\n"
        "amount-conflict  error       1      0           0\n"
        "date-conflict    error       1      0           0\n"
        "name-variant     warning     1      0           0\n"
        "pinyin-gloss     info        1      0           0\n"
        "total                        4      0           0\n"
    )
    result = check("--statistics")
    assert (result.exit_code, result.stdout) == (1, table)
    assert invoke("baseline", "docs", "--no-cache").exit_code == 0
    known = check("--statistics", "--format", "json", "--baseline", "reports/baseline.json", "--select", "date-conflict")
    assert known.exit_code == 0
    assert json.loads(known.stdout) == {"date-conflict": {"severity": "error", "new": 0, "known": 1, "suppressed": 0}}


def test_statistics_in_a_ci_format_is_a_usage_error(faked):
    result = check("--statistics", "--format", "sarif")
    assert (result.exit_code, result.stderr) == (
        2, "factcheck: error: --statistics goes with --format terminal, concise or json, not sarif\n")


# ------------------------------------------------------------------ factcheck rule ID


def test_rule_explains_a_rule_with_an_example(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    result = invoke("rule", "name-variant")
    assert result.exit_code == 0
    assert result.stdout == (
        "name-variant (name): one person's name spelled two ways across documents\n"
        "severity: warning (default warning), on; source: packaged\n"
        "\n"
        "options:\n"
        "  transliterations = false\n"
        "\n"
        "example:\n"
        "  a_tw.txt:\n"
        "    來源: 北港日報\n"
        "    日期: 2026-04-01\n"
        "    ---\n"
        "    新任研究主管\n"
        "    星河電子研究主管Henrik Sandqvist表示，新晶片將於年底量產。\n"
        "  b_cn.txt:\n"
        "    来源: 南岸晚报\n"
        "    日期: 2026-04-02\n"
        "    ---\n"
        "    研究主管谈新芯片\n"
        "    星河电子研究主管Henrik Sandqvsit说，新芯片将在年底量产。\n"
        "  reported: Henrik Sandqvist / Henrik Sandqvsit: one person spelled two ways\n"
        "\n"
        "change it in factcheck.toml:\n"
        "  [rules.name-variant]\n"
        '  severity = "warning"   # or enabled = false\n'
    )


def test_rule_shows_the_project_setting_and_its_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    (tmp_path / "factcheck.toml").write_text('[rules.undecodable]\nenabled = false\n', encoding="utf-8")
    result = invoke("rule", "undecodable")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        "undecodable (quality): the file could not be decoded as text and was skipped",
        "severity: error (default error), off; source: factcheck.toml",
    ]


def test_unknown_rule_is_a_one_line_error():
    result = invoke("rule", "date-conflcit")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: unknown rule 'date-conflcit' (see 'factcheck rules')\n")


@pytest.mark.parametrize("rule_id", sorted(EXAMPLES))
def test_every_example_makes_its_rule_report(rule_id, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    for name, text in EXAMPLES[rule_id].documents:
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = invoke("check", ".", "--no-cache", "--jobs", "1", "--format", "concise", "--select", rule_id, "-q")
    assert result.exit_code in (0, 1), result.stderr
    assert [line.split()[1] for line in result.stdout.splitlines()] == [rule_id]


# ------------------------------------------------------------------ standard input


TW_STRIKE = "來源: 北港日報\n日期: 2026-03-20\n---\n北港巴士工會罷工\n北港巴士司機工會於2026年3月9日開始罷工，全市公車停駛。\n"
CN_STRIKE = "来源: 南岸晚报\n日期: 2026-03-21\n---\n北港巴士司机罢工\n北港巴士司机工会于2026年3月16日开始罢工，全市公交停驶。\n"
STRIKE_LINE = "docs/a_tw.txt:5: date-conflict strike (occur): 2026-03-09 in docs/a_tw.txt (1 source) vs 2026-03-16 in {} (1 source)\n"


@pytest.fixture
def strike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a_tw.txt").write_text(TW_STRIKE, encoding="utf-8")
    return tmp_path


def test_dash_reads_one_document_from_standard_input(strike):
    result = invoke("check", "docs", "-", "--stdin-filename", "docs/b_cn.txt", "--no-cache", "--format", "concise", "-q",
                    stdin=CN_STRIKE.encode("utf-8"))
    assert (result.exit_code, result.stdout) == (1, STRIKE_LINE.format("docs/b_cn.txt"))
    unnamed = invoke("check", "docs", "-", "--no-cache", "--format", "concise", "-q", stdin=CN_STRIKE.encode("utf-8"))
    assert (unnamed.exit_code, unnamed.stdout) == (1, STRIKE_LINE.format("stdin.txt"))


def test_standard_input_stands_for_the_file_it_names(strike):
    # on disk b_cn.txt agrees (9 March); the editor's unsaved text says 16 March: that is what is checked
    (strike / "docs" / "b_cn.txt").write_text(CN_STRIKE.replace("3月16日", "3月9日"), encoding="utf-8")
    assert invoke("check", "docs", "--no-cache", "--format", "concise", "-q").stdout == ""
    result = invoke("check", "docs", "-", "--stdin-filename", "docs/b_cn.txt", "--no-cache", "--format", "json",
                    stdin=CN_STRIKE.encode("utf-8"))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == ["docs/a_tw.txt", "docs/b_cn.txt"]
    assert [f["message"] for f in report["findings"]] == [STRIKE_LINE.format("docs/b_cn.txt").split(" ", 2)[2].strip()]


def test_dash_twice_is_a_usage_error(strike):
    result = invoke("check", "-", "-", "--no-cache", stdin=b"")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: '-' (standard input) may be given once")
