"""The command line: exit codes, one-line errors, options reaching the core, files written."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import cli as cli_module
from factcheck import pipeline, report
from factcheck.checks import RULE_SPECS
from factcheck.model import Claim, ClaimKind, DateValue, RunResult
from factcheck.report import csv_report, json_report
from test_report import CN_DATE, amount_conflict, date_conflict, name_variant, quality_finding, sample_result

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def plain(result: RunResult) -> RunResult:
    """The sample result as the pipeline returns it: nothing known or suppressed yet."""
    return replace(result, known=frozenset(), suppressed=(), notes=())


class Env:
    """A working folder with one input file and an empty rules folder; the pipeline returns `result`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.result = plain(sample_result())
        self.calls: list[dict] = []

    def fake_run(self, paths, config, options) -> RunResult:
        self.calls.append({"paths": list(paths), "jobs": options.jobs, "cache": options.cache})
        return self.result

    def invoke(self, *args: str):
        return CliRunner().invoke(cli_module.cli, list(args), catch_exceptions=False)


@pytest.fixture
def env(tmp_path, monkeypatch) -> Env:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    (tmp_path / "rules").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a_tw.txt").write_text("新聞\n", encoding="utf-8")
    fixture = Env(tmp_path)
    monkeypatch.setattr(pipeline, "run", fixture.fake_run)
    return fixture


def must_not_run(*args, **kwargs):
    raise AssertionError("the pipeline ran although the command should have stopped first")


# ------------------------------------------------------------------ exit 2 errors


def test_unknown_option_is_a_one_line_usage_error(env):
    result = env.invoke("check", "--colour", "docs")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: No such option '--colour'. (see 'factcheck check --help')\n"
    assert result.stdout == ""


def test_bad_choice_is_a_usage_error(env):
    result = env.invoke("check", "docs", "--fail-on", "fatal")
    assert result.exit_code == 2
    assert result.stderr == (
        "factcheck: error: Invalid value for '--fail-on': 'fatal' is not one of 'error', 'warning', 'info'."
        " (see 'factcheck check --help')\n"
    )


def test_missing_paths_argument(env):
    result = env.invoke("check")
    assert (result.exit_code, result.stderr) == (
        2, "factcheck: error: Missing argument 'PATHS...'. (see 'factcheck check --help')\n",
    )


def test_missing_path_is_named_and_nothing_runs(env, monkeypatch):
    monkeypatch.setattr(pipeline, "run", must_not_run)
    result = env.invoke("check", "docs", "nowhere/b.txt", "--rules", "rules")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: nowhere/b.txt: no such file or directory\n"


def test_missing_rules_dir(env, monkeypatch):
    monkeypatch.setattr(pipeline, "run", must_not_run)
    result = env.invoke("check", "docs", "--rules", "no-rules")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: no-rules: rules directory not found\n")


def test_unknown_rule_key_names_file_and_key(env, monkeypatch):
    monkeypatch.setattr(pipeline, "run", must_not_run)
    (env.path / "rules" / "rules.toml").write_text("[rules.date-conflict]\nthreshold = 3\n", encoding="utf-8")
    result = env.invoke("check", "docs", "--rules", "rules")
    allowed = ", ".join(["enabled", "severity", *sorted(RULE_SPECS["date-conflict"].options)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: rules/rules.toml: [rules.date-conflict] unknown key 'threshold' (allowed: {allowed})\n"
    )


def test_unwritable_output_stops_before_any_work(env, monkeypatch):
    monkeypatch.setattr(pipeline, "run", must_not_run)
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "json", "--output", "missing/out.json")
    assert result.exit_code == 2
    assert result.stderr == "factcheck: error: cannot write --output missing/out.json: folder missing does not exist\n"


def test_csv_onto_a_folder_stops_before_any_work(env, monkeypatch):
    monkeypatch.setattr(pipeline, "run", must_not_run)
    result = env.invoke("check", "docs", "--rules", "rules", "--csv", "docs")
    assert (result.exit_code, result.stderr) == (2, "factcheck: error: cannot write --csv docs: it is a folder\n")


def test_unregistered_format_is_a_clean_error(env, monkeypatch):
    monkeypatch.setattr(pipeline, "run", must_not_run)
    monkeypatch.setattr(report, "FORMATS", {k: v for k, v in report.FORMATS.items() if k != "jsonl"})
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "jsonl")
    names = ", ".join(report.FORMATS)
    assert result.exit_code == 2
    assert result.stderr == f"factcheck: error: format 'jsonl' is not available in this installation (available: {names})\n"


def test_missing_baseline_file_is_a_one_line_error(env, monkeypatch):
    monkeypatch.setattr(pipeline, "run", must_not_run)
    result = env.invoke("check", "docs", "--rules", "rules", "--baseline", "old.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: old.json: baseline file not found")
    assert result.stderr.count("\n") == 1


# ------------------------------------------------------------------ exit policy


def test_json_report_on_stdout_and_exit_1_for_new_errors(env):
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == json_report.render(env.result)
    assert env.calls == [{"paths": ["docs"], "jobs": 0, "cache": Path(".factcheck_cache/claims.sqlite")}]


def test_exit_zero_keeps_the_report(env):
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "json", "--exit-zero")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"][0]["rule"] == "date-conflict"


def test_fail_on_sets_the_threshold(env):
    env.result = RunResult((), (name_variant(), quality_finding()))  # a warning and an info
    assert env.invoke("check", "docs", "--rules", "rules").exit_code == 0
    assert env.invoke("check", "docs", "--rules", "rules", "--fail-on", "warning").exit_code == 1
    env.result = RunResult((), (quality_finding(),))
    assert env.invoke("check", "docs", "--rules", "rules", "--fail-on", "warning").exit_code == 0
    assert env.invoke("check", "docs", "--rules", "rules", "--fail-on", "info").exit_code == 1


def test_suppressed_errors_do_not_fail(env):
    (env.path / "rules" / "accepted.toml").write_text(
        f'[[suppress]]\nfingerprint = "{date_conflict().id}"\nreason = "checked by the desk"\n'
        f'[[suppress]]\nfingerprint = "{amount_conflict().id}"\nreason = "units differ on purpose"\n',
        encoding="utf-8",
    )
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "json")
    statuses = [(f["rule"], f["status"], f["reason"]) for f in json.loads(result.stdout)["findings"]]
    assert statuses[:2] == [
        ("date-conflict", "suppressed", "checked by the desk"),
        ("amount-conflict", "suppressed", "units differ on purpose"),
    ]
    assert result.exit_code == 0


def test_jobs_and_no_cache_reach_the_pipeline(env):
    env.invoke("check", "docs", "--rules", "rules", "--jobs", "3", "--no-cache", "--exit-zero")
    env.invoke("check", "docs", "--rules", "rules", "--cache", "c.sqlite", "--exit-zero")
    assert [(c["jobs"], c["cache"]) for c in env.calls] == [(3, None), (0, Path("c.sqlite"))]


def test_negative_jobs_is_a_usage_error(env):
    result = env.invoke("check", "docs", "--jobs", "-1")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: Invalid value for '--jobs': -1 is not in the range x>=0.")


# ------------------------------------------------------------------ files


def test_output_and_csv_files(env):
    result = env.invoke(
        "check", "docs", "--rules", "rules", "--format", "terminal", "--output", "out.txt", "--csv", "out.csv",
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (env.path / "out.txt").read_bytes() == report.FORMATS["terminal"](env.result)
    assert (env.path / "out.csv").read_bytes() == csv_report.findings_csv(env.result)
    assert sorted(p.name for p in env.path.iterdir()) == [".factcheck_cache", "docs", "out.csv", "out.txt", "rules"]


def test_terminal_report_on_a_pipe_is_the_plain_golden_form(env):
    result = env.invoke("check", "docs", "--rules", "rules")
    assert result.stdout_bytes == report.FORMATS["terminal"](env.result)
    assert "**2026年1月底**" in result.stdout


def test_baseline_then_check_marks_everything_known(env):
    written = env.invoke("baseline", "docs", "--rules", "rules")
    assert (written.exit_code, written.stderr) == (0, "factcheck: wrote baseline reports/baseline.json\n")
    stored = json.loads((env.path / "reports" / "baseline.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in stored["findings"]] == sorted(f.id for f in env.result.findings)
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "json", "--baseline", "reports/baseline.json")
    assert [f["status"] for f in json.loads(result.stdout)["findings"]] == ["known"] * 4
    assert result.exit_code == 0


def test_update_baseline_writes_default_file_and_passes(env):
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "json", "--update-baseline")
    assert result.exit_code == 0
    stored = json.loads((env.path / "reports" / "baseline.json").read_text(encoding="utf-8"))
    assert len(stored["findings"]) == 4
    assert [f["status"] for f in json.loads(result.stdout)["findings"]] == ["known"] * 4


def test_baseline_prune_drops_findings_that_are_gone(env):
    env.invoke("baseline", "docs", "--rules", "rules", "--output", "b.json")
    env.result = RunResult((), (date_conflict(),))
    result = env.invoke("baseline", "docs", "--rules", "rules", "--output", "b.json", "--prune")
    assert (result.exit_code, result.stderr) == (0, "factcheck: pruned baseline b.json\n")
    stored = json.loads((env.path / "b.json").read_text(encoding="utf-8"))
    assert [e["id"] for e in stored["findings"]] == [date_conflict().id]


def test_since_keeps_findings_touching_changed_documents(env, monkeypatch):
    import factcheck.gate.gitdiff

    asked = []
    monkeypatch.setattr(factcheck.gate.gitdiff, "changed_documents", lambda ref, paths: asked.append((ref, paths)) or {"b_cn.txt"})
    result = env.invoke("check", "docs", "--rules", "rules", "--format", "json", "--since", "origin/main")
    assert asked == [("origin/main", ["docs"])]
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == [
        "date-conflict", "amount-conflict", "name-variant",
    ]


# ------------------------------------------------------------------ other commands


def test_claims_json_and_csv(env):
    claim = Claim(ClaimKind.DATE, "b_cn.txt", 8, CN_DATE, "2026年1月中下旬", 10, "红色警报", "end",
                  DateValue(dt.date(2026, 1, 11), dt.date(2026, 1, 31), "part-of-month"))
    env.result = RunResult((), (), claims=(claim,))
    result = env.invoke("claims", "docs", "--rules", "rules", "--format", "json", "--csv", "claims.csv")
    assert result.exit_code == 0
    assert result.stdout == json_report.render_claims([claim])
    assert (env.path / "claims.csv").read_bytes() == csv_report.claims_csv([claim])
    table = env.invoke("claims", "docs", "--rules", "rules").stdout.splitlines()
    assert table[0].split() == ["doc", "line", "kind", "subject", "attribute", "raw", "value"]
    assert table[2].split() == ["b_cn.txt", "8", "date", "红色警报", "end", "2026年1月中下旬", "2026-01-11..2026-01-31"]
    assert table[-1] == "1 claims"


def test_rules_lists_configured_severity(env):
    (env.path / "rules" / "rules.toml").write_text('[rules.anachronism]\nseverity = "error"\nenabled = false\n',
                                                  encoding="utf-8")
    result = env.invoke("rules", "--rules", "rules")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[0].split() == ["id", "kind", "default", "severity", "enabled", "options", "source"]
    table, settings = lines[:lines.index("")], lines[lines.index("") + 1:]
    assert [line.split()[0] for line in table[2:] if not line.startswith(" ")] == sorted(RULE_SPECS)
    anachronism = next(line for line in lines if line.startswith("anachronism "))
    assert anachronism.split()[:5] == ["anachronism", "anachronism", "warning", "error", "no"]
    assert settings == ["project settings: none (no factcheck.toml or pyproject.toml [tool.factcheck] found)"]
    rows = json.loads(env.invoke("rules", "--rules", "rules", "--format", "json").stdout)
    assert [r["id"] for r in rows] == sorted(RULE_SPECS)
    assert {r["id"]: r["source"] for r in rows if r["source"]} == {"anachronism": ["rules/rules.toml"]}


def test_progress_bar_waits_for_a_large_run():
    bar = cli_module.ProgressBar()
    bar(5, cli_module.PROGRESS_MIN_FILES)
    bar.close()
    assert bar._progress is None


def test_python_dash_m_runs_the_same_cli():
    done = subprocess.run([sys.executable, "-m", "factcheck", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert (done.returncode, done.stdout) == (0, "factcheck, version 0.1.0\n")


# The console entry leaves through os._exit: its output must still arrive whole, with its exit code.


def test_the_console_entry_flushes_a_whole_report_to_a_pipe_and_exits_with_the_policy_code():
    command = [sys.executable, "-m", "factcheck", "check", "seeds", "--no-cache", "--format", "json"]
    done = subprocess.run(command, capture_output=True, cwd=ROOT)
    in_process = CliRunner().invoke(cli_module.cli, ["check", "seeds", "--no-cache", "--format", "json"])
    assert done.returncode == in_process.exit_code == 1  # the seeds hold errors
    assert done.stdout.decode("utf-8") == in_process.stdout
    assert done.stderr == b""


def test_the_console_entry_reports_an_input_error_in_one_line_with_exit_2(tmp_path):
    missing = tmp_path / "nowhere"
    done = subprocess.run([sys.executable, "-m", "factcheck", "check", str(missing)], capture_output=True, text=True, cwd=ROOT)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"factcheck: error: {missing}: no such file or directory\n"


def test_the_console_entry_stops_quietly_when_the_reader_has_gone():
    # `true` reads nothing and exits at once: the report meets a closed pipe
    command = f"{sys.executable} -m factcheck check seeds --no-cache --format json | true"
    done = subprocess.run(["bash", "-c", f"set -o pipefail; {command}"], capture_output=True, cwd=ROOT)
    assert done.stderr == b""  # no traceback, no "Exception ignored" from a flush at exit
    assert done.returncode == 1  # the run's own code: findings


# ------------------------------------------------------------------ end to end (real pipeline)


def write_corpus(folder: Path) -> None:
    folder.mkdir()
    (folder / "tw.txt").write_text(
        "2025-12-10 台北報導\n\n據內部備忘錄，公司於2025年12月1日進入「紅色警報」狀態，全員衝刺。\n", encoding="utf-8",
    )
    (folder / "cn.txt").write_text(
        "2025-12-11 北京报道\n\n据内部备忘录，公司于2025年12月3日进入“红色警报”状态，全员冲刺。\n", encoding="utf-8",
    )


def test_end_to_end_json_on_a_tiny_corpus(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "corpus")
    result = CliRunner().invoke(
        cli_module.cli, ["check", "corpus", "--rules", str(ROOT / "rules"), "--format", "json", "--no-cache", "--jobs", "1"],
        catch_exceptions=False,
    )
    report_json = json.loads(result.stdout)
    assert [(d["path"], d["status"]) for d in report_json["documents"]] == [
        ("corpus/cn.txt", "checked"), ("corpus/tw.txt", "checked"),
    ]
    conflicts = [f for f in report_json["findings"] if f["rule"] == "date-conflict"]
    assert len(conflicts) == 1
    assert sorted((s["value"], s["sources"], s["majority"], tuple(c["raw"] for c in s["claims"]))
                  for s in conflicts[0]["sides"]) == [
        ("2025-12-01", 1, False, ("2025年12月1日",)), ("2025-12-03", 1, False, ("2025年12月3日",)),
    ]
    assert result.exit_code == 1


def test_end_to_end_seeds(tmp_path):
    result = CliRunner().invoke(
        cli_module.cli,
        ["check", str(SEEDS), "--rules", str(ROOT / "rules"), "--format", "json", "--no-cache", "--exit-zero",
         "--csv", str(tmp_path / "f.csv")],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    documents = json.loads(result.stdout)["documents"]
    assert [d["status"] for d in documents] == ["checked"] * 5
    assert {Path(d["path"]).name[:3]: d["published"] for d in documents}["001"] == "2025-12-10"
    assert (tmp_path / "f.csv").read_bytes().startswith(b"\xef\xbb\xbf")
