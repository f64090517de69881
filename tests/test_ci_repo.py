"""End to end: the CI gate in a temporary git repository holding the seeds as committed documents."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SCHEMA = json.loads((ROOT / "tests" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
BASELINE = "reports/baseline.json"
RUN = ("--no-cache", "--jobs", "1")

# A later report that dates the memo a month early: it contradicts the documents dating it 1 December.
EARLY_MEMO = """date: 2025-12-15
source: 测试快讯
---
OpenAI内部备忘录曝光
2025年11月，OpenAI首席执行官萨姆·奥特曼(Sam Altman)向员工发出“红色警报”。
报道称，公司将集中资源改进ChatGPT，推迟其他项目。
"""

# A report agreeing with the corpus: same date for the memo, same valuation.
AGREEING = """date: 2025-12-12
source: 测试快讯
---
OpenAI进入红色警报状态
据内部消息，OpenAI于2025年12月1日正式进入“红色警报”（code red）状态，集中资源改进ChatGPT。
这家估值5000亿美元的公司正面临谷歌Gemini 3的激烈竞争。
"""

UNDATED = """OpenAI进入红色警报状态
据内部消息，OpenAI正式进入“红色警报”状态，集中资源改进ChatGPT，暂停其他项目。
这家公司正面临谷歌的激烈竞争，多位研究人员选择离职。
"""

def git(*args: str) -> str:
    done = subprocess.run(["git", *args], check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository: docs/ holds the seeds, rules/ the repository's rules; committed on main."""
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    for name in [n for n in os.environ if n.startswith("GIT_")]:  # e.g. set when run from a git hook
        monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    git("init", "-q", "-b", "main")
    git("config", "user.email", "ci@example.com")
    git("config", "user.name", "CI")
    git("config", "commit.gpgsign", "false")
    (tmp_path / "docs").mkdir()
    for seed in SEEDS:
        shutil.copy(seed, tmp_path / "docs" / seed.name)
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    (tmp_path / ".gitignore").write_text("reports/.factcheck-cache.sqlite\n", encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "seeds")
    return tmp_path


@pytest.fixture
def baselined(repo: Path) -> Path:
    """The repository with the seeds' findings baselined and committed."""
    made = factcheck("baseline", "docs/", *RUN)
    assert made.exit_code == 0, made.stderr
    git("add", "-A")
    git("commit", "-q", "-m", "baseline")
    return repo


def factcheck(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def check_json(*args: str) -> tuple[int, dict]:
    result = factcheck("check", "docs/", *RUN, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


def new_findings(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["status"] == "new"]


def docs_of(finding: dict) -> set[str]:
    return {claim["doc"] for claim in finding["claims"]}


def write(path: str, text: str, encoding: str = "utf-8") -> None:
    Path(path).write_bytes(text.encode(encoding))


# ------------------------------------------------------------------------ baseline


def test_seeds_baselined_pass_the_gate(baselined: Path):
    code, report = check_json("--baseline", BASELINE)
    assert code == 0
    assert new_findings(report) == []
    assert {f["id"] for f in report["findings"]} == {e["id"] for e in json.loads(Path(BASELINE).read_text())["findings"]}
    assert not any(note.startswith("baseline entry") for note in report["notes"])


def test_baseline_file_has_no_lines_or_timestamps(baselined: Path):
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    assert list(data) == ["version", "tool", "rules", "findings"]
    assert data["findings"], "the seeds contradict each other: the baseline cannot be empty"
    assert [e["id"] for e in data["findings"]] == sorted(e["id"] for e in data["findings"])
    assert all(set(e) == {"id", "rule", "subject", "attribute", "documents", "values", "severity", "status", "reason"}
               for e in data["findings"])


def test_rewriting_the_baseline_is_byte_identical(baselined: Path):
    before = Path(BASELINE).read_bytes()
    again = factcheck("baseline", "docs/", *RUN)
    assert again.exit_code == 0, again.stderr
    assert Path(BASELINE).read_bytes() == before


def test_memo_dated_differently_fails_with_only_its_date_conflicts(baselined: Path):
    write("docs/early_memo.txt", EARLY_MEMO)
    code, report = check_json("--baseline", BASELINE)
    new = new_findings(report)
    assert code == 1
    assert new, "the new document's date must conflict with the corpus"
    assert {f["rule"] for f in new} == {"date-conflict"}
    assert all("docs/early_memo.txt" in docs_of(f) for f in new)
    assert all(len(docs_of(f)) == 2 for f in new)
    assert not any(note.startswith("baseline entry") for note in report["notes"])


def test_name_spelt_differently_fails_with_a_name_variant(baselined: Path):
    write(
        "docs/pachocky.txt",
        "date: 2025-12-12\n---\nOpenAI首席科学家雅各布·帕乔基(Jakub Pachocky)表示，研究团队仍在推进推理模型。\n"
        "他说，公司的长期研究不会因此停止。\n",
    )
    code, report = check_json("--baseline", BASELINE, "--fail-on", "warning")
    new = new_findings(report)
    assert code == 1
    assert {f["rule"] for f in new} == {"name-variant"}
    # one finding per pair of spellings: the new one against each spelling already in the corpus
    assert sorted(f["message"] for f in new) == [
        "Jakub Pachocky in docs/pachocky.txt vs Jakub Pachocki in docs/001_4a4afa760a3b38ca.txt, "
        "docs/002_9cce78ee4fb8eaa2.txt",
        "Jakub Pachocky in docs/pachocky.txt vs Jakub Patchocki in docs/000_9838966ce02efd59.txt",
    ]


def test_agreeing_document_passes(baselined: Path):
    # Seed 002 dates the memo 2026年12月, so any document agreeing with the others contradicts it;
    # conflicts are per pair of documents, so the desk accepts 002's error once, by path.
    Path("rules/accepted.toml").write_text(
        '[[suppress]]\nrule = "date-conflict"\npath = "docs/002_*"\nreason = "002 misdates the memo as 2026年12月"\n',
        encoding="utf-8",
    )
    write("docs/agreeing.txt", AGREEING)
    code, report = check_json("--baseline", BASELINE)
    assert code == 0
    assert new_findings(report) == []
    touching = [f for f in report["findings"] if "docs/agreeing.txt" in docs_of(f)]
    assert all(f["status"] == "suppressed" and "docs/002_9cce78ee4fb8eaa2.txt" in docs_of(f) for f in touching)
    status = next(d for d in report["documents"] if d["path"] == "docs/agreeing.txt")
    assert (status["status"], status["published"], status["published_from"]) == ("checked", "2025-12-12", "header")


def test_blank_lines_above_a_conflict_keep_every_fingerprint(baselined: Path):
    _, before = check_json("--baseline", BASELINE)
    target = max(SEEDS, key=lambda seed: sum(seed.name in d for f in before["findings"] for d in docs_of(f))).name
    path = Path("docs") / target
    lines = path.read_text(encoding="utf-8").split("\n")
    first_line = min(c["line"] for f in before["findings"] for c in f["claims"] if c["doc"] == f"docs/{target}" and c["line"] > 0)
    lines[first_line - 1:first_line - 1] = ["", "", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    code, after = check_json("--baseline", BASELINE)
    assert code == 0
    assert sorted(f["id"] for f in after["findings"]) == sorted(f["id"] for f in before["findings"])
    assert all(f["status"] == "known" for f in after["findings"])
    moved = {(f["id"], c["line"]) for f in after["findings"] for c in f["claims"] if c["doc"] == f"docs/{target}"}
    was = {(f["id"], c["line"]) for f in before["findings"] for c in f["claims"] if c["doc"] == f"docs/{target}"}
    assert moved != was  # the lines did move; the fingerprints did not


def test_update_baseline_keeps_editors_reasons(baselined: Path):
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    data["findings"][0].update(status="false-positive", reason="checked by the desk")
    Path(BASELINE).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    write("docs/early_memo.txt", EARLY_MEMO)
    updated = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--update-baseline", "--format", "json")
    assert updated.exit_code == 0, updated.stderr
    rewritten = {e["id"]: e for e in json.loads(Path(BASELINE).read_text(encoding="utf-8"))["findings"]}
    first = data["findings"][0]
    assert (rewritten[first["id"]]["status"], rewritten[first["id"]]["reason"]) == ("false-positive", "checked by the desk")
    assert len(rewritten) > len(data["findings"])


def test_prune_removes_entries_of_a_deleted_document(baselined: Path):
    before = json.loads(Path(BASELINE).read_text(encoding="utf-8"))["findings"]
    gone = sorted({d for e in before for d in e["documents"]})[0]
    Path(gone).unlink()
    code, report = check_json("--baseline", BASELINE)
    stale = [n for n in report["notes"] if n.startswith("baseline entry")]
    assert len(stale) == sum(gone in e["documents"] for e in before)
    pruned = factcheck("baseline", "docs/", *RUN, "--prune")
    assert pruned.exit_code == 0, pruned.stderr
    after = json.loads(Path(BASELINE).read_text(encoding="utf-8"))["findings"]
    assert after == [e for e in before if gone not in e["documents"]]


def test_missing_baseline_is_exit_2_naming_the_file(repo: Path):
    result = factcheck("check", "docs/", *RUN, "--baseline", "reports/none.json")
    assert result.exit_code == 2
    assert "reports/none.json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------- diff-aware


def test_since_reports_only_findings_touching_changed_documents(repo: Path):
    _, full = check_json()
    old_pairs = [f for f in full["findings"] if len(docs_of(f)) == 2]
    assert old_pairs, "the seeds contradict each other"
    write("docs/early_memo.txt", EARLY_MEMO)  # untracked
    code, report = check_json("--since", "HEAD")
    assert code == 1
    assert report["findings"]
    assert all("docs/early_memo.txt" in docs_of(f) for f in report["findings"])
    assert not {f["id"] for f in report["findings"]} & {f["id"] for f in old_pairs}


def test_since_a_branch_point(repo: Path):
    git("checkout", "-q", "-b", "feature")
    write("docs/early_memo.txt", EARLY_MEMO)
    git("add", "docs/early_memo.txt")
    git("commit", "-q", "-m", "new article")
    code, report = check_json("--since", "main")
    assert code == 1
    assert all("docs/early_memo.txt" in docs_of(f) for f in report["findings"])
    code, report = check_json("--since", "HEAD")
    assert (code, report["findings"]) == (0, [])


def test_since_a_modified_document_reports_its_quality_findings(repo: Path):
    _, full = check_json()
    quality_docs = sorted({c["doc"] for f in full["findings"] if f["kind"] == "quality" for c in f["claims"]})
    assert quality_docs, "seeds 001 and 003 carry pinyin glosses"
    target = Path(quality_docs[0])
    target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _, report = check_json("--since", "HEAD")
    assert {f["id"] for f in report["findings"]} == {f["id"] for f in full["findings"] if str(target) in docs_of(f)}


def test_since_bad_ref_is_exit_2(repo: Path):
    bad = factcheck("check", "docs/", *RUN, "--since", "no-such-ref")
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "factcheck: error: --since no-such-ref: fatal: bad revision 'no-such-ref'"


def test_since_outside_a_repository_is_exit_2(repo: Path):
    shutil.rmtree(".git")
    result = factcheck("check", "docs/", *RUN, "--since", "HEAD")
    assert result.exit_code == 2
    assert result.stderr.startswith("factcheck: error: --since HEAD: fatal: not a git repository")


# -------------------------------------------------------------------- document gate


def test_gb18030_document_is_checked_normally(baselined: Path):
    write("docs/early_memo.txt", EARLY_MEMO)
    _, as_utf8 = check_json("--baseline", BASELINE)
    write("docs/early_memo.txt", EARLY_MEMO, encoding="gb18030")
    code, report = check_json("--baseline", BASELINE)
    status = next(d for d in report["documents"] if d["path"] == "docs/early_memo.txt")
    assert (status["status"], status["encoding"], status["published"]) == ("checked", "gb18030", "2025-12-15")
    assert code == 1
    assert new_findings(report) == new_findings(as_utf8)


def test_undecodable_document_fails_with_one_line(baselined: Path):
    Path("docs/image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    code, report = check_json("--baseline", BASELINE)
    assert code == 1
    new = new_findings(report)
    assert [f["rule"] for f in new] == ["undecodable"]
    message = new[0]["message"]
    assert "docs/image.txt" in message and "\n" not in message
    github = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "github")
    assert github.exit_code == 1
    annotations = [line for line in github.stdout.splitlines() if line.startswith("::")]
    assert annotations == [f"::error file=docs/image.txt,title=undecodable::{message}"]


def test_undated_document_fails_the_document_gate(baselined: Path):
    write("docs/undated.txt", UNDATED)
    code, report = check_json("--baseline", BASELINE)
    assert code == 1
    new = new_findings(report)
    assert "missing-date" in {f["rule"] for f in new}
    missing = next(f for f in new if f["rule"] == "missing-date")
    assert docs_of(missing) == {"docs/undated.txt"}
    assert "docs/undated.txt" in missing["message"] and "\n" not in missing["message"]


def test_empty_document_fails_the_document_gate(baselined: Path):
    write("docs/empty.txt", "date: 2025-12-12\n---\n\n\n")
    code, report = check_json("--baseline", BASELINE)
    assert code == 1
    assert [(f["rule"], docs_of(f)) for f in new_findings(report)] == [("empty-document", {"docs/empty.txt"})]


# --------------------------------------------------------------------- suppressions


def test_suppression_without_reason_is_exit_2(repo: Path):
    Path("rules/accepted.toml").write_text('[[suppress]]\nrule = "name-variant"\n', encoding="utf-8")
    result = factcheck("check", "docs/", *RUN)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "factcheck: error: rules/accepted.toml: [[suppress]] #1: reason is required (say why this finding is accepted)"
    )


def test_suppressions_used_and_unused(repo: Path):
    _, full = check_json()
    target = full["findings"][0]
    Path("rules/accepted.toml").write_text(
        f'[[suppress]]\nfingerprint = "{target["id"]}"\nreason = "checked by the desk"\n\n'
        '[[suppress]]\nrule = "date-conflict"\npath = "archive/*"\nreason = "old archive"\n',
        encoding="utf-8",
    )
    _, report = check_json()
    suppressed = [(f["id"], f["status"], f["reason"]) for f in report["findings"] if f["status"] == "suppressed"]
    assert suppressed == [(target["id"], "suppressed", "checked by the desk")]
    assert "unused suppression in rules/accepted.toml: date-conflict on archive/* (old archive)" in report["notes"]


# -------------------------------------------------------------------------- formats


def test_sarif_output_validates(baselined: Path):
    write("docs/early_memo.txt", EARLY_MEMO)
    result = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "sarif")
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    jsonschema.validate(log, SCHEMA)
    states = {r["baselineState"] for r in log["runs"][0]["results"]}
    assert states == {"new", "unchanged"}


def test_github_one_annotation_per_finding_side(baselined: Path):
    write("docs/early_memo.txt", EARLY_MEMO)
    _, report = check_json("--baseline", BASELINE)
    result = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    expected = [(c["doc"], c["line"], f["rule"]) for f in new_findings(report) for c in f["claims"]]
    assert len(annotations) == len(expected)
    for line, (doc, number, rule) in zip(annotations, expected):
        assert line.startswith(f"::error file={doc},line={number},title={rule}::")


def test_jsonl_lines_match_json_findings(baselined: Path):
    _, report = check_json("--baseline", BASELINE)
    result = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows[:-1] == report["findings"]
    assert rows[-1]["summary"]["new"] == 0
    assert rows[-1]["summary"]["known"] == len(report["findings"])
