"""The gate: baseline marking, stale entries, suppressions, diff-aware restriction, exit codes."""
from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.baseline import Baseline, BaselineEntry
from factcheck.config import ConfigError, Suppression, load_config
from factcheck.gate import GateError, apply_gate, describe_suppression, exit_code
from factcheck.gitdiff import changed_files
from factcheck.model import DocumentStatus, Finding, RunResult, Severity, Side


def conflict(rule: str, a: tuple[str, int, str], b: tuple[str, int, str], severity=Severity.ERROR) -> Finding:
    sides = tuple(Side(doc, line, value, value, f"sentence with {value}") for doc, line, value in (a, b))
    return Finding(rule, "date", severity, "红色警报", "occur", f"{a[2]} vs {b[2]}", sides)


def quality(rule: str, doc: str, message: str) -> Finding:
    return Finding(rule, "quality", Severity.ERROR, doc, "", message, (Side(doc, 0, "", "", ""),))


OLD = conflict("date-conflict", ("docs/a.txt", 3, "2025-12-01"), ("docs/b.txt", 7, "2025-11"))
NEW = conflict("date-conflict", ("docs/a.txt", 3, "2025-12-01"), ("docs/new.txt", 2, "2025-11"))
NAME = conflict("name-variant", ("docs/b.txt", 5, "Jakub Pachocki"), ("docs/c.txt", 9, "Jakub Patchocki"), Severity.WARNING)
UNDATED = quality("missing-date", "docs/new.txt", "docs/new.txt: no publication date in a header or in the text")


def run(*findings: Finding, notes: tuple[str, ...] = ()) -> RunResult:
    docs = sorted({d for f in findings for d in f.docs})
    return RunResult(tuple(DocumentStatus(d, "checked") for d in docs), tuple(findings), notes=notes)


@pytest.fixture
def config(tmp_path: Path):
    return load_config(tmp_path)


def with_suppressions(config, *suppressions: Suppression):
    return replace(config, suppressions=suppressions)


def baseline_of(*findings: Finding, extra: tuple[BaselineEntry, ...] = ()) -> Baseline:
    return Baseline("reports/baseline.json", tuple(BaselineEntry.of(f) for f in findings) + extra)


def test_fingerprint_ignores_line_numbers():
    shifted = replace(OLD, sides=tuple(replace(s, line=s.line + 40) for s in OLD.sides))
    assert shifted.id == OLD.id
    assert replace(OLD, sides=OLD.sides[::-1]).id == OLD.id
    moved = replace(OLD, sides=(OLD.sides[0], replace(OLD.sides[1], value="2025-10")))
    assert moved.id != OLD.id


def test_no_gate_options_leave_everything_new(config):
    gated = apply_gate(run(OLD, NEW), config)
    assert gated.findings == (OLD, NEW)
    assert gated.known == frozenset() and gated.suppressed == () and gated.notes == ()
    assert exit_code(gated, Severity.ERROR) == 1


def test_baseline_marks_known_and_fails_only_on_new(config):
    gated = apply_gate(run(OLD, NEW), config, baseline=baseline_of(OLD))
    assert gated.known == frozenset({OLD.id})
    assert [f.id for f in gated.findings if gated.is_new(f)] == [NEW.id]
    assert exit_code(gated, Severity.ERROR) == 1
    assert exit_code(apply_gate(run(OLD), config, baseline=baseline_of(OLD)), Severity.ERROR) == 0


def test_stale_baseline_entry_is_a_note(config):
    stale = BaselineEntry("00000000deadbeef", "amount-conflict", "openai", "valuation", ("docs/x.txt",), ("5e+11 USD",), "error")
    gated = apply_gate(run(OLD), config, baseline=baseline_of(OLD, extra=(stale,)))
    assert gated.notes == ("baseline entry 00000000deadbeef (amount-conflict openai) no longer matches any finding",)
    assert gated.known == frozenset({OLD.id})


def test_exit_code_respects_fail_on_and_exit_zero(config):
    gated = apply_gate(run(NAME), config)
    assert exit_code(gated, Severity.ERROR) == 0
    assert exit_code(gated, Severity.WARNING) == 1
    assert exit_code(gated, Severity.INFO) == 1
    assert exit_code(gated, Severity.WARNING, exit_zero=True) == 0


def test_changed_keeps_findings_touching_changed_documents(config):
    gated = apply_gate(run(OLD, NEW, NAME, UNDATED), config, changed={"docs/new.txt"})
    assert gated.findings == (NEW, UNDATED)
    assert exit_code(gated, Severity.ERROR) == 1


def test_changed_paths_are_compared_normalised(config):
    gated = apply_gate(run(OLD, NEW), config, changed=["./docs/new.txt"])
    assert gated.findings == (NEW,)


def test_changed_empty_drops_every_finding(config):
    gated = apply_gate(run(OLD, NEW), config, changed=set())
    assert gated.findings == ()
    assert exit_code(gated, Severity.INFO) == 0


def test_diff_aware_run_does_not_call_old_baseline_entries_stale(config):
    gated = apply_gate(run(OLD, NEW), config, baseline=baseline_of(OLD), changed={"docs/new.txt"})
    assert gated.notes == ()
    assert gated.known == frozenset()  # OLD is outside the diff, NEW is not in the baseline
    assert gated.findings == (NEW,)


def test_suppression_by_fingerprint(config):
    cfg = with_suppressions(config, Suppression(reason="both dates are right", fingerprint=NEW.id, file="rules/accepted.toml"))
    gated = apply_gate(run(OLD, NEW), cfg)
    assert gated.suppressed == ((NEW.id, "both dates are right"),)
    assert [f.id for f in gated.findings if gated.is_new(f)] == [OLD.id]
    assert gated.notes == ()


def test_suppression_by_rule_and_path_matches_any_side(config):
    cfg = with_suppressions(
        config, Suppression(reason="outlet c romanises its own way", rule="name-variant", path="docs/c*", file="rules/accepted.toml")
    )
    gated = apply_gate(run(OLD, NAME), cfg)
    assert gated.suppressed == ((NAME.id, "outlet c romanises its own way"),)
    assert exit_code(gated, Severity.WARNING) == 1  # OLD is still new
    assert exit_code(apply_gate(run(NAME), cfg), Severity.INFO) == 0


def test_suppression_rule_must_match_too(config):
    cfg = with_suppressions(config, Suppression(reason="r", rule="amount-conflict", path="docs/*", file="rules/x.toml"))
    gated = apply_gate(run(OLD), cfg)
    assert gated.suppressed == ()
    assert gated.notes == ("unused suppression in rules/x.toml: amount-conflict on docs/* (r)",)


def test_unused_suppressions_are_reported_in_order(config):
    cfg = with_suppressions(
        config,
        Suppression(reason="old memo", fingerprint="ffffffffffffffff", file="rules/accepted.toml"),
        Suppression(reason="used", rule="date-conflict", file="rules/accepted.toml"),
        Suppression(reason="scraper glosses", rule="pinyin-gloss", file="rules/accepted.toml"),
    )
    gated = apply_gate(run(OLD, notes=("earlier note",)), cfg)
    assert gated.notes == (
        "earlier note",
        "unused suppression in rules/accepted.toml: ffffffffffffffff (old memo)",
        "unused suppression in rules/accepted.toml: pinyin-gloss (scraper glosses)",
    )


def test_suppression_used_outside_the_diff_is_not_unused(config):
    cfg = with_suppressions(config, Suppression(reason="known", fingerprint=OLD.id, file="rules/accepted.toml"))
    gated = apply_gate(run(OLD, NEW), cfg, changed={"docs/new.txt"})
    assert gated.notes == ()
    assert gated.suppressed == ()


def test_describe_suppression():
    assert describe_suppression(Suppression(reason="r", fingerprint="abc", rule="x")) == "abc"
    assert describe_suppression(Suppression(reason="r", rule="missing-date")) == "missing-date"
    assert describe_suppression(Suppression(reason="r", rule="missing-date", path="a/*")) == "missing-date on a/*"


def test_suppression_without_reason_is_a_config_error(tmp_path: Path):
    (tmp_path / "accepted.toml").write_text('[[suppress]]\nrule = "missing-date"\nreason = "  "\n', encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'accepted.toml'}: [[suppress]] #1: reason is required (say why this finding is accepted)"


def test_repository_accepted_rules_load():
    config = load_config(Path(__file__).resolve().parent.parent / "rules")
    assert all(s.reason for s in config.suppressions)


def test_gate_is_deterministic(config):
    cfg = with_suppressions(config, Suppression(reason="r", rule="name-variant", file="rules/a.toml"))
    first = apply_gate(run(OLD, NEW, NAME), cfg, baseline=baseline_of(NEW))
    second = apply_gate(run(OLD, NEW, NAME), cfg, baseline=baseline_of(NEW))
    assert first == second


# --------------------------------------------------------------------------- gitdiff


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in [n for n in os.environ if n.startswith("GIT_")]:  # e.g. set when run from a git hook
        monkeypatch.delenv(name)
    root = tmp_path / "repo"
    (root / "docs").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "ci@example.com")
    git(root, "config", "user.name", "CI")
    git(root, "config", "commit.gpgsign", "false")
    for name in ("a.txt", "b.txt", "c.txt", "旧闻.txt"):
        (root / "docs" / name).write_text(f"{name}\n", encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    return root


def test_changed_files_lists_modified_renamed_added_and_untracked(repo: Path):
    (repo / "docs" / "a.txt").write_text("changed\n", encoding="utf-8")
    git(repo, "mv", "docs/b.txt", "docs/b2.txt")
    (repo / "docs" / "新闻.txt").write_text("staged\n", encoding="utf-8")
    git(repo, "add", "docs/新闻.txt")
    (repo / "docs" / "untracked.txt").write_text("new\n", encoding="utf-8")
    (repo / "docs" / "c.txt").unlink()  # deleted: nothing left to check
    changed = changed_files("HEAD", cwd=repo / "docs")
    real = os.path.realpath(repo / "docs")
    assert sorted(changed) == sorted(f"{real}/{n}" for n in ("a.txt", "b2.txt", "untracked.txt", "新闻.txt"))


def test_changed_files_respects_gitignore(repo: Path):
    (repo / ".gitignore").write_text("*.log\n", encoding="utf-8")
    (repo / "docs" / "run.log").write_text("x\n", encoding="utf-8")
    assert changed_files("HEAD", cwd=repo) == frozenset({os.path.realpath(repo / ".gitignore")})


def test_changed_files_since_a_branch_point(repo: Path):
    git(repo, "checkout", "-q", "-b", "feature")
    (repo / "docs" / "d.txt").write_text("d\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "d")
    assert changed_files("main", cwd=repo) == frozenset({os.path.realpath(repo / "docs" / "d.txt")})
    assert changed_files("HEAD", cwd=repo) == frozenset()


def test_changed_files_bad_ref(repo: Path):
    with pytest.raises(GateError) as caught:
        changed_files("no-such-ref", cwd=repo)
    assert str(caught.value) == "--since no-such-ref: fatal: bad revision 'no-such-ref'"


def test_changed_files_refuses_option_like_ref(repo: Path):
    with pytest.raises(GateError) as caught:
        changed_files("--output=/tmp/x", cwd=repo)
    assert str(caught.value) == "--since '--output=/tmp/x': not a git revision"


def test_changed_files_outside_a_repository(tmp_path: Path):
    alone = tmp_path / "alone"
    alone.mkdir()
    with pytest.raises(GateError) as caught:
        changed_files("HEAD", cwd=alone)
    assert str(caught.value).startswith("--since HEAD: fatal: not a git repository")


def test_changed_documents_are_display_paths_under_the_given_paths(repo: Path, monkeypatch: pytest.MonkeyPatch):
    from factcheck.gitdiff import changed_documents

    (repo / "docs" / "a.txt").write_text("changed\n", encoding="utf-8")
    (repo / "docs" / "旧闻.txt").write_text("changed\n", encoding="utf-8")
    (repo / "notes.md").write_text("untracked, outside docs/\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    assert changed_documents("HEAD", ["docs"]) == {"docs/a.txt", "docs/旧闻.txt"}
    assert changed_documents("HEAD", ["docs/a.txt", "docs/b.txt"]) == {"docs/a.txt"}
    monkeypatch.chdir(repo / "docs")
    assert changed_documents("HEAD", ["."]) == {"a.txt", "旧闻.txt"}
