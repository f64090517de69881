"""The gate: baseline marking, stale entries, suppressions, diff-aware restriction, exit codes."""
from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from factcheck.gate.baseline import Baseline, BaselineEntry
from factcheck.config import ConfigError, Suppression
from factcheck.settings import load_config
from factcheck.gate import GateError, apply_gate, describe_suppression, exit_code
from factcheck.gate.gitdiff import changed_files
from factcheck.model import DocumentStatus, Evidence, Finding, RunResult, Severity, Side, single_side

Statement = tuple[str, int, str]  # doc, line, value


def conflict(rule: str, *sides: Statement | tuple[Statement, ...], severity=Severity.ERROR,
             subject: str = "红色警报", attribute: str = "occur") -> Finding:
    """A disputed fact: one side per argument, each a statement or a tuple of statements of one
    value (one document each); the side with the most documents, if just one, is the majority."""
    grouped = [side if isinstance(side[0], tuple) else (side,) for side in sides]
    built = [
        Side(group[0][2], tuple(Evidence(doc, line, value, value, f"sentence with {value}") for doc, line, value in group),
             len({doc for doc, _, _ in group}))
        for group in grouped
    ]
    best = max(side.sources for side in built)
    if sum(side.sources == best for side in built) == 1:
        built = [replace(side, majority=side.sources == best) for side in built]
    message = " vs ".join(f"{side.value} in {', '.join(side.docs)}" for side in built)
    return Finding(rule, "date", severity, subject, attribute, message, tuple(built), f"same event {subject}, {attribute}")


def quality(rule: str, doc: str, message: str) -> Finding:
    return Finding(rule, "quality", Severity.ERROR, doc, "", message, single_side(Evidence(doc, 0, "", "", "")))


OLD = conflict("date-conflict", ("docs/a.txt", 3, "2025-12-01"), ("docs/b.txt", 7, "2025-11"))
# the same dispute once docs/new.txt agrees with b: one fact, one finding, the same id
AGREED = conflict("date-conflict", ("docs/a.txt", 3, "2025-12-01"), (("docs/b.txt", 7, "2025-11"), ("docs/new.txt", 2, "2025-11")))
# ...and once docs/new.txt brings a value of its own: a new finding
WIDENED = conflict("date-conflict", ("docs/a.txt", 3, "2025-12-01"), ("docs/b.txt", 7, "2025-11"), ("docs/new.txt", 2, "2025-10"))
NEW = conflict("date-conflict", ("docs/a.txt", 9, "2025-12-11"), ("docs/new.txt", 4, "2026-01"), subject="GPT-5.2", attribute="release")
NAME = conflict("name-variant", ("docs/b.txt", 5, "Jakub Pachocki"), ("docs/c.txt", 9, "Jakub Patchocki"), severity=Severity.WARNING)
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
    shifted = replace(OLD, sides=tuple(
        replace(s, evidence=tuple(replace(e, line=e.line + 40) for e in s.evidence)) for s in OLD.sides
    ))
    assert [e.line for e in shifted.evidence] == [43, 47]
    assert shifted.id == OLD.id
    assert replace(OLD, sides=OLD.sides[::-1]).id == OLD.id
    other = conflict("date-conflict", ("docs/a.txt", 3, "2025-12-01"), ("docs/b.txt", 7, "2025-10"))
    assert other.id != OLD.id


def test_fingerprint_of_a_dispute_leaves_its_documents_out():
    assert AGREED.id == OLD.id  # a document agreeing with a side
    assert [(s.value, s.docs, s.sources, s.majority) for s in AGREED.sides] == [
        ("2025-12-01", ("docs/a.txt",), 1, False), ("2025-11", ("docs/b.txt", "docs/new.txt"), 2, True),
    ]
    renamed = conflict("date-conflict", ("docs/x.txt", 3, "2025-12-01"), ("docs/y.txt", 7, "2025-11"))
    assert renamed.id == OLD.id
    assert WIDENED.id != OLD.id  # a document bringing a new value
    assert replace(OLD, rule="amount-conflict").id != OLD.id
    assert replace(OLD, attribute="end").id != OLD.id
    # the subject's stable key, when there is one, stands for the display subject
    keyed = replace(OLD, key="event:code-red")
    assert keyed.id != OLD.id and replace(keyed, subject="紅色警報").id == keyed.id


def test_fingerprint_of_a_one_place_finding_names_its_document():
    def late(doc: str) -> Finding:
        evidence = Evidence(doc, 4, "2026年1月5日", "2026-01-05", "s")
        return Finding("anachronism", "anachronism", Severity.WARNING, "GPT-5.2", "release", "late", single_side(evidence))

    assert late("docs/a.txt").id != late("docs/b.txt").id
    assert late("docs/a.txt").id == replace(late("docs/a.txt"), message="other words").id


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


def test_a_document_agreeing_with_a_baselined_side_stays_known(config):
    gated = apply_gate(run(AGREED), config, baseline=baseline_of(OLD))
    assert gated.known == frozenset({OLD.id}) and gated.notes == ()
    assert exit_code(gated, Severity.INFO) == 0
    # even when only the new document changed: the finding touches it, and is known
    diff = apply_gate(run(AGREED), config, baseline=baseline_of(OLD), changed={"docs/new.txt"})
    assert diff.findings == (AGREED,) and diff.known == frozenset({OLD.id})
    assert exit_code(diff, Severity.INFO) == 0


def test_a_document_bringing_a_new_value_makes_a_new_finding(config):
    gated = apply_gate(run(WIDENED), config, baseline=baseline_of(OLD))
    assert gated.known == frozenset()
    assert [f.id for f in gated.findings if gated.is_new(f)] == [WIDENED.id]
    assert gated.notes == (f"baseline entry {OLD.id} (date-conflict 红色警报) no longer matches any finding",)
    assert exit_code(gated, Severity.ERROR) == 1


def test_a_version_1_baseline_matches_by_content_with_a_note(config):
    legacy = Baseline("reports/baseline.json", (
        BaselineEntry("00000000deadbeef", "date-conflict", "红色警报", "occur", ("docs/a.txt", "docs/b.txt"),
                      ("2025-11", "2025-12-01"), "error"),
    ), version=1)
    gated = apply_gate(run(AGREED, NEW), config, baseline=legacy)
    assert gated.known == frozenset({AGREED.id})  # its values all stated, whichever documents
    assert [f.id for f in gated.findings if gated.is_new(f)] == [NEW.id]
    assert gated.notes == (
        "reports/baseline.json: baseline version 1 is read by content; rewrite it as version 2 with --update-baseline",
    )


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
    from factcheck.gate.gitdiff import changed_documents

    (repo / "docs" / "a.txt").write_text("changed\n", encoding="utf-8")
    (repo / "docs" / "旧闻.txt").write_text("changed\n", encoding="utf-8")
    (repo / "notes.md").write_text("untracked, outside docs/\n", encoding="utf-8")
    monkeypatch.chdir(repo)
    assert changed_documents("HEAD", ["docs"]) == {"docs/a.txt", "docs/旧闻.txt"}
    assert changed_documents("HEAD", ["docs/a.txt", "docs/b.txt"]) == {"docs/a.txt"}
    monkeypatch.chdir(repo / "docs")
    assert changed_documents("HEAD", ["."]) == {"a.txt", "旧闻.txt"}
