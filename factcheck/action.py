"""The GitHub composite action's step (action.yml): run the check, annotate within GitHub's limits, write the step summary.

Run as `python -m factcheck.action`; its inputs come from the environment (FACTCHECK_* as action.yml
sets them, and GitHub's own GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and RUNNER_TEMP).
"""
from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Mapping

from .report.github import escape_data, escape_property

ANNOTATIONS_PER_TYPE = 10  # GitHub shows at most 10 annotations of each type per step (and 50 per job)
COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def arguments(env: Mapping[str, str], output: str, fmt: str) -> list[str]:
    """`factcheck check` arguments from the action's inputs."""
    args = ["check", *shlex.split(env.get("FACTCHECK_PATHS", "")), "--format", fmt, "--output", output,
            "--fail-on", env.get("FACTCHECK_FAIL_ON") or "error"]
    if env.get("FACTCHECK_BASELINE"):
        args += ["--baseline", env["FACTCHECK_BASELINE"], "--allow-missing-baseline"]
    if env.get("FACTCHECK_SINCE"):
        args += ["--since", env["FACTCHECK_SINCE"]]
    return args + shlex.split(env.get("FACTCHECK_ARGS", ""))


def annotations(report: Mapping[str, Any]) -> tuple[list[str], list[dict]]:
    """Workflow commands for the new findings, at most ANNOTATIONS_PER_TYPE of each type (one per
    finding, on its first statement on the side fewer sources support), and the findings left over."""
    lines: list[str] = []
    left: list[dict] = []
    shown: dict[str, int] = {}
    for finding in new_findings(report):
        command = COMMANDS[finding["severity"]]
        if shown.get(command, 0) >= ANNOTATIONS_PER_TYPE:
            left.append(finding)
            continue
        shown[command] = shown.get(command, 0) + 1
        doc, line = place(finding)
        properties = [f"file={escape_property(doc)}"] + ([f"line={line}"] if line > 0 else [])
        properties.append(f"title={escape_property(finding['rule'])}")
        lines.append(f"::{command} {','.join(properties)}::{escape_data(finding['message'])}")
    return lines, left


def new_findings(report: Mapping[str, Any]) -> list[dict]:
    return [f for f in report["findings"] if f["status"] == "new"]


def place(finding: Mapping[str, Any]) -> tuple[str, int]:
    """Where a finding is shown: its first statement on a side most sources do not support."""
    sides = finding["sides"]
    minority = [s for s in sides if not s["majority"]] if any(s["majority"] for s in sides) else sides
    claim = next((c for s in minority for c in s["claims"]), None) or next(c for s in sides for c in s["claims"])
    return claim["doc"], claim["line"]


def summary(report: Mapping[str, Any], left: list[dict]) -> str:
    """The step summary: a table of the new findings, then what else the run found."""
    new = new_findings(report)
    lines = [f"## factcheck: {_count(len(new), 'new finding')}", ""]
    if new:
        lines += ["| severity | rule | finding | where |", "| --- | --- | --- | --- |"]
        for finding in new:
            doc, line = place(finding)
            where = f"{doc}:{line}" if line > 0 else doc
            lines.append(f"| {finding['severity']} | {finding['rule']} | {_cell(finding['message'])} | {_cell(where)} |")
        lines.append("")
    documents = report["documents"]
    skipped = sum(d["status"] == "skipped" for d in documents)
    known = sum(f["status"] == "known" for f in report["findings"])
    suppressed = sum(f["status"] == "suppressed" for f in report["findings"])
    lines.append(f"{_count(len(documents), 'document')} ({skipped} skipped); "
                 f"{_count(known, 'finding')} in the baseline, {suppressed} suppressed.")
    if left:
        lines += ["", f"{_count(len(left), 'finding')} beyond GitHub's {ANNOTATIONS_PER_TYPE} annotations "
                      "of a type per step: listed here only."]
    return "\n".join(lines) + "\n"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, no HTML, no column break."""
    text = " ".join(text.split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def error_summary(stderr: str) -> str:
    return "## factcheck: could not run\n\n```\n" + stderr.strip().replace("```", "'''") + "\n```\n"


def main(env: Mapping[str, str] = os.environ) -> int:
    """Run the check (JSON for the summary, SARIF for code scanning), print the annotations, write
    the summary and the step's outputs; return factcheck's exit code."""
    folder = Path(env.get("RUNNER_TEMP") or tempfile.mkdtemp())
    report_path, sarif_path = folder / "factcheck.json", folder / "factcheck.sarif"
    done = _factcheck(arguments(env, str(report_path), "json"))
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr)
        _append(env.get("GITHUB_STEP_SUMMARY"), error_summary(done.stderr))
        _append(env.get("GITHUB_OUTPUT"), f"exit-code={done.returncode}\nsarif=\n")
        return done.returncode
    # the second run reads every document from the cache the first one filled
    sarif = _factcheck(arguments(env, str(sarif_path), "sarif") + ["--exit-zero"])
    report = json.loads(report_path.read_text(encoding="utf-8"))
    lines, left = annotations(report)
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    _append(env.get("GITHUB_STEP_SUMMARY"), summary(report, left))
    sarif_output = str(sarif_path) if sarif.returncode == 0 else ""
    _append(env.get("GITHUB_OUTPUT"), f"exit-code={done.returncode}\nsarif={sarif_output}\n")
    return done.returncode


def _factcheck(args: list[str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True)


def _append(path: str | None, text: str) -> None:
    if path:
        with open(path, "a", encoding="utf-8") as stream:
            stream.write(text)


if __name__ == "__main__":
    code = main()
    sys.exit(0 if code == 1 else code)  # findings fail the action's last step, after SARIF is uploaded
