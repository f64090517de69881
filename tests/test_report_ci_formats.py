"""The CI reporters: SARIF (validated against the 2.1.0 schema), GitHub annotations, JSON Lines."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import factcheck
from factcheck.checks import RULE_SPECS
from factcheck.model import DocumentStatus, Evidence, Finding, RunResult, Severity, Side, single_side
from factcheck.report import FORMATS, github, json_report, jsonl, sarif

SCHEMA = json.loads((Path(__file__).parent / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))

# two documents agree on 1 December (the majority side), 新.txt alone says November
DATE = Finding(
    "date-conflict", "date", Severity.ERROR, "红色警报", "occur",
    "红色警报 (occur): 2025-12-01 in docs/a.txt, docs/b.txt (2 sources) vs 2025-11 in docs/新.txt (1 source)",
    (
        Side("2025-12-01", (
            Evidence("docs/a.txt", 12, "2025年12月1日", "2025-12-01", "2025年12月1日正式進入“紅色警報”狀態。", 0),
            Evidence("docs/b.txt", 7, "12月1日", "2025-12-01", "公司12月1日发出“红色警报”。", 2),
        ), sources=2, majority=True),
        Side("2025-11", (Evidence("docs/新.txt", 3, "2025年11月", "2025-11", "2025年11月，首席执行官发出“红色警报”。", 0),)),
    ),
    reason="same event 红色警报, occur",
)
# one document each: no side leads
NAME = Finding(
    "name-variant", "name", Severity.WARNING, "jakub pachocki", "name", "Jakub Patchocki in docs/a.txt vs Jakub Pachocki in docs/b.txt",
    (
        Side("jakub patchocki", (Evidence("docs/a.txt", 20, "Jakub Patchocki", "jakub patchocki", "s", normalised="Jakub Patchocki"),)),
        Side("jakub pachocki", (Evidence("docs/b.txt", 4, "Jakub Pachocki", "jakub pachocki", "s", normalised="Jakub Pachocki"),)),
    ),
    reason="same person jakub pachocki",
)
GLOSS = Finding(
    "pinyin-gloss", "quality", Severity.INFO, "docs/b.txt", "", "docs/b.txt: 295 pinyin glosses stripped",
    single_side(Evidence("docs/b.txt", 0, "", "295", "")),
)
UNDECODABLE = Finding(
    "undecodable", "quality", Severity.ERROR, "docs/image.txt", "", "docs/image.txt: not text (binary data), skipped",
    single_side(Evidence("docs/image.txt", 0, "", "", "")),
)
RESULT = RunResult(
    documents=(DocumentStatus("docs/a.txt", "checked"), DocumentStatus("docs/b.txt", "checked"),
               DocumentStatus("docs/image.txt", "skipped", reason="not text"), DocumentStatus("docs/新.txt", "checked")),
    findings=(DATE, UNDECODABLE, NAME, GLOSS),
    known=frozenset({NAME.id}),
    suppressed=((GLOSS.id, "scraper glosses, stripped"),),
    notes=("unused suppression in rules/accepted.toml: mojibake (old scraper)",),
)


# ----------------------------------------------------------------------------- sarif


def sarif_log(result: RunResult = RESULT) -> dict:
    return json.loads(sarif.render(result))


def test_sarif_validates_against_schema():
    jsonschema.validate(sarif_log(), SCHEMA)
    jsonschema.validate(sarif_log(RunResult((), ())), SCHEMA)


def test_sarif_driver_lists_every_rule_with_default_level():
    driver = sarif_log()["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("factcheck", factcheck.__version__)
    assert [r["id"] for r in driver["rules"]] == sorted(RULE_SPECS)
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert levels["date-conflict"] == "error"
    assert levels["name-variant"] == "warning"
    assert levels["pinyin-gloss"] == "note"


def test_sarif_result_per_finding_with_the_minority_as_locations():
    results = sarif_log()["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["date-conflict", "undecodable", "name-variant", "pinyin-gloss"]
    assert [r["level"] for r in results] == ["error", "error", "warning", "note"]
    assert [r["properties"]["severity"] for r in results] == ["error", "error", "warning", "info"]
    date = results[0]
    assert date["message"]["text"] == DATE.message
    assert date["partialFingerprints"] == {"factcheck/v2": DATE.id}
    assert date["properties"]["whyOneFact"] == "same event 红色警报, occur"
    # the side fewer sources support is where the error most likely is; the majority is related
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in date["locations"]] == ["docs/%E6%96%B0.txt"]
    assert [loc["physicalLocation"]["region"]["startLine"] for loc in date["locations"]] == [3]
    assert date["locations"][0]["message"]["text"] == "2025年11月 (2025-11)"
    related = date["relatedLocations"]
    assert [(loc["id"], loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
            for loc in related] == [(0, "docs/a.txt", 12), (1, "docs/b.txt", 7)]
    assert related[1]["message"]["text"] == "12月1日 (2025-12-01)"
    rules = sarif_log()["runs"][0]["tool"]["driver"]["rules"]
    assert rules[date["ruleIndex"]]["id"] == "date-conflict"


def test_sarif_without_a_majority_every_statement_is_a_location():
    name = sarif_log()["runs"][0]["results"][2]
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in name["locations"]] == ["docs/a.txt", "docs/b.txt"]
    assert "relatedLocations" not in name
    # the statement's own value, not its side's folded one, is shown beside what was written
    assert [loc["message"]["text"] for loc in name["locations"]] == ["Jakub Patchocki", "Jakub Pachocki"]


def test_sarif_whole_file_side_has_no_region():
    undecodable = sarif_log()["runs"][0]["results"][1]
    assert undecodable["locations"] == [{"physicalLocation": {"artifactLocation": {"uri": "docs/image.txt"}}}]
    assert "relatedLocations" not in undecodable
    assert undecodable["properties"]["whyOneFact"] == ""


def test_sarif_baseline_state_and_suppressions():
    results = {r["ruleId"]: r for r in sarif_log()["runs"][0]["results"]}
    assert results["date-conflict"]["baselineState"] == "new"
    assert results["name-variant"]["baselineState"] == "unchanged"
    assert results["pinyin-gloss"]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "scraper glosses, stripped"}
    ]
    assert "suppressions" not in results["date-conflict"]


def test_sarif_notes_become_notifications():
    invocation = sarif_log()["runs"][0]["invocations"][0]
    assert [n["message"]["text"] for n in invocation["toolExecutionNotifications"]] == list(RESULT.notes)


def test_sarif_is_deterministic():
    assert sarif.render(RESULT) == sarif.render(RESULT)


# ---------------------------------------------------------------------------- github


def test_github_one_annotation_per_minority_statement_of_new_findings():
    lines = github.render(RESULT).splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert annotations == [
        "::error file=docs/新.txt,line=3,title=date-conflict::红色警报 (occur): 2025-12-01 in docs/a.txt, docs/b.txt"
        " (2 sources) vs 2025-11 in docs/新.txt (1 source)",
        "::error file=docs/image.txt,title=undecodable::docs/image.txt: not text (binary data), skipped",
    ]
    assert lines[2:] == [
        "factcheck: note: unused suppression in rules/accepted.toml: mojibake (old scraper)",
        "factcheck: 2 new findings (2 error, 0 warning, 0 info), 1 in baseline, 1 suppressed, 4 documents",
    ]


def test_github_severity_commands():
    result = RunResult((), (NAME, GLOSS))
    annotations = [line for line in github.render(result).splitlines() if line.startswith("::")]
    assert [a.split(" ", 1)[0] for a in annotations] == ["::warning", "::warning", "::notice"]


def test_github_escaping():
    tricky = Finding(
        "date-conflict", "date", Severity.ERROR, "x", "occur", "100% sure\r\nsecond line",
        single_side(Evidence("docs/a,b:c%.txt", 1, "v", "v", "s")),
    )
    assert github.annotation(tricky, tricky.evidence[0]) == (
        "::error file=docs/a%2Cb%3Ac%25.txt,line=1,title=date-conflict::100%25 sure%0D%0Asecond line"
    )


# ----------------------------------------------------------------------------- jsonl


def test_jsonl_one_object_per_finding_then_summary():
    rows = [json.loads(line) for line in jsonl.render(RESULT).splitlines()]
    assert [r["id"] for r in rows[:-1]] == [DATE.id, UNDECODABLE.id, NAME.id, GLOSS.id]
    assert [(r["severity"], r["status"], r["reason"]) for r in rows[:-1]] == [
        ("error", "new", ""), ("error", "new", ""), ("warning", "known", ""), ("info", "suppressed", "scraper glosses, stripped"),
    ]
    assert rows[0]["sides"][1] == json_report.side_entry(DATE.sides[1])
    assert rows[0] == json.loads(json.dumps(json_report.finding_entry(RESULT, DATE)))
    assert rows[0]["sides"][1]["claims"][0]["doc"] == "docs/新.txt"
    assert [(s["value"], s["sources"], s["majority"]) for s in rows[0]["sides"]] == [("2025-12-01", 2, True), ("2025-11", 1, False)]
    assert rows[-1] == {"summary": {
        "tool": "factcheck", "version": factcheck.__version__, "documents": 4, "checked": 3, "skipped": 1,
        "findings": 4, "new": 2, "known": 1, "suppressed": 1,
        "new_by_severity": {"error": 2, "warning": 0, "info": 0},
        "notes": ["unused suppression in rules/accepted.toml: mojibake (old scraper)"],
    }}


def test_jsonl_lines_are_single_line_even_with_newlines_in_text():
    finding = Finding("date-conflict", "date", Severity.ERROR, "x", "occur", "a\nb", single_side(Evidence("d.txt", 1, "v", "v", "l1\nl2")))
    lines = jsonl.render(RunResult((), (finding,))).splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["message"] == "a\nb"


def test_ci_formats_are_registered():
    assert FORMATS["sarif"](RESULT) == sarif.render(RESULT).encode("utf-8")
    assert FORMATS["github"](RESULT) == github.render(RESULT).encode("utf-8")
    assert FORMATS["jsonl"](RESULT) == jsonl.render(RESULT).encode("utf-8")


def test_sarif_of_a_large_dispute_no_side_leads_works_out_the_minority_once(monkeypatch):
    """Working the minority out again for every statement made this quadratic (6 s at 6,000)."""
    def side(value: str, prefix: str) -> Side:
        return Side(value, tuple(Evidence(f"docs/{prefix}{i}.txt", 3, value, value, "s") for i in range(3000)), 3000)

    big = Finding("date-conflict", "date", Severity.ERROR, "x", "occur", "m", (side("2025-12-01", "a"), side("2026-12", "b")))
    calls = []
    minority = Finding.minority
    monkeypatch.setattr(Finding, "minority", lambda self: calls.append(1) or minority(self))
    (result,) = sarif_log(RunResult((), (big,)))["runs"][0]["results"]
    assert len(calls) == 1
    assert len(result["locations"]) == 6000 and "relatedLocations" not in result
