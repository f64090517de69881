"""Issue 11: rule files that used to trace back or hang the run.

Every regular expression from a rules file runs on RE2 (linear time); a pattern RE2 cannot take,
and a file Python cannot read, is one line on stderr naming the file and the key, exit 2.
"""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import clean
from factcheck.config import ConfigError, PatternError, rule_regex
from factcheck.settings import load_config
from factcheck.model import RawDocument

ROOT = Path(__file__).resolve().parent.parent
HANG_GUARD = 120  # seconds: only a run that hangs reaches it
PROSE = "這家公司在今年十二月一日發布了新一代的模型，引起了業界廣泛的關注。"


def raw(text: str) -> RawDocument:
    return RawDocument("a.txt", text, "utf-8", "0" * 64)


def rules_with(tmp_path: Path, pattern: str, key: str = "line_patterns") -> Path:
    """The shipped rules, with `pattern` first in [lexicon.boilerplate] `key`."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    boilerplate = rules / "boilerplate.toml"
    text = boilerplate.read_text(encoding="utf-8")
    assert f"{key} = [\n" in text and "'" not in pattern
    boilerplate.write_text(text.replace(f"{key} = [\n", f"{key} = [\n    '{pattern}',\n", 1), encoding="utf-8")
    return rules


def run(tmp_path: Path, rules: Path, *documents: str) -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    for number, text in enumerate(documents):
        (docs / f"doc{number}.txt").write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "factcheck", "check", str(docs), "--rules", str(rules), "--no-cache", "--jobs", "1",
         "--format", "json"],
        capture_output=True, text=True, timeout=HANG_GUARD, cwd=tmp_path,
    )


# ---------------------------------------------------------------- what used to trace back


def test_toml_nested_too_deep_is_one_line_naming_file_and_key(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    depth = 20_000
    (rules / "deep.toml").write_text("# nested\n\n[lexicon.anchors]\nignore = " + "[" * depth + "]" * depth + "\n")
    result = run(tmp_path, rules, "date: 2025-12-10\n---\n" + PROSE + "\n")
    assert result.returncode == 2
    assert result.stderr == f"factcheck: error: {rules / 'deep.toml'}: key 'ignore' (line 4) nested too deeply to read\n"
    assert result.stdout == ""


def test_a_pattern_of_5000_nested_groups_is_read_and_used(tmp_path):
    # Python's engine gave up on it with a RecursionError (a 2,997-line traceback); RE2 takes it
    pattern = "(" * 5000 + "頁尾廣告" + ")" * 5000
    rules = rules_with(tmp_path, pattern)
    config = load_config(rules)
    document = clean.clean(raw(f"{PROSE}\n本頁尾廣告由贊助商提供\n{PROSE}\n"), config)
    assert [line.number for line in document.lines] == [1, 3]
    result = run(tmp_path, rules, "date: 2025-12-10\n---\n" + PROSE + "\n")
    assert (result.returncode, result.stderr) == (0, "")


def test_an_engine_giving_up_on_a_pattern_is_a_config_error(tmp_path, monkeypatch):
    import re2

    def give_up(*args, **kwargs):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(re2, "compile", give_up)
    rules = rules_with(tmp_path, "never compiled before x{3}y")
    with pytest.raises(ConfigError) as raised:
        load_config(rules)
    assert str(raised.value) == (
        f"{rules / 'boilerplate.toml'}: [lexicon.boilerplate] line_patterns: "
        "invalid regular expression 'never compiled before x{3}y': RecursionError"
    )


# ---------------------------------------------------------------------- what used to hang


def test_a_catastrophic_backtracking_pattern_does_not_hang_the_run(tmp_path):
    rules = rules_with(tmp_path, "^(a+)+$")
    trap = "a" * 40 + "!"
    result = run(tmp_path, rules, f"date: 2025-12-10\n---\n{PROSE}\n{trap}\n{PROSE}\n")
    assert (result.returncode, result.stderr) == (0, "")
    # and the pattern still means what it says: a line of only a's is dropped, the trap is not
    config = load_config(rules)
    document = clean.clean(raw(f"{PROSE}\n{trap}\naaaa\n{PROSE}\n"), config)
    assert [line.number for line in document.lines] == [1, 2, 4]


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        ("(a)\\1", "invalid escape sequence: \\1"),
        ("(?<=a)b", "invalid perl operator: (?<="),
        ("(?x)a b", "invalid perl operator: (?x"),
        ("a*+", "bad repetition operator: *+"),
    ],
)
def test_a_pattern_re2_cannot_take_is_exit_2_naming_file_and_key(tmp_path, pattern, reason):
    rules = rules_with(tmp_path, pattern, key="stop_patterns")
    result = run(tmp_path, rules, "date: 2025-12-10\n---\n" + PROSE + "\n")
    assert result.returncode == 2
    assert result.stderr == (
        f"factcheck: error: {rules / 'boilerplate.toml'}: [lexicon.boilerplate] stop_patterns: "
        f"invalid regular expression {pattern!r}: {reason} "
        "(rule patterns run on RE2: no backreferences, lookaround or (?x))\n"
    )


def test_a_negated_class_escape_inside_a_class_is_refused():
    with pytest.raises(PatternError, match=r"\\S inside \[\.\.\.\]"):
        rule_regex(("[\\Sx]",))


# ------------------------------------------------------------ same meaning as Python's syntax


PATTERNS = [
    "^\\d+\\s*条", "\\s[>»]\\s", "^\\S{0,4}\\.jpg$", "\\w+@", "^\\W", "[\\d\\s]{2}", "^[^\\s。]{1,3}$", "a{,2}b",
    "\\u4e00\\Z", "\\Aq", "^[]x]", "(?i)^icp", "(?s)a.b", "x$", "(?i:k)s", "[^\\w\\s]", "^(分享|订阅)\\s*[:：]?\\s*$",
]
ALPHABET = [*"ab qxsK:：.jpg条@", "\u3000", "\xa0", "\u2003", "\t", "\x0b", "\x1c", "\x85", "１", "٣", "中", "一", "分享",
            "订阅", "_", "é", "ICP", "icp", "»", ">", "。", "！"]


@pytest.mark.parametrize("seed", range(300))
def test_rule_patterns_match_the_lines_pythons_engine_matches(seed):
    rng = random.Random(seed)
    pattern = rng.choice(PATTERNS)
    line = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 10)))
    assert bool(rule_regex((pattern,)).search(line)) == bool(re.search(pattern, line)), (pattern, line)
