"""Benchmark: printing the terminal report of the generated corpus against writing its JSON (target: terminal <= JSON + 50 %)."""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import run as bench_run  # noqa: E402  (bench/run.py: the corpus, its generation and the timing of a command)

TARGET_RATIO = 1.5


def in_process(corpus: Path, cache: Path, jobs: int, repeat: int, out: Path) -> dict:
    """The reporters alone, on one run's result: render and write to a file, median of `repeat`."""
    from factcheck import pipeline
    from factcheck.settings import load_config
    from factcheck.report import FORMATS, terminal, write_atomic

    result = pipeline.run([str(corpus)], load_config(ROOT / "rules"), pipeline.RunOptions(jobs=jobs, cache=cache))
    writers: dict[str, Callable[[], bytes]] = {
        "json": lambda: FORMATS["json"](result),
        "terminal": lambda: FORMATS["terminal"](result),  # the plain form: a pipe, a file, CI
        "terminal_colour": lambda: terminal.report_text(result, colour=True).encode("utf-8"),  # what a terminal gets
    }
    times: dict[str, list[float]] = {name: [] for name in writers}
    sizes: dict[str, int] = {}
    for _ in range(repeat):  # interleaved, so a drift of the machine's speed hits every format alike
        for name, render in writers.items():
            start = time.perf_counter()
            data = render()
            write_atomic(out, data)
            times[name].append(time.perf_counter() - start)
            sizes[name] = len(data)
    figures = {name: {"seconds": statistics.median(runs), "mb": sizes[name] / 1e6} for name, runs in times.items()}
    figures["findings"] = len(result.findings)
    figures["lines"] = terminal.render(result).count("\n")
    return figures


def end_to_end(corpus: Path, cache: Path, jobs: int, repeat: int, out: Path) -> dict:
    """`factcheck check` as a user runs it, warm cache: --format terminal vs --format json to a file."""
    def command(fmt: str) -> list[str]:
        return [sys.executable, "-m", "factcheck", "check", str(corpus), "--format", fmt, "--output", str(out),
                "--cache", str(cache), "--jobs", str(jobs), "--exit-zero"]

    times: dict[str, list[float]] = {"json": [], "terminal": []}
    for _ in range(repeat):
        for fmt in times:
            run = bench_run.timed(command(fmt), ROOT)
            if "failed" in run:
                raise SystemExit(f"factcheck check --format {fmt} failed: {run['failed']}")
            times[fmt].append(run["seconds"])
    return {fmt: {"seconds": statistics.median(runs)} for fmt, runs in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--work", type=Path, default=HERE / "out")
    args = parser.parse_args()
    corpus, _, _ = bench_run.prepare(args.work, args.size, args.seed)
    folder = corpus.parent
    cache, out = folder / "report-speed-cache.sqlite", folder / "report-speed.out"
    print(f"{args.size} documents: reading them once (cache {cache.name}) ...", flush=True)
    figures = {"size": args.size, "in_process": in_process(corpus, cache, args.jobs, args.repeat, out)}
    figures["end_to_end"] = end_to_end(corpus, cache, args.jobs, args.repeat, out)
    out.unlink(missing_ok=True)
    (args.work / "report_speed.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    print_figures(figures)


def print_figures(figures: dict) -> None:
    inner, outer = figures["in_process"], figures["end_to_end"]
    print(f"{inner['findings']:,} findings, terminal report {inner['lines']:,} lines")
    print("report alone (render + write), median:")
    for name in ("json", "terminal", "terminal_colour"):
        ratio = inner[name]["seconds"] / inner["json"]["seconds"]
        print(f"  {name:<16} {inner[name]['seconds']:7.3f} s  {inner[name]['mb']:6.1f} MB  x{ratio:.2f} of JSON")
    print("factcheck check, warm cache, median:")
    for name in ("json", "terminal"):
        print(f"  {name:<16} {outer[name]['seconds']:7.3f} s  x{outer[name]['seconds'] / outer['json']['seconds']:.2f} of JSON")
    for label, ratio in (
        ("report alone", inner["terminal"]["seconds"] / inner["json"]["seconds"]),
        ("report alone, colour", inner["terminal_colour"]["seconds"] / inner["json"]["seconds"]),
        ("whole command", outer["terminal"]["seconds"] / outer["json"]["seconds"]),
    ):
        print(f"{'MET ' if ratio <= TARGET_RATIO else 'MISS'} terminal <= JSON x{TARGET_RATIO} ({label}): x{ratio:.2f}")


if __name__ == "__main__":
    main()
