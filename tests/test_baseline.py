"""The baseline file: format, round trip, keeping editors' reasons, pruning, invalid files."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import factcheck
from factcheck.gate.baseline import Baseline, BaselineEntry, load_baseline, write_baseline
from factcheck.settings import load_config
from factcheck.gate import GateError
from factcheck.model import Evidence, Finding, RunResult, Severity, Side


def finding(rule: str, docs: tuple[str, str], values: tuple[str, str], lines=(3, 8)) -> Finding:
    """A dispute between two documents, one side each."""
    sides = tuple(Side(v, (Evidence(d, n, v, v, "s"),)) for d, n, v in zip(docs, lines, values))
    return Finding(rule, "amount", Severity.ERROR, "openai", "valuation", "conflict", sides)


def joined(base: Finding, side: int, doc: str, line: int = 5) -> Finding:
    """`base` with one more document stating the value of its side number `side`."""
    sides = list(base.sides)
    extra = Evidence(doc, line, sides[side].value, sides[side].value, "s")
    sides[side] = Side(sides[side].value, (*sides[side].evidence, extra), sides[side].sources + 1, True)
    return Finding(base.rule, base.kind, base.severity, base.subject, base.attribute, "conflict", tuple(sides))


A = finding("amount-conflict", ("docs/b.txt", "docs/a.txt"), ("5e+11 USD", "3e+11 USD"))
B = finding("amount-conflict", ("docs/a.txt", "docs/c.txt"), ("3e+11 USD", "1.4e+12 USD"))
C = finding("date-conflict", ("docs/c.txt", "docs/d.txt"), ("2025-11", "2025-12-01"))


def result(*findings: Finding) -> RunResult:
    return RunResult((), tuple(findings))


@pytest.fixture
def config(tmp_path: Path):
    rules = tmp_path / "rules"
    rules.mkdir()
    return load_config(rules)


def test_written_format(tmp_path: Path, config):
    path = tmp_path / "reports" / "baseline.json"
    write_baseline(result(A, B), path, config=config)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert list(data) == ["version", "tool", "rules", "findings"]
    assert data["version"] == 2 and data["tool"] == factcheck.__version__ and data["rules"] == config.digest
    assert [e["id"] for e in data["findings"]] == sorted([A.id, B.id])
    entry = next(e for e in data["findings"] if e["id"] == A.id)
    assert entry == {
        "id": A.id, "rule": "amount-conflict", "subject": "openai", "attribute": "valuation",
        "documents": ["docs/a.txt", "docs/b.txt"], "values": ["3e+11 USD", "5e+11 USD"],
        "severity": "error", "status": "accepted", "reason": "",
    }
    assert "line" not in path.read_text(encoding="utf-8")


def test_round_trip(tmp_path: Path, config):
    path = tmp_path / "baseline.json"
    write_baseline(result(C, A), path, config=config)
    loaded = load_baseline(path)
    assert loaded.ids == frozenset({A.id, C.id})
    assert loaded.entries == tuple(sorted((BaselineEntry.of(A), BaselineEntry.of(C)), key=lambda e: e.id))
    assert loaded.rules == config.digest


def test_same_findings_write_identical_bytes(tmp_path: Path, config):
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    write_baseline(result(A, B, C), first, config=config)
    write_baseline(result(C, B, A), second, config=config)
    assert first.read_bytes() == second.read_bytes()


def edit(path: Path, finding_id: str, status: str, reason: str) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for entry in data["findings"]:
        if entry["id"] == finding_id:
            entry.update(status=status, reason=reason)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def test_update_keeps_reason_and_status_drops_gone_adds_new(tmp_path: Path, config):
    path = tmp_path / "baseline.json"
    write_baseline(result(A, B), path, config=config)
    edit(path, A.id, "false-positive", "valuations at different dates")
    edit(path, B.id, "to-fix", "ask the outlet")
    write_baseline(result(A, C), path, config=config)
    loaded = load_baseline(path)
    assert [(e.id, e.status, e.reason) for e in loaded.entries] == sorted(
        [(A.id, "false-positive", "valuations at different dates"), (C.id, "accepted", "")]
    )


def test_entry_lists_every_document_and_side_value(tmp_path: Path, config):
    grown = joined(A, 1, "docs/e.txt")
    assert grown.id == A.id  # an agreeing document is no new finding
    path = tmp_path / "baseline.json"
    write_baseline(result(grown), path, config=config)
    (entry,) = load_baseline(path).entries
    assert (entry.id, entry.documents, entry.values) == (A.id, ("docs/a.txt", "docs/b.txt", "docs/e.txt"), ("3e+11 USD", "5e+11 USD"))


def test_an_agreeing_document_keeps_the_entry_and_its_reason(tmp_path: Path, config):
    path = tmp_path / "baseline.json"
    write_baseline(result(A), path, config=config)
    edit(path, A.id, "false-positive", "valuations at different dates")
    write_baseline(result(joined(A, 0, "docs/e.txt")), path, prune=True, config=config)
    loaded = load_baseline(path)
    assert [(e.id, e.status, e.reason, e.documents) for e in loaded.entries] == [
        (A.id, "false-positive", "valuations at different dates", ("docs/a.txt", "docs/b.txt", "docs/e.txt"))
    ]


def test_prune_only_removes(tmp_path: Path, config):
    path = tmp_path / "baseline.json"
    write_baseline(result(A, B), path, config=config)
    edit(path, A.id, "to-fix", "check the source")
    write_baseline(result(A, C), path, prune=True, config=config)
    loaded = load_baseline(path)
    assert [(e.id, e.status, e.reason) for e in loaded.entries] == [(A.id, "to-fix", "check the source")]


def test_prune_without_baseline_is_an_error(tmp_path: Path, config):
    path = tmp_path / "missing.json"
    with pytest.raises(GateError, match=r"missing\.json: baseline file not found"):
        write_baseline(result(A), path, prune=True, config=config)
    assert not path.exists()


def test_write_refuses_to_overwrite_an_invalid_baseline(tmp_path: Path, config):
    path = tmp_path / "baseline.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(GateError):
        write_baseline(result(A), path, config=config)
    assert path.read_text(encoding="utf-8") == "{not json"


def test_missing_baseline_names_the_file(tmp_path: Path):
    path = tmp_path / "nope.json"
    with pytest.raises(GateError) as caught:
        load_baseline(path)
    assert str(caught.value) == f"{path}: baseline file not found (create it with `factcheck baseline PATHS`)"


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "baseline is not valid JSON (Expecting property name enclosed in double quotes at line 1, column 2)"),
        ("[]", "baseline must be a JSON object with a 'findings' list"),
        ('{"version": 3, "findings": []}', "unsupported baseline version 3 (expected 2)"),
        ('{"version": true, "findings": []}', "unsupported baseline version True (expected 2)"),
        ('{"version": "2", "findings": []}', "unsupported baseline version '2' (expected 2)"),
        ('{"version": 2, "findings": {}}', "baseline 'findings' must be a list"),
        ('{"version": 2, "findings": [{"rule": "x"}]}', "findings[0] has no 'id'"),
        (
            '{"version": 2, "findings": [{"id": "ab", "status": "ignored"}]}',
            "findings[0] (ab): status must be one of accepted, false-positive, to-fix, got 'ignored'",
        ),
        (
            '{"version": 2, "findings": [{"id": "ab", "line": 3}]}',
            "findings[0] (ab): unknown key 'line' (allowed: id, rule, subject, attribute, documents, values, severity, status, reason)",
        ),
        ('{"version": 2, "findings": [{"id": "ab", "documents": "a"}]}', "findings[0] (ab): documents must be a list of strings"),
        ('{"version": 2, "findings": [{"id": "ab"}, {"id": "ab"}]}', "baseline entry ab appears twice"),
        # a version-1 file is still read, and checked just as strictly
        ('{"version": 1, "findings": {}}', "baseline 'findings' must be a list"),
        (
            '{"version": 1, "findings": [{"id": "ab", "line": 3}]}',
            "findings[0] (ab): unknown key 'line' (allowed: id, rule, subject, attribute, documents, values, severity, status, reason)",
        ),
    ],
)
def test_invalid_baseline_names_file_and_problem(tmp_path: Path, content: str, message: str):
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GateError) as caught:
        load_baseline(path)
    assert str(caught.value) == f"{path}: {message}"


def test_minimal_hand_written_entry_loads(tmp_path: Path):
    path = tmp_path / "baseline.json"
    path.write_text('{"version": 2, "findings": [{"id": "0123456789abcdef", "reason": "ok"}]}', encoding="utf-8")
    loaded = load_baseline(path)
    assert loaded == Baseline(str(path), (BaselineEntry("0123456789abcdef", "", "", "", (), (), "", "accepted", "ok"),))
    assert not loaded.legacy


def test_version_1_file_is_read_by_content(tmp_path: Path):
    """Version-1 ids named a pair of documents: an entry accepts the finding on the same rule,
    subject and attribute that states all its values, whatever the documents."""
    path = tmp_path / "baseline.json"
    old = {"id": "0123456789abcdef", "rule": "amount-conflict", "subject": "openai", "attribute": "valuation",
           "documents": ["docs/a.txt", "docs/b.txt"], "values": ["3e+11 USD", "5e+11 USD"], "severity": "error"}
    path.write_text(json.dumps({"version": 1, "findings": [old]}), encoding="utf-8")
    loaded = load_baseline(path)
    assert (loaded.version, loaded.legacy) == (1, True)
    assert loaded.known(A) and loaded.known(joined(A, 0, "docs/e.txt"))
    assert not loaded.known(B)  # another pair of values
    assert not loaded.known(C)  # another rule
    three = Finding(A.rule, A.kind, A.severity, A.subject, A.attribute, "conflict",
                    (*A.sides, Side("8e+11 USD", (Evidence("docs/f.txt", 2, "8e+11 USD", "8e+11 USD", "s"),))))
    assert loaded.known(three)  # a third value beside the accepted two: still the accepted dispute
    assert A.id not in loaded.ids  # never by id: version-1 ids are of another kind
