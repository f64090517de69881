"""A newsroom's own repository: packaged rules, factcheck.toml / [tool.factcheck] discovery, settings
that extend the packaged rules, `factcheck rules` naming each setting's file, and the cache folder."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.config import ConfigError, packaged_rules
from factcheck.settings import load_config
from factcheck.project import CACHEDIR_TAG, GITIGNORE, cache_file, find_project, read_project_file

ROOT = Path(__file__).resolve().parent.parent
RUN = ("--no-cache", "--jobs", "1")

# A stoppage called 停工抗議 in Taiwan's report and 罢工 in the mainland one: the same strike only
# once the project adds 停工抗議 / 停工抗议 to the event `strike`.
TW_STOPPAGE = """來源: 北港日報
日期: 2026-03-20
---
北港巴士司機停工抗議
北港巴士司機工會於2026年3月9日開始停工抗議，全市公車停駛。
"""
CN_STRIKE = """来源: 南岸晚报
日期: 2026-03-21
---
北港巴士司机罢工
北港巴士司机工会于2026年3月16日开始罢工，全市公交停驶。
"""
ALIAS_AND_SEVERITY = """[rules.date-conflict]
severity = "warning"

[lexicon.events]
strike = ["停工抗議", "停工抗议"]
"""


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository holding only documents (no rules/), as a newsroom's would."""
    monkeypatch.delenv("FACTCHECK_RULES", raising=False)
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    subprocess.run(["git", "init", "-q"], check=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a_tw.txt").write_text(TW_STOPPAGE, encoding="utf-8")
    (tmp_path / "docs" / "b_cn.txt").write_text(CN_STRIKE, encoding="utf-8")
    return tmp_path


def findings(*args: str) -> tuple[int, list[tuple[str, str, str]]]:
    result = invoke("check", "docs", *RUN, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, [(f["rule"], f["severity"], f["subject"]) for f in json.loads(result.stdout)["findings"]]


# ------------------------------------------------------------------ packaged rules


def test_the_packaged_rules_are_the_repository_rules_folder():
    packaged = sorted(p.name for p in packaged_rules().iterdir() if p.name.endswith(".toml"))
    assert packaged == sorted(p.name for p in (ROOT / "rules").glob("*.toml"))
    assert load_config().digest == load_config(ROOT / "rules").digest


def test_without_a_rules_folder_the_packaged_rules_run(newsroom):
    assert not (newsroom / "rules").exists()
    assert findings() == (0, [])  # 停工抗議 is no lexicon event: nothing to compare yet


# ------------------------------------------------------------------ discovery


def test_the_nearest_factcheck_toml_extends_the_packaged_rules(newsroom):
    (newsroom / "factcheck.toml").write_text(ALIAS_AND_SEVERITY, encoding="utf-8")
    assert findings() == (0, [("date-conflict", "warning", "strike")])  # the alias joins them; a warning does not fail
    (newsroom / "docs" / "deeper").mkdir()
    assert find_project(newsroom / "docs" / "deeper").path == newsroom / "factcheck.toml"


def test_pyproject_tool_table_is_read_and_a_pyproject_without_one_is_passed_over(newsroom):
    (newsroom / "pyproject.toml").write_text('[tool.black]\nline-length = 100\n', encoding="utf-8")
    assert find_project(newsroom) is None
    tool = ALIAS_AND_SEVERITY.replace("[rules.", "[tool.factcheck.rules.").replace("[lexicon.", "[tool.factcheck.lexicon.")
    (newsroom / "pyproject.toml").write_text(tool, encoding="utf-8")
    project = find_project(newsroom)
    assert project.label == "pyproject.toml [tool.factcheck]"
    assert findings() == (0, [("date-conflict", "warning", "strike")])


def test_factcheck_toml_wins_over_pyproject_in_the_same_folder(newsroom):
    (newsroom / "pyproject.toml").write_text('[tool.factcheck.rules.date-conflict]\nseverity = "info"\n', encoding="utf-8")
    (newsroom / "factcheck.toml").write_text(ALIAS_AND_SEVERITY, encoding="utf-8")
    assert find_project(newsroom).label == "factcheck.toml"


def test_the_search_stops_at_the_repository_root(newsroom):
    # a settings file above the repository belongs to another project
    (newsroom / "inner").mkdir()
    subprocess.run(["git", "init", "-q", "inner"], check=True)
    assert find_project(newsroom / "inner") is None
    (newsroom / "inner" / "factcheck.toml").write_text("", encoding="utf-8")
    assert find_project(newsroom / "inner").path == newsroom / "inner" / "factcheck.toml"


def test_config_option_names_the_file(newsroom):
    (newsroom / "settings").mkdir()
    (newsroom / "settings" / "desk.toml").write_text(ALIAS_AND_SEVERITY, encoding="utf-8")
    assert findings() == (0, [])
    assert findings("--config", "settings/desk.toml") == (0, [("date-conflict", "warning", "strike")])
    missing = invoke("check", "docs", *RUN, "--config", "nowhere.toml")
    assert (missing.exit_code, missing.stderr) == (2, "factcheck: error: nowhere.toml: config file not found\n")
    (newsroom / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    bare = invoke("check", "docs", *RUN, "--config", "pyproject.toml")
    assert (bare.exit_code, bare.stderr) == (2, "factcheck: error: pyproject.toml: no [tool.factcheck] table\n")


# ------------------------------------------------------------------ extend or replace


def test_extend_false_replaces_the_packaged_rules(newsroom):
    (newsroom / "factcheck.toml").write_text("extend = false\n" + ALIAS_AND_SEVERITY, encoding="utf-8")
    config = load_config(project=find_project(newsroom))
    assert config.lexicon == {"events": {"strike": ["停工抗議", "停工抗议"]}}  # no packaged lexicon left
    assert config.origins == {"lexicon.events": ("factcheck.toml",), "rules.date-conflict": ("factcheck.toml",)}


def test_project_entries_are_added_to_the_packaged_ones(newsroom):
    (newsroom / "factcheck.toml").write_text(
        ALIAS_AND_SEVERITY + '[lexicon.anchors]\nignore = ["BUS"]\n\n'
        '[[suppress]]\nrule = "name-variant"\npath = "docs/*"\nreason = "本報譯名自有體例"\n', encoding="utf-8")
    packaged, project = load_config(), load_config(project=find_project(newsroom))
    assert project.lexicon["events"]["strike"] == [*packaged.lexicon["events"]["strike"], "停工抗議", "停工抗议"]
    assert project.lexicon["events"]["code-red"] == packaged.lexicon["events"]["code-red"]
    assert project.lexicon["anchors"]["ignore"] == [*packaged.lexicon["anchors"]["ignore"], "BUS"]
    assert project.rules["date-conflict"].severity.value == "warning"
    assert [(s.rule, s.file) for s in project.suppressions] == [("name-variant", "factcheck.toml")]
    assert project.digest != packaged.digest  # cached claims and baselines follow the settings
    assert project.origins["lexicon.events"] == ("packaged", "factcheck.toml")


@pytest.mark.parametrize("text, message", [
    ("colour = 1\n", "factcheck.toml: unknown key 'colour' (expected extend, rules, lexicon or suppress)"),
    ("extend = 'no'\n", "factcheck.toml: extend must be true or false, got 'no'"),
    ("[rules.date-conflict]\nthreshold = 3\n", "factcheck.toml: [rules.date-conflict] unknown key 'threshold'"),
    ("[lexicon.events]\nstrike = '停工'\n", "factcheck.toml: [lexicon.events] strike must be a list of strings"),
    ("[[suppress]]\nrule = 'name-variant'\n", "factcheck.toml: [[suppress]] #1: reason is required"),
    ("[rules\n", "factcheck.toml: TOML syntax error"),
])
def test_a_bad_setting_names_the_project_file(newsroom, text, message):
    (newsroom / "factcheck.toml").write_text(text, encoding="utf-8")
    result = invoke("check", "docs", *RUN)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {message}")


# ------------------------------------------------------------------ factcheck rules


def test_rules_lists_each_project_setting_with_its_file(newsroom):
    (newsroom / "factcheck.toml").write_text(ALIAS_AND_SEVERITY, encoding="utf-8")
    result = invoke("rules")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[lines.index("") + 1:] == [
        "project settings: factcheck.toml (extending the rules above)",
        '  rules.date-conflict.severity = "warning"',
        '  lexicon.events.strike += ["停工抗議", "停工抗议"]',
    ]
    date_row = next(line for line in lines if line.startswith("date-conflict "))
    assert date_row.split()[:5] == ["date-conflict", "date", "error", "warning", "yes"]
    rows = {row["id"]: row for row in json.loads(invoke("rules", "--format", "json").stdout)}
    assert rows["date-conflict"]["source"] == ["packaged", "factcheck.toml"]
    assert rows["name-variant"]["source"] == ["packaged"]
    assert rows["undecodable"]["source"] == []  # never configured: the check's own default


# ------------------------------------------------------------------ the cache folder


def test_the_cache_folder_sits_beside_the_settings_and_ignores_itself(newsroom):
    (newsroom / "factcheck.toml").write_text("", encoding="utf-8")
    before = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], capture_output=True, text=True)
    result = invoke("check", "docs", "--jobs", "1", "--format", "json")
    assert result.exit_code == 0, result.stderr
    folder = newsroom / ".factcheck_cache"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("claims.sqlite")) == [".gitignore", "CACHEDIR.TAG"]
    assert (folder / "claims.sqlite").is_file()
    assert (folder / ".gitignore").read_text(encoding="utf-8") == GITIGNORE
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8") == CACHEDIR_TAG
    after = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], capture_output=True, text=True)
    assert after.stdout == before.stdout  # nothing new for `git add -A` to take


def test_the_cache_folder_is_at_the_repository_root_without_settings(newsroom, monkeypatch):
    (newsroom / "docs" / "deeper").mkdir()
    monkeypatch.chdir(newsroom / "docs" / "deeper")
    assert cache_file(None, None) == newsroom / ".factcheck_cache" / "claims.sqlite"
    assert (newsroom / ".factcheck_cache" / "CACHEDIR.TAG").is_file()


def test_cache_dir_option_and_environment(newsroom, monkeypatch):
    assert invoke("check", "docs", "--jobs", "1", "--cache-dir", "tmp-cache", "--format", "json").exit_code == 0
    assert sorted(p.name for p in (newsroom / "tmp-cache").iterdir())[:3] == [".gitignore", "CACHEDIR.TAG", "claims.sqlite"]
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(newsroom / "env-cache"))
    assert cache_file(None, None) == newsroom / "env-cache" / "claims.sqlite"
    assert cache_file(None, Path("option-wins")) == Path("option-wins/claims.sqlite")


def test_an_existing_folder_of_the_users_is_not_marked(newsroom):
    (newsroom / "reports").mkdir()
    (newsroom / "reports" / "week.txt").write_text("週報\n", encoding="utf-8")
    assert cache_file(None, Path("reports")) == Path("reports/claims.sqlite")
    assert sorted(p.name for p in (newsroom / "reports").iterdir()) == ["week.txt"]  # no .gitignore hiding their files


def test_read_project_file_of_a_pyproject_without_the_table_is_none(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool]\nfactcheck = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[tool.factcheck\] must be a table"):
        read_project_file(tmp_path / "pyproject.toml")
