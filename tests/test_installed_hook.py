"""factcheck installed as a newsroom installs it: the pre-commit hook in a fresh repository of documents,
and the wheel pre-commit built, run from a folder holding nothing but documents.

pre-commit clones this working tree (committed into a scratch repository) and pip-installs it into a
virtual environment of its own, from a built wheel with its dependencies from the package index:
the slowest test of the suite (about half a minute), and the only one that proves the package works
outside this repository.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GIT_USER = ("-c", "user.email=desk@example.com", "-c", "user.name=Desk", "-c", "commit.gpgsign=false")

TW_STRIKE = "來源: 北港日報\n日期: 2026-03-20\n---\n北港巴士工會罷工\n北港巴士司機工會於2026年3月9日開始罷工，全市公車停駛。\n"
CN_AGREEING = "来源: 南岸晚报\n日期: 2026-03-21\n---\n北港巴士司机罢工\n北港巴士司机工会于2026年3月9日开始罢工，全市公交停驶。\n"
CN_CONTRADICTING = CN_AGREEING.replace("3月9日", "3月16日").replace("南岸晚报", "东港快讯")
FINDING = ("docs/c_cn.txt:5: date-conflict strike (occur): 2026-03-09 in docs/a_tw.txt, docs/b_cn.txt (2 sources) "
           "vs 2026-03-16 in docs/c_cn.txt (1 source)")


def run(*command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(list(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """No GIT_* of a surrounding hook; pre-commit's environments in a folder of this test's own."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "FACTCHECK_", "PRE_COMMIT"))}
    clean["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit-home"))
    clean["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{clean.get('PATH', '')}"  # this venv's pre-commit
    return clean


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """This working tree's package, committed into a scratch repository that pre-commit can clone."""
    repo = tmp_path_factory.mktemp("factcheck-hooks")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "rules", repo / "rules")
    shutil.copytree(ROOT / "factcheck", repo / "factcheck", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for command in (["git", "init", "-q"], ["git", "add", "-A"], ["git", *GIT_USER, "commit", "-q", "-m", "hooks"]):
        assert run(*command, cwd=repo, env=env).returncode == 0
    return repo, run("git", "rev-parse", "HEAD", cwd=repo, env=env).stdout.strip()


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str], hook_repo: tuple[Path, str]) -> Path:
    """A fresh repository of documents whose only factcheck file is .pre-commit-config.yaml."""
    repo = tmp_path_factory.mktemp("newsroom")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {hook_repo[0]}\n    rev: {hook_repo[1]}\n    hooks:\n"
        "      - id: factcheck\n        args: [docs/]\n      - id: factcheck-baseline\n        args: [docs/]\n",
        encoding="utf-8",
    )
    (repo / "docs").mkdir()
    assert run("git", "init", "-q", cwd=repo, env=env).returncode == 0
    assert run("pre-commit", "install", cwd=repo, env=env).returncode == 0
    return repo


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess:
    assert run("git", "add", "-A", cwd=repo, env=env).returncode == 0
    return run("git", *GIT_USER, "commit", "-m", message, cwd=repo, env=env)


def status(repo: Path, env: dict[str, str]) -> str:
    return run("git", "status", "--porcelain", "--untracked-files=all", cwd=repo, env=env).stdout


def test_the_hook_passes_agreeing_documents_and_stops_a_contradiction(newsroom: Path, env: dict[str, str]):
    (newsroom / "docs" / "a_tw.txt").write_text(TW_STRIKE, encoding="utf-8")
    (newsroom / "docs" / "b_cn.txt").write_text(CN_AGREEING, encoding="utf-8")
    first = commit(newsroom, env, "two reports that agree")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "factcheck (source consistency of news documents)" in first.stderr and "Passed" in first.stderr
    assert status(newsroom, env) == ""  # the cache folder ignores itself: `git add -A` finds nothing

    (newsroom / "docs" / "c_cn.txt").write_text(CN_CONTRADICTING, encoding="utf-8")
    second = commit(newsroom, env, "a report that contradicts them")
    assert second.returncode == 1
    said = second.stderr.splitlines()  # git shows the hook's output on its standard error
    assert FINDING in said
    assert ("factcheck: fix the documents, or accept these findings into the baseline with: "
            "pre-commit run factcheck-baseline --hook-stage manual") in said
    assert status(newsroom, env) == "A  docs/c_cn.txt\n"

    accepted = run("pre-commit", "run", "factcheck-baseline", "--hook-stage", "manual", cwd=newsroom, env=env)
    assert accepted.returncode == 0, accepted.stdout
    assert status(newsroom, env) == "A  docs/c_cn.txt\n?? reports/baseline.json\n"  # the output asked for, nothing else
    third = commit(newsroom, env, "the contradiction accepted")
    assert third.returncode == 0, third.stdout
    assert status(newsroom, env) == ""


# ------------------------------------------------- the installed wheel, outside any repository


ALIAS_AND_SEVERITY = '[rules.date-conflict]\nseverity = "warning"\n\n[lexicon.events]\nstrike = ["停工抗議", "停工抗议"]\n'


def installed(env: dict[str, str], name: str) -> Path:
    """A program of the environment pre-commit made for the hook (pip installed the built wheel there)."""
    found = sorted(Path(env["PRE_COMMIT_HOME"]).glob(f"repo*/py_env-*/bin/{name}"))
    assert len(found) == 1, found
    return found[0]


def test_the_installed_wheel_works_in_a_folder_of_documents_only(newsroom: Path, env: dict[str, str],
                                                                  tmp_path: Path):
    commit(newsroom, env, "the hook's environment exists")  # in case this test runs alone
    factcheck, python = installed(env, "factcheck"), installed(env, "python")
    where = run(str(python), "-c", "import factcheck.config as c; print(c.__file__); print(c.packaged_rules())",
                cwd=tmp_path, env=env).stdout.split()
    assert all(Path(env["PRE_COMMIT_HOME"]) in Path(p).parents for p in where)  # a real install, not this tree
    assert not Path(where[1]).is_symlink() and (Path(where[1]) / "rules.toml").is_file()

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a_tw.txt").write_text(TW_STRIKE.replace("開始罷工", "開始停工抗議"), encoding="utf-8")
    (tmp_path / "docs" / "b_cn.txt").write_text(CN_CONTRADICTING, encoding="utf-8")
    plain = run(str(factcheck), "check", "docs/", "--format", "json", cwd=tmp_path, env=env)
    assert plain.returncode == 0, plain.stderr
    assert json.loads(plain.stdout)["findings"] == []  # 停工抗議 is no event of the packaged rules

    (tmp_path / "factcheck.toml").write_text(ALIAS_AND_SEVERITY, encoding="utf-8")
    listed = run(str(factcheck), "rules", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[-3:] == [
        "project settings: factcheck.toml (extending the rules above)",
        '  rules.date-conflict.severity = "warning"',
        '  lexicon.events.strike += ["停工抗議", "停工抗议"]',
    ]
    checked = run(str(factcheck), "check", "docs/", "--format", "concise", cwd=tmp_path, env=env)
    assert checked.returncode == 0, checked.stderr  # a warning now: below --fail-on error
    assert checked.stdout.splitlines()[0] == (
        "docs/a_tw.txt:5: date-conflict strike (occur): 2026-03-09 in docs/a_tw.txt (1 source) "
        "vs 2026-03-16 in docs/b_cn.txt (1 source)")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".factcheck_cache", "docs", "factcheck.toml"]
