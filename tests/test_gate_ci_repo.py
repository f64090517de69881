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

# The acceptance, in Traditional script with a 來源/日期 header: the CEO declaring the code
# red on the day the corpus gives (1 December), and on a day nobody gave (20 November).
TW_AGREEING = """來源: 測試新聞網
日期: 2025-12-05
---
OpenAI宣布進入紅色警報狀態
OpenAI執行長奧特曼（Sam Altman）於2025年12月1日宣布公司進入「紅色警報」（code red）狀態，集中資源改進ChatGPT。
消息人士表示，其他產品的開發將暫緩。
"""
TW_NEW_DATE = TW_AGREEING.replace("2025年12月1日", "2025年11月20日")

UNDATED = """OpenAI进入红色警报状态
据内部消息，OpenAI正式进入“红色警报”状态，集中资源改进ChatGPT，暂停其他项目。
这家公司正面临谷歌的激烈竞争，多位研究人员选择离职。
"""

def git(*args: str) -> str:
    done = subprocess.run(["git", *args], check=True, capture_output=True, text=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository: docs/ holds the seeds, rules/ the repository's own rules directory (in
    place of the packaged rules, through $FACTCHECK_RULES); committed on main."""
    monkeypatch.setenv("FACTCHECK_RULES", "rules")
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


def claims_of(finding: dict) -> list[dict]:
    """Every statement of a finding, side after side."""
    return [claim for side in finding["sides"] for claim in side["claims"]]


def docs_of(finding: dict) -> set[str]:
    return {claim["doc"] for claim in claims_of(finding)}


def write(path: str, text: str, encoding: str = "utf-8") -> None:
    Path(path).write_bytes(text.encode(encoding))


def baseline_entries() -> list[dict]:
    return json.loads(Path(BASELINE).read_text(encoding="utf-8"))["findings"]


def stale_notes(report: dict) -> list[str]:
    return [note for note in report["notes"] if note.startswith("baseline entry")]


def sides_of(finding: dict) -> dict[str, tuple[int, bool, set[str]]]:
    """side value -> (sources, majority, documents)."""
    return {s["value"]: (s["sources"], s["majority"], {c["doc"] for c in s["claims"]}) for s in finding["sides"]}


CODE_RED_001 = "docs/001_4a4afa760a3b38ca.txt"  # dates the code red 2025年12月1日
CODE_RED_002 = "docs/002_9cce78ee4fb8eaa2.txt"  # dates it 2026年12月


def code_red_entry() -> dict:
    """The baselined dispute over the code red's date (the seeds hold exactly one date conflict)."""
    (entry,) = [e for e in baseline_entries() if e["rule"] == "date-conflict"]
    assert set(entry["documents"]) == {CODE_RED_001, CODE_RED_002}
    return entry


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
    old = code_red_entry()
    write("docs/early_memo.txt", EARLY_MEMO)
    code, report = check_json("--baseline", BASELINE)
    new = new_findings(report)
    assert code == 1
    assert [f["rule"] for f in new] == ["date-conflict"]  # one disputed fact, whatever the documents
    (finding,) = new
    # the memo's month is a third side of the baselined dispute, which is therefore a new finding
    assert sides_of(finding) == {
        "2025-11": (1, False, {"docs/early_memo.txt"}),
        "2025-12-01": (1, False, {CODE_RED_001}),
        "2026-12": (1, False, {CODE_RED_002}),
    }
    assert set(old["values"]) < set(sides_of(finding)) and finding["id"] != old["id"]
    assert stale_notes(report) == [f"baseline entry {old['id']} ({old['rule']} {old['subject']}) no longer matches any finding"]
    assert all(f["status"] == "known" for f in report["findings"] if f is not finding)


def test_name_spelt_differently_fails_with_a_name_variant(baselined: Path):
    write(
        "docs/pachocky.txt",
        "date: 2025-12-12\n---\nOpenAI首席科学家雅各布·帕乔基(Jakub Pachocky)表示，研究团队仍在推进推理模型。\n"
        "他说，公司的长期研究不会因此停止。\n",
    )
    (old,) = [e for e in baseline_entries() if e["rule"] == "name-variant"]
    code, report = check_json("--baseline", BASELINE, "--fail-on", "warning")
    new = new_findings(report)
    assert code == 1
    assert {f["rule"] for f in new} == {"name-variant"}
    # one finding for the person: the new spelling a third side beside the two already in the corpus
    assert [f["message"] for f in new] == [
        "Jakub Pachocki in docs/001_4a4afa760a3b38ca.txt, docs/002_9cce78ee4fb8eaa2.txt vs "
        "Jakub Pachocky in docs/pachocky.txt vs Jakub Patchocki in docs/000_9838966ce02efd59.txt",
    ]
    assert sides_of(new[0]) == {
        "jakub pachocki": (2, True, {CODE_RED_001, CODE_RED_002}),
        "jakub pachocky": (1, False, {"docs/pachocky.txt"}),
        "jakub patchocki": (1, False, {"docs/000_9838966ce02efd59.txt"}),
    }
    assert stale_notes(report) == [f"baseline entry {old['id']} ({old['rule']} {old['subject']}) no longer matches any finding"]


def test_agreeing_document_passes(baselined: Path):
    # Seed 002 dates the memo 2026年12月, against 001's 2025年12月1日. A document agreeing with 001
    # joins 001's side of that one disputed fact: the same finding, already in the baseline.
    old = code_red_entry()
    write("docs/agreeing.txt", AGREEING)
    code, report = check_json("--baseline", BASELINE)
    assert code == 0
    assert new_findings(report) == []
    assert stale_notes(report) == []
    touching = [f for f in report["findings"] if "docs/agreeing.txt" in docs_of(f)]
    assert [(f["id"], f["status"]) for f in touching] == [(old["id"], "known")]
    assert sides_of(touching[0]) == {
        "2025-12-01": (2, True, {CODE_RED_001, "docs/agreeing.txt"}), "2026-12": (1, False, {CODE_RED_002}),
    }
    status = next(d for d in report["documents"] if d["path"] == "docs/agreeing.txt")
    assert (status["status"], status["published"], status["published_from"]) == ("checked", "2025-12-12", "header")
    # the desk may still accept 002's error by path: the finding holding 002 is then suppressed
    Path("rules/accepted.toml").write_text(
        '[[suppress]]\nrule = "date-conflict"\npath = "docs/002_*"\nreason = "002 misdates the memo as 2026年12月"\n',
        encoding="utf-8",
    )
    code, report = check_json("--baseline", BASELINE)
    assert code == 0
    touching = [f for f in report["findings"] if "docs/agreeing.txt" in docs_of(f)]
    assert [(f["status"], f["reason"]) for f in touching] == [("suppressed", "002 misdates the memo as 2026年12月")]
    assert CODE_RED_002 in docs_of(touching[0])


def test_acceptance_a_document_agreeing_with_the_majority_exits_0(baselined: Path):
    old = code_red_entry()
    write("docs/tw_agreeing.txt", TW_AGREEING)
    result = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert new_findings(report) == [] and stale_notes(report) == []
    # the new document stands on 001's side of the one code-red finding, which keeps its id
    touching = [f for f in report["findings"] if "docs/tw_agreeing.txt" in docs_of(f)]
    assert [(f["id"], f["status"]) for f in touching] == [(old["id"], "known")]
    assert sides_of(touching[0]) == {
        "2025-12-01": (2, True, {CODE_RED_001, "docs/tw_agreeing.txt"}), "2026-12": (1, False, {CODE_RED_002}),
    }
    claim = next(c for c in claims_of(touching[0]) if c["doc"] == "docs/tw_agreeing.txt")
    assert (claim["raw"], claim["outlet"], claim["line"]) == ("2025年12月1日", "測試新聞網", 5)
    status = next(d for d in report["documents"] if d["path"] == "docs/tw_agreeing.txt")
    assert (status["status"], status["published"], status["published_from"]) == ("checked", "2025-12-05", "header")


def test_acceptance_a_document_bringing_a_new_date_exits_1(baselined: Path):
    old = code_red_entry()
    write("docs/tw_new_date.txt", TW_NEW_DATE)
    result = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    new = new_findings(report)
    assert [f["rule"] for f in new] == ["date-conflict"]
    (finding,) = new
    assert sides_of(finding)["2025-11-20"] == (1, False, {"docs/tw_new_date.txt"})
    assert set(sides_of(finding)) == {"2025-11-20", *old["values"]}
    assert finding["id"] != old["id"]
    claim = next(c for c in claims_of(finding) if c["doc"] == "docs/tw_new_date.txt")
    assert (claim["raw"], claim["value"], claim["outlet"]) == ("2025年11月20日", "2025-11-20", "測試新聞網")
    assert stale_notes(report) == [f"baseline entry {old['id']} ({old['rule']} {old['subject']}) no longer matches any finding"]


def test_blank_lines_above_a_conflict_keep_every_fingerprint(baselined: Path):
    _, before = check_json("--baseline", BASELINE)
    target = max(SEEDS, key=lambda seed: sum(seed.name in d for f in before["findings"] for d in docs_of(f))).name
    doc = f"docs/{target}"
    path = Path(doc)
    lines = path.read_text(encoding="utf-8").split("\n")
    first_line = min(c["line"] for f in before["findings"] for c in claims_of(f) if c["doc"] == doc and c["line"] > 0)
    lines[first_line - 1:first_line - 1] = ["", "", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    code, after = check_json("--baseline", BASELINE)
    assert code == 0
    assert sorted(f["id"] for f in after["findings"]) == sorted(f["id"] for f in before["findings"])
    assert all(f["status"] == "known" for f in after["findings"])
    assert stale_notes(after) == []
    moved = {(f["id"], c["line"]) for f in after["findings"] for c in claims_of(f) if c["doc"] == doc}
    was = {(f["id"], c["line"]) for f in before["findings"] for c in claims_of(f) if c["doc"] == doc}
    assert moved == {(i, line + 3) for i, line in was if line >= first_line} | {(i, line) for i, line in was if line < first_line}
    # a conflict between documents was among what moved: the fingerprints did not
    conflicts = {f["id"] for f in before["findings"] if f["kind"] != "quality" and doc in docs_of(f)}
    assert conflicts and {i for i, _ in moved - was} & conflicts


def test_update_baseline_keeps_editors_reasons(baselined: Path):
    data = json.loads(Path(BASELINE).read_text(encoding="utf-8"))
    old = code_red_entry()
    first = next(e for e in data["findings"] if e["id"] != old["id"])
    first.update(status="false-positive", reason="checked by the desk")
    Path(BASELINE).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    write("docs/early_memo.txt", EARLY_MEMO)
    updated = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--update-baseline", "--format", "json")
    assert updated.exit_code == 0, updated.stderr
    rewritten = {e["id"]: e for e in json.loads(Path(BASELINE).read_text(encoding="utf-8"))["findings"]}
    assert (rewritten[first["id"]]["status"], rewritten[first["id"]]["reason"]) == ("false-positive", "checked by the desk")
    # the memo widened the code-red dispute: its new finding replaces the old entry, nothing else changes
    (widened,) = [f for f in json.loads(updated.stdout)["findings"] if "docs/early_memo.txt" in docs_of(f)]
    assert set(rewritten) == {e["id"] for e in data["findings"]} - {old["id"]} | {widened["id"]}
    assert rewritten[widened["id"]]["documents"] == sorted([*old["documents"], "docs/early_memo.txt"])
    assert rewritten[widened["id"]]["values"] == sorted([*old["values"], "2025-11"])


def test_prune_removes_entries_of_a_deleted_document(baselined: Path):
    before = json.loads(Path(BASELINE).read_text(encoding="utf-8"))["findings"]
    gone = sorted({d for e in before for d in e["documents"]})[0]
    _, full = check_json("--baseline", BASELINE)
    # a finding is gone with the document when the document alone held one of its sides (its
    # quality findings, and every dispute where it alone stated a value); one where it stood
    # beside other documents keeps its id
    lost = {f["id"] for f in full["findings"] if any({c["doc"] for c in s["claims"]} == {gone} for s in f["sides"])}
    assert lost and lost <= {e["id"] for e in before if gone in e["documents"]}
    Path(gone).unlink()
    code, report = check_json("--baseline", BASELINE)
    assert sorted(stale_notes(report)) == sorted(
        f"baseline entry {e['id']} ({e['rule']} {e['subject']}) no longer matches any finding" for e in before if e["id"] in lost
    )
    pruned = factcheck("baseline", "docs/", *RUN, "--prune")
    assert pruned.exit_code == 0, pruned.stderr
    after = json.loads(Path(BASELINE).read_text(encoding="utf-8"))["findings"]
    assert after == [e for e in before if e["id"] not in lost]


def test_missing_baseline_is_exit_2_naming_the_file(repo: Path):
    result = factcheck("check", "docs/", *RUN, "--baseline", "reports/none.json")
    assert result.exit_code == 2
    assert "reports/none.json" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------- diff-aware


def test_since_reports_only_findings_touching_changed_documents(repo: Path):
    _, full = check_json()
    old_pairs = [f for f in full["findings"] if len(docs_of(f)) >= 2]  # every dispute between documents
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
    quality_docs = sorted({c["doc"] for f in full["findings"] if f["kind"] == "quality" for c in claims_of(f)})
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


def test_github_one_annotation_per_minority_statement(baselined: Path):
    def annotated(report: dict) -> list[tuple[str, int, str]]:
        """Each new finding's statements on the sides fewer sources support (all when none leads)."""
        out = []
        for f in new_findings(report):
            led = any(s["majority"] for s in f["sides"])
            out += [(c["doc"], c["line"], f["rule"]) for s in f["sides"] if not (led and s["majority"]) for c in s["claims"]]
        return out

    write("docs/early_memo.txt", EARLY_MEMO)
    _, report = check_json("--baseline", BASELINE)
    result = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "github")
    assert result.exit_code == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    expected = annotated(report)
    assert len(annotations) == len(expected) == len(claims_of(new_findings(report)[0]))  # no side leads: all
    for line, (doc, number, rule) in zip(annotations, expected):
        assert line.startswith(f"::error file={doc},line={number},title={rule}::")
    # a second document agreeing with the memo makes its side the majority: only the others are annotated
    write("docs/early_memo_2.txt", EARLY_MEMO.replace("测试快讯", "另一家快讯"))
    _, report = check_json("--baseline", BASELINE)
    result = factcheck("check", "docs/", *RUN, "--baseline", BASELINE, "--format", "github")
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    expected = annotated(report)
    assert {doc for doc, _, _ in expected} == {CODE_RED_001, CODE_RED_002}
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
