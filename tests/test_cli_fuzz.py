"""bench/fuzz.py --cli, small enough for CI: batches of hostile files through `factcheck check` in a
subprocess. Each run exits 0 or 1 with no traceback, its report parses, and every file of the
batch is listed exactly once, checked or skipped with a one-line reason (issue 11)."""
from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent


def _load_fuzz():
    spec = importlib.util.spec_from_file_location("bench_fuzz", ROOT / "bench" / "fuzz.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


fuzz = _load_fuzz()
MODES = [name for name, _, _ in fuzz.BATCH_MODES]


def test_batches_of_hostile_documents_are_each_listed_once_without_a_crash(tmp_path):
    # json --jobs 2; sarif with a cache then JSON warm; jsonl + CSV cold, files changed, JSON --jobs 2
    modes = (MODES.index("json --jobs 2"), MODES.index("sarif, cached; json warm"),
             MODES.index("jsonl + csv, cached; files changed; json --jobs 2"))
    tally = fuzz.fuzz_cli(documents=120, batch_size=40, seed=11, root=tmp_path, progress=False, modes=modes)
    details = "\n".join([*tally.crashes, *tally.crash_details.values(), *tally.missing, *tally.other])
    assert not tally.failed, details
    assert tally.batches == 3 and tally.runs == 5
    assert tally.documents == tally.made >= 120
    assert tally.checked > 0 and tally.skipped > 0 and tally.findings > 0
    assert tally.usage_errors == len(fuzz.USAGE_ERRORS)
    assert set(tally.exit_codes) <= {0, 1}


def test_a_batch_holds_every_kind_of_hostile_entry(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "article.txt").write_text(fuzz.ARTICLE_OUTSIDE, encoding="utf-8")
    batch = fuzz.make_batch(tmp_path, "b", random.Random("fuzz-kinds"), 40)
    expected = batch.expected
    assert len([path for path in expected if not expected[path]]) >= 40
    assert {"b/dead.txt", "b/self loop.txt", "b/sub/up", "b/pipe.txt", "b/outside.txt", "b/hard link.txt"} <= set(expected)
    assert expected["b/pipe.txt"] == "not a regular file"
    assert not any(".hidden" in path or "dotfile" in path or path.endswith((".bin", "README", "~", ".bak")) for path in expected)
    assert (tmp_path / "b" / "x.txt").is_dir() or (tmp_path / "b" / "empty.txt").is_dir()
    assert len(set(expected)) == len(expected)


def test_shown_escapes_names_as_the_report_must():
    assert fuzz.shown("a b/新聞.txt") == "a b/新聞.txt"
    assert fuzz.shown("line\nbreak.txt") == "line\\x0abreak.txt"
    assert fuzz.shown("back\\slash.txt") == "back\\\\slash.txt"
    assert fuzz.shown("\\x0a.txt") == "\\\\x0a.txt"  # not the same as a newline
    assert fuzz.shown("bytes-\udcff.txt") == "bytes-\\xff.txt"
    assert fuzz.shown("\u202eevil.txt") == "\\u202eevil.txt"


def _report(*paths: str, reason: str = "") -> dict:
    status = "skipped" if reason else "checked"
    return {"documents": [{"path": p, "status": status, "reason": reason} for p in paths], "findings": []}


def test_the_checker_sees_a_missing_a_doubled_and_a_crashed_document():
    batch = fuzz.Batch(Path("b"), expected={"b/a.txt": "", "b/b.txt": ""})
    tally = fuzz.CliTally()
    fuzz._check_json(_report("b/a.txt", "b/a.txt"), batch, tally, "run", 0)
    assert len(tally.missing) == 2  # b/b.txt absent, b/a.txt twice
    tally = fuzz.CliTally()
    fuzz._check_json(_report("b/a.txt", "b/b.txt", reason="internal error, please report: ValueError: x"), batch, tally, "run", 0)
    assert len(tally.crashes) == 2 and not tally.missing
    tally = fuzz.CliTally()
    fuzz._check_json(_report("b/a.txt", "b/b.txt", "b/c.txt"), batch, tally, "run", 0)
    assert tally.other and not tally.missing and not tally.crashes


def test_a_tiny_and_a_huge_figure_for_one_fact_do_not_crash_the_run(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("date: 2025-12-10\n---\n蘋果融資達十萬八千億兆億美元。\n", encoding="utf-8")
    (docs / "b.txt").write_text("date: 2025-12-10\n---\n蘋果融資達0." + "0" * 300 + "1億美元。\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "factcheck", "check", "docs", "--no-cache", "--format", "json"],
                          cwd=tmp_path, capture_output=True, env=fuzz_env(), timeout=300)
    assert "Traceback" not in done.stderr.decode("utf-8", errors="replace")
    assert done.returncode in (0, 1)
    assert [d["path"] for d in json.loads(done.stdout)["documents"]] == ["docs/a.txt", "docs/b.txt"]


def fuzz_env() -> dict:
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("FACTCHECK_RULES", None)
    return env
