"""The composite GitHub Action (action.yml) and its step (factcheck/action.py): annotations within
GitHub's limit of 10 per type, the rest in the step summary, whose Markdown is fixed here."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from factcheck import action
ROOT = Path(__file__).resolve().parent.parent


def finding(number: int, severity: str = "error", status: str = "new", message: str = "") -> dict:
    """A JSON report's finding: two sides, the second (one source) the minority."""
    return {
        "id": f"{number:016x}", "rule": "date-conflict" if severity == "error" else "name-variant",
        "severity": severity, "status": status,
        "message": message or f"event-{number} (occur): 2026-03-09 in a_tw.txt (2 sources) vs 2026-03-16 in b_cn.txt (1 source)",
        "sides": [
            {"value": "2026-03-09", "majority": True, "claims": [{"doc": "docs/a_tw.txt", "line": number + 3}]},
            {"value": "2026-03-16", "majority": False, "claims": [{"doc": "docs/b_cn.txt", "line": number + 4}]},
        ],
    }


def report(findings: list[dict], skipped: int = 0) -> dict:
    documents = [{"path": "docs/a_tw.txt", "status": "checked"}, {"path": "docs/b_cn.txt", "status": "checked"}]
    return {"documents": documents + [{"path": f"docs/{i}.bin", "status": "skipped"} for i in range(skipped)],
            "findings": findings}


def test_annotations_stop_at_ten_per_type_and_the_rest_go_to_the_summary():
    errors = [finding(i) for i in range(12)]
    lines, left = action.annotations(report([*errors, finding(20, "warning"), finding(30, status="known")]))
    assert [line.split(" ")[0] for line in lines] == ["::error"] * 10 + ["::warning"]
    assert lines[0] == ("::error file=docs/b_cn.txt,line=4,title=date-conflict::"
                        "event-0 (occur): 2026-03-09 in a_tw.txt (2 sources) vs 2026-03-16 in b_cn.txt (1 source)")
    assert [f["id"] for f in left] == [errors[10]["id"], errors[11]["id"]]


def test_the_summary_markdown():
    findings = [finding(1), finding(2, "warning", message="名字 A|B <i>x</i> & y\nnext"), finding(3, status="known"),
                finding(4, status="suppressed")]
    text = action.summary(report(findings, skipped=1), left=[findings[1]])
    assert text == (
        "## factcheck: 2 new findings\n"
        "\n"
        "| severity | rule | finding | where |\n"
        "| --- | --- | --- | --- |\n"
        "| error | date-conflict | event-1 (occur): 2026-03-09 in a_tw.txt (2 sources) vs 2026-03-16 in b_cn.txt (1 source)"
        " | docs/b_cn.txt:5 |\n"
        "| warning | name-variant | 名字 A\\|B &lt;i&gt;x&lt;/i&gt; &amp; y next | docs/b_cn.txt:6 |\n"
        "\n"
        "3 documents (1 skipped); 1 finding in the baseline, 1 suppressed.\n"
        "\n"
        "1 finding beyond GitHub's 10 annotations of a type per step: listed here only.\n"
    )


def test_the_summary_of_a_clean_run():
    assert action.summary(report([]), left=[]) == (
        "## factcheck: 0 new findings\n\n2 documents (0 skipped); 0 findings in the baseline, 0 suppressed.\n"
    )


def test_arguments_from_the_inputs():
    env = {"FACTCHECK_PATHS": "docs/ 'old archive/'", "FACTCHECK_BASELINE": "reports/baseline.json",
           "FACTCHECK_SINCE": "3f0c9a1", "FACTCHECK_FAIL_ON": "warning", "FACTCHECK_ARGS": "--ignore name-variant"}
    assert action.arguments(env, "/tmp/r.json", "json") == [
        "check", "docs/", "old archive/", "--format", "json", "--output", "/tmp/r.json", "--fail-on", "warning",
        "--baseline", "reports/baseline.json", "--allow-missing-baseline", "--since", "3f0c9a1", "--ignore", "name-variant",
    ]
    assert action.arguments({"FACTCHECK_PATHS": "docs/"}, "r.sarif", "sarif") == [
        "check", "docs/", "--format", "sarif", "--output", "r.sarif", "--fail-on", "error",
    ]


TW = "來源: 北港日報\n日期: 2026-03-20\n---\n北港巴士工會罷工\n北港巴士司機工會於2026年3月9日開始罷工，全市公車停駛。\n"
CN = "来源: 南岸晚报\n日期: 2026-03-21\n---\n北港巴士司机罢工\n北港巴士司机工会于2026年3月16日开始罢工，全市公交停驶。\n"


def test_the_step_end_to_end(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a_tw.txt").write_text(TW, encoding="utf-8")
    (tmp_path / "docs" / "b_cn.txt").write_text(CN, encoding="utf-8")
    (tmp_path / "runner").mkdir()
    env = {"FACTCHECK_PATHS": "docs", "FACTCHECK_BASELINE": "reports/baseline.json", "RUNNER_TEMP": str(tmp_path / "runner"),
           "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"), "GITHUB_OUTPUT": str(tmp_path / "output.txt"),
           "PATH": "/usr/bin:/bin", "FACTCHECK_CACHE_DIR": str(tmp_path / "runner" / "cache")}
    done = subprocess.run([sys.executable, "-m", "factcheck.action"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # findings fail the action's last step, after the SARIF upload
    message = "strike (occur): 2026-03-09 in docs/a_tw.txt (1 source) vs 2026-03-16 in docs/b_cn.txt (1 source)"
    assert done.stdout == f"::error file=docs/a_tw.txt,line=5,title=date-conflict::{message}\n"
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == (
        "## factcheck: 1 new finding\n\n| severity | rule | finding | where |\n| --- | --- | --- | --- |\n"
        f"| error | date-conflict | {message} | docs/a_tw.txt:5 |\n\n"
        "2 documents (0 skipped); 0 findings in the baseline, 0 suppressed.\n"
    )
    sarif = tmp_path / "runner" / "factcheck.sarif"
    assert (tmp_path / "output.txt").read_text(encoding="utf-8") == f"exit-code=1\nsarif={sarif}\n"
    assert sarif.read_text(encoding="utf-8").startswith("{")


def test_an_error_ends_the_step_with_its_message(tmp_path):
    env = {"FACTCHECK_PATHS": "missing/", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
           "GITHUB_OUTPUT": str(tmp_path / "output.txt"), "RUNNER_TEMP": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "factcheck.action"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 2
    assert (tmp_path / "summary.md").read_text(encoding="utf-8") == (
        "## factcheck: could not run\n\n```\nfactcheck: error: missing/: no such file or directory\n```\n"
    )
    assert (tmp_path / "output.txt").read_text(encoding="utf-8") == "exit-code=2\nsarif=\n"


def test_action_yml_is_a_composite_action_running_the_step():
    spec = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = spec["runs"]["steps"]
    assert spec["runs"]["using"] == "composite"
    assert [step.get("uses", step.get("run")) for step in steps] == [
        "actions/setup-python@v5", 'python -m pip install --quiet "$GITHUB_ACTION_PATH"', "python -m factcheck.action",
        "github/codeql-action/upload-sarif@v3", 'exit "${{ steps.check.outputs.exit-code || 2 }}"',
    ]
    used = set(re.findall(r"inputs\.([\w-]+)", (ROOT / "action.yml").read_text(encoding="utf-8")))
    assert used == set(spec["inputs"])  # every input is used and every one used is declared
    assert all(step.get("shell") == "bash" for step in steps if "run" in step)
