"""Growth benchmark: does the time of a run stay near linear in its input (issue 11)?

For each case, the input is generated at three sizes, each double the previous, and checked with

    python -m factcheck check FOLDER --format json --no-cache --output REPORT --jobs 1

each run in a fresh subprocess, killed at a time limit (`--timeout`, default 120 s) so that a
hang is reported as one. The subprocess imports factcheck first and then times the command
itself in-process (the click group `factcheck.commands.cli`): the half second of interpreter start and imports
is left out, because at these sizes it would flatten the ratios. `--jobs 1` keeps a pool's
start-up out of the figures as well (the cases are one large document, or many small ones
whose check stage is what grows). The report goes to a file beside the input, not /dev/null:
the report is written atomically (a temporary file renamed over the target), which, run as
root, replaces /dev/null with a regular file.

Printed per case: the seconds at each size and the ratio of each run to the one before it
(one doubling). A ratio of at most 2.5 is "near linear"; 4 is quadratic.

    python bench/growth.py                        # every case at its default sizes
    python bench/growth.py --case dates-line --sizes 30 60 120
    python bench/growth.py --list                 # the cases and their default sizes
    python bench/growth.py --keep DIR             # write the inputs under DIR and keep them

Every document is synthetic text made here (names, outlets and figures drawn from small lists
of our own with a fixed seed): no corpus text is copied. Inputs are written under a temporary
folder, removed afterwards unless `--keep` is given. Not a test: it asserts nothing; read it.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
NEAR_LINEAR = 2.5

# ------------------------------------------------------------------ word lists (our own)

ORGS = ["OpenAI", "谷歌", "微软", "英伟达", "Anthropic", "苹果公司", "Meta", "亚马逊"]
PRODUCTS = ["ChatGPT", "Gemini", "Sora", "Claude", "Copilot", "Llama"]
EVENTS = ["红色警报", "开发者大会", "裁员", "首次公开募股", "诉讼", "峰会", "新一轮融资"]
OUTLETS = ["本报", "晨间快讯", "科技观察", "财经周刊", "海港日报"]
VERBS = ["宣布", "启动", "发布", "举行", "召开", "推出", "结束"]
PEOPLE = ["萨姆·奥特曼", "林思远", "马克·陈", "周雨桐", "杰克·李"]
GIVEN = ["Sam", "Anna", "Peter", "Maria", "John", "Laura", "David", "Elena", "Tom", "Clara"]
FAMILY = ["Walker", "Hughes", "Moreno", "Fischer", "Larsen", "Okafor", "Brennan", "Castillo", "Novak", "Weller"]

HEADER = "source: {source}\ndate: 2025-12-05\n---\n"


def _fill(rng: random.Random, target: int, piece: Callable[[random.Random], str]) -> str:
    """Pieces drawn until the text holds `target` bytes of UTF-8."""
    parts, size = [], 0
    while size < target:
        text = piece(rng)
        parts.append(text)
        size += len(text.encode("utf-8"))
    return "".join(parts)


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


# ------------------------------------------------------------------ the cases


def _one_line(folder: Path, name: str, title: str, size: int, rng: random.Random, forms) -> None:
    """One document whose body is one line of `size` KB: clauses drawn from `forms` (each a
    function of the random source), each ended by a comma, a full stop or a semicolon."""

    def piece(rng: random.Random) -> str:
        return rng.choice(forms)(rng) + rng.choice("，，，。；")

    _write(folder, name, HEADER.format(source=rng.choice(OUTLETS)) + title + "\n" + _fill(rng, size * 1024, piece) + "\n")


def _day(rng: random.Random) -> str:
    return f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def dates_line(folder: Path, size: int, rng: random.Random) -> None:
    """One document whose body is one line of `size` KB holding a date every few characters."""
    _one_line(folder, "dates.txt", "各方动态汇总", size, rng, (
        lambda r: f"{r.choice(ORGS)}于2025年{_day(r)}{r.choice(VERBS)}{r.choice(EVENTS)}",
        lambda r: f"{_day(r)}，{r.choice(PEOPLE)}表示{r.choice(PRODUCTS)}将于{r.randint(1, 12)}月底上线",
        lambda r: f"据{r.choice(OUTLETS)}报道，{r.choice(ORGS)}在{_day(r)}{r.choice(VERBS)}“{r.choice(PRODUCTS)}计划”",
        lambda r: f"{r.choice(ORGS)}曾在2024年{r.randint(1, 4)}月、{r.randint(5, 8)}月和{r.randint(9, 12)}月先后{r.choice(VERBS)}{r.choice(EVENTS)}",
        lambda r: f"{r.choice(PRODUCTS)}的{r.choice(EVENTS)}从{_day(r)}持续到{_day(r)}",
    ))


def latin_line(folder: Path, size: int, rng: random.Random) -> None:
    """One document whose body is one line of `size` KB of Latin names, titles and 和, no punctuation."""

    def piece(rng: random.Random) -> str:
        return f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" + rng.choice((" ", " CEO ", "和", " and ", "前CEO ", "的研究员"))

    _write(folder, "names.txt", HEADER.format(source="海港日报") + "名单\n" + _fill(rng, size * 1024, piece).rstrip() + "\n")


def event_lines(folder: Path, size: int, rng: random.Random) -> None:
    """`size` dated lines about one event (the code red) in one document, among 20 short ones.

    The days and ranges lie around the publication date; the short documents date it too."""
    lines = []
    for _ in range(size):
        first = rng.randint(1, 27)
        date = rng.choice((f"{rng.choice((11, 12))}月{rng.randint(1, 30)}日", f"12月{first}日至{rng.randint(first + 1, 28)}日",
                           "12月初", "上周", "周一"))
        lines.append(f"{rng.choice(ORGS)}消息人士称，OpenAI于{date}启动“红色警报”，{rng.choice(PRODUCTS)}团队随即调整计划。")
    _write(folder, "long.txt", HEADER.format(source="财经周刊") + "红色警报始末\n" + "\n".join(lines) + "\n")
    for index in range(20):
        day = 1 if index % 4 else 2
        body = f"OpenAI首席执行官萨姆·奥特曼于12月{day}日启动“红色警报”，要求员工全力改进ChatGPT。\n"
        _write(folder, f"short_{index:02d}.txt", HEADER.format(source=OUTLETS[index % len(OUTLETS)] + str(index)) + body)


def amounts_line(folder: Path, size: int, rng: random.Random) -> None:
    """One document whose body is one line of `size` KB holding an amount every few characters."""
    _one_line(folder, "amounts.txt", "数字汇总", size, rng, (
        lambda r: f"{r.choice(ORGS)}的估值达到{r.randint(10, 900)}亿美元",
        lambda r: f"{r.choice(PRODUCTS)}周活跃用户{r.randint(1, 9)}亿",
        lambda r: f"{r.choice(ORGS)}计划投入{r.randint(1, 50)}0亿元建设数据中心",
    ))


def metric_docs(folder: Path, size: int, rng: random.Random) -> None:
    """`size` one-line documents, each stating OpenAI's valuation (a figure of its own)."""
    for index in range(size):
        value = rng.randint(100, 99999)
        body = f"据{rng.choice(OUTLETS)}报道，OpenAI的最新估值达到{value}亿美元。\n"
        _write(folder, f"doc_{index:05d}.txt", HEADER.format(source=f"来源{index}") + body)


def backtracking_pattern(folder: Path, size: int, rng: random.Random) -> Path:
    """One document of `size` lines of 40 to 46 `a` and a `!`, rules with `'^(a+)+$'` for boilerplate.

    The pattern is among the boilerplate line patterns of a copy of rules/ (catastrophic for a
    backtracking engine: 2^40 ways to fail on each line)."""
    lines = ["a" * (40 + rng.randrange(7)) + "!" for _ in range(size)]
    _write(folder / "docs", "a.txt", HEADER.format(source="测试") + "标题\n" + "\n".join(lines) + "\n")
    rules = folder / "rules"
    shutil.copytree(ROOT / "rules", rules)
    boilerplate = rules / "boilerplate.toml"
    text = boilerplate.read_text(encoding="utf-8")
    marker = "line_patterns = [\n"
    if marker not in text:
        raise SystemExit("bench/growth.py: rules/boilerplate.toml has no `line_patterns = [` line to add to")
    boilerplate.write_text(text.replace(marker, marker + "    '^(a+)+$',\n", 1), encoding="utf-8")
    return rules


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path, int, random.Random], Path | None]  # returns a rules folder, or None
    sizes: tuple[int, int, int]
    unit: str
    docs_in_subfolder: bool = False


# Sizes: the largest runs in a few seconds when the case is linear. The cases of issue 11: 1
# dates-line, 2 latin-line, 3 event-lines, 4 metric-docs, 5 backtracking-pattern; amounts-line
# was found with this benchmark (amounts.py: each amount filtered every term of its line, until 2c2fb85).
CASES = {
    case.name: case
    for case in (
        Case("dates-line", dates_line, (256, 512, 1024), "KB"),
        Case("latin-line", latin_line, (128, 256, 512), "KB"),
        Case("event-lines", event_lines, (4000, 8000, 16000), "lines"),
        Case("metric-docs", metric_docs, (500, 1000, 2000), "docs"),
        Case("backtracking-pattern", backtracking_pattern, (8000, 16000, 32000), "lines", docs_in_subfolder=True),
        Case("amounts-line", amounts_line, (32, 64, 128), "KB"),
    )
}


# ------------------------------------------------------------------ measuring

# The measured process: imports first (not timed), then the command, timed; prints the seconds.
CHILD = """
import json, sys, time
from factcheck import commands
argv = json.loads(sys.argv[1])
start = time.perf_counter()
try:
    commands.cli.main(args=argv, prog_name="factcheck")  # commands.main would leave by os._exit
except SystemExit as stop:
    code = stop.code
else:
    code = 0
print(json.dumps({"seconds": time.perf_counter() - start, "exit": code}))
"""


def measure(folder: Path, report: Path, rules: Path | None, timeout: float, code: Path = ROOT) -> tuple[float | None, str]:
    """(seconds, note) of one check of `folder`; None when it timed out or failed."""
    argv = ["check", str(folder), "--format", "json", "--no-cache", "--output", str(report), "--jobs", "1"]
    if rules is not None:
        argv += ["--rules", str(rules)]
    try:
        run = subprocess.run([sys.executable, "-c", CHILD, json.dumps(argv)], cwd=code, capture_output=True,
                             text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"hang (> {timeout:g} s)"
    try:
        result = json.loads(run.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return None, f"failed (exit {run.returncode}): {run.stderr.strip()[-300:]}"
    if result["exit"] not in (0, 1):
        return None, f"failed (exit {result['exit']}): {run.stderr.strip()[-300:]}"
    return result["seconds"], ""


def run_case(case: Case, sizes: list[int], work: Path, timeout: float, seed: int, code: Path = ROOT) -> dict:
    rows = []
    previous: float | None = None
    hung = False
    for size in sizes:
        folder = work / case.name / str(size)
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        rules = case.make(folder, size, random.Random(f"{seed}-{case.name}-{size}"))
        target = folder / "docs" if case.docs_in_subfolder else folder
        megabytes = sum(p.stat().st_size for p in target.rglob("*.txt")) / 1e6
        if hung:  # a larger input after a hang would hang too: not run
            seconds, note = None, "not run (the smaller size hung)"
        else:
            seconds, note = measure(target, folder.with_suffix(".report.json"), rules, timeout, code)
            hung = seconds is None
        ratio = seconds / previous if seconds is not None and previous else None
        rows.append({"size": size, "unit": case.unit, "mb": round(megabytes, 3), "seconds": seconds,
                     "ratio": ratio, "note": note})
        previous = seconds
        print(f"  {size:>7} {case.unit:<5} {megabytes:7.3f} MB  "
              + (f"{seconds:8.2f} s" if seconds is not None else f"{'-':>8}  ")
              + (f"  x{ratio:.2f}" if ratio is not None else "")
              + (f"  {note}" if note else ""), flush=True)
    ratios = [row["ratio"] for row in rows if row["ratio"] is not None]
    worst = max(ratios) if ratios else None
    if any(row["seconds"] is None for row in rows):
        verdict = "HANG OR FAILURE"
    elif worst is None:
        verdict = "one size: no ratio"
    elif worst <= NEAR_LINEAR:
        verdict = "near linear"
    else:
        verdict = "SUPERLINEAR"
    print(f"  -> worst ratio per doubling {worst:.2f}: {verdict}" if worst is not None else f"  -> {verdict}", flush=True)
    return {"case": case.name, "rows": rows, "worst_ratio": worst, "verdict": verdict}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="a case to run (repeatable; default all)")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes to run instead of the case's defaults (one case only)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run counts as a hang (default 120)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="write the inputs under this folder and keep them")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="a folder holding the factcheck package (and rules/) to measure instead of this one's, "
                             "e.g. an older commit: git archive COMMIT factcheck rules | tar -x -C DIR")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    args = parser.parse_args(argv)
    if args.list:
        for case in CASES.values():
            print(f"{case.name:<22} sizes {' '.join(map(str, case.sizes))} {case.unit}: {case.make.__doc__.split(chr(10))[0]}")
        return 0
    names = args.case or list(CASES)
    if args.sizes and len(names) != 1:
        parser.error("--sizes needs exactly one --case")
    work = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-growth-"))
    results = []
    try:
        for name in names:
            case = CASES[name]
            print(f"{name}: {case.make.__doc__.split(chr(10))[0]}", flush=True)
            results.append(run_case(case, args.sizes or list(case.sizes), work, args.timeout, args.seed, args.code.resolve()))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
