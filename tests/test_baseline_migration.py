"""Baseline: a version-1 file (ids per pair of documents) is read by content and rewritten as version 2."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.gate.baseline import load_baseline, write_baseline
from factcheck.settings import load_config
from factcheck.gate import GateError, apply_gate
from factcheck.pipeline import run


def corpus(folder: Path) -> None:
    (folder / "a.txt").write_text("日期: 2025-12-05\n---\nOpenAI於2025年12月1日啟動「紅色警報」。\n", encoding="utf-8")
    (folder / "b.txt").write_text("日期: 2025-12-05\n---\nOpenAI于2026年12月启动“红色警报”。\n", encoding="utf-8")


def legacy_file(path: Path, values: list[str]) -> None:
    entry = {"id": "0123456789abcdef", "rule": "date-conflict", "subject": "code-red", "attribute": "occur",
             "documents": ["a.txt", "b.txt"], "values": values, "severity": "error",
             "status": "false-positive", "reason": "checked by the desk"}
    path.write_text(json.dumps({"version": 1, "findings": [entry]}), encoding="utf-8")


def test_a_version_1_entry_accepts_the_dispute_holding_its_values_and_says_to_rewrite(tmp_path):
    corpus(tmp_path)
    config = load_config()
    result = run([str(tmp_path)], config)
    (finding,) = [f for f in result.findings if f.rule == "date-conflict"]
    legacy_file(tmp_path / "baseline.json", ["2025-12-01", "2026-12"])
    gated = apply_gate(result, config, load_baseline(tmp_path / "baseline.json"))
    assert finding.id in gated.known
    assert any("baseline version 1 is read by content" in note for note in gated.notes)
    legacy_file(tmp_path / "other.json", ["2025-12-01", "2027-01"])
    assert finding.id not in apply_gate(result, config, load_baseline(tmp_path / "other.json")).known


def test_rewriting_a_version_1_baseline_keeps_the_editors_status_and_reason(tmp_path):
    corpus(tmp_path)
    config = load_config()
    result = run([str(tmp_path)], config)
    (finding,) = [f for f in result.findings if f.rule == "date-conflict"]
    legacy_file(tmp_path / "baseline.json", ["2025-12-01", "2026-12"])
    write_baseline(result, tmp_path / "baseline.json", config=config)
    rewritten = load_baseline(tmp_path / "baseline.json")
    assert rewritten.version == 2
    entry = rewritten.entry(finding.id)
    assert entry is not None and (entry.status, entry.reason) == ("false-positive", "checked by the desk")


@pytest.mark.parametrize("text, says", [
    ("[" * 100000 + "]" * 100000, "nested too deeply"),
    ('{"version":1' + "9" * 5000 + "}", "cannot be read"),
    ('{"version": true, "findings": []}', "unsupported baseline version True"),
    ('{"version": 1.0, "findings": []}', "unsupported baseline version 1.0"),
])
def test_a_hostile_baseline_is_one_line_naming_the_file(tmp_path, text, says):
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GateError) as caught:
        load_baseline(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and says in message and "\n" not in message
